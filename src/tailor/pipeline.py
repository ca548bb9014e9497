"""The steps of a run, in order, for the CLI and for library users.

read posting -> analyze -> load profile -> match -> compose -> render ->
grounding check -> (the caller) write. Each step is a plain function call; no
printing, no exiting.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tailor.analysis.models import Analysis
from tailor.checks.grounding import Grounds
from tailor.errors import GroundingError
from tailor.matching.align import MatchResult
from tailor.profile.model import Profile
from tailor.render.context import ResumeContext
from tailor.render.templates import Format, Kind, find_template

if TYPE_CHECKING:
    from tailor.compose.letter import Tone
    from tailor.fitting.budget import Cut, Fitted
    from tailor.fitting.layout import Layout
    from tailor.render.context import BulletsContext, LetterContext

DocKind = Literal["letter", "resume", "bullets"]
OutputFormat = Literal["md", "docx", "pdf"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("md", "docx", "pdf")
FILE_STEM: dict[str, str] = {"letter": "cover-letter", "resume": "resume", "bullets": "bullets"}


@dataclass
class Prepared:
    analysis: Analysis
    profile: Profile
    result: MatchResult
    company: str | None
    title: str | None
    grounds: Grounds | None = None
    fitted: Fitted | None = None
    """Set by `build_documents` for a résumé with a page budget: what was left out."""


def analyze_posting(source: str | Path, *, recogniser: bool = True) -> Analysis:
    from tailor.analysis.extract import analyze
    from tailor.posting.read import read_posting

    return analyze(read_posting(source), recogniser=recogniser)


def prepare(
    posting: str | Path,
    profile_path: str | Path,
    *,
    company: str | None = None,
    title: str | None = None,
    recogniser: bool = False,
) -> Prepared:
    """Everything a document needs. Documents use the taxonomy linker alone
    (see `tailor.skills.pipeline.get_nlp`); `analyze --profile` asks for the recogniser too."""
    from tailor.posting.names import clean_name
    from tailor.profile.load import load_profile

    profile = load_profile(profile_path)
    analysis = analyze_posting(posting, recogniser=recogniser)
    result = match(profile, analysis)
    return Prepared(
        analysis=analysis,
        profile=profile,
        result=result,
        company=clean_name(company) or analysis.posting.company,
        title=clean_name(title) or analysis.posting.title,
    )


def match(profile: Profile, analysis: Analysis) -> MatchResult:
    from tailor.matching.align import match_profile
    from tailor.skills.taxonomy import load_taxonomy

    return match_profile(profile, analysis, taxonomy=load_taxonomy())


def build_documents(
    prepared: Prepared,
    *,
    kind: DocKind,
    formats: list[OutputFormat] | list[Format],
    template: str,
    template_dirs: list[Path],
    tone: Tone = "formal",
    pages: int | None = None,
) -> dict[str, bytes]:
    """Render one kind of document in each format; file name -> bytes.

    `pages` (résumés only) leaves out the least relevant parts until the DOCX
    fits that many pages (`tailor.fitting.budget`); what was left out is kept in
    `prepared.fitted` and listed in `resume.left-out.md`. PDF is the DOCX
    converted by LibreOffice; with a page budget, its real page count is checked
    and more is left out if LibreOffice needed an extra page.
    """
    templates: dict[str, Path] = {}
    for fmt in formats:  # unknown templates first, in the order the formats were asked for
        key: Format = "md" if fmt == "md" else "docx"  # PDF is made from the DOCX
        if key not in templates:
            templates[key] = find_template(kind, template, key, template_dirs)
    stem = FILE_STEM[kind]
    context, cuts = compose(prepared, kind, tone=tone)
    docx_template = templates.get("docx")
    if docx_template is None and pages and kind == "resume":
        docx_template = _measuring_template(kind, template, template_dirs)
    docx_data: bytes | None = None
    composed = context
    if pages and kind == "resume" and docx_template is not None:
        context, docx_data = _fit(prepared, context, cuts, pages, docx_template)  # type: ignore[arg-type]
    if "docx" in templates:
        docx_data = docx_data or _docx(prepared, kind, templates["docx"], context)
    pdf_data: bytes | None = None
    if "pdf" in formats and docx_data is not None:
        context, docx_data, pdf_data = _pdf(
            prepared, kind, context, composed, cuts, pages, docx_template, docx_data
        )

    out: dict[str, bytes] = {}
    first: tuple[str, str] | None = None
    for fmt in formats:
        if fmt == "md":
            from tailor.render.markdown import render_markdown

            text = render_markdown(templates["md"], context)
            _check(prepared, f"{kind} (Markdown)", text)
            out[f"{stem}.md"] = text.encode("utf-8")
            first = first or ("md", text)
        elif fmt == "docx" and docx_data is not None:
            out[f"{stem}.docx"] = docx_data
            first = first or ("docx", docx_text(docx_data))
        elif fmt == "pdf" and pdf_data is not None and docx_data is not None:
            out[f"{stem}.pdf"] = pdf_data
            first = first or ("pdf", docx_text(docx_data))
    if first is not None:
        out[f"{stem}.provenance.json"] = _provenance(prepared, kind, *first)
    if kind == "resume":
        from tailor.matching.report import LEFT_OUT, left_out_markdown

        out[LEFT_OUT] = left_out_markdown(prepared.fitted if pages else None).encode("utf-8")
    return out


def compose(
    prepared: Prepared, kind: DocKind, *, tone: Tone = "formal"
) -> tuple[LetterContext | ResumeContext | BulletsContext, list[Cut]]:
    """What a template of `kind` sees, and (résumés) what a page budget may leave out."""
    p = prepared
    # Each composer is imported only for its own kind: start-up time is part of the product.
    if kind == "letter":
        from tailor.compose.letter import compose_letter

        letter = compose_letter(
            p.profile, p.analysis, p.result, company=p.company, title=p.title, tone=tone
        )
        return letter, []
    if kind == "resume":
        from tailor.compose.resume import compose_resume_with_cuts
        from tailor.skills.taxonomy import load_taxonomy

        return compose_resume_with_cuts(
            p.profile,
            p.analysis,
            p.result,
            taxonomy=load_taxonomy(),
            company=p.company,
            title=p.title,
        )
    from tailor.compose.bullets import compose_bullets

    return compose_bullets(p.profile, p.analysis, p.result, company=p.company, title=p.title), []


def _measuring_template(kind: Kind, template: str, dirs: list[Path]) -> Path:
    """To measure pages for Markdown alone: the style's DOCX, or the default style's."""
    from tailor.errors import TemplateError
    from tailor.render.templates import DEFAULT_TEMPLATE

    try:
        return find_template(kind, template, "docx", dirs)
    except TemplateError:
        return find_template(kind, DEFAULT_TEMPLATE, "docx", dirs)


def _fit(
    prepared: Prepared, context: ResumeContext, cuts: list[Cut], pages: int, template: Path
) -> tuple[ResumeContext, bytes]:
    """The résumé cut to `pages`, and its DOCX.

    Renders are the cost here, so the full résumé is rendered once, the search
    for what to leave out runs on its paragraphs (`budget.without`), and only
    the chosen candidate is rendered again (the full one is reused when nothing
    has to go).
    """
    from tailor.fitting.budget import fit, without
    from tailor.fitting.layout import measure, parse

    full = _render_docx(template, context)
    body = parse(full)
    rendered: dict[int, bytes] = {id(context): full}

    def layout(candidate: ResumeContext) -> Layout:
        rendered[id(candidate)] = _render_docx(template, candidate)
        return measure(rendered[id(candidate)])

    fitted = fit(
        context,
        cuts,
        pages,
        layout,
        estimate=lambda some: body.layout(without(body.paragraphs, context, some)),
        first=body.layout(),
    )
    prepared.fitted = fitted
    return fitted.context, _checked_docx(prepared, "resume", rendered[id(fitted.context)])


# How many more parts a budgeted résumé may lose when LibreOffice needs one
# more page than the layout estimate said (each try is one more conversion).
_PDF_RETRIES = 3


def _pdf(
    prepared: Prepared,
    kind: DocKind,
    context: LetterContext | ResumeContext | BulletsContext,
    composed: LetterContext | ResumeContext | BulletsContext,
    cuts: list[Cut],
    pages: int | None,
    template: Path | None,
    docx_data: bytes,
) -> tuple[LetterContext | ResumeContext | BulletsContext, bytes, bytes]:
    """The PDF; for a budgeted résumé, checked against LibreOffice's own page count."""
    from tailor.fitting.budget import Fitted, apply_cuts
    from tailor.fitting.layout import measure
    from tailor.render.pdf import docx_to_pdf, page_count

    name = f"{FILE_STEM[kind]}.docx"
    pdf = docx_to_pdf({name: docx_data})[f"{FILE_STEM[kind]}.pdf"]
    fitted = prepared.fitted if kind == "resume" else None
    if fitted is not None and not fitted.fits and pages and page_count(pdf) <= pages:
        # The estimate is cautious; for a PDF, LibreOffice's own count decides.
        prepared.fitted = replace(fitted, fits=True)
        return context, docx_data, pdf
    if not (
        pages and fitted is not None and template is not None and fitted.fits
    ) or not isinstance(composed, ResumeContext):
        return context, docx_data, pdf
    taken = len(fitted.left_out)
    for _ in range(_PDF_RETRIES):
        if page_count(pdf) <= pages or taken >= len(cuts):
            break
        taken += 1
        context = apply_cuts(composed, cuts[:taken])
        docx_data = _docx(prepared, kind, template, context)
        pdf = docx_to_pdf({name: docx_data})[f"{FILE_STEM[kind]}.pdf"]
        prepared.fitted = Fitted(context, list(cuts[:taken]), measure(docx_data), pages, True)
    if page_count(pdf) > pages and prepared.fitted is not None:
        prepared.fitted = replace(prepared.fitted, fits=False)
    return context, docx_data, pdf


def _provenance(prepared: Prepared, kind: str, fmt: str, text: str) -> bytes:
    from tailor.checks.provenance import provenance, provenance_json

    items = provenance(
        text,
        prepared.result.facts,
        posting={"company": prepared.company, "title": prepared.title},
    )
    return provenance_json(f"{FILE_STEM[kind]}.{fmt}", items)


def _docx(prepared: Prepared, kind: Kind, template: Path, context: object) -> bytes:
    return _checked_docx(prepared, kind, _render_docx(template, context))


def _checked_docx(prepared: Prepared, kind: Kind, rendered: bytes) -> bytes:
    """A rendered DOCX made reproducible (fixed zip dates) and passed by the guard."""
    data = stable_zip(rendered)
    _check(prepared, f"{kind} (DOCX)", docx_text(data))
    return data


def _render_docx(template: Path, context: object) -> bytes:
    from tailor.errors import TemplateError
    from tailor.render.docx import TemplateRenderError, render_docx

    buffer = io.BytesIO()
    try:
        render_docx(template, context, buffer)  # type: ignore[arg-type]
    except TemplateRenderError as exc:
        raise TemplateError.at(None, None, str(exc)) from None
    return buffer.getvalue()


_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_TEXT_RUN = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def docx_text(data: bytes) -> str:
    """The body text of a DOCX, one paragraph a line (cheaper than opening it with python-docx)."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    lines = [
        b"".join(_TEXT_RUN.findall(paragraph)).decode("utf-8")
        for paragraph in _PARAGRAPH.findall(xml)
    ]
    return html.unescape("\n".join(lines))


def stable_zip(data: bytes) -> bytes:
    """Rewrite a DOCX with fixed timestamps, so the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _check(prepared: Prepared, name: str, text: str) -> None:
    from tailor.checks.grounding import profile_grounds, violations
    from tailor.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    if prepared.grounds is None:
        prepared.grounds = profile_grounds(prepared.profile, taxonomy)
    problems = violations(
        text,
        grounds=prepared.grounds,
        allowed=[prepared.company, prepared.title],
        taxonomy=taxonomy,
    )
    if problems:
        raise GroundingError(f"{name}: " + "; ".join(problems))
