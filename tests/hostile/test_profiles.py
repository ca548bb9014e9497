"""Hostile profiles through the CLI: broken YAML, bad dates, bombs, deep nesting, odd numbers, JSON Resume.

Every case is either a clear `Error: <file>: <where>: <what to do>` line per
problem with exit code 2, or a correct result; never a traceback, a hang, a
write outside `--out`, or a lost edit. Shared helpers: `tests/helpers/hostile.py`.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.hostile import (
    CLI_IN_CHILD,
    POSTING,
    PROFILE,
    YAML_HINT,
    assert_refused,
    errors,
    invoke,
    letter_args,
    run_isolated,
    sparse,
    written,
)
from tailor.profile.load import MAX_PROFILE_BYTES


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
