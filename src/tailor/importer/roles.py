"""Work and volunteer entries: employer, title, dates, place, summary and bullets.

Which header piece is the title and which the employer is read from the words
(a title names a role: engineer, nurse, teacher, manager …) and from the
separator ("Title at Employer"); when the words do not tell, the usual order is
taken and both values are marked for review.
"""

from __future__ import annotations

import re

from tailor.importer.contact import is_location
from tailor.importer.draft import Entry
from tailor.importer.entries import Header, Piece, RawEntry, read_header, split_commas
from tailor.importer.lexicon import is_lexeme

ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|manager|director|lead|head|chief|officer|analyst|"
    r"scientist|researcher|consultant|specialist|assistant|associate|intern|trainee|apprentice|"
    r"nurse|teacher|lecturer|professor|instructor|tutor|designer|architect|administrator|"
    r"coordinator|supervisor|technician|representative|accountant|editor|writer|author|"
    r"founder|co-founder|owner|partner|president|vice|vp|cto|ceo|cfo|advisor|adviser|"
    r"physician|doctor|therapist|pharmacist|clerk|agent|executive|strategist|planner|"
    r"principal|staff|senior|junior|fellow|volunteer|member|mentor|coach|counsel|lawyer|"
    r"paralegal|attorney|auditor|buyer|chef|cook|driver|operator|mechanic|electrician|"
    r"technologist|practitioner|midwife|carer|worker|student|postdoc|tester|sre|devops)s?\b",
    re.IGNORECASE,
)


ORG_WORDS = re.compile(
    r"\b(?:inc|ltd|llc|llp|gmbh|ag|plc|corp|corporation|company|co|sa|bv|nv|pty|group|labs?|"
    r"technologies|systems|solutions|partners|university|college|hospital|trust|council|"
    r"school|schools|bank|agency|ministry|department|foundation|institute|studio)\b\.?",
    re.IGNORECASE,
)
"""Words that name an organisation: "Beispiel AG", "Riverside NHS Trust"."""


def is_title(text: str) -> bool:
    return bool(ROLE_WORDS.search(text))


def read_role(raw: RawEntry, *, employer_key: str = "name") -> Entry:
    """One work (or, with employer_key="organization", volunteer) entry."""
    entry = Entry({}, raw.where)
    header = read_header(raw, not_place=_names_role_or_org)
    pieces, place = _with_commas(header.pieces)
    employer, title, unsure = _employer_and_title(pieces)
    if pieces != header.pieces:
        unsure = unsure or "split from the line at a comma"
    if place and not header.location:
        header.location = place
        entry.review["location"] = "taken from after the employer's comma"
    if employer and not header.location and (town := _town_after_dash(employer)):
        employer, header.location = employer[: -len(town)].rstrip(" –-"), town
        entry.review["location"] = "taken from after the employer's dash"
    entry.set(employer_key, employer, unsure)
    entry.set("position", title, unsure)
    if employer_key == "name" and header.location:
        entry.set("location", header.location)
    if header.urls:
        entry.set("url", header.urls[0])
    _dates(entry, header)
    if raw.paragraphs:
        entry.set("summary", " ".join(line.text for line in raw.paragraphs))
    entry.set("highlights", [line.text for line in raw.bullets])
    if raw.bullets and employer is None and title is None:
        entry.review["highlights"] = "no employer or title found above these bullets"
    return entry


def _names_role_or_org(text: str) -> bool:
    """ "Acme Labs, Senior Engineer": a job title or an organisation's word is no place."""
    return is_title(text) or bool(ORG_WORDS.search(text))


def _dates(entry: Entry, header: Header) -> None:
    if header.dates is None:
        return
    entry.set("startDate", header.dates.start)
    if header.dates.end:
        entry.set("endDate", header.dates.end)


def _with_commas(pieces: list[Piece]) -> tuple[list[Piece], str | None]:
    """ "Junior Developer, Beta Ltd" or "Acme Corp, London": split at the comma when that
    tells a title from an employer, or an employer from its town."""
    titled = [p for p in pieces if is_title(p.text)]
    if len(pieces) == 2 and len(titled) == 1 and len(split_commas(titled)) >= 2:
        # "Aire Valley NHS Trust, Staff Nurse (Band 5)" | "Leeds": the cell beside a header
        # holding both the employer and the title is the town.
        other = pieces[1] if titled[0] is pieces[0] else pieces[0]
        if _town_name(other.text):
            found, place = _with_commas(titled)
            if len(found) == 2:
                return found, place or other.text
    if len(pieces) >= 2 and titled and len(titled) < len(pieces):
        # Title and employer already apart; a town may follow the employer's comma.
        place = None
        out: list[Piece] = []
        for piece in pieces:
            parts = split_commas([piece])
            if piece not in titled and len(parts) == 2 and _town(parts[1].text):
                out.append(parts[0])
                place = parts[1].text
            else:
                out.append(piece)
        return out, place
    if len(pieces) == 1:
        parts = split_commas(pieces)
        if len(parts) >= 2 and sum(is_title(p.text) for p in parts[:2]) == 1:
            place = parts[2].text if len(parts) == 3 and _town(parts[2].text) else None
            if place or len(parts) == 2:
                return parts[:2], place
            return _title_with_commas(parts), None
    return pieces, None


_BRACKETS = re.compile(r"\([^)]*\)")
"""A title's qualifier, "Healthcare Assistant (Bank)", names no organisation."""


def _title_with_commas(parts: list[Piece]) -> list[Piece]:
    """ "Employer, Title, Ward 14" or "Title, Ward 14, Employer – Town": three or more
    comma parts of which only the first or only the last names an organisation; the parts
    between it and the title are the title's ("Staff Nurse (Band 5), Acute Medical Unit").
    Anything else stays one piece."""
    named = [n for n, p in enumerate(parts) if ORG_WORDS.search(_BRACKETS.sub("", p.text))]
    if named == [0] and is_title(parts[1].text):
        employer, title = parts[0], parts[1:]
    elif named == [len(parts) - 1] and is_title(parts[0].text):
        employer, title = parts[-1], parts[:-1]
    else:
        return [Piece(", ".join(p.text for p in parts), parts[0].line, parts[0].joined_by)]
    words = ", ".join(p.text for p in title)
    if employer is parts[0]:
        return [employer, Piece(words, title[0].line, ",")]
    return [Piece(words, title[0].line, title[0].joined_by), employer]


def _town_after_dash(employer: str) -> str | None:
    """ "Aire Valley NHS Trust – Leeds": a town after an organisation's spaced dash."""
    parts = re.split(r"\s+[–-]\s+", employer)
    if len(parts) >= 2 and _town_name(parts[-1]) and ORG_WORDS.search(" ".join(parts[:-1])):
        return parts[-1]
    return None


def _town_name(text: str) -> bool:
    """A town, told from a unit of the organisation ("Summer Literacy Academy") by a word
    no dictionary has: "Leeds", "New York" (a town named by English words, "Bath", is
    missed, and stays part of the employer)."""
    return _town(text) and not all(is_lexeme(w.lower()) for w in re.findall(r"[^\W\d_]+", text))


def _town(text: str) -> bool:
    """One to three capitalised words: a town after an employer's comma."""
    words = text.split()
    return (
        1 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not is_location(text)
        and not ORG_WORDS.search(text)
    )


def _employer_and_title(pieces: list[Piece]) -> tuple[str | None, str | None, str | None]:
    """(employer, title, why unsure or None)."""
    if not pieces:
        return None, None, None
    if len(pieces) == 1:
        only = pieces[0].text
        if is_title(only):
            return None, only, "no employer found next to this title"
        return only, None, "no title found next to this employer"
    first, second = pieces[0], pieces[1]
    titled = [p for p in pieces[:3] if is_title(p.text)]
    if second.joined_by == "at":
        return second.text, first.text, None
    if len(titled) == 1:
        title = titled[0]
        employer = next(p for p in pieces[:3] if p is not title)
        return employer.text, title.text, None
    named = [p for p in pieces[:2] if ORG_WORDS.search(p.text)]
    if len(named) == 1:
        employer = named[0]
        title = first if employer is second else second
        return employer.text, title.text, None
    unsure = "title and employer told apart by their order only"
    if first.line == second.line:
        return second.text, first.text, unsure  # "Title — Employer" on one line
    return first.text, second.text, unsure  # "Employer" above "Title"
