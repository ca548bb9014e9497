"""A section's lines -> raw entries: header lines, dates, paragraphs and bullets.

An entry starts at a header line (short, not a bullet, not a sentence) that
follows bullets or text, or at a second date line. Whether an entry's dates
come first or last decides which header lines belong to the next entry, so both
"Title — Employer / dates" and "Employer  dates / Title" read right. The header
is cut into pieces at the usual separators; the dates, URLs and places are taken
out of them, and the section's reader decides what the remaining pieces are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tailor.importer.contact import URL, is_location
from tailor.importer.dates import Found, find_date, find_range, without
from tailor.importer.lines import Line, where_span

_STRONG = re.compile(r"\s+(?:—|@)\s+|\s*[|·•]\s*|\t")
_WEAK = re.compile(r"\s+[–-]\s+")
_AT = re.compile(r"\s+at\s+")


@dataclass
class Piece:
    text: str
    line: int
    """Which header line it came from (0 = the first)."""
    joined_by: str = ""
    """The separator before it on its line ("—", "at", "" for the first piece)."""


@dataclass
class RawEntry:
    header: list[Line] = field(default_factory=list)
    paragraphs: list[Line] = field(default_factory=list)
    bullets: list[Line] = field(default_factory=list)
    date_line: int | None = None
    dates: Found | None = None

    @property
    def lines(self) -> list[Line]:
        return [*self.header, *self.paragraphs, *self.bullets]

    @property
    def where(self) -> str:
        every = self.lines
        return where_span(every[0].where, every[-1].where) if every else ""


@dataclass
class Header:
    pieces: list[Piece]
    dates: Found | None
    urls: list[str]
    location: str | None


def is_paragraph(line: Line) -> bool:
    """A sentence, not a header: long, or a full stop after several words."""
    words = len(line.text.split())
    if line.bold or line.heading:
        return words >= 25
    return words >= 16 or (line.text.endswith(".") and words >= 7)


def split_entries(lines: list[Line], *, single_dates: bool = False) -> list[RawEntry]:
    """Raw entries in order; `single_dates` when one date (not a range) marks an entry."""
    finder = find_date if single_dates else find_range
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for line in lines:
        if line.bullet:
            current = current or _new(entries)
            current.bullets.append(line)
            continue
        dated = finder(line.text)
        if is_paragraph(line) and not dated:
            current = current or _new(entries)
            current.paragraphs.append(line)
            continue
        if (
            dated
            and current is not None
            and current.dates is not None
            and not current.bullets
            and _mostly_date(line.text, dated)
            and not _mostly_date(current.header[current.date_line or 0].text, current.dates)
        ):
            # "Title — Venue 2021" then "Aug 2021 · URL": the dates line is the entry's.
            current.dates = dated
            current.date_line = len(current.header)
            current.header.append(line)
            continue
        if current is None or current.bullets or current.paragraphs or _next_header(current, line):
            current = _new(entries)
        elif dated and current.dates is not None:
            after = current.header[(current.date_line or 0) + 1 :]
            # "Title2" then "dates2" after an entry: move Title2 along (not when the
            # dates open their entry's line, nor when this line has more than dates).
            moved = [] if current.date_line == 0 or not _mostly_date(line.text, dated) else after
            if moved:
                del current.header[len(current.header) - len(moved) :]
            current = _new(entries)
            current.header.extend(moved)
        if dated and current.dates is None:
            current.dates = dated
            current.date_line = len(current.header)
        current.header.append(line)
    return entries


def _next_header(current: RawEntry, line: Line) -> bool:
    """An undated bold line, after a dated entry, that looks like that entry's first line:
    "School (bold) / dates / degree" followed by the next "School (bold)"."""
    if current.dates is None or not current.header or not line.bold:
        return False
    first = current.header[0]
    return first.bold and abs(first.size - line.size) < 0.3 and len(current.header) >= 2


def _mostly_date(text: str, found: Found) -> bool:
    """A line that is its dates, perhaps with a place or a URL: not a title with a year."""
    rest = URL.sub(" ", without(text, found.span))
    return sum(1 for word in rest.split() if any(c.isalnum() for c in word)) <= 3


def _new(entries: list[RawEntry]) -> RawEntry:
    entries.append(RawEntry())
    return entries[-1]


def read_header(
    entry: RawEntry, *, single_dates: bool = False, not_place: Callable[[str], bool] | None = None
) -> Header:
    """The entry's header cut into pieces, with dates, URLs and a place taken out.

    `not_place` vetoes a piece that has a place's shape ("Acme Labs, Senior Engineer"
    reads like "Town, Region") but that the section knows to be something else.
    """
    finder = find_date if single_dates else find_range
    pieces: list[Piece] = []
    urls: list[str] = []
    location: str | None = None
    dates = entry.dates
    for number, line in enumerate(entry.header):
        for segment in line.segments:
            text = segment
            if number == entry.date_line and dates is not None:
                found = finder(text)
                if found is not None and found.start == dates.start:
                    text = without(text, found.span)
            for match in list(URL.finditer(text)):
                urls.append(match.group().rstrip(".,)"))
            text = URL.sub(" | ", text)
            for piece in _split(text, number, weak=len(line.segments) == 1):
                if (
                    location is None
                    and is_location(piece.text)
                    and not (not_place and not_place(piece.text))
                ):
                    location = piece.text
                elif piece.text.lower() in ("remote", "hybrid", "on-site"):
                    location = location or piece.text
                elif location is None and (place := _place_after_dash(piece.text)):
                    # "Acme Labs – Seattle, WA" on a line cut at its commas and bars only
                    location = place
                    pieces.append(Piece(piece.text[: -len(place)].rstrip(" –-"), number,
                                        piece.joined_by))  # fmt: skip
                else:
                    pieces.append(piece)
    return Header(pieces, dates, urls, location)


def _place_after_dash(text: str) -> str | None:
    """The "Town, Region" after a piece's last spaced dash, if that is what follows it."""
    parts = _WEAK.split(text)
    if len(parts) >= 2 and is_location(parts[-1]) and parts[-1] != text:
        return parts[-1]
    return None


def _split(text: str, line: int, *, weak: bool) -> list[Piece]:
    out: list[Piece] = []
    position = 0
    separator = ""
    pattern = _STRONG if _STRONG.search(text) or not weak else _WEAK
    for match in pattern.finditer(text):
        _add(out, text[position : match.start()], line, separator)
        separator = match.group().strip() or "tab"
        position = match.end()
    _add(out, text[position:], line, separator)
    if len(out) == 1:
        parts = _AT.split(out[0].text, maxsplit=1)
        if len(parts) == 2 and all(parts):
            return [Piece(parts[0], line), Piece(parts[1], line, "at")]
    return out


def _add(out: list[Piece], text: str, line: int, separator: str) -> None:
    text = text.strip(" ,;:|·–—-")
    if text and any(c.isalnum() for c in text):
        out.append(Piece(text, line, separator))


def split_commas(pieces: list[Piece]) -> list[Piece]:
    """Pieces cut again at their commas ("Junior Developer, Beta Ltd"), outside brackets."""
    out: list[Piece] = []
    for piece in pieces:
        depth = 0
        start = 0
        parts: list[str] = []
        for i, char in enumerate(piece.text):
            depth += char in "([{"
            depth -= char in ")]}" and depth > 0
            if char == "," and depth == 0:
                parts.append(piece.text[start:i])
                start = i + 1
        parts.append(piece.text[start:])
        parts = [p.strip() for p in parts if p.strip()]
        out.extend(
            Piece(text, piece.line, piece.joined_by if n == 0 else ",")
            for n, text in enumerate(parts)
        )
    return out
