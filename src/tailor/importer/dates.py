"""Dates and date ranges as résumés write them, into JSON Resume's ISO form.

"Sep 2023 – Present", "09/2021 - 08/2023", "2019–2021", "since March 2020":
each found with its place in the text, so the rest of the line (an employer, a
city) can be read without it. Only the format changes: the year and month are
the ones written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_ONE = (
    rf"(?:{_MONTH}\s+{_YEAR}|{_MONTH},\s*{_YEAR}|(?:0?[1-9]|1[0-2])[/.]{_YEAR}"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])(?:-\d\d)?|{_YEAR})"
)
_NOW = r"(?:present|current|now|today|ongoing|date)"
_RANGE = re.compile(
    rf"(?<![\w/.-])(?P<start>{_ONE})\s*(?:–|—|-|−|to|until|till|through)\s*"
    rf"(?P<end>{_ONE}|{_NOW})(?![\w/-])",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"(?<![\w/.-])(?:since|from)\s+(?P<start>{_ONE})(?![\w/-])", re.IGNORECASE)
_SINGLE = re.compile(rf"(?<![\w/.-])(?P<start>{_ONE})(?![\w/-])", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    start: str
    end: str | None
    span: tuple[int, int]
    """Where in the text the dates were written."""
    ranged: bool


def iso(text: str) -> str | None:
    """'Sep 2023' -> '2023-09', '09/2023' -> '2023-09', '2021' -> '2021', 'Present' -> 'present'."""
    value = text.strip().rstrip(".").lower()
    if re.fullmatch(_NOW, value):
        return "present"
    match = re.fullmatch(rf"({_MONTH})[\s,]+({_YEAR})", value, re.IGNORECASE)
    if match:
        month = _MONTHS[match.group(1).rstrip(".")[:3]]
        return f"{match.group(2)}-{month:02d}"
    match = re.fullmatch(rf"(0?[1-9]|1[0-2])[/.]({_YEAR})", value)
    if match:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.fullmatch(rf"({_YEAR})(-(0[1-9]|1[0-2])(-\d\d)?)?", value)
    if match:
        return value
    return None


def find_range(text: str) -> Found | None:
    """The first date range in `text` (or "since DATE"), else None."""
    match = _RANGE.search(text)
    if match:
        start, end = iso(match.group("start")), iso(match.group("end"))
        if start and end and (end == "present" or end >= start[: len(end)]):
            return Found(start, end, match.span(), True)
    match = _SINCE.search(text)
    if match:
        start = iso(match.group("start"))
        if start:
            return Found(start, "present", match.span(), True)
    return None


def find_date(text: str) -> Found | None:
    """A range, or else the last single date (a certificate's, a publication's: the
    date ends the line, a year earlier in it is part of a title or a venue)."""
    found = find_range(text)
    if found:
        return found
    for match in reversed(list(_SINGLE.finditer(text))):
        start = iso(match.group("start"))
        if start:
            return Found(start, None, match.span(), False)
    return None


def without(text: str, span: tuple[int, int]) -> str:
    """`text` with the dates cut out: what stood on either side of them becomes two
    pieces (" | "), so that neither is text the source never had in one piece."""
    rest = text[: span[0]] + " | " + text[span[1] :]
    rest = re.sub(r"\(\s*\|\s*\)", " | ", rest)
    rest = re.sub(r"^[\s,;:.·•|–—-]*\|", "", rest)  # nothing but separators before the dates
    rest = re.sub(r"\|[\s,;:.·•|–—-]*$", "", rest)  # … or after them
    return " ".join(rest.split()).strip(" ,|·•–—-:;")


_TRAILING = re.compile(
    rf"^(?P<head>.*?[^\s–—-])\s+(?P<dates>(?:{_MONTH}\s+)?{_YEAR}\s*(?:–|—|-|to)\s*"
    rf"(?:(?:{_MONTH}\s+)?{_YEAR}|{_MONTH}|{_NOW})?)$",
    re.IGNORECASE,
)


def split_trailing_dates(text: str) -> list[str]:
    """ "Employer name Jun 2021 – Jul" -> ["Employer name", "Jun 2021 – Jul"]: dates set at
    the right margin whose gap a narrow layout squeezed, even when they wrapped."""
    match = _TRAILING.match(text)
    if match is None or text.lstrip()[:1] in "•●▪■◦‣∙➢➤►▸":
        return [text]
    head, dates = match.group("head"), match.group("dates")
    month = _ENDS_MONTH.search(head)
    if month:  # "Feb 2020 – Present": the month belongs to the dates
        head, dates = head[: month.start()].strip(), f"{month.group().strip()} {dates}"
    return [head, dates] if head else [text]


_ENDS_MONTH = re.compile(rf"(?:^|\s){_MONTH}$", re.IGNORECASE)
_STARTS_YEAR = re.compile(rf"^{_YEAR}\b")


def rejoin_dates(parts: list[str]) -> list[str]:
    """Parts of a row split inside a date ("Sep" | "2016 – Jul 2019") joined again."""
    out: list[str] = []
    for part in parts:
        if out and _ENDS_MONTH.search(out[-1]) and _STARTS_YEAR.match(part):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
