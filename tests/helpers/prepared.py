"""A posting written to a test's folder and prepared against an example profile."""

from __future__ import annotations

from pathlib import Path

from tailor.compose.inputs import Prepared
from tailor.pipeline import prepare

PROFILES = Path(__file__).resolve().parents[2] / "profiles"


def prepared_for(folder: Path, text: str, profile: str = "example.yaml") -> Prepared:
    """`text` as `folder`/posting.txt (rewritten on each call), prepared against
    profiles/`profile`."""
    posting = folder / "posting.txt"
    posting.write_text(text, encoding="utf-8")
    return prepare(posting, PROFILES / profile)
