"""The importer's parts on their own: dates, headings, lists, contact details, entries."""

from __future__ import annotations

import pytest

from tailor.importer.contact import read_basics
from tailor.importer.dates import find_date, find_range, iso, split_trailing_dates, without
from tailor.importer.entries import split_entries
from tailor.importer.lines import Line, strip_bullet, where_span
from tailor.importer.lists import split_items
from tailor.importer.sections import section_kind, split_sections


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Sep 2023 – Present · Seattle, WA", "2023-09", "present"),
        ("09/2021 - 08/2023", "2021-09", "2023-08"),
        ("2019–2021", "2019", "2021"),
        ("since March 2020", "2020-03", "present"),
        ("Sept. 2019 to June 2021", "2019-09", "2021-06"),
        ("2020-01 — 2020-12", "2020-01", "2020-12"),
    ],
)
def test_date_ranges(text: str, start: str, end: str) -> None:
    found = find_range(text)
    assert found is not None
    assert (found.start, found.end) == (start, end)


def test_an_end_before_its_start_or_a_score_is_no_range() -> None:
    assert find_range("Jan 2020 - Dec 2019") is None
    assert find_range("GPA 3.9/4.0") is None
    assert find_range("+44 20 7946 0958") is None


def test_single_dates_take_the_last_one_and_cut_cleanly() -> None:
    found = find_date("Paper title, ACL 2021, Aug 2021.")
    assert found is not None
    assert found.start == "2021-08"
    assert without("Paper title, ACL 2021, Aug 2021.", found.span) == "Paper title, ACL 2021"
    assert iso("Present") == "present"
    assert iso("not a date") is None


def test_dates_squeezed_against_the_text_are_split_off() -> None:
    assert split_trailing_dates("Harbor Retail Group Jun 2021 – Jul") == [
        "Harbor Retail Group", "Jun 2021 – Jul",
    ]  # fmt: skip
    assert split_trailing_dates("Feb 2020 – Present") == ["Feb 2020 – Present"]
    assert split_trailing_dates("Led the 2019 – 2020 migration") == [
        "Led the 2019 – 2020 migration"
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work History", "work"),
        ("PROFESSIONAL EXPERIENCE", "work"),
        ("Employment", "work"),
        ("Licences & Certifications", "certificates"),
        ("Educaton", "education"),  # misspelt
        ("About Me", "summary"),
        ("Volunteering", "volunteer"),
    ],
)
def test_headings_are_matched_fuzzily(heading: str, kind: str) -> None:
    found = section_kind(heading)
    assert found is not None
    assert found[0] == kind


def test_a_sentence_that_mentions_experience_is_no_heading() -> None:
    assert section_kind("Ten years of experience in retail operations") is None
    lines = [
        Line("Ana Lima", "line 1"),
        Line("experience", "line 2"),  # lower case, plain: not a heading
        Line("EXPERIENCE", "line 3"),
    ]
    assert [s.kind for s in split_sections(lines)] == ["header", "work"]


def test_lists_split_outside_brackets() -> None:
    assert split_items("Python, SQL (PostgreSQL, BigQuery); dbt · Airflow") == [
        "Python", "SQL (PostgreSQL, BigQuery)", "dbt", "Airflow",
    ]  # fmt: skip


def test_bullets_and_places() -> None:
    assert strip_bullet("• Led a team") == ("Led a team", True)
    assert strip_bullet("\uf0b7Led a team") == ("Led a team", True)
    assert strip_bullet("-5% churn") == ("-5% churn", False)
    assert where_span("page 1, line 3", "page 1, line 7") == "page 1, lines 3-7"
    assert where_span("page 1, line 30", "page 2, line 2") == "page 1, line 30 to page 2, line 2"


def test_contact_details_are_read_by_shape() -> None:
    header = [
        Line("Sam Okafor", "line 1", size=20),
        Line("Nurse Practitioner", "line 2"),
        Line("sam@example.com · (020) 7946 0018 · Leeds, UK", "line 3"),
        Line("Portfolio: https://sam.example.com · linkedin.com/in/samokafor", "line 4"),
    ]
    basics = read_basics(header, header, [])
    assert basics.values["name"] == "Sam Okafor"
    assert basics.values["label"] == "Nurse Practitioner"
    assert basics.values["email"] == "sam@example.com"
    assert basics.values["phone"] == "(020) 7946 0018"
    assert basics.values["location"] == {"city": "Leeds", "region": "UK"}
    assert basics.values["profiles"] == [
        {"network": "Portfolio", "url": "https://sam.example.com"},
        {"url": "linkedin.com/in/samokafor"},
    ]
    assert "location" in basics.review


def test_entries_split_by_dates_whichever_side_the_title_is() -> None:
    lines = [
        Line("Acme Ltd 2019 – 2021", "line 1", segments=["Acme Ltd", "2019 – 2021"]),
        Line("Analyst", "line 2"),
        Line("Beta plc 2017 – 2019", "line 3", segments=["Beta plc", "2017 – 2019"]),
        Line("Clerk", "line 4"),
    ]
    entries = split_entries(lines)
    assert [[line.text for line in e.header] for e in entries] == [
        ["Acme Ltd 2019 – 2021", "Analyst"], ["Beta plc 2017 – 2019", "Clerk"],
    ]  # fmt: skip
    lines = [
        Line("Analyst — Acme Ltd", "line 1"),
        Line("2019 – 2021", "line 2"),
        Line("Clerk — Beta plc", "line 3"),
        Line("2017 – 2019", "line 4"),
    ]
    entries = split_entries(lines)
    assert [[line.text for line in e.header] for e in entries] == [
        ["Analyst — Acme Ltd", "2019 – 2021"], ["Clerk — Beta plc", "2017 – 2019"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("segments", "values"),
    [
        # The degree printed apart from "School, Subject" (RenderCV's themes).
        (["Master of Science", "Cascadia State University, Computer Science", "Sept 2019 – May 2021"],
         {"studyType": "Master of Science", "institution": "Cascadia State University",
          "area": "Computer Science"}),
        (["Postgraduate module", "University of West Riding, Leadership in Clinical Practice",
          "Jan 2023 – June 2023"],
         {"studyType": "Postgraduate module", "institution": "University of West Riding",
          "area": "Leadership in Clinical Practice"}),
        # A school's own name with a comma, or its town, is no subject.
        (["BSc in Physics", "University of California, Berkeley", "2010 – 2014"],
         {"studyType": "BSc", "area": "Physics", "institution": "University of California, Berkeley"}),
        (["MSc", "University of Leeds, Leeds, UK", "2015 – 2016"],
         {"studyType": "MSc", "institution": "University of Leeds, Leeds, UK"}),
    ],
)  # fmt: skip
def test_a_subject_after_the_schools_comma_is_the_area(
    segments: list[str], values: dict[str, str]
) -> None:
    from tailor.importer.education import read_school

    [raw] = split_entries([Line(" ".join(segments), "line 1", segments=segments)])
    entry = read_school(raw)
    assert {k: v for k, v in entry.values.items() if k in values or k == "area"} == values


@pytest.mark.parametrize(
    ("segments", "values"),
    [
        # RenderCV classic: "Employer, Title, Unit" beside the town's cell.
        (["Aire Valley Hospitals NHS Trust, Senior Staff Nurse (Band 6), Ward 14 Respiratory",
          "Leeds"],
         {"name": "Aire Valley Hospitals NHS Trust", "location": "Leeds",
          "position": "Senior Staff Nurse (Band 6), Ward 14 Respiratory"}),
        # RenderCV engineering themes: "Title, Unit, Employer – Town".
        (["Staff Nurse (Band 5), Acute Medical Unit, Aire Valley Hospitals NHS Trust – Leeds"],
         {"name": "Aire Valley Hospitals NHS Trust", "location": "Leeds",
          "position": "Staff Nurse (Band 5), Acute Medical Unit"}),
        # A bracketed qualifier of the title names no organisation, "(Bank)" though it is.
        (["Healthcare Assistant (Bank), Elderly Care, Aire Valley NHS Trust – Leeds"],
         {"name": "Aire Valley NHS Trust", "location": "Leeds",
          "position": "Healthcare Assistant (Bank), Elderly Care"}),
        # A unit of the employer after its dash is no town: every word is a dictionary's.
        (["Literacy Coordinator, Summer Term, Ridge County Public Schools – Literacy Academy"],
         {"name": "Ridge County Public Schools – Literacy Academy",
          "position": "Literacy Coordinator, Summer Term"}),
    ],
)  # fmt: skip
def test_a_title_with_commas_and_a_town_are_told_from_the_employer(
    segments: list[str], values: dict[str, str]
) -> None:
    from tailor.importer.roles import read_role

    cells = [*segments, "Nov 2022 – present"]  # the dates in a cell at the right margin
    [raw] = split_entries([Line(" ".join(cells), "line 1", segments=cells)])
    role = read_role(raw).values
    assert {k: role.get(k) for k in ("name", "position", "location") if k in role} == values
