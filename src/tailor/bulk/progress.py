"""What `tailor bulk` shows: progress on stderr while it runs, a summary on stdout.

On a terminal, a rich progress bar with the rate and the time left; otherwise
one plain line per posting (`[3/120] li-4012 ok`), which logs and CI read well.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Self

import click
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from tailor.bulk.manifest import Entry


class PlainReporter:
    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, *, total: int, skipped: int) -> None:
        self.total = total
        if skipped:
            click.echo(f"{_postings(skipped)} up to date, skipped", err=True)

    def advance(self, entry: Entry) -> None:
        self.done += 1
        click.echo(f"[{self.done}/{self.total}] {entry.id} {entry.status}", err=True)


class RichReporter:
    """A progress bar on stderr: done/total, rate, elapsed time and time left."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.task: TaskID | None = None
        self.failed = 0

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def start(self, *, total: int, skipped: int) -> None:
        label = "Tailoring" + (f" ({_postings(skipped)} up to date)" if skipped else "")
        self.task = self.progress.add_task(label, total=total)

    def advance(self, entry: Entry) -> None:
        if self.task is None:
            return
        if entry.status == "failed":
            self.failed += 1
            self.progress.update(self.task, description=f"Tailoring ({self.failed} failed)")
        self.progress.advance(self.task)


class _RateColumn(ProgressColumn):
    """Postings per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s", style="progress.data.speed")


def reporter(*, tty: bool | None = None) -> PlainReporter | RichReporter:
    if tty is None:
        tty = sys.stderr.isatty()
    return RichReporter() if tty else PlainReporter()


def print_summary(entries: list[Entry], *, seconds: float, manifest: Path) -> None:
    """The counts by status as a table, then the time taken and the manifest's path."""
    counts = Counter(entry.status for entry in entries)
    table = Table(box=box.SIMPLE, show_edge=False, show_footer=True)
    table.add_column("status", footer="total")
    table.add_column("postings", justify="right", footer=str(len(entries)))
    for status in ("ok", "skipped", "skipped (score)", "failed"):
        if status != "skipped (score)" or counts[status]:  # a row only with --min-score
            table.add_row(status, str(counts[status]))
    console = Console(file=sys.stdout, soft_wrap=True)
    console.print(table)
    tailored = counts["ok"] + counts["failed"]
    rate = f" ({tailored / seconds:.1f}/s)" if tailored and seconds > 0 else ""
    console.print(
        f"{_postings(tailored)} tailored in {seconds:.1f} s{rate}; manifest: {manifest}",
        highlight=False,
        markup=False,
    )


def _postings(n: int) -> str:
    return f"{n} posting" + ("" if n == 1 else "s")
