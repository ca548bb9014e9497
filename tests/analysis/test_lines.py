"""Requirement lines: one per bullet or sentence, with importance and kind."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.analysis.lines import not_an_ask_line, requirement_lines

POSTING = """Senior Data Engineer
Acme Analytics — Leeds, UK
Full-time | Engineering | Hybrid

We are looking for a data engineer to build our warehouse. You will work with analysts.

About us
Acme was founded in 1999 and serves 400 clients.

Responsibilities:
- Build and run batch pipelines in Python
- Mentor two junior engineers

Essential criteria:
- 5+ years of experience with SQL
- Kubernetes
- BSc in Computer Science or a related degree
- Passionate about data quality
- Willing to work shifts, including weekends

Desirable:
- Experience with Airflow
- Spark would be a plus

Benefits:
- 30 days of holiday and a pension
"""


def lines():
    return requirement_lines(POSTING)


def test_each_bullet_and_sentence_is_one_line_with_exact_offsets() -> None:
    found = lines()
    assert [POSTING[line.start : line.end] for line in found] == [line.text for line in found]
    texts = [line.text for line in found]
    assert texts[:2] == [
        "We are looking for a data engineer to build our warehouse.",
        "You will work with analysts.",
    ]
    assert "Kubernetes" in texts  # a one-word bullet is an ask


def test_a_word_processors_o_bullet_is_a_list_mark_not_a_word() -> None:
    """A blind reader quoted "The post calls for o Implement ML models …"."""
    text = "Responsibilities\no Implement ML models to enhance our tools\no Develop techniques\n"
    lines = requirement_lines(text)
    assert [line.text for line in lines] == [
        "Implement ML models to enhance our tools",
        "Develop techniques",
    ]
    assert text[lines[0].start : lines[0].end] == lines[0].text


def test_headers_headings_about_and_benefits_are_not_lines() -> None:
    texts = " ".join(line.text for line in lines())
    for left_out in ("Acme Analytics — Leeds", "Full-time", "Responsibilities", "1999", "holiday"):
        assert left_out not in texts


@pytest.mark.parametrize(
    ("text", "importance", "kind"),
    [
        ("Build and run batch pipelines in Python", "unspecified", "duty"),
        ("5+ years of experience with SQL", "required", "experience"),
        ("Kubernetes", "required", "skill"),
        ("BSc in Computer Science or a related degree", "required", "qualification"),
        ("Passionate about data quality", "required", "trait"),
        ("Willing to work shifts, including weekends", "required", "condition"),
        ("Experience with Airflow", "preferred", "experience"),
        ("Spark would be a plus", "preferred", "skill"),
    ],
)
def test_importance_and_kind(text: str, importance: str, kind: str) -> None:
    line = next(line for line in lines() if line.text == text)
    assert (line.importance, line.kind) == (importance, kind)
    assert line.scored == (kind not in ("trait", "condition"))


@pytest.mark.parametrize(
    ("text", "importance"),
    [
        ("Baccalaureate degree required; Special Education preferred.", "required"),
        ("Bachelor's degree required, preferably with a quantitative focus", "required"),
        (
            "Recent recovery experience is essential, while scrub skills would be beneficial.",
            "required",
        ),
        ("Minimum of one year experience with database management, preferred.", "preferred"),
        ("A certified teacher is preferred but not required.", "preferred"),
        ("Minimum of 2 years preferred", "preferred"),
        ("Experience not required, but SQL is an advantage", "preferred"),
    ],
)
def test_a_line_that_requires_one_thing_and_prefers_another_is_required(
    text: str, importance: str
) -> None:
    (line,) = requirement_lines(text)
    assert line.importance == importance


def test_a_posting_without_sections_still_has_lines() -> None:
    text = "We need a nurse with NMC registration. You will care for older adults on a busy ward."
    assert [line.text for line in requirement_lines(text)] == [
        "We need a nurse with NMC registration.",
        "You will care for older adults on a busy ward.",
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["Requirements:", "Essential", "Benefits:", "About us", "- ", "* ", "1. ", "\n"]
            ),
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
        ),
        max_size=30,
    ).map("".join)
)
def test_lines_point_into_any_text_in_order(text: str) -> None:
    found = requirement_lines(text)
    for line in found:
        assert text[line.start : line.end] == line.text
        assert line.text == line.text.strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_contact_details_and_bare_terms_are_not_asks_but_working_patterns_are() -> None:
    text = (
        "Requirements\n"
        "- Full or part time hours are available (minimum 22.5 hours per week)\n"
        "- Liz Metcalfe - Therapy lead - liz.metcalfe@example.nhs.uk\n"
        "- You will work 37.5 hours per week including weekends and nights\n"
        "- Maintain contract compliance with suppliers\n"
    )
    kept = [line.text for line in requirement_lines(text)]
    assert kept == [
        "You will work 37.5 hours per week including weekends and nights",
        "Maintain contract compliance with suppliers",
    ]


def test_a_one_line_ask_under_a_heading_is_a_line_and_not_a_heading() -> None:
    text = (
        "Preferred Qualifications\n\nBachelor's or associate's Degree.\nMaster's preferred\n"
        "CPR/First Aid Certification.\n"
    )
    lines = requirement_lines(text)
    assert [line.text for line in lines] == [
        "Bachelor's or associate's Degree.",
        "Master's preferred",
        "CPR/First Aid Certification.",
    ]
    assert {line.importance for line in lines} == {"preferred"}


def test_a_trait_line_naming_the_role_asks_for_the_role() -> None:
    text = "We are looking for enthusiastic, self-motivated pharmacy technicians to join us.\n"
    (line,) = requirement_lines(text, title="Pharmacy Technician (Band 5)")
    assert line.kind == "experience"
    (alone,) = requirement_lines(text)
    assert alone.kind == "trait"


def test_sentences_about_the_employer_are_not_asks() -> None:
    text = (
        "We are looking for an ambitious pharmacy assistant to join our team. "
        "We have a busy Aseptic Services Unit producing chemotherapy. "
        "The Trust is at the forefront of the integrated care agenda. "
        "The Ward Sister is accountable for the day to day running of the ward.\n"
    )
    assert [line.text for line in requirement_lines(text)] == [
        "We are looking for an ambitious pharmacy assistant to join our team.",
        "The Ward Sister is accountable for the day to day running of the ward.",
    ]


def test_whom_the_employer_wants_applications_from_is_an_ask() -> None:
    """ "We are keen to receive applications from individuals who hold … and have mental
    health experience" states the post's two essentials; a welcome to everyone does not."""
    text = (
        "We are keen to receive applications from individuals who hold a professional "
        "qualification in health and social care; and have mental health experience. "
        "We welcome and encourage applications from everyone, including groups currently "
        "underrepresented in our workforce. "
        "There are now 2.7 billion people who use our apps each month.\n"
    )
    assert [line.text for line in requirement_lines(text)] == [
        (
            "We are keen to receive applications from individuals who hold a professional "
            "qualification in health and social care; and have mental health experience."
        )
    ]


def test_form_questions_legal_text_perks_and_lead_ins_are_not_asks() -> None:
    text = (
        "Requirements\n"
        "- Have you ever been convicted of an offense involving a minor?\n"
        "- Yes\n"
        "- Experience with one or more of the following:\n"
        "- Performs other related duties as assigned.\n"
        "- We are an equal opportunity employer and welcome applicants with disabilities.\n"
        "- Acute Trust of the Year – HSJ Awards November 2019\n"
        "- Career growth opportunities for our teachers\n"
        "- To apply please use the link listed below.\n"
        "- Nice To Haves\n"
        "- To apply for this post you should be a registered nurse\n"
        "- Ability to multitask, stay calm under pressure, and lift up to 50 lbs\n"
        "- Welsh is desirable; Welsh and English speakers are equally welcome to apply.\n"
        "- Deliver outstanding care to patients on the ward\n"
        "- Kubernetes\n"
    )
    kept = [line.text for line in requirement_lines(text)]
    assert kept == [
        "To apply for this post you should be a registered nurse",
        "Ability to multitask, stay calm under pressure, and lift up to 50 lbs",
        "Welsh is desirable; Welsh and English speakers are equally welcome to apply.",
        "Deliver outstanding care to patients on the ward",
        "Kubernetes",
    ]


def test_a_question_that_describes_the_person_sought_is_an_ask() -> None:
    """NHS prose ads ask in questions ("Are you an inspiring and independent leader?"):
    those that say whom the employer seeks are lines; an application form's questions, the
    ad's wishes for the reader and what the employer offers are not."""
    text = (
        "Are you an inspiring and independent leader?\n\n"
        "Are you committed to leading the ward team to provide the highest standard of care?\n\n"
        "Do you have experience of caring for patients on non-invasive ventilation?\n\n"
        "Can you write a technical proposal and explain it in simple terms?\n\n"
        "Would you like to join this dynamic Award Winning Team?\n\n"
        "Are you looking for some additional working hours?\n\n"
        "Do you want to work for an established and respected local charity?\n\n"
        "Have you ever been convicted of a felony?\n\n"
        "Are you legally authorized to work in the United States?\n\n"
        "You will also have access to our specialist teams and their expertise.\n"
    )
    lines = requirement_lines(text)
    assert [line.text for line in lines] == [
        "Are you an inspiring and independent leader?",
        "Are you committed to leading the ward team to provide the highest standard of care?",
        "Do you have experience of caring for patients on non-invasive ventilation?",
        "Can you write a technical proposal and explain it in simple terms?",
    ]
    assert lines[2].kind == "experience"


def test_a_question_about_attitude_alone_is_a_trait() -> None:
    (line,) = requirement_lines("Are you passionate about patient care?\n")
    assert line.kind == "trait"
    assert not line.scored


def test_sentences_describing_the_ward_or_the_area_are_not_asks() -> None:
    text = (
        "Staff Nurse\n\n"
        "The Cardiothoracic Critical Care Unit is the regional centre for transplantation. "
        "It consists of a 26-bedded unit and a 5-bedded recovery area. "
        "The ward comprises of 28 beds. "
        "There is weekend working of one weekend day every 5 weeks. "
        "Experience of non-invasive ventilation is essential. "
        "The Substitute Teacher will ensure the lesson plan is followed.\n"
    )
    kept = [line.text for line in requirement_lines(text)]
    assert kept == [
        "There is weekend working of one weekend day every 5 weeks.",
        "Experience of non-invasive ventilation is essential.",
        "The Substitute Teacher will ensure the lesson plan is followed.",
    ]


def test_a_regulators_rules_make_a_duty_not_a_licence() -> None:
    """ "In accordance with NMC guidelines" names the rules the work follows; "Current NMC
    registration" asks for a licence."""
    text = (
        "Staff Nurse\n\nResponsibilities:\n"
        "- Ensure accurate records are kept in accordance with CHS policy and NMC guidelines\n"
        "- Current NMC registration\n"
    )
    kinds = {line.text: line.kind for line in requirement_lines(text)}
    assert (
        kinds["Ensure accurate records are kept in accordance with CHS policy and NMC guidelines"]
        == "duty"
    )
    assert kinds["Current NMC registration"] == "licence"


def test_perks_and_employer_facts_in_running_text_are_not_asks() -> None:
    text = (
        "Registered Nurse\n\n"
        "FLEXIBLE WORK AT WWL! Pick your own shifts and earn competitive rates of pay!\n\n"
        "Right now, we have over 126,000 members registered on our bank.\n"
        "This money is then reinvested back into the NHS.\n\n"
        "Requirements:\n- Experience of acute nursing\n"
    )
    assert [line.text for line in requirement_lines(text)] == ["Experience of acute nursing"]


def test_what_the_employer_gives_its_staff_is_not_an_ask() -> None:
    """Offers name skills ("develop their skills") without asking for them; a duty that
    receives something ("receive referrals") stays, and so do headings' asks."""
    assert not_an_ask_line(
        "Due to it being an all female ward staff are given the opportunity to develop their skills."
    )
    assert not_an_ask_line(
        "We are keen to develop our staff nurses, you will receive relevant training and supervision."
    )
    assert not not_an_ask_line("You will receive referrals and assess patients at home.")
    assert not_an_ask_line("The Person")
    assert not_an_ask_line("Schedule")
    assert not not_an_ask_line("Experience of acute nursing is essential")


def test_application_instructions_and_support_offered_are_not_asks() -> None:
    assert not_an_ask_line(
        "References Applicants must submit two (2) references as a part of the application."
    )
    assert not_an_ask_line(
        "Copy of Teaching license Applicants must submit a copy of their license."
    )
    assert not_an_ask_line(
        "The post holder will be supported in their role by the Matron for the ward area."
    )
    assert not_an_ask_line(
        "Training and development will be provided to support success in the role."
    )
    assert not_an_ask_line("Both undergraduate and graduate transcripts must be submitted.")
    assert not not_an_ask_line("Provide clinical supervision to junior staff")


def test_notes_about_the_application_are_not_asks() -> None:
    assert not_an_ask_line("Please ensure you check your Trac account regularly.")
    assert not_an_ask_line("Teams will be discussed at interview for successful candidates.")
    assert not not_an_ask_line("Ensure patients are assessed on admission")


def test_the_employers_story_after_a_lead_phrase_and_what_it_returns_are_not_asks() -> None:
    text = (
        "Critical Care Nurse\n\n"
        "As the UK's largest trauma centre our ACCU unit leads the trauma network for London.\n"
        "In addition to trauma the Royal London Hospital also provides specialist care in neurosciences.\n"
        "In return we will provide exciting learning opportunities within the clinical setting.\n"
        "As a critical care nurse you will care for level 3 patients.\n"
    )
    assert [line.text for line in requirement_lines(text)] == [
        "As a critical care nurse you will care for level 3 patients."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Must have a valid driver's license",
        "A valid VA driver’s license with excellent driving record",
        "Full UK driving licence and access to a car",
    ],
)
def test_a_driving_licence_is_a_condition_never_a_licence_gap(text: str) -> None:
    """A driving licence is a condition of the job: reported, never scored or stated as a
    gap ("I should say plainly that I do not hold a valid driver's license" claimed an
    absence the profile never states)."""
    [line] = requirement_lines(f"Teacher\n\nRequirements:\n- {text}\n")
    assert line.kind == "condition"


@pytest.mark.parametrize(
    "text",
    [
        "Must be at least 18 years of age.",
        "Applicants must be 21 years or older",
        "Minimum age 18",
        "You must be over the age of 18",
    ],
)
def test_an_age_is_a_condition_never_years_of_experience(text: str) -> None:
    """ "18 years of age" was a scored line, missing for every profile (profiles state no
    age), and so a false gap in the report and a point off every score."""
    [line] = requirement_lines(f"Teacher\n\nRequirements:\n- {text}\n")
    assert line.kind == "condition"
    assert not line.scored


def test_prose_about_the_area_under_a_duties_heading_is_not_an_ask() -> None:
    """A paragraph of running text in a list section is read as running text: the town's
    shops and trains ask nothing, while a bullet or a sentence naming the role stays."""
    text = (
        "Community Nurse\n\n"
        "Responsibilities:\n"
        "- You will visit patients in their own homes\n"
        "- Guides provide support to each child\n\n"
        "Slough is the second largest town in Berkshire. There is also a leisure centre, "
        "plus two grammar schools which do particularly well. Nurses provide wound care "
        "in clinics across the town. Guides provide personalized support to each child.\n"
    )
    kept = [line.text for line in requirement_lines(text, title="Community Nurse")]
    assert kept == [
        "You will visit patients in their own homes",
        "Guides provide support to each child",
        "Nurses provide wound care in clinics across the town.",
        "Guides provide personalized support to each child.",
    ]


def test_the_role_title_repeated_in_the_body_is_not_an_ask() -> None:
    text = (
        "Community nursing sister – Slough\nBerkshire Healthcare\n\n"
        "Community nursing sister – Slough\n\n"
        "You will line manage a team of band 5 community staff nurses.\n"
    )
    kept = [
        line.text for line in requirement_lines(text, title="Community nursing sister – Slough")
    ]
    assert kept == ["You will line manage a team of band 5 community staff nurses."]


@pytest.mark.parametrize("text", ["Regular attendance", "Punctuality and reliable attendance"])
def test_attendance_is_a_condition_of_the_job(text: str) -> None:
    [line] = requirement_lines(f"Teacher\n\nRequirements:\n- {text}\n")
    assert line.kind == "condition"


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("Excellent career development opportunities", False),
        ("Training opportunities", False),
        ("Identify training opportunities for staff", True),
        ("Participate in ongoing professional development and training opportunities", True),
    ],
)
def test_career_opportunities_in_a_list_are_an_offer_not_an_ask(text: str, ask: bool) -> None:
    assert not_an_ask_line(text) is not ask


def test_a_field_labelled_as_required_is_an_ask_even_under_about_us() -> None:
    """ "Education and Experience Required: The selected candidate must be a Licensed
    Teacher with …" sat in an About section and read as a field like "Location: Leeds":
    the post's one licence requirement was lost."""
    text = (
        "Special Education Teacher\n\nAbout us\n\nWe run a 90-day assessment programme.\n\n"
        "Education and Experience Required: The selected candidate must be a Licensed "
        "Teacher with Special Education General Curriculum endorsement.\n\n"
        "Location: Richmond, VA\n"
    )
    lines = requirement_lines(text)
    asked = [line for line in lines if "Licensed Teacher" in line.text]
    assert len(asked) == 1
    assert asked[0].text.startswith("The selected candidate must be")
    assert text[asked[0].start : asked[0].end] == asked[0].text
    assert (asked[0].importance, asked[0].kind) == ("required", "licence")
    assert not [line for line in lines if "Richmond" in line.text]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Requires the ability to lift, squat, sit, bend or stand as necessary.", "condition"),
        ("Ability to travel to other sites/locations as needed.", "condition"),
        ("Appropriate Automobile Insurance Coverage", "condition"),
        ("Ability to work some occasional evening hours, as needed", "condition"),
        ("Ability to stand for long periods", "condition"),
        ("Experience with evening and weekend programming", "experience"),
        ("Lift and transfer patients safely using hoists", "skill"),
    ],
)
def test_the_body_hours_and_insurance_a_job_asks_are_conditions(text: str, kind: str) -> None:
    """A virtual-school posting's "ability to lift, squat, sit, bend or stand", travel
    between sites and car insurance were scored as skills every profile misses."""
    [line] = requirement_lines(f"Teacher\n\nRequirements:\n- {text}\n")
    assert line.kind == kind


def test_a_line_weighed_preferred_is_no_banner() -> None:
    """Names and one word in lower case read as a header line ("Acme Health — Boston, MA"),
    unless the line says how much it matters: then it is an ask."""
    from tailor.analysis.lines import _is_banner

    assert _is_banner("Acme Health — Boston, MA (Hybrid)")
    assert not _is_banner("Child Development Associate (CDA) preferred")
