"""The `analyze --json` contract: what tailor understood of a posting, with offsets.

Every `start`/`end` is a Python string index into `Posting.text`, so
`text[start:end] == mention.text` always holds. Downstream code (mapper,
renderers, benchmarks, external tools) reads only these models, never spaCy
objects, which keeps the extractor replaceable.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tailor.skills.taxonomy import SkillKind

__all__ = ["SkillKind"]  # re-exported: the analysis contract names it

SectionKind = Literal[
    "summary",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "legal",
    "about",
    "apply",
    "other",
]
Importance = Literal["required", "preferred", "mentioned"]
RequirementKind = Literal["years", "degree", "publication", "certification", "other"]
MatchHow = Literal["exact", "alias", "taxonomy", "lemma", "text"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PostingInfo(_Model):
    source: str
    text: str
    title: str | None = None
    company: str | None = None
    location: str | None = None


class Section(_Model):
    kind: SectionKind
    heading: str | None
    start: int
    end: int


class Mention(_Model):
    start: int
    end: int
    text: str


class SkillHit(_Model):
    name: str
    id: str | None
    kind: SkillKind
    importance: Importance
    mentions: list[Mention]


class Responsibility(_Model):
    text: str
    start: int
    end: int


class Requirement(_Model):
    kind: RequirementKind
    text: str
    start: int
    end: int
    value: Any = None
    importance: Importance = "required"


class Evidence(_Model):
    ref: str
    text: str


class SkillMatch(_Model):
    name: str
    id: str | None
    importance: Importance
    status: Literal["matched", "missing"]
    how: MatchHow | None = None
    profile_name: str | None = None
    evidence: list[Evidence]


Status = Literal["met", "missing"]


class YearsCheck(_Model):
    """An "N years of X" requirement against the dated roles that show X."""

    kind: Literal["years"] = "years"
    text: str
    importance: Importance
    need: int | float
    """Years asked; a fraction for months ("six months' experience" -> 0.5)."""
    have: float | None
    """Years, to one decimal; overlapping roles count once; None when the profile has no
    dated role (the years are unknown, not zero)."""
    basis: str
    """Which roles were counted: "roles that show the skills named", "all work
    experience", or "no dated roles in the profile"."""
    status: Literal["met", "missing", "unknown"]

    @property
    def have_text(self) -> str:
        return "unknown" if self.have is None else f"{self.have:g}"


class DegreeCheck(_Model):
    """A degree requirement against the profile's highest degree."""

    kind: Literal["degree"] = "degree"
    text: str
    importance: Importance
    need: str
    have: str | None
    ref: str | None
    """The profile entry of the degree that was compared (`education[0]`)."""
    or_equivalent: bool
    status: Status

    @property
    def have_text(self) -> str:
        return self.have or "no degree"


RequirementCheck = Annotated[YearsCheck | DegreeCheck, Field(discriminator="kind")]


LineStatus = Literal["backed", "partial", "missing", "not-scored"]


class LineEvidence(_Model):
    ref: str
    """The profile field (`work[0].highlights[2]`)."""
    text: str
    score: float
    """How much of the line the fact covers, 0-1."""
    why: str
    """What they share: concepts (taxonomy ids), folded words, years or a degree."""

    @property
    def by_words_only(self) -> bool:
        """Whether the fact shares only words with the line (or words near its words):
        no concept, no name, no check of years, degree, role or publication. Below 0.5
        such evidence was a labelled backer 43 % of the time on the 30 labelled dev pairs;
        concept evidence 87 % at any score (`matching.features.Shared.why`)."""
        return self.why.startswith(("words ", "near ", "meaning "))


class Concept(_Model):
    """An ESCO skill a line may express, from the ranked linker (`skills.concepts`)."""

    id: str
    label: str
    score: float


class LineMatch(_Model):
    """One requirement line of the posting and the profile facts that back it."""

    start: int
    end: int
    text: str
    section: SectionKind
    importance: Literal["required", "preferred", "unspecified"]
    kind: Literal["condition", "licence", "qualification", "experience", "trait", "duty", "skill"]
    status: LineStatus
    evidence: list[LineEvidence]
    confidence: float = 0.0
    """How sure the mapper is that the profile backs the line (0-1): the line model's
    probability, or 1 for a years, degree, publication or role check that is met."""
    alternatives: list[LineEvidence] = Field(default=[], exclude=True)
    """Further facts that back a backed or partial line, best first, beyond those cited:
    a letter that cannot tell a cited fact as a sentence (a summary, a skill) tells the
    best of these instead. Not part of the JSON output."""
    concepts: list[Concept] = []
    """With `analyze --concepts`: the ESCO skills the line most likely expresses, best first."""
    support: dict[str, float] = Field(default={}, exclude=True)
    """Every fact the fact model gives at least `matching.lines.SUPPORT_FLOOR` for this
    line (ref -> probability), cited or not, whatever the line's status: how much each
    fact speaks to the ask, for choosing what a résumé keeps. Not part of the JSON."""


class Match(_Model):
    score: int
    skills: list[SkillMatch]
    missing_required: list[str]
    missing_preferred: list[str]
    requirements: list[RequirementCheck]
    lines: list[LineMatch] = []
    """Every requirement line, aligned with the facts that back it (`matching.lines`)."""
    profession_gap: str | None = None
    """The regulated profession the role's title asks for that the profile's credentials
    do not name ("occupational therapist" for an adult nurse), or None
    (`matching.credentials.unheld_profession`): the score is capped at
    `matching.align.PROFESSION_CAP`, the report and the letter say it."""
    subject_gap: str | None = None
    """The school subject a teaching post's title names that nothing in the profile shows
    ("art" for an "Art Teacher" post), or None (`matching.subjects.unheld_subject`): the
    score is capped at `matching.align.SUBJECT_CAP`, the report and the letter say it."""
    specialty_gap: str | None = None
    """The clinical speciality a post's title names that nothing in the profile shows
    ("palliative care" for a "Palliative Care Nurse" post and a respiratory nurse), or None
    (`matching.subjects.unheld_specialty`): the report and the letter say it; the score is
    not capped (the post is open to the applicant)."""


class Analysis(_Model):
    tailor_version: str
    posting: PostingInfo
    sections: list[Section]
    skills: list[SkillHit]
    responsibilities: list[Responsibility]
    requirements: list[Requirement]
    match: Match | None = None
