"""The import as the CLI runs it: read, check like `tailor profile check`, write atomically."""

from __future__ import annotations

from pathlib import Path

from tailor.errors import OutputError


def run_import(source: Path, output: Path | None) -> tuple[str, list[str]]:
    """(profile YAML, lines for standard error); raises ProfileError, writing nothing."""
    from tailor.importer.read import import_file
    from tailor.importer.summary import summary_lines
    from tailor.profile.load import parse_profile

    result = import_file(source)
    notes = [f"Note: {note}" for note in result.notes]
    # The same checks as `tailor profile check`: the draft must load as it is written.
    parse_profile(result.yaml_text.encode("utf-8"), source=str(output or source))
    if result.draft is not None:
        notes.extend(summary_lines(result.draft))
        notes.append("Checks passed (as `tailor profile check`).")
    return result.yaml_text, notes


def write_profile(output: Path, text: str) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    from tailor.output import atomic_write, make_folder

    make_folder(output.parent)
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError.at(output, None, f"cannot write: {exc.strerror or exc}") from None
