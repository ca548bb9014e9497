"""The page estimate: exact on documents whose layout can be worked out by hand."""

from __future__ import annotations

import io
import json
from importlib import resources

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm, Mm, Pt

from tailor.fitting.layout import measure, pages_needed

# Carlito/Calibri: line height 2500/2048 em (hhea ascent + descent + line gap).
CALIBRI_LINE = 2500 / 2048
PAGE = 297 / 25.4 * 72 - 2 * (2 / 2.54 * 72)  # A4 less 2 cm margins, in points
WIDTH = 210 / 25.4 * 72 - 2 * (2 / 2.54 * 72)


def _document(*, after: float = 0, size: float = 10.5) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(size)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(after)
    normal.paragraph_format.line_spacing = 1.0
    return doc


def _bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_single_lines_stack_onto_pages() -> None:
    line = 10.5 * CALIBRI_LINE
    per_page = int(PAGE // line)
    doc = _document()
    for n in range(per_page + 10):
        doc.add_paragraph(f"Line {n}")
    layout = measure(_bytes(doc))
    assert layout.pages == 2
    assert layout.fill == pytest.approx(10 * line / PAGE, abs=1e-6)
    assert pages_needed(layout) == 2


def test_space_after_counts() -> None:
    doc = _document(after=6)
    for n in range(10):
        doc.add_paragraph(f"Line {n}")
    expected = 10 * (10.5 * CALIBRI_LINE + 6) / PAGE
    assert measure(_bytes(doc)).extent == pytest.approx(expected, abs=1e-6)


def test_long_paragraph_wraps_by_character_widths() -> None:
    widths = json.loads(
        (resources.files("tailor") / "resources" / "font_metrics.json").read_text("utf-8")
    )["families"]["carlito"]["regular"]
    word = "abcdefgh"
    word_width = sum(widths[c] for c in word) * 10.5
    space = widths[" "] * 10.5
    per_line = int((WIDTH + space) // (word_width + space))
    doc = _document()
    doc.add_paragraph(" ".join([word] * (per_line * 3 + 1)))  # three full lines and one word
    layout = measure(_bytes(doc))
    assert layout.extent == pytest.approx(4 * 10.5 * CALIBRI_LINE / PAGE, abs=1e-6)


def test_bold_and_larger_text_take_more_room() -> None:
    text = "w" * 5000  # one unbreakable run: its width alone decides the lines
    plain = _document()
    plain.add_paragraph(text)
    bold = _document()
    bold.add_paragraph().add_run(text).bold = True
    large = _document(size=14)
    large.add_paragraph(text)
    extents = [measure(_bytes(d)).extent for d in (plain, bold, large)]
    assert extents[0] < extents[1] < extents[2]


def test_heading_kept_with_next_moves_to_the_next_page() -> None:
    line = 10.5 * CALIBRI_LINE
    per_page = int(PAGE // line)
    doc = _document()
    for n in range(per_page - 1):
        doc.add_paragraph(f"Line {n}")
    heading = doc.add_paragraph("Heading")
    heading.paragraph_format.keep_with_next = True
    doc.add_paragraph("The text under the heading")
    layout = measure(_bytes(doc))
    assert layout.pages == 2
    assert layout.fill == pytest.approx(2 * line / PAGE, abs=1e-6)  # heading + its text


def test_unknown_font_is_measured_as_arial() -> None:
    def extent(font: str) -> float:
        doc = _document()
        doc.styles["Normal"].font.name = font
        doc.add_paragraph("word " * 1000)
        return measure(_bytes(doc)).extent

    assert extent("Some Font Nobody Has") == extent("Arial") != extent("Calibri")


def test_empty_document_is_one_page() -> None:
    layout = measure(_bytes(_document()))
    assert (layout.pages, pages_needed(layout)) == (1, 1)
