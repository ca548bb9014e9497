"""Which certificate or degree answers a required licence or qualification line."""

from __future__ import annotations

from helpers.matches import line_match
from tailor.analysis.models import LineMatch
from tailor.matching.credentials import credential_refs, required_credential


def _line(**update: object) -> LineMatch:
    text = "Current NMC registration is essential"
    return line_match(text, **{"kind": "licence", "status": "partial", **update})


def test_the_cited_credential_comes_first_then_what_the_mapper_weighs() -> None:
    line = _line(
        support={"certificates[2].name": 0.4, "work[0].highlights[1]": 0.9, "education[0]": 0.6}
    )
    assert required_credential(line)
    assert credential_refs(line) == [("education", 0), ("certificates", 2)]


def test_a_preferred_or_unbacked_line_asks_for_no_credential() -> None:
    assert not required_credential(_line(importance="preferred"))
    assert not required_credential(_line(status="missing"))
    assert not required_credential(_line(kind="duty"))
