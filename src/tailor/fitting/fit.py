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
) -> FittedPdf:
    """The budget checked against LibreOffice's own page count of `pdf` (made from
    `done.docx`): one more part left out at a time while the PDF is too long.

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
        fitted = replace(fitted, fits=False)
    return FittedPdf(fitted, docx, pdf)
