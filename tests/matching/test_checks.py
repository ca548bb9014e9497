"""Asks the mapper checks rather than weighs: years, degrees, roles, publications, names."""

from __future__ import annotations

import datetime as dt

from tailor.analysis.extract import analyze
from tailor.analysis.models import LineMatch, Match
from tailor.matching.align import match_profile
from tailor.posting.read import Posting
from tailor.profile.load import parse_profile
from tailor.skills.pipeline import get_nlp
from tailor.skills.taxonomy import load_taxonomy
from tailor.skills.vectors import load_word_vectors

TODAY = dt.date(2026, 12, 1)
POSTING = """Lead Teacher

The Little Oaks Center is hiring an experienced Lead Teacher for our twos room.
Must have at least 2+ years of experience in a childcare facility.
Must be 18 years of age.

Duties
- Plan age-appropriate activities for toddlers
- Read, write and speak English to communicate with families

Preferred Qualifications
Bachelor's or associate's Degree.
Master's preferred
CPR/First Aid Certification.
Published work in early childhood journals.
"""
PROFILE = """
basics: {name: Kim Example, label: "Lead Teacher, Twos Room"}
work:
  - name: Acorn Child Care
    position: Lead Teacher, Twos Classroom
    startDate: "2020-08"
    highlights:
      - Planned weekly sensory and art activities for 10 toddlers.
  - name: Acorn Child Care
    position: Assistant Teacher (infants)
    startDate: "2017-06"
    endDate: "2020-07"
education:
  - institution: Bay College
    studyType: Associate of Applied Science (A.A.S.)
    area: Early Childhood Development
    endDate: "2017-05"
  - institution: State University
    studyType: Bachelor of Science
    area: Early Childhood Education (in progress)
    endDate: "2027-05"
certificates:
  - {name: "Pediatric First Aid, CPR and AED"}
languages:
  - {language: English, fluency: Native}
"""


def _match(profile: str = PROFILE, posting: str = POSTING) -> Match:
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    parsed = parse_profile(profile.encode(), source="p.yaml")
    return match_profile(
        parsed, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    ).match


def _line(match: Match, start: str) -> LineMatch:
    return next(line for line in match.lines if line.text.startswith(start))


def test_years_are_checked_on_any_line_and_cite_the_roles_that_add_up() -> None:
    line = _line(_match(), "Must have at least 2+ years")
    assert line.status == "backed"
    assert line.confidence == 1.0
    assert [e.ref for e in line.evidence][:1] == ["work[0].position"]
    assert "years" in line.evidence[0].why


def test_too_few_years_is_not_backed() -> None:
    short = PROFILE.replace('startDate: "2020-08"', 'startDate: "2026-06"').replace(
        '    startDate: "2017-06"\n    endDate: "2020-07"\n', ""
    )
    assert _line(_match(short), "Must have at least 2+ years").status != "backed"


def test_an_age_is_not_years_of_experience() -> None:
    line = _line(_match(), "Must be 18 years of age")
    assert all("years" not in e.why for e in line.evidence)


def test_a_degree_in_progress_does_not_count_and_a_lower_one_does() -> None:
    match = _match()
    either = _line(match, "Bachelor's or associate's Degree")
    assert either.status == "backed"
    assert either.evidence[0].ref == "education[0].area"  # the A.A.S., completed
    master = _line(match, "Master's preferred")  # a one-line ask under a heading is a line
    assert master.status != "backed"


def test_a_line_asking_for_the_role_cites_the_label_and_positions() -> None:
    line = _line(_match(), "The Little Oaks Center is hiring")
    assert line.status == "backed"
    assert {e.ref for e in line.evidence} & {"basics.label", "work[0].position"}


def test_a_line_that_spells_out_a_language_names_it() -> None:
    line = _line(_match(), "Read, write and speak English")
    assert "languages[0].language" in [e.ref for e in line.evidence]
    assert any("names it" in e.why for e in line.evidence)


def test_published_work_is_backed_only_by_publications() -> None:
    assert _line(_match(), "Published work").status == "missing"
    published = (
        PROFILE + "publications:\n  - {name: Play in the Twos Room, publisher: EC Journal}\n"
    )
    line = _line(_match(published), "Published work")
    assert line.status == "backed"
    assert line.evidence[0].ref == "publications[0].name"


def test_a_line_about_what_the_profile_never_mentions_is_missing() -> None:
    posting = POSTING.replace(
        "- Plan age-appropriate activities for toddlers",
        "- Maintain the Hadoop and HBase clusters that store our records",
    )
    line = _line(_match(posting=posting), "Maintain the Hadoop")
    assert line.status == "missing"
    assert line.evidence == []
    assert line.confidence < 0.5


def test_a_degree_must_be_in_the_field_the_line_names() -> None:
    posting = (
        "Staff Nurse\n\nEssential\n- Degree or diploma in nursing\n"
        "- A Montessori diploma for ages 3-6\n"
    )
    nurse = PROFILE.replace(
        "Associate of Applied Science (A.A.S.)\n    area: Early Childhood Development",
        "BSc (Hons)\n    area: Adult Nursing",
    )
    backed = _line(_match(nurse, posting), "Degree or diploma in nursing")
    assert backed.status == "backed"
    assert backed.evidence[0].ref == "education[0].area"
    other_field = _line(_match(PROFILE, posting), "Degree or diploma in nursing")
    assert other_field.status != "backed"
    montessori = _line(_match(PROFILE, posting), "A Montessori diploma")
    assert all("degree" not in e.why for e in montessori.evidence)


def test_a_higher_degree_or_equivalent_experience_is_partly_backed() -> None:
    posting = "Researcher\n\nRequirements\n- PhD in Education, or equivalent industry experience.\n"
    line = _line(_match(PROFILE, posting), "PhD in Education")
    assert line.status == "partial"
    assert line.evidence[0].ref == "education[0].area"
    strict = _line(
        _match(PROFILE, posting.replace(", or equivalent industry experience", "")), "PhD"
    )
    assert strict.status != "backed"  # the right field at a lower level is at most partial


def test_current_enrolment_is_met_by_a_degree_in_progress_never_by_a_completed_one() -> None:
    """ "Currently pursuing a Bachelor's degree in …" asks for a student: Kim's bachelor's
    in progress meets it; once completed, it does not, and the letter says so."""
    from helpers.gaps import gap_sentence

    posting = (
        "Teaching Intern\n\nRequirements\n"
        "- Currently pursuing a Bachelor's degree in Early Childhood Education\n"
        "- Plan age-appropriate activities for toddlers\n"
    )
    studying = _line(_match(posting=posting), "Currently pursuing")
    assert studying.status == "backed"
    assert studying.evidence[0].ref == "education[1].area"
    graduated = PROFILE.replace('endDate: "2027-05"', 'endDate: "2024-05"').replace(
        " (in progress)", ""
    )
    done = _line(_match(graduated, posting), "Currently pursuing")
    assert done.status == "missing"
    assert (
        gap_sentence([done], frozenset())
        == "I should say plainly that I am not currently a student."
    )


def test_a_language_asked_for_is_backed_by_that_language_not_by_english() -> None:
    posting = POSTING.replace(
        "Master's preferred\n", "Master's preferred\nThe ability to speak Welsh is desirable.\n"
    )
    without = _line(_match(posting=posting), "The ability to speak Welsh")
    assert "languages[0].language" not in [e.ref for e in without.evidence]
    assert without.status != "backed"
    welsh = PROFILE.replace(
        "  - {language: English, fluency: Native}\n",
        "  - {language: English, fluency: Native}\n  - {language: Welsh, fluency: Conversational}\n",
    )
    line = _line(_match(welsh, posting), "The ability to speak Welsh")
    assert line.status == "backed"
    assert [e.ref for e in line.evidence] == ["languages[1].language"]
    assert line.evidence[0].why == "speaks Welsh"
