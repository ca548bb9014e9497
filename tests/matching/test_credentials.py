"""Which certificate or degree answers a required licence or qualification line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.matches import line_match
from tailor.analysis.models import LineMatch
from tailor.matching.credentials import credential_refs, required_credential, unheld_registration
from tailor.skills.words import word_set

ROOT = Path(__file__).resolve().parents[2]


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


ADULT_NURSE = word_set(
    "NMC Registered Nurse – Adult (RN1) BSc (Hons) Adult Nursing Senior Staff Nurse (Band 6)"
)


@pytest.mark.parametrize(
    ("text", "unheld"),
    [
        (
            "Registered Mental Health or Learning Disability Nurse looking to progress",
            "Registered Mental Health or Learning Disability Nurse",
        ),
        (
            "Experienced Registered Mental Health Nurse (RMN) with a current Pin Number",
            "Registered Mental Health Nurse",
        ),
        ("Registered Nurse (Child) is essential.", "Registered Nurse (Child)"),
        ("Registered Nurse (Adult or Child)", None),  # one field is held
        ("Registered Adult Nurse", None),
        (
            "We want Registered Mental Health Nurses, but you can be a Registered General Nurse",
            None,
        ),
        ("Experience as a Registered Nurse (RMN / RNLD / RGN)", None),  # RGN: any nurse
        ("Registered Mental Health Midwife", None),  # another profession: not this gap
        ("Current NMC registration is essential", None),
        ("Registered Nurse - Currently licensed as a registered professional nurse", None),
    ],
)
def test_a_registration_in_another_field_of_practice_is_not_held(
    text: str, unheld: str | None
) -> None:
    assert unheld_registration(text, ADULT_NURSE) == unheld


def test_the_mapper_reads_another_field_of_practice_as_partly_backed(tmp_path: Path) -> None:
    """However long the line, an adult nurse's registration partly backs a mental health
    nurse's: the same register, another field. The letter then says so."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.pipeline import prepare

    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Staff Nurse\nAcme Mental Health NHS Trust\n\nEssential criteria:\n"
        "- Experienced Registered Mental Health Nurse (RMN) with a current Pin Number "
        "and at least 2 years' post qualification experience on an acute ward\n",
        encoding="utf-8",
    )
    prepared = prepare(posting, ROOT / "profiles" / "example-nurse.yaml")
    [line] = [m for m in prepared.result.match.lines if "RMN" in m.text]
    assert line.kind == "licence"
    assert line.status == "partial"
    letter = compose(prepared, DocumentOptions()).context
    assert letter.gap == (  # type: ignore[attr-defined]
        "I should say plainly that I am not yet a Registered Mental Health Nurse."
    )
