"""The gap sentence a letter would say, for tests that check the choice and the words
together (`compose.gaps.main_gap`, then `compose.gaps.say` in the formal tone)."""

from __future__ import annotations

from collections.abc import Sequence

from tailor.analysis.models import LineMatch
from tailor.compose.gaps import main_gap, say


def gap_sentence(
    lines: Sequence[LineMatch],
    profile_words: frozenset[str],
    posting: str = "",
    *,
    credential_words: frozenset[str] | None = None,
    subject: str | None = None,
) -> str | None:
    found = main_gap(
        lines, profile_words, posting, credential_words=credential_words, subject=subject
    )
    return say(found) if found else None
