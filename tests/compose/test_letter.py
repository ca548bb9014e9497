"""The letter's body: topic sentences, told facts, the fallback body, no repeats."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from helpers.prepared import prepared_for
from tailor.compose.letter import (
    WORDS_POINT_MIN,
    _as_asked,
    _described_project,
    _joined_stubs,
    _place,
    _plain_position,
    _project_sentence,
    _tellable,
    _topic,
    _varied_frames,
)
from tailor.compose.voice import base_verbs
from tailor.compose.wording import builtin_voices
from tailor.pipeline import prepare
from tailor.profile.facts import Fact

ROOT = Path(__file__).resolve().parents[2]
VOICE = builtin_voices()["formal"]


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        ("Clear written and verbal communication.", "clear written and verbal communication"),
        ("Experience with A/B testing or controlled store tests.", "experience with A/B testing"),
        ("Ability to lead a team and support junior staff.", "lead a team"),
        ("Support junior staff members", "support junior staff members"),
    ],
)
def test_a_topic_reads_an_ask_as_a_noun_phrase_or_a_verb_phrase(ask: str, expected: str) -> None:
    topic = _topic(ask, VOICE, ("seed",))
    assert expected in topic
    if expected.startswith(("lead", "support")):  # a verb phrase follows "to" or "can"
        assert f"to {expected}" in topic or f"can {expected}" in topic
    assert "someone to clear" not in topic
    assert "someone to experience" not in topic


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        ("Are you an inspiring and independent leader?", "an inspiring and independent leader."),
        (
            "Are you committed to leading the ward team to provide the highest standard of care?",
            "someone committed to leading the ward team",
        ),
        ("Do you have experience of working with older adults?", "experience of working with"),
        (
            (
                "As Deputy Ward Manager, your role will be to co-ordinate the quality and management "
                "of nursing care, patient care and the clinical environment."
            ),
            "to co-ordinate the quality and management of nursing care",
        ),
        (
            (
                "Supporting the ward manager you will provide support, supervision and guidance to "
                "members of the Nursing Team and support the operational management of the ward."
            ),
            "provide support, supervision and guidance to members of the Nursing Team.",
        ),
        (
            (
                "The successful post holder will ensure the day to day operational management of the "
                "ward and be instrumental in driving the quality improvement programme on the ward."
            ),
            "ensure the day to day operational management of the ward.",
        ),
        (
            (
                "The Computational Biologist will work with high-dimensional imaging datasets and "
                "follow best practices such as literature currency."
            ),
            "work with high-dimensional imaging datasets and follow best practices.",
        ),
        (
            (
                "You will need to have excellent organisational and interpersonal skills, the "
                "ability to demonstrate leadership and a sound understanding of medical nursing."
            ),
            "excellent organisational and interpersonal skills.",
        ),
        (
            (
                "As a Community Nurse working in a Camden Integrated Neighbourhood Team you will "
                "provide nursing interventions to a range of housebound patients and help to manage "
                "their care supported by a skilled team"
            ),
            "provide nursing interventions to a range of housebound patients.",
        ),
    ],
)
def test_an_ask_in_the_ads_own_framing_is_restated_without_it(ask: str, expected: str) -> None:
    """Questions, the post's own title or the applicant's place as the subject, and a
    second duty or a purpose after the first: the topic restates the first ask alone, never
    "You want someone able to access to …" nor "… patients and help."."""
    topic = _topic(ask, VOICE, ("seed",))
    assert expected in topic
    assert not topic.lower().startswith(("you are looking for co-ordinate", "you ask for are"))


def test_an_ask_that_opens_with_an_article_is_restated_in_lower_case() -> None:
    """A blind reader quoted "You ask for A strong clinical background …"."""
    topic = _topic("A strong clinical background in acute care.", VOICE, ("seed",))
    assert "for a strong clinical background in acute care." in topic


@pytest.mark.parametrize(
    ("skill", "said"),
    [
        ("communication", "communication skills"),
        ("leadership", "leadership skills"),
        ("Python", "Python"),
        ("patient care", "patient care"),
        ("Google Classroom", "Google Classroom"),
    ],
)
def test_a_bare_abstract_skill_is_named_as_a_skill(skill: str, said: str) -> None:
    """A blind reader quoted "You are looking for communication." from a letter."""
    assert _as_asked(skill) == said


def test_a_long_ask_is_named_without_its_purpose_and_a_short_one_whole() -> None:
    """A topic names the ask rather than reciting it: 8+ words copied from the posting read
    as pasted (38 of 39 such runs in the dev letters were topics)."""
    ask = "Are you committed to leading the ward team to provide the highest standard of care?"
    topic = _topic(ask, VOICE, ("seed",))
    assert topic.endswith("committed to leading the ward team.")
    assert "provide care and support." in _topic("Provide care and support", VOICE, ("seed",))


def test_ages_of_those_served_stay_and_a_list_is_never_cut_before_its_noun() -> None:
    """A blind reader quoted "This post needs someone to work with children ages." and
    "… design experiments, test hypotheses, and build descriptive."."""
    ages = _topic("Work with children ages 12-24 months.", VOICE, ("seed",))
    assert ages.endswith("children ages 12-24 months.")
    listed = (
        "Designs experiments, test hypotheses, and build descriptive, predictive and "
        "prescriptive analytics models fulfilling well defined Telecoms Assurance use cases"
    )
    assert not _topic(listed, VOICE, ("seed",)).endswith("build descriptive.")


def test_the_ads_offer_after_as_well_as_is_not_restated() -> None:
    ask = "As well as your colleagues, you will have access to and support from our teams."
    assert "access to and support" not in _topic(ask, VOICE, ("seed",))
    cut = (
        "As part of our data science team, you will work cross-functionally to extract insights "
        "about customer behavior, leverage them to make product improvements, and propose the "
        "development of new features."
    )
    assert ",." not in _topic(cut, VOICE, ("seed",))  # a blind reader quoted "…improvements,."
    offer = "The Royal Free will support you to develop your clinical skills."
    assert _topic(offer, VOICE, ("seed",)) == ""


def test_a_leading_modal_is_dropped_and_none_is_restated() -> None:
    """A blind reader quoted "You need someone who can must adhere to weekly class
    schedule." from a letter."""
    topic = _topic("Must adhere to weekly class schedule", VOICE, ("seed",))
    assert "adhere to weekly class schedule" in topic
    assert "must" not in topic.lower()


def test_a_name_after_a_lead_is_not_restated_as_an_ask() -> None:
    topic = _topic("We are looking for a caring teacher to Bundle of Joy Centers", VOICE, ("seed",))
    assert "Bundle" not in topic
    assert "bundle" not in topic


@pytest.mark.parametrize(
    "ask",
    [
        "If you’re reading this ad, you’re very likely to already be on your community team",
        "Each week, the class meets online on the ClassIn.",
        "Two years of experience with statistical (R, Python)",
        "Experience with etc.",
        "Malleable, willing to change to meet standards.",
        (
            "Research, design, develop, and test various CV/AI/ML frameworks and models for "
            "Network Inventory and Provisioning"
        ),
        (
            "The candidate would also use open source tools to create, train, and refine entity "
            "resolution pipelines first with test data and then potentially with real data"
        ),
        (
            "Bundle of Joy Child Development Centers, part of the Cadence Education family, is "
            "currently seeking a Preschool Teacher Assistant to bring your love of children"
        ),
        "You will be joining other extremely passionate data scientists and engineers",
        "Support our product, clinical",
        "Scripting experience with one of these languages",
        "Candidates should be able to work weekends and must hold a licence",
    ],
)
def test_an_ask_that_is_no_whole_phrase_gets_no_topic_sentence(ask: str) -> None:
    """A clause with its own subject, a phrase cut off mid-way or a list of traits would
    make a broken sentence after "The role asks for": the paragraph opens with its
    evidence instead."""
    assert _topic(ask, VOICE, ("seed",)) == ""


def test_a_list_of_nouns_is_restated_as_a_noun_phrase_and_months_are_dropped() -> None:
    listed = _topic("Design, planning and daily delivery of lesson plans", VOICE, ("seed",))
    assert "design, planning and daily delivery of lesson plans" in listed
    assert "someone" not in listed
    months = _topic("6 months malignant haematology experience", VOICE, ("seed",))
    assert "malignant haematology experience" in months
    assert "6 months" not in months


def test_a_project_description_says_what_the_project_is() -> None:
    said = _project_sentence(
        "tinyretrieve", "Open-source PyTorch library for evaluating retrieval on small histories."
    )
    assert said == (
        "My project tinyretrieve is an open-source PyTorch library for evaluating retrieval on "
        "small histories."
    )
    led = _project_sentence("Missed doses audit", "Led to a stock list change for the AMU.")
    assert led == "The missed doses audit led to a stock list change for the AMU."
    # A descriptive name without the résumé's note in brackets (a blind reader quoted
    # "My project Fifth-grade reading regrouping (M.Ed. action research) was …").
    compared = _project_sentence(
        "Fifth-grade reading regrouping (M.Ed. action research)",
        "Compared 2 years of benchmark data for 51 students.",
    )
    assert compared == (
        "For the fifth-grade reading regrouping, I compared 2 years of benchmark data for "
        "51 students."
    )
    # A place after a comma is said as one (a blind reader quoted "The missed doses audit,
    # acute medical unit led to …").
    audit = _project_sentence(
        "Missed doses audit, acute medical unit", "Led to a stock list change for the AMU."
    )
    assert (
        audit
        == "The missed doses audit on the acute medical unit led to a stock list change for the AMU."
    )


def test_a_label_followed_by_nouns_is_not_told_as_a_sentence() -> None:
    stub = Fact(
        "work[0].highlights[0]", "Controlled drugs duties - CD register checks", "highlight"
    )
    told = Fact("work[0].highlights[1]", "Ward cover - ran the weekend rota", "highlight")
    assert not _tellable(stub)
    assert _tellable(told)


def _nurse_for(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    """The example nurse prepared for a posting written to `tmp_path`."""
    return prepared_for(tmp_path, text, "example-nurse.yaml")


def _letter(posting: str, profile: str) -> str:
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    prepared = prepare(ROOT / "examples/postings" / posting, ROOT / "profiles" / profile)
    context = compose(prepared, DocumentOptions()).context
    return "\n\n".join(context.paragraphs)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("posting", "profile"),
    [
        ("nlp-engineer-lumen.txt", "example.yaml"),
        ("staff-nurse-riverside.txt", "example-nurse.yaml"),
        ("data-analyst-northwind.txt", "example.yaml"),
    ],
)
def test_no_pasted_scaffolding_and_no_fact_told_twice(posting: str, profile: str) -> None:
    body = _letter(posting, profile)
    for stub in ("one result stands out", "Another result:", "My record includes this"):
        assert stub not in body
    sentences = [s for s in body.replace("\n", " ").split(". ") if len(s) > 40]
    assert len(sentences) == len(set(sentences))
    assert body.count("Route-and-Distil") <= 1
    openings = [" ".join(p.split()[:4]) for p in body.split("\n\n")]
    assert len(openings) == len(set(openings)), openings  # no frame opens two paragraphs


def test_a_job_summary_is_told_as_what_the_job_was_only_when_it_names_the_person() -> None:
    from tailor.compose.letter import _role_sentence

    nurse = Fact(
        "work[1].summary",
        "Staff nurse on a 42-bed acute medical unit admitting around 60 patients a day. More.",
        "summary",
        "Staff Nurse (Band 5), Acute Medical Unit, Aire Valley Trust",
        "work[1]",
    )
    assert _role_sentence(nurse, "past") == (
        "I was a staff nurse on a 42-bed acute medical unit admitting around 60 patients a day."
    )
    post = Fact(
        "work[2].summary",
        "Training post rotating through the dispensary and stores.",
        "summary",
        "Pre-registration Trainee Pharmacy Technician, Irwell Valley",
        "work[2]",
    )
    assert _role_sentence(post, "past") is None  # "I was a training post" would be wrong


def test_no_topic_frame_opens_two_paragraphs_of_one_letter() -> None:
    frames: set[str] = set()
    asks = [
        "Support junior staff members",
        "Lead the ward on night shifts",
        "Teach student nurses on placement",
        "Audit medicines safety every month",
    ]
    openings = [_topic(ask, VOICE, ("seed", 0), frames).split(" ")[:4] for ask in asks]
    assert len({tuple(o) for o in openings}) == len(asks), openings


def test_a_required_registration_is_confirmed_in_the_opening_from_the_credential(
    tmp_path: Path,
) -> None:
    from tailor.compose.letter import compose_letter

    prepared = _nurse_for(
        tmp_path,
        "Staff Nurse\nRiverside NHS Trust\n\nRequirements\n\n"
        "- Current NMC registration as a Registered Nurse (Adult).\n"
        "- Experience of caring for acutely unwell adults.\n",
    )
    letter = compose_letter(
        prepared.profile, prepared.analysis, prepared.result, grounded=lambda _: True
    )
    opening = letter.paragraphs[0]
    # The summary says the registration ("I am an NMC-registered adult nurse …"): the
    # certificate's name is not said again in a second "I am …" sentence.
    assert "I am an NMC-registered adult nurse" in opening
    assert "NMC Registered Nurse – Adult (RN1)" not in opening
    # Without that summary, the certificate confirms it.
    prepared.profile.basics.summary = "Adult nurse on a respiratory ward."
    letter = compose_letter(
        prepared.profile, prepared.analysis, prepared.result, grounded=lambda _: True
    )
    assert (
        "I am an NMC Registered Nurse – Adult (RN1), registered with the Nursing and Midwifery"
        in letter.paragraphs[0]
    )
    # The registration is shown by the credential, never argued from a bullet.
    assert all(
        p.ask != "Current NMC registration as a Registered Nurse (Adult)." for p in letter.points
    )


@pytest.mark.parametrize(
    "line",
    [
        "He also gets to work one-on-one with special education students.",
        "Outside the school, he co-leads civic events in the community.",
        "They start their day at 6.",
        "Professional development opportunities",
        "For Infant and Young Toddler Teachers",
        "Parents, carers and staff need clear updates",
        "Completed a state-approved teacher preparation program in Elementary Education",
        "Feature Engineering",
        "Experience in one or more of the following areas:",
    ],
)
def test_a_line_of_the_ads_story_is_not_restated_as_an_ask(line: str) -> None:
    assert _topic(line, VOICE, ("seed",)) == ""


def test_a_third_person_run_of_duties_is_restated_with_base_verbs() -> None:
    topic = _topic("Plans, teaches and assesses writing.", VOICE, ("seed",))
    assert topic.endswith("plan, teach and assess writing.")


def test_a_plural_noun_after_and_stays_a_noun_when_no_verb_was_third_person() -> None:
    """ "apply technical papers and article" came from restating "Ability to read,
    understand, and apply technical papers and articles": "articles" is a verb's -s form
    too, but nothing before it was in the third person."""
    topic = _topic(
        "Ability to read, understand, and apply technical papers and articles",
        VOICE,
        ("seed",),
    )
    assert topic.endswith("technical papers and articles.")
    assert base_verbs("assesses learning and alters instruction") == (
        "assess learning and alter instruction"
    )


def test_a_trailing_preferred_is_not_restated() -> None:
    topic = _topic("1-2 years of previous experience preferred", VOICE, ("seed",))
    assert "preferred" not in topic
    assert topic.endswith(" previous experience.")  # the count of years is left out


def test_a_named_addressee_stands_apart_from_the_greeting_in_markdown() -> None:
    from tailor.render.context import example_letter
    from tailor.render.markdown import render_markdown

    context = example_letter().model_copy(update={"recipient": "Helen Hewitt"})
    text = render_markdown(ROOT / "templates" / "letter" / "classic.md.j2", context)
    assert "Helen Hewitt\nAcme & Sons <Ltd>\n\nDear Hiring Manager:" in text


def test_an_older_job_at_the_current_employer_is_an_earlier_role_not_the_previous_one() -> None:
    from tailor.compose.letter import _FRAME, _unframed

    assert _unframed("In an earlier role there, I provided care.") == "I provided care."
    assert _FRAME.match("In my previous role there, I led it.")


def test_a_company_ending_in_a_full_stop_ends_the_sentence_once(tmp_path: Path) -> None:
    from tailor.compose.letter import compose_letter

    posting = tmp_path / "posting.txt"
    posting.write_text("Teacher\n\nRequirements\n- Plan weekly lessons.\n", encoding="utf-8")
    prepared = prepare(posting, ROOT / "profiles" / "example-teacher.yaml", company="Pathful Inc.")
    letter = compose_letter(
        prepared.profile,
        prepared.analysis,
        prepared.result,
        company="Pathful Inc.",
        grounded=lambda _: True,
    )
    assert "at Pathful Inc. " in letter.paragraphs[0]
    assert ".." not in " ".join([*letter.paragraphs, letter.closing])


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        # A long ask keeps its action and drops its purpose or manner.
        (
            (
                "Communicate and collaborate respectfully with parents to provide the best "
                "possible care for every child"
            ),
            "communicate and collaborate respectfully with parents.",
        ),
        (
            (
                "Plans, delivers and evaluates instruction based upon specific standards and "
                "objectives established by the school division"
            ),
            "plan, deliver and evaluate instruction.",
        ),
        # The applicant's subject and its auxiliaries go; an object pronoun stays.
        (
            (
                "You should be committed to and have proven ability to deliver a high standard "
                "of care to patients within their own home."
            ),
            "deliver a high standard of care to patients.",
        ),
        (
            (
                "The successful candidate will demonstrate excellent communication skills, have "
                "the ability to manage their own caseload."
            ),
            "excellent communication skills.",
        ),
        ("Hands on programming experience with Java", "hands on programming experience"),
        (
            "Have a working knowledge of ML algorithms for Regression and Classification problems.",
            "a working knowledge of ML algorithms",
        ),
        ("Must be comfortable performing various tasks", "someone to be comfortable performing"),
        # An adjective and its object is what someone is, never "asks for familiar with".
        ("Familiar with SQL", "someone familiar with SQL."),
        ("Track record of developing models", " a track record of developing models."),
        ("Lead/coordinate shifts", " to lead or coordinate shifts."),
        ("Track-record of having developed novel algorithms", " a track-record of having"),
        ("Proven track record of delivering results", " a proven track record of delivering"),
        ("Skilled in providing parents with daily feedback", "someone skilled in providing"),
        ("Comfortable teaching online", "someone comfortable teaching online."),
        ("Strong understanding of statistics", " strong understanding of statistics."),
    ],
)
def test_a_prose_ask_is_restated_as_its_core(ask: str, expected: str) -> None:
    assert expected in _topic(ask, VOICE, ("seed",))


def test_an_ask_of_alternatives_names_those_the_profile_has() -> None:
    from tailor.checks.grounding import violations
    from tailor.compose.letter import _held_alternatives, _Letter

    posting = ROOT / "examples/postings" / "data-analyst-northwind.txt"
    prepared = prepare(posting, ROOT / "profiles" / "example.yaml")

    def grounded(text: str) -> bool:
        found = violations(text, grounds=prepared.grounds, allowed=[], taxonomy=prepared.taxonomy)
        return not found

    letter = _Letter(prepared.profile, "US", frozenset(), grounded)
    held = _held_alternatives("Experience in Python, Scala, Haskell or Fortran is required", letter)
    assert held == "Experience in Python"
    assert _held_alternatives("Experience in Python or SQL", letter) is None  # all held
    # An item with no word the folding keeps ("D3") is not shown to be held.
    assert (
        _held_alternatives("Experience with Tableau, D3, Python or other tools", letter)
        == "Experience with Python"
    )
    # Two asks, not alternatives: a blind reader quoted "The post calls for experience in
    # knowledge of SQL."
    assert (
        _held_alternatives("Experience in relational database and knowledge of SQL", letter) is None
    )
    # The word that singles an item out is no part of it.
    assert (
        _held_alternatives(
            "Experience with containerization technologies, particularly Docker and Kubernetes",
            letter,
        )
        == "Experience with Docker"
    )
    # "Knowledge and experience working with …" is no list of alternatives to cut.
    assert (
        _held_alternatives("Knowledge and experience working with Oracle and SQL", letter) is None
    )


@pytest.mark.parametrize("command", ["letter", "resume"])
def test_a_skill_in_the_cleaned_title_is_the_postings_not_a_claim(
    tmp_path: Path, command: str
) -> None:
    """ "Application Engineer – Datacentre Migration" is written "Application Engineer
    (Datacentre Migration)": the guard allows the title as the documents write it (the
    letter's subject, the résumé's application line)."""
    from click.testing import CliRunner

    from tailor.cli.app import cli

    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Application Engineer – Datacentre Migration (Band 8a)\nNHS Professionals\n\n"
        "Requirements\n- Care for acutely unwell patients.\n",
        encoding="utf-8",
    )
    profile = ROOT / "profiles" / "example-nurse.yaml"
    out = tmp_path / "out"
    args = [command, str(posting), "--profile", str(profile), "--format", "md", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("posting", "profile"),
    [
        ("nlp-engineer-lumen.txt", "example.yaml"),
        ("staff-nurse-riverside.txt", "example-nurse.yaml"),
    ],
)
def test_the_opening_names_a_result_that_speaks_to_the_posting_and_no_paragraph_repeats(
    posting: str, profile: str
) -> None:
    """Who the applicant is, then one job result that backs an ask of this posting; the
    plan's data carries it (`opening`) for a template written from scratch."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.matching.relevance import fact_relevance

    prepared = prepare(ROOT / "examples/postings" / posting, ROOT / "profiles" / profile)
    context = compose(prepared, DocumentOptions()).context
    assert len(context.opening) == 1  # type: ignore[attr-defined]
    told = context.opening[0]  # type: ignore[attr-defined]
    assert told.ref.startswith("work[")
    assert ".highlights[" in told.ref
    assert told.sentence in context.paragraphs[0]  # type: ignore[attr-defined]
    assert fact_relevance(prepared.result.match.lines)[told.ref].backs >= 1
    in_points = {f.ref for p in context.points for f in p.facts}  # type: ignore[attr-defined]
    assert told.ref not in in_points


def test_a_restated_ask_leaves_out_its_count_of_years() -> None:
    """ "You ask for 5+ years of experience in Python." beside one Python result reads as a
    claim to five years of it: the letter restates the experience, not the count."""
    for ask in ("5+ years of experience in Python", "At least 3 years experience of acute nursing"):
        topic = _topic(ask, VOICE, ("seed", 1), set())
        assert topic
        assert not any(ch.isdigit() for ch in topic), topic


def test_an_ask_told_by_one_fact_gets_a_second_the_fact_model_finds_close() -> None:
    from helpers.matches import line_match
    from tailor.compose.letter import SECOND_FACT_MIN, _with_second_facts

    cited = Fact(
        "work[0].highlights[0]",
        "Raised the math pass rate from 68% to 81%.",
        "highlight",
        "Teacher",
        "work[0]",
    )
    close = Fact(
        "work[2].highlights[3]",
        "Integrated hands-on math centers that raised the pass rate from 64% to 77%.",
        "highlight",
        "Teacher",
        "work[2]",
    )
    far = Fact("work[1].highlights[0]", "Ran the book fair.", "highlight", "Teacher", "work[1]")
    line = line_match(
        "Plans and delivers math curriculum",
        section="responsibilities",
        support={cited.ref: 0.9, close.ref: SECOND_FACT_MIN + 0.05, far.ref: SECOND_FACT_MIN - 0.1},
    )
    facts = {f.ref: f for f in (cited, close, far)}
    [(_, _, told)] = _with_second_facts([(0, line, [cited])], facts, {cited.ref}, 2)
    assert [f.ref for f in told] == [cited.ref, close.ref]
    # never a fact another paragraph tells, never below the floor
    [(_, _, told)] = _with_second_facts([(0, line, [cited])], facts, {cited.ref, close.ref}, 2)
    assert [f.ref for f in told] == [cited.ref]


def test_a_short_letter_tells_the_applicants_earlier_job_in_the_same_profession(
    tmp_path: Path,
) -> None:
    """A staff nurse post that asks little: the nurse's earlier nursing job, what it was
    and its result that speaks most to the post, once; never a job of another trade."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    prepared = _nurse_for(
        tmp_path,
        "Staff Nurse\nAcme Hospitals NHS Trust\n\nResponsibilities:\n"
        "- Coordinate the ward as nurse in charge and lead the nursing team on shifts\n"
        "- Lead quality improvement projects that reduce inpatient falls\n",
    )
    context = compose(prepared, DocumentOptions()).context
    body = "\n\n".join(context.paragraphs)  # type: ignore[attr-defined]
    assert body.count("a staff nurse on a 42-bed acute medical unit") == 1
    assert "700 bank hours" not in body  # another trade's job (healthcare assistant) is not told


def test_an_asks_markdown_emphasis_is_not_restated() -> None:
    topic = _topic("*Tracheostomy care and NIV experience*", VOICE, ("seed", 2), set())
    assert topic
    assert "*" not in topic


def test_the_first_paragraph_does_not_reframe_the_job_the_opening_just_told() -> None:
    from tailor.compose.letter import _after_opening
    from tailor.render.context import LetterPoint, PointFact

    told = PointFact(
        ref="work[0].highlights[1]",
        text="Coordinate the ward.",
        sentence="In my current role, I coordinate the ward.",
        employer="Acme",
        role="Nurse",
        dates=None,
        tense="present",
    )
    point = LetterPoint(
        ask="Lead shifts", importance="required", topic="", facts=[told], paragraph=told.sentence
    )
    [same_job] = _after_opening([point], "work[0]")
    assert same_job.paragraph == "I coordinate the ward."
    [other_job] = _after_opening([point], "work[1]")
    assert other_job.paragraph == told.sentence


def test_a_credential_reads_as_what_the_applicant_is_or_holds() -> None:
    """A registered role is what the applicant is; a licence or certificate is held, with
    its article; the month is spelled out."""
    from tailor.compose.letter import _certificate_sentence
    from tailor.profile.load import load_profile

    nurse = load_profile(ROOT / "profiles" / "example-nurse.yaml")
    teacher = load_profile(ROOT / "profiles" / "example-teacher.yaml")
    assert _certificate_sentence(nurse, 0) == (
        "I am an NMC Registered Nurse – Adult (RN1), registered with the Nursing and"
        " Midwifery Council in September\u00a02019."
    )
    licence = _certificate_sentence(teacher, 0)
    assert licence is not None
    assert licence.startswith("I hold the Virginia ")
    assert "Sep\u00a0" not in licence
    # A name that says what it certifies is held as a certification.
    first_aid = next(
        i for i, c in enumerate(teacher.certificates) if c.name == "CPR, AED and First Aid"
    )
    said = _certificate_sentence(teacher, first_aid)
    assert said is not None
    assert said.startswith("I hold CPR, AED and First Aid certification, issued by the American")
    ils = _certificate_sentence(nurse, 1)
    assert ils is not None
    assert ils.startswith("I hold Immediate Life Support (ILS) certification")


def test_a_posting_that_offers_informal_visits_gets_a_closing_that_takes_it_up(
    tmp_path: Path,
) -> None:
    from tailor.compose.letter import compose_letter

    posting = (
        "Staff Nurse\nRiverside NHS Trust\n\nRequirements\n\n"
        "- Experience of caring for acutely unwell adults.\n\n"
    )
    offered = _nurse_for(tmp_path, posting + "Informal visits are welcomed: contact the ward.\n")
    letter = compose_letter(
        offered.profile, offered.analysis, offered.result, grounded=lambda _: True
    )
    assert "informal visit" in letter.closing
    plain = _nurse_for(tmp_path, posting)
    letter = compose_letter(plain.profile, plain.analysis, plain.result, grounded=lambda _: True)
    assert "informal visit" not in letter.closing


def test_a_short_letter_adds_the_next_results_that_back_the_postings_lines() -> None:
    """Results that back a scored line and weigh enough are told after the asks, in the
    applicant's voice; a result that backs no line is never padding."""
    from tailor.compose.conventions import country
    from tailor.compose.letter import _Letter, _more_results
    from tailor.matching.relevance import Relevance
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example.yaml")
    letter = _Letter(profile, country(profile, ""), frozenset({"work[0]"}), lambda _: True)
    relevance = {
        "work[1].highlights[4]": Relevance(score=1.57, backs=2),
        "work[0].highlights[4]": Relevance(score=2.39, backs=0),  # backs nothing
        "work[1].highlights[0]": Relevance(score=0.2, backs=1),  # too weak
    }
    said = " ".join(f.sentence for f in _more_results(relevance, set(), letter, set()))
    # The earlier job is named once, with what it was, as the frame of its result.
    assert said.startswith(
        "At Quayside Media, where I was an ML engineer on the content intelligence team of a "
        "digital news and magazine publisher, I designed the team's A/B testing guidelines"
    )
    assert "API contract" not in said
    assert "BERT" not in said
    assert _more_results(relevance, {"work[1].highlights[4]"}, letter, set()) == []


@pytest.mark.parametrize(
    ("posting", "profile"),
    [("nlp-engineer-lumen.txt", "example.yaml"), ("data-analyst-northwind.txt", "example.yaml")],
)
def test_an_earlier_job_is_said_once_with_what_it_was(posting: str, profile: str) -> None:
    body = _letter(posting, profile)
    for job in ("I was a backend engineer", "I was an ML engineer"):
        assert body.count(job) <= 1
    assert body.count("At Copperline Logistics, where I was a backend engineer on the routing") == 1


def test_a_paper_written_with_colleagues_is_co_authored_and_an_ask_ends_at_its_sentence() -> None:
    from tailor.compose.letter import _authored
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example.yaml")
    assert _authored(profile, 1) == "co-authored"  # "co-authored with two Larkspur colleagues"
    assert _authored(profile, 0) == "published"
    topic = _topic(
        "Craft new concepts and stay current with academic research. Published research a plus.",
        VOICE,
        ("seed",),
    )
    assert topic.endswith("craft new concepts and stay current with academic research.")


def test_a_job_summary_told_alone_is_followed_by_that_jobs_result() -> None:
    """ "At Copperline Logistics, I was a backend engineer …" answers no ask by itself:
    the job's result the fact model weighs most for the line follows it, never one
    another paragraph tells; with one fact an ask (concise), the result replaces it."""
    from helpers.matches import line_match
    from tailor.compose.letter import _with_own_result
    from tailor.matching.relevance import Relevance
    from tailor.profile.facts import iter_facts
    from tailor.profile.load import load_profile

    facts = {f.ref: f for f in iter_facts(load_profile(ROOT / "profiles" / "example.yaml"))}
    summary = facts["work[2].summary"]
    line = line_match("Solid experience with Python", support={"work[2].highlights[0]": 0.15})
    relevance = {
        "work[2].highlights[0]": Relevance(score=0.4, backs=1),
        "work[2].highlights[1]": Relevance(score=0.9, backs=1),
        "work[1].highlights[0]": Relevance(score=3.0, backs=2),  # another job's
    }
    told = _with_own_result([summary], line, facts, set(), relevance, 2)
    assert [f.ref for f in told] == ["work[2].summary", "work[2].highlights[0]"]
    # The Python result is told elsewhere: the job's next result the posting weighs.
    told = _with_own_result([summary], line, facts, {"work[2].highlights[0]"}, relevance, 2)
    assert [f.ref for f in told] == ["work[2].summary", "work[2].highlights[1]"]
    assert [f.ref for f in _with_own_result([summary], line, facts, set(), relevance, 1)] == [
        "work[2].highlights[0]"
    ]
    # Nothing of the job is weighed by the posting: the summary stays as it was.
    assert _with_own_result([summary], line, facts, set(), {}, 2) == [summary]


def test_a_short_letter_for_the_applicants_own_profession_tells_more_of_the_current_job(
    tmp_path: Path,
) -> None:
    """A "Staff Nurse" post whose advert lists almost nothing: the title asks for the
    role itself, so the current nursing job's results follow, opened with "I also"
    rather than a third "In my current role"; a post of another trade gets none."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    few_lines = "\nAcme Hospitals NHS Trust\n\nAbout us:\nWe are a friendly trust in Leeds.\n"
    nurse = compose(_nurse_for(tmp_path, "Staff Nurse" + few_lines), DocumentOptions()).context
    body = "\n\n".join(nurse.paragraphs)  # type: ignore[attr-defined]
    assert "I also " in body
    assert body.count("In my current role") <= 1
    assert "falls from 40 to 26 a year" in body or "from 9% to 3%" in body
    other = compose(_nurse_for(tmp_path, "Data Engineer" + few_lines), DocumentOptions()).context
    assert "I also " not in "\n\n".join(other.paragraphs)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        (
            "Consistently review and analyze student performance data.",
            "someone to consistently review and analyze student performance data",
        ),
        ("Effectively communicates with parents", "to effectively communicate with parents"),
    ],
)
def test_an_ask_led_by_an_adverb_is_framed_by_its_verb(ask: str, expected: str) -> None:
    assert expected in _topic(ask, VOICE, ("seed",))


def test_a_list_mark_run_into_its_item_is_not_restated() -> None:
    topic = _topic("\u2022experience working within the NHS", VOICE, ("seed",))
    assert topic.endswith("experience working within the NHS.")
    assert "\u2022" not in topic


def test_a_project_description_told_alone_is_followed_by_the_projects_result() -> None:
    """A project description told alone says what the project was; with one of its
    results it is that result's apposition ("For the Ward 14 falls-prevention project, a
    quality improvement project …, I presented …"), one sentence in the applicant's
    voice instead of a pasted description and "For that project, …"."""
    from helpers.matches import line_match
    from tailor.compose.conventions import country
    from tailor.compose.letter import _Letter, _say, _with_own_result
    from tailor.matching.relevance import Relevance
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example-nurse.yaml")
    letter = _Letter(profile, country(profile, ""), frozenset({"work[0]"}), lambda _: True)
    facts = letter.facts
    line = line_match("Lead quality improvement on the ward")
    relevance = {"projects[0].highlights[1]": Relevance(score=0.5, backs=1)}
    told = _with_own_result([facts["projects[0].description"]], line, facts, set(), relevance, 2)
    assert [f.ref for f in told] == ["projects[0].description", "projects[0].highlights[1]"]
    said = _say(told, letter, set())
    assert [f.ref for f in said] == ["projects[0].highlights[1]"]
    assert said[0].merged == ["projects[0].description"]
    assert said[0].sentence == (
        "For the Ward 14 falls-prevention project, a quality improvement project reducing "
        "inpatient falls on a respiratory ward, I presented results at the trust nursing "
        "conference to about 150 staff."
    )
    alone = _say(told[:1], letter, set())[0].sentence
    assert alone.startswith("The Ward 14 falls-prevention project was a quality improvement")


def test_a_preferred_qualification_is_shown_by_the_credential_never_argued_from_a_bullet(
    tmp_path: Path,
) -> None:
    """ "Baccalaureate degree required; Special Education preferred" was answered with an
    IEP result: a qualification the profile's degree backs gets no paragraph of its own,
    whatever its importance."""
    from tailor.compose.letter import compose_letter

    prepared = prepared_for(
        tmp_path,
        "Special Education Teacher\nHallmark Academy\n\nQualifications\n\n"
        "- Baccalaureate degree preferred; Special Education a plus.\n"
        "- Must be certified in CPR, first aid and AED.\n",
        "example-teacher.yaml",
    )
    degree = next(line for line in prepared.result.match.lines if line.kind == "qualification")
    assert degree.status in ("backed", "partial")
    letter = compose_letter(
        prepared.profile, prepared.analysis, prepared.result, grounded=lambda _: True
    )
    assert all(point.ask != degree.text for point in letter.points)


def test_no_two_paragraphs_running_open_with_the_same_frame() -> None:
    """A short letter's extra paragraph that goes on with the job the paragraph before
    told joins it, unframed ("At Copperline Logistics, I developed … / At Copperline
    Logistics, I rewrote …" read as a form), and a job summary at the current employer
    says "Before my current role, I was a staff nurse …", not a second "In my previous
    role there,". Real dev postings where both happened (skipped when ../shared/data is
    absent), each with its best-fitting example profile."""
    import json
    import re

    from tailor.analysis.extract import analyze
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose
    from tailor.pipeline import prepare_analysis
    from tailor.posting.read import Posting
    from tailor.profile.load import load_profile

    data = ROOT.parent / "shared" / "data" / "postings" / "postings-dev.jsonl"
    if not data.is_file():
        pytest.skip("../shared/data is not present")
    wanted = {
        "nhs-916224882",
        "nhs-916248001",
        "linkedin-4147209946",
        "indeed-83153a99a2e59ba7",
        "indeed-f3b15a08db5ab069",
        "indeed-6a756a296dec28fd",
    }
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    profiles = [load_profile(p) for p in sorted((ROOT / "profiles").glob("example*.yaml"))]
    frame = re.compile(r"(At [^,]+|In my current role|In my previous role there), ")
    for row in (r for r in rows if r["id"] in wanted):
        analysis = analyze(Posting(source=row["id"], text=row["description"] or " "))
        prepared = max(
            (prepare_analysis(analysis, p) for p in profiles),
            key=lambda p: p.result.match.score,
        )
        context = compose(prepared, DocumentOptions()).context
        frames = [frame.match(p) for p in context.paragraphs]  # type: ignore[attr-defined]
        for one, two in itertools.pairwise(frames):
            assert not (one and two and one[1] == two[1]), (row["id"], one[1])


def test_a_job_summary_told_with_a_result_of_that_job_frames_it() -> None:
    """ "I am a senior staff nurse on a 28-bed respiratory ward …" after an opening that said
    who she is read as a repeat: with a result of the same job it is that result's frame."""
    from tailor.compose.conventions import country
    from tailor.compose.letter import _Letter, _say
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example-nurse.yaml")
    letter = _Letter(profile, country(profile, ""), frozenset({"work[0]"}), lambda _: True)
    facts = letter.facts
    opened = {"Aire Valley Teaching Hospitals NHS Trust"}  # the opening named the trust
    said = _say([facts["work[0].summary"], facts["work[0].highlights[0]"]], letter, opened)
    assert [f.ref for f in said] == ["work[0].highlights[0]"]
    assert said[0].merged == ["work[0].summary"]  # told as the frame: never told again
    assert said[0].sentence.startswith(
        "As a senior staff nurse on a 28-bed respiratory ward with a 4-bed non-invasive "
        "ventilation (NIV) bay, I coordinate the ward as nurse in charge"
    )
    alone = _say([facts["work[0].summary"]], letter, opened)
    assert alone[0].sentence.startswith("I am a senior staff nurse on a 28-bed respiratory ward")


def test_a_staff_nurse_post_is_argued_from_nursing_not_a_healthcare_assistants_duties(
    tmp_path: Path,
) -> None:
    """A blind reader marked down "In an earlier role there, I recorded vital signs …" (the
    nurse's healthcare-assistant job) as a second proof in a senior nurse's letter: while
    a nursing job backs the ask, another trade's duty is not told."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    prepared = _nurse_for(
        tmp_path,
        "Senior Staff Nurse\nAcme Hospitals NHS Trust\n\nResponsibilities:\n"
        "- Record vital signs and escalate deteriorating patients to the medical team\n"
        "- Coordinate the ward as nurse in charge\n",
    )
    body = " ".join(compose(prepared, DocumentOptions()).context.paragraphs)  # type: ignore[attr-defined]
    assert "NEWS2 observations and escalating deteriorating patients" in body
    assert "reported changes promptly to the registered nurse" not in body


def test_a_frame_dropped_after_a_paragraph_about_the_same_job_keeps_the_role() -> None:
    from tailor.compose.letter import _unframed

    assert (
        _unframed(
            "At Copperline Logistics, where I was a backend engineer on the routing platform, "
            "I rewrote the nightly reporting SQL."
        )
        == "As a backend engineer on the routing platform, I rewrote the nightly reporting SQL."
    )
    assert _unframed("In my current role, I lead weekly PLC meetings.") == (
        "I lead weekly PLC meetings."
    )


def test_a_current_job_result_after_another_jobs_paragraph_says_whose_it_is() -> None:
    """ "I also led …" after a paragraph about an earlier job would credit the result to
    that job: `_in_the_post` says "In my current role, I also …" then, and plain "I also …"
    after the opening or after a paragraph about the same job."""
    from tailor.compose.letter import _in_the_post, _Letter

    prepared = prepare(
        ROOT / "examples/postings" / "staff-nurse-riverside.txt",
        ROOT / "profiles" / "example-nurse.yaml",
    )
    letter = _Letter(prepared.profile, "UK", frozenset({"work[0]"}), lambda _: True)

    def first(after: str | None) -> str:
        said = _in_the_post({"work[0]"}, {}, set(), letter, set(), after=after)
        return said[0].sentence

    assert first(None).startswith("I also ")
    assert first("work[0]").startswith("I also ")
    assert first("work[1]").startswith("In my current role, I also ")


def test_a_one_sentence_paragraph_with_no_topic_joins_the_paragraph_before() -> None:
    topical = "You ask for SQL. I rewrote the nightly reporting SQL in PostgreSQL."
    stub = "I developed Python services for the route-planning API."
    own = "You ask for Python. I developed Python services."
    long = " ".join(["word"] * 85) + "."
    assert _joined_stubs([topical, stub], {topical}) == [f"{topical} {stub}"]
    # A paragraph that argues its own ask, or that would grow too long, stays apart.
    assert _joined_stubs([topical, own], {topical, own}) == [topical, own]
    assert _joined_stubs([long, stub], set()) == [long, stub]
    # Two sentences are a paragraph of their own; the first paragraph has nothing before.
    two = "I lead PLC meetings. I co-wrote 36 weeks of unit plans."
    assert _joined_stubs([stub, two], set()) == [stub, two]
    # A result from another job is not tacked onto an argued paragraph; such stubs join
    # each other.
    elsewhere = "At Copperline Logistics, I migrated 14 services to Docker."
    earlier = "In my previous role there, I completed IV competencies."
    assert _joined_stubs([topical, elsewhere, earlier], {topical}) == [
        topical,
        f"{elsewhere} {earlier}",
    ]


def test_evidence_that_shares_only_words_is_told_only_when_sure(tmp_path: Path) -> None:
    """`LineEvidence.by_words_only` below `WORDS_POINT_MIN` argues no ask."""
    from tailor.analysis.models import LineEvidence

    words = LineEvidence(ref="r", text="t", score=0.4, why="words build, offlin; meaning 0.60")
    concept = LineEvidence(ref="r", text="t", score=0.4, why="concepts tailor:sql; words sql")
    check = LineEvidence(ref="r", text="t", score=1.0, why="5.5 years (all work experience)")
    assert words.by_words_only
    assert not concept.by_words_only
    assert not check.by_words_only
    prepared = prepared_for(
        tmp_path,
        "Machine Learning Engineer\n\nEssential criteria\n"
        "- Work with the data team's infrastructure to build real-time and offline feature "
        "databases.\n"
        "- Design and build the infrastructure required to train models at scale.\n",
        "example.yaml",
    )
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    assert prepared.result is not None
    weak = [
        e.ref
        for line in prepared.result.match.lines
        for e in line.evidence
        if e.by_words_only and e.score < WORDS_POINT_MIN
    ]
    assert weak  # "an offline evaluation and diagnostics suite" shares "build", "offline"
    context = compose(prepared, DocumentOptions()).context
    told = {f.ref for point in context.points for f in point.facts}  # type: ignore[attr-defined]
    assert not told & set(weak)


@pytest.mark.parametrize(
    ("employer", "said"),
    [
        (
            "Shenandoah Ridge County Public Schools – Oak Hollow Elementary School",
            "Oak Hollow Elementary School in Shenandoah Ridge County Public Schools",
        ),
        ("Aire Valley Teaching Hospitals NHS Trust", "Aire Valley Teaching Hospitals NHS Trust"),
        ("Acme Corp - London", "Acme Corp - London"),  # a city is no place of the employer's
        ("Larkspur Labs", "Larkspur Labs"),
    ],
)
def test_an_employer_written_as_organization_and_place_reads_as_a_place(
    employer: str, said: str
) -> None:
    assert _place(employer) == said


def test_a_teachers_school_is_named_in_its_district() -> None:
    letter = _letter("nlp-engineer-lumen.txt", "example-teacher.yaml")
    assert "Oak Hollow Elementary School in Shenandoah Ridge County Public Schools" in letter
    assert "Schools – Oak Hollow" not in letter


def test_a_list_of_verbs_is_restated_after_able_to_and_a_list_of_names_keeps_its_case() -> None:
    verbs = _topic("Refactor, deploy, and validate models", VOICE, ("seed",))
    assert "refactor, deploy, and validate models" in verbs
    assert "for refactor" not in verbs
    names = _topic("Python, SQL, and Spark", VOICE, ("seed",))
    assert "Python, SQL, and Spark" in names


def test_a_described_project_keeps_the_project_as_subject_of_a_passive_result() -> None:
    """ "For my project tinyretrieve, an open-source PyTorch library …, I used as the
    reference implementation …" was in a letter: the project was used, not the applicant."""
    about = "open-source PyTorch library for evaluating retrieval"
    used = _described_project("tinyretrieve", about, "Used as the reference implementation.")
    assert used == (
        "My project tinyretrieve, an open-source PyTorch library for evaluating retrieval, "
        "was used as the reference implementation."
    )
    wrote = _described_project("tinyretrieve", about, "Wrote 120 tests.")
    assert wrote == (
        "For my project tinyretrieve, an open-source PyTorch library for evaluating "
        "retrieval, I wrote 120 tests."
    )


@pytest.mark.parametrize(
    ("position", "said"),
    [
        (
            "Senior Staff Nurse (Band 6), Ward 14 Respiratory Medicine",
            "Band 6 senior staff nurse on Ward 14 Respiratory Medicine",
        ),
        (
            "Fifth Grade Teacher and Grade-Level Team Lead",
            "fifth grade teacher and grade-level team lead",
        ),
        ("ML Engineer, Search", "ML engineer, Search"),
        ("Head of NLP", "head of NLP"),
        # Three blind readers quoted "a lead teacher, Pre-K (4-year-olds)".
        ("Lead Teacher, Pre-K (4-year-olds)", "lead teacher for Pre-K (4-year-olds)"),
        ("Lead Teacher, Twos Classroom", "lead teacher in the Twos Classroom"),
    ],
)
def test_a_position_is_written_as_prose(position: str, said: str) -> None:
    assert _plain_position(position) == said


def test_a_name_the_profile_uses_keeps_its_capital_in_a_position() -> None:
    names = frozenset({"Python", "Spanish"})
    assert _plain_position("Senior Python Developer", names) == "senior Python developer"
    assert _plain_position("Spanish Teacher", names) == "Spanish teacher"


def test_in_my_current_role_is_said_once_then_differently() -> None:
    letter = _varied_frames(
        [
            "I am a nurse. In my current role, I lead the ward.",
            "In my current role, I also train staff. In my current role, I also audit doses.",
        ]
    )
    assert letter == [
        "I am a nurse. In my current role, I lead the ward.",
        "In my present position, I also train staff. Also in my current role, I audit doses.",
    ]


def test_a_language_the_posting_asks_for_is_said_in_the_profiles_words(tmp_path: Path) -> None:
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    prepared = prepared_for(
        tmp_path,
        "Elementary Teacher\n\nRequirements\n"
        "- Plan and deliver differentiated reading instruction.\n"
        "- Bilingual or fluent in Spanish preferred.\n"
        "- Excellent spoken and written English.\n",
        "example-teacher.yaml",
    )
    letter = " ".join(compose(prepared, DocumentOptions()).context.paragraphs)  # type: ignore[attr-defined]
    assert letter.count("I speak Spanish (full professional proficiency).") == 1
    assert "I speak English" not in letter  # the letter itself shows its English
    unasked = prepared_for(
        tmp_path,
        "Elementary Teacher\n\nRequirements\n- Teach Spanish club.\n",
        "example-teacher.yaml",
    )
    letter = " ".join(compose(unasked, DocumentOptions()).context.paragraphs)  # type: ignore[attr-defined]
    assert "I speak" not in letter  # "Spanish club" asks for no speaker


def test_a_skill_the_title_already_says_opens_no_paragraph() -> None:
    """ "Your posting asks for nursing." opened a Registered Nurse letter."""
    from tailor.compose.letter import _body, _current_jobs, _Letter
    from tailor.matching.align import RankedFact
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example-nurse.yaml")
    letter = _Letter(profile, "UK", _current_jobs(profile), lambda _: True)
    bullet = next(f for f in letter.facts.values() if f.ref == "work[0].highlights[1]")
    facts = [RankedFact(bullet, 1.0, ["nursing"])]
    titled = _body(facts, ("seed",), VOICE, letter, set(), "Registered Nurse")
    assert "nursing." not in titled[0].split(". ")[0]
    untitled = _body(facts, ("seed",), VOICE, letter, set(), "Ward Manager")
    assert "nursing" in untitled[0].split(". ")[0]


def test_years_cut_from_an_ask_leave_no_stray_preposition() -> None:
    topic = _topic("Proven experience of 8+ years as a Machine Learning Engineer", VOICE, ("s",))
    assert "proven experience as a Machine Learning Engineer" in topic
    assert "of as" not in topic


def test_a_shouted_skill_is_said_in_the_letters_case() -> None:
    from tailor.compose.letter import _body, _current_jobs, _Letter
    from tailor.matching.align import RankedFact
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example-teacher.yaml")
    letter = _Letter(profile, "US", _current_jobs(profile), lambda _: True)
    bullet = letter.facts["work[0].highlights[0]"]
    asked = ["MATHEMATICS", "SOL"]
    said = _body([RankedFact(bullet, 1.0, asked, asked)], ("s",), VOICE, letter, set())
    assert "mathematics and SOL" in said[0]
    assert "MATHEMATICS" not in said[0]


def test_a_skill_the_ad_only_mentions_is_no_lead() -> None:
    """A blind reader found "You are looking for mathematics." where the ad listed
    mathematics among 70 disciplines it hires for: only asked skills lead a paragraph."""
    from tailor.compose.letter import _body, _current_jobs, _Letter
    from tailor.matching.align import RankedFact
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles" / "example-teacher.yaml")
    letter = _Letter(profile, "US", _current_jobs(profile), lambda _: True)
    bullet = letter.facts["work[0].highlights[0]"]
    said = _body([RankedFact(bullet, 1.0, ["mathematics"], [])], ("s",), VOICE, letter, set())
    assert "mathematics" not in said[0].split(".")[0]
    assert said[0].startswith(("In my current role, I raised", "I raised", "At "))


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "Licensed Virginia elementary teacher with 10 years of classroom experience.",
            "I am a licensed Virginia elementary teacher with 10 years of classroom experience.",
        ),
        # The current job described: the opening says the position instead (a blind
        # reader read both together as a redundant run-on).
        ("Registered pharmacy technician at a busy acute trust. Accredited checker.", None),
        (
            "Registered pharmacy technician with 6 years in hospital pharmacy.",
            "I am a registered pharmacy technician with 6 years in hospital pharmacy.",
        ),
        ("Raised reading pass rates from 71% to 86% as a teacher.", None),
        ("Licensed the school's reading scheme to 3 divisions.", None),
    ],
)
def test_who_i_am_tells_a_participle_before_a_role_from_a_verb(
    summary: str, expected: str | None
) -> None:
    """A blind reader missed the teacher's "10 years of classroom experience": the
    summary opens "Licensed …", which read as a verb, so the opening left it out."""
    from tailor.compose.letter import _who_i_am

    roles = frozenset({"teacher", "technician", "pharmacy", "elementary"})
    assert _who_i_am(summary, roles) == expected


def test_the_opening_names_one_grade_of_a_credential_the_latest() -> None:
    from tailor.compose.letter import _latest_of_family
    from tailor.profile.model import Profile

    profile = Profile.model_validate(
        {
            "basics": {"name": "A"},
            "certificates": [
                {
                    "name": "Virginia Postgraduate Professional License, Elementary PreK-6",
                    "date": "2020-09",
                },
                {
                    "name": "Virginia Collegiate Professional License, Elementary PreK-6",
                    "date": "2016-07",
                },
                {"name": "CPR, AED and First Aid", "date": "2024-01"},
            ],
        }
    )
    assert _latest_of_family(profile, 1) == 0
    assert _latest_of_family(profile, 0) == 0
    assert _latest_of_family(profile, 2) == 2


def test_a_teacher_letter_opens_with_the_summary_and_one_licence(tmp_path: Path) -> None:
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    posting = (
        "Elementary Teacher\nOak Hollow Public Schools\n\nQualifications\n"
        "- Must hold a Virginia teaching license with an endorsement in Elementary "
        "Education PreK-6.\n- Copy of teaching license.\n"
        "- Assesses student learning and alters instruction to meet individual needs.\n"
        "- Communicates regularly with parents.\n"
    )
    prepared = prepared_for(tmp_path, posting, "example-teacher.yaml")
    opening = compose(prepared, DocumentOptions()).context.paragraphs[0]  # type: ignore[attr-defined]
    assert "10 years of classroom experience" in opening
    assert opening.count("License") <= 1
    assert "currently fifth-grade team lead, currently" not in opening


def test_the_opening_names_the_highest_degree_in_a_field_once() -> None:
    """A reader saw "I hold a Bachelor of Science in Computer Science" in an opening that
    later said "my highest degree is a Master of Science in Computer Science"."""
    from tailor.compose.letter import _highest_in_field
    from tailor.profile.model import Profile

    profile = Profile.model_validate(
        {
            "basics": {"name": "A"},
            "education": [
                {
                    "studyType": "Master of Science",
                    "area": "Computer Science",
                    "endDate": "2020-06",
                },
                {
                    "studyType": "Bachelor of Science",
                    "area": "Computer Science",
                    "endDate": "2017-06",
                },
                {"studyType": "Bachelor of Arts", "area": "History", "endDate": "2012-06"},
                {"studyType": "PhD", "area": "Computer Science", "endDate": "2031-06"},
            ],
        }
    )
    now = "2026-12-07"
    assert _highest_in_field(profile, 1, now) == 0  # the master's, not the PhD not yet done
    assert _highest_in_field(profile, 0, now) == 0
    assert _highest_in_field(profile, 2, now) == 2  # another field: as cited


def test_a_noun_ask_and_then_a_quality_is_restated_as_the_noun_ask() -> None:
    topic = _topic(
        "Hands-on experience of deep learning technologies and familiar with "
        "state-of-the-art deep learning toolkits.",
        VOICE,
        ("seed",),
    )
    assert "hands-on experience of deep learning technologies." in topic
    assert "familiar" not in topic


def test_a_short_letter_opens_with_what_the_applicant_does_now(tmp_path: Path) -> None:
    """The rubric wants numbers with their context and the applicant's current work in
    the first paragraph: the current job's summary, told as duties in the present."""
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    posting = (
        "Machine Learning Engineer\nAcme\n\nRequirements\n- Experience with Python.\n"
        "- Experience deploying ML models.\n"
    )
    context = compose(prepared_for(tmp_path, posting), DocumentOptions()).context
    opening, *rest = context.paragraphs  # type: ignore[attr-defined]
    assert "I own the ranking, retrieval and on-device inference stack end to end" in opening
    assert "work[0].summary" in [f.ref for f in context.opening]  # type: ignore[attr-defined]
    assert not any("ranking, retrieval and on-device inference stack" in p for p in rest)
    concise = compose(prepared_for(tmp_path, posting), DocumentOptions(tone="concise")).context
    assert "I own the ranking" not in concise.paragraphs[0]  # type: ignore[attr-defined]


def test_a_deadline_keeps_its_months() -> None:
    topic = _topic("Complete the Rater Reliability Test within 3 months of hire", VOICE, ("s",))
    assert "within hire" not in topic


def test_an_organisation_is_named_in_full_once() -> None:
    from tailor.compose.letter import _once_in_full
    from tailor.profile.model import Profile

    profile = Profile.model_validate(
        {
            "basics": {"name": "A"},
            "work": [
                {"name": "Ridge County Public Schools – Oak Hollow Elementary School"},
                {"name": "Ridge County Public Schools – Summer Literacy Academy"},
                {"name": "Blue Valley Public Schools – Maple Run Elementary School"},
            ],
        }
    )
    paragraphs = [
        "I teach at Oak Hollow Elementary School in Ridge County Public Schools.",
        "At Summer Literacy Academy in Ridge County Public Schools, I designed the plan.",
        "At Maple Run Elementary School in Blue Valley Public Schools, I planned groups.",
    ]
    assert _once_in_full(paragraphs, profile) == [
        paragraphs[0],
        "At Summer Literacy Academy, I designed the plan.",
        paragraphs[2],
    ]


def test_a_count_in_words_is_no_part_of_the_restated_ask() -> None:
    """A blind reader quoted "Your advertisement puts weight on minimum six months
    experience in a childcare or teaching environment."."""
    topic = _topic(
        "Minimum six months experience in a childcare or teaching environment.", VOICE, ("s",)
    )
    assert "experience in a childcare or teaching environment." in topic
    assert "six" not in topic
    assert "minimum" not in topic.lower()


def test_a_tool_the_mapper_cites_for_an_ask_is_named_once_and_only_a_tool() -> None:
    from tailor.analysis.models import LineEvidence, LineMatch
    from tailor.compose.letter import _Letter, _tool_refs, _tools_sentence
    from tailor.skills.taxonomy import load_taxonomy

    prepared = prepare(
        ROOT / "examples/postings" / "data-analyst-northwind.txt",
        ROOT / "profiles" / "example.yaml",
    )
    profile = prepared.profile
    tools = _tool_refs(profile, load_taxonomy())
    facts = {f.ref: f for f in prepared.result.facts}
    named = {facts[ref].text for ref in tools}
    assert {"scikit-learn", "Docker"} <= named
    assert not named & {"Experimental Design", "Natural Language Processing"}  # not tools
    letter = _Letter(profile, "US", frozenset(), lambda _: True, frozenset(), tools)
    sklearn = next(ref for ref in tools if facts[ref].text == "scikit-learn")
    line = LineMatch(
        start=0, end=10, text="Experience with the Python ML stack", section="requirements",
        importance="required", kind="skill", status="backed",
        evidence=[LineEvidence(ref=sklearn, text="scikit-learn", score=0.6,
                               why="concepts scikit-learn")],
    )  # fmt: skip
    said = _tools_sentence(line, facts, letter, set(), "I built a suite in PyTorch.")
    assert said is not None
    assert said.sentence == "I have worked with scikit-learn."
    assert _tools_sentence(line, facts, letter, set(), "I used scikit-learn daily.") is None
    assert _tools_sentence(line, facts, letter, {sklearn}, "") is None  # said already


@pytest.mark.parametrize(
    "ask",
    [
        "research, or related field required OR four (4) years of experience in a related field.",
        "Must meet the requirements to be a lead teacher as approved by the State agency.",
    ],
)
def test_an_ask_about_the_asks_or_shouted_alternatives_gets_no_topic(ask: str) -> None:
    """Blind readers quoted "You want someone able to research, or related field required
    OR four." and "You are looking for someone to meet the requirements."."""
    assert _topic(ask, VOICE, ("seed",)) == ""


def test_a_topic_frame_does_not_open_like_the_paragraph_before() -> None:
    """A blind reader found two paragraphs running that opened "You …" mechanical."""
    for seed in range(8):
        topic = _topic("Experience with SQL", VOICE, (seed,), set(), "You")
        assert not topic.startswith("You "), topic


def test_what_the_applicant_does_now_is_said_only_for_a_post_of_their_kind(
    tmp_path: Path,
) -> None:
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose

    posting = (
        "Education Research Associate\nAcme Institute\n\nRequirements\n"
        "- Experience designing education research studies.\n"
        "- Experience with qualitative interviews.\n"
    )
    context = compose(prepared_for(tmp_path, posting), DocumentOptions()).context
    assert "I own the ranking" not in context.paragraphs[0]  # type: ignore[attr-defined]


def test_the_current_role_is_framed_only_when_another_job_came_between() -> None:
    """After an opening that says where the applicant works now, "In my current role," is
    dropped until a sentence tells another job (or a project); then it anchors the
    reader again. Blind readers quoted "In my current role, … In my present position, …"
    as a form's voice."""
    from tailor.compose.letter import _frames_where_needed, _Letter
    from tailor.profile.load import load_profile

    profile = load_profile(ROOT / "profiles/example.yaml")
    letter = _Letter(profile, "US", frozenset({"work[0]"}), lambda _: True)
    paragraphs = [
        "I am a senior machine learning engineer, currently at Larkspur Labs.",
        (
            "You ask for leadership. In my current role, I led a team of 5 ML engineers to "
            'design and ship a retrieval-based "memory" feature that surfaces a user\'s past '
            "notes in context, raising recall@10 from 0.61 to 0.74 and lifting 4-week retention "
            "by 3.1% in an A/B test with 1.2M users."
        ),
        (
            "At Copperline Logistics, I migrated 14 services to Docker containers and a shared "
            "CI pipeline, reducing deployment time from 2 hours to 15 minutes. In my current "
            "role, I mentored 3 engineers through weekly 1:1s and design reviews; 2 were "
            "promoted to senior within 18 months."
        ),
    ]
    out = _frames_where_needed(paragraphs, letter)
    assert out[1].startswith("You ask for leadership. I led a team of 5 ML engineers")
    assert out[2].endswith(
        "In my current role, I mentored 3 engineers through weekly 1:1s and design reviews; "
        "2 were promoted to senior within 18 months."
    )
    # An opening that does not say where the applicant works leaves every frame.
    assert _frames_where_needed(["I am an engineer.", *paragraphs[1:]], letter)[1] == paragraphs[1]


@pytest.mark.parametrize(
    ("study_type", "short"),
    [
        ("Master of Education (M.Ed.)", "M.Ed."),
        ("Master of Science", "master's degree"),
        ("BSc (Hons)", "bachelor's degree"),  # "(Hons)" is no abbreviation of the degree
        ("PhD", "doctorate"),
        ("Diploma", None),
    ],
)
def test_a_degree_the_opening_named_is_named_short_the_second_time(
    study_type: str, short: str | None
) -> None:
    """A blind reader: degrees "repeated in full" ("My Master of Education (M.Ed.) in
    Curriculum and Instruction (Reading and Literacy concentration) at …" after the
    opening's "I hold a Master of Education (M.Ed.) in …")."""
    from tailor.compose.letter import _short_degree

    assert _short_degree(study_type) == short


def test_a_job_is_described_with_its_first_result_not_in_a_later_paragraph() -> None:
    """A blind reader saw "At Copperline Logistics, I developed …" and, a paragraph later,
    "At Copperline Logistics, where I was a backend engineer on …, I onboarded …": the
    summary a later point tells beside a result goes, so the first mention says it."""
    from helpers.matches import line_match
    from tailor.compose.letter import _role_with_first_mention

    python = Fact(
        "work[2].highlights[0]", "Developed Python services", "highlight", group="work[2]"
    )
    summary = Fact("work[2].summary", "Backend engineer on routing", "summary", group="work[2]")
    onboarded = Fact("work[2].highlights[4]", "Onboarded 4 engineers", "highlight", group="work[2]")
    line = line_match("Python")
    chosen = [(0, line, [python]), (1, line, [summary, onboarded])]
    assert [told for _, _, told in _role_with_first_mention(chosen)] == [[python], [onboarded]]
    # The first paragraph about the job keeps its summary.
    first = [(0, line, [summary, onboarded]), (1, line, [python])]
    assert _role_with_first_mention(first) == first


def test_an_earlier_job_at_the_same_employer_is_not_named_again() -> None:
    """A blind reader quoted "At Sunnyside …, I planned … At Sunnyside …, I helped …": a
    second job at the employer the sentence before named is "Before that, I …"."""
    from tailor.compose.letter import _Letter, _say
    from tailor.profile.facts import iter_facts
    from tailor.profile.load import parse_profile

    profile = parse_profile(
        b"""
basics: {name: Keisha Dawson}
work:
  - {name: Little Acorn, position: Lead Teacher, startDate: "2023-08",
     highlights: [Plan weekly lessons from The Creative Curriculum.]}
  - {name: Sunnyside Center, position: Lead Teacher, startDate: "2020-06", endDate: "2023-07",
     highlights: [Planned activities for language and motor skills.]}
  - {name: Sunnyside Center, position: Assistant Teacher, startDate: "2018-01",
     endDate: "2020-05", highlights: [Helped lead teachers with activities and feeding.]}
""",
        source="profile.yaml",
    )
    facts = {f.ref: f for f in iter_facts(profile)}
    letter = _Letter(profile, "US", frozenset({"work[0]"}), lambda _: True)
    told = _say([facts["work[1].highlights[0]"], facts["work[2].highlights[0]"]], letter, set())
    assert [f.sentence for f in told] == [
        "At Sunnyside Center, I planned activities for language and motor skills.",
        "Before that, I helped lead teachers with activities and feeding.",
    ]


def test_a_papers_summary_is_told_under_its_title() -> None:
    """A blind reader found "I published “Shows that routing frequent intents …”": the
    summary quoted as if it were the paper's title."""
    from tailor.compose.letter import _paper_summary

    assert (
        _paper_summary(
            "Route-and-Distil",
            " (EffNLP 2021)",
            "Shows that routing cuts cost by 71%.",
            "published",
        )
        == "My paper \u201cRoute-and-Distil\u201d (EffNLP 2021) shows that routing cuts cost by 71%."
    )
    assert _paper_summary("A Study", "", "A study of retrieval on phones.", "published") == (
        "I published \u201cA Study\u201d: a study of retrieval on phones."
    )


def test_a_language_the_role_title_names_is_said() -> None:
    """A blind reader found a Spanish Teacher letter that never said the applicant speaks
    Spanish (the profile lists it); the title naming it is not the letter saying it."""
    from tailor.compose.letter import _languages_asked
    from tailor.profile.load import parse_profile

    profile = parse_profile(
        b"basics: {name: Marcus Delgado}\nlanguages:\n"
        b"  - {language: English, fluency: Native speaker}\n"
        b"  - {language: Spanish, fluency: Full professional proficiency}\n",
        source="profile.yaml",
    )
    said = "I am writing to apply for the role."
    assert _languages_asked(profile, [], said, "Spanish Teacher") == (
        "I speak Spanish (full professional proficiency)."
    )
    assert _languages_asked(profile, [], said, "English Teacher") is None  # English goes unsaid
    assert _languages_asked(profile, [], said, "Math Teacher") is None
