"""Which certificate or degree answers a required licence or qualification line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.matches import line_match
from helpers.prepared import prepared_for
from tailor.analysis.models import LineMatch
from tailor.matching.credentials import (
    credential_refs,
    profession_asked,
    required_credential,
    unheld_profession,
    unheld_registration,
)
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

    prepared = prepared_for(
        tmp_path,
        "Staff Nurse\nAcme Mental Health NHS Trust\n\nEssential criteria:\n"
        "- Experienced Registered Mental Health Nurse (RMN) with a current Pin Number "
        "and at least 2 years' post qualification experience on an acute ward\n",
        "example-nurse.yaml",
    )
    [line] = [m for m in prepared.result.match.lines if "RMN" in m.text]
    assert line.kind == "licence"
    assert line.status == "partial"
    letter = compose(prepared, DocumentOptions()).context
    assert letter.gap == (  # type: ignore[attr-defined]
        "I should say plainly that I am not a Registered Mental Health Nurse."
    )


TEACHER = word_set("Fifth Grade Teacher Virginia Collegiate Professional License M.Ed.")


@pytest.mark.parametrize(
    ("title", "held", "unheld"),
    [
        ("Senior Stroke Occupational Therapy", ADULT_NURSE, "occupational therapist"),
        ("Core Midwife - Iffley Ward", ADULT_NURSE, "midwife"),
        ("Band 6 Rotational Physiotherapist", ADULT_NURSE, "physiotherapist"),
        ("Spanish Teacher", ADULT_NURSE, "teacher"),
        ("Staff Nurse - Women's Health", TEACHER, "nurse"),
        ("Staff Nurse (Band 5), Ward 14", ADULT_NURSE, None),
        ("Scrub ODP/Nurse Orthopaedics", ADULT_NURSE, None),  # one alternative is held
        ("Operating Department Practitioner - Scrub (RGN)", ADULT_NURSE, None),
        ("Nursery Nurse", TEACHER, None),  # childcare, not a registered nurse
        ("Trainee Radiographer", ADULT_NURSE, None),  # the post trains into it
        ("Occupational Therapy Assistant", ADULT_NURSE, None),
        ("Registered Nurse to Nursing Associate", TEACHER, None),
        ("Ward Manager", TEACHER, None),  # no profession named
        ("Machine Learning Engineer", ADULT_NURSE, None),
        (None, ADULT_NURSE, None),
        # A doctor's post (a blind reader saw a pharmacy technician's letter for a surgical
        # fellowship say nothing of it), advanced practice, and posts beside a profession.
        ("Senior Fellow in Young Adult Hip Surgery", ADULT_NURSE, "doctor"),
        ("Specialty Doctor - Urgent Care Centre", ADULT_NURSE, "doctor"),
        ("Consultant Psychiatrist", ADULT_NURSE, "doctor"),
        ("Consultant General Adult Inpatient Psychiatry", ADULT_NURSE, "doctor"),
        ("Nurse Consultant - Critical Care", ADULT_NURSE, None),
        ("Management Consultant", ADULT_NURSE, None),
        ("Advanced Nurse Practitioner", ADULT_NURSE, "advanced nurse practitioner"),
        ("Trainee Advanced Nurse Practitioner", ADULT_NURSE, None),
        ("Research Fellow in Medicine", ADULT_NURSE, None),
        ("Teaching Fellow in Medical Education", ADULT_NURSE, None),
        ("GP Receptionist", ADULT_NURSE, None),
        ("Physician Liaison", ADULT_NURSE, None),
        ("Nurse Recruiter", TEACHER, None),
        # The other statutory registers: a blind reader saw an adult nurse apply to an
        # audiologist's post without a word about it.
        ("Senior Audiologist", ADULT_NURSE, "audiologist"),
        (
            "Specialist Biomedical Scientist/Biomedical Scientist",
            ADULT_NURSE,
            "biomedical scientist",
        ),
        ("Optometrist", TEACHER, "optometrist"),
        ("Dental Hygienist", ADULT_NURSE, "dental hygienist"),
        ("Audiology Assistant", ADULT_NURSE, None),
        ("Team Leader District Nursing", word_set("Pharmacy Technician"), "nurse"),
        # A blind reader saw a pharmacy technician's letter for it say nothing of the GMC.
        ("Specialty Grade Doctor - Haematology", word_set("Pharmacy Technician"), "doctor"),
        ("Doctor of Nursing Practice Faculty", ADULT_NURSE, None),
        ("Team Leader District Nursing", ADULT_NURSE, None),
        ("Junior Sister", TEACHER, "nurse"),  # a blind reader: "never says she isn't a nurse"
        ("Junior Sister", ADULT_NURSE, None),
        ("District Nursing Assistant", TEACHER, None),
        ("Teacher - Veterinary Science - Monacan HS", TEACHER, None),
    ],
)
def test_a_title_in_a_regulated_profession_the_applicant_is_not_in_is_a_gap(
    title: str | None, held: frozenset[str], unheld: str | None
) -> None:
    assert unheld_profession(title, held) == unheld


def test_a_post_in_another_profession_is_capped_reported_and_said_plainly(
    tmp_path: Path,
) -> None:
    """An adult nurse's appraisals and IT skills resemble the lines of a stroke occupational
    therapist's post, which scored 62: the post is closed to a nurse, so the score is
    capped, and report.md and the letter say why."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.matching.align import PROFESSION_CAP
    from tailor.matching.report import credential_gaps, report_markdown, score_lines
    from tailor.matching.report_html import report_html

    body = (
        "\nNorthamptonshire Healthcare NHS Foundation Trust\n\nJob summary\n"
        "- You would be involved with staff development by carrying out appraisals and "
        "supervision.\n"
        "- Good literacy and IT skills are essential as the ward keeps electronic records.\n"
    )
    prepared = prepared_for(
        tmp_path, "Senior Stroke Occupational Therapist" + body, "example-nurse.yaml"
    )
    match = prepared.result.match
    assert match.profession_gap == "occupational therapist"
    assert match.score <= PROFESSION_CAP
    assert "The role is for a qualified occupational therapist" in report_markdown(
        prepared.analysis.model_copy(update={"match": match})
    )
    assert credential_gaps(match)[0].startswith("Gap: the role is for a qualified occupational")
    assert score_lines(match)[-1] == (
        f"score = {match.score}: capped, the role is for a qualified occupational therapist"
    )
    html = report_html(prepared.analysis.model_copy(update={"match": match}), version="test")
    assert "but the role is for a qualified occupational therapist" in html
    letter = compose(prepared, DocumentOptions()).context
    assert letter.gap == (  # type: ignore[attr-defined]
        "I should say plainly that I am not a qualified occupational therapist."
    )
    # Said where the letter says who the applicant is, not left to the closing (blind
    # readers marked an essential gap in the last paragraph as papered over).
    assert letter.paragraphs[0].endswith(letter.gap)  # type: ignore[attr-defined]
    assert letter.gap not in letter.closing  # type: ignore[attr-defined]
    # The same lines for a nurse's post: no cap, no gap.
    nurse = prepared_for(tmp_path, "Senior Staff Nurse" + body, "example-nurse.yaml").result.match
    assert nurse.profession_gap is None
    assert nurse.score > PROFESSION_CAP


@pytest.mark.parametrize(
    ("title", "uk", "gap"),
    [
        ("Community Mental Health Nurse, Band 6", True, "mental health nurse"),
        ("RMN/RNLD Staff Nurse", True, "mental health nurse"),
        ("Community Learning Disability Nurse", True, "learning disability nurse"),
        ("Staff Nurse - Mental Health Ward (RMN or RGN)", True, None),  # RGN will do
        ("Staff Nurse", True, None),
        ("Psychiatric Mental Health Nurse", False, None),  # any RN, outside the UK register
    ],
)
def test_a_field_of_the_uk_nursing_register_is_a_profession_an_adult_nurse_lacks(
    title: str, uk: bool, gap: str | None
) -> None:
    adult = word_set("NMC Registered Nurse – Adult (RN1) BSc (Hons) in Adult Nursing Staff Nurse")
    assert unheld_profession(title, adult, register_fields=uk) == gap
    mental_health = adult | word_set("Registered Mental Health Nurse Learning Disability")
    assert unheld_profession(title, mental_health, register_fields=uk) is None


@pytest.mark.parametrize(
    ("title", "posting", "held", "unheld"),
    [
        # The title names no profession; the ad's opening question does (dev set).
        (
            "Inpatient Therapy Team Lead",
            "Are you an experienced AHP ready to take on a new challenge of leading teams?",
            ADULT_NURSE,
            "allied health professional",
        ),
        (
            "Inpatient Therapy Team Lead",
            "Are you an experienced AHP ready to take on a new challenge of leading teams?",
            word_set("HCPC registered Occupational Therapist"),
            None,
        ),
        ("Ward Manager", "Are you an inspiring and independent leader?", ADULT_NURSE, None),
        # The title, when it names one, is what the post asks.
        ("Staff Nurse", "Are you an experienced Occupational Therapist?", ADULT_NURSE, None),
    ],
)
def test_the_opening_question_names_the_profession_a_title_leaves_out(
    title: str, posting: str, held: frozenset[str], unheld: str | None
) -> None:
    assert unheld_profession(profession_asked(title, posting), held) == unheld
