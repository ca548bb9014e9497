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
def init(folder: Path) -> None:
    """Set up DIR (default: here) for tailor.

    \b
    Creates, leaving anything that exists alone:
      profiles/me.yaml   a profile to fill in, with a comment on every field
      templates/         your templates (`tailor templates copy` puts copies here)
      out/               where letters and résumés are written

    Prints each path it creates.
    """
    from importlib.resources import files

    from tailor.errors import OutputError
    from tailor.output import make_folder

    if folder.exists() and not folder.is_dir():
        raise OutputError.at(folder, None, "is a file; name a folder")
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
        try:
            profile.write_text(scaffold, encoding="utf-8")
        except OSError as exc:
            raise OutputError.at(profile, None, f"cannot write: {exc.strerror}") from None
        click.echo(str(profile))
