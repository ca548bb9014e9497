"""The command-line contract: paths on stdout, one `Error:` line and exit 2 on user errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"
FOLDER = "lumen-health-analytics-senior-nlp-engineer"


def run(runner: CliRunner, *args: str, input: str | bytes | None = None) -> object:
    return runner.invoke(cli, list(args), input=input)


@pytest.mark.parametrize(
    ("command", "stem"), [("letter", "cover-letter"), ("resume", "resume"), ("bullets", "bullets")]
)
def test_document_commands_write_md_and_docx(
    runner: CliRunner, tmp_path: Path, command: str, stem: str
) -> None:
    result = runner.invoke(
        cli,
        [command, str(POSTING), "--profile", str(PROFILE), "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / FOLDER
    budget = [str(folder / "resume.left-out.md")] if command == "resume" else []
    assert result.stdout.splitlines() == [
        str(folder / f"{stem}.md"),
        str(folder / f"{stem}.docx"),
        str(folder / f"{stem}.provenance.json"),
        *budget,
        str(folder / "report.md"),
        str(folder / "report.html"),
    ]
    lines = json.loads((folder / f"{stem}.provenance.json").read_text())["lines"]
    cited = {fact["ref"] for line in lines for fact in line["facts"]}
    assert any(ref.startswith("work[0].highlights[") for ref in cited)
    for line in lines:  # every quoted fact really is in that line
        for fact in line["facts"]:
            assert fact["text"].rstrip(".").lower()[1:40] in line["text"].lower()
    report = (folder / "report.md").read_text()
    assert "| Kubernetes | required | missing |" in report
    assert "Gaps are never written into the letter or résumé." in report
    markdown = (folder / f"{stem}.md").read_text()
    assert "Avery Lindqvist" in markdown
    document = docx.Document(str(folder / f"{stem}.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Avery Lindqvist" in text
    assert "{{" not in text
    assert "{%" not in text


def test_format_and_overrides(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "letter",
            str(POSTING),
            "--profile",
            str(PROFILE),
            "--out",
            str(tmp_path),
            "--format",
            "md",
            "--company",
            "Globex",
            "--title",
            "ML Engineer",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    path = tmp_path / "globex-ml-engineer" / "cover-letter.md"
    assert result.stdout.splitlines() == [
        str(path),
        str(path.parent / "cover-letter.provenance.json"),
        str(path.parent / "report.md"),
        str(path.parent / "report.html"),
    ]
    letter = path.read_text()
    assert "the team at Globex." in letter
    assert "the ML Engineer role at Globex" in letter


@pytest.mark.parametrize(
    ("tone", "words"),
    [("formal", (250, 400)), ("warm", (250, 400)), ("concise", (150, 250))],
)
def test_tone_changes_wording_not_facts(
    runner: CliRunner, tmp_path: Path, tone: str, words: tuple[int, int]
) -> None:
    """The sign-off follows the country (a US applicant, no named contact: "Sincerely,"),
    not the tone; the length follows the tone."""
    result = runner.invoke(
        cli,
        [
            "letter",
            str(POSTING),
            "--profile",
            str(PROFILE),
            "--out",
            str(tmp_path / tone),
            "--format",
            "md",
            "--tone",
            tone,
        ],
        catch_exceptions=False,
    )
    letter = Path(result.stdout.splitlines()[0]).read_text()
    assert "\nSincerely,\n" in letter
    assert "the team at Lumen Health Analytics." in letter
    body = letter.split("Dear Hiring Manager:", 1)[1].split("Sincerely,", 1)[0]
    assert words[0] <= len(body.split()) <= words[1]


def test_posting_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        ["letter", "-", "--profile", str(PROFILE), "--out", str(tmp_path), "--format", "md"],
        input=POSTING.read_bytes(),
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == str(tmp_path / FOLDER / "cover-letter.md")


def test_rerun_is_safe_and_edits_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    args = ["letter", str(POSTING), "--profile", str(PROFILE), "--out", str(tmp_path)]
    assert runner.invoke(cli, args).exit_code == 0
    docx_bytes = (tmp_path / FOLDER / "cover-letter.docx").read_bytes()
    assert runner.invoke(cli, args).exit_code == 0  # unchanged rerun: fine
    assert (tmp_path / FOLDER / "cover-letter.docx").read_bytes() == docx_bytes  # deterministic
    edited = tmp_path / FOLDER / "cover-letter.md"
    edited.write_text("my own edits\n")
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {edited}: was edited since tailor wrote it; rerun with --force to overwrite, "
        "or move your edited copy elsewhere\n"
    )
    assert edited.read_text() == "my own edits\n"
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
    assert edited.read_text() != "my own edits\n"


def test_errors_are_one_line_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    bad_profile = tmp_path / "me.yaml"
    bad_profile.write_text("basics:\n  name: Ada\n  emial: a@example.com\n")
    missing = tmp_path / "missing.txt"
    cases = [
        (
            ["letter", str(missing), "--profile", str(PROFILE)],
            f"Error: {missing}: file not found; check the path\n",
        ),
        (
            ["letter", str(empty), "--profile", str(PROFILE)],
            f"Error: {empty}: the posting is empty; paste the job ad's text into it\n",
        ),
        (
            ["resume", str(binary), "--profile", str(PROFILE)],
            f"Error: {binary}: looks like a binary file, not text; save the posting as plain text\n",
        ),
        (
            ["letter", str(POSTING), "--profile", str(bad_profile)],
            f"Error: {bad_profile}:3: basics.emial: unknown field; did you mean 'email'?\n",
        ),
        (
            ["letter", str(POSTING), "--profile", str(tmp_path / "nope.yaml")],
            (
                f"Error: {tmp_path / 'nope.yaml'}: profile not found; check the path "
                "(see profiles/example.yaml)\n"
            ),
        ),
        (
            [
                "letter",
                str(POSTING),
                "--profile",
                str(PROFILE),
                "--template",
                "fancy",
                "--out",
                str(tmp_path),
            ],
            "Error: fancy: no letter template of that name for md; available: classic, modern\n",
        ),
        (["analyze", str(missing)], f"Error: {missing}: file not found; check the path\n"),
    ]
    for args, expected in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr == expected
        assert "Traceback" not in result.output


def test_debug_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["letter", str(tmp_path / "x.txt"), "--profile", str(PROFILE), "--debug"]
    )
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "PostingError"


def test_template_error_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "letter"
    mine.mkdir(parents=True)
    (mine / "classic.md.j2").write_text("Hello {{ applicant.name }}\n{{ applicant.nmae }}\n")
    result = runner.invoke(
        cli,
        [
            "letter",
            str(POSTING),
            "--profile",
            str(PROFILE),
            "--format",
            "md",
            "--templates",
            str(tmp_path / "mine"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {mine / 'classic.md.j2'}:2: ")
    assert "nmae" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.model
def test_analyze_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", str(POSTING), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "tailor_version",
        "posting",
        "sections",
        "skills",
        "responsibilities",
        "requirements",
        "match",
    }
    assert data["match"] is None
    text = data["posting"]["text"]
    assert text == POSTING.read_text()
    assert data["posting"]["company"] == "Lumen Health Analytics"
    assert data["posting"]["title"] == "Senior NLP Engineer"
    for section in data["sections"]:
        assert 0 <= section["start"] < section["end"] <= len(text)
    for skill in data["skills"]:
        assert skill["kind"] in {"hard", "tool", "soft", "knowledge"}
        assert skill["importance"] in {"required", "preferred", "mentioned"}
        for mention in skill["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for item in data["responsibilities"] + data["requirements"]:
        assert text[item["start"] : item["end"]] == item["text"]
    names = {s["name"].lower() for s in data["skills"]}
    assert {"python", "pytorch", "sql", "docker"} <= names
    benefit_or_legal = [s for s in data["sections"] if s["kind"] in ("benefits", "legal")]
    assert benefit_or_legal
    for skill in data["skills"]:
        for mention in skill["mentions"]:
            assert not any(s["start"] <= mention["start"] < s["end"] for s in benefit_or_legal)


@pytest.mark.model
def test_analyze_with_profile_reports_match_and_gaps(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["analyze", str(POSTING), "--profile", str(PROFILE), "--json"], catch_exceptions=False
    )
    match = json.loads(result.stdout)["match"]
    assert 0 <= match["score"] <= 100
    statuses = {m["name"].lower(): m for m in match["skills"]}
    assert statuses["pytorch"]["status"] == "matched"
    assert statuses["pytorch"]["evidence"][0]["ref"].startswith(("work[", "projects[", "skills["))
    assert statuses["kubernetes"]["status"] == "missing"
    assert "Kubernetes" in match["missing_required"] or "kubernetes" in {
        n.lower() for n in match["missing_required"]
    }


@pytest.mark.model
def test_analyze_explain_adds_the_score_point_by_point(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["analyze", str(POSTING), "--profile", str(PROFILE), "--explain"],
        catch_exceptions=False,
    )
    lines = result.stdout.splitlines()
    # The example profile has no healthcare data: a true gap, in the posting's words.
    gap = "0/2  missing: Experience with healthcare data (HL7, FHIR, clinical notes) or other"
    assert any(line.startswith(gap) for line in lines)
    first = next(i for i, line in enumerate(lines) if re.match(r"\d", line))
    points = lines[first:-1]
    assert all(re.match(r"\d+(\.5)?/[123]  (backed|partial|missing): \S", p) for p in points)
    last = lines[-1]
    assert last.startswith("score = round(100 × ")
    earned, total = (float(x) for x in last.split("× ")[1].split(")")[0].split(" / "))
    assert earned == sum(float(p.split("/")[0]) for p in points)
    assert last.endswith(f"= {round(100 * earned / total)}")


@pytest.mark.model
def test_analyze_readable_summary(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["analyze", str(POSTING), "--profile", str(PROFILE)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "Lumen Health Analytics" in result.stdout
    assert "Match score:" in result.stdout


def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys; from tailor.cli.app import main; sys.argv=['tailor','--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'pydantic' not in sys.modules, 'pydantic imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0


@pytest.mark.model
def test_analyze_lines_point_into_the_text_and_concepts_are_opt_in(runner: CliRunner) -> None:
    args = ["analyze", str(POSTING), "--profile", str(PROFILE), "--json"]
    plain = json.loads(runner.invoke(cli, args, catch_exceptions=False).stdout)
    text = plain["posting"]["text"]
    lines = plain["match"]["lines"]
    assert lines
    for line in lines:
        assert text[line["start"] : line["end"]] == line["text"]
        assert line["status"] in ("backed", "partial", "missing", "not-scored")
        assert line["concepts"] == []
        assert all(e["ref"] and 0 <= e["score"] <= 1 and e["why"] for e in line["evidence"])
    ranked = json.loads(runner.invoke(cli, [*args, "--concepts"], catch_exceptions=False).stdout)
    assert any(line["concepts"] for line in ranked["match"]["lines"])
    assert all(
        c["id"].startswith("http://data.europa.eu/esco/skill/")
        for line in ranked["match"]["lines"]
        for c in line["concepts"]
    )


@pytest.mark.model
def test_analyze_takes_company_and_title_like_the_document_commands(runner: CliRunner) -> None:
    args = ["analyze", str(POSTING), "--json", "--company", "Acme", "--title", "Data Wrangler"]
    posting = json.loads(runner.invoke(cli, args, catch_exceptions=False).stdout)["posting"]
    assert (posting["company"], posting["title"]) == ("Acme", "Data Wrangler")
