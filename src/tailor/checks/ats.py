"""What an applicant-tracking system must be able to read back from a résumé.

An ATS turns the file into plain text and looks for the candidate's name and
contact details, the section headings, each role with its dates, and the
keywords the posting asked for. This module lists those fields, in the order
the résumé presents them, and checks a text extraction of the document against
them: every field present, and in reading order.

Used by the tests (text read back with python-docx) and by
`benchmarks/ats.py` (text exported by LibreOffice and by pdftotext).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tailor.render.context import ResumeContext

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Field:
    kind: str  # "name", "contact", "heading", "role", "dates", "keyword"
    text: str
    ordered: bool = True  # keywords may appear anywhere


# Section order and heading words of the built-in templates; None: no heading.
CLASSIC_SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("summary", "Summary"),
    ("skills", "Skills"),
    ("work", "Experience"),
    ("education", "Education"),
)
MODERN_SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("summary", None),
    ("work", "Experience"),
    ("education", "Education"),
    ("skills", "Skills"),
)
SECTIONS = {"classic": CLASSIC_SECTIONS, "modern": MODERN_SECTIONS}


def expected_fields(
    context: ResumeContext, sections: tuple[tuple[str, str | None], ...] = CLASSIC_SECTIONS
) -> list[Field]:
    """The fields a résumé built from `context` must show, in reading order.

    `sections` is the template's order of sections and their heading words.
    Keywords are the matched skills as the résumé names them; where it shows
    "profile wording (posting wording)", either part found counts.
    """
    a = context.applicant
    fields = [Field("name", a.name)]
    fields += [Field("contact", c) for c in (a.email, a.phone) if c]
    for key, heading in sections:
        entries = getattr(context, key)
        if not entries or (key == "skills" and not (context.skills or context.matched_skills)):
            continue
        if heading:
            fields.append(Field("heading", heading))
        if key in ("work", "education"):
            for entry in entries:
                fields.append(Field("role", entry.title))
                if entry.dates:
                    fields.append(Field("dates", entry.dates))
    fields += [Field("keyword", k, ordered=False) for k in context.matched_skills]
    return fields


def missing_fields(text: str, fields: list[Field]) -> list[str]:
    """Problems with an extracted text: fields absent, or out of reading order.

    Matching ignores case and collapses whitespace (extractors break lines
    and may upper-case small-caps headings).
    """
    flat = _SPACE.sub(" ", text).casefold()
    problems = []
    position = 0
    for field in fields:
        wanted = _SPACE.sub(" ", field.text).casefold()
        if field.ordered:
            found = flat.find(wanted, position)
            if found == -1:
                where = "missing" if wanted not in flat else "out of order"
                problems.append(f"{field.kind} {field.text!r}: {where}")
                continue
            position = found + len(wanted)
        elif not any(_SPACE.sub(" ", form).casefold() in flat for form in _forms(field.text)):
            problems.append(f"{field.kind} {field.text!r}: missing")
    return problems


_ALIAS = re.compile(r"^(?P<mine>.+?) \((?P<theirs>[^()]+)\)$")


def _forms(keyword: str) -> list[str]:
    """ "Machine Learning (ML)" may be found as a whole or as either of its parts."""
    found = _ALIAS.match(keyword)
    return [keyword, found["mine"], found["theirs"]] if found else [keyword]
