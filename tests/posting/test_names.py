"""A `--company` the posting never names, beside the employer it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli
from tailor.posting.names import other_employer

ROOT = Path(__file__).resolve().parents[2]
POSTING = "About MyEdSpace\nMyEdSpace is hiring a Maths Tutor.\n\nResponsibilities\n- Teach maths\n"


@pytest.mark.parametrize(
    ("company", "named", "other"),
    [
        ("Pioneers", "MyEdSpace", "MyEdSpace"),  # a recruiter's name on the listing
        ("MyEdSpace", "MyEdSpace", None),
        ("myedspace", "MyEdSpace", None),
        ("MyEdSpace Ltd", "MyEdSpace", None),  # the same employer, more formally
        ("Pioneers", None, None),  # the posting names no one: nothing to compare
        (None, "MyEdSpace", None),
    ],
)
def test_other_employer(company: str | None, named: str | None, other: str | None) -> None:
    assert other_employer(POSTING, company, named) == other


def test_the_letter_command_notes_a_company_the_posting_does_not_name(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    profile = ROOT / "profiles" / "example-teacher.yaml"
    args = ["letter", str(posting), "--profile", str(profile), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, [*args, "--company", "Pioneers"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        'note: --company "Pioneers" is not named in the posting, which names "MyEdSpace"; '
        "the documents use the name you gave"
    )
    letter = (tmp_path / "out" / "pioneers-maths-tutor" / "cover-letter.md").read_text()
    assert "Pioneers" in letter  # the user's word stands
    again = CliRunner().invoke(cli, [*args, "--company", "MyEdSpace", "--force"])
    assert "note:" not in again.stderr
