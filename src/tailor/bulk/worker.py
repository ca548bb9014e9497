"""Tailor batches of postings in one process: read, analyse, match, compose, render.

`start` runs once per worker process (or once in the main process with
`--jobs 1`): it keeps the profile and settings and warms spaCy and the
taxonomy (the pipeline the document commands use: the taxonomy linker, without
the trained recogniser), so each batch pays only for its own postings. `tailor_batch` reads a
batch, runs the spaCy pipeline over it with `nlp.pipe`, and renders every
document in memory; the main process writes them, in input order. A posting
that fails says why in one line and never stops the others.
"""

from __future__ import annotations

import re
import signal
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tailor.bulk.failure import one_line
from tailor.bulk.inputs import Item
from tailor.errors import TailorError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.language import Language
    from spacy.tokens import Doc

    from tailor.checks.grounding import Grounds
    from tailor.compose.letter import Tone
    from tailor.pipeline import DocKind, OutputFormat
    from tailor.posting.read import Posting
    from tailor.profile.model import Profile

NLP_BATCH = 4
"""Postings per `nlp.pipe` batch. Small: with the trained recogniser in the pipeline,
16 long postings peaked ~250 MB above 4, and 4 was also the fastest."""
REPORT = "report.md"
"""Beside the documents, as the single commands write it: requirements, evidence, gaps."""
_HTML_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|strong|span|table)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Job:
    """What every posting of a run is tailored with."""

    profile: Profile
    kinds: list[DocKind]
    formats: list[OutputFormat]
    template: str
    template_dirs: list[Path]
    tone: Tone = "formal"
    pages: int | None = None
    """The résumés' page budget, as `tailor resume --pages`."""
    debug: bool = False


@dataclass(frozen=True)
class Outcome:
    id: str
    files: dict[str, bytes] | None = None
    """File name -> bytes, for every kind and format; None when the posting failed."""
    company: str | None = None
    title: str | None = None
    score: int | None = None
    error: str | None = None
    trace: str | None = None
    """The traceback of an internal error, with --debug."""


@dataclass(frozen=True)
class _Session:
    job: Job
    grounds: Grounds
    """What the profile backs up, for the grounding check of every document."""


_session: _Session | None = None


def start(job: Job) -> None:
    """Keep `job` for this process and load what every posting needs."""
    from tailor.checks.grounding import profile_grounds
    from tailor.skills.pipeline import get_nlp
    from tailor.skills.taxonomy import load_taxonomy

    global _session
    get_nlp(recogniser=False)
    _session = _Session(job, profile_grounds(job.profile, load_taxonomy()))


def start_worker(job: Job) -> None:
    """`start` for a pool process: Ctrl-C is the main process's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    start(job)


def tailor_batch(items: list[Item]) -> list[Outcome]:
    if _session is None:
        raise RuntimeError("tailor_batch before start()")
    job = _session.job
    read: list[tuple[Item, Posting]] = []
    outcomes: dict[str, Outcome] = {}
    for item in items:
        if item.problem is not None:
            outcomes[item.id] = Outcome(id=item.id, error=item.problem)
            continue
        try:
            read.append((item, _read(item)))
        except Exception as exc:  # noqa: BLE001 - one bad posting must not stop the others
            outcomes[item.id] = _failed(item, exc, job)
    docs = _parse([posting.text for _, posting in read])
    for (item, posting), doc in zip(read, docs, strict=True):
        try:
            if isinstance(doc, Exception):
                raise doc
            outcomes[item.id] = _tailor(item, posting, doc, _session)
        except Exception as exc:  # noqa: BLE001 - a bug is reported as this posting's failure
            outcomes[item.id] = _failed(item, exc, job)
    if "pdf" in job.formats:
        _add_pdfs(outcomes, {item.id: item for item in items}, job)
    return [outcomes[item.id] for item in items]


def _add_pdfs(outcomes: dict[str, Outcome], items: dict[str, Item], job: Job) -> None:
    """Convert the batch's DOCX files to PDF in one LibreOffice run (it takes seconds to
    start, a fraction of that per document); if that run fails, posting by posting, so
    that only the posting LibreOffice cannot convert fails."""
    from tailor.render.pdf import docx_to_pdf

    done = {key: o for key, o in outcomes.items() if o.files is not None}
    # (posting id, file name) by a plain numbered name: ids may hold any character.
    where: dict[str, tuple[str, str]] = {}
    docs: dict[str, bytes] = {}
    for key, outcome in done.items():
        for name, data in (outcome.files or {}).items():
            if name.endswith(".docx"):
                numbered = f"{len(docs):05d}.docx"
                where[numbered[:-5] + ".pdf"] = (key, name[:-5] + ".pdf")
                docs[numbered] = data
    pdfs: dict[str, bytes] = {}
    try:
        pdfs = docx_to_pdf(docs)
    except TailorError:
        for key in done:
            mine = {n: d for n, d in docs.items() if where[n[:-5] + ".pdf"][0] == key}
            try:
                pdfs.update(docx_to_pdf(mine))
            except TailorError as exc:
                outcomes[key] = _failed(items[key], exc, job)
    converted: dict[str, dict[str, bytes]] = {}
    for numbered, data in pdfs.items():
        key, name = where[numbered]
        converted.setdefault(key, {})[name] = data
    for key, outcome in done.items():
        if outcomes[key] is not outcome:
            continue  # failed above
        files = dict(outcome.files or {})
        if "docx" not in job.formats:
            files = {n: d for n, d in files.items() if not n.endswith(".docx")}
            if "md" not in job.formats:  # the provenance then describes the PDF
                files = {n: _describes_pdf(n, d) for n, d in files.items()}
        outcomes[key] = replace(outcome, files={**files, **converted.get(key, {})})


def _describes_pdf(name: str, data: bytes) -> bytes:
    """A provenance sidecar written for the DOCX, naming the PDF made from it instead."""
    if not name.endswith(".provenance.json"):
        return data
    import json

    body = json.loads(data)
    body["document"] = body["document"].removesuffix(".docx") + ".pdf"
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _parse(texts: list[str]) -> list[Doc | Exception]:
    """The Docs of a batch via `nlp.pipe`; if that fails, text by text, so that only
    the posting that breaks the pipeline fails."""
    from tailor.skills.pipeline import get_nlp

    nlp = get_nlp(recogniser=False)  # as the document commands: the taxonomy linker alone
    try:
        return list(nlp.pipe(texts, batch_size=NLP_BATCH))
    except Exception:  # noqa: BLE001 - retried text by text
        return [_parse_one(nlp, text) for text in texts]


def _parse_one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001 - reported as this posting's failure
        return exc


def _read(item: Item) -> Posting:
    from tailor.posting.read import posting_from_text, read_posting

    if item.path is not None:
        return read_posting(item.path)
    fields = dict(item.fields or {})
    text = fields.pop("description")
    if _HTML_TAG.search(text[:4000]):
        from tailor.posting.formats import html_to_text

        text = html_to_text(text, item.input)
    return posting_from_text(text, source=item.input, **fields)


def _tailor(item: Item, posting: Posting, doc: Doc, session: _Session) -> Outcome:
    from tailor.analysis.extract import analyze
    from tailor.matching.report import report_markdown
    from tailor.pipeline import Prepared, build_documents, match
    from tailor.skills.pipeline import get_nlp

    job = session.job
    nlp = get_nlp(recogniser=False)
    analysis = analyze(posting, nlp=cast("Language", _Processed(doc, nlp)))
    result = match(job.profile, analysis)
    prepared = Prepared(
        analysis=analysis,
        profile=job.profile,
        result=result,
        company=analysis.posting.company,
        title=analysis.posting.title,
        grounds=session.grounds,
    )
    files: dict[str, bytes] = {}
    # PDF is made for the whole batch at once (`_add_pdfs`): here, the DOCX it converts.
    formats: list[OutputFormat] = [f for f in job.formats if f != "pdf"]
    if "pdf" in job.formats and "docx" not in formats:
        formats.append("docx")
    for kind in job.kinds:
        files.update(
            build_documents(
                prepared,
                kind=kind,
                formats=formats,
                template=job.template,
                template_dirs=job.template_dirs,
                tone=job.tone,
                pages=job.pages,
            )
        )
    report = analysis.model_copy(update={"match": result.match})
    files[REPORT] = report_markdown(report).encode("utf-8")
    return Outcome(
        id=item.id,
        files=files,
        company=prepared.company,
        title=prepared.title,
        score=result.match.score,
    )


class _Processed:
    """Stands in for the pipeline inside `extract.analyze`: returns the Doc that
    `nlp.pipe` already made of this text. If `analyze` hands spaCy another text
    (it blanks very long runs of non-spaces first), the real pipeline runs on it."""

    def __init__(self, doc: Doc, nlp: Language) -> None:
        self.doc = doc
        self.nlp = nlp

    def __call__(self, text: str) -> Doc:
        return self.doc if text == self.doc.text else self.nlp(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1) -> Iterator[Doc]:
        """A very long posting is analysed in pieces (`extract.CHUNK_CHARS`)."""
        return self.nlp.pipe(texts, batch_size=batch_size)


def _failed(item: Item, exc: Exception, job: Job) -> Outcome:
    internal = not isinstance(exc, TailorError)
    trace = traceback.format_exc() if internal and job.debug else None
    return Outcome(id=item.id, error=one_line(exc, item.input), trace=trace)
