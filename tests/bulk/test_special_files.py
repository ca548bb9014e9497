"""Named pipes and devices among bulk inputs: never opened, always said."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
ARGS = ["--profile", PROFILE, "--kind", "letter", "--format", "md", "--jobs", "1"]

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def test_a_folders_pipe_and_device_link_are_passed_over_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text("Data Engineer\n\nWe need Python and SQL.\n")
    os.mkfifo(folder / "b.txt")
    (folder / "c.jsonl").symlink_to("/dev/zero")
    (folder / "d.md").symlink_to(folder / "gone.md")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["bulk", str(folder), "--out", str(out), *ARGS])
    assert result.exit_code == 0, result.output
    assert f"Warning: {folder / 'b.txt'}: is a named pipe, not a file; passed over\n" in (
        result.stderr
    )
    assert f"Warning: {folder / 'c.jsonl'}: is a device, not a file; passed over\n" in (
        result.stderr
    )
    assert f"Warning: {folder / 'd.md'}: is a link to nothing, not a file; passed over\n" in (
        result.stderr
    )
    lines = (out / "manifest.jsonl").read_text().splitlines()
    assert [json.loads(line)["input"] for line in lines] == [str(folder / "a.txt")]


def test_a_pipe_given_as_input_is_one_failed_item_not_a_hang(
    runner: CliRunner, tmp_path: Path
) -> None:
    good, pipe = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("Data Engineer\n\nWe need Python and SQL.\n")
    os.mkfifo(pipe)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["bulk", str(good), str(pipe), "--out", str(out), *ARGS])
    assert result.exit_code == 1
    assert f"Error: {pipe}: is a named pipe, not a file; give a posting file\n" in result.stderr
    statuses = [
        json.loads(line)["status"] for line in (out / "manifest.jsonl").read_text().splitlines()
    ]
    assert statuses == ["ok", "failed"]
