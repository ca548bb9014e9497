"""The credentials a posting requires that the profile shows.

A licence, registration or degree the posting asks for (not merely prefers) is what a
recruiter checks first: the letter confirms it in its opening, the résumé puts its
certificate near the top. Both read it here, from the alignment, so they agree on which
certificate or degree answers which line.
"""

from __future__ import annotations

import re

from tailor.analysis.models import LineMatch

CREDENTIAL = re.compile(r"^(?P<section>certificates|education)\[(?P<index>\d+)\]")
"""A certificate or an education entry, as a fact ref ("certificates[0].name")."""


def required_credential(line: LineMatch) -> bool:
    """Whether `line` asks for a licence or qualification, not as a preference, and the
    profile backs it at least in part."""
    return (
        line.kind in ("licence", "qualification")
        and line.importance != "preferred"
        and line.status in ("backed", "partial")
    )


def weighed_refs(line: LineMatch) -> list[str]:
    """What the mapper cites for `line` first, then what else it weighs for it, strongest
    first: a registration line may be cited by a bullet that mentions the ward while the
    certificate comes next."""
    weighed = sorted(line.support, key=lambda ref: -line.support[ref])
    return list(dict.fromkeys([*(e.ref for e in [*line.evidence, *line.alternatives]), *weighed]))


def credential_refs(line: LineMatch) -> list[tuple[str, int]]:
    """The certificates and education entries the mapper weighs for `line`, strongest
    first, as (section, index): ("certificates", 0)."""
    found = (CREDENTIAL.match(ref) for ref in weighed_refs(line))
    return list(dict.fromkeys((m["section"], int(m["index"])) for m in found if m))
