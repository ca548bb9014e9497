"""The letter's one sentence on the posting's main unmet requirement (`compose.gaps`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.gaps import gap_sentence
from helpers.prepared import prepared_for
from tailor.analysis.models import LineMatch
from tailor.cli.app import cli
from tailor.skills.words import word_set

ROOT = Path(__file__).resolve().parents[2]
NURSE = word_set(
    "NMC registered nurse adult registration acute respiratory medicine ward safeguarding"
    " leading change in clinical settings"
)


def _line(text: str, kind: str, status: str = "missing", importance: str = "required"):
    return LineMatch(
        start=0,
        end=len(text),
        text=text,
        section="requirements",
        importance=importance,
        kind=kind,
        status=status,
        evidence=[],
    )


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        (
            "Registered Nurse (Child) is essential.",
            "licence",
            "I should say plainly that I am not a Registered Nurse (Child).",
        ),
        (
            "Must hold a valid Virginia teaching license",
            "licence",
            "I should say plainly that I do not hold a valid Virginia teaching license.",
        ),
        (
            "Experience of haematology is essential",
            "experience",
            "Haematology would be new to me, and I would set out to learn it quickly.",
        ),
        (
            # The field, not the place it is in: a profile that writes "Clinical Settings"
            # still has no renal dialysis.
            "Strong experience in a renal dialysis setting (2 years+)",
            "experience",
            "Renal dialysis would be new to me, and I would set out to learn it quickly.",
        ),
        (
            # "within the … field": a blind reader found an HVAC instructor's letter from a
            # teacher that never said the trade was new.
            "Significant work experience within the HVAC field.",
            "experience",
            "HVAC would be new to me, and I would set out to learn it quickly.",
        ),
    ],
)
def test_a_clear_required_gap_is_said_in_the_postings_words(
    text: str, kind: str, said: str
) -> None:
    assert gap_sentence([_line(text, kind)], NURSE) == said


@pytest.mark.parametrize(
    "line",
    [
        _line("Experience with ggplot2, D3, Tableau or PowerBI", "experience"),  # alternatives
        _line("NMC registration as an adult nurse", "licence"),  # its words are the profile's
        _line("Experience of haematology", "experience", importance="preferred"),
        _line("Experience of haematology", "experience", status="partial"),
        _line("Willingness to obtain a paediatric life support certificate", "licence"),
        _line("Experience of acute medicine", "experience"),  # the profile writes it
    ],
)
def test_no_gap_is_said_when_the_absence_is_not_clear(line: LineMatch) -> None:
    assert gap_sentence([line], NURSE) is None


def test_the_letter_states_the_gap_and_passes_the_grounding_guard(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "School Nurse\nRiverside School District\n\nEssential criteria\n"
        "- Experience of caring for acutely unwell patients\n"
        "- A valid Virginia teaching license is essential\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "letter",
            str(posting),
            "--profile",
            str(ROOT / "profiles" / "example-nurse.yaml"),
            "--format",
            "md",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    letter = next(out.rglob("cover-letter.md")).read_text(encoding="utf-8")
    said = "I should say plainly that I do not hold a valid Virginia teaching license."
    assert said in letter


def test_one_of_several_alternatives_is_no_gap() -> None:
    posting = (
        "To be eligible you must have completed one of the following:\n"
        "Completed a teacher preparation program\n"
        "Hold a valid out-of-state teaching license\n"
    )
    start = posting.index("Hold")
    line = _line("Hold a valid out-of-state teaching license", "licence").model_copy(
        update={"start": start, "end": len(posting) - 1}
    )
    assert gap_sentence([line], NURSE, posting) is None
    assert gap_sentence([line], NURSE, "Requirements:\n" + " " * start) is not None


def test_a_phrase_the_profile_partly_writes_is_no_gap() -> None:
    """ "Presenting … data would be new to me" to someone who presented results on data:
    only a word of the phrase is missing, not the experience."""
    line = _line("Experience in presenting qualitative and quantitative data", "experience")
    assert gap_sentence([line], word_set("Published two papers; built data pipelines")) is None


def test_a_registration_as_another_role_is_a_gap_even_when_partly_backed() -> None:
    """A pharmacy technician registered with the GPhC shares words with "registered as a
    pharmacist with the General Pharmaceutical Council", so the mapper finds it partly
    backed; the credentials name no pharmacist, so the letter says so."""
    line = _line(
        "Applicants must be registered as a pharmacist with the General Pharmaceutical Council.",
        "licence",
        status="partial",
    )
    technician = word_set("GPhC Registered Pharmacy Technician Accredited Checking")
    words = technician | word_set("pharmacist general pharmaceutical council")
    said = gap_sentence([line], words, credential_words=technician)
    assert said == (
        "I should say plainly that I am not registered as a pharmacist with the "
        "General Pharmaceutical Council."
    )
    pharmacist = technician | word_set("Registered Pharmacist")
    assert gap_sentence([line], words, credential_words=pharmacist) is None


def test_a_must_under_a_perks_heading_is_still_an_ask() -> None:
    from tailor.analysis.lines import requirement_lines

    text = (
        "Stroke Pharmacist\n\nYou will lead practice research in stroke.\n\nWhy join us?\n\n"
        "We have a friendly, welcoming and supportive workforce.\n\n"
        "Applicants must be registered as a pharmacist with the General Pharmaceutical Council.\n"
    )
    lines = requirement_lines(text)
    assert [line.text for line in lines][-1].startswith("Applicants must be registered")
    assert (lines[-1].importance, lines[-1].kind) == ("required", "licence")
    assert not any("friendly" in line.text for line in lines)


def test_a_required_degree_above_the_applicants_highest_is_said_plainly(tmp_path: Path) -> None:
    """ "MUST have Ph.D. degree with computer science or related majors." for a master's
    graduate: the letter says so, naming the degree held; a posting that allows another
    route ("or a Master's and 3 years of experience") gets no such sentence."""
    from tailor.compose.gaps import degree_gap

    prepared = prepared_for(
        tmp_path,
        "Research Scientist\nAcme AI\n\nRequirements\n"
        "- MUST have Ph.D. degree with computer science or related majors.\n"
        "- Experience with PyTorch\n",
    )
    said = degree_gap(
        prepared.result.match.requirements, prepared.result.match.lines, prepared.profile
    )
    assert said == (
        "I should say plainly that I do not hold a doctorate; my highest degree is a Master "
        "of Science in Computer Science."
    )
    other_route = prepared_for(
        tmp_path,
        "Research Scientist\nAcme AI\n\nRequirements\n"
        "- Ph.D. in computer science, or a Master's degree and 3 years of experience.\n",
    )
    match = other_route.result.match
    assert degree_gap(match.requirements, match.lines, other_route.profile) is None
    # Routes as bullets, each ending "OR" (a blind reader saw a doctorate confessed that
    # "a Master's degree and ten years" would have replaced).
    routes = prepared_for(
        tmp_path,
        "Research Scientist\nAcme AI\n\nRequirements\n"
        "- Doctorate (PhD) in approved field AND a minimum of eight (8) years of experience; OR\n"
        "- Master's degree in approved field AND a minimum of ten (10) years of experience\n",
    )
    match = routes.result.match
    assert degree_gap(match.requirements, match.lines, routes.profile) is None


TEACHER = word_set(
    "Virginia Postgraduate Professional License, Elementary Education PreK-6 "
    "Fifth Grade Teacher and Grade-Level Team Lead M.Ed. Reading"
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Must hold or be eligible for a Virginia teaching license with an endorsement in ESL.",
            "I should say plainly that I do not hold an endorsement in ESL.",
        ),
        (
            "Certified to teach in Pennsylvania with Special Education Certification",
            "I should say plainly that I do not hold a Special Education Certification.",
        ),
        (
            # The field in lower case, behind the words that make it "whichever applies".
            (
                "Must hold or be eligible for a Virginia teaching license with an endorsement "
                "in applicable exceptional education area."
            ),
            "I should say plainly that I do not hold an endorsement in exceptional education.",
        ),
        ("A teaching license with an endorsement in the appropriate content area", None),
        (
            # The field runs on past "as" (a blind reader saw "an endorsement in English").
            (
                "Must hold a valid teaching license with an endorsement in English as a Second "
                "Language, with three to five years of successful teaching experience."
            ),
            (
                "I should say plainly that I do not hold an endorsement in English as a "
                "Second Language."
            ),
        ),
        (
            "Endorsement in Math as required",
            "I should say plainly that I do not hold an endorsement in Math.",
        ),
        ("Valid Virginia teaching license with an endorsement in Elementary Education", None),
        ("Special Education or Reading Certification", None),  # one of several
        ("Teaching license with endorsement in at least one of the areas of disability", None),
        ("CDA Certification (required if no related degree)", None),
        ("Attends MANDT Certification Training.", None),  # a duty, not a credential
    ],
)
def test_an_endorsement_in_a_field_no_credential_names_is_a_gap(
    text: str, said: str | None
) -> None:
    """The licence is held, so the mapper finds the line partly backed; the field of the
    endorsement is in none of the credentials (though "special education" is in a
    bullet), so the letter says so."""
    words = TEACHER | word_set("co-plan with the special education and EL teachers")
    for status in ("partial", "backed"):  # the licence may back the line, not the field
        line = _line(text, "licence", status=status)
        assert gap_sentence([line], words, credential_words=TEACHER) == said
    preferred = _line(text, "licence", status="partial", importance="preferred")
    assert gap_sentence([preferred], words, credential_words=TEACHER) is None


def test_a_required_credential_gap_comes_before_the_subject_and_the_subject_before_experience() -> (
    None
):
    """A blind reader preferred the letter that named the missing Pennsylvania certificate
    to the one that named the subject: a credential closes a post first."""
    licence = _line("A valid Pennsylvania teaching certificate", "licence")
    experience = _line("Experience of haematology", "experience")
    words = frozenset({"teacher"})
    assert gap_sentence([licence, experience], words, subject="art") == (
        "I should say plainly that I do not hold a valid Pennsylvania teaching certificate."
    )
    assert gap_sentence([experience], words, subject="art") == (
        "I should say plainly that I have not yet taught art."
    )
    assert gap_sentence([experience], words) == (
        "Haematology would be new to me, and I would set out to learn it quickly."
    )


def test_a_credential_is_named_without_what_the_line_asks_beside_it() -> None:
    """A blind reader saw the preferred "HVAC Master Certification" named as the gap while
    the required journeyman's licence went unsaid: its line goes on "with demonstrated
    competency in teaching field", and was read as no credential's name."""
    line = _line(
        "Journeyman’s license in HVAC with demonstrated competency in teaching field.", "licence"
    )
    assert gap_sentence([line], frozenset({"teach", "field"})) == (
        "I should say plainly that I do not hold a Journeyman’s license in HVAC."
    )


def test_a_state_teaching_licence_by_another_name_is_no_gap() -> None:
    """ "State teacher certification expected" is met by the applicant's Virginia licence:
    a blind reader found it announced as a gap that the letter's opening contradicted."""
    line = _line("State teacher certification expected", "licence")
    assert gap_sentence([line], TEACHER, credential_words=TEACHER) is None
    other_state = _line("A valid Pennsylvania teaching certificate", "licence")
    assert gap_sentence([other_state], TEACHER, credential_words=TEACHER) == (
        "I should say plainly that I do not hold a valid Pennsylvania teaching certificate."
    )
