"""Plain text and Markdown -> lines: the marks a writer uses are the layout.

A Markdown `#` heading, `**bold**`, `- ` bullets and a wrapped bullet's
indented continuation lines are understood; the marks themselves are removed,
the words are kept exactly.
"""

from __future__ import annotations

import re

from tailor.importer.hyphens import Spellings, join_lines
from tailor.importer.lines import Line, clean, strip_bullet, where_span

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")


def decode(data: bytes) -> str:
    """The text of a .txt/.md file: UTF-8 (with or without BOM), else the likeliest encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("latin-1")


def text_lines(text: str, *, markdown: bool) -> list[Line]:
    out: list[Line] = []
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spellings = Spellings.of(raw)
    for number, source in enumerate(raw, start=1):
        if not source.strip():
            out.append(Line(text="", where=f"line {number}"))
            continue
        if markdown and _SETEXT.match(source) and out and out[-1].text:
            out[-1].heading = True
            continue
        heading = False
        body = source.rstrip()
        if markdown:
            match = _HEADING.match(body)
            if match:
                heading, body = True, match.group(2)
        indent = len(body) - len(body.lstrip(" \t"))
        stripped, bullet = strip_bullet(body)
        bold = False
        if markdown:
            bold = bool(re.fullmatch(r"\s*(\*\*|__).+(\*\*|__)\s*", stripped))
            stripped = _LINK.sub(
                lambda m: (
                    f"{m.group(1)} ({m.group(2)})" if m.group(1) != m.group(2) else m.group(1)
                ),
                stripped,
            )
            stripped = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", stripped)
        segments = [
            clean(part) for part in re.split(r"\t+| {3,}", stripped.strip()) if part.strip()
        ]
        line = Line(
            text=clean(stripped),
            where=f"line {number}",
            bold=bold,
            heading=heading,
            bullet=bullet,
            indent=float(indent),
            segments=segments,
        )
        prev = _last_text(out)
        if prev is not None and _continues(prev, line, out[-1]):
            joined = join_lines(prev.text, line.text, spellings)
            prev.text = joined.text
            prev.guesses.extend([joined.guess] if joined.guess else [])
            prev.segments = [prev.text]
            prev.where = where_span(prev.where.split(" to ")[0], line.where)
            continue
        out.append(line)
    return [line for line in out if line.text]


def _last_text(lines: list[Line]) -> Line | None:
    return lines[-1] if lines and lines[-1].text else None


def _continues(prev: Line, line: Line, last: Line) -> bool:
    """An indented line right under a bullet is the bullet's wrapped rest."""
    del last
    return prev.bullet and not line.bullet and not line.heading and line.indent > prev.indent
