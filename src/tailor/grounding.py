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

from tailor.facts import Fact
from tailor.matching import Tokenize
from tailor.taxonomy import Taxonomy

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def violations(
    text: str,
    *,
    facts: Iterable[Fact],
    allowed: Iterable[str | None],
    taxonomy: Taxonomy,
    tokenize: Tokenize,
) -> list[str]:
    facts = list(facts)
    for phrase in sorted((a for a in allowed if a), key=len, reverse=True):
        text = text.replace(phrase, " ")
    profile_text = "\n".join(f.text for f in facts) + "\n" + "\n".join(
        f.source or "" for f in facts
    )
    known = {skill.id for _, _, skill in taxonomy.find(tokenize(profile_text))}
    for fact in facts:
        if fact.kind == "skill":
            linked = taxonomy.link(fact.text)
            if linked:
                known.add(linked.id)
    found = []
    for _, _, skill in taxonomy.find(tokenize(text)):
        if skill.id not in known:
            found.append(f"skill '{skill.name}' is not in the profile")
    profile_numbers = {n.rstrip(",.") for n in _NUMBER.findall(profile_text)}
    for number in _NUMBER.findall(text):
        if number.rstrip(",.") not in profile_numbers:
            found.append(f"number '{number}' is not in the profile")
    return sorted(set(found))
