"""Rendered Markdown for the shipped examples, compared with reviewed golden files.

Run `pytest tests/render/test_markdown_golden.py --update-golden` after an intended change and
read the diff: it is the change a user will see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("nlp-engineer-lumen.txt", "example.yaml"),
    ("data-analyst-northwind.txt", "example.yaml"),
    ("staff-nurse-riverside.txt", "example-nurse.yaml"),
]


@pytest.mark.parametrize(("posting", "profile"), CASES)
@pytest.mark.parametrize("kind", ["letter", "resume", "bullets"])
def test_markdown_matches_golden(
    tmp_path: Path, posting: str, profile: str, kind: str, update_golden: bool
) -> None:
    result = CliRunner().invoke(
        cli,
        [
            kind,
            str(ROOT / "examples/postings" / posting),
            "--profile",
            str(ROOT / "profiles" / profile),
            "--format",
            "md",
            "--out",
            str(tmp_path),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.splitlines()[0]).read_text(encoding="utf-8")
    golden = GOLDEN / f"{Path(posting).stem}.{kind}.md"
    if update_golden:
        golden.write_text(written, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run pytest --update-golden"
    assert written == golden.read_text(encoding="utf-8")
