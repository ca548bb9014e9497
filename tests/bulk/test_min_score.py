"""`tailor bulk --min-score N`: documents only for postings that fit, the rest recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
LETTER_MD = ["--kind", "letter", "--format", "md", "--jobs", "1"]

FITS = (
    "---\ntitle: Data Engineer\ncompany: Acme\n---\nData Engineer at Acme\n\n"
    "Requirements:\n- Python and SQL\n- Docker\n"
)
DOES_NOT_FIT = (
    "---\ntitle: Staff Nurse\ncompany: General Hospital\n---\nStaff Nurse at General Hospital\n\n"
    "Requirements:\n- Registered nurse (NMC registration)\n- Experience in acute care wards\n"
    "- Medication administration and patient assessment\n"
)


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text(FITS)
    (folder / "b.txt").write_text(DOES_NOT_FIT)
    return folder


def bulk(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["bulk", *args, "--profile", PROFILE, *LETTER_MD])


def manifest(out: Path) -> dict[str, dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text().splitlines()
    return {Path(e["id"]).name: e for e in map(json.loads, lines)}


def ranked(runner: CliRunner, postings: Path) -> dict[str, int]:
    result = runner.invoke(cli, ["rank", str(postings), "--profile", PROFILE, "--json", "-j", "1"])
    assert result.exit_code == 0, result.output
    return {Path(row["input"]).name: row["score"] for row in json.loads(result.stdout)}


def test_only_postings_at_or_above_the_score_get_documents(
    runner: CliRunner, postings: Path, tmp_path: Path
) -> None:
    scores = ranked(runner, postings)
    assert scores["a.txt"] > scores["b.txt"]
    out = tmp_path / "out"
    # N equal to the better score: "at or above" takes it, the other is below.
    result = bulk(runner, str(postings), "--out", str(out), "--min-score", str(scores["a.txt"]))
    assert result.exit_code == 0, result.output
    entries = manifest(out)
    assert entries["a.txt"]["status"] == "ok"
    assert entries["b.txt"]["status"] == "skipped (score)"
    # The score recorded is the one `tailor rank` shows.
    assert {name: e["score"] for name, e in entries.items()} == scores
    assert entries["b.txt"]["folder"] is None
    assert entries["b.txt"]["outputs"] == []
    assert sorted(p.name for p in out.iterdir()) == ["acme-data-engineer", "manifest.jsonl"]
    assert " skipped (score)          1 " in result.stdout
    assert "1 posting tailored" in result.stdout


def test_a_rerun_keeps_them_skipped_and_a_lower_score_tailors_them(
    runner: CliRunner, postings: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = bulk(runner, str(postings), "--out", str(out), "--min-score", "50")
    assert first.exit_code == 0, first.output
    before = manifest(out)
    assert before["b.txt"]["status"] == "skipped (score)"

    again = bulk(runner, str(postings), "--out", str(out), "--min-score", "50")
    assert again.exit_code == 0, again.output
    assert "2 postings up to date, skipped" in again.stderr  # nothing scored again
    assert "[1/" not in again.stderr
    assert manifest(out)["b.txt"] == before["b.txt"]

    lower = bulk(runner, str(postings), "--out", str(out))  # no --min-score: every posting
    assert lower.exit_code == 0, lower.output
    after = manifest(out)
    assert after["b.txt"]["status"] == "ok"
    assert after["a.txt"]["status"] == "skipped"  # up to date from the first run
    assert (out / after["b.txt"]["folder"] / "cover-letter.md").is_file()


def test_a_changed_posting_is_scored_again(
    runner: CliRunner, postings: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert bulk(runner, str(postings), "--out", str(out), "--min-score", "50").exit_code == 0
    (postings / "b.txt").write_text(FITS.replace("Acme", "Globex"))
    result = bulk(runner, str(postings), "--out", str(out), "--min-score", "50")
    assert result.exit_code == 0, result.output
    assert manifest(out)["b.txt"]["status"] == "ok"
    assert (out / "globex-data-engineer" / "cover-letter.md").is_file()


def test_min_score_out_of_range_is_a_usage_error(runner: CliRunner, postings: Path) -> None:
    result = bulk(runner, str(postings), "--min-score", "101")
    assert result.exit_code == 2
    assert "--min-score" in result.output
