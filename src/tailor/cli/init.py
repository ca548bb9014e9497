"""`tailor init [DIR]`: a working folder with a profile to fill in, templates/ and out/."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument(
    "folder",
    metavar="[DIR]",
    default=".",
    type=click.Path(path_type=Path),
)
@click.option(
    "--from",
    "source",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Start profiles/me.yaml from your résumé (.pdf, .docx, .txt, .md, LinkedIn .zip, .json).",
)
def init(folder: Path, source: Path | None) -> None:
    """Set up DIR (default: here) for tailor.

    \b
    Creates, leaving anything that exists alone:
      profiles/me.yaml   a profile to fill in, with a comment on every field
                         (with --from FILE: imported from your résumé, to review)
      templates/         your templates (`tailor templates copy` puts copies here)
      out/               where letters and résumés are written

    Prints each path it creates. With --from, a résumé that cannot be read is
    refused before anything is created.
    """
    from importlib.resources import files

    from tailor.errors import OutputError
    from tailor.output import make_folder

    if folder.exists() and not folder.is_dir():
        raise OutputError.at(folder, None, "is a file; name a folder")
    notes: list[str] = []
    if source is not None:
        from tailor.importer.run import run_import

        # Read first: a refused résumé leaves no half-made workspace behind.
        scaffold, notes = run_import(source, folder / "profiles" / "me.yaml")
    else:
        scaffold = (files("tailor") / "resources" / "init" / "me.yaml").read_text(encoding="utf-8")
    for sub in ("profiles", "templates", "out"):
        path = folder / sub
        if not path.is_dir():
            make_folder(path)
            click.echo(f"{path}/")
    profile = folder / "profiles" / "me.yaml"
    if profile.exists():
        click.echo(f"{profile}: already exists; left as it is", err=True)
    else:
        from tailor.importer.run import write_profile

        write_profile(profile, scaffold)
        click.echo(str(profile))
        for note in notes:
            click.echo(note, err=True)
