"""The manifest a rerun resumes from: hand-edited or hostile lines are left out, never obeyed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.bulk.manifest import MANIFEST, read_manifest

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
GOOD = {
    "id": "a.txt",
    "input": "a.txt",
    "status": "ok",
    "score": 40,
    "folder": "acme-data-engineer",
    "outputs": ["acme-data-engineer/cover-letter.md"],
    "error": None,
    "input_hash": "x",
    "settings_hash": "y",
    "tailor_version": "0.1.0",
}


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({**GOOD, "folder": ["x"]}, id="folder-a-list"),
        pytest.param({**GOOD, "outputs": 5}, id="outputs-a-number"),
        pytest.param({**GOOD, "score": "high"}, id="score-text"),
        pytest.param({**GOOD, "score": True}, id="score-a-bool"),
        pytest.param({**GOOD, "status": "done"}, id="unknown-status"),
        pytest.param({**GOOD, "folder": "../outside"}, id="folder-outside-out"),
        pytest.param({**GOOD, "outputs": ["other/cover-letter.md"]}, id="outputs-elsewhere"),
        pytest.param({**GOOD, "extra": 1}, id="unknown-field"),
        pytest.param(json.loads("[" * 50 + "]" * 50), id="nested"),
    ],
)
def test_a_bad_line_is_left_out_and_reported(tmp_path: Path, bad: object) -> None:
    path = tmp_path / MANIFEST
    other = {**GOOD, "id": "b.txt", "input": "b.txt"}
    path.write_text(json.dumps(bad) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    said: list[str] = []
    entries = read_manifest(path, warn=said.append)
    assert list(entries) == ["b.txt"]
    assert said == [f"{path}:1: not a manifest entry; left out (its posting is redone)"]


def test_a_line_100k_brackets_deep_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / MANIFEST
    path.write_text("[" * 100_000 + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    assert list(read_manifest(path)) == ["a.txt"]


def test_a_last_line_cut_short_by_a_kill_is_not_reported(tmp_path: Path) -> None:
    path = tmp_path / MANIFEST
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD)[:30], encoding="utf-8")
    said: list[str] = []
    assert list(read_manifest(path, warn=said.append)) == ["a.txt"]
    assert said == []


def test_a_rerun_over_a_poisoned_manifest_writes_only_inside_out(tmp_path: Path) -> None:
    from tailor.cli.app import cli

    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "a.txt").write_text("Data Engineer\nAcme\n\nWe need Python and SQL.\n")
    out = tmp_path / "out"
    args = ["bulk", str(postings), "--profile", PROFILE, "--out", str(out)]
    args += ["--kind", "letter", "--format", "md", "--jobs", "1"]
    runner = CliRunner()
    assert runner.invoke(cli, args).exit_code == 0
    entry = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    poisoned = {**entry, "folder": "../escaped", "input_hash": "changed"}
    (out / MANIFEST).write_text(json.dumps(poisoned) + "\n" + "\n", encoding="utf-8")
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert not (tmp_path / "escaped").exists()
    assert "not a manifest entry; left out" in again.stderr


def test_a_manifest_linking_out_of_out_is_refused(tmp_path: Path) -> None:
    from tailor.cli.app import cli

    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "a.txt").write_text("Data Engineer\nAcme\n\nWe need Python and SQL.\n")
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).symlink_to(victim)
    args = ["bulk", str(postings), "--profile", PROFILE, "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--kind", "letter", "--format", "md", "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: {out / MANIFEST}: is a symbolic link; tailor writes only inside --out\n"
    )
    assert victim.read_text(encoding="utf-8") == "mine\n"


def test_a_full_disk_during_bulk_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from tailor.cli.app import cli

    postings = tmp_path / "postings"
    postings.mkdir()
    (postings / "a.txt").write_text("Data Engineer\nAcme\n\nWe need Python and SQL.\n")
    out = tmp_path / "out"
    real = os.fsync

    def full(fd: int) -> None:
        if str(Path(f"/proc/self/fd/{fd}").readlink()).endswith(MANIFEST):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr("tailor.bulk.manifest.os.fsync", full)
    args = ["bulk", str(postings), "--profile", PROFILE, "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--kind", "letter", "--format", "md", "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {out / MANIFEST}: cannot record: No space left on device"]


def test_a_csv_mixing_utf8_and_windows_1252_rows_reads_both_right(tmp_path: Path) -> None:
    from tailor.bulk.inputs import expand_inputs

    table = tmp_path / "jobs.csv"
    table.write_bytes(
        b"title,company,description\n"
        + "Data Engineer,Acme Z\u00fcrich,We need SQL.\n".encode()
        + "Analyst,Caf\u00e9 Co,We need Excel.\n".encode("cp1252")
    )
    items = expand_inputs([str(table)], stdin_lines=(), skip=tmp_path / "out")
    companies = [dict(item.fields or {})["company"] for item in items]
    assert companies == ["Acme Z\u00fcrich", "Caf\u00e9 Co"]
