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
import zipfile
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lxml import etree

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
    metrics: dict[str, Any] = json.loads(text)
    return metrics


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
class Para:
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

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)

    def replaced(self, old: str, new: str) -> Para:
        """This paragraph with `old` (inside one run) replaced by `new`; unchanged if absent."""
        runs = list(self.runs)
        for n, (text, *rest) in enumerate(runs):
            if old in text:
                runs[n] = (text.replace(old, new, 1), *rest)  # type: ignore[assignment]
                return replace(self, runs=runs)
        return self


@dataclass(frozen=True)
class Body:
    """A DOCX body ready to lay out: its paragraphs and the text area of its pages."""

    paragraphs: list[Para]
    width: float
    height: float

    def layout(self, paragraphs: list[Para] | None = None) -> Layout:
        """The layout of these paragraphs (default: all of them) on this body's pages."""
        return _paginate(
            self.paragraphs if paragraphs is None else paragraphs, self.width, self.height
        )


def measure(data: bytes) -> Layout:
    """Lay out the body of a DOCX (bytes) and count its pages."""
    return parse(data).layout()


def parse(data: bytes) -> Body:
    """The paragraphs of a DOCX with their styles resolved, and its page size."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        names = set(archive.namelist())
        styles_xml = archive.read("word/styles.xml") if "word/styles.xml" in names else b""
        numbering_xml = archive.read("word/numbering.xml") if "word/numbering.xml" in names else b""
    sheet = _stylesheet(styles_xml, numbering_xml)
    width, height = _page(body)
    return Body([_paragraph(p, sheet) for p in body.iter(_W + "p")], width, height)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TWIPS = 20.0  # twentieths of a point


def _attr(el: Any, name: str) -> str | None:
    return None if el is None else el.get(_W + name)


def _on(el: Any) -> bool | None:
    """A WordprocessingML toggle (<w:b/>, <w:b w:val="0"/>): None when absent."""
    if el is None:
        return None
    return _attr(el, "val") not in ("0", "false", "off")


def _page(body: Any) -> tuple[float, float]:
    """Text width and height of the last section (the body's own sectPr), in points."""
    sections = list(body.iter(_W + "sectPr"))
    sect = sections[-1] if sections else None
    size = sect.find(_W + "pgSz") if sect is not None else None
    margins = sect.find(_W + "pgMar") if sect is not None else None

    def twips(el: Any, name: str, default: float) -> float:
        value = _attr(el, name)
        return float(value) / _TWIPS if value else default

    page_w, page_h = twips(size, "w", 612.0), twips(size, "h", 792.0)  # US Letter default
    left, right = twips(margins, "left", 72.0), twips(margins, "right", 72.0)
    top, bottom = twips(margins, "top", 72.0), twips(margins, "bottom", 72.0)
    return page_w - left - right, page_h - abs(top) - abs(bottom)


@dataclass(frozen=True)
class _Props:
    """Paragraph and run properties, each None where this level does not set it."""

    size: float | None = None
    font: str | None = None
    bold: bool | None = None
    caps: bool | None = None
    before: float | None = None
    after: float | None = None
    line: tuple[str, float] | None = None  # ("auto", multiple) or ("exact", points)
    indent_left: float | None = None
    indent_first: float | None = None
    contextual: bool | None = None
    keep_next: bool | None = None
    widow_control: bool | None = None
    border: float | None = None
    num_id: str | None = None

    def over(self, base: _Props) -> _Props:
        """These properties, falling back to `base` where unset."""
        values = {}
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            values[name] = mine if mine is not None else getattr(base, name)
        return _Props(**values)


def _ppr(ppr: Any) -> dict[str, Any]:
    if ppr is None:
        return {}
    out: dict[str, Any] = {}
    spacing = ppr.find(_W + "spacing")
    if spacing is not None:
        if (before := _attr(spacing, "before")) is not None:
            out["before"] = float(before) / _TWIPS
        if (after := _attr(spacing, "after")) is not None:
            out["after"] = float(after) / _TWIPS
        if (line := _attr(spacing, "line")) is not None:
            rule = _attr(spacing, "lineRule") or "auto"
            out["line"] = (
                ("auto", float(line) / 240)
                if rule == "auto"
                else (
                    "exact",
                    float(line) / _TWIPS,
                )
            )
    ind = ppr.find(_W + "ind")
    if ind is not None:
        left = _attr(ind, "left") or _attr(ind, "start")
        if left is not None:
            out["indent_left"] = float(left) / _TWIPS
        if (first := _attr(ind, "firstLine")) is not None:
            out["indent_first"] = float(first) / _TWIPS
        elif _attr(ind, "hanging") is not None:
            out["indent_first"] = 0.0
    for tag, key in (
        ("contextualSpacing", "contextual"),
        ("keepNext", "keep_next"),
        ("widowControl", "widow_control"),
    ):
        if (value := _on(ppr.find(_W + tag))) is not None:
            out[key] = value
    borders = ppr.find(_W + "pBdr")
    if borders is not None:
        total = 0.0
        for side in ("top", "bottom"):
            edge = borders.find(_W + side)
            if edge is not None and _attr(edge, "val") not in (None, "nil", "none"):
                total += float(_attr(edge, "space") or 0) + float(_attr(edge, "sz") or 4) / 8
        out["border"] = total
    num = ppr.find(f"{_W}numPr/{_W}numId")
    if num is not None:
        out["num_id"] = _attr(num, "val")
    return out


def _rpr(rpr: Any) -> dict[str, Any]:
    if rpr is None:
        return {}
    out: dict[str, Any] = {}
    if (size := _attr(rpr.find(_W + "sz"), "val")) is not None:
        out["size"] = float(size) / 2
    if (font := _attr(rpr.find(_W + "rFonts"), "ascii")) is not None:
        out["font"] = font
    if (bold := _on(rpr.find(_W + "b"))) is not None:
        out["bold"] = bold
    if (caps := _on(rpr.find(_W + "caps"))) is not None:
        out["caps"] = caps
    return out


@dataclass(frozen=True)
class _Sheet:
    styles: dict[str, _Props]  # style id -> fully resolved properties
    default: str | None  # the default paragraph style's id
    numbering: dict[str, float]  # numId -> level-0 left indent
    base: _Props  # document defaults


@lru_cache(maxsize=16)
def _stylesheet(styles_xml: bytes, numbering_xml: bytes) -> _Sheet:
    """Every paragraph style resolved through its basedOn chain (cached: the same
    template is measured many times while fitting)."""
    base = _Props(size=_DEFAULT_SIZE, before=0.0, after=0.0, line=("auto", 1.0), widow_control=True)
    raw: dict[str, tuple[str | None, _Props]] = {}
    default = None
    if styles_xml:
        root = etree.fromstring(styles_xml)
        defaults = root.find(_W + "docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{_W}rPrDefault/{_W}rPr")
            ppr = defaults.find(f"{_W}pPrDefault/{_W}pPr")
            base = _Props(**{**_ppr(ppr), **_rpr(rpr)}).over(base)
        for style in root.findall(_W + "style"):
            if _attr(style, "type") != "paragraph":
                continue
            style_id = _attr(style, "styleId") or ""
            if _attr(style, "default") in ("1", "true"):
                default = style_id
            props = _Props(**{**_ppr(style.find(_W + "pPr")), **_rpr(style.find(_W + "rPr"))})
            raw[style_id] = (_attr(style.find(_W + "basedOn"), "val"), props)
    resolved: dict[str, _Props] = {}

    def resolve(style_id: str, depth: int = 0) -> _Props:
        if style_id in resolved:
            return resolved[style_id]
        parent, props = raw[style_id]
        if parent in raw and parent != style_id and depth < 20:
            props = props.over(resolve(parent, depth + 1))
        resolved[style_id] = props
        return props

    styles = {style_id: resolve(style_id).over(base) for style_id in raw}
    return _Sheet(styles, default, _numbering(numbering_xml), base)


def _numbering(numbering_xml: bytes) -> dict[str, float]:
    if not numbering_xml:
        return {}
    root = etree.fromstring(numbering_xml)
    abstract: dict[str, float] = {}
    for node in root.findall(_W + "abstractNum"):
        ind = node.find(f"{_W}lvl/{_W}pPr/{_W}ind")
        if ind is not None:
            left = _attr(ind, "left") or _attr(ind, "start") or "0"
            abstract[_attr(node, "abstractNumId") or ""] = float(left) / _TWIPS
    out: dict[str, float] = {}
    for num in root.findall(_W + "num"):
        ref = _attr(num.find(_W + "abstractNumId"), "val")
        if ref in abstract:
            out[_attr(num, "numId") or ""] = abstract[ref]
    return out


def _paragraph(p: Any, sheet: _Sheet) -> Para:
    ppr = p.find(_W + "pPr")
    style_id = _attr(ppr.find(_W + "pStyle"), "val") if ppr is not None else None
    style_id = style_id if style_id in sheet.styles else sheet.default
    style = sheet.styles.get(style_id or "", sheet.base)
    props = _Props(**_ppr(ppr)).over(style)
    size = props.size or _DEFAULT_SIZE
    runs = []
    for run in p.iter(_W + "r"):
        own = _Props(**_rpr(run.find(_W + "rPr"))).over(props)
        text = "".join(
            el.text or ""
            if el.tag == _W + "t"
            else (
                "\t" if el.tag == _W + "tab" else "\n" if el.tag in (_W + "br", _W + "cr") else ""
            )
            for el in run
        )
        runs.append((text, own.size or size, bool(own.bold), bool(own.caps)))
    indent = props.indent_left
    if indent is None:
        indent = sheet.numbering.get(props.num_id or "", 0.0) if props.num_id else 0.0
    kind, amount = props.line or ("auto", 1.0)
    return Para(
        style=style_id or "",
        size=size,
        font=props.font,
        bold=bool(props.bold),
        caps=bool(props.caps),
        runs=runs,
        before=props.before or 0.0,
        after=props.after or 0.0,
        line_multiple=amount if kind == "auto" else None,
        line_exact=amount if kind != "auto" else None,
        indent_left=indent,
        indent_first=props.indent_first or 0.0,
        contextual=bool(props.contextual),
        keep_next=bool(props.keep_next),
        widow_control=props.widow_control is not False,
        border=props.border or 0.0,
    )


_LINES: dict[tuple[object, ...], list[float]] = {}


def _cached_lines(para: Para, width: float) -> list[float]:
    """Wrapping is the costly step, and the same paragraphs come back again and again
    (each candidate while fitting, each posting of a bulk run with one profile): the
    result is kept by everything it depends on."""
    key = (
        tuple(para.runs),
        para.size,
        para.font,
        para.line_multiple,
        para.line_exact,
        para.indent_left,
        para.indent_first,
        width,
    )
    lines = _LINES.get(key)
    if lines is None:
        if len(_LINES) > 20_000:
            _LINES.clear()
        lines = _LINES[key] = _lines(para, width)
    return lines


def _lines(para: Para, width: float) -> list[float]:
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
            # A non-breaking space joins words into one and is as wide as a space.
            word = sum(font.widths.get(_SPACE_OF.get(c, c), font.fallback) for c in piece) * size
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


_SPACE_OF = {"\u00a0": " ", "\u202f": " "}


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


def _paginate(paragraphs: list[Para], width: float, height: float) -> Layout:
    pages, y = 1, 0.0
    previous: Para | None = None
    blocks = [(p, _cached_lines(p, width)) for p in paragraphs]
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
