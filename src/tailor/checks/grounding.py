"""The last check before anything is written: is every claim in the profile?

The composers only ever quote profile facts, so this guard should never fire;
it exists so that a future bug (or a template that hard-codes a claim) cannot
silently put an invented skill or number in front of an employer. Skills are
recognised with the same taxonomy as postings; numbers are compared as
written. The target company and role title are allowed, and removed before the
check, because naming them is the point of a letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tailor.matching.align import skill_ids
from tailor.profile.model import Profile
from tailor.skills.taxonomy import Taxonomy, normalize, tokenize

_REF = re.compile(r"\b[a-z]+\[\d+\](?:\.[A-Za-z]+(?:\[\d+\])?)*")
"""A profile reference such as `work[0].highlights[2]`: tailor's citation, not a claim."""
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Grounds:
    """What the profile can back up: its skill ids and the numbers it writes."""

    skills: frozenset[str]
    numbers: frozenset[str]
    text: str
    """The profile's words, normalised, with a space at each end (for phrase lookups)."""


def profile_grounds(profile: Profile, taxonomy: Taxonomy) -> Grounds:
    """Computed once per run; every document is checked against it."""
    values = list(_strings(profile.model_dump(mode="json", exclude_none=True)))
    known = {skill_id for v in values for skill_id in skill_ids(v, taxonomy)}
    for value in values:
        linked = taxonomy.link(value)
        if linked:
            known.add(linked.id)
    numbers = {n.rstrip(",.") for v in values for n in _NUMBER.findall(v)}
    text = " " + " | ".join(normalize(v) for v in values) + " "
    return Grounds(frozenset(known), frozenset(numbers), text)


def violations(
    text: str,
    *,
    grounds: Grounds,
    allowed: Iterable[str | None],
    taxonomy: Taxonomy,
) -> list[str]:
    """What in `text` the profile does not support (an empty list when all is well)."""
    for phrase in sorted((a for a in allowed if a), key=len, reverse=True):
        # Whole words only: a company called "3" must not hide the 3 in "30%".
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
    text = _REF.sub(" ", text)
    found = []
    # Line by line: a phrase across two paragraphs ("…emotional learning" then
    # "Technology: …") is not a claim the document makes.
    hits = (hit for line in text.splitlines() for hit in _line_skills(line, taxonomy))
    for skill_id, name in hits:
        # The matcher also accepts a skill whose name the profile writes out
        # ("algebra" inside "Numerical Linear Algebra"); the guard agrees with it.
        if skill_id not in grounds.skills and f" {normalize(name)} " not in grounds.text:
            found.append(f"skill '{name}' is not in the profile")
    for number in _NUMBER.findall(text):
        if number.rstrip(",.") not in grounds.numbers:
            found.append(f"number '{number}' is not in the profile")
    return sorted(set(found))


@lru_cache(maxsize=16384)
def _line_skills(line: str, taxonomy: Taxonomy) -> tuple[tuple[str, str], ...]:
    """(id, name) of the skills a line names. Cached: the same profile lines come back
    in every document, and in every posting of a bulk run."""
    return tuple((skill.id, skill.name) for _, _, skill in taxonomy.find(tokenize(line)))


def _strings(value: object) -> Iterable[str]:
    """Every text value in the profile, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
