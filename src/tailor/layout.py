"""How many pages a DOCX fills, estimated without a word processor.

`tailor resume --pages 1` must choose what fits on a page on any machine,
including ones without LibreOffice, and quickly enough to try several
selections. So this module lays the document out the way Word and LibreOffice
do, in simplified form: each paragraph's style is resolved (style chain, direct
formatting, document defaults, list indents), its runs are wrapped word by word
with the advance widths of the font (metrics of metric-compatible open fonts,
`resources/font_metrics.json`), and the lines are stacked onto pages with
spacing, contextual spacing, borders, keep-with-next and widow/orphan control.

It is an estimate: kerning, hyphenation and fonts it has no metrics for are
approximated (unknown fonts use Liberation Sans, an Arial-like font wider than
most). `benchmarks/pages.py` compares it with LibreOffice's page count.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

_EMU_PER_PT = 12700
_DEFAULT_SIZE = 10.0  # Word's built-in default, when a document sets none


@dataclass(frozen=True)
class Layout:
    """Pages used; `fill` is how much of the last page is used (0–1)."""

    pages: int
    fill: float

    @property
    def extent(self) -> float:
        """Pages as one number: 1.8 means one full page and 80 % of a second."""
        return self.pages - 1 + self.fill


@dataclass(frozen=True)
class _Font:
    widths: dict[str, float]
    fallback: float
    line: float


@cache
def _metrics() -> dict[str, Any]:
    text = (resources.files("tailor") / "resources" / "font_metrics.json").read_text("utf-8")
    return json.loads(text)


@cache
def _font(name: str | None, bold: bool) -> _Font:
    data = _metrics()
    key = (name or "").strip().lower()
    family = data["families"].get(key) or data["families"].get(data["aliases"].get(key, ""))
    if family is None:
        family = data["families"][data["default"]]
    widths = family["bold" if bold else "regular"]
    lower = [widths[c] for c in "abcdefghijklmnopqrstuvwxyz" if c in widths]
    return _Font(widths=widths, fallback=sum(lower) / len(lower), line=family["line"])


@dataclass
class _Para:
    """A paragraph reduced to what its height depends on (lengths in points)."""

    style: str
    size: float
    font: str | None
    bold: bool
    caps: bool
    runs: list[tuple[str, float, bool, bool]]  # text, size, bold, caps
    before: float
    after: float
    line_multiple: float | None
    line_exact: float | None
    indent_left: float
    indent_first: float
    contextual: bool
    keep_next: bool
    widow_control: bool
    border: float


def measure(data: bytes) -> Layout:
    """Lay out the body of a DOCX (bytes) and count its pages."""
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    page_height = _pt(section.page_height) - _pt(section.top_margin) - _pt(section.bottom_margin)
    width = _pt(section.page_width) - _pt(section.left_margin) - _pt(section.right_margin)
    defaults = _Defaults.of(document)
    numbering = _numbering_indents(document)
    paragraphs = [_resolve(p, defaults, numbering) for p in document.paragraphs]
    return _paginate(paragraphs, width, page_height)


def _pt(value: Length | int | None) -> float:
    return (value or 0) / _EMU_PER_PT


@dataclass(frozen=True)
class _Defaults:
    size: float
    font: str | None
    before: float
    after: float
    line_multiple: float | None
    widow_control: bool

    @classmethod
    def of(cls, document: Any) -> _Defaults:
        root = document.styles.element
        size, font, before, after, multiple = _DEFAULT_SIZE, None, 0.0, 0.0, 1.0
        rpr = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            sz = rpr.find(qn("w:sz"))
            if sz is not None:
                size = int(sz.get(qn("w:val"))) / 2
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                font = fonts.get(qn("w:ascii"))
        ppr = root.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
        spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
        if spacing is not None:
            before = int(spacing.get(qn("w:before"), 0)) / 20
            after = int(spacing.get(qn("w:after"), 0)) / 20
            if spacing.get(qn("w:lineRule"), "auto") == "auto" and spacing.get(qn("w:line")):
                multiple = int(spacing.get(qn("w:line"))) / 240
        return cls(size, font, before, after, multiple, widow_control=True)


def _numbering_indents(document: Any) -> dict[str, float]:
    """numId -> left indent (points) of list level 0, for list paragraphs."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, float] = {}
    for node in root.findall(qn("w:abstractNum")):
        ind = node.find(f"{qn('w:lvl')}/{qn('w:pPr')}/{qn('w:ind')}")
        if ind is not None:
            left = ind.get(qn("w:left")) or ind.get(qn("w:start")) or "0"
            abstract[node.get(qn("w:abstractNumId"))] = int(left) / 20
    out: dict[str, float] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None and ref.get(qn("w:val")) in abstract:
            out[num.get(qn("w:numId"))] = abstract[ref.get(qn("w:val"))]
    return out


def _chain(paragraph: Paragraph) -> list[Any]:
    """The paragraph's style and its ancestors, nearest first."""
    styles = []
    style = paragraph.style
    while style is not None and len(styles) < 20:
        styles.append(style)
        style = style.base_style
    return styles


def _first(values: Any, default: Any) -> Any:
    return next((v for v in values if v is not None), default)


def _ppr_flag(paragraph: Paragraph, styles: list[Any], tag: str) -> bool:
    nodes = [paragraph._p.pPr] + [s.element.pPr for s in styles]
    for ppr in nodes:
        if ppr is not None and (el := ppr.find(qn(tag))) is not None:
            return el.get(qn("w:val"), "true") not in ("0", "false", "off")
    return False


def _num_indent(paragraph: Paragraph, styles: list[Any], numbering: dict[str, float]) -> float:
    nodes = [paragraph._p.pPr] + [s.element.pPr for s in styles]
    for ppr in nodes:
        if ppr is None:
            continue
        num = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}")
        if num is not None:
            return numbering.get(num.get(qn("w:val")), 0.0)
    return 0.0


def _border(paragraph: Paragraph, styles: list[Any]) -> float:
    nodes = [paragraph._p.pPr] + [s.element.pPr for s in styles]
    for ppr in nodes:
        if ppr is None or (borders := ppr.find(qn("w:pBdr"))) is None:
            continue
        total = 0.0
        for side in ("w:top", "w:bottom"):
            edge = borders.find(qn(side))
            if edge is not None and edge.get(qn("w:val")) not in (None, "nil", "none"):
                total += int(edge.get(qn("w:space"), 0)) + int(edge.get(qn("w:sz"), 4)) / 8
        return total
    return 0.0


def _resolve(paragraph: Paragraph, defaults: _Defaults, numbering: dict[str, float]) -> _Para:
    styles = _chain(paragraph)
    formats = [paragraph.paragraph_format] + [s.paragraph_format for s in styles]
    fonts = [s.font for s in styles]
    size = _first((f.size.pt if f.size else None for f in fonts), defaults.size)
    font = _first((f.name for f in fonts), defaults.font)
    bold = bool(_first((f.bold for f in fonts), False))
    caps = bool(_first((f.all_caps for f in fonts), False))
    line = _first((f.line_spacing for f in formats), defaults.line_multiple)
    exact = _pt(line) if isinstance(line, Length) else None
    multiple = None if isinstance(line, Length) else float(line or 1.0)
    indent = _first((f.left_indent for f in formats), None)
    runs = [
        (
            run.text,
            run.font.size.pt if run.font.size else size,
            bold if run.bold is None else bool(run.bold),
            caps if run.font.all_caps is None else bool(run.font.all_caps),
        )
        for run in paragraph.runs
    ]
    return _Para(
        style=paragraph.style.name if paragraph.style is not None else "",
        size=size,
        font=font,
        bold=bold,
        caps=caps,
        runs=runs,
        before=_pt(_first((f.space_before for f in formats), None)) or defaults.before,
        after=_first(
            (_pt(f.space_after) for f in formats if f.space_after is not None), defaults.after
        ),
        line_multiple=multiple,
        line_exact=exact,
        indent_left=_pt(indent)
        if indent is not None
        else _num_indent(paragraph, styles, numbering),
        indent_first=_pt(_first((f.first_line_indent for f in formats), None)),
        contextual=_ppr_flag(paragraph, styles, "w:contextualSpacing"),
        keep_next=bool(_first((f.keep_with_next for f in formats), False)),
        widow_control=bool(_first((f.widow_control for f in formats), defaults.widow_control)),
        border=_border(paragraph, styles),
    )


def _lines(para: _Para, width: float) -> list[float]:
    """The height of each line of the paragraph once wrapped to `width` points."""
    available = max(width - para.indent_left, 36.0)
    heights: list[float] = []
    x = max(para.indent_first, 0.0) if para.indent_first > 0 else 0.0
    tallest = 0.0
    pending_space = 0.0

    def line_height(size: float) -> float:
        if para.line_exact is not None:
            return para.line_exact
        return size * _font(para.font, False).line * (para.line_multiple or 1.0)

    def new_line() -> None:
        nonlocal x, tallest, pending_space
        heights.append(tallest or line_height(para.size))
        x, tallest, pending_space = 0.0, 0.0, 0.0

    for text, size, bold, caps in para.runs:
        font = _font(para.font, bold)
        for piece in _pieces(text.upper() if caps else text):
            if piece == "\n":
                new_line()
                continue
            if piece.isspace():
                pending_space += sum(font.widths.get(c, font.fallback) for c in piece) * size
                continue
            word = sum(font.widths.get(c, font.fallback) for c in piece) * size
            if x > 0 and x + pending_space + word > available:
                new_line()
            elif x > 0:
                x += pending_space
            pending_space = 0.0
            while word > available:  # a word longer than the line breaks anywhere
                heights.append(line_height(size))
                word -= available
            x += word
            tallest = max(tallest, line_height(size))
    if x > 0 or not heights:
        heights.append(tallest or line_height(para.size))
    return heights


def _pieces(text: str) -> list[str]:
    """Words (with a trailing hyphen or slash kept, where lines may break), spaces, breaks."""
    out: list[str] = []
    word = ""
    for char in text:
        if char in "\n\r\v":
            out += [word] if word else []
            out.append("\n")
            word = ""
        elif char in " \t":
            out += [word] if word else []
            out.append(char)
            word = ""
        else:
            word += char
            if char in "-/–—":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return [p for p in out if p]


def _paginate(paragraphs: list[_Para], width: float, height: float) -> Layout:
    pages, y = 1, 0.0
    previous: _Para | None = None
    blocks = [(p, _lines(p, width)) for p in paragraphs]
    for i, (para, lines) in enumerate(blocks):
        same = previous is not None and previous.style == para.style
        before = 0.0 if (same and para.contextual) else para.before
        if previous is not None and same and previous.contextual:
            y -= previous.after  # contextual spacing: none between paragraphs of one style
        # What must travel with this paragraph's first lines: keep-with-next chains.
        need = before + sum(lines[:2]) + para.border
        j = i
        while blocks[j][0].keep_next and j + 1 < len(blocks):
            nxt, nxt_lines = blocks[j + 1]
            need += nxt.before + sum(nxt_lines[:2])
            j += 1
        if y > 0 and y + need > height and need <= height:
            pages, y = pages + 1, 0.0
        y += before
        remaining = list(lines)
        while remaining:
            room = height - y
            fit = 0
            total = 0.0
            for h in remaining:
                if total + h > room:
                    break
                total += h
                fit += 1
            if fit == len(remaining):
                y += total
                break
            if para.widow_control and len(remaining) > 1:
                # Orphan: not one line alone at the bottom; widow: not one alone at the top.
                if fit == 1:
                    fit = 0
                if len(remaining) - fit == 1 and fit > 1:
                    fit -= 1
            if fit == 0 and y == 0:
                fit = 1  # a line taller than a page still has to go somewhere
            y += sum(remaining[:fit])
            remaining = remaining[fit:]
            pages, y = pages + 1, 0.0
        y += para.border + para.after
        previous = para
    return Layout(pages=pages, fill=min(1.0, max(0.0, y / height)) if height else 1.0)


def pages_needed(layout: Layout) -> int:
    return max(1, math.ceil(layout.extent - 1e-9))
