"""The school subject a teaching post's title names, and whether a profile shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor.matching.subjects import asked_subjects, unheld_subject
from tailor.profile.facts import iter_facts
from tailor.profile.load import load_profile

ROOT = Path(__file__).resolve().parents[2]
TEACHER = [f.text for f in iter_facts(load_profile(ROOT / "profiles" / "example-teacher.yaml"))]


@pytest.mark.parametrize(
    ("title", "subjects"),
    [
        ("Part Time Art Teacher at All Saints Catholic School", ["art"]),
        ("Band Teacher (2025-26 SY)", ["band"]),
        ("Band 6 Teacher", []),  # an NHS grade, not a band
        ("Middle School Computer Science Teacher", ["computer science"]),  # not "science"
        ("Physical Education Teacher", ["physical education"]),  # not "physics"
        ("Teacher - History/Social Studies - Secondary", ["history", "social studies"]),
        ("English as a Second Language Teacher", []),  # an endorsement, not a subject
        ("Music Therapist", []),  # no teaching post
        ("K-5 Teacher", []),
        ("Enrichment Teacher", []),
    ],
)
def test_the_subjects_a_title_names(title: str, subjects: list[str]) -> None:
    assert [s.name for s in asked_subjects(title)] == subjects


@pytest.mark.parametrize(
    ("title", "gap"),
    [
        ("Art Teacher", "art"),
        ("Band Teacher", "band"),
        ("High School Math Teacher", None),  # "math SOL pass rate"
        ("Science Teacher", None),  # "STEM club", "science night"
        ("Spanish Teacher", None),  # the profile lists Spanish
        ("Math/Art Teacher", None),  # one of them is shown
        ("Elementary Teacher", None),
        # "Teach all core subjects": English, mathematics, science and social studies.
        ("Teacher - Social Studies - Middle School", None),
        ("Middle School History Teacher", None),
    ],
)
def test_a_subject_nothing_in_the_profile_shows_is_a_gap(title: str, gap: str | None) -> None:
    assert unheld_subject(title, TEACHER) == gap


def test_an_art_post_caps_the_score_and_the_letter_and_report_say_the_gap(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from tailor.cli.app import cli
    from tailor.matching.align import SUBJECT_CAP

    posting = tmp_path / "art.txt"
    posting.write_text(
        "Art Teacher\nOak Hollow Public Schools\n\nResponsibilities\n"
        "- Plans and delivers instruction to meet individual needs.\n"
        "- Communicates regularly with parents.\n"
        "- Maintains order within the classroom.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        ["letter", str(posting), "--profile", str(ROOT / "profiles" / "example-teacher.yaml"),
         "--format", "md", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Gap: the post teaches art, which your profile does not show" in result.stderr
    letter = next(out.glob("*/cover-letter.md")).read_text(encoding="utf-8")
    assert "I should say plainly that I have not yet taught art." in letter
    report = next(out.glob("*/report.md")).read_text(encoding="utf-8")
    assert "The post teaches art, which your profile does not show" in report
    analysed = runner.invoke(
        cli,
        ["analyze", str(posting), "--profile", str(ROOT / "profiles" / "example-teacher.yaml"),
         "--json"],
    )  # fmt: skip
    import json

    match = json.loads(analysed.stdout)["match"]
    assert match["subject_gap"] == "art"
    assert match["score"] <= SUBJECT_CAP


NURSE = [f.text for f in iter_facts(load_profile(ROOT / "profiles" / "example-nurse.yaml"))]


@pytest.mark.parametrize(
    ("title", "gap"),
    [
        ("Palliative Care Nurse", "palliative care"),  # a blind reader found it unsaid
        ("Band 5 Staff Nurse - Endoscopy", "gastroenterology"),
        ("Bank Theatre Scrub Practitioner", "theatre work"),
        ("Registered Nurse - Cardiac Catheter Suite", "cardiac care"),
        ("Renal Ward Manager", "renal nursing"),  # a ward's manager leads its nurses
        ("Deputy Ward Manager - Ash Villa", None),
        ("Critical Care Staff Nurse", None),  # the NIV bay shows ventilation
        ("Staff Nurse - Respiratory Ward", None),  # no speciality listed, none asked
        ("Staff Nurse", None),
        ("Palliative Care Data Analyst", None),  # not a clinical post
        # Its own speciality, not dermatology: "Wound and pressure-area care" shows it.
        ("Tissue Viability Nurse Specialist", None),
        ("Dermatology Nurse Specialist", "dermatology"),
    ],
)
def test_a_clinical_speciality_nothing_in_the_profile_shows_is_a_gap(
    title: str, gap: str | None
) -> None:
    from tailor.matching.subjects import unheld_specialty

    assert unheld_specialty(title, NURSE) == gap


def test_a_speciality_gap_is_said_in_the_letter_and_the_report_and_caps_nothing(
    tmp_path: Path,
) -> None:
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.matching.report import gap_lines
    from tailor.pipeline import prepare

    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Palliative Care Nurse\nRiverside Hospice\n\nResponsibilities\n"
        "- Deliver holistic nursing care to patients and families.\n"
        "- Escalate deteriorating patients to the medical team.\n",
        encoding="utf-8",
    )
    prepared = prepare(posting, ROOT / "profiles" / "example-nurse.yaml")
    match = prepared.result.match
    assert match.specialty_gap == "palliative care"
    assert match.subject_gap is None
    letter = compose(prepared, DocumentOptions()).context
    assert letter.closing.startswith(  # type: ignore[attr-defined]
        "Palliative care would be new to me, and I would set out to learn it quickly."
    )
    analysis = prepared.analysis.model_copy(update={"match": match})
    assert "- The post is in palliative care, which your profile does not show." in gap_lines(
        analysis
    )


def test_tissue_viability_is_a_speciality_of_its_own() -> None:
    """Named as the title names it, not as dermatology."""
    from tailor.matching.subjects import unheld_specialty

    ward = ["Registered nurse on a respiratory ward", "Medicines rounds"]
    assert unheld_specialty("Tissue Viability Nurse Specialist", ward) == "tissue viability"
