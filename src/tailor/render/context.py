"""What a template can see.

Templates receive only these models (as plain dicts), built from the profile and
the match. Every string here is either a profile fact, the posting's company or
role title, or fixed wording chosen by tailor; gaps and posting-only skills are
never part of a document context, so no template edit can leak them into a
letter or a résumé.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def readable_url(url: str) -> str:
    """A web address as a reader wants to see it: no `https://`, no trailing slash
    ("https://github.com/ada/" -> "github.com/ada"). Documents show this and keep the
    full address as the link (`render.docx_links`)."""
    return _SCHEME.sub("", url.strip()).rstrip("/")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Link(_Model):
    label: str
    url: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The address as shown: `url` without `https://` (`readable_url`)."""
        return readable_url(self.url)


class Applicant(_Model):
    name: str
    headline: str | None
    email: str | None
    phone: str | None
    url: str | None
    location: str | None
    links: list[Link]
    contact_line: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def url_text(self) -> str | None:
        """`url` as shown: without `https://` (`readable_url`)."""
        return readable_url(self.url) if self.url else None


class Target(_Model):
    company: str | None
    title: str | None


class PointFact(_Model):
    """One profile fact a letter cites for an ask, as the letter words it."""

    ref: str
    """Where it is in the profile: `work[0].highlights[2]`."""
    text: str
    """The profile's own words."""
    sentence: str
    """The letter's sentence for it: first person, in its tense, framed with its employer
    when the paragraph has not named it yet."""
    employer: str | None
    role: str | None
    dates: str | None
    tense: Literal["present", "past"]
    merged: list[str] = []
    """Refs of the facts `sentence` also tells, as its frame: the job's summary ("As a
    senior staff nurse on a 28-bed respiratory ward …, I coordinate …") or the project's
    description."""


class LetterPoint(_Model):
    """One ask of the posting a body paragraph answers, with the facts that prove it."""

    ask: str
    """The posting's requirement line, in its words."""
    importance: Literal["required", "preferred", "unspecified"]
    topic: str
    """The paragraph's first sentence, tying it to the ask."""
    facts: list[PointFact]
    paragraph: str
    """The ready paragraph: `topic` and each fact's `sentence`."""


class LetterContext(_Model):
    applicant: Applicant
    target: Target
    date: str | None
    greeting: str
    paragraphs: list[str]
    closing: str
    """The last paragraph: the gap sentence, if any, then the invitation and thanks."""
    sign_off: str
    matched_skills: list[str]
    recipient: str | None = None
    """The person the posting names as its contact, for an address block."""
    reference: str | None = None
    """The posting's job reference, for a subject line."""
    subject: str | None = None
    """"Senior Sister/Charge Nurse (ref 916-TMC-3120)": the role, cleaned, and its reference."""
    points: list[LetterPoint] = []
    """The plan behind the body: each ask answered, in order, with its facts."""
    gap: str | None = None
    """The one sentence that states the posting's main unmet requirement ("I should say
    plainly that I do not hold …"): the opening's last sentence when it is a profession or
    registration the post requires ("I should say plainly that I am not a qualified
    audiologist."), else the first sentence of `closing`; None when there is no clear gap
    (`compose.gaps`)."""
    opening: list[PointFact] = []
    """The result the opening paragraph names after saying who the applicant is: the
    fact, beyond those the points tell, that speaks most to the posting's asks (empty
    when none does)."""


class SkillGroup(_Model):
    name: str
    keywords: list[str]


class Entry(_Model):
    """A dated résumé entry: a job, a degree, a project, a publication."""

    title: str
    organization: str | None
    location: str | None
    dates: str | None
    summary: str | None
    bullets: list[str]
    url: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def url_text(self) -> str | None:
        """`url` as shown: without `https://` (`readable_url`)."""
        return readable_url(self.url) if self.url else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def details(self) -> list[str]:
        """What the line under the title says, in order: the organization, the dates and
        the place, those the entry has (the built-in templates add `url_text` for a
        project or a publication, not for an employer's site)."""
        return [part for part in (self.organization, self.dates, self.location) if part]


class ResumeContext(_Model):
    applicant: Applicant
    target: Target
    application: str | None
    """"Application for the Data Engineer role at Acme": says which posting this copy is for."""
    headline: str | None
    summary: str | None
    matched_skills: list[str]
    skills: list[SkillGroup]
    work: list[Entry]
    education: list[Entry]
    projects: list[Entry]
    publications: list[Entry]
    awards: list[Entry]
    certificates: list[Entry]
    languages: list[str]
    volunteer: list[Entry] = []
    """Volunteer roles, most relevant first (a template without the section lists them
    in resume.left-out.md instead)."""
    interests: list[SkillGroup] = []
    """The profile's interests, each a name ("Community") and its keywords ("Youth soccer
    coach"), in the profile's order; a page budget drops them first."""
    certificates_first: bool = False
    """The posting requires a licence or registration one of `certificates` shows (they
    come first in the list): the built-in templates put the section straight after the
    summary, where a recruiter checks it, instead of at the foot of page 2."""


class Bullet(_Model):
    text: str
    answers: list[str]
    source: str
    ref: str


class BulletsContext(_Model):
    applicant: Applicant
    target: Target
    bullets: list[Bullet]


def example_letter() -> LetterContext:
    """A small, complete context used by template checks and DOCX template tests."""
    return LetterContext(
        applicant=_example_applicant(),
        target=Target(company="Acme & Sons <Ltd>", title="Data Engineer"),
        date=None,
        greeting="Dear Hiring Manager:",
        paragraphs=[
            "I am writing to apply for the Data Engineer role at Acme & Sons <Ltd>.",
            "At Initech I built pipelines in Python & SQL that cut costs by 30%.",
        ],
        closing="Thank you for your time and consideration.",
        sign_off="Sincerely,",
        matched_skills=["Python", "SQL"],
    )


def example_resume() -> ResumeContext:
    return ResumeContext(
        applicant=_example_applicant(),
        target=Target(company="Acme & Sons <Ltd>", title="Data Engineer"),
        application="Application for the Data Engineer role at Acme & Sons <Ltd>",
        headline="Data engineer — Python & SQL",
        summary="Data engineer with pipelines in Python & SQL.",
        matched_skills=["Python", "SQL"],
        skills=[SkillGroup(name="Languages", keywords=["Python", "SQL", "C++"])],
        work=[
            Entry(
                title="Data Engineer",
                organization="Initech",
                location="Leeds, UK",
                dates="2019 – present",
                summary=None,
                bullets=["Built pipelines in Python & SQL that cut costs by 30%."],
                url=None,
            )
        ],
        education=[
            Entry(
                title="BSc Computer Science",
                organization="University of Leeds",
                location=None,
                dates="2015 – 2018",
                summary=None,
                bullets=[],
                url=None,
            )
        ],
        projects=[],
        publications=[],
        awards=[],
        certificates=[],
        languages=["English (native)"],
        volunteer=[
            Entry(
                title="Reading Volunteer",
                organization="Leeds Central Library",
                location=None,
                dates="2021 – present",
                summary=None,
                bullets=["Read with 6 children a week after school."],
                url=None,
            )
        ],
    )


def example_bullets() -> BulletsContext:
    return BulletsContext(
        applicant=_example_applicant(),
        target=Target(company="Acme & Sons <Ltd>", title="Data Engineer"),
        bullets=[
            Bullet(
                text="Built pipelines in Python & SQL that cut costs by 30%.",
                answers=["Python", "SQL"],
                source="Data Engineer, Initech",
                ref="work[0].highlights[0]",
            )
        ],
    )


def _example_applicant() -> Applicant:
    return Applicant(
        name="Ada Example",
        headline="Data Engineer",
        email="ada@example.com",
        phone="+44 113 496 0000",
        url="https://ada.example.com",
        location="Leeds, UK",
        links=[Link(label="GitHub", url="https://github.com/ada-example")],
        contact_line="ada@example.com · +44 113 496 0000 · Leeds, UK",
    )
