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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tailor.analysis import Analysis
from tailor.errors import GroundingError
from tailor.grounding import Grounds
from tailor.matching import MatchResult
from tailor.profile_model import Profile
from tailor.render.templates import Format, Kind, find_template

if TYPE_CHECKING:
    from tailor.compose.letter import Tone
    from tailor.render.context import BulletsContext, LetterContext, ResumeContext

DocKind = Literal["letter", "resume", "bullets"]
FILE_STEM: dict[str, str] = {"letter": "cover-letter", "resume": "resume", "bullets": "bullets"}


@dataclass
class Prepared:
    analysis: Analysis
    profile: Profile
    result: MatchResult
    company: str | None
    title: str | None
    grounds: Grounds | None = None


def analyze_posting(source: str | Path, *, recogniser: bool = True) -> Analysis:
    from tailor.extract import analyze
    from tailor.posting import read_posting

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
    (see `tailor.nlp.get_nlp`); `analyze --profile` asks for the recogniser too."""
    from tailor.names import clean_name
    from tailor.profile import load_profile

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
    from tailor.matching import match_profile
    from tailor.taxonomy import load_taxonomy

    return match_profile(profile, analysis, taxonomy=load_taxonomy())


def build_documents(
    prepared: Prepared,
    *,
    kind: DocKind,
    formats: list[Format],
    template: str,
    template_dirs: list[Path],
    tone: Tone = "formal",
) -> dict[str, bytes]:
    """Render one kind of document in each format; file name -> bytes."""
    from tailor.compose.bullets import compose_bullets
    from tailor.compose.letter import compose_letter
    from tailor.compose.resume import compose_resume
    from tailor.taxonomy import load_taxonomy

    p = prepared
    context: LetterContext | ResumeContext | BulletsContext
    if kind == "letter":
        context = compose_letter(
            p.profile, p.analysis, p.result, company=p.company, title=p.title, tone=tone
        )
    elif kind == "resume":
        context = compose_resume(
            p.profile,
            p.analysis,
            p.result,
            taxonomy=load_taxonomy(),
            company=p.company,
            title=p.title,
        )
    else:
        context = compose_bullets(p.profile, p.analysis, p.result, company=p.company, title=p.title)
    out: dict[str, bytes] = {}
    first: tuple[str, str] | None = None
    for fmt in formats:
        path = find_template(kind, template, fmt, template_dirs)
        if fmt == "md":
            from tailor.render.markdown import render_markdown

            text = render_markdown(path, context)
            _check(prepared, f"{kind} (Markdown)", text)
            out[f"{FILE_STEM[kind]}.md"] = text.encode("utf-8")
        else:
            data = _docx(prepared, kind, path, context)
            out[f"{FILE_STEM[kind]}.docx"] = data
            text = docx_text(data)
        first = first or (fmt, text)
    if first is not None:
        out[f"{FILE_STEM[kind]}.provenance.json"] = _provenance(prepared, kind, *first)
    return out


def _provenance(prepared: Prepared, kind: str, fmt: str, text: str) -> bytes:
    from tailor.provenance import provenance, provenance_json

    items = provenance(
        text,
        prepared.result.facts,
        posting={"company": prepared.company, "title": prepared.title},
    )
    return provenance_json(f"{FILE_STEM[kind]}.{fmt}", items)


def _docx(prepared: Prepared, kind: Kind, template: Path, context: object) -> bytes:
    from tailor.errors import TemplateError
    from tailor.render.docx import TemplateRenderError, render_docx

    buffer = io.BytesIO()
    try:
        render_docx(template, context, buffer)  # type: ignore[arg-type]
    except TemplateRenderError as exc:
        raise TemplateError.at(None, None, str(exc)) from None
    data = stable_zip(buffer.getvalue())
    _check(prepared, f"{kind} (DOCX)", docx_text(data))
    return data


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
    from tailor.grounding import profile_grounds, violations
    from tailor.taxonomy import load_taxonomy

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
