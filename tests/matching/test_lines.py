"""The mapper: each requirement line with the facts that back it, and a score that follows."""

from __future__ import annotations

import datetime as dt

import pytest

from tailor.analysis.extract import analyze
from tailor.matching.align import match_profile
from tailor.posting.read import Posting
from tailor.profile.load import parse_profile
from tailor.skills.pipeline import get_nlp
from tailor.skills.taxonomy import load_taxonomy
from tailor.skills.vectors import load_word_vectors

TODAY = dt.date(2026, 11, 1)
POSTING = """Ward Sister

Responsibilities:
- Lead the nursing team on a 28-bed respiratory ward
- Mentor student nurses and new starters
- Manage the ward's rota and budget

Essential:
- NMC registration as an adult nurse
- Experience of non-invasive ventilation (NIV)
- Passionate about patient care
- Willing to work shifts, including weekends

Desirable:
- Experience in oncology
"""
PROFILE = """
basics: {name: Sam Example, label: Senior Staff Nurse}
work:
  - name: City Hospital
    position: Senior Staff Nurse, Respiratory Ward
    startDate: "2018-03"
    highlights:
      - Led a team of 12 nurses as nurse in charge on a 28-bed respiratory ward.
      - Mentored 9 student nurses as a practice assessor.
      - Set up and managed non-invasive ventilation (NIV) for patients with COPD.
certificates:
  - {name: NMC registration (Adult nursing)}
"""


def _match(profile: str = PROFILE):
    analysis = analyze(Posting(source="x", text=POSTING), nlp=get_nlp(recogniser=False))
    parsed = parse_profile(profile.encode(), source="p.yaml")
    return match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match


def _line(match, start: str):
    return next(line for line in match.lines if line.text.startswith(start))


def test_backed_lines_cite_the_facts_that_back_them_and_say_why() -> None:
    match = _match()
    lead = _line(match, "Lead the nursing team")
    assert lead.status == "backed"
    assert lead.evidence[0].ref == "work[0].highlights[0]"
    assert "ward" in lead.evidence[0].why
    mentor = _line(match, "Mentor student nurses")
    assert mentor.status in ("backed", "partial")
    assert mentor.evidence[0].ref == "work[0].highlights[1]"
    assert _line(match, "Experience of non-invasive").evidence[0].ref == "work[0].highlights[2]"


def test_true_gaps_stay_gaps_and_traits_and_conditions_are_not_scored() -> None:
    match = _match()
    assert _line(match, "Experience in oncology").status == "missing"
    assert _line(match, "Experience in oncology").evidence == []
    assert _line(match, "Passionate").status == "not-scored"
    assert _line(match, "Willing to work shifts").status == "not-scored"


def test_score_tracks_fit() -> None:
    weaker = PROFILE.replace(
        "      - Set up and managed non-invasive ventilation (NIV) for patients with COPD.\n", ""
    ).replace("      - Mentored 9 student nurses as a practice assessor.\n", "")
    assert 0 < _match(weaker).score < _match().score < 100
    assert _match().score == _match().score


def test_years_are_unknown_not_zero_without_dated_roles() -> None:
    undated = """
basics: {name: Sam Example}
work:
  - name: City Hospital
    position: Staff Nurse
    highlights: [Cared for patients on a respiratory ward.]
"""
    posting = "Requirements:\n- 3+ years of experience as a staff nurse\n"
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    parsed = parse_profile(undated.encode(), source="p.yaml")
    match = match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match
    (years,) = match.requirements
    assert (years.have, years.status, years.have_text) == (None, "unknown", "unknown")
    assert match.lines[0].status in ("partial", "missing")


def test_an_empty_profile_backs_nothing_and_does_not_crash() -> None:
    match = _match("basics: {name: Sam Example}\n")
    assert {line.status for line in match.lines} <= {"missing", "not-scored"}
    assert match.score == 0


def test_a_qualification_line_is_checked_against_the_highest_degree() -> None:
    posting = "Requirements:\n- Master's degree in nursing preferred\n- BSc in nursing\n"
    with_bsc = PROFILE + "education:\n  - {institution: Leeds, studyType: BSc, area: Nursing}\n"
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    parsed = parse_profile(with_bsc.encode(), source="p.yaml")
    match = match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match
    master, bachelor = match.lines
    assert master.status != "backed"  # the words are there, the degree is not
    assert bachelor.status == "backed"
    assert bachelor.evidence[0].ref == "education[0].area"


def test_an_opportunity_for_the_role_is_an_ask_for_the_role() -> None:
    posting = (
        "Staff Nurse\n\nAn exciting opportunity has arisen for an enthusiastic, highly "
        "motivated Senior Staff Nurse to work on our respiratory ward.\n"
    )
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    parsed = parse_profile(PROFILE.encode(), source="p.yaml")
    match = match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match
    line = _line(match, "An exciting opportunity")
    assert line.status == "backed"
    assert {e.ref for e in line.evidence} & {"basics.label", "work[0].position"}


def test_a_licence_no_single_credential_names_is_only_partly_backed() -> None:
    posting = (
        "Staff Nurse\n\nEssential:\n- Registered Nurse (Child)\n"
        "- NMC registration as an adult nurse\n"
    )
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    profile = PROFILE.replace(
        "  - {name: NMC registration (Adult nursing)}",
        "  - {name: NMC registration (Adult nursing)}\n  - {name: Safeguarding Children Level 3}",
    )
    parsed = parse_profile(profile.encode(), source="p.yaml")
    match = match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match
    # "child" is in a safeguarding course and "registered nurse" in the registration, but no
    # one credential is a children's nurse registration.
    assert _line(match, "Registered Nurse (Child)").status != "backed"
    assert _line(match, "NMC registration as an adult nurse").status == "backed"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Currently pursuing a BS or MS in computer science", True),
        # A blind reader read "I do not hold a doctorate" for a line asking to be studying.
        ("Current PhD candidate", True),
        ("PhD student in Computer Science or a related field", True),
        ("Experience supervising PhD students", False),
        ("PhD in Computer Science", False),
        # A blind reader saw an MSc holder apply to a students' internship unremarked.
        ("Pursuing a bachelor\u2019s Degree in any engineering field or Computer Science", True),
        ("Pursuing excellence in patient care", False),
        ("Pursuing a career in nursing", False),
    ],
)
def test_a_line_asking_for_a_student(text: str, asked: bool) -> None:
    from tailor.matching.lines import asks_enrolment

    assert asks_enrolment(text) is asked
