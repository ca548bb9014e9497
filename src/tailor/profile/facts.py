"""The profile as a flat list of citable facts.

Every sentence tailor writes about the applicant is built from these, and each
carries the `ref` (e.g. `work[1].highlights[0]`) of the profile field it came
from, so evidence tables and provenance point at something the user wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tailor.profile.model import Profile

FactKind = Literal[
    "highlight",
    "summary",
    "skill",
    "position",
    "education",
    "course",
    "project",
    "publication",
    "certificate",
    "award",
    "language",
]


@dataclass(frozen=True)
class Fact:
    ref: str
    text: str
    kind: FactKind
    source: str | None = None
    """Where the fact happened: "Senior ML Engineer, Northwind AI" (for citations)."""
    group: str | None = None
    """The entry it belongs to (`work[0]`), so ranking can keep a job's bullets together."""


def iter_facts(profile: Profile) -> Iterator[Fact]:
    basics = profile.basics
    if basics.label:
        yield Fact("basics.label", basics.label, "summary")
    if basics.summary:
        yield Fact("basics.summary", basics.summary, "summary")
    for i, job in enumerate(profile.work):
        group = f"work[{i}]"
        where = ", ".join(p for p in (job.position, job.name) if p) or None
        if job.position:
            yield Fact(f"{group}.position", job.position, "position", where, group)
        if job.summary:
            yield Fact(f"{group}.summary", job.summary, "summary", where, group)
        for j, text in enumerate(job.highlights):
            yield Fact(f"{group}.highlights[{j}]", text, "highlight", where, group)
    for i, role in enumerate(profile.volunteer):
        group = f"volunteer[{i}]"
        where = ", ".join(p for p in (role.position, role.organization) if p) or None
        if role.summary:
            yield Fact(f"{group}.summary", role.summary, "summary", where, group)
        for j, text in enumerate(role.highlights):
            yield Fact(f"{group}.highlights[{j}]", text, "highlight", where, group)
    for i, project in enumerate(profile.projects):
        group = f"projects[{i}]"
        where = project.name
        if project.description:
            yield Fact(f"{group}.description", project.description, "project", where, group)
        for j, text in enumerate(project.highlights):
            yield Fact(f"{group}.highlights[{j}]", text, "highlight", where, group)
        for j, text in enumerate(project.keywords):
            yield Fact(f"{group}.keywords[{j}]", text, "skill", where, group)
    for i, school in enumerate(profile.education):
        group = f"education[{i}]"
        where = school.institution
        degree = " ".join(p for p in (school.studyType, school.area) if p)
        if degree:
            yield Fact(f"{group}.area", degree, "education", where, group)
        for j, text in enumerate(school.courses):
            yield Fact(f"{group}.courses[{j}]", text, "course", where, group)
    for i, pub in enumerate(profile.publications):
        group = f"publications[{i}]"
        if pub.name:
            yield Fact(f"{group}.name", pub.name, "publication", pub.publisher, group)
        if pub.summary:
            yield Fact(f"{group}.summary", pub.summary, "publication", pub.publisher, group)
    for i, skill in enumerate(profile.skills):
        if skill.name:
            yield Fact(f"skills[{i}].name", skill.name, "skill", None, f"skills[{i}]")
        for j, keyword in enumerate(skill.keywords):
            yield Fact(f"skills[{i}].keywords[{j}]", keyword, "skill", skill.name, f"skills[{i}]")
    for i, cert in enumerate(profile.certificates):
        if cert.name:
            yield Fact(f"certificates[{i}].name", cert.name, "certificate", cert.issuer)
    for i, award in enumerate(profile.awards):
        if award.title:
            yield Fact(f"awards[{i}].title", award.title, "award", award.awarder)
        if award.summary:
            yield Fact(f"awards[{i}].summary", award.summary, "award", award.awarder)
    for i, lang in enumerate(profile.languages):
        if lang.language:
            yield Fact(f"languages[{i}].language", lang.language, "language")


def parse_date(
    value: str | None, *, end: bool = False, today: dt.date | None = None
) -> dt.date | None:
    """A JSON Resume partial date as a day; an end date of None or "present" is today."""
    today = today or dt.date.today()
    if value is None or value == "present":
        return today if end else None
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    day = parts[2] if len(parts) > 2 else (28 if end else 1)
    return dt.date(year, month, day)


def merged_years(ranges: list[tuple[dt.date, dt.date]]) -> float:
    """Years covered by date ranges, counting overlapping roles once."""
    total = 0
    current: tuple[dt.date, dt.date] | None = None
    for start, end in sorted(ranges):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            total += (current[1] - current[0]).days
        current = (start, end)
    if current:
        total += (current[1] - current[0]).days
    return total / 365.25
