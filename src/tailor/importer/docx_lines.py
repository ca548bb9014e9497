"""DOCX -> lines in document order: paragraphs, table rows and text boxes.

A table row whose cells hold one paragraph each is one line with a segment per
cell (templates put the dates in the right-hand cell); other tables are read
cell by cell. Text boxes are read where they are anchored, and the VML copy
Word keeps for old readers (`mc:Fallback`) is skipped so nothing is read twice.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from tailor.importer.lines import Line, clean, strip_bullet

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = f"{_W}txbxContent"


class Refused(Exception):
    """The file is no readable Word document."""


def docx_lines(data: bytes) -> list[Line]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Refused("is not a Word document (.docx); save it again as .docx") from exc
    body = document.element.body
    styles = {s.style_id: s for s in document.styles}
    out: list[Line] = []
    for number, (texts, paragraph, in_row) in enumerate(_blocks(body, document), start=1):
        del in_row
        text, bullet = strip_bullet(" ".join(texts))
        if not text:
            continue
        size, bold, style = _font(paragraph, styles)
        numbered = paragraph is not None and paragraph.find(f"{_W}pPr/{_W}numPr") is not None
        style_list = "list" in style.lower()
        heading = style.lower().startswith(("heading", "title"))
        segments = [s for s in (clean(t) for t in texts) if s]
        if bullet and segments:
            segments[0] = strip_bullet(segments[0])[0]
            segments = [s for s in segments if s]
        out.append(
            Line(
                text=text,
                where=f"paragraph {number}",
                size=size,
                bold=bold,
                heading=heading,
                bullet=bullet or numbered or style_list,
                segments=segments or [text],
            )
        )
    return out


def _blocks(body: Any, document: Any) -> Iterator[tuple[list[str], Any, bool]]:
    """(texts, the paragraph element for its style, whether a table row) in order."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph(child)
        elif child.tag == f"{_W}tbl":
            yield from _table(child, document)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content, document)


def _paragraph(p: Any) -> Iterator[tuple[list[str], Any, bool]]:
    parts = [piece.strip() for piece in _text(p).split("\t")]
    yield [x for x in parts if x], p, False
    for box in p.iter(_TEXT_BOX):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        yield from _blocks(box, None)


def _table(tbl: Any, document: Any) -> Iterator[tuple[list[str], Any, bool]]:
    for row in tbl.iterchildren(f"{_W}tr"):
        cells = list(row.iterchildren(f"{_W}tc"))
        paragraphs = [[p for p in c.iterchildren(f"{_W}p") if _text(p).strip()] for c in cells]
        nested = any(c.find(f"{_W}tbl") is not None for c in cells)
        if not nested and all(len(ps) <= 1 for ps in paragraphs):
            texts = [clean(_text(ps[0])) for ps in paragraphs if ps]
            first = next((ps[0] for ps in paragraphs if ps), None)
            if texts:
                yield texts, first, True
            continue
        for cell in cells:
            yield from _blocks(cell, document)


def _text(p: Any) -> str:
    """A paragraph's own text (its runs and links, not a text box anchored in it)."""
    out: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}noBreakHyphen"):
        if _inside_box(node, p):
            continue
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("\t")
        elif node.tag == f"{_W}br":
            out.append(" ")
        else:
            out.append("-")
    return "".join(out)


def _inside_box(node: Any, p: Any) -> bool:
    """Whether `node` sits in a text box (or its VML copy) anchored inside paragraph `p`."""
    for ancestor in node.iterancestors():
        if ancestor is p:
            return False
        if ancestor.tag in (_TEXT_BOX, _MC_FALLBACK):
            return True
    return False


def _font(p: Any, styles: dict[str, Any]) -> tuple[float, bool, str]:
    """(size in points, mostly bold, style name) of a paragraph, 0/False when unknown."""
    if p is None:
        return 0.0, False, ""
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(p, None)  # type: ignore[arg-type]  # only its runs are read
    style_name = ""
    style_size = 0.0
    style_bold = False
    style_id = p.find(f"{_W}pPr/{_W}pStyle")
    sid = style_id.get(f"{_W}val") if style_id is not None else "Normal"
    style = styles.get(sid)
    font = getattr(style, "font", None)
    if style is not None and font is not None:
        style_name = style.name or ""
        style_size = font.size.pt if font.size is not None else 0.0
        style_bold = bool(font.bold)
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None and r.text.strip()]
    chars = sum(len(r.text) for r in paragraph.runs)
    bold = sum(len(r.text) for r in paragraph.runs if r.bold or (r.bold is None and style_bold))
    return (max(sizes) if sizes else style_size), chars > 0 and bold * 2 > chars, style_name
