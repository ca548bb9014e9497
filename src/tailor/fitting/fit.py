"""The fitting loop: a résumé cut to its page budget, measured on its rendered DOCX.

It knows nothing of templates or files: the caller passes `render`, which turns a
résumé context into checked DOCX bytes, and (for the PDF check) `convert`, which
turns DOCX bytes into PDF bytes. Renders are the cost here, so the full résumé is
rendered once, the search for what to leave out runs on its paragraphs
(`budget.without`), and only the chosen candidate is rendered again (the full
one is reused when nothing has to go).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tailor.fitting.budget import Cut, Fitted, apply_cuts, fit, without
from tailor.fitting.layout import Layout, measure, parse
from tailor.render.context import ResumeContext

Render = Callable[[ResumeContext], bytes]
Convert = Callable[[bytes], bytes]

PDF_RETRIES = 3
"""How many more parts a budgeted résumé may lose when LibreOffice needs one more page
than the layout estimate said (each try is one more conversion)."""


@dataclass(frozen=True)
class FittedDocx:
    fitted: Fitted
    docx: bytes
    """The DOCX of `fitted.context`."""


def fit_docx(context: ResumeContext, cuts: list[Cut], pages: int, render: Render) -> FittedDocx:
    """The résumé with the fewest least-relevant parts left out to fit `pages`, and its DOCX."""
    full = render(context)
    body = parse(full)
    rendered: dict[int, bytes] = {id(context): full}

    def layout(candidate: ResumeContext) -> Layout:
        rendered[id(candidate)] = render(candidate)
        return measure(rendered[id(candidate)])

    fitted = fit(
        context,
        cuts,
        pages,
        layout,
        estimate=lambda some: body.layout(without(body.paragraphs, context, some)),
        first=body.layout(),
    )
    return FittedDocx(fitted, rendered[id(fitted.context)])


@dataclass(frozen=True)
class FittedPdf:
    fitted: Fitted
    docx: bytes
    pdf: bytes


def check_pdf(
    composed: ResumeContext,
    cuts: list[Cut],
    done: FittedDocx,
    pdf: bytes,
    *,
    render: Render,
    convert: Convert,
    page_count: Callable[[bytes], int],
    last_page_fill: Callable[[bytes], float] | None = None,
) -> FittedPdf:
    """The budget checked against LibreOffice's own page count of `pdf` (made from
    `done.docx`): one more part left out at a time while the PDF is too long, and,
    with `last_page_fill` (how far down its last page a PDF's text goes, 0-1), the
    last parts left out given back while the PDF's last page has room for them.

    The layout estimate is cautious: when it said "does not fit" but the PDF does,
    the PDF's count decides.
    """
    fitted, docx = done.fitted, done.docx
    pages = fitted.pages
    if not fitted.fits:
        if page_count(pdf) <= pages:
            fitted = replace(fitted, fits=True)
        return FittedPdf(fitted, docx, pdf)
    taken = len(fitted.left_out)
    for _ in range(PDF_RETRIES):
        if page_count(pdf) <= pages or taken >= len(cuts):
            break
        taken += 1
        context = apply_cuts(composed, cuts[:taken])
        docx = render(context)
        pdf = convert(docx)
        fitted = Fitted(context, list(cuts[:taken]), measure(docx), pages, True)
    if page_count(pdf) > pages:
        return FittedPdf(replace(fitted, fits=False), docx, pdf)
    if last_page_fill is not None and taken == len(done.fitted.left_out):  # none added
        fitted, docx, pdf = _give_back(
            composed,
            cuts,
            fitted,
            docx,
            pdf,
            render=render,
            convert=convert,
            page_count=page_count,
            last_page_fill=last_page_fill,
        )
    return FittedPdf(fitted, docx, pdf)


ADD_BACK = 2
"""How many parts left out may come back when LibreOffice's PDF has room for them
(each try is one more conversion)."""
ROOM = 0.02
"""Room a part given back must leave on the last page, in pages: the estimate of what it
adds (`CHARS_PER_PAGE`) is rough."""
CHARS_PER_PAGE = 5000
"""About how many characters of body text a page of the built-in résumés holds (95 a
line, 54 lines): what a part left out would take, before LibreOffice says for sure.
The layout estimate is no guide here: it errs long by about as much as the room."""
BOTTOM_MARGIN = 0.07
"""The built-in templates' bottom margin as a share of the page's height (0.79 in of
A4's 11.7 in; Letter's is alike): text ends above it."""


def _give_back(
    composed: ResumeContext,
    cuts: list[Cut],
    fitted: Fitted,
    docx: bytes,
    pdf: bytes,
    *,
    render: Render,
    convert: Convert,
    page_count: Callable[[bytes], int],
    last_page_fill: Callable[[bytes], float],
) -> tuple[Fitted, bytes, bytes]:
    """The most relevant parts left out, restored one at a time (the last cut first) while
    the PDF stays within its pages: the layout estimate errs long, and a page a fifth
    empty is room a recruiter would rather see used."""
    pages = fitted.pages
    taken = len(fitted.left_out)
    for _ in range(ADD_BACK):
        count = page_count(pdf)
        if taken == 0 or count > pages:
            break
        room = (pages - count) + 1.0 - BOTTOM_MARGIN - last_page_fill(pdf)
        if cuts[taken - 1].size / CHARS_PER_PAGE + ROOM > room:
            break  # no room for it: not worth a conversion
        fewer = apply_cuts(composed, cuts[: taken - 1])
        fewer_docx = render(fewer)
        fewer_layout = measure(fewer_docx)
        fewer_pdf = convert(fewer_docx)
        if page_count(fewer_pdf) > pages:
            break
        taken -= 1
        fitted = Fitted(fewer, list(cuts[:taken]), fewer_layout, pages, True)
        docx, pdf = fewer_docx, fewer_pdf
    return fitted, docx, pdf
