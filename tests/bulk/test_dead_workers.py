"""A worker process that dies mid-run (SIGKILL, the OOM killer) loses nothing and hangs nothing."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli
from tailor.compose import letter
from tailor.compose.inputs import Composed, DocumentOptions, Prepared

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
pytestmark = pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the patched composer reaches the workers by fork",
)


def postings(folder: Path, companies: list[str]) -> None:
    folder.mkdir()
    for n, company in enumerate(companies):
        (folder / f"{n}.txt").write_text(
            f"---\ntitle: Data Engineer\ncompany: {company}\n---\nData Engineer\n\n"
            "Requirements:\n- Python and SQL\n"
        )


def run(folder: Path, out: Path) -> tuple[int, list[dict[str, object]], str]:
    args = ["bulk", str(folder), "--profile", PROFILE, "--out", str(out), "--kind", "letter"]
    result = CliRunner().invoke(cli, [*args, "--format", "md", "--jobs", "2"])
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return result.exit_code, [json.loads(line) for line in lines], result.stderr


def test_a_posting_that_kills_its_worker_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compose = letter.compose

    def deadly(prepared: Prepared, options: DocumentOptions) -> Composed:
        if prepared.company == "Killer":
            os.kill(os.getpid(), signal.SIGKILL)
        return compose(prepared, options)

    monkeypatch.setattr(letter, "compose", deadly)
    postings(tmp_path / "in", ["Acme", "Killer", "Globex", "Initech", "Umbrella"])
    code, entries, _ = run(tmp_path / "in", tmp_path / "out")
    assert code == 1
    by_input = {Path(str(e["input"])).name: e for e in entries}
    assert len(entries) == 5
    assert by_input["1.txt"]["status"] == "failed"
    assert "worker process tailoring it died" in str(by_input["1.txt"]["error"])
    assert {n for n, e in by_input.items() if e["status"] == "ok"} == {
        "0.txt",
        "2.txt",
        "3.txt",
        "4.txt",
    }


def test_a_worker_killed_once_is_retried_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "killed-once"
    compose = letter.compose

    def dies_once(prepared: Prepared, options: DocumentOptions) -> Composed:
        if prepared.company == "Globex" and not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return compose(prepared, options)

    monkeypatch.setattr(letter, "compose", dies_once)
    postings(tmp_path / "in", ["Acme", "Globex", "Initech"])
    code, entries, stderr = run(tmp_path / "in", tmp_path / "out")
    assert code == 0, (stderr, entries)
    assert marker.exists()
    assert sorted(str(e["status"]) for e in entries) == ["ok", "ok", "ok"], entries
