from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "postings"
EXAMPLE_PROFILE = ROOT / "profiles" / "example.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from current output."
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shared_postings() -> Path:
    folder = SHARED / "postings"
    if not folder.is_dir():
        pytest.skip("../shared/postings is not present")
    return folder


@pytest.fixture(autouse=True)
def _isolated_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a user's $TAILOR_TEMPLATES."""
    monkeypatch.delenv("TAILOR_TEMPLATES", raising=False)


RUN_DATE_EPOCH = "1796169600"
"""2 December 2026, 00:00 UTC: the date the golden letters carry."""


@pytest.fixture(autouse=True, scope="session")
def _fixed_run_date() -> Iterator[None]:
    """Letters are dated as of one fixed day (`SOURCE_DATE_EPOCH`), so that golden files
    and byte comparisons do not change with the calendar. Session-wide, so that module
    fixtures that write documents (a crash test's clean run) see it too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", RUN_DATE_EPOCH)
        yield
