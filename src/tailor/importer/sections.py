"""Lines -> sections, by headings recognised from their words and their look.

A heading is a short line that reads like one of the usual English section
names ("Work History", "PROFESSIONAL EXPERIENCE", "Licences & Certifications")
and looks like a heading: a heading style, bold, all capitals, larger than the
body text, or alone on its line ending in a colon. The lines before the first
heading are the header (name and contact details).
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass, field

from tailor.importer.lines import Line

NAMES: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "profile", "about", "about me", "professional summary", "career summary",
        "personal statement", "objective", "career objective", "overview", "executive summary",
        "professional profile", "personal profile", "introduction",
    ),
    "work": (
        "experience", "work experience", "professional experience", "work history",
        "employment", "employment history", "career history", "relevant experience",
        "career", "professional background", "positions", "experience highlights",
        "industry experience", "teaching experience", "clinical experience",
    ),
    "education": (
        "education", "academic background", "education and training", "qualifications",
        "academic qualifications", "education & training", "academic history", "studies",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies",
        "competencies", "expertise", "areas of expertise", "skills and tools", "tools",
        "technologies", "skills & tools", "skills summary", "key skills for this role",
        "technical proficiencies", "clinical skills",
    ),
    "certificates": (
        "certifications", "certificates", "licenses", "licences", "certifications and licenses",
        "licenses and certifications", "licences and certifications", "licenses & certifications",
        "licences & certifications", "professional certifications", "accreditations",
        "registrations",
    ),
    "projects": ("projects", "personal projects", "selected projects", "key projects",
                 "side projects", "open source"),
    "publications": ("publications", "selected publications", "papers", "research"),
    "volunteer": ("volunteer", "volunteering", "volunteer experience", "volunteer work",
                  "community involvement", "community service"),
    "languages": ("languages", "language skills", "spoken languages"),
    "awards": ("awards", "honors", "honours", "awards and honors", "awards & honours",
               "achievements", "honors and awards", "honours and awards"),
    "interests": ("interests", "hobbies", "hobbies and interests", "personal interests"),
    "references": ("references", "referees"),
}  # fmt: skip
_LOOKUP = {name: section for section, names in NAMES.items() for name in names}
_CUTOFF = 0.86


@dataclass
class Section:
    kind: str
    """One of NAMES' keys, or "header" for the lines before the first heading."""
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


def section_kind(text: str) -> tuple[str, float] | None:
    """The section a heading's words name, and how sure (1.0 = an exact name).

    A bilingual heading ("Berufserfahrung / Experience") is matched by either half.
    """
    if "/" in text:
        for part in text.split("/"):
            found = section_kind(part)
            if found is not None:
                return found
        return None
    words = re.sub(r"[^\w&\s]", " ", text.lower()).replace("&", "and")
    words = " ".join(words.split())
    if not words or len(words) > 40:
        return None
    if words in _LOOKUP:
        return _LOOKUP[words], 1.0
    keys = list(_LOOKUP)
    close = difflib.get_close_matches(words, keys, n=1, cutoff=_CUTOFF)
    if close:
        return _LOOKUP[close[0]], difflib.SequenceMatcher(None, words, close[0]).ratio()
    return None


def split_sections(lines: list[Line]) -> list[Section]:
    body_size = _body_size(lines)
    sections = [Section("header", None)]
    for line in lines:
        kind = _heading_kind(line, body_size)
        if kind is not None:
            sections.append(Section(kind, line))
        else:
            sections[-1].lines.append(line)
    return sections


def _body_size(lines: list[Line]) -> float:
    sizes = [line.size for line in lines if line.size > 0]
    return statistics.median(sizes) if sizes else 0.0


def _heading_kind(line: Line, body_size: float) -> str | None:
    if line.bullet or len(line.segments) > 1 or len(line.text) > 45:
        return None
    text = line.text.rstrip(":").strip()
    found = section_kind(text)
    if found is None:
        return None
    kind, sureness = found
    looks = (
        line.heading
        or line.bold
        or (text.isupper() and len(text) > 2)
        or (body_size > 0 and line.size > body_size + 0.4)
        or line.text.endswith(":")
    )
    plain_exact = sureness == 1.0 and len(text.split()) <= 3 and text[:1].isupper()
    return kind if looks or plain_exact else None
