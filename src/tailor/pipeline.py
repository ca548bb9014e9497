"""The steps of a run, in order, for the CLI, the bulk workers and library users.

    read posting -> analyze -> load profile -> match      (prepare)
    -> compose -> fit to pages -> render DOCX             (draft, per kind)
    -> DOCX to PDF, page check                            (one LibreOffice run per batch)
    -> render Markdown -> provenance, report              (finish)
    -> (the caller) write

Each step is a plain call that returns its result; nothing here prints, exits or
writes a file. `tailor_postings` is the one function that tailors postings end to
end: `tailor letter|resume|bullets` call it with one posting, a bulk worker with
its batch, so both get the same documents, checks and PDF page count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tailor.compose.inputs import Composed, DocumentOptions, Prepared
from tailor.documents import (
    DEFAULT_TEMPLATE,
    KINDS,
    DocKind,
    OutputFormat,
    TemplateFormat,
    template_formats,
)
from tailor.errors import GroundingError, Problem, TailorError, TemplateError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from spacy.tokens import Doc

    from tailor.analysis.models import Analysis
    from tailor.checks.grounding import Grounds
    from tailor.fitting.budget import Cut, Fitted
    from tailor.posting.read import Posting
    from tailor.profile.model import Profile

REPORT = "report.md"
"""Beside the documents: every requirement, the facts that back it, the gaps, the score."""
REPORT_HTML = "report.html"
"""The same, to look at: the posting highlighted by status (`matching.report_html`)."""


@dataclass(frozen=True)
class Request:
    """What documents to make of each posting, and how."""

    kinds: tuple[DocKind, ...]
    formats: tuple[OutputFormat, ...]
    template: str = DEFAULT_TEMPLATE
    template_dirs: tuple[Path, ...] = field(default_factory=lambda: _search_path())
    """Where templates are looked up, first to last (default: `render.templates.search_path`)."""
    options: DocumentOptions = field(default_factory=DocumentOptions)


@dataclass(frozen=True)
class Built:
    """One posting's files (name -> bytes), and what its résumé's page budget left out."""

    files: dict[str, bytes]
    fitted: Fitted | None = None


def _search_path() -> tuple[Path, ...]:
    from tailor.render.templates import search_path

    return tuple(search_path())


# ----------------------------------------------------------------------------- prepare


def analyze_posting(
    source: str | Path,
    *,
    recogniser: bool = True,
    company: str | None = None,
    title: str | None = None,
) -> Analysis:
    """What the posting at `source` asks for; `company` and `title`, when given, stand
    for what the posting names (as `--company`/`--title` do)."""
    from tailor.analysis.extract import analyze
    from tailor.posting.names import clean_name
    from tailor.posting.read import read_posting

    analysis = analyze(read_posting(source), recogniser=recogniser)
    names = {"company": clean_name(company), "title": clean_name(title)}
    known = {field: value for field, value in names.items() if value}
    if not known:
        return analysis
    return analysis.model_copy(update={"posting": analysis.posting.model_copy(update=known)})


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
    from tailor.profile.load import load_profile

    profile = load_profile(profile_path)
    analysis = analyze_posting(posting, recogniser=recogniser, company=company, title=title)
    return prepare_analysis(analysis, profile)


def prepare_parsed(
    posting: Posting, doc: Doc | None, profile: Profile, *, grounds: Grounds | None = None
) -> Prepared:
    """`prepare` for a posting already read, and parsed by a worker's `nlp.pipe`
    (`doc` is the Doc of `tailor.analysis.extract.skill_text(posting.text)`, or None)."""
    from tailor.analysis.extract import analyze

    analysis = analyze(posting, doc=doc, recogniser=False)
    return prepare_analysis(analysis, profile, grounds=grounds)


def prepare_analysis(
    analysis: Analysis, profile: Profile, *, grounds: Grounds | None = None
) -> Prepared:
    """Match an analysed posting with a profile. `grounds` (what the profile backs up)
    is computed here unless the caller, tailoring many postings, already has it. Names
    given on the command line are already in `analysis.posting` (`analyze_posting`)."""
    from tailor.checks.grounding import profile_grounds
    from tailor.matching.align import match_profile
    from tailor.skills.taxonomy import load_taxonomy
    from tailor.skills.vectors import load_word_vectors

    taxonomy = load_taxonomy()
    return Prepared(
        analysis=analysis,
        profile=profile,
        result=match_profile(profile, analysis, taxonomy=taxonomy, vectors=load_word_vectors()),
        company=analysis.posting.company,
        title=analysis.posting.title,
        taxonomy=taxonomy,
        grounds=grounds or profile_grounds(profile, taxonomy),
    )


def with_concepts(prepared: Prepared, k: int = 5) -> Prepared:
    """`prepared` with each requirement line's ranked ESCO concepts (`analyze --concepts`):
    the wide list beside the high-precision skills documents use."""
    from dataclasses import replace

    from tailor.analysis.models import Concept
    from tailor.skills.concepts import load_concepts

    index = load_concepts()
    lines = [
        line.model_copy(
            update={
                "concepts": [
                    Concept(id=c.id, label=c.label, score=c.score) for c in index.rank(line.text, k)
                ]
            }
        )
        for line in prepared.result.match.lines
    ]
    match = prepared.result.match.model_copy(update={"lines": lines})
    return replace(prepared, result=replace(prepared.result, match=match))


# ----------------------------------------------------------------------------- tailor


def compose(prepared: Prepared, kind: DocKind, options: DocumentOptions | None = None) -> Composed:
    """What a template of `kind` sees, and (résumés) what a page budget may leave out."""
    return KINDS[kind].compose()(prepared, options or DocumentOptions())


def tailor_posting(prepared: Prepared, request: Request) -> Built:
    """Every document `request` asks for, for one posting (raises its error)."""
    built = tailor_postings([prepared], request)[0]
    if isinstance(built, Exception):
        raise built
    return built


def tailor_postings(batch: Sequence[Prepared], request: Request) -> list[Built | Exception]:
    """Every document `request` asks for, for each posting of `batch`, in order.

    A posting that fails gives its exception in its place and never stops the
    others. PDFs are converted in one LibreOffice run for the whole batch (it
    takes seconds to start, a fraction of that per document).
    """
    templates = {kind: _templates(kind, request) for kind in request.kinds}
    drafts: list[list[_Draft] | Exception] = []
    for prepared in batch:
        try:
            drafts.append(
                [_draft(prepared, kind, templates[kind], request) for kind in request.kinds]
            )
        except Exception as exc:  # noqa: BLE001 - one bad posting must not stop the others
            drafts.append(exc)
    pdfs: list[dict[DocKind, bytes] | Exception] = [{} for _ in batch]
    if "pdf" in request.formats:
        pdfs = _convert(drafts)
    out: list[Built | Exception] = []
    for prepared, posting_drafts, posting_pdfs in zip(batch, drafts, pdfs, strict=True):
        if isinstance(posting_drafts, Exception):
            out.append(posting_drafts)
            continue
        if isinstance(posting_pdfs, Exception):
            out.append(posting_pdfs)
            continue
        try:
            out.append(_finish(prepared, posting_drafts, posting_pdfs, request))
        except Exception as exc:  # noqa: BLE001 - one bad posting must not stop the others
            out.append(exc)
    return out


@dataclass(frozen=True)
class _Templates:
    files: dict[TemplateFormat, Path]
    """The templates the asked-for formats are rendered from."""
    measuring: Path | None
    """The DOCX a page budget is measured on (the style's, or the default style's when
    only Markdown is asked for and the style has no DOCX)."""


def _templates(kind: DocKind, request: Request) -> _Templates:
    from tailor.render.templates import find_template

    dirs = list(request.template_dirs)
    files = {
        fmt: find_template(kind, request.template, fmt, dirs)
        for fmt in template_formats(request.formats)
    }
    measuring = files.get("docx")
    if measuring is None and request.options.pages and KINDS[kind].paged:
        try:
            measuring = find_template(kind, request.template, "docx", dirs)
        except TailorError:
            measuring = find_template(kind, DEFAULT_TEMPLATE, "docx", dirs)
    return _Templates(files, measuring)


@dataclass(frozen=True)
class _Draft:
    kind: DocKind
    templates: _Templates
    composed: BaseModel
    cuts: list[Cut]
    context: BaseModel
    """`composed` less what the page budget left out."""
    docx: bytes | None
    fitted: Fitted | None


def _draft(prepared: Prepared, kind: DocKind, templates: _Templates, request: Request) -> _Draft:
    """Compose one document, fit it to its page budget, and render its DOCX."""
    composed = compose(prepared, kind, request.options)
    pages = request.options.pages if KINDS[kind].paged else None
    context, docx, fitted = composed.context, None, None
    if pages and templates.measuring is not None:
        from tailor.fitting.fit import fit_docx
        from tailor.render.context import ResumeContext

        assert isinstance(context, ResumeContext)
        # Candidates are only measured: the guard reads the one that is kept.
        render = _docx_renderer(prepared, kind, templates.measuring, checked=False)
        done = fit_docx(context, composed.cuts, pages, render)
        context, docx, fitted = (
            done.fitted.context,
            _checked_docx(prepared, kind, done.docx, templates.measuring, context),
            done.fitted,
        )
    if "docx" in templates.files and docx is None:
        docx = _docx_renderer(prepared, kind, templates.files["docx"])(context)
    if docx is not None:
        from tailor.render.docx_links import context_urls, link_urls

        docx = link_urls(docx, context_urls(context))  # the text stays as checked
    return _Draft(kind, templates, composed.context, composed.cuts, context, docx, fitted)


def _docx_renderer(
    prepared: Prepared, kind: DocKind, template: Path, *, checked: bool = True
) -> Callable[[Any], bytes]:
    """Context -> DOCX bytes, passed by the grounding guard unless `checked` is False."""
    from tailor.render.docx import render_docx_bytes

    def render(context: BaseModel) -> bytes:
        data = render_docx_bytes(template, context)
        return _checked_docx(prepared, kind, data, template, context) if checked else data

    return render


def _checked_docx(
    prepared: Prepared, kind: DocKind, data: bytes, template: Path, context: BaseModel
) -> bytes:
    from tailor.render.docx_bytes import docx_text

    _check(prepared, f"{kind} (DOCX)", docx_text(data), template, context)
    return data


def _convert(drafts: list[list[_Draft] | Exception]) -> list[dict[DocKind, bytes] | Exception]:
    """Each posting's DOCX files as PDF (kind -> bytes), in one LibreOffice run for the batch."""
    from tailor.render.pdf import convert_groups

    kind_of = {document.stem: kind for kind, document in KINDS.items()}
    groups = [
        {}
        if isinstance(posting, Exception)
        else {KINDS[d.kind].stem: d.docx for d in posting if d.docx is not None}
        for posting in drafts
    ]
    return [
        pdfs if isinstance(pdfs, Exception) else {kind_of[s]: pdf for s, pdf in pdfs.items()}
        for pdfs in convert_groups(groups)
    ]


def _finish(
    prepared: Prepared, drafts: list[_Draft], pdfs: dict[DocKind, bytes], request: Request
) -> Built:
    files: dict[str, bytes] = {}
    fitted: Fitted | None = None
    for draft in drafts:
        pdf = pdfs.get(draft.kind)
        if pdf is not None:
            draft, pdf = _checked_pdf(prepared, draft, pdf)
        files.update(_files(prepared, draft, pdf, request))
        fitted = draft.fitted or fitted
    files.update(_reports(prepared))
    return Built(files, fitted)


def _checked_pdf(prepared: Prepared, draft: _Draft, pdf: bytes) -> tuple[_Draft, bytes]:
    """For a budgeted résumé, the page budget checked against LibreOffice's own count
    of `pdf`; the draft and its PDF, with more left out if the PDF was too long."""
    if draft.fitted is None or draft.docx is None or draft.templates.measuring is None:
        return draft, pdf
    from dataclasses import replace

    from tailor.fitting.fit import FittedDocx, check_pdf
    from tailor.render.context import ResumeContext
    from tailor.render.docx_links import context_urls, link_urls
    from tailor.render.pdf import docx_to_pdf, last_page_fill, page_count

    assert isinstance(draft.composed, ResumeContext)
    name = f"{KINDS[draft.kind].stem}.docx"
    # A résumé made again while checking is linked before it is converted, as the draft
    # was: its PDF keeps the links (and the unbroken addresses) the written DOCX has.
    urls = context_urls(draft.composed)
    checked = check_pdf(
        draft.composed,
        draft.cuts,
        FittedDocx(draft.fitted, draft.docx),
        pdf,
        render=_docx_renderer(prepared, draft.kind, draft.templates.measuring),
        convert=lambda docx: docx_to_pdf({name: link_urls(docx, urls)})[
            name.removesuffix(".docx") + ".pdf"
        ],
        page_count=page_count,
        last_page_fill=last_page_fill,
    )
    # A DOCX made again here has its addresses linked as `_draft`'s are (a no-op otherwise).
    docx = link_urls(checked.docx, context_urls(checked.fitted.context))
    checked_draft = replace(draft, context=checked.fitted.context, docx=docx, fitted=checked.fitted)
    return checked_draft, checked.pdf


def _files(
    prepared: Prepared, draft: _Draft, pdf: bytes | None, request: Request
) -> dict[str, bytes]:
    """The draft's files in the asked-for formats, its provenance (of the first
    format) and, for a résumé, the list of what its page budget left out."""
    from tailor.render.docx_bytes import docx_text

    stem = KINDS[draft.kind].stem
    out: dict[str, bytes] = {}
    first: tuple[str, str] | None = None
    for fmt in request.formats:
        if fmt == "md":
            from tailor.render.markdown import render_markdown

            text = render_markdown(draft.templates.files["md"], draft.context)
            _check(
                prepared,
                f"{draft.kind} (Markdown)",
                text,
                draft.templates.files["md"],
                draft.composed,
            )
            out[f"{stem}.md"] = text.encode("utf-8")
            first = first or ("md", text)
        elif draft.docx is not None and (data := draft.docx if fmt == "docx" else pdf):
            out[f"{stem}.{fmt}"] = data  # a PDF is the DOCX converted: its text is the DOCX's
            first = first or (fmt, docx_text(draft.docx))
    if first is not None:
        out[f"{stem}.provenance.json"] = _provenance(prepared, f"{stem}.{first[0]}", first[1])
    if KINDS[draft.kind].paged:
        from tailor.fitting.left_out import (
            LEFT_OUT,
            left_out_markdown,
            not_in_template,
            renders,
        )

        files = draft.templates.files.values()
        unrendered = not_in_template(
            prepared.profile,
            volunteer=renders(files, "volunteer"),
            interests=renders(files, "interests"),
        )
        out[LEFT_OUT] = left_out_markdown(draft.fitted, unrendered).encode("utf-8")
    return out


def _provenance(prepared: Prepared, name: str, text: str) -> bytes:
    from tailor.checks.provenance import provenance, provenance_json

    items = provenance(
        text,
        prepared.result.facts,
        posting={"company": prepared.company, "title": prepared.title},
    )
    return provenance_json(name, items)


def _reports(prepared: Prepared) -> dict[str, bytes]:
    """`report.md` and `report.html`, written beside every posting's documents."""
    from tailor import __version__
    from tailor.matching.report import report_markdown
    from tailor.matching.report_html import report_html

    analysis = prepared.analysis.model_copy(update={"match": prepared.result.match})
    page = report_html(analysis, version=__version__, taxonomy=prepared.taxonomy)
    return {
        REPORT: report_markdown(analysis).encode("utf-8"),
        REPORT_HTML: page.encode("utf-8"),
    }


def _check(prepared: Prepared, name: str, text: str, template: Path, context: BaseModel) -> None:
    """The grounding guard on a finished document. A claim the composer made is a bug
    (`GroundingError`, with its traceback); one a user's template writes by itself is
    the user's to fix, and said as a template error naming its line.

    A letter's date, subject line, reference and addressee are the run's and the
    posting's, not the applicant's claims, and are allowed like the company; so is its
    one gap sentence, which says what the applicant does not have."""
    from tailor.checks.grounding import violations
    from tailor.compose.conventions import clean_title
    from tailor.render.context import LetterContext

    # The role as the documents write it: "Application Engineer (Datacentre Migration)"
    # for "Application Engineer – Datacentre Migration" is the posting's, like the raw title.
    allowed: list[str | None] = [prepared.company, prepared.title, clean_title(prepared.title)]
    if isinstance(context, LetterContext):
        # The gap sentence names what the profile lacks, on purpose (`compose.gaps`).
        allowed += [context.date, context.subject, context.reference, context.recipient]
        allowed += [context.gap]
    problems = violations(
        text, grounds=prepared.grounds, allowed=allowed, taxonomy=prepared.taxonomy
    )
    if not problems:
        return
    from tailor.render.templates import builtin_dir

    if not template.resolve().is_relative_to(builtin_dir().resolve()):
        from tailor.checks.template_claims import literal_claims

        claims = literal_claims(
            template, grounds=prepared.grounds, allowed=allowed, taxonomy=prepared.taxonomy
        )
        if claims:
            raise TemplateError(
                *(
                    Problem(
                        where,
                        None,
                        "the template itself writes what the profile does not back ("
                        + "; ".join(found)
                        + "); take it out of the template, or put it in the profile",
                    )
                    for where, found in claims
                )
            )
    raise GroundingError(f"{name}: " + "; ".join(problems))
