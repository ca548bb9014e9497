"""The posting's named contact and job reference (tailor.analysis.contact).

Every snippet here is written for the test; none is copied from a real posting.
"""

from __future__ import annotations

import pytest

from tailor.analysis.contact import Contact, Reference, find_contact, find_reference


def contact_in(text: str) -> Contact:
    found = find_contact(text)
    assert found is not None
    assert text[found.start : found.end] == found.name
    return found


def reference_in(text: str) -> Reference:
    found = find_reference(text)
    assert found is not None
    assert text[found.start : found.end] == found.value
    return found


# ---- contacts ------------------------------------------------------------------


def test_nhs_informal_visit_contact_with_role() -> None:
    text = (
        "You will work across two sites.\n\nFor further information or to arrange an informal "
        "visit please contact Emma McColl, Ward Manager, on 0191 496 0000.\n\nClosing date: 1 May"
    )
    found = contact_in(text)
    assert (found.name, found.honorific, found.role) == ("Emma McColl", None, "Ward Manager")
    assert found.start == text.index("Emma")


def test_a_form_field_contact_name_without_its_colon() -> None:
    """A state job board's fields run together: a blind reader saw "Dear Hiring Manager:"
    above a letter whose posting named its contact."""
    text = "Open Until Filled Agency Website example.edu Contact Name Dana Whitlow Email dw@example.edu"
    assert contact_in(text).name == "Dana Whitlow"
    assert find_contact("Our contact person is the team lead.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Req. ID: 140146\nRecruiter: Dana Whitlow\nAre you passionate about data?",
        "Our benefits are generous.\n\nFor further details\n\nDana Whitlow, Lead Nurse\n",
        "To know more please contact me\n\nDana Whitlow - Enterprise Architect\n",
    ],
)
def test_a_recruiter_and_a_name_under_for_further_details(text: str) -> None:
    """Two contacts blind readers found ignored ("Dear Sir or Madam," above a letter whose
    posting named them)."""
    assert contact_in(text).name == "Dana Whitlow"


def test_honorific_with_a_full_stop_is_normalised() -> None:
    text = "For informal enquiries please contact Dr. Jane Rhodes, Consultant Physician."
    found = contact_in(text)
    assert (found.name, found.honorific) == ("Jane Rhodes", "Dr")
    assert found.role == "Consultant Physician"


@pytest.mark.parametrize(
    ("text", "name", "honorific"),
    [
        ("Contact: Mrs Siobhan O'Neill-Hart, Matron", "Siobhan O'Neill-Hart", "Mrs"),
        ("For further details please contact Prof. Alan MacDonald.", "Alan MacDonald", "Prof"),
        ("For more information contact Professor Ruth Okafor.", "Ruth Okafor", "Professor"),
        ("Please contact Mr Tomasz Nowak on 0113 496 0000.", "Tomasz Nowak", "Mr"),
        ("For an informal chat please call Jo Hall on 02392 286000.", "Jo Hall", None),
        ("To discuss this post please email Chris Davis, c.davis@nhs.net.", "Chris Davis", None),
        ("For more please email Sherine Lowers @ s.lowers@spire.com", "Sherine Lowers", None),
        ("please contact Priya Natarajan on 0161 496 0000", "Priya Natarajan", None),
        (
            (
                "For more information simply get in touch with Charlotte Baines, Bank "
                "Recruitment Coordinator, at bank@example.nhs.uk"
            ),
            "Charlotte Baines",
            None,
        ),
        # A blind reader saw "Dear Sir or Madam" where the posting named these two.
        (
            (
                "Interested applicants are invited to visit on an informal basis by "
                "arrangement with:\n\nMr Mr C McBryde: - Consultant in Hip Surgery"
            ),
            "C McBryde",
            "Mr",
        ),
        (
            "For further details / informal visits contact:\n\nHenry wilding, Head of Nursing",
            "Henry wilding",
            None,
        ),
        (
            "For informal visits contact: Dr A Allameddine Consultant Haematology",
            "A Allameddine",
            "Dr",
        ),
    ],
)
def test_names_and_honorifics(text: str, name: str, honorific: str | None) -> None:
    found = contact_in(text)
    assert (found.name, found.honorific) == (name, honorific)


def test_name_on_the_line_after_the_cue() -> None:
    text = (
        "For further details / informal visits contact:\n\nName: Oliver Grant\n\n"
        "Job title: Charge Nurse\n\nEmail address: oliver.grant@example.org"
    )
    assert contact_in(text).name == "Oliver Grant"


def test_first_of_several_contacts() -> None:
    text = "For an informal chat please contact Priya Natarajan or Tom Hughes on 01632 960000."
    assert contact_in(text).name == "Priya Natarajan"


def test_a_title_run_on_after_the_name_is_not_part_of_it() -> None:
    text = "For more information please contact Rob Ellis Team Leader on 01632 960000."
    assert contact_in(text).name == "Rob Ellis"


def test_hiring_manager_label() -> None:
    assert contact_in("Location: Leeds\nHiring manager: Tom Baker\nSalary: £30,000").name == (
        "Tom Baker"
    )


def test_honorific_before_an_apostrophe_surname() -> None:
    found = contact_in("Please contact Ms Anna-Marie D'Souza (Clinical Lead) on 01632 960000.")
    assert (found.name, found.honorific) == ("Anna-Marie D'Souza", "Ms")


def test_form_fields_glued_together_by_an_export() -> None:
    text = (
        "For further details / informal visits contact:\n\nNameHelen MarshJob titleTheatre "
        "ManagerEmail addresshelen.marsh@example.org"
    )
    found = contact_in(text)
    assert (found.name, found.role) == ("Helen Marsh", "Theatre Manager")


def test_enquiries_to_a_named_person() -> None:
    text = "Informal enquiries to Amy Taylor, Interim Matron, on 01632 960000."
    assert contact_in(text).name == "Amy Taylor"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "We value teamwork and offer flexible working.",
        "Please contact the Recruitment Team for details.",
        "Get in touch with us today to find out more.",
        "Please contact Recruitment Team on 01632 960000.",
        "Please email your CV and covering letter to recruitment@acme.example.",
        "For further information please contact Human Resources.",
        "If you have any questions please contact Hiring Team.",
        "For informal enquiries please contact the Ward Manager.",
        "Informal visits are welcome; please contact Medical Staffing on 01632 960000.",
        "Please contact Riverside Hospital Trust for an application pack.",
        "Please contact jobs@example.com",
        "For further details contact: jobs@example.com",
        "For further details please contact Jane.Smith@example.org",
        "Reports to: Sarah Jones, Head of Nursing",
        "We will contact Jane Smith's referees after interview.",
        "please contact Emma",
    ],
)
def test_no_person_no_contact(text: str) -> None:
    assert find_contact(text) is None


def test_a_name_running_into_an_email_address_is_none() -> None:
    assert find_contact("please contact Ngozi Adeyemi Okafor.adeyemi@example.org") is None


def test_a_team_whose_name_starts_with_the_is_none() -> None:
    text = "For more information please contact The Talent Acquisition Team."
    assert find_contact(text) is None


def test_a_heading_after_a_contact_label_is_none() -> None:
    text = "Contact Information:\n\nApplicant Documents\n\nRequired Documents\n\n- Resume"
    assert find_contact(text) is None


# ---- references ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Band 5\nJob reference: 123-A-4567\nApply now.", "123-A-4567"),
        ("Reference number: 916-TMC-3120.", "916-TMC-3120"),
        ("Ref: ABC123", "ABC123"),
        ("Job ID: R-0042311\nLocation: Remote", "R-0042311"),
        ("Requisition ID: 55012", "55012"),
        ("Vacancy reference: 301-ACU-0042", "301-ACU-0042"),
        ("Post Ref: 457-20-019-AN\n\nHours: 37.5", "457-20-019-AN"),
        ("Job reference: 916-TMC-3120, closing 5 May", "916-TMC-3120"),
        ("Req ID: 18203", "18203"),
        ("Req. ID: 140146\nLocation: Boise", "140146"),  # a blind reader found it left out
        ("Weekly Hours: 40\nRole Number: 200107277\n", "200107277"),
        ("Posting Number ADJ_1805P Recruitment Type General Public", "ADJ_1805P"),
    ],
)
def test_reference_forms(text: str, value: str) -> None:
    found = reference_in(text)
    assert found.value == value
    assert found.start == text.index(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "No reference given here.",
        "Ref: none",
        "Job reference: TBC",
        "References: two required, one from your current employer.",
        "Please quote the post reference number when you apply.",
    ],
)
def test_no_reference(text: str) -> None:
    assert find_reference(text) is None


def test_vacancy_reference_without_a_colon() -> None:
    assert reference_in("search by vacancy reference 301-ACU-0042 on our site").value == (
        "301-ACU-0042"
    )


def test_a_label_with_no_value_does_not_hide_the_next_one() -> None:
    assert reference_in("Organisation and Job ID\n\nJob ID: 308744\n").value == "308744"


# ---- huge input ----------------------------------------------------------------

TWO_MB = 2_000_000


@pytest.mark.parametrize(
    "unit",
    [
        "please contact ",
        "contact:",
        "Ref: ",
        "Job reference\n\n",
        "Emma ",
        "O'",
        "For further details / informal visits contact:\n\nName ",
        "Job ID: 1-",
    ],
)
def test_two_megabytes_of_repeated_cues_return(unit: str) -> None:
    text = unit * (TWO_MB // len(unit))
    found = find_contact(text)
    if found is not None:
        assert text[found.start : found.end] == found.name
    ref = find_reference(text)
    if ref is not None:
        assert text[ref.start : ref.end] == ref.value


def test_two_megabytes_of_prose_then_a_contact() -> None:
    filler = "The team provides care to adult patients across the region. " * (TWO_MB // 61)
    text = filler + "For further information please contact Emma McColl. Job reference: 9-Z-1"
    found = contact_in(text)
    assert (found.name, found.start) == ("Emma McColl", text.index("Emma McColl"))
    assert reference_in(text).value == "9-Z-1"


def test_a_job_title_before_the_name_is_the_role_not_the_name() -> None:
    found = contact_in(
        "For further details / informal visits contact:\n\n"
        "Senior Sister Annah Tavengahama on 020 3313 2643 or annah.tavengahama@nhs.net\n"
    )
    assert (found.name, found.role) == ("Annah Tavengahama", "Senior Sister")


def test_a_name_label_run_into_the_name() -> None:
    """Table cells that ran together: "NameJo Ennis joanne.ennis@…"."""
    found = contact_in(
        "For further details / informal visits contact:\n\nNameJo Ennis joanne.ennis@uhl-tr.nhs.uk\n"
    )
    assert found.name == "Jo Ennis"


def test_a_surname_in_capitals_before_a_glued_label_and_a_cue_by_contacting() -> None:
    text = (
        "For further details / informal visits contact:\n\nNameRebecca DANIELSEmail "
        "addressrebeccadaniels@nhs.netTelephone number0203 7387063"
    )
    assert contact_in(text).name == "Rebecca DANIELS"
    found = contact_in(
        "To find out more, by contacting Tracey Spacey, Critical Care Unit Manager, on 01924."
    )
    assert (found.name, found.role) == ("Tracey Spacey", "Critical Care Unit Manager")
    # An acronym first is no given name; an accommodations desk is no contact for the post.
    assert find_contact("Please contact NHS Jobs for help with your account.") is None
    assert contact_in("Please contact Jo Ennis NHS Professionals on 0113.").name == "Jo Ennis"
    assert find_contact("Request accommodations by contacting Catra Godwin by phone.") is None
