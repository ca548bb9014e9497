from __future__ import annotations

import pytest

from tailor.analysis.requirements import find_requirements


def found(text: str) -> list[tuple[str, str, object]]:
    return [(r.kind, text[r.start : r.end], r.value) for r in find_requirements(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("+ 7 Years experience on training ML models", 7, None),
        ("5+ years of experience with Python", 5, None),
        ("at least three years of teaching experience", 3, None),
        ("2-4 years of relevant experience", 2, 4),
    ],
)
def test_years(text: str, low: int, high: int | None) -> None:
    (kind, span, value), *_ = found(text)
    assert kind == "years"
    assert isinstance(value, dict)
    assert (value["min"], value["max"]) == (low, high)
    assert span in text
    assert not span.startswith("+")


def test_years_without_experience_are_ignored() -> None:
    assert found("We have been around for 20 years.") == []


def test_degree_with_field_and_equivalent() -> None:
    text = "+ PhD in CS, ECE, Statistics, or equivalent industrial experience."
    ((kind, span, value),) = found(text)
    assert kind == "degree"
    assert span == text[2:]
    assert value == {"level": "doctorate", "field": "CS, ECE, Statistics", "or_equivalent": True}


def test_publication_venues() -> None:
    text = "Publication record in relevant conferences (e.g., NeurIPS, ICML, ACL, etc)."
    ((kind, _, value),) = found(text)
    assert kind == "publication"
    assert value == {"venues": ["NeurIPS", "ICML", "ACL"]}


def test_certification() -> None:
    ((kind, _, _),) = found("Current NMC registration")
    assert kind == "certification"


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("MS in Computer Science", "master"),
        ("BS/MS in Statistics", "bachelor"),
        # "MS Office" is Microsoft's: a blind read found a technology-skills line backed
        # by the applicant's master's degree.
        ("Strong technology skills (especially with Microsoft OS and MS Office programs)", None),
        ("Proficient in MS Excel and Word", None),
    ],
)
def test_ms_is_a_masters_unless_it_is_microsofts(line: str, level: str | None) -> None:
    from tailor.analysis.requirements import asked_degree

    assert asked_degree(line) == level


@pytest.mark.parametrize(
    ("line", "level"),
    [
        # US public-sector postings name a bachelor's by its formal name: a blind reader
        # saw "Possession of a baccalaureate degree" reported as a gap for a B.S. holder.
        (
            "Possession of a baccalaureate degree from a regionally accepted institution.",
            "bachelor",
        ),
        ("BSN required", "bachelor"),
        ("Experience teaching the International Baccalaureate programme", None),
        # A scraped list whose "OR" lost its spaces offers the lower degrees still (a blind
        # reader saw "I do not hold a doctorate" where a master's and 2 years would do).
        (
            (
                "Doctorate (Academic)ORMaster's Level Degree with at least 2 years of experience."
                "ORBachelor's Level Degree with at least 3 years of experience."
            ),
            "bachelor",
        ),
    ],
)
def test_a_baccalaureate_degree_is_a_bachelors(line: str, level: str | None) -> None:
    from tailor.analysis.requirements import asked_degree

    assert asked_degree(line) == level
