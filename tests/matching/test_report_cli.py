"""The reports as the commands write them: report.md and report.html beside the documents,
`analyze --html FILE`, and the names given with --company/--title."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"


def test_letter_writes_both_reports_with_the_names_given(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        [
            *("letter", str(POSTING), "-p", str(PROFILE), "--out", str(tmp_path)),
            *("--format", "md", "--company", "Globex & Co", "--title", "ML Lead"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "globex-co-ml-lead"
    assert result.stdout.splitlines()[-2:] == [
        str(folder / "report.md"),
        str(folder / "report.html"),
    ]
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert markdown.splitlines()[0] == "# Match report: ML Lead at Globex & Co"
    page = lxml.html.document_fromstring((folder / "report.html").read_bytes())
    assert page.find(".//h1").text_content() == "Match report: ML Lead at Globex & Co"
    assert page.find(".//title").text_content() == "Match report: ML Lead at Globex & Co"
    assert "Lumen Health Analytics" not in page.find(".//h1").text_content()
    # every requirement line of the posting is marked, and the same lines as report.md
    rows = page.find_class("row")
    labels = [lab.text_content().strip() for row in rows for lab in row.find_class("lab")]
    table = markdown.split("## Requirements, line by line", 1)[1].split("## Skills", 1)[0]
    statuses = [
        row.split(" | ")[3]
        for row in table.splitlines()
        if row.startswith("| ") and not row.startswith(("| requirement |", "| --- |"))
    ]
    assert len(statuses) == 19
    words = {"✓ backed": "backed", "◐ partial": "partial", "✗ missing": "missing"}
    assert Counter(words.get(label, label) for label in labels) == Counter(statuses)
    assert (
        page.find(".//p[@class='score']/strong").text
        == re.search(r"Score: \*\*(\d+)/100", markdown)[1]
    )


def test_analyze_writes_the_html_report(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "lumen.html"
    args = ["analyze", str(POSTING), "-p", str(PROFILE), "--html", str(target), "--json"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("{")  # the JSON stays parseable
    assert result.stderr == f"Match report: {target}\n"
    page = lxml.html.document_fromstring(target.read_bytes())
    assert page.find(".//h1").text_content() == (
        "Match report: Senior NLP Engineer at Lumen Health Analytics"
    )
    assert len(page.find_class("row")) >= 15
    assert sorted(p.name for p in target.parent.iterdir()) == ["lumen.html"]  # nothing else
    # run again: tailor's own unedited report is replaced without --force
    again = runner.invoke(cli, args, catch_exceptions=False)
    assert again.exit_code == 0, again.output


def test_analyze_never_overwrites_an_edited_file_without_force(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "mine.html"
    target.write_text("<p>my notes</p>")
    args = ["analyze", str(POSTING), "-p", str(PROFILE), "--html", str(target)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target}: exists and is not a report tailor wrote, or was edited since; "
        "rerun with --force to overwrite it, or choose another --html path\n"
    )
    assert target.read_text() == "<p>my notes</p>"
    forced = runner.invoke(cli, [*args, "--force"], catch_exceptions=False)
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_analyze_html_refuses_what_is_not_a_file(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "report.html"
    outside = tmp_path / "outside.html"
    if kind == "folder":
        target.mkdir()
    else:
        outside.write_text("keep")
        target.symlink_to(outside)
    args = ["analyze", str(POSTING), "-p", str(PROFILE), "--html", str(target), "--force"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: is not a regular file; choose another --html path\n"
    if kind == "link":
        assert outside.read_text() == "keep"
    else:
        assert list(target.iterdir()) == []


def test_analyze_html_needs_a_profile(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(POSTING), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --html: needs --profile: the report shows how a profile matches the posting\n"
    )
    assert list(tmp_path.iterdir()) == []
