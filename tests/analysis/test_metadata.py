from __future__ import annotations

from pathlib import Path

import pytest

from tailor.analysis.metadata import guess_metadata


def test_header_block() -> None:
    meta = guess_metadata("Senior NLP Engineer\nLumen Health Analytics — Boston, MA\n\nAbout us\n")
    assert (meta.title, meta.company, meta.location) == (
        "Senior NLP Engineer",
        "Lumen Health Analytics",
        "Boston, MA",
    )


def test_a_department_in_the_header_is_no_employer() -> None:
    """A blind reader saw "the … role at Engineering": the header's team, which the text
    never names again, while the ad introduces its employer in prose."""
    text = (
        "Data Specialist\nEngineering | Petaluma, CA, United States\n\n"
        "Solara Grid, the world's number one provider of microinverters, is growing.\n"
    )
    assert guess_metadata(text).company == "Solara Grid"
    assert guess_metadata("Staff Nurse\nNursing | Leeds\n\nWe are a ward.\n").company is None
    # A one-word employer the ad names again stays.
    assert guess_metadata("Staff Nurse\nApple | Cupertino, CA\n\nJoin Apple.\n").company == "Apple"


def test_labelled_fields_win() -> None:
    meta = guess_metadata(
        "Job title: Staff Nurse\nEmployer: Riverside NHS Trust\nLocation: Leeds\n"
    )
    assert (meta.title, meta.company, meta.location) == (
        "Staff Nurse",
        "Riverside NHS Trust",
        "Leeds",
    )


def test_title_and_company_from_prose() -> None:
    text = (
        "Job description\n**Summary**\nWe are seeking an exceptional Principal Machine Learning "
        "(ML) Engineer/Researcher to join our team at Apple.\nApple is an equal opportunity employer."
    )
    meta = guess_metadata(text)
    assert meta.title == "Principal Machine Learning (ML) Engineer/Researcher"
    assert meta.company == "Apple"


def test_nothing_found_is_none() -> None:
    assert guess_metadata("we like good people.\n") == guess_metadata("")
    assert guess_metadata("").title is None


def test_shared_postings(shared_postings: Path) -> None:
    principal = guess_metadata((shared_postings / "principal-ml-engineer.txt").read_text())
    research = guess_metadata((shared_postings / "ml-research-scientist.txt").read_text())
    assert principal.company == research.company == "Apple"
    assert principal.title == "Principal Machine Learning (ML) Engineer/Researcher"


def test_a_section_heading_under_the_title_is_not_the_company() -> None:
    for heading in ("Summary", "Introduction", "About us", "Job description:"):
        text = f"Data Scientist\n\n\n{heading}\n\nWe build models for 40 hospitals.\n"
        meta = guess_metadata(text)
        assert meta.title == "Data Scientist"
        assert meta.company is None, heading


def test_a_place_a_question_or_a_field_under_the_title_is_not_the_company() -> None:
    """A letter that names "Los Gatos, California" or "Like Stats?" as the employer is
    worse than one that names none: the hirer comes from the text, or stays unknown."""
    place = guess_metadata(
        "Senior Data Scientist\n\nLos Gatos, California\n\n"
        "Netflix is the world's leading streaming service. At Netflix, we value candour.\n"
    )
    assert (place.company, place.location) == ("Netflix", "Los Gatos, California")
    question = guess_metadata("Principal Data Scientist\n\nLike Stats?\n\nYeah, us too!\n")
    assert question.company is None
    field = guess_metadata("Data Scientist\n\nWork Area: Software-Research\n\nWe build maps.\n")
    assert field.company is None
    heading = guess_metadata("Data Scientist\n\nOrganization and Job ID\n\nJob ID: 308744\n")
    assert heading.company is None
    about = guess_metadata("Teacher\n\nAbout the job\nAbout The Job\nYou will teach.\n")
    assert about.company is None


def test_a_first_line_title_in_any_case_or_with_a_nurse_role() -> None:
    for title in (
        "Junior Sister",
        "Community nursing sister or Community charge nurse – Slough",
        "SENIOR DATA SCIENTIST",
        "Specialty Grade Doctor - Haematology",
    ):
        meta = guess_metadata(f"{title}\nEast London NHS Foundation Trust\n\nAbout the role\n")
        assert meta.title == title
        assert meta.company == "East London NHS Foundation Trust"


def test_a_first_line_that_is_a_sentence_or_a_question_is_no_title() -> None:
    for line in (
        "We are looking for 6 x First Contact Physiotherapists",
        "Fancied working in a community setting and becoming a community nurse?",
        "Associate should have at least 5+ years of experience in design of Kafka solutions",
    ):
        assert guess_metadata(f"{line}\n\nMore text here.\n").title is None


def test_a_title_field_far_down_belongs_to_the_contact_not_the_post() -> None:
    text = (
        "Band 8a Operational Lead Pharmacist\nSome NHS Trust\n\n"
        + "The post holder will lead the aseptic unit. " * 30
        + "\n\nFor further details contact:\nName: Jo Ennis\nJob title: Deputy Production Manager\n"
    )
    assert guess_metadata(text).title == "Band 8a Operational Lead Pharmacist"
    near = "Job title: Staff Nurse\nSome NHS Trust\n\nThe post holder will lead.\n"
    assert guess_metadata(near).title == "Staff Nurse"


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Location: Sunnyvale, CA\n\nAmick Brown is seeking an experienced Data Engineer.\n",
            "Amick Brown",
        ),
        (
            "Boeing Global Services has an opportunity for an Early Career Engineer in Seattle.",
            "Boeing Global Services",
        ),
        ("Overview\n\nShutterfly is looking for a Customer Data Scientist.\n", "Shutterfly"),
        # "…, Inc. is an equal opportunity employer": the name before the legal form (a
        # blind reader found "I am writing to apply for the Data Scientist role." with no
        # employer, for a posting that names CyberCube eight times).
        ("We build ads software.\nAcme, Inc. is an equal opportunity employer.\n", "Acme"),
        (
            (
                "CyberCube delivers cyber analytics.\n\nCyberCube is headquartered in San "
                "Francisco.\n\nCyberCube Analytics, Inc. is an equal opportunity employer.\n"
            ),
            "CyberCube",
        ),
        ("We build ads software.\nInc. is an equal opportunity employer.\n", None),
        (
            (
                "Teacher\n\nChesterfield County Public Schools assures Equal Employment "
                "Opportunities for employees as required by law.\n"
            ),
            None,
        ),
    ],
)
def test_the_hirer_is_the_subject_of_a_seeking_sentence(text: str, company: str | None) -> None:
    assert guess_metadata(text).company == company
