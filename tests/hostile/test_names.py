"""Hostile company and role names (front matter, options): they stay inside --out and are grounded.

Every case is either a clear `Error: <file>: <where>: <what to do>` line per
problem with exit code 2, or a correct result; never a traceback, a hang, a
write outside `--out`, or a lost edit. Shared helpers: `tests/helpers/hostile.py`.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.hostile import (
    FOLDER,
    POSTING,
    PROFILE,
    assert_one_error_line,
    assert_refused,
    control_characters,
    invoke,
    letter_args,
    snapshot,
    with_front_matter,
    written,
)

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
    assert f"the team at {company}." in letter


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
    assert "the team at Acme Corp." in letter


@pytest.mark.parametrize(
    ("company", "title", "folder", "greeting"),
    [
        pytest.param(
            "Acme\x1b[31m Corp", "Haskell\r\nDeveloper", "acme-31m-corp-haskell-developer",
            "the team at Acme[31m Corp.", id="escape-and-crlf",
        ),
        pytest.param(
            "Initech", "Java\x0bDeveloper", "initech-java-developer",
            "the team at Initech.", id="vertical-tab",
        ),
        pytest.param(
            "Initech\u2028Labs", "Rust Engineer", "initech-labs-rust-engineer",
            "the team at Initech Labs.", id="line-separator",
        ),
        pytest.param(
            "Initech", "R\x00", "initech-r", "the team at Initech.", id="nul",
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
    assert "the team at Lumen Health Analytics." in letter


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
    assert "the team at 🚀🚀." in letter


def test_front_matter_that_is_not_yaml(runner: CliRunner, tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_bytes(with_front_matter("title: [oops\ncompany: !!python/object:os.system {}\n"))
    assert_refused(
        invoke(runner, *letter_args(posting, tmp_path / "out")),
        f"{posting}: line 3: the front matter between '---' lines is not valid YAML",
    )
