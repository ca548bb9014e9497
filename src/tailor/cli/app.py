"""The `tailor` command line: options in, core calls, paths and errors out.

Only click is imported at module level; spaCy and the rest load inside the
commands that need them, so `tailor --help` stays instant.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tailor import __version__
from tailor.cli.bulk import bulk
from tailor.cli.init import init
from tailor.cli.options import (
    company_option,
    debug_option,
    document_options,
    pages_option,
    title_option,
    tone_option,
)
from tailor.cli.profile import profile
from tailor.cli.rank import rank
from tailor.cli.templates import templates
from tailor.clock import run_date
from tailor.documents import KINDS, DocumentKind
from tailor.errors import TailorError

if TYPE_CHECKING:
    from tailor.analysis.models import PostingInfo
    from tailor.compose.wording import Voice
    from tailor.documents import DocKind, OutputFormat, Tone

EXIT_USER_ERROR = 2


class TailorGroup(click.Group):
    """Turns user errors into one `Error: …` line per problem and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TailorError as exc:
            if ctx.meta.get("tailor.debug"):
                raise
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(EXIT_USER_ERROR)


@click.group(cls=TailorGroup)
@click.version_option(__version__, prog_name="tailor")
@debug_option
def cli() -> None:
    """Tailor a truthful cover letter and résumé to a job posting, offline.

    \b
    Examples:
      tailor analyze posting.txt --profile profiles/example.yaml
      tailor letter posting.txt --profile profiles/example.yaml
      tailor resume posting.txt --profile profiles/example.yaml --format docx
    """


posting_argument = click.argument("posting", metavar="POSTING")


def _write(
    kind: DocKind,
    posting: str,
    *,
    profile: str,
    fmt: list[OutputFormat],
    out: Path,
    template: str,
    templates_dir: Path | None,
    company: str | None,
    title: str | None,
    force: bool,
    tone: Tone = "formal",
    pages: int | None = None,
) -> None:
    """One posting's documents of `kind`, and its report, written to its folder."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.output import output_folder, write_outputs
    from tailor.pipeline import Request, prepare, tailor_posting
    from tailor.render.templates import search_path

    _check_names(company, title)
    if "pdf" in fmt:
        from tailor.render.pdf import require_soffice

        require_soffice()  # before the work, not after it
    request = Request(
        kinds=(kind,),
        formats=tuple(fmt),
        template=template,
        template_dirs=tuple(search_path(templates_dir)),
        options=DocumentOptions(
            tone=tone, pages=pages, date=run_date(), voice=_voice(kind, tone, templates_dir)
        ),
    )
    prepared = prepare(posting, profile, company=company, title=title)
    # The posting's company is the one given, cleaned (`analyze_posting`), when given.
    _warn_other_employer(prepared.analysis.posting, given=company is not None)
    built = tailor_posting(prepared, request)
    folder = output_folder(out, prepared.company, prepared.title)
    for path in write_outputs(folder, built.files, force=force):
        click.echo(str(path))
    if built.fitted is not None:
        from tailor.fitting.left_out import budget_line

        line = budget_line(built.fitted)
        if line:
            click.echo(line, err=True)
    if "pdf" in fmt:
        from tailor.render.fonts import template_notes

        for note in template_notes((kind,), template, templates_dir):
            click.echo(note, err=True)
    from tailor.matching.report import credential_gaps

    for gap in credential_gaps(prepared.result.match):
        click.echo(gap, err=True)


def _warn_other_employer(posting: PostingInfo, *, given: bool) -> None:
    """One line when `--company` (`given`) is not the employer the posting names: the
    documents still use it (the user may know better), but a slip is caught before it is
    sent."""
    from tailor.analysis.metadata import guess_metadata
    from tailor.posting.names import other_employer

    company = posting.company if given else None
    text = posting.text
    named = other_employer(text, company, guess_metadata(text).company) if company else None
    if named:
        click.echo(
            f'note: --company "{company}" is not named in the posting, which names "{named}"; '
            "the documents use the name you gave",
            err=True,
        )


def _voice(kind: DocKind, tone: Tone, templates_dir: Path | None) -> Voice | None:
    """The tone's wording from the template path, for a letter (read before the work, so
    that a mistake in a user's voices.yaml is one error before anything is written)."""
    if kind != "letter":
        return None
    from tailor.compose.wording import load_voices
    from tailor.render.templates import search_path

    return load_voices(search_path(templates_dir))[tone]


def _check_names(company: str | None, title: str | None) -> None:
    from tailor.posting.names import is_valid_text

    for option, value in (("--company", company), ("--title", title)):
        if value is not None and not is_valid_text(value):
            raise TailorError.at(option, None, "is not valid UTF-8; check your terminal's encoding")


_KIND_OPTIONS = {"tone": tone_option, "pages": pages_option}


def _document_command(kind: DocumentKind) -> click.Command:
    """`tailor <kind> POSTING --profile P …`, from its entry in `tailor.documents.KINDS`."""

    def command(posting: str, **options: Any) -> None:
        _write(kind.name, posting, **options)

    command.__doc__ = kind.help
    for option in reversed(kind.options):
        command = _KIND_OPTIONS[option](command)
    return cli.command(name=kind.name)(posting_argument(document_options(command)))


for _kind in KINDS.values():
    _document_command(_kind)


@cli.command()
@posting_argument
@click.option("--profile", "-p", "profile", metavar="P", help="Also show how this profile matches.")
@click.option("--json", "as_json", is_flag=True, help="Print the full analysis as JSON.")
@click.option("--explain", is_flag=True, help="With --profile: the score, point by point.")
@click.option(
    "--concepts",
    is_flag=True,
    help="With --profile: each requirement line's likeliest ESCO skills (adds about a second).",
)
@click.option(
    "--html",
    "html",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="With --profile: also write the match report as one self-contained web page.",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --html: overwrite FILE even if it is not a report tailor wrote unchanged.",
)
@company_option
@title_option
@debug_option
def analyze(
    posting: str,
    profile: str | None,
    as_json: bool,
    explain: bool,
    concepts: bool,
    html: Path | None,
    force: bool,
    company: str | None,
    title: str | None,
) -> None:
    """Show what POSTING asks for (and, with --profile, how you match)."""
    from tailor.pipeline import analyze_posting, prepare, with_concepts

    _check_names(company, title)
    if html is not None and not profile:
        raise TailorError.at(
            "--html", None, "needs --profile: the report shows how a profile matches the posting"
        )
    if html is not None:
        _check_html_target(html, force=force)  # before the work, not after it
    if profile:
        prepared = prepare(posting, profile, company=company, title=title, recogniser=True)
        if concepts:
            prepared = with_concepts(prepared)
        analysis = prepared.analysis.model_copy(update={"match": prepared.result.match})
        if html is not None:
            from tailor.matching.report_html import report_html

            page = report_html(analysis, version=__version__, taxonomy=prepared.taxonomy)
            _write_html(html, page.encode("utf-8"))
            click.echo(f"Match report: {html}", err=True)  # stdout may be --json
    else:
        analysis = analyze_posting(posting, company=company, title=title)
    if as_json:
        click.echo(json.dumps(analysis.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    from tailor.cli.printer import print_analysis

    print_analysis(analysis)
    if explain and analysis.match is not None:
        from tailor.matching.report import score_lines

        click.echo("\n".join(score_lines(analysis.match)))


MAX_EXISTING = 64 * 1024 * 1024
"""Bytes of an existing --html file read to tell whether tailor wrote it (a report is
well under 1 MB; anything larger is not one)."""


def _check_html_target(path: Path, *, force: bool) -> None:
    """Refuse an --html path that is a link or a folder, or a file tailor did not write
    (or that was edited since), unless `force`: a user's file is never lost."""
    from tailor.errors import OutputError
    from tailor.limits import read_limited
    from tailor.matching.report_html import is_unedited_report

    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OutputError.at(path, None, "is not a regular file; choose another --html path")
    if path.exists() and not force:
        current = read_limited(path, MAX_EXISTING)
        if current is None or not is_unedited_report(current):
            raise OutputError.at(
                path,
                None,
                "exists and is not a report tailor wrote, or was edited since; "
                "rerun with --force to overwrite it, or choose another --html path",
            )


def _write_html(path: Path, data: bytes) -> None:
    """Write `data` to `path` (checked by `_check_html_target`) atomically."""
    from tailor.output import atomic_write, make_folder

    make_folder(path.parent)
    atomic_write(path, data)


cli.add_command(bulk)
cli.add_command(templates)
cli.add_command(profile)
cli.add_command(init)
cli.add_command(rank)


def main() -> None:
    cli(prog_name="tailor")


if __name__ == "__main__":  # pragma: no cover
    main()
