"""The README's command reference is the CLI's own: generated, and checked here."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tailor.cli.app import cli
from tailor.cli.reference import BEGIN, END, option_name, options, reference, replace_block, walk

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_command_reference_is_current(update_golden: bool) -> None:
    text = README.read_text(encoding="utf-8")
    current = reference(cli)
    if update_golden:
        README.write_text(replace_block(text, current), encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    start = text.index(BEGIN)
    assert text[start : text.index(END) + len(END)] == current, (
        "README.md's command reference is stale: run `python -m tailor.cli.reference README.md`"
    )


@pytest.mark.parametrize(("path", "command"), list(walk(cli)), ids=lambda v: str(v))
def test_every_command_and_option_is_documented(path: str, command: click.Command) -> None:
    text = README.read_text(encoding="utf-8")
    assert command.help, f"{path} has no help"
    assert f"`{path}" in text
    for option in options(command):
        assert option.help, f"{path} {option.opts} has no help"
        assert option_name(option, command).replace("|", "\\|") in text


def test_every_document_kind_is_a_command() -> None:
    from tailor.documents import KINDS

    commands = {path.removeprefix("tailor ") for path, _ in walk(cli)}
    assert set(KINDS) <= commands
