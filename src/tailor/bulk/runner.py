"""Run a bulk job: skip what is up to date, tailor the rest in worker processes,
write each posting's files as its result arrives, and record it in the manifest.

Results are consumed in input order (so folder names are deterministic), and
only this process writes: documents through `output.write_outputs` (atomic,
edit-protected), entries through the manifest journal. Killing the run leaves
every file either as it was or complete, and the manifest lists what finished.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Protocol

from tailor.bulk.failure import one_line
from tailor.bulk.inputs import Item
from tailor.bulk.lock import out_locked
from tailor.bulk.manifest import (
    MANIFEST,
    Entry,
    Journal,
    Tail,
    merged,
    read_manifest,
    write_manifest,
)
from tailor.bulk.plan import Folders, is_up_to_date, match_previous, still_below
from tailor.bulk.worker import Job, Outcome, start, start_worker, tailor_batch
from tailor.errors import OutputError, TailorError
from tailor.output import make_folder, output_folder, write_outputs

MAX_BATCH = 16


class Reporter(Protocol):
    def start(self, *, total: int, skipped: int) -> None: ...
    def advance(self, entry: Entry) -> None: ...


@dataclass
class Result:
    entries: list[Entry]
    """One per posting, in input order."""
    traces: dict[str, str] = field(default_factory=dict)
    """Posting id -> the traceback of an internal error (with --debug)."""


@dataclass(frozen=True)
class Run:
    out: Path
    jobs: int
    force: bool
    settings: Mapping[str, str]
    """Profile key ("" for `--profile`) -> its settings hash (`tailor.bulk.settings`)."""
    version: str
    min_score: int | None = None
    scheduler: str | None = None
    """A Dask scheduler's address: the pairs are tailored on its cluster, not locally."""

    def settings_of(self, item: Item) -> str:
        return self.settings.get(item.profile, "")


def run_bulk(
    items: Sequence[Item],
    job: Job,
    run: Run,
    *,
    previous: Mapping[str, Entry],
    reporter: Reporter,
) -> Result:
    """Tailor `items`; returns one entry per item, in input order.

    On an interrupt (Ctrl-C, SIGTERM) the manifest still gets every finished
    posting, and the previous entry of every other one, before the interrupt
    propagates.
    """
    done: dict[str, Entry] = {}
    traces: dict[str, str] = {}
    matched = match_previous(items, previous)
    folders = Folders(matched, previous)
    todo: list[Item] = []
    for item in items:
        before = matched.get(item.id)
        settings = run.settings_of(item)
        fresh = is_up_to_date(before, item, settings=settings, version=run.version, out=run.out)
        if before is not None and before.folder and fresh and not run.force:
            done[item.id] = _skipped(before)
            folders.keep(before.folder)
        elif not run.force and still_below(
            before, item, settings=settings, version=run.version, min_score=run.min_score
        ):
            assert before is not None
            done[item.id] = before
        else:
            todo.append(item)
    reporter.start(total=len(todo), skipped=len(items) - len(todo))
    make_folder(run.out)
    if (run.out / MANIFEST).is_symlink():  # appends would follow it out of OUT
        raise OutputError.at(
            run.out / MANIFEST, None, "is a symbolic link; tailor writes only inside --out"
        )
    journal = Journal(run.out / MANIFEST)
    tail = Tail(run.out / MANIFEST)
    try:
        by_id = {item.id: item for item in todo}
        for outcome in _outcomes(todo, job, run):
            # Another run into OUT may be writing too: the lock covers picking the
            # folder, writing it and recording it (`tailor.bulk.lock`).
            with out_locked(run.out):
                for other in tail.new_entries():
                    folders.note(other)
                entry = _finish(by_id[outcome.id], outcome, run, folders)
                journal.append(entry)
            done[entry.id] = entry
            if outcome.trace:
                traces[entry.id] = outcome.trace
            reporter.advance(entry)
    finally:
        try:
            journal.close()
        finally:  # the whole manifest is rewritten even when its journal could not be
            kept = [done.get(item.id) or matched.get(item.id) for item in items]
            ours = [e for e in kept if e is not None]
            path = run.out / MANIFEST
            with out_locked(run.out):
                write_manifest(path, merged(ours, read_manifest(path), dict(previous)))
    return Result([done[item.id] for item in items], traces)


def _skipped(before: Entry) -> Entry:
    return replace(before, status="skipped", error=None)


def _outcomes(todo: list[Item], job: Job, run: Run) -> Iterator[Outcome]:
    if not todo:
        return
    if run.scheduler is not None:
        from tailor.bulk.cluster import cluster_outcomes

        yield from cluster_outcomes(lambda workers: batches(todo, workers), job, run.scheduler)
        return
    workers = min(run.jobs, len(todo))
    pieces = batches(todo, workers)
    if workers == 1:
        start(job)
        for batch in pieces:
            yield from tailor_batch(batch)
        return
    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds; spawn re-imports tailor in each one.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    yield from _in_pools(pieces, job, workers, context)


def batches(todo: list[Item], workers: int) -> list[list[Item]]:
    """`todo` in order, in batches of up to `MAX_BATCH` items, about four a worker.

    A batch ends where a posting's pairs end (they are next to each other), unless
    one posting has more pairs than a batch holds: a posting is then read, parsed
    and analysed once for all its profiles.
    """
    size = max(1, min(MAX_BATCH, math.ceil(len(todo) / (max(1, workers) * 4))))
    out: list[list[Item]] = []
    current: list[Item] = []
    for n, item in enumerate(todo):
        current.append(item)
        following = todo[n + 1] if n + 1 < len(todo) else None
        same_posting = following is not None and following.input == item.input
        if len(current) >= size and (not same_posting or len(current) >= 2 * size):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


WORKER_DIED = (
    "the worker process tailoring it died (killed, or out of memory) twice; "
    "the other postings went on"
)


def _in_pools(
    batches: list[list[Item]], job: Job, workers: int, context: BaseContext
) -> Iterator[Outcome]:
    """The batches' outcomes in order, from a pool of worker processes that survives
    its workers: when one dies (SIGKILL, the OOM killer), the pool is remade and the
    batch being waited for runs again, alone (so that a batch that did not kill the
    worker is not blamed for one that did); a batch whose worker dies when alone
    fails, and the rest go on in a fresh pool."""
    next_batch = 0
    suspect: int | None = None  # a batch whose pool broke while it was pending
    while next_batch < len(batches):
        alone = suspect == next_batch
        pool = ProcessPoolExecutor(
            1 if alone else workers,
            mp_context=context,
            initializer=start_worker,
            initargs=(job,),
        )
        try:
            first = next_batch
            last = first + 1 if alone else len(batches)
            futures = []
            for i in range(first, last):
                try:
                    futures.append(pool.submit(tailor_batch, batches[i]))
                except BrokenProcessPool:  # a worker died already: wait on what was sent
                    break
            if not futures:  # the pool broke before anything was sent
                if alone:  # every progress is bounded: a batch runs alone once, then fails
                    yield from (Outcome(id=item.id, error=WORKER_DIED) for item in batches[first])
                    suspect, next_batch = None, first + 1
                else:
                    suspect = first
                continue
            for offset, future in enumerate(futures):
                index = first + offset
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    if alone:  # it kills its worker by itself: it fails, the rest go on
                        yield from (
                            Outcome(id=item.id, error=WORKER_DIED) for item in batches[index]
                        )
                        suspect, next_batch = None, index + 1
                    else:
                        suspect, next_batch = index, index
                    break
                yield from outcomes
                next_batch, suspect = index + 1, None
        finally:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut `pool` down now: on an interrupt or a broken pool nothing is waited for."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public handle on them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _finish(item: Item, outcome: Outcome, run: Run, folders: Folders) -> Entry:
    base = Entry(
        id=item.id,
        input=item.input,
        status="failed",
        score=outcome.score,
        folder=None,
        error=outcome.error,
        input_hash=item.digest,
        settings_hash=run.settings_of(item),
        tailor_version=run.version,
        profile=item.profile or None,
    )
    if outcome.below_min:
        return replace(base, status="skipped (score)")
    if outcome.files is None:
        return base
    name = output_folder(run.out, outcome.company, outcome.title).name
    folder = folders.assign(item.id, f"{item.profile}/{name}" if item.profile else name)
    try:
        if item.profile:
            _check_profile_folder(run.out, item.profile)
        paths = write_outputs(run.out / folder, outcome.files, force=run.force)
    except TailorError as exc:
        return replace(base, folder=folder, error=one_line(exc, item.input))
    outputs = [f"{folder}/{path.name}" for path in paths]
    return replace(base, status="ok", folder=folder, outputs=outputs)


def _check_profile_folder(out: Path, key: str) -> None:
    """`OUT/<profile>` must be a real folder in OUT: a symbolic link there would take a
    profile's documents outside the output folder."""
    folder = out / key
    if folder.is_symlink():
        raise OutputError.at(folder, None, "is a symbolic link; tailor writes only inside --out")
    make_folder(folder)
