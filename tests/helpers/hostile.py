"""What the hostile-input tests share: the example posting, exact-error asserts, child runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tailor.cli.app import cli
from tailor.posting.read import MAX_POSTING_BYTES

ROOT = Path(__file__).resolve().parents[2]
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

    Standard error may hold only the résumé's note of what it left out to fit its pages,
    the notes of required credentials the profile does not show and the note of a
    `--company` the posting does not name.
    """
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    notes = result.stderr.splitlines()
    known = (
        r"Left out .+ to fit .+\.",
        r"Gap: the posting requires “.+”, which your profile .+\.",
        (
            r'note: --company ".+" is not named in the posting, which names ".+"; the documents '
            r"use the name you gave"
        ),
    )
    assert all(any(re.fullmatch(k, line) for k in known) for line in notes), result.stderr
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
from tailor.cli.app import cli

def run(args):
    result = CliRunner().invoke(cli, args)
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = type(result.exception).__name__
    return {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
            "crash": crash}
"""
