from __future__ import annotations

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
