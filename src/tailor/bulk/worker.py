"""Tailor batches of (profile, posting) pairs in one process: read, analyse, match,
compose, render.

`start` runs once per worker process (or once in the main process with
`--jobs 1`, or on first use in a Dask worker): it keeps the job (the profiles and
settings) and warms spaCy and the taxonomy (the pipeline the document commands
use: the taxonomy linker, without the trained recogniser), so each batch pays
only for its own postings. `tailor_batch` reads a batch, parses each distinct
posting once with one `nlp.pipe` and analyses it once (a posting paired with
three profiles is read, parsed and analysed once, matched three times), then
tailors it with `tailor.pipeline.tailor_postings`, the function the
single-posting commands use. A pair scoring below the job's `min_score` is
matched but not rendered. Nothing here writes a file: the outcome is bytes, and
the main process writes them, in input order. A posting that fails says why in
one line and never stops the others.
"""

from __future__ import annotations

import re
import signal
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tailor.bulk.failure import one_line
from tailor.bulk.inputs import Item
from tailor.errors import TailorError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from tailor.analysis.models import Analysis
    from tailor.checks.grounding import Grounds
    from tailor.compose.inputs import Prepared
    from tailor.pipeline import Request
    from tailor.posting.read import Posting
    from tailor.profile.model import Profile

NLP_BATCH = 4
"""Postings per `nlp.pipe` batch. Small: with the trained recogniser in the pipeline,
16 long postings peaked ~250 MB above 4, and 4 was also the fastest."""
_HTML_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|strong|span|table)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Job:
    """What every pair of a run is tailored with."""

    profiles: Mapping[str, Profile]
    """By key: an item's `profile` (the slug of a `--profiles` file; "" for `--profile`)."""
    request: Request
    debug: bool = False
    min_score: int | None = None
    """Pairs scoring below it are matched, not rendered (`--min-score`)."""
    token: str = ""
    """Tells jobs apart where a worker process outlives one (a Dask worker)."""


@dataclass(frozen=True)
class Outcome:
    id: str
    files: dict[str, bytes] | None = None
    """File name -> bytes, for every kind and format; None when the posting failed."""
    company: str | None = None
    title: str | None = None
    score: int | None = None
    below_min: bool = False
    """Scored under the job's `min_score`: no documents, by request."""
    error: str | None = None
    trace: str | None = None
    """The traceback of an internal error, with --debug."""


@dataclass(frozen=True)
class _Session:
    job: Job
    grounds: dict[str, Grounds] = field(default_factory=dict)
    """What each profile backs up, for the grounding check of its documents (on first use)."""

    def grounds_of(self, key: str) -> Grounds:
        from tailor.checks.grounding import profile_grounds
        from tailor.skills.taxonomy import load_taxonomy

        if key not in self.grounds:
            self.grounds[key] = profile_grounds(self.job.profiles[key], load_taxonomy())
        return self.grounds[key]


_session: _Session | None = None


def start(job: Job) -> None:
    """Keep `job` for this process and load what every posting needs."""
    from tailor.skills.pipeline import get_nlp
    from tailor.skills.taxonomy import load_taxonomy

    global _session
    get_nlp(recogniser=False)
    load_taxonomy()
    _session = _Session(job)


def started(job: Job) -> bool:
    """Whether this process already runs `job` (a Dask worker starts on first use)."""
    return _session is not None and _session.job.token == job.token


def start_worker(job: Job) -> None:
    """`start` for a pool process: Ctrl-C is the main process's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    start(job)


def tailor_batch(items: list[Item]) -> list[Outcome]:
    """Read, parse and analyse each distinct posting of `items` once (one `nlp.pipe`
    over the batch), then match and tailor each pair."""
    from tailor.analysis.extract import analyze
    from tailor.pipeline import prepare_analysis, tailor_postings

    if _session is None:
        raise RuntimeError("tailor_batch before start()")
    job = _session.job
    outcomes: dict[str, Outcome] = {}
    postings: dict[str, Posting | Exception] = {}  # by input: the pairs of one posting share it
    for item in items:
        if item.problem is not None:
            outcomes[item.id] = Outcome(id=item.id, error=item.problem)
        elif item.input not in postings:
            try:
                postings[item.input] = read_item(item)
            except Exception as exc:  # noqa: BLE001 - one bad posting must not stop the others
                postings[item.input] = exc
    read = {key: p for key, p in postings.items() if not isinstance(p, Exception)}
    docs = dict(zip(read, _parse([p.text for p in read.values()]), strict=True))
    analyses: dict[str, Analysis | Exception] = {}
    for key, posting in read.items():
        try:
            doc = docs[key]
            if isinstance(doc, Exception):
                raise doc
            analyses[key] = analyze(posting, doc=doc, recogniser=False)
        except Exception as exc:  # noqa: BLE001 - a bug is reported as this posting's failure
            analyses[key] = exc
    prepared: list[tuple[Item, Prepared]] = []
    for item in items:
        if item.id in outcomes:
            continue
        try:
            if item.input not in analyses:
                failure = postings[item.input]
                raise failure if isinstance(failure, Exception) else RuntimeError("not analysed")
            analysis = analyses[item.input]
            if isinstance(analysis, Exception):
                raise analysis
            ready = prepare_analysis(
                analysis, job.profiles[item.profile], grounds=_session.grounds_of(item.profile)
            )
        except Exception as exc:  # noqa: BLE001 - reported as this pair's failure
            outcomes[item.id] = _failed(item, exc, job)
            continue
        score = ready.result.match.score
        if job.min_score is not None and score < job.min_score:
            outcomes[item.id] = Outcome(
                id=item.id, company=ready.company, title=ready.title, score=score, below_min=True
            )
        else:
            prepared.append((item, ready))
    built = tailor_postings([p for _, p in prepared], job.request)
    for (item, p), result in zip(prepared, built, strict=True):
        if isinstance(result, Exception):
            outcomes[item.id] = _failed(item, result, job)
            continue
        outcomes[item.id] = Outcome(
            id=item.id,
            files=result.files,
            company=p.company,
            title=p.title,
            score=p.result.match.score,
        )
    return [outcomes[item.id] for item in items]


def _parse(texts: list[str]) -> list[Doc | Exception | None]:
    """The Doc `analyze` needs of each posting, via `nlp.pipe` over the batch (None for
    a posting long enough to be read in pieces); if the batch fails, text by text, so
    that only the posting that breaks the pipeline fails."""
    from tailor.analysis.extract import parsed_whole, skill_text
    from tailor.skills.pipeline import get_nlp

    nlp = get_nlp(recogniser=False)  # as the document commands: the taxonomy linker alone
    wanted = [skill_text(text) if parsed_whole(text) else None for text in texts]
    whole = [text for text in wanted if text is not None]
    try:
        parsed: list[Doc | Exception] = list(nlp.pipe(whole, batch_size=NLP_BATCH))
    except Exception:  # noqa: BLE001 - retried text by text
        parsed = [_parse_one(nlp, text) for text in whole]
    docs = iter(parsed)
    return [None if text is None else next(docs) for text in wanted]


def _parse_one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:  # noqa: BLE001 - reported as this posting's failure
        return exc


def read_item(item: Item) -> Posting:
    """The posting an input item holds: its file read, or its row's fields as a posting."""
    from tailor.posting.read import posting_from_text, read_posting

    if item.path is not None:
        return read_posting(item.path)
    fields = dict(item.fields or {})
    text = fields.pop("description")
    if _HTML_TAG.search(text[:4000]):
        from tailor.posting.formats import html_to_text

        text = html_to_text(text, item.input)
    return posting_from_text(text, source=item.input, **fields)


def _failed(item: Item, exc: BaseException, job: Job) -> Outcome:
    internal = not isinstance(exc, TailorError)
    trace = None
    if internal and job.debug:
        trace = "".join(traceback.format_exception(exc))
    return Outcome(id=item.id, error=one_line(exc, item.input), trace=trace)
