from __future__ import annotations

from itertools import pairwise

import pytest

from tailor.analysis.sections import heading_kind, split_sections


def kinds(text: str) -> list[tuple[str, str | None]]:
    return [(b.kind, b.heading) for b in split_sections(text)]


def test_bold_colon_caps_and_markdown_headings() -> None:
    text = (
        "Senior NLP Engineer\n"
        "**Summary**\nWe build things.\n"
        "What you'll do:\n- Ship models\n"
        "REQUIREMENTS\n• Python\n"
        "## Nice to have\n* Spark\n"
        "Benefits\n+ Dental\n"
    )
    assert kinds(text) == [
        ("summary", None),
        ("summary", "Summary"),
        ("responsibilities", "What you'll do"),
        ("requirements", "REQUIREMENTS"),
        ("preferred", "Nice to have"),
        ("benefits", "Benefits"),
    ]


def test_sections_tile_the_text() -> None:
    text = "Intro line.\nResponsibilities:\n- a\n- b\nQualifications:\n- c\n"
    blocks = split_sections(text)
    assert blocks[0].start == 0
    assert blocks[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(blocks))


def test_labelled_field_is_not_a_heading() -> None:
    text = "**Weekly Hours:**  40\n**Summary**\nHello there.\n"
    assert [h for _, h in kinds(text)] == [None, "Summary"]


def test_a_last_ask_weighed_preferred_is_no_heading() -> None:
    """A blind reader found the CDA a toddler post asks for never named: the list's last
    line, "Child Development Associate (CDA) preferred", was read as a heading."""
    text = (
        "Qualifications\n\nHas completed pre-service training\n"
        "Child Development Associate (CDA) preferred\n\nAbout Us\n\nWe are a school.\n"
    )
    assert [h for _, h in kinds(text)] == ["Qualifications", "About Us"]
    skills = "Skills Desired\n\nPython\n"
    assert [h for _, h in kinds(skills)] == ["Skills Desired"]
    # Weighed in brackets: still an ask, so the required lines after it stay required.
    bracketed = (
        "Required Skills and Experience:\n\nA CDA Credential\nApproved state trainer "
        "(preferred)\nCPR and First Aid Certification\n"
    )
    assert [h for _, h in kinds(bracketed)] == ["Required Skills and Experience"]
    desirable = "Requirements\n\nPython\n\nDesirable\n\nSpark\n"
    assert [h for _, h in kinds(desirable)] == ["Requirements", "Desirable"]


def test_no_headings_is_one_summary() -> None:
    text = "We need a nurse who is kind and organised. You will care for patients.\n"
    assert kinds(text) == [("summary", None)]


def test_legal_and_pay_lines_are_carved_out_anywhere() -> None:
    text = (
        "Requirements:\n- Python\n"
        "The base pay range for this role is between $139,500 and $258,100.\n"
        "Acme is an equal opportunity employer.\n"
    )
    assert [k for k, _ in kinds(text)] == ["requirements", "benefits", "legal"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Minimum Qualifications", "requirements"),
        ("Preferred Qualifications", "preferred"),
        ("Pay & Benefits", "benefits"),
        ("Job description", "summary"),
        ("Main duties of the job", "responsibilities"),
        ("Person specification", "requirements"),
        ("About Lumen Health", "about"),
        ("Desirable", "preferred"),
        # A blind reader saw a "desired" bachelor's announced as a gap.
        ("Desired Education And Experience", "preferred"),
        ("Skills Desired", "preferred"),
        ("Required and desired qualifications", "requirements"),
        ("What You’ll Bring", "requirements"),  # a typographic apostrophe
        ("Why You’ll Love Being a Lead Teacher at Goddard", "benefits"),
        ("What It’s Like at The Goddard School", "about"),
    ],
)
def test_heading_kinds(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


def test_a_sub_heading_among_the_perks_is_a_perk() -> None:
    text = (
        "Why You’ll Love Working Here:\n\nYour Time Matters:\nEnjoy no nights or weekends.\n\n"
        "What You’ll Bring:\n\n2 years of classroom experience\n"
    )
    assert [k for k, _ in kinds(text)] == ["benefits", "benefits", "requirements"]


def test_offer_lead_in_question_heading_and_how_to_apply() -> None:
    """A long sentence that opens the perks, a heading asked as a question and a bare
    "Apply" are headings of their kind; a lead-in that opens duties is not taken for one."""
    text = (
        "Registered Nurse\n\n"
        "In return for your hard work, we can offer you some fantastic benefits: –\n\n"
        "- Build holiday allowance for every shift you work\n\n"
        "Who are Acme Staffing?\n\n"
        "Acme Staffing works with hospitals across the region.\n\n"
        "Who are we looking for?\n\n"
        "- A registered nurse with acute experience\n\n"
        "Apply\n\n"
        "Register today for flexible shifts.\n"
    )
    found = kinds(text)
    assert (
        "benefits",
        "In return for your hard work, we can offer you some fantastic benefits",
    ) in found
    assert ("about", "Who are Acme Staffing") in found
    assert ("requirements", "Who are we looking for") in found
    assert ("apply", "Apply") in found
    assert heading_kind("To apply for these posts, you will") == "responsibilities"
    asks = kinds(
        "Pharmacy Technician\n\nRequirements:\n"
        "You must pay close attention to detail in the following areas:\n"
        "- Checking prescriptions\n"
    )
    assert all(kind == "requirements" for kind, _ in asks[1:]), asks


def test_additional_considerations_are_preferred() -> None:
    """ "HVAC Master Certification" under "Additional Considerations" was read as required,
    and named in a letter as the gap in place of the required licence."""
    from tailor.analysis.sections import heading_kind

    assert heading_kind("Additional Considerations") == "preferred"
    assert heading_kind("Additional Information") != "preferred"
