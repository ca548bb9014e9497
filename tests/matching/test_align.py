from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tailor.analysis.extract import analyze
from tailor.checks.grounding import profile_grounds, violations
from tailor.compose.phrasing import first_person, word_count
from tailor.compose.wording import builtin_voices
from tailor.matching.align import degree_level, match_profile
from tailor.posting.read import Posting
from tailor.profile.facts import merged_years
from tailor.profile.load import parse_profile
from tailor.render.context import LetterContext
from tailor.skills.taxonomy import load_taxonomy
from tailor.skills.vectors import load_word_vectors

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 1)


def run_match(profile_yaml: str, posting: str):
    profile = parse_profile(profile_yaml.encode(), source="p.yaml")
    analysis = analyze(Posting(source="x", text=posting))
    result = match_profile(
        profile, analysis, taxonomy=load_taxonomy(), today=TODAY, vectors=load_word_vectors()
    )
    return profile, analysis, result


PROFILE = """
basics: {name: Ada Example, label: Data Engineer}
work:
  - name: Initech
    position: Data Engineer
    startDate: "2019-01"
    highlights:
      - Built Python pipelines that cut costs by 30%.
      - Organised the office party.
  - name: Globex
    position: Analyst
    startDate: "2016-01"
    endDate: "2019-06"
    highlights:
      - Wrote SQL reports for 40 managers.
education:
  - {institution: Leeds, studyType: MSc, area: Computer Science}
skills:
  - {name: Tools, keywords: [Natural Language Processing, k8s]}
"""

POSTING = """Data Engineer
Acme Corp — Leeds, UK

Requirements:
- 5+ years of experience with Python
- SQL and NLP
- Kubernetes
- PhD in Computer Science
Nice to have:
- Tableau
Benefits:
- Dental and medical cover
"""


@pytest.mark.model
def test_statuses_evidence_and_how() -> None:
    _, _, result = run_match(PROFILE, POSTING)
    by_name = {m.name.lower(): m for m in result.match.skills}
    assert by_name["python"].status == "matched"
    assert by_name["python"].evidence[0].ref == "work[0].highlights[0]"
    assert by_name["kubernetes"].status == "matched"
    assert by_name["kubernetes"].how == "alias"
    assert by_name["kubernetes"].evidence[0].ref == "skills[0].keywords[1]"
    assert by_name["tableau"].status == "missing"
    assert by_name["tableau"].importance == "preferred"
    assert "dental" not in " ".join(by_name)


@pytest.mark.model
def test_years_and_degree_requirements() -> None:
    _, _, result = run_match(PROFILE, POSTING)
    reqs = {r.kind: r for r in result.match.requirements}
    # Python shows only at Initech: 2019-01 .. 2026-11 is 7.8 years.
    assert reqs["years"].need == 5
    assert reqs["years"].have == pytest.approx(7.8, abs=0.1)
    assert reqs["years"].status == "met"
    assert reqs["degree"].need == "doctorate"
    assert (reqs["degree"].have, reqs["degree"].status) == ("master", "missing")


@pytest.mark.model
def test_score_is_deterministic_and_bounded() -> None:
    scores = {run_match(PROFILE, POSTING)[2].match.score for _ in range(3)}
    assert len(scores) == 1
    assert 0 < scores.pop() < 100


@pytest.mark.model
def test_ranking_puts_relevant_highlights_first() -> None:
    _, _, result = run_match(PROFILE, POSTING)
    refs = [r.fact.ref for r in result.ranked]
    assert refs.index("work[0].highlights[0]") < refs.index("work[0].highlights[1]")


def test_merged_years_counts_overlaps_once() -> None:
    d = dt.date
    assert merged_years(
        [(d(2020, 1, 1), d(2022, 1, 1)), (d(2021, 1, 1), d(2023, 1, 1))]
    ) == pytest.approx(3.0, abs=0.01)


@pytest.mark.parametrize(
    ("study", "level"),
    [
        ("PhD", "doctorate"),
        ("Master of Science", "master"),
        ("M.Ed.", "master"),
        ("BSc (Hons)", "bachelor"),
        ("B.S.", "bachelor"),
        ("Diploma", None),
    ],
)
def test_degree_levels(study: str, level: str | None) -> None:
    assert degree_level(study) == level


def test_first_person_framing() -> None:
    assert first_person("Led a team of 5.") == "I led a team of 5."
    assert first_person("Built PyTorch tools") == "I built PyTorch tools."
    assert first_person("Serve as link nurse") == "I serve as link nurse."
    assert first_person("Winner of the 2020 award") == "Winner of the 2020 award."


@pytest.mark.model
@pytest.mark.parametrize(
    ("posting", "profile"),
    [
        ("nlp-engineer-lumen.txt", "example.yaml"),
        ("data-analyst-northwind.txt", "example.yaml"),
        ("staff-nurse-riverside.txt", "example-nurse.yaml"),
        ("nlp-engineer-lumen.txt", "example-teacher.yaml"),
    ],
)
def test_letters_are_grounded_and_sized(posting: str, profile: str) -> None:
    """Letters argue from the asks the profile backs and are never padded with results
    that answer nothing: a fitting profile fills 250-400 words; the teacher's letter for
    an NLP post is short rather than filled with unrelated results."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.pipeline import prepare

    prepared = prepare(ROOT / "examples" / "postings" / posting, ROOT / "profiles" / profile)
    letter = compose(prepared, DocumentOptions()).context
    assert isinstance(letter, LetterContext)
    body = [letter.greeting, *letter.paragraphs, letter.closing]
    words = word_count(body)
    formal = builtin_voices()["formal"]  # 250-400 words (templates/letter/voices.yaml)
    assert words <= formal.max_words
    if profile == "example-teacher.yaml":
        padding = ("A few other results", "Other results", "More broadly, my record")
        assert not any(lead in " ".join(body) for lead in padding)
    else:
        assert words >= formal.min_words
    assert (
        violations(
            "\n".join(body),
            grounds=prepared.grounds,
            allowed=[prepared.analysis.posting.company, prepared.analysis.posting.title],
            taxonomy=prepared.taxonomy,
        )
        == []
    )
    missing = {m.name for m in prepared.result.match.skills if m.status == "missing"}
    assert not missing & set(letter.matched_skills)


def test_guard_catches_an_invented_skill_and_number() -> None:
    prof = parse_profile(PROFILE.encode(), source="p.yaml")
    found = violations(
        "I have shipped Kubernetes and Tableau dashboards for 12 teams at Acme.",
        grounds=profile_grounds(prof, load_taxonomy()),
        allowed=["Acme"],
        taxonomy=load_taxonomy(),
    )
    assert found == ["number '12' is not in the profile", "skill 'Tableau' is not in the profile"]


def test_guard_reads_each_line_on_its_own() -> None:
    """Two paragraphs do not make one phrase: "…learning" + "Technology" is no skill claim."""
    prof = parse_profile(
        b"basics: {name: Ada}\nskills:\n  - name: Teaching\n"
        b"    keywords: [Social-emotional learning, Technology]\n",
        source="p.yaml",
    )
    grounds = profile_grounds(prof, load_taxonomy())
    taxonomy = load_taxonomy()
    assert (
        violations(
            "Social-emotional learning\nTechnology", grounds=grounds, allowed=[], taxonomy=taxonomy
        )
        == []
    )
    assert violations("learning technologies", grounds=grounds, allowed=[], taxonomy=taxonomy) == [
        "skill 'learning technologies' is not in the profile"
    ]
