"""Lines -> a Draft: each section read by its reader, then checked against the model.

A value the profile model refuses (an end date before the start, say) is
dropped and marked for review rather than written into a profile that would not
load; nothing is ever filled in to make it load.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from tailor.importer.contact import read_basics
from tailor.importer.draft import Draft, Entry
from tailor.importer.education import read_school
from tailor.importer.entries import split_entries
from tailor.importer.hyphens import visible
from tailor.importer.lines import Line
from tailor.importer.lists import read_dated, read_interests, read_languages, read_skills
from tailor.importer.roles import read_role
from tailor.importer.sections import split_sections


class NotAResume(Exception):
    """No contact details and no dated entries, or no name: nothing to build a profile on."""


def build_draft(lines: list[Line], source: str) -> Draft:
    for line in lines:
        line.text = visible(line.text)
        line.segments = [visible(part) for part in line.segments]
    sections = split_sections(lines)
    summary = [line for s in sections if s.kind == "summary" for line in s.lines]
    basics = read_basics(sections[0].lines, lines, summary)
    draft = Draft(source=source, basics=basics)
    for section in sections[1:]:
        kind = section.kind
        if kind in ("work", "volunteer"):
            key = "name" if kind == "work" else "organization"
            for raw in split_entries(section.lines):
                draft.add(kind, read_role(raw, employer_key=key))
        elif kind == "education":
            for raw in split_entries(section.lines):
                draft.add(kind, read_school(raw))
        elif kind == "skills":
            for entry in read_skills(section.lines):
                draft.add(kind, entry)
        elif kind == "languages":
            for entry in read_languages(section.lines):
                draft.add(kind, entry)
        elif kind == "interests":
            for entry in read_interests(section.lines):
                draft.add(kind, entry)
        elif kind in ("certificates", "awards", "publications", "projects"):
            for raw in split_entries(section.lines, single_dates=True):
                for entry in read_dated(raw, kind):
                    draft.add(kind, entry)
        elif kind != "summary":
            draft.unread.extend(line.where for line in section.lines)
    _mark_guesses(draft, [word for line in lines for word in line.guesses])
    return draft


def _mark_guesses(draft: Draft, guesses: list[str]) -> None:
    """Mark each value holding a word rejoined at a line break by guess (kept as printed)."""
    if not guesses:
        return
    entries = [draft.basics, *(e for es in draft.sections.values() for e in es)]
    for entry in entries:
        for key, value in entry.values.items():
            texts = value if isinstance(value, list) else [value]
            found = sorted({g for g in guesses for t in texts if isinstance(t, str) and g in t})
            if found:
                words = ", ".join(f"'{g}'" for g in found)
                entry.review.setdefault(
                    key,
                    f"{words} was hyphenated at a line break and kept as printed; "
                    "remove the hyphen if it is one word",
                )


def require_resume(draft: Draft) -> None:
    """Refuse what is not a résumé: it needs a name, and contact details or dated entries."""
    basics = draft.basics.values
    contact = any(k in basics for k in ("email", "phone", "url", "profiles"))
    dated = any(
        "startDate" in e.values or "date" in e.values
        for entries in draft.sections.values()
        for e in entries
    )
    if not contact and not dated:
        raise NotAResume(
            "does not look like a résumé (no contact details and no dated entries); "
            "import your résumé or CV"
        )
    if "name" not in basics:
        raise NotAResume(
            "found no name at the top; put your name alone on the first line and import again"
        )


def make_valid(draft: Draft) -> None:
    """Drop the values the profile model refuses, each marked for review."""
    from tailor.profile.model import Profile

    for _ in range(50):
        try:
            Profile.model_validate(as_data(draft))
            return
        except ValidationError as exc:
            error = exc.errors()[0]
            if not _drop(draft, error["loc"], error["msg"]):
                raise
    Profile.model_validate(as_data(draft))


def _drop(draft: Draft, loc: tuple[Any, ...], message: str) -> bool:
    if len(loc) >= 3 and loc[0] in draft.sections and isinstance(loc[1], int):
        entry = draft.sections[loc[0]][loc[1]]
    elif loc and loc[0] == "basics" and len(loc) >= 2:
        entry = draft.basics
        loc = ("basics", 0, *loc[1:])
    else:
        return False
    key = str(loc[2])
    if key not in entry.values:
        return False
    value = entry.values.pop(key)
    entry.review[key] = f"'{value}' left out: {message}"
    return True


def as_data(draft: Draft) -> dict[str, Any]:
    from tailor.importer.draft import SECTION_ORDER

    data: dict[str, Any] = {"basics": dict(draft.basics.values)}
    for kind in SECTION_ORDER:
        entries: list[Entry] = draft.sections.get(kind, [])
        if entries:
            data[kind] = [dict(e.values) for e in entries]
    return data
