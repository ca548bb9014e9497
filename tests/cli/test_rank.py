"""`tailor rank`: postings scored against one profile, best first, no documents written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
POSTINGS = ROOT / "examples" / "postings"
NURSE = ROOT / "profiles" / "example-nurse.yaml"


def test_the_fitting_posting_ranks_first_and_nothing_is_written(tmp_path: Path) -> None:
    before = set(tmp_path.iterdir())
    result = CliRunner().invoke(
        cli, ["rank", str(POSTINGS), "--profile", str(NURSE), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["input"].endswith("staff-nurse-riverside.txt")
    assert rows[0]["title"].startswith("Staff Nurse")
    assert rows[0]["score"] > rows[-1]["score"]
    assert rows[0]["required_backed"] <= rows[0]["required"]
    assert all(r["error"] is None for r in rows)
    assert set(tmp_path.iterdir()) == before


def test_csv_has_a_header_and_top_keeps_the_best(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["rank", str(POSTINGS), "--profile", str(NURSE), "--csv", "--top", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 1
    assert table[0]["rank"] == "1"
    assert table[0]["input"].endswith("staff-nurse-riverside.txt")


def test_a_bad_posting_is_a_row_with_its_error_and_the_others_are_ranked(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(
        cli,
        [
            "rank",
            str(POSTINGS / "staff-nurse-riverside.txt"),
            str(broken),
            "-p",
            str(NURSE),
            "--json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert rows[0]["score"] is not None
    assert rows[-1]["score"] is None
    assert rows[-1]["error"]
    assert "Traceback" not in result.output
    assert f"Error: {broken}" in result.stderr


def test_no_postings_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rank", str(tmp_path), "-p", str(NURSE)])
    assert result.exit_code == 2
    assert "no postings found" in result.output


def test_worker_processes_rank_the_same_as_one(tmp_path: Path) -> None:
    text = (POSTINGS / "staff-nurse-riverside.txt").read_text(encoding="utf-8")
    other = (POSTINGS / "data-analyst-northwind.txt").read_text(encoding="utf-8")
    table = tmp_path / "jobs.jsonl"
    with table.open("w", encoding="utf-8") as out:
        for n in range(40):  # two chunks of work
            out.write(json.dumps({"id": f"p{n}", "description": text if n % 2 else other}) + "\n")
    runs = [
        CliRunner().invoke(
            cli,
            ["rank", str(table), "-p", str(NURSE), "--json", "-j", jobs],
            catch_exceptions=False,
        )
        for jobs in ("1", "2")
    ]
    assert [r.exit_code for r in runs] == [0, 0]
    one, two = (json.loads(r.stdout) for r in runs)
    assert one == two
    assert len(one) == 40
