"""A match in one row: what `tailor rank` shows for each posting.

The score, how many of the posting's required lines the profile backs, and its worst
gaps in the posting's own words: enough to decide which postings to apply to first.
"""

from __future__ import annotations

from dataclasses import dataclass

from tailor.analysis.models import Match
from tailor.matching.report import shorten


@dataclass(frozen=True)
class FitSummary:
    score: int
    required_backed: int
    """Required lines the profile backs (partly backed ones count half, rounded down)."""
    required: int
    gaps: list[str]
    """The required lines nothing backs, then the preferred ones, shortened."""


def fit_summary(match: Match, gaps: int = 2) -> FitSummary:
    required = [
        line
        for line in match.lines
        if line.importance == "required" and line.status != "not-scored"
    ]
    backed = sum(
        1.0 if line.status == "backed" else 0.5 if line.status == "partial" else 0.0
        for line in required
    )
    missing = [
        shorten(line.text, 80)
        for importance in ("required", "preferred")
        for line in match.lines
        if line.status == "missing" and line.importance == importance
    ]
    return FitSummary(match.score, int(backed), len(required), missing[:gaps])
