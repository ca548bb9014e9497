"""Hostile inputs through the CLI, each with one exact outcome.

Every case is either a clear `Error: <file>: <where>: <what to do>` line per
problem with exit code 2, or a correct result; never a traceback, a hang, a
write outside `--out`, or a lost edit. A case the code still gets wrong is
written with the correct expectation and marked `xfail(strict=True)` with the
bug in one line, so fixing the bug turns it into an ordinary passing test.

Template injection lives in test_sandbox.py; `tailor bulk` has its own suite.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import subprocess
import sys
import textwrap
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tailor.cli import cli
from tailor.output import STATE_FILE
from tailor.posting import MAX_POSTING_BYTES
from tailor.profile import MAX_PROFILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"
FOLDER = "lumen-health-analytics-senior-nlp-engineer"
SHORT_POSTING = (
    "Data Engineer\n"
    "Acme Analytics — Leeds, UK\n"
    "\n"
    "Requirements:\n"
    "- 3+ years of Python and SQL\n"
    "- Experience with Docker\n"
)
BINARY = "looks like a binary file, not text; save the posting as plain text"
EMPTY = "the posting is empty; paste the job ad's text into it"
LIMIT = f"bytes is over the {MAX_POSTING_BYTES:,}-byte limit for a posting; save just the job ad as text"
YAML_HINT = "check indentation and quote values that contain ': ' or start with '*', '&' or '@'"
EDITED = (
    "was edited since tailor wrote it; rerun with --force to overwrite, "
    "or move your edited copy elsewhere"
)


# --------------------------------------------------------------------------- helpers


def invoke(runner: CliRunner, *args: str | Path, input: bytes | None = None) -> Result:
    return runner.invoke(cli, [str(a) for a in args], input=input)


def errors(*lines: str) -> str:
    return "".join(f"Error: {line}\n" for line in lines)


def assert_refused(result: Result, *lines: str) -> None:
    """Exit 2, nothing on stdout, exactly these `Error:` lines, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", errors(*lines))


def assert_one_error_line(result: Result, pattern: str) -> None:
    """For fixes whose exact wording is open: one `Error:` line matching `pattern`, exit 2."""
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout) == (2, "")
    assert re.fullmatch(pattern + r"\n", result.stderr), result.stderr


def written(result: Result, out: Path) -> list[Path]:
    """The paths a successful document command printed, each checked to be inside `out`.

    Standard error may hold only the résumé's note of what it left out to fit its pages.
    """
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    notes = result.stderr.splitlines()
    assert all(re.fullmatch(r"Left out .+ to fit .+\.", line) for line in notes), result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert paths
    for path in paths:
        assert path.is_file()
        assert path.resolve().is_relative_to(out.resolve())
    return paths


def analysis(result: Result) -> dict[str, Any]:
    assert result.exception is None, result.exception
    assert (result.exit_code, result.stderr) == (0, "")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def snapshot(root: Path, *, skip: Path | None = None) -> dict[str, bytes | str]:
    """Every file (content) and symlink (target) under `root`, except under `skip`."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_symlink():
            found[str(path)] = f"-> {path.readlink()}"
        elif path.is_file():
            found[str(path)] = path.read_bytes()
    return found


def control_characters(text: str) -> list[str]:
    return sorted({c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"})


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def with_front_matter(front: str, body: str = SHORT_POSTING) -> bytes:
    return f"---\n{front}---\n{body}".encode()


def letter_args(posting: Path, out: Path, *extra: str) -> list[str | Path]:
    return ["letter", posting, "--profile", PROFILE, "--out", out, "--format", "md", *extra]


def run_isolated(code: str, *, timeout: float, memory: int | None = None) -> dict[str, Any]:
    """Run `code` in a fresh interpreter (a case that may hang or crash the process).

    `code` prints one JSON line. A timeout or a signal fails the test with what happened.
    """

    def limit() -> None:  # pragma: no cover - runs in the child
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limit if memory is not None else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout:g} s")
    if done.returncode < 0:
        pytest.fail(f"killed by signal {-done.returncode}: {done.stderr[-500:]}")
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


CLI_IN_CHILD = """
import json, sys
from click.testing import CliRunner
from tailor.cli import cli

def run(args):
    result = CliRunner().invoke(cli, args)
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = type(result.exception).__name__
    return {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
            "crash": crash}
"""


# --------------------------------------------------------------------------- postings


@pytest.mark.parametrize(
    ("data", "what"),
    [
        pytest.param(b"", EMPTY, id="empty"),
        pytest.param(b" \n\t\r\n\x0c\n  \r", EMPTY, id="whitespace-only"),
        pytest.param(codecs.BOM_UTF8, EMPTY, id="utf8-bom-only"),
        pytest.param(codecs.BOM_UTF8 + b"  \r\n\t", EMPTY, id="utf8-bom-and-blanks"),
        pytest.param("  \n\t\n".encode("utf-16"), EMPTY, id="utf16-blanks"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, BINARY, id="png"
        ),
        pytest.param(b"\x7fELF\x02\x01\x01" + bytes(200), BINARY, id="elf"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 4, BINARY, id="pdf-named-txt"),
        pytest.param(SHORT_POSTING.encode().replace(b"SQL", b"S\x00QL"), BINARY, id="one-nul"),
        pytest.param(b"\x01\x02\x03 Python and SQL " * 100, BINARY, id="control-chars"),
        pytest.param(
            codecs.BOM_UTF16_LE + b"a\x00\x00\xd8",
            "starts like UTF-16 but does not decode; save it as UTF-8",
            id="broken-utf16",
        ),
    ],
)
def test_unreadable_posting_is_one_line(
    runner: CliRunner, tmp_path: Path, data: bytes, what: str
) -> None:
    path = tmp_path / "posting.txt"
    path.write_bytes(data)
    assert_refused(invoke(runner, "analyze", path), f"{path}: {what}")


def test_empty_posting_on_stdin(runner: CliRunner) -> None:
    assert_refused(invoke(runner, "analyze", "-", input=b"  \n"), f"<stdin>: {EMPTY}")


@pytest.mark.parametrize("size", [MAX_POSTING_BYTES + 1, 50 * 1024 * 1024])
def test_oversized_posting_is_refused_fast(runner: CliRunner, tmp_path: Path, size: int) -> None:
    path = sparse(tmp_path / "huge.txt", size)
    started = time.perf_counter()
    result = invoke(runner, "letter", path, "--profile", PROFILE, "--out", tmp_path / "out")
    assert time.perf_counter() - started < 2
    assert_refused(result, f"{path}: {size:,} {LIMIT}")
    assert not (tmp_path / "out").exists()


def test_oversized_posting_on_stdin_is_refused(runner: CliRunner) -> None:
    result = invoke(runner, "analyze", "-", input=b"Python and SQL. " * 300_000)
    assert_refused(
        result,
        f"<stdin>: over the {MAX_POSTING_BYTES:,}-byte limit for a posting; "
        "save just the job ad as text",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_with_bounded_memory() -> None:
    result = run_isolated(
        CLI_IN_CHILD + "print(json.dumps(run(['analyze', '/dev/zero'])))",
        timeout=30,
        memory=1024**3,
    )
    assert result == {
        "exit": 2,
        "stdout": "",
        "stderr": errors(
            f"/dev/zero: over the {MAX_POSTING_BYTES:,}-byte limit for a posting; "
            "save just the job ad as text"
        ),
        "crash": None,
    }


LATIN = "Software Engineer\nCafé Müller GmbH — Zürich\n\nRequirements:\n- 3+ years of Python\n"
LATIN = LATIN.replace("—", "-")
WINDOWS = "Data Analyst\nNorthwind Traders — Seattle, WA\n\n“Must have” SQL – 2+ years; €40k.\n"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(LATIN.encode("latin-1"), LATIN, id="latin-1"),
        pytest.param(WINDOWS.encode("cp1252"), WINDOWS, id="cp1252"),
        pytest.param(WINDOWS.encode("utf-16"), WINDOWS, id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + WINDOWS.encode("utf-16-be"), WINDOWS, id="utf-16-be"),
        pytest.param(WINDOWS.encode("utf-16-le"), WINDOWS, id="utf-16-le-no-bom"),
        pytest.param(codecs.BOM_UTF8 + WINDOWS.encode(), WINDOWS, id="utf-8-bom"),
        pytest.param(WINDOWS.replace("\n", "\r\n").encode(), WINDOWS, id="crlf"),
        pytest.param(WINDOWS.replace("\n", "\r").encode(), WINDOWS, id="cr-only"),
    ],
)
def test_common_encodings_read_exactly(
    runner: CliRunner, tmp_path: Path, data: bytes, text: str
) -> None:
    path = tmp_path / "posting.txt"
    path.write_bytes(data)
    posting = analysis(invoke(runner, "analyze", path, "--json"))["posting"]
    assert posting["text"] == text
    assert posting["title"] == text.split("\n", 1)[0]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("x" * 100_000, id="one-word"),
        pytest.param("1" * 100_000, id="digits"),
        pytest.param("https://example.com/" + "a" * 100_000, id="url"),
        pytest.param("é" * 100_000, id="accents"),
    ],
)
def test_100k_character_line(runner: CliRunner, tmp_path: Path, line: str) -> None:
    path = tmp_path / "posting.txt"
    path.write_text("Data Engineer\n" + line + "\n", encoding="utf-8")
    data = analysis(invoke(runner, "analyze", path, "--json"))
    text = data["posting"]["text"]
    assert text == "Data Engineer\n" + line + "\n"
    for skill in data["skills"]:
        for mention in skill["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_100k_character_lines_that_backtrack_finish_in_seconds(tmp_path: Path) -> None:
    lines = {
        "capitals.txt": "A" * 100_000,  # metadata._COMPANY_PATTERNS: 415 s
        "words.txt": "Python " * 15_000,  # the same regexes: 190 s
        "skills.txt": "Python SQL " * 9_100,  # the same regexes: 200 s
        "initials.txt": "A." * 50_000,
        "brackets.txt": "(" * 100_000,  # spaCy tokenizer find_suffix: minutes
        "emoji.txt": "😀" * 25_000,
    }
    for name, line in lines.items():
        (tmp_path / name).write_text(line + "\n", encoding="utf-8")
    code = CLI_IN_CHILD + textwrap.dedent(
        f"""
        results = {{}}
        for name in {sorted(lines)!r}:
            r = run(["analyze", {str(tmp_path)!r} + "/" + name, "--json"])
            results[name] = (r["exit"], r["stderr"], r["crash"], len(json.loads(r["stdout"])["posting"]["text"]) if r["exit"] == 0 else None)
        print(json.dumps(results))
        """
    )
    results = run_isolated(code, timeout=30)
    assert results == {name: [0, "", None, len(line) + 1] for name, line in lines.items()}


def test_emoji_only_posting_gets_neutral_names(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_text("🚀🎉✨\n🔥🔥\n", encoding="utf-8")
    out = tmp_path / "out"
    paths = written(invoke(runner, *letter_args(path, out)), out)
    assert {p.parent for p in paths} == {out / "company-role"}
    letter = (out / "company-role" / "cover-letter.md").read_text(encoding="utf-8")
    assert "Dear Hiring Manager," in letter
    assert "I am writing to apply for this role." in letter


# --------------------------------------------------------------------------- names


HOSTILE_NAMES = [
    pytest.param("../../etc/passwd", "..\\..\\boot.ini", "etc-passwd-boot-ini", id="traversal"),
    pytest.param("C:\\Users\\Public:evil", "/dev/null", "c-users-public-evil-dev-null", id="drive"),
    pytest.param("x" * 500, "y" * 500, "x" * 60 + "-" + "y" * 60, id="500-chars"),
    pytest.param("🚀🚀", "👩‍💻", "company-role", id="emoji-only"),
    pytest.param("Ünïcödé Café", "Ŝenior Dév", "unicode-cafe-senior-dev", id="accents"),
    pytest.param("Acme . Corp", ". .. ...", "acme-corp-role", id="dots"),
]


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


@pytest.mark.parametrize(("company", "title", "folder"), HOSTILE_NAMES)
def test_hostile_names_in_front_matter_stay_inside_out(
    runner: CliRunner, tmp_path: Path, company: str, title: str, folder: str
) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(
        with_front_matter(f"title: {_quoted(title)}\ncompany: {_quoted(company)}\n")
    )
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    paths = written(invoke(runner, *letter_args(posting, out)), out)
    assert {p.parent for p in paths} == {out / folder}
    assert snapshot(tmp_path, skip=out) == before
    letter = (out / folder / "cover-letter.md").read_text(encoding="utf-8")
    assert f"Dear Hiring Team at {company}," in letter


@pytest.mark.parametrize(("company", "title", "folder"), HOSTILE_NAMES)
def test_hostile_names_as_options_stay_inside_out(
    runner: CliRunner, tmp_path: Path, company: str, title: str, folder: str
) -> None:
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    args = letter_args(POSTING, out, "--format", "md,docx", "--company", company, "--title", title)
    paths = written(invoke(runner, *args), out)
    assert {p.parent for p in paths} == {out / folder}
    assert {p.name for p in paths} >= {"cover-letter.md", "cover-letter.docx", "report.md"}
    assert snapshot(tmp_path, skip=out) == before


def test_control_characters_in_front_matter_names_are_dropped(
    runner: CliRunner, tmp_path: Path
) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter('title: "Data\\a Engineer"\ncompany: "Acme\\0 Corp"\n'))
    out = tmp_path / "out"
    paths = written(invoke(runner, *letter_args(posting, out, "--format", "md,docx")), out)
    assert {p.parent for p in paths} == {out / "acme-corp-data-engineer"}
    for path in paths:
        if path.suffix in (".md", ".json"):
            assert control_characters(path.read_text(encoding="utf-8")) == [], path.name
    letter = (out / "acme-corp-data-engineer" / "cover-letter.md").read_text(encoding="utf-8")
    assert "Dear Hiring Team at Acme Corp," in letter


@pytest.mark.parametrize(
    ("company", "title", "folder", "greeting"),
    [
        pytest.param(
            "Acme\x1b[31m Corp", "Haskell\r\nDeveloper", "acme-31m-corp-haskell-developer",
            "Dear Hiring Team at Acme[31m Corp,", id="escape-and-crlf",
        ),
        pytest.param(
            "Initech", "Java\x0bDeveloper", "initech-java-developer",
            "Dear Hiring Team at Initech,", id="vertical-tab",
        ),
        pytest.param(
            "Initech\u2028Labs", "Rust Engineer", "initech-labs-rust-engineer",
            "Dear Hiring Team at Initech Labs,", id="line-separator",
        ),
        pytest.param(
            "Initech", "R\x00", "initech-r", "Dear Hiring Team at Initech,", id="nul",
        ),
    ],
)  # fmt: skip
def test_control_characters_in_name_options_are_dropped(
    runner: CliRunner, tmp_path: Path, company: str, title: str, folder: str, greeting: str
) -> None:
    out = tmp_path / "out"
    args = letter_args(POSTING, out, "--format", "md,docx", "--company", company, "--title", title)
    paths = written(invoke(runner, *args), out)
    assert {p.parent for p in paths} == {out / folder}
    for path in paths:
        if path.suffix in (".md", ".json"):
            assert control_characters(path.read_text(encoding="utf-8")) == [], path.name
    assert greeting in (out / folder / "cover-letter.md").read_text(encoding="utf-8")


def test_undecodable_title_option_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out", "--title", "Ruby\udcff Dev"))
    assert_refused(result, "--title: is not valid UTF-8; check your terminal's encoding")


def test_blank_company_option_falls_back_to_the_posting(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = written(invoke(runner, *letter_args(POSTING, out, "--company", "   ")), out)
    assert {p.parent for p in paths} == {out / FOLDER}
    letter = (out / FOLDER / "cover-letter.md").read_text(encoding="utf-8")
    assert "Dear Hiring Team at Lumen Health Analytics," in letter


@pytest.mark.parametrize("kind", ["letter", "resume", "bullets"])
def test_numeric_or_tiny_company_name_is_grounded(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "out"
    for company in ("20", "0", "e", "on"):
        args = [kind, POSTING, "--profile", PROFILE, "--out", out, "--company", company]
        written(invoke(runner, *args, "--format", "md"), out)


@pytest.mark.parametrize(
    ("front", "folder"),
    [
        pytest.param("company: On\ntitle: 010\n", "on-010", id="yaml-1.1-bool-and-octal"),
        pytest.param("company: Acme\ntitle: 2021-02-30\n", "acme-2021-02-30", id="impossible-date"),
        pytest.param("company: Acme\ntitle: " + "9" * 5000 + "\n", "acme-" + "9" * 60, id="bigint"),
        pytest.param("company: !!binary QWNtZQ==\ntitle: Dev\n", "qwntzq-dev", id="binary-tag"),
    ],
)
def test_front_matter_values_are_the_text_as_written(
    runner: CliRunner, tmp_path: Path, front: str, folder: str
) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter(front))
    out = tmp_path / "out"
    paths = written(invoke(runner, *letter_args(posting, out)), out)
    assert {p.parent for p in paths} == {out / folder}


@pytest.mark.parametrize(
    "front",
    [
        pytest.param("title: [Data, Engineer]\ncompany: Acme\n", id="list"),
        pytest.param("title: Dev\ncompany: {name: Acme}\n", id="mapping"),
        pytest.param(
            "title: " + "[" * 5000 + "]" * 5000 + "\ncompany: Acme\n", id="nested-5000-deep"
        ),
    ],
)
def test_front_matter_values_must_be_text(runner: CliRunner, tmp_path: Path, front: str) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter(front))
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert_one_error_line(result, re.escape(f"Error: {posting}: ") + r"(line \d+|front matter): .+")
    assert not (tmp_path / "out").exists()


def test_front_matter_alias_bomb_is_refused_fast(runner: CliRunner, tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 5)]
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter("\n".join(lines) + "\ntitle: *a4\ncompany: Acme\n"))
    started = time.perf_counter()
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert time.perf_counter() - started < 2
    assert_one_error_line(result, re.escape(f"Error: {posting}: ") + r"line \d+: .+")


def test_front_matter_with_escaped_surrogate_pairs(runner: CliRunner, tmp_path: Path) -> None:
    # What json.dumps("🚀🚀") writes, valid JSON and so valid YAML 1.2; PyYAML reads
    # it as four lone surrogates.
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter('company: "\\ud83d\\ude80\\ud83d\\ude80"\ntitle: Dev\n'))
    out = tmp_path / "out"
    paths = written(invoke(runner, *letter_args(posting, out)), out)
    assert {p.parent for p in paths} == {out / "company-dev"}
    letter = (out / "company-dev" / "cover-letter.md").read_text(encoding="utf-8")
    assert "Dear Hiring Team at 🚀🚀," in letter


def test_front_matter_that_is_not_yaml(runner: CliRunner, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter("title: [oops\ncompany: !!python/object:os.system {}\n"))
    assert_refused(
        invoke(runner, *letter_args(posting, tmp_path / "out")),
        f"{posting}: line 3: the front matter between '---' lines is not valid YAML",
    )


# --------------------------------------------------------------------------- profiles


def _profile(tmp_path: Path, text: str, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _work(start: str, end: str | None = None) -> str:
    lines = [
        "basics:",
        "  name: Ada Lovelace",
        "work:",
        "  - name: Initech",
        "    position: Engineer",
        f"    startDate: {start}",
    ]
    if end is not None:
        lines.append(f"    endDate: {end}")
    lines.append("    highlights: [Built data pipelines in Python]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        pytest.param(
            "basics:\n  name: [Ada\n",
            [":3: not valid YAML (did not find expected ',' or ']'); " + YAML_HINT],
            id="malformed",
        ),
        pytest.param(
            "basics:\n\tname: Ada\n",
            [":2: not valid YAML (found character that cannot start any token); " + YAML_HINT],
            id="tab-indent",
        ),
        pytest.param(
            "basics:\n  name: Ada\n  name: Bob\n",
            [":3: duplicate key 'name' (first at line 2); keep only one"],
            id="duplicate-key",
        ),
        pytest.param(
            "basics:\n  name: Ada\nwork: []\nbasics:\n  name: Bob\n",
            [":4: duplicate key 'basics' (first at line 1); keep only one"],
            id="duplicate-section",
        ),
        pytest.param(
            "basics:\n  name: [Ada]\nwork: {name: Initech}\nskills: 3\n",
            [
                ":2: basics.name: should be text",
                ":3: work: should be a list (items starting with '- ')",
                ":4: skills: should be a list (items starting with '- ')",
            ],
            id="wrong-types",
        ),
        pytest.param(
            _work("2021-02-30"),
            [":6: work[0].startDate: '2021-02-30' is not a real date; check the month and day"],
            id="february-30",
        ),
        pytest.param(
            _work("2021-06", "2021-13"),
            [":7: work[0].endDate: '2021-13' is not a real date; check the month and day"],
            id="month-13",
        ),
        pytest.param(
            _work("June 2021"),
            [":6: work[0].startDate: 'June 2021' is not a date; write it as 2021, 2021-03 or 2021-03-14"],
            id="words-for-a-date",
        ),
        pytest.param("", [": the profile is empty; start from profiles/example.yaml"], id="empty"),
        pytest.param(
            "- basics\n",
            [":1: the profile should be a mapping with keys like 'basics:' and 'work:'"],
            id="a-list",
        ),
        pytest.param(
            "basics: !!python/object/apply:os.system ['echo pwned']\n",
            [
                ":1: not valid YAML (could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object/apply:os.system'); " + YAML_HINT
            ],
            id="python-tag",
        ),
        pytest.param(
            "a: &a [*a]\nbasics: {name: Ada}\n",
            [":1: an alias refers to itself; remove it"],
            id="self-alias",
        ),
    ],
)  # fmt: skip
def test_broken_profile_is_refused_line_by_line(
    runner: CliRunner, tmp_path: Path, text: str, problems: list[str]
) -> None:
    profile = _profile(tmp_path, text)
    result = invoke(runner, "letter", POSTING, "--profile", profile, "--out", tmp_path / "out")
    assert_refused(result, *(f"{profile}{p}" for p in problems))
    assert not (tmp_path / "out").exists()


def test_binary_and_non_utf8_profiles(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02basics")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("basics:\n  name: Zoë\n".encode("latin-1"))
    huge = sparse(tmp_path / "huge.yaml", MAX_PROFILE_BYTES + 1)
    assert_refused(
        invoke(runner, "profile", "check", binary),
        f"{binary}: looks like a binary file; a profile is YAML text",
    )
    assert_refused(
        invoke(runner, "profile", "check", latin), f"{latin}: is not UTF-8 text; save it as UTF-8"
    )
    assert_refused(
        invoke(runner, "profile", "check", huge),
        f"{huge}: over {MAX_PROFILE_BYTES:,} bytes; is this a profile?",
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            _work("2021-00"), ":6: work[0].startDate: '2021-00' is not a real date; "
            "check the month and day", id="month-00",
        ),
        pytest.param(
            _work("'0000'"), ":6: work[0].startDate: '0000' is not a real date; "
            "check the month and day", id="year-0000",
        ),
        pytest.param(
            _work("2021-06-00"), ":6: work[0].startDate: '2021-06-00' is not a real date; "
            "check the month and day", id="day-00",
        ),
    ],
)  # fmt: skip
def test_zero_dates_are_not_real(
    runner: CliRunner, tmp_path: Path, text: str, problem: str
) -> None:
    profile = _profile(tmp_path, text)
    assert_refused(invoke(runner, "profile", "check", profile), f"{profile}{problem}")


def test_end_before_start_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    profile = _profile(tmp_path, _work("2023-05", "2020-01"))
    assert_refused(
        invoke(runner, "profile", "check", profile),
        f"{profile}:7: work[0].endDate: '2020-01' is before startDate '2023-05'; check the years",
    )


def test_ten_thousand_highlights_work(runner: CliRunner, tmp_path: Path) -> None:
    highlights = "".join(
        f"      - Built data pipeline number {i} in Python for team {i % 97}\n"
        for i in range(10_000)
    )
    text = (
        "basics:\n  name: Ada Lovelace\nwork:\n  - name: Initech\n    position: Engineer\n"
        "    startDate: 2019-04\n    highlights:\n" + highlights
    )
    profile = _profile(tmp_path, text)
    out = tmp_path / "out"
    paths = written(invoke(runner, "letter", POSTING, "--profile", profile, "--out", out), out)
    letter = paths[0].read_text(encoding="utf-8")
    assert "Ada Lovelace" in letter


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\nbasics:\n  name: Ada\n"


def test_billion_laughs_is_refused_fast_with_bounded_memory(
    runner: CliRunner, tmp_path: Path
) -> None:
    profile = _profile(tmp_path, _laughs(9))  # 9**10: about 3.5 billion "lol"s
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = invoke(runner, "letter", POSTING, "--profile", profile, "--out", tmp_path / "out")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2
    assert peak < 20 * 1024 * 1024
    assert_refused(
        result,
        f"{profile}:6: expands to over 200,000 values (YAML aliases?); a profile never needs that",
    )


def test_aliases_of_one_long_string_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    # 150 KB on disk, 1 GB of highlight text once expanded; `letter` then never finishes.
    long = "Built pipelines in Python. " * 4_000
    text = (
        "basics:\n  name: Ada\nwork:\n  - name: Initech\n    position: Engineer\n"
        f'    highlights: [&s "{long}", {", ".join(["*s"] * 10_000)}]\n'
    )
    profile = _profile(tmp_path, text)
    for command in (["profile", "check", profile], letter_args(POSTING, tmp_path / "out")):
        if command[0] == "letter":
            command[command.index(PROFILE)] = profile
        started = time.perf_counter()
        result = invoke(runner, *command)
        assert time.perf_counter() - started < 2
        assert_refused(
            result,
            f"{profile}:6: expands to over 4,000,000 characters (YAML aliases?); "
            "a profile never needs that",
        )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("basics:\n  name: Ada\nmeta: " + "[" * 50 + "]" * 50 + "\n", 3, id="flow"),
        pytest.param(
            "basics:\n  name: Ada\nmeta:\n"
            + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60))
            + "  " * 61
            + "leaf\n",
            44,
            id="block",
        ),
    ],
)
def test_deeply_nested_profile_is_refused(
    runner: CliRunner, tmp_path: Path, text: str, line: int
) -> None:
    profile = _profile(tmp_path, text)
    assert_refused(
        invoke(runner, "profile", "check", profile),
        f"{profile}:{line}: nested more than 40 levels deep; a profile never needs that",
    )


def test_profile_nested_100k_deep_does_not_crash_the_process(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "basics:\n  name: Ada\nmeta: " + "[" * 100_000 + "]" * 100_000)
    result = run_isolated(
        CLI_IN_CHILD + f"print(json.dumps(run(['profile', 'check', {str(profile)!r}])))",
        timeout=60,
    )
    assert result == {
        "exit": 2,
        "stdout": "",
        "stderr": errors(
            f"{profile}:3: nested more than 40 levels deep; a profile never needs that"
        ),
        "crash": None,
    }


def test_huge_number_in_profile_is_text(runner: CliRunner, tmp_path: Path) -> None:
    profile = _profile(tmp_path, "basics:\n  name: Ada\n  phone: " + "9" * 5000 + "\n")
    result = invoke(runner, "profile", "check", profile)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{profile}: ok\n", "")


def test_phone_number_with_leading_zero_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    text = PROFILE.read_text(encoding="utf-8").replace(
        'phone: "+1 206 555 0142"', "phone: 01234567"
    )
    profile = _profile(tmp_path, text)
    out = tmp_path / "out"
    paths = written(invoke(runner, "letter", POSTING, "--profile", profile, "--out", out), out)
    assert " · 01234567 · " in paths[0].read_text(encoding="utf-8")


def test_control_character_in_profile_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_bytes(b"basics:\n  name: Ada\x1f\n")
    assert_refused(
        invoke(runner, "profile", "check", profile),
        f"{profile}:2: contains the control character U+001F, which YAML does not allow; delete it",
    )


JSON_RESUME = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {"name": "Ada Lovelace", "pronouns": "she/her", "label": "Engineer"},
    "work": [
        {
            "name": "Initech",
            "position": "Engineer",
            "startDate": "2019-04",
            "team": "Data",
            "highlights": ["Built data pipelines in Python and SQL"],
        }
    ],
    "x-custom": {"favourite": "tea"},
}


def test_json_resume_with_extra_fields(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(JSON_RESUME, indent=2), encoding="utf-8")
    out = tmp_path / "out"
    assert_refused(
        invoke(runner, "letter", POSTING, "--profile", source, "--out", out),
        f"{source}:5: basics.pronouns: unknown field; known fields here: email, image, label, "
        "location, name, phone, profiles, summary, url",
        f"{source}:13: work[0].team: unknown field; known fields here: description, endDate, "
        "highlights, location, name, position, startDate, summary, url",
        f"{source}:19: x-custom: unknown field; known fields here: $schema, awards, basics, "
        "certificates, education, interests, languages, meta, projects, publications, "
        "references, skills, volunteer, work",
    )
    imported = tmp_path / "me.yaml"
    result = invoke(runner, "profile", "import", source, "-o", imported)
    assert (result.exit_code, result.stdout) == (0, f"{imported}\n")
    assert "meta:\n  extra:\n" in imported.read_text(encoding="utf-8")
    written(invoke(runner, "letter", POSTING, "--profile", imported, "--out", out), out)


def test_json_resume_with_a_huge_number_imports_it_as_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "resume.json"
    source.write_text('{"basics": {"name": "Ada", "phone": ' + "9" * 5000 + "}}", encoding="utf-8")
    imported = tmp_path / "me.yaml"
    result = invoke(runner, "profile", "import", source, "-o", imported)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{imported}\n", "")
    assert f"phone: '{'9' * 5000}'" in imported.read_text(encoding="utf-8")


def test_json_resume_nested_100k_deep_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "resume.json"
    source.write_text('{"basics": {"name": "Ada"}, "meta": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run_isolated(
        CLI_IN_CHILD + f"print(json.dumps(run(['profile', 'import', {str(source)!r}])))",
        timeout=60,
    )
    assert result["crash"] is None
    assert result["exit"] == 2
    assert re.fullmatch(re.escape(f"Error: {source}") + r"(:\d+)?: .+\n", result["stderr"])


# --------------------------------------------------------------------------- output folders


def test_posting_folder_symlinked_out_of_the_tree_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / FOLDER).symlink_to(outside, target_is_directory=True)
    result = invoke(runner, *letter_args(POSTING, out))
    assert_refused(result, f"{out / FOLDER}: is a symbolic link; tailor writes only inside --out")
    assert list(outside.iterdir()) == []


def test_output_file_symlinked_out_of_the_tree_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.md"
    victim.write_text("precious", encoding="utf-8")
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / "cover-letter.md").symlink_to(victim)
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out"))
    assert_refused(
        result, f"{folder / 'cover-letter.md'}: is not a regular file; move it out of the way"
    )
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in folder.iterdir()) == ["cover-letter.md"]


def test_folder_in_place_of_an_output_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out" / FOLDER / "cover-letter.md"
    (target / "mine").mkdir(parents=True)
    assert_refused(
        invoke(runner, *letter_args(POSTING, tmp_path / "out")),
        f"{target}: is not a regular file; move it out of the way",
    )
    assert (target / "mine").is_dir()


def test_state_file_symlinked_out_of_the_tree_is_replaced_not_followed(
    runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / STATE_FILE).symlink_to(outside)
    written(invoke(runner, *letter_args(POSTING, tmp_path / "out")), tmp_path / "out")
    assert outside.read_text(encoding="utf-8") == "{}"
    assert not (folder / STATE_FILE).is_symlink()


def test_out_that_is_a_symlink_is_followed_as_the_user_asked(
    runner: CliRunner, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    paths = written(invoke(runner, *letter_args(POSTING, link)), link)
    assert {p.parent for p in paths} == {link / FOLDER}
    assert (real / FOLDER / "cover-letter.md").is_file()


def test_out_that_is_a_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    result = invoke(runner, *letter_args(POSTING, a_file / "sub"))
    assert_refused(result, f"{a_file / 'sub'}: cannot create the output folder: Not a directory")
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_out_that_is_a_dangling_symlink(runner: CliRunner, tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone", target_is_directory=True)
    assert_refused(
        invoke(runner, *letter_args(POSTING, link)),
        f"{link}: is a symbolic link to a missing folder; create {tmp_path / 'gone'} "
        "or choose another --out",
    )


def _fail_writes(
    monkeypatch: pytest.MonkeyPatch, code: int, *, after: int = 0
) -> Callable[[], list[str]]:
    """Make the (after+1)-th and later fsyncs in tailor.output fail with `code`.

    Returns a function listing the names whose temporary files were created.
    """
    from tailor import output

    real_fsync, real_create = os.fsync, output._create_temp
    calls = {"fsync": 0}
    names: list[str] = []

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        if calls["fsync"] > after:
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    def create_temp(path: Path) -> tuple[int, Path]:
        names.append(path.name)
        return real_create(path)

    monkeypatch.setattr("tailor.output.os.fsync", fsync)
    monkeypatch.setattr("tailor.output._create_temp", create_temp)
    return lambda: names


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_full_or_read_only_disk_on_first_write(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    out = tmp_path / "out"
    names = _fail_writes(monkeypatch, code)
    result = invoke(runner, *letter_args(POSTING, out))
    first = out / FOLDER / names()[0]
    assert_refused(result, f"{first}: cannot write: {message}")
    assert list((out / FOLDER).iterdir()) == []  # no half-written or temporary file


def test_full_disk_mid_run_keeps_the_previous_version(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    before = snapshot(out)
    names = _fail_writes(monkeypatch, errno.ENOSPC, after=1)
    result = invoke(runner, *letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm"))
    failed = out / FOLDER / names()[1]
    assert_refused(result, f"{failed}: cannot write: No space left on device")
    after = snapshot(out)
    assert set(after) == set(before)  # nothing half-written or temporary left behind
    for name, data in after.items():  # each file is the old version or the complete new one
        assert data == before[name] or Path(name).name == names()[0]


def test_rerun_after_a_full_disk_is_not_mistaken_for_an_edit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        _fail_writes(patch, errno.ENOSPC, after=1)
        assert invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")).exit_code == 2
    result = invoke(runner, *letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm"))
    written(result, out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_output_folder(runner: CliRunner, tmp_path: Path) -> None:  # pragma: no cover
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = invoke(runner, *letter_args(POSTING, out))
    finally:
        out.chmod(0o755)
    assert_refused(result, f"{out / FOLDER}: cannot create: Permission denied")


# --------------------------------------------------------------------------- edits are kept


def _first_run(runner: CliRunner, out: Path) -> Path:
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    return out / FOLDER


@pytest.mark.parametrize("name", ["cover-letter.md", "cover-letter.docx", "report.md"])
@pytest.mark.parametrize("state", ["kept", "deleted", "corrupted", "not-a-mapping"])
def test_edited_output_is_never_overwritten_without_force(
    runner: CliRunner, tmp_path: Path, name: str, state: str
) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    edited = folder / name
    edited.write_bytes(b"my careful edits\n")
    if state == "deleted":
        (folder / STATE_FILE).unlink()
    elif state == "corrupted":
        (folder / STATE_FILE).write_bytes(b"{not json\x00")
    elif state == "not-a-mapping":
        (folder / STATE_FILE).write_text("[1, 2, 3]\n", encoding="utf-8")
    before = snapshot(out)
    args = letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm")
    result = invoke(runner, *args)
    if state == "kept":
        assert_refused(result, f"{edited}: {EDITED}")
    else:
        # Without a usable record every differing file counts as the user's.
        assert result.exit_code == 2
        assert f"{edited}" in result.stderr
        assert result.stderr.endswith(f": {EDITED}\n")
    assert snapshot(out) == before  # a refusal writes nothing at all
    paths = written(invoke(runner, *args, "--force"), out)
    assert edited in paths
    assert edited.read_bytes() != b"my careful edits\n"


def test_edits_to_files_not_being_written_are_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    (folder / "cover-letter.docx").write_bytes(b"edited in Word")
    (folder / "notes.txt").write_bytes(b"my notes")
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md", "--force")), out)
    assert (folder / "cover-letter.docx").read_bytes() == b"edited in Word"
    assert (folder / "notes.txt").read_bytes() == b"my notes"


def test_user_file_tailor_never_wrote_is_protected(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / "report.md").write_bytes(b"my own report")
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out"))
    assert_refused(result, f"{folder / 'report.md'}: {EDITED}")
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]
    assert (folder / "report.md").read_bytes() == b"my own report"


def test_edit_identical_to_the_new_output_is_not_a_conflict(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    letter = folder / "cover-letter.md"
    generated = letter.read_bytes()
    letter.write_bytes(b"changed")
    letter.write_bytes(generated)
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    assert letter.read_bytes() == generated
