"""The `analyze --json` contract: what tailor understood of a posting, with offsets.

Every `start`/`end` is a Python string index into `Posting.text`, so
`text[start:end] == mention.text` always holds. Downstream code (mapper,
renderers, benchmarks, external tools) reads only these models, never spaCy
objects, which keeps the extractor replaceable.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

SectionKind = Literal[
    "summary",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "legal",
    "about",
    "other",
]
SkillKind = Literal["hard", "tool", "soft", "knowledge"]
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


class Match(_Model):
    score: int
    skills: list[SkillMatch]
    missing_required: list[str]
    missing_preferred: list[str]
    requirements: list[dict[str, Any]]


class Analysis(_Model):
    tailor_version: str
    posting: PostingInfo
    sections: list[Section]
    skills: list[SkillHit]
    responsibilities: list[Responsibility]
    requirements: list[Requirement]
    match: Match | None = None
