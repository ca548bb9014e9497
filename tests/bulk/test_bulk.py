from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from helpers.postings import posting
from tailor.bulk.manifest import read_manifest
from tailor.bulk.progress import RichReporter, reporter
from tailor.cli.app import TailorGroup
from tailor.cli.bulk import bulk

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
LETTER_MD = ["--kind", "letter", "--format", "md", "--jobs", "1"]


@click.group(cls=TailorGroup)
def app() -> None:
    """`tailor` with just the bulk command, as the CLI wires it."""


app.add_command(bulk)


def run(runner: CliRunner, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(app, ["bulk", *args, "--profile", PROFILE], **kwargs)


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def summary(ok: int, skipped: int, failed: int) -> str:
    total = ok + skipped + failed
    return (
        " status    postings \n"
        "────────────────────\n"
        f" ok        {ok:>8} \n"
        f" skipped   {skipped:>8} \n"
        f" failed    {failed:>8} \n"
        "────────────────────\n"
        f" total     {total:>8} \n"
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of postings in three formats, plus files a search must pass over."""
    root = tmp_path / "postings"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(posting("Data Engineer", "Acme"))
    (root / "sub" / "b.md").write_text(posting("ML Engineer", "Lumen"))
    (root / "sub" / "deeper" / "c.html").write_text(
        "<html><body><nav>Menu</nav><main><h1>Data Analyst</h1>"
        "<p>Northwind — Leeds, UK</p><h2>Requirements</h2><ul><li>SQL and Excel</li></ul>"
        "</main></body></html>"
    )
    (root / "README.md").write_text("How these postings were collected.")
    (root / "notes.rtf").write_text("{\\rtf1 not a posting}")
    (root / ".hidden" / "x.txt").write_text(posting("Hidden", "Nobody"))
    return root


def test_folder_is_searched_recursively(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(runner, str(tree), "--out", str(out), *LETTER_MD, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    a, b, c = str(tree / "a.txt"), str(tree / "sub/b.md"), str(tree / "sub/deeper/c.html")
    assert result.stderr == f"[1/3] {a} ok\n[2/3] {b} ok\n[3/3] {c} ok\n"
    assert result.stdout.startswith(summary(3, 0, 0))
    assert re.fullmatch(
        rf"3 postings tailored in \d+\.\d s \(\d+\.\d/s\); manifest: {re.escape(str(out))}/"
        r"manifest\.jsonl\n",
        result.stdout.removeprefix(summary(3, 0, 0)),
    )
    lines = manifest(out)
    assert [(e["id"], e["input"], e["status"], e["error"]) for e in lines] == [
        (a, a, "ok", None),
        (b, b, "ok", None),
        (c, c, "ok", None),
    ]
    assert [e["folder"] for e in lines] == [
        "acme-data-engineer",
        "lumen-ml-engineer",
        "northwind-data-analyst",
    ]
    assert lines[0]["outputs"] == [
        "acme-data-engineer/cover-letter.md",
        "acme-data-engineer/cover-letter.provenance.json",
        "acme-data-engineer/report.md",
        "acme-data-engineer/report.html",
    ]
    assert (out / "acme-data-engineer" / "report.md").read_text().startswith("# ")
    assert all(isinstance(e["score"], int) and 0 <= e["score"] <= 100 for e in lines)
    assert {e["tailor_version"] for e in lines} == {"0.1.0"}
    assert len({e["input_hash"] for e in lines}) == 3
    assert len({e["settings_hash"] for e in lines}) == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "acme-data-engineer",
        "lumen-ml-engineer",
        "manifest.jsonl",
        "northwind-data-analyst",
    ]


def mtimes(out: Path) -> dict[str, int]:
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != "manifest.jsonl"
    }


def test_rerun_skips_what_is_up_to_date(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [str(tree), "--out", str(out), *LETTER_MD]
    assert run(runner, *args).exit_code == 0
    before = mtimes(out)
    first = manifest(out)

    again = run(runner, *args, catch_exceptions=False)
    assert again.exit_code == 0
    assert again.stderr == "3 postings up to date, skipped\n"
    assert again.stdout.startswith(summary(0, 3, 0))
    assert mtimes(out) == before
    assert manifest(out) == [{**e, "status": "skipped"} for e in first]

    (tree / "a.txt").write_text(posting("Data Engineer", "Acme", "- Kubernetes\n"))
    changed = run(runner, *args)
    assert changed.stderr == f"2 postings up to date, skipped\n[1/1] {tree / 'a.txt'} ok\n"
    assert [e["status"] for e in manifest(out)] == ["ok", "skipped", "skipped"]

    forced = run(runner, *args, "--force")
    assert [e["status"] for e in manifest(out)] == ["ok", "ok", "ok"]
    assert forced.stderr.count(" ok\n") == 3


@pytest.mark.parametrize(
    ("other", "outputs"),
    [
        (
            ["--kind", "letter,bullets", "--jobs", "1"],
            [
                *("cover-letter.md", "cover-letter.docx", "cover-letter.provenance.json"),
                *("bullets.md", "bullets.docx", "bullets.provenance.json", "report.md"),
                "report.html",
            ],
        ),
        (
            [*LETTER_MD, "--tone", "warm"],
            ["cover-letter.md", "cover-letter.provenance.json", "report.md", "report.html"],
        ),
    ],
)
def test_other_settings_are_not_up_to_date(
    runner: CliRunner, tree: Path, tmp_path: Path, other: list[str], outputs: list[str]
) -> None:
    out = tmp_path / "out"
    assert run(runner, str(tree), "--out", str(out), *LETTER_MD).exit_code == 0
    result = run(runner, str(tree), "--out", str(out), *other)
    assert result.exit_code == 0
    assert [e["status"] for e in manifest(out)] == ["ok", "ok", "ok"]
    assert manifest(out)[0]["outputs"] == [f"acme-data-engineer/{name}" for name in outputs]


def test_a_bad_posting_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "good.txt").write_text(posting("Data Engineer", "Acme"))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    out = tmp_path / "out"
    result = run(runner, str(tmp_path), "--out", str(out), *LETTER_MD)
    assert result.exit_code == 1
    empty, good, scan = (str(tmp_path / n) for n in ("empty.txt", "good.txt", "scan.pdf"))
    errors = result.stderr.splitlines()[3:]
    assert errors[0] == f"Error: {empty}: the posting is empty; paste the job ad's text into it"
    assert errors[1].startswith(f"Error: {scan}: is not a readable PDF (")
    assert len(errors) == 2
    assert result.stdout.startswith(summary(1, 0, 2))
    statuses = [(e["input"], e["status"], e["folder"]) for e in manifest(out)]
    assert statuses == [
        (empty, "failed", None),
        (good, "ok", "acme-data-engineer"),
        (scan, "failed", None),
    ]
    assert manifest(out)[0]["error"] == "the posting is empty; paste the job ad's text into it"

    again = run(runner, str(tmp_path), "--out", str(out), *LETTER_MD)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"1 posting up to date, skipped\n[1/2] {empty} failed\n")


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_fails_only_its_posting(
    runner: CliRunner, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    from tailor.compose import letter
    from tailor.compose.inputs import Composed, DocumentOptions, Prepared

    compose = letter.compose

    def broken(prepared: Prepared, options: DocumentOptions) -> Composed:
        if prepared.company == "Lumen":
            raise RuntimeError("boom\nsecond line")
        return compose(prepared, options)

    monkeypatch.setattr(letter, "compose", broken)
    out = tmp_path / "out"
    flags = ["--debug"] if debug else []
    result = run(runner, str(tree), "--out", str(out), *LETTER_MD, *flags)
    assert result.exit_code == 1
    bug = "internal error (a bug in tailor): RuntimeError: boom second line"
    lines = result.stderr.splitlines()
    assert lines[3] == f"Error: {tree / 'sub/b.md'}: {bug}"
    if debug:
        assert lines[4] == "Traceback (most recent call last):"
        assert lines[-2:] == ["RuntimeError: boom", "second line"]
    else:
        assert len(lines) == 4
    assert [e["status"] for e in manifest(out)] == ["ok", "failed", "ok"]


def test_a_posting_with_a_long_unbroken_run(runner: CliRunner, tmp_path: Path) -> None:
    """`analyze` blanks such runs before spaCy sees them; the batched Doc must not be used."""
    (tmp_path / "rule.txt").write_text(posting("Data Engineer", "Acme", "-" * 300 + "\n"))
    out = tmp_path / "out"
    result = run(runner, str(tmp_path / "rule.txt"), "--out", str(out), *LETTER_MD)
    assert result.exit_code == 0, result.output
    assert [e["status"] for e in manifest(out)] == ["ok"]


def test_an_edited_output_fails_only_its_posting(
    runner: CliRunner, tree: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [str(tree), "--out", str(out), *LETTER_MD]
    assert run(runner, *args).exit_code == 0
    letter = out / "lumen-ml-engineer" / "cover-letter.md"
    letter.write_text("My own words.\n")
    result = run(runner, *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {tree / 'sub/b.md'}: {letter}: was edited since tailor wrote it; "
        "rerun with --force to overwrite, or move your edited copy elsewhere"
    )
    assert [e["status"] for e in manifest(out)] == ["skipped", "failed", "skipped"]
    assert manifest(out)[1]["folder"] == "lumen-ml-engineer"
    assert letter.read_text() == "My own words.\n"


def test_same_company_and_title_get_their_own_folders(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(posting("Data Engineer", "Acme", f"- {name}\n"))
    out = tmp_path / "out"
    one, two, three = (str(tmp_path / n) for n in ("one.txt", "two.txt", "three.txt"))
    assert run(runner, one, two, "--out", str(out), *LETTER_MD).exit_code == 0
    assert [e["folder"] for e in manifest(out)] == ["acme-data-engineer", "acme-data-engineer-2"]
    first = (out / "acme-data-engineer" / "cover-letter.md").read_text()

    # Another order, a new posting, --force: each posting keeps its folder.
    result = run(runner, three, two, one, "--out", str(out), *LETTER_MD, "--force")
    assert result.exit_code == 0
    folders = {e["input"]: e["folder"] for e in manifest(out)}
    assert folders == {
        three: "acme-data-engineer-3",
        two: "acme-data-engineer-2",
        one: "acme-data-engineer",
    }
    assert (out / "acme-data-engineer" / "cover-letter.md").read_text() == first


def test_a_moved_posting_keeps_its_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(posting("Data Engineer", "Acme"))
    (tmp_path / "in" / "b.txt").write_text(posting("Data Engineer", "Acme", "- Go\n"))
    out = tmp_path / "out"
    assert run(runner, str(tmp_path / "in"), "--out", str(out), *LETTER_MD).exit_code == 0
    (tmp_path / "in" / "a.txt").rename(tmp_path / "in" / "z.txt")
    result = run(runner, str(tmp_path / "in"), "--out", str(out), *LETTER_MD)
    assert result.stderr == "2 postings up to date, skipped\n"
    assert [(e["id"], e["folder"]) for e in manifest(out)] == [
        (str(tmp_path / "in" / "b.txt"), "acme-data-engineer-2"),
        (str(tmp_path / "in" / "z.txt"), "acme-data-engineer"),
    ]


def test_jsonl_rows(runner: CliRunner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    rows = [
        {"id": "nhs-1", "title": "Staff Nurse", "company": "Riverside NHS", "description": "Care."},
        {"title": "Data Engineer", "company": "Acme", "description": posting("X", "Y")},
        {"id": "no-text", "title": "Ghost", "company": "Acme", "description": None},
    ]
    lines = [json.dumps(r) for r in rows]
    jobs.write_text(f"{lines[0]}\n\n{lines[1]}\n{{not json\n{lines[2]}\n")
    out = tmp_path / "out"
    result = run(runner, str(jobs), "--out", str(out), *LETTER_MD)
    assert result.exit_code == 1
    got = [(e["id"], e["input"], e["status"], e["folder"], e["error"]) for e in manifest(out)]
    assert got[:2] == [
        ("nhs-1", f"{jobs}:1", "ok", "riverside-nhs-staff-nurse", None),
        (f"{jobs}:3", f"{jobs}:3", "ok", "acme-data-engineer", None),
    ]
    assert got[2][:4] == (f"{jobs}:4", f"{jobs}:4", "failed", None)
    assert str(got[2][4]).startswith("not a JSON object (")
    assert got[3] == ("no-text", f"{jobs}:5", "failed", None, "the row has no description")
    assert result.stderr.splitlines()[-1] == f"Error: {jobs}:5: the row has no description"


JOBSPY_COLUMNS = [
    "id",
    "site",
    "job_url",
    "job_url_direct",
    "title",
    "company",
    "location",
    "date_posted",
    "job_type",
    "salary_source",
    "interval",
    "min_amount",
    "max_amount",
    "currency",
    "is_remote",
    "job_level",
    "job_function",
    "listing_type",
    "emails",
    "description",
    "company_industry",
    "company_url",
    "company_logo",
    "company_url_direct",
    "company_addresses",
    "company_num_employees",
    "company_revenue",
    "company_description",
]


def test_jobspy_csv_works_as_it_is(runner: CliRunner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    rows = [
        {
            "id": "in-5f3c9a",
            "site": "indeed",
            "job_url": "https://www.indeed.com/viewjob?jk=5f3c9a",
            "title": "Data Engineer",
            "company": "Acme",
            "location": "Leeds, ENG, GB",
            "is_remote": False,
            "min_amount": 50000.0,
            "description": '**Requirements**\n\n\\- Python and SQL\n\\- Docker, "dbt"',
        },
        {
            "id": "li-4012",
            "site": "linkedin",
            "job_url": "https://www.linkedin.com/jobs/view/4012",
            "title": "Staff Nurse",
            "company": "Riverside NHS",
            "description": "<div><p>Care for patients.</p><ul><li>NMC registration</li></ul></div>",
        },
    ]
    with jobs.open("w", newline="") as handle:
        # The export JobSpy's README shows.
        writer = csv.DictWriter(
            handle, JOBSPY_COLUMNS, quoting=csv.QUOTE_NONNUMERIC, escapechar="\\"
        )
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out"
    result = run(runner, str(jobs), "--out", str(out), *LETTER_MD, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = [(e["id"], e["input"], e["status"], e["folder"]) for e in manifest(out)]
    assert got == [
        ("in-5f3c9a", f"{jobs}:2", "ok", "acme-data-engineer"),
        ("li-4012", f"{jobs}:6", "ok", "riverside-nhs-staff-nurse"),
    ]


def test_csv_without_description_column(runner: CliRunner, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("title,company\nData Engineer,Acme\n")
    result = run(runner, str(jobs), "--out", str(tmp_path / "out"), *LETTER_MD)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {jobs}: has no 'description' column; "
        "a CSV of postings needs title, company and description"
    )


def test_paths_on_standard_input(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    listed = f"{tree / 'a.txt'}\n\n{tree / 'missing.txt'}\n{tree / 'sub'}\n"
    result = run(runner, "-", "--out", str(out), *LETTER_MD, input=listed)
    assert result.exit_code == 1
    assert [(e["input"], e["status"]) for e in manifest(out)] == [
        (str(tree / "a.txt"), "ok"),
        (str(tree / "missing.txt"), "failed"),
        (str(tree / "sub/b.md"), "ok"),
        (str(tree / "sub/deeper/c.html"), "ok"),
    ]
    assert result.stderr.splitlines()[-1] == (
        f"Error: {tree / 'missing.txt'}: file not found; check the path"
    )


def test_output_folder_is_not_searched(runner: CliRunner, tree: Path) -> None:
    out = tree / "out"
    assert run(runner, str(tree), "--out", str(out), *LETTER_MD).exit_code == 0
    again = run(runner, str(tree), "--out", str(out), *LETTER_MD)
    assert again.stderr == "3 postings up to date, skipped\n"


def test_two_workers_give_the_same_manifest(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    common = ["--kind", "letter", "--format", "md"]
    assert run(runner, str(tree), "--out", str(one), *common, "--jobs", "1").exit_code == 0
    result = run(runner, str(tree), "--out", str(two), *common, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert manifest(one) == manifest(two)
    for entry in manifest(one):
        for name in entry["outputs"]:
            assert (one / name).read_bytes() == (two / name).read_bytes()


def test_an_interrupted_run_resumes(
    runner: CliRunner, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tailor.bulk import progress

    out = tmp_path / "out"
    args = [str(tree), "--out", str(out), *LETTER_MD]
    advance = progress.PlainReporter.advance

    def advance_then_stop(self: progress.PlainReporter, entry: Any) -> None:
        advance(self, entry)
        raise KeyboardInterrupt

    monkeypatch.setattr(progress.PlainReporter, "advance", advance_then_stop)
    stopped = run(runner, *args)
    assert stopped.exit_code == 130
    assert stopped.stderr.endswith(
        "Interrupted; the manifest lists what finished. Rerun to resume.\n"
    )
    assert [e["status"] for e in manifest(out)] == ["ok"]
    monkeypatch.undo()

    with (out / "manifest.jsonl").open("a") as handle:
        handle.write('{"id": "cut short by a kill", "inp')  # a half-written line
    resumed = run(runner, *args)
    assert resumed.exit_code == 0
    assert resumed.stderr.startswith("1 posting up to date, skipped\n[1/2] ")
    assert [e["status"] for e in manifest(out)] == ["skipped", "ok", "ok"]
    assert not [p for p in out.rglob("*.tmp")]


def test_manifest_reader_ignores_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    good = {"id": "a", "input": "a.txt", "status": "ok", "score": 50, "folder": "x"}
    path.write_text(
        json.dumps(good) + "\n[1, 2]\n" + json.dumps({**good, "status": "weird"}) + '\n{"id": "b'
    )
    entries = read_manifest(path)
    assert list(entries) == ["a"]
    assert entries["a"].score == 50


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "letter,cv"], "Invalid value for '--kind': cv is not a kind"),
        (["--jobs", "0"], "Invalid value for '--jobs'"),
        (["--format", "odt"], "Invalid value for '--format': odt is not a format"),
        (["--pages", "3"], "Invalid value for '--pages'"),
    ],
)
def test_bad_options(runner: CliRunner, tree: Path, args: list[str], message: str) -> None:
    result = run(runner, str(tree), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_nothing_to_do_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.rtf").write_text("x")
    result = run(runner, str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no postings found in INPUT; give .txt, .md, .html, .pdf, .docx, .jsonl or .csv "
        "files, or folders holding them\n"
    )


def test_bad_profile_stops_before_any_work(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("basics: [\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["bulk", str(tree), "--profile", str(profile), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {profile}")
    assert not out.exists()


def test_progress_bar_on_a_terminal() -> None:
    from tailor.bulk.manifest import Entry

    shown = reporter(tty=True)
    assert isinstance(shown, RichReporter)
    with shown:
        shown.start(total=2, skipped=1)
        shown.advance(Entry(id="a", input="a", status="ok", score=1, folder="x"))
        shown.advance(Entry(id="b", input="b", status="failed", score=None, folder=None))
    task = shown.progress.tasks[0]
    assert (task.completed, task.total, task.description) == (2, 2, "Tailoring (1 failed)")


def test_help_mentions_every_input_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["bulk", "--help"])
    assert result.exit_code == 0
    for word in ("JSONL", "CSV", "JobSpy", "standard input", "manifest.jsonl", "--jobs"):
        assert word in result.stdout
    assert os.environ.get("TAILOR_TEMPLATES") is None


@pytest.mark.skipif(os.name != "posix", reason="tells a finished process by its pid")
def test_a_killed_runs_manifest_temporary_file_is_swept(
    runner: CliRunner, tree: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    finished = subprocess.Popen([sys.executable, "-c", ""])
    finished.wait()
    leftover = out / f".manifest.jsonl.0a1b2c3d.{finished.pid}.tmp"
    leftover.write_text('{"id": "half')
    mine = out / ".notes.txt.0a1b2c3d.1.tmp"
    mine.write_text("not tailor's")
    assert run(runner, str(tree), "--out", str(out), *LETTER_MD).exit_code == 0
    assert not leftover.exists()
    assert mine.exists()


def test_journal_follows_a_manifest_another_run_replaced(tmp_path: Path) -> None:
    from tailor.bulk.manifest import Entry, Journal, write_manifest

    def entry(id_: str) -> Entry:
        return Entry(id=id_, input=id_, status="ok", score=1, folder=id_)

    path = tmp_path / "manifest.jsonl"
    journal = Journal(path)
    journal.append(entry("a"))
    write_manifest(path, [entry("x"), entry("y")])  # the other run finished meanwhile
    journal.append(entry("b"))
    journal.close()
    assert list(read_manifest(path)) == ["x", "y", "b"]


RESUME_MD = ["--kind", "resume", "--format", "md", "--jobs", "1"]


def test_page_budget_is_kept_and_part_of_the_settings(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lumen = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
    (tmp_path / "in" / "lumen.txt").write_bytes(lumen.read_bytes())
    out = tmp_path / "out"
    assert run(runner, str(tmp_path / "in"), "--out", str(out), *RESUME_MD).exit_code == 0
    folder = out / manifest(out)[0]["folder"]
    two = (folder / "resume.md").read_text(encoding="utf-8")
    assert "to fit 2 pages" in (folder / "resume.left-out.md").read_text(encoding="utf-8")
    rerun = run(runner, str(tmp_path / "in"), "--out", str(out), *RESUME_MD, "--pages", "any")
    assert rerun.exit_code == 0
    assert manifest(out)[0]["status"] == "ok", "another budget is not up to date"
    everything = (folder / "resume.md").read_text(encoding="utf-8")
    assert len(everything) > len(two)
    assert "no page budget" in (folder / "resume.left-out.md").read_text(encoding="utf-8")


def test_pdf_without_libreoffice_stops_before_any_work(
    runner: CliRunner, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAILOR_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "out"
    result = run(runner, str(tree), "--out", str(out), "--format", "md,pdf")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --format pdf: needs LibreOffice")
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for soffice")
def test_a_failed_conversion_fails_only_its_postings(
    runner: CliRunner, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("TAILOR_SOFFICE", str(fake))
    out = tmp_path / "out"
    result = run(runner, str(tree), "--out", str(out), "--kind", "letter", "--format", "pdf")
    assert result.exit_code == 1
    assert [e["status"] for e in manifest(out)] == ["failed"] * 3
    assert all("LibreOffice could not convert" in e["error"] for e in manifest(out))
    assert not list(out.rglob("*.pdf"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_for_every_posting(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = run(runner, str(tree), "--out", str(out), "--kind", "letter", "--format", "pdf")
    assert result.exit_code == 0, result.stderr
    for entry in manifest(out):
        names = [Path(o).name for o in entry["outputs"]]
        assert names == [
            *("cover-letter.pdf", "cover-letter.provenance.json"),
            *("report.md", "report.html"),
        ]
        pdf = out / entry["outputs"][0]
        assert "Avery Lindqvist" in PdfReader(pdf).pages[0].extract_text()
        provenance = json.loads((out / entry["outputs"][1]).read_text(encoding="utf-8"))
        assert provenance["document"] == "cover-letter.pdf"
