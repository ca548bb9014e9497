"""`tailor profile check|import|schema`: validate, bring in and describe profiles."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def profile() -> None:
    """Check a profile, import a JSON Resume, or print the profile's JSON Schema.

    \b
    Examples:
      tailor profile check profiles/me.yaml
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
@click.argument("source", metavar="RESUME_JSON", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the profile here (e.g. profiles/me.yaml) instead of to standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
def import_(source: Path, output: Path | None, force: bool) -> None:
    """Turn a JSON Resume document into a YAML profile, keeping everything.

    Every JSON Resume field is kept as it is; old JSON Resume names (company,
    website, picture) are renamed, and fields JSON Resume does not define are
    kept under meta.extra. Each rename or move is noted on standard error.
    """
    from tailor.errors import ProfileError
    from tailor.profile.jsonresume import read_json_resume

    if output is not None and output.exists() and not force:
        raise ProfileError.at(
            output, None, "already exists; rerun with --force to overwrite it, or pick another -o"
        )
    imported = read_json_resume(source)
    for note in imported.notes:
        click.echo(f"Note: {note}", err=True)
    if output is None:
        click.echo(imported.yaml_text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(imported.yaml_text, encoding="utf-8")
    click.echo(str(output))


@profile.command()
def schema() -> None:
    """Print the profile's JSON Schema, for autocompletion in editors.

    \b
    With VS Code's YAML extension, save it and put this first in your profile:
      # yaml-language-server: $schema=profile.schema.json
    """
    from tailor.profile.jsonresume import profile_schema

    click.echo(profile_schema(), nl=False)
