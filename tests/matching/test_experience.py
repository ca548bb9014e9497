"""Experience asks are answered by the roles that show them (`matching.experience`)."""

from __future__ import annotations

import datetime as dt

from tailor.analysis.extract import analyze
from tailor.analysis.models import LineMatch
from tailor.matching.align import match_profile
from tailor.matching.experience import asked_experience, profile_roles, roles_showing
from tailor.posting.read import Posting
from tailor.profile.facts import iter_facts
from tailor.profile.load import parse_profile
from tailor.skills.pipeline import get_nlp
from tailor.skills.taxonomy import load_taxonomy
from tailor.skills.vectors import load_word_vectors

PROFILE = """
basics: {name: Alex Example, label: Pharmacy Technician}
work:
  - name: Northgate Hospital NHS Trust
    position: Pharmacy Technician
    startDate: "2021-04"
    highlights:
      - Took drug histories for about 25 patients a week on the admissions ward.
  - name: High Street Pharmacy
    position: Dispensing Assistant
    startDate: "2018-01"
    endDate: "2021-03"
    highlights:
      - Dispensed prescriptions and served customers at the counter.
  - name: Riverside Primary School
    position: Teaching Assistant
    startDate: "2016-09"
    endDate: "2017-12"
    highlights:
      - Supported reading groups for pupils in year 2.
"""


def _roles():
    return profile_roles(list(iter_facts(parse_profile(PROFILE.encode(), source="p.yaml"))))


def _shown(text: str) -> list[str]:
    domain = asked_experience(text)
    assert domain is not None, text
    return [role.position_ref for _, role in roles_showing(domain, _roles())]


def _lines(posting: str) -> dict[str, LineMatch]:
    """The posting's lines, by text, aligned with the pharmacy technician's profile."""
    analysis = analyze(Posting(source="x", text=posting), nlp=get_nlp(recogniser=False))
    profile = parse_profile(PROFILE.encode(), source="p.yaml")
    match = match_profile(
        profile,
        analysis,
        taxonomy=load_taxonomy(),
        today=dt.date(2026, 12, 1),
        vectors=load_word_vectors(),
    ).match
    return {line.text: line for line in match.lines}


def test_experience_is_read_from_the_clause_that_asks_for_it() -> None:
    assert asked_experience("Recent hospital experience is desirable but we will consider all") == {
        "hospit"
    }
    assert asked_experience("Previous pharmacy experience, good written communication") == {
        "pharmaci"
    }


def test_experience_given_to_others_or_not_asked_is_no_ask() -> None:
    assert asked_experience("Ensure patients have a positive experience of the ward") is None
    assert asked_experience("Dispense medicines accurately") is None


def test_the_roles_whose_words_show_it_are_cited_most_recent_first() -> None:
    assert _shown("Recent hospital experience is desirable") == ["work[0].position"]
    assert _shown("Previous pharmacy experience is essential") == [
        "work[0].position",
        "work[1].position",
    ]
    # A role's title in a derived form: a teaching assistant has teaching experience.
    assert _shown("Some teaching experience would be an advantage") == ["work[2].position"]


def test_a_rare_word_no_role_has_is_not_shown_by_common_ones() -> None:
    # "patients" is in a role, "oncology" in none: the rare word decides.
    assert _shown("Experience of caring for oncology patients") == []
    assert _shown("3 years' experience") == []  # any experience is a matter of years


def test_an_experience_line_cites_the_positions_and_counts_their_years() -> None:
    posting = (
        "Pharmacy Technician\n\nEssential:\n"
        "- Previous pharmacy experience\n"
        "- At least 7 years of pharmacy experience\n"
        "- At least 9 years of pharmacy experience\n"
        "- Experience of chemotherapy aseptic compounding\n"
    )
    lines = _lines(posting)
    previous = lines["Previous pharmacy experience"]
    assert previous.status == "backed"
    assert [e.ref for e in previous.evidence][:2] == ["work[0].position", "work[1].position"]
    years = lines["At least 7 years of pharmacy experience"]
    assert years.status == "backed"  # 8.9 years in the two pharmacy roles, not the school
    # 10.2 years of work in all, but the school is no pharmacy experience:
    assert lines["At least 9 years of pharmacy experience"].status != "backed"
    assert lines["Experience of chemotherapy aseptic compounding"].status == "missing"


def test_years_of_a_field_the_profile_never_writes_are_none() -> None:
    """ "Strong experience in a renal dialysis setting (2 years+)" was backed for a nurse who
    never wrote "renal" or "dialysis", by all her years of work: years of a field are the
    years of roles in it, and a field no fact and no employer writes has none. A generic
    ask ("2-3+ years of overall related experience") still counts all work, and so does a
    field an employer's name shows ("… in a hospital" from "Northgate Hospital NHS Trust")."""
    posting = (
        "Pharmacy Technician\n\nEssential:\n"
        "- Strong experience in a renal dialysis setting (2 years+)\n"
        "- 2-3+ years of overall related experience\n"
        "- A minimum of 3 months' experience in a hospital or hospice environment\n"
        "- Doctorate (Academic)ORMaster's Level Degree with at least 2 years of experience\n"
    )
    lines = _lines(posting)
    assert lines["Strong experience in a renal dialysis setting (2 years+)"].status == "missing"
    assert lines["2-3+ years of overall related experience"].status == "backed"
    hospital = "A minimum of 3 months' experience in a hospital or hospice environment"
    assert lines[hospital].status == "backed"
    assert asked_experience(posting.splitlines()[-1]) == frozenset()  # degrees, not a field


def test_examples_of_the_experience_are_not_all_asked_for() -> None:
    """ "… in a group setting such as daycare, aftercare, or preschool": any one example
    would do, so none of them is part of what a role must show; nor is the children's age."""
    text = (
        "Experience working with children ages 3-6 in a group setting such as daycare, "
        "aftercare, or preschool"
    )
    assert asked_experience(text) == frozenset({"child", "group"})
    assert asked_experience("Experience with NLP, e.g. sentiment analysis") == frozenset({"nlp"})
    profile = parse_profile(
        b"basics: {name: Sam}\n"
        b"work:\n"
        b"  - name: Little Acorns Preschool\n"
        b"    position: Lead Teacher, Pre-K\n"
        b"    highlights: [Led small-group activities for 16 children a day.]\n",
        source="p.yaml",
    )
    roles = profile_roles(list(iter_facts(profile)))
    shown = roles_showing(asked_experience(text) or frozenset(), roles)
    assert [role.position_ref for _, role in shown] == ["work[0].position"]
