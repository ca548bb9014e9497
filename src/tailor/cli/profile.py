"""`tailor profile check|import|schema`: validate, bring in and describe profiles."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def profile() -> None:
    """Check a profile, import your résumé, or print the profile's JSON Schema.

    \b
    Examples:
      tailor profile check profiles/me.yaml
      tailor profile import cv.pdf -o profiles/me.yaml
      tailor profile import resume.json -o profiles/me.yaml
      tailor profile schema > profile.schema.json
    """


@profile.command()
@click.argument("path", metavar="P")
def check(path: str) -> None:
    """Check the profile P (YAML or JSON) and report every problem at once.

    Each problem is one line: `file:line: field.path: what is wrong`, with a
    "did you mean" for misspelt keys. Exit code 2 if there is any.
    """
    from tailor.profile.load import load_profile

    load_profile(path)
    click.echo(f"{path}: ok")


@profile.command(name="import")
@click.argument("source", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the profile here (e.g. profiles/me.yaml) instead of to standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
def import_(source: Path, output: Path | None, force: bool) -> None:
    """Turn your résumé FILE into a draft profile to review.

    \b
    FILE is a résumé (.pdf, .docx, .txt, .md), LinkedIn's data export (.zip)
    or a JSON Resume document (.json). Every value is copied from FILE, each
    entry is commented with where it came from, and `# review:` marks what the
    reader was unsure of; the profile is then checked as `tailor profile check`
    does and a summary is printed. A scanned PDF (no text), an encrypted one or
    a file that is no résumé is refused and nothing is written.

    A JSON Resume is kept whole: old JSON Resume names (company, website,
    picture) are renamed, and fields JSON Resume does not define are kept under
    meta.extra; each rename or move is noted on standard error.
    """
    from tailor.importer.run import run_import, write_profile

    _refuse_existing(output, force)
    text, notes = run_import(source, output)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_profile(output, text)
        click.echo(str(output))
    for note in notes:
        click.echo(note, err=True)


def _refuse_existing(output: Path | None, force: bool) -> None:
    from tailor.errors import ProfileError

    if output is None:
        return
    if output.is_dir():
        raise ProfileError.at(output, None, "is a folder; name the profile file to write")
    if output.exists() and not force:
        raise ProfileError.at(
            output, None, "already exists; rerun with --force to overwrite it, or pick another -o"
        )


@profile.command()
def schema() -> None:
    """Print the profile's JSON Schema, for autocompletion in editors.

    \b
    With VS Code's YAML extension, save it and put this first in your profile:
      # yaml-language-server: $schema=profile.schema.json
    """
    from tailor.profile.jsonresume import profile_schema

    click.echo(profile_schema(), nl=False)
