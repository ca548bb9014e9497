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
from pathlib import Path
from types import FrameType
from typing import Any

import click

from tailor.cli.options import (
    debug_option,
    default_jobs,
    force_option,
    format_option,
    out_option,
    pages_option,
    profile_option,
    template_option,
    templates_dir_option,
    tone_option,
)
from tailor.documents import KIND_NAMES

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
    metavar="INPUT...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, allow_dash=True),
)
@profile_option
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
    Exit status: 0 when every posting is ok or skipped, 1 when any failed,
    2 when the run cannot start (a bad profile, template or option).

    \b
    Examples:
      tailor bulk postings/ --profile profiles/me.yaml
      tailor bulk jobs.csv --profile me.yaml --kind letter,resume --format docx
      find saved -name '*.html' | tailor bulk - --profile me.yaml --jobs 4
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
    profile: str,
    kinds: list[str],
    fmt: list[str],
    pages: int | None,
    out: Path,
    jobs: int,
    template: str,
    templates_dir: Path | None,
    tone: str,
    force: bool,
    debug: bool,
) -> bool:
    """Run, report, and say whether any posting failed."""
    from tailor import __version__
    from tailor.bulk.inputs import expand_inputs
    from tailor.bulk.manifest import MANIFEST, read_manifest
    from tailor.bulk.progress import print_summary, reporter
    from tailor.bulk.runner import Run, run_bulk
    from tailor.bulk.settings import load_job
    from tailor.errors import PostingError

    started = time.perf_counter()
    stdin: Iterable[str] = ()
    if "-" in inputs:
        stdin = sys.stdin
    items = expand_inputs(inputs, stdin_lines=stdin, skip=out)
    if not items:
        raise PostingError.at(
            None,
            None,
            "no postings found in INPUT; give .txt, .md, .html, .pdf, .docx, .jsonl or .csv "
            "files, or folders holding them",
        )
    if "pdf" in fmt:
        from tailor.render.pdf import require_soffice

        require_soffice()  # before the run, not once per posting
    job, settings_hash = load_job(
        profile=profile,
        kinds=kinds,
        formats=fmt,
        pages=pages,
        template=template,
        templates_dir=templates_dir,
        tone=tone,
        debug=debug,
    )
    run = Run(out=out, jobs=jobs, force=force, settings_hash=settings_hash, version=__version__)
    with reporter() as shown:
        previous = read_manifest(
            out / MANIFEST, warn=lambda m: click.echo(f"Warning: {m}", err=True)
        )
        result = run_bulk(items, job, run, previous=previous, reporter=shown)
    print_summary(result.entries, seconds=time.perf_counter() - started, manifest=out / MANIFEST)
    failed = [e for e in result.entries if e.status == "failed"]
    for entry in failed:
        click.echo(f"Error: {entry.input}: {entry.error}", err=True)
        if entry.id in result.traces:
            click.echo(result.traces[entry.id].rstrip(), err=True)
    sys.stderr.flush()
    return bool(failed)
