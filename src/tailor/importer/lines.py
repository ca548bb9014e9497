"""The one shape every source reader produces: lines in reading order, with layout.

A PDF gives font size, weight and position; a DOCX gives styles and list
marks; a text file gives only indentation and Markdown marks. The later stages
use whatever is known (`size` is 0 when unknown) and never the source format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLETS = "•●▪■◦○‣∙➢➤►▸-–—*\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8"
"""Characters that open a bullet line (the last ones: Word's Symbol and Wingdings
bullets, which PDFs made from Word keep as private-use characters)."""
_GLYPHS = "•●▪■◦‣∙➢➤►▸\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8"


@dataclass
class Line:
    text: str
    """The line's text, whitespace collapsed; bullet character removed when `bullet`."""
    where: str
    """Where it came from, for the YAML comments: "page 1, line 12" or "line 12"."""
    size: float = 0.0
    """Font size in points (0 when the source does not say)."""
    bold: bool = False
    heading: bool = False
    """The source marks it as a heading (a Word heading style, a Markdown '#')."""
    bullet: bool = False
    indent: float = 0.0
    segments: list[str] = field(default_factory=list)
    """Parts of the line separated by a wide gap or a tab (a right-margin date)."""
    guesses: list[str] = field(default_factory=list)
    """Words rejoined at a line-break hyphen whose spelling is a guess ("Roster-ing"),
    kept as printed; the values that contain one are marked for review."""

    def __post_init__(self) -> None:
        if not self.segments:
            self.segments = [self.text]


def clean(text: str) -> str:
    """Whitespace collapsed: the only change made to the source's text."""
    return " ".join(text.replace("\u00a0", " ").split())


def strip_bullet(text: str) -> tuple[str, bool]:
    """The text without a leading bullet character, and whether it had one."""
    stripped = text.lstrip()
    if len(stripped) > 1 and stripped[0] in BULLETS and stripped[1] in " \t\u00a0":
        return clean(stripped[1:]), True
    if stripped[:1] in _GLYPHS and len(stripped) > 1:
        return clean(stripped[1:]), True
    return clean(text), False


def where_span(first: str, last: str) -> str:
    """ "page 1, lines 3-7" from the first and the last line's places."""
    a, b = _PLACE.match(first), _PLACE.match(last)
    if a is None or b is None:
        return first if first == last else f"{first} to {last}"
    start, end = a.group("start"), b.group("end") or b.group("start")
    if a.group("prefix") == b.group("prefix") and a.group("unit") == b.group("unit"):
        if start == end:
            return f"{a.group('prefix')}{a.group('unit')} {start}"
        return f"{a.group('prefix')}{a.group('unit')}s {start}-{end}"
    return f"{a.group('prefix')}{a.group('unit')} {start} to {b.group('prefix')}{b.group('unit')} {end}"


_PLACE = re.compile(
    r"^(?P<prefix>.*?)(?P<unit>line|paragraph|row)s? (?P<start>\d+)(?:-(?P<end>\d+))?$"
)
