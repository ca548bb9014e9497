"""`tailor rank`: every posting scored against one profile, best first; no documents.

For a job seeker with many saved postings: which to apply to first. Reads the same
inputs as `tailor bulk` (files, folders, JSONL/CSV tables, `-` for paths on standard
input); a posting that cannot be read is a row with its error, never the end of the run.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import click

from tailor.cli.options import debug_option, default_jobs, profile_option

if TYPE_CHECKING:
    from tailor.bulk.inputs import Item
    from tailor.checks.grounding import Grounds
    from tailor.profile.model import Profile

COLUMNS = ("rank", "score", "required_backed", "required", "top_gaps", "title", "company", "input")


@dataclass(frozen=True)
class Row:
    input: str
    score: int | None = None
    required_backed: int = 0
    required: int = 0
    top_gaps: tuple[str, ...] = ()
    title: str | None = None
    company: str | None = None
    error: str | None = None


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@profile_option
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the ranking as CSV.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Show only the best N.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes (default: one per core the process may use).",
)
@debug_option
def rank(
    inputs: tuple[str, ...],
    profile: str,
    as_json: bool,
    as_csv: bool,
    top: int | None,
    jobs: int | None,
) -> None:
    """Score every posting in INPUT... against your profile, best first (no documents)."""
    from tailor.errors import PostingError
    from tailor.profile.load import load_profile

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    load_profile(profile)  # a bad profile fails here, once, in one line
    stdin: Iterable[str] = sys.stdin if "-" in inputs else ()
    rows = _rank_all(inputs, profile, stdin, jobs or default_jobs())
    if not rows:
        raise PostingError.at(
            None,
            None,
            "no postings found in INPUT; give .txt, .md, .html, .pdf, .docx, .jsonl or .csv "
            "files, or folders holding them",
        )
    ranked = sorted(
        rows, key=lambda r: (r.score is None, -(r.score or 0), -r.required_backed, r.input)
    )
    shown = ranked[:top] if top else ranked
    if as_json:
        out = [{"rank": n, **asdict(r)} for n, r in enumerate(shown, 1)]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([*COLUMNS, "error"])
        for n, r in enumerate(shown, 1):
            writer.writerow(
                [
                    n,
                    r.score,
                    r.required_backed,
                    r.required,
                    " | ".join(r.top_gaps),
                    r.title,
                    r.company,
                    r.input,
                    r.error,
                ]
            )
    else:
        _print_table(shown)
    failed = [r for r in rows if r.error]
    for r in failed:
        click.echo(f"Error: {r.input}: {r.error}", err=True)
    if failed:
        sys.exit(2 if len(failed) == len(rows) else 1)


_CHUNK = 32
"""Postings a worker scores per task: large enough to amortise the hand-over."""


def _rank_all(
    inputs: tuple[str, ...], profile_path: str, stdin: Iterable[str], jobs: int
) -> list[Row]:
    """A row per posting, in input order; over `jobs` processes when there are enough
    postings to be worth it (each loads the pipeline once, about a second)."""
    from tailor.bulk.inputs import expand_inputs

    items = expand_inputs(inputs, stdin_lines=stdin)
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    if jobs == 1 or len(chunks) < 2:
        return [row for chunk in chunks for row in _rank_chunk(profile_path, chunk)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        done = pool.map(_rank_chunk, [profile_path] * len(chunks), chunks)
        return [row for rows in done for row in rows]


def _rank_chunk(profile_path: str, items: list[Item]) -> list[Row]:
    """Score `items` against the profile at `profile_path` (a worker's task)."""
    from tailor.bulk.failure import one_line
    from tailor.bulk.worker import read_item
    from tailor.matching.summary import fit_summary
    from tailor.pipeline import prepare_parsed

    profile, grounds = _profile(profile_path)
    rows = []
    for item in items:
        if item.problem is not None:
            rows.append(Row(input=item.input, error=item.problem))
            continue
        try:
            prepared = prepare_parsed(read_item(item), None, profile, grounds=grounds)
        except Exception as exc:  # noqa: BLE001 - one bad posting must not stop the others
            rows.append(Row(input=item.input, error=one_line(exc, item.input)))
            continue
        fit = fit_summary(prepared.result.match)
        rows.append(
            Row(
                input=item.input,
                score=fit.score,
                required_backed=fit.required_backed,
                required=fit.required,
                top_gaps=tuple(fit.gaps),
                title=prepared.title,
                company=prepared.company,
            )
        )
    return rows


@lru_cache(maxsize=2)
def _profile(path: str) -> tuple[Profile, Grounds]:
    """The profile and what it backs up, once per process."""
    from tailor.checks.grounding import profile_grounds
    from tailor.profile.load import load_profile
    from tailor.skills.taxonomy import load_taxonomy

    profile = load_profile(path)
    return profile, profile_grounds(profile, load_taxonomy())


def _print_table(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Postings, best fit first")
    for name in ("#", "score", "required backed", "top gaps", "title", "company", "input"):
        table.add_column(name, overflow="fold")
    for n, r in enumerate(rows, 1):
        table.add_row(
            str(n),
            "—" if r.score is None else str(r.score),
            f"{r.required_backed}/{r.required}" if r.required else "—",
            "\n".join(r.top_gaps) or ("error: " + r.error if r.error else "—"),
            r.title or "",
            r.company or "",
            r.input,
        )
    Console().print(table)
