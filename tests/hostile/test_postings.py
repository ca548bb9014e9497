"""Hostile posting files through the CLI: empty, binary, huge, odd encodings, very long lines.

Every case is either a clear `Error: <file>: <where>: <what to do>` line per
problem with exit code 2, or a correct result; never a traceback, a hang, a
write outside `--out`, or a lost edit. Shared helpers: `tests/helpers/hostile.py`.
"""

from __future__ import annotations

import codecs
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.hostile import (
    BINARY,
    CLI_IN_CHILD,
    EMPTY,
    LIMIT,
    PROFILE,
    SHORT_POSTING,
    analysis,
    assert_refused,
    errors,
    invoke,
    letter_args,
    run_isolated,
    sparse,
    written,
)
from tailor.posting.read import MAX_POSTING_BYTES


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
            "/dev/zero: cannot read: a device, not a regular file; save it to a file and name that"
        ),
        "crash": None,
    }


LATIN = "Software Engineer\nCafé Müller GmbH — Zürich\n\nRequirements:\n- 3+ years of Python\n"
LATIN = LATIN.replace("—", "-")
WINDOWS = "Data Analyst\nNorthwind Traders — Seattle, WA\n\n“Must have” SQL – 2+ years; €40k.\n"


@pytest.mark.model
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


@pytest.mark.model
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


@pytest.mark.model
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
    assert "Dear Hiring Manager:" in letter
    assert "I am writing to apply for this role." in letter
