"""`tailor bulk`: tailor documents for many postings at once, resumably.

Only click is imported here; the work happens in `tailor.bulk`, imported when
the command runs.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from tailor.cli.options import (
    debug_option,
    default_jobs,
    force_option,
    format_option,
    out_option,
    pages_option,
    template_option,
    templates_dir_option,
    tone_option,
)
from tailor.documents import KIND_NAMES

if TYPE_CHECKING:
    from tailor.bulk.inputs import Item

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def _kinds(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown or not kinds:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'} is not a kind; use a comma-separated list of "
            f"{', '.join(KIND_NAMES)}"
        )
    return list(dict.fromkeys(kinds))


@click.command()
@click.argument(
    "inputs",
    metavar="[INPUT]...",
    nargs=-1,
    type=click.Path(exists=True, allow_dash=True),
)
@click.option(
    "--profile",
    "-p",
    "profile",
    metavar="P",
    help="Your profile (YAML or JSON, JSON Resume fields).",
)
@click.option(
    "--profiles",
    "profiles",
    metavar="DIR|FILE",
    multiple=True,
    type=click.Path(exists=True),
    help="Many profiles (repeatable; a folder means its .yaml/.yml/.json files): "
    "each is paired with every posting, into OUT/<profile>/.",
)
@click.option(
    "--pairs",
    "pairs",
    metavar="CSV",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Explicit pairs: a CSV with the columns posting and profile "
    "(paths relative to the CSV's folder).",
)
@click.option(
    "--min-score",
    "min_score",
    metavar="N",
    type=click.IntRange(0, 100),
    help="Write documents only for postings whose fit score (as `tailor rank` shows) "
    "is at least N; the rest are recorded as skipped (score).",
)
@click.option(
    "--kind",
    "kinds",
    metavar="KINDS",
    default="letter,resume",
    show_default=True,
    callback=_kinds,
    help=f"Documents to write, comma-separated: {', '.join(KIND_NAMES)}.",
)
@format_option
@pages_option
@out_option("Output folder: a sub-folder per posting, and manifest.jsonl.")
@click.option(
    "--jobs",
    "-j",
    metavar="N",
    type=click.IntRange(min=1),
    default=default_jobs,
    show_default="the number of cores",
    help="Worker processes.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="TAILOR_DASK_SCHEDULER",
    show_envvar=True,
    help="Tailor on a Dask cluster (tcp://HOST:8786) instead of local processes; "
    "needs the dask extra. Files and the manifest are still written here.",
)
@template_option
@templates_dir_option
@tone_option
@force_option("Redo postings that are up to date, and overwrite outputs you edited.")
@debug_option
def bulk(inputs: tuple[str, ...], **options: Any) -> None:
    """Write documents for every posting in INPUT... (files, folders, JSONL or CSV).

    An INPUT is a posting (.txt, .md, .html, .pdf, .docx), a folder searched
    recursively, a JSONL or CSV file with one posting per row (columns title,
    company, description, and optionally location, url or job_url, id; a JobSpy
    CSV works as it is), or - for a list of paths on standard input.

    Each posting gets OUT/<company>-<title>/ with its documents and report.md;
    OUT/manifest.jsonl records each one's status, score and files. A rerun skips postings that are up to date.
    With --profiles or --pairs, each (profile, posting) pair gets
    OUT/<profile>/<company>-<title>/ and one manifest line.
    Exit status: 0 when every posting is ok or skipped, 1 when any failed,
    2 when the run cannot start (a bad --profile, a template or an option).

    \b
    Examples:
      tailor bulk postings/ --profile profiles/me.yaml
      tailor bulk jobs.csv --profile me.yaml --kind letter,resume --format docx
      find saved -name '*.html' | tailor bulk - --profile me.yaml --jobs 4
      tailor bulk postings/ --profile me.yaml --min-score 60
      tailor bulk postings/ --profiles candidates/ --scheduler tcp://10.0.0.5:8786
    """
    ctx = click.get_current_context()
    debug = bool(ctx.meta.get("tailor.debug"))
    try:
        with _sigterm_interrupts():
            failed = _bulk(inputs, debug=debug, **options)
    except KeyboardInterrupt:
        click.echo("Interrupted; the manifest lists what finished. Rerun to resume.", err=True)
        ctx.exit(EXIT_INTERRUPTED)
    if failed:
        ctx.exit(EXIT_FAILED)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a `kill`, a CI timeout) stops a run as Ctrl-C does: workers are
    stopped and the manifest is written before exiting."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _bulk(
    inputs: tuple[str, ...],
    *,
    profile: str | None,
    profiles: tuple[str, ...],
    pairs: Path | None,
    min_score: int | None,
    kinds: list[str],
    fmt: list[str],
    pages: int | None,
    out: Path,
    jobs: int,
    scheduler: str | None,
    template: str,
    templates_dir: Path | None,
    tone: str,
    force: bool,
    debug: bool,
) -> bool:
    """Run, report, and say whether any posting failed."""
    from tailor import __version__
    from tailor.bulk.manifest import MANIFEST, read_manifest
    from tailor.bulk.progress import print_summary, reporter
    from tailor.bulk.runner import Run, run_bulk
    from tailor.bulk.settings import load_job
    from tailor.errors import PostingError

    started = time.perf_counter()
    if sum(bool(x) for x in (profile, profiles, pairs)) != 1:
        raise click.UsageError("give one of --profile, --profiles and --pairs")
    if not inputs and pairs is None:
        raise click.UsageError("give at least one INPUT (or --pairs)")
    if inputs and pairs is not None:
        raise click.UsageError("--pairs lists the postings itself; give no INPUT with it")
    if scheduler is not None and not scheduler.strip():
        scheduler = None  # TAILOR_DASK_SCHEDULER set but empty
    items, paths = _items(inputs, profile=profile, profiles=profiles, pairs=pairs, out=out)
    if not items:
        raise PostingError.at(
            None,
            None,
            "no postings found in INPUT; give .txt, .md, .html, .pdf, .docx, .jsonl or .csv "
            "files, or folders holding them",
        )
    if scheduler is not None:
        from tailor.bulk.cluster import reachable

        reachable(scheduler)  # before anything is loaded or written
    if "pdf" in fmt:
        from tailor.render.pdf import require_soffice

        require_soffice()  # before the run, not once per posting
    loaded = load_job(
        profiles=paths,
        kinds=kinds,
        formats=fmt,
        pages=pages,
        template=template,
        templates_dir=templates_dir,
        tone=tone,
        debug=debug,
        min_score=min_score,
        strict=profile is not None,
    )
    if loaded.problems:  # a bad profile fails each of its pairs, and the others go on
        items = [
            replace(item, problem=loaded.problems[item.profile])
            if item.profile in loaded.problems and item.problem is None
            else item
            for item in items
        ]
    run = Run(
        out=out,
        jobs=jobs,
        force=force,
        settings=loaded.settings,
        version=__version__,
        min_score=min_score,
        scheduler=scheduler,
    )
    with reporter() as shown:
        previous = read_manifest(out / MANIFEST, warn=_warn)
        result = run_bulk(items, loaded.job, run, previous=previous, reporter=shown)
    print_summary(result.entries, seconds=time.perf_counter() - started, manifest=out / MANIFEST)
    if "pdf" in fmt:
        from tailor.render.fonts import template_notes

        for note in template_notes(kinds, template, templates_dir):
            click.echo(note, err=True)
    failed = [e for e in result.entries if e.status == "failed"]
    for entry in failed:
        click.echo(f"Error: {entry.input}: {entry.error}", err=True)
        if entry.id in result.traces:
            click.echo(result.traces[entry.id].rstrip(), err=True)
    sys.stderr.flush()
    return bool(failed)


def _warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


def _items(
    inputs: tuple[str, ...],
    *,
    profile: str | None,
    profiles: tuple[str, ...],
    pairs: Path | None,
    out: Path,
) -> tuple[list[Item], dict[str, str]]:
    """The run's items (one per posting, or per pair), and each profile's path by key."""
    from tailor.bulk.inputs import expand_inputs
    from tailor.bulk.pairs import ProfileKeys, pair_all, profile_files, read_pairs

    stdin: Iterable[str] = sys.stdin if "-" in inputs else ()
    items = expand_inputs(inputs, stdin_lines=stdin, skip=out, warn=_warn) if inputs else []
    if profile is not None:
        return items, {"": profile}
    keys = ProfileKeys()
    if pairs is not None:
        return read_pairs(pairs, skip=out, keys=keys, warn=_warn), keys.paths
    for path in profile_files(profiles):
        keys.key(path)
    return pair_all(items, list(keys.paths)), keys.paths
