"""The page budget checked against LibreOffice's PDF: parts taken while it is too long,
parts given back while its last page has room. LibreOffice is stood in for by a
PDF whose page count and fill follow from how many parts are left out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document

from tailor.fitting.budget import Fitted
from tailor.fitting.fit import FittedDocx, check_pdf
from tailor.fitting.layout import Layout
from tailor.pipeline import compose, prepare
from tailor.render.context import ResumeContext
from tailor.render.docx import render_docx_bytes

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"
TEMPLATE = ROOT / "templates" / "resume" / "classic.docx"


@pytest.fixture(scope="module")
def composed() -> tuple[ResumeContext, list]:  # type: ignore[type-arg]
    done = compose(prepare(POSTING, PROFILE), "resume")
    assert isinstance(done.context, ResumeContext)
    return done.context, done.cuts


class _FakeOffice:
    """Real DOCX; a "PDF" that says how many bullets its DOCX holds: `n` bullets make 3
    pages when n > `fits`, else 2, and fill the last page to `fill(n)`."""

    def __init__(self, fits: int, fill_per_bullet: float) -> None:
        self.fits = fits
        self.fill_per_bullet = fill_per_bullet
        self.conversions = 0

    def render(self, context: ResumeContext) -> bytes:
        return render_docx_bytes(TEMPLATE, context)

    def convert(self, docx: bytes) -> bytes:
        self.conversions += 1
        document = Document(io.BytesIO(docx))
        bullets = [p for p in document.paragraphs if p.style and p.style.name == "List Bullet"]
        return json.dumps(len(bullets)).encode()

    def pages(self, pdf: bytes) -> int:
        return 3 if int(pdf) > self.fits else 2

    def fill(self, pdf: bytes) -> float:
        return min(0.93, 0.5 + self.fill_per_bullet * int(pdf))


def _bullets(composed) -> int:  # type: ignore[no-untyped-def]
    """Bullets in the whole résumé (roles and projects: the template's List Bullets)."""
    context, _ = composed
    return sum(len(e.bullets) for e in context.work + context.projects + context.volunteer)


def _run(composed, office: _FakeOffice, taken: int):  # type: ignore[no-untyped-def]
    from tailor.fitting.budget import apply_cuts

    context, cuts = composed
    bullets = [c for c in cuts if c.part == "bullet"]
    fitted = Fitted(apply_cuts(context, bullets[:taken]), bullets[:taken], Layout(2, 0.9), 2, True)
    docx = office.render(fitted.context)
    return check_pdf(
        context,
        bullets,
        FittedDocx(fitted, docx),
        office.convert(docx),
        render=office.render,
        convert=office.convert,
        page_count=office.pages,
        last_page_fill=office.fill,
    )


def test_parts_come_back_while_the_last_page_has_room(composed) -> None:  # type: ignore[no-untyped-def]
    total = _bullets(composed)
    office = _FakeOffice(fits=total - 3, fill_per_bullet=0.0)  # half a page free
    done = _run(composed, office, taken=5)
    # Two given back (ADD_BACK), each checked by a conversion; still two pages.
    assert len(done.fitted.left_out) == 3
    assert office.pages(done.pdf) == 2
    assert done.fitted.fits


def test_a_part_that_would_overflow_does_not_come_back(composed) -> None:  # type: ignore[no-untyped-def]
    total = _bullets(composed)
    office = _FakeOffice(fits=total - 5, fill_per_bullet=0.0)  # room, says the fill; not really
    done = _run(composed, office, taken=5)
    assert len(done.fitted.left_out) == 5
    assert office.pages(done.pdf) == 2


def test_a_full_last_page_costs_no_conversion(composed) -> None:  # type: ignore[no-untyped-def]
    office = _FakeOffice(fits=10_000, fill_per_bullet=1.0)  # every page full
    before = office.conversions
    done = _run(composed, office, taken=5)
    assert len(done.fitted.left_out) == 5
    assert office.conversions == before + 1  # the first PDF only


def test_a_resume_made_again_while_checking_its_pdf_is_linked_before_conversion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Parts given back make a new DOCX, converted again: it is linked first, as the
    draft was, so the PDF shows the addresses as the written DOCX does (one piece, never
    ended at a hyphen) instead of coming from an unlinked render."""
    from docx.oxml.ns import qn

    import tailor.render.pdf as pdf_module
    from tailor.compose.inputs import DocumentOptions
    from tailor.pipeline import Request, prepare, tailor_posting
    from tailor.render.templates import search_path

    converted: list[bytes] = []

    def convert_groups(groups):  # type: ignore[no-untyped-def]
        return [{name.replace(".docx", ".pdf"): b"first" for name in group} for group in groups]

    def docx_to_pdf(documents, **_):  # type: ignore[no-untyped-def]
        converted.extend(documents.values())
        return {name.replace(".docx", ".pdf"): b"again" for name in documents}

    monkeypatch.setattr(pdf_module, "convert_groups", convert_groups)
    monkeypatch.setattr(pdf_module, "docx_to_pdf", docx_to_pdf)
    monkeypatch.setattr(pdf_module, "page_count", lambda _: 2)
    monkeypatch.setattr(pdf_module, "last_page_fill", lambda _: 0.3)  # room: parts come back
    nurse = prepare(
        ROOT / "examples/postings/staff-nurse-riverside.txt", PROFILE.parent / "example-nurse.yaml"
    )
    tailor_posting(
        nurse,
        Request(
            kinds=("resume",),
            formats=("pdf",),
            template_dirs=tuple(search_path()),
            options=DocumentOptions(pages=2),
        ),
    )
    assert converted  # the check made the résumé again
    for docx in converted:
        body = Document(io.BytesIO(docx)).element.body
        links = list(body.iter(qn("w:hyperlink")))
        assert links
        assert any(link.find(f".//{qn('w:noBreakHyphen')}") is not None for link in links)
