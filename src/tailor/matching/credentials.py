"""The credentials a posting requires that the profile shows.

A licence, registration or degree the posting asks for (not merely prefers) is what a
recruiter checks first: the letter confirms it in its opening, the résumé puts its
certificate near the top. Both read it here, from the alignment, so they agree on which
certificate or degree answers which line.
"""

from __future__ import annotations

import re

from tailor.analysis.models import LineMatch
from tailor.skills.words import word_set

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


_REGISTERED_FIELD = re.compile(
    r"\b(?P<whole>registered\s+(?:(?P<field>[a-z][a-z ,/-]{2,60}?)\s+(?P<role>nurse|midwife)|"
    r"(?P<role2>nurse|midwife)\s*\((?P<field2>[^)]{2,40})\)))",
    re.IGNORECASE,
)
"""A registration in a field of practice ("Registered Mental Health or Learning Disability
Nurse", "Registered Nurse (Child)"): one register, several fields, each its own."""
_ALTERNATIVES = re.compile(r"\s+or\s+|\s*/\s*|\s*,\s*")
_ANY_FIELD = word_set(
    "general qualified practising practicing professional experienced NMC UK RGN RN"
)
"""Words that name no field of practice: a "Registered General Nurse" is any nurse."""


def unheld_registration(text: str, held: frozenset[str]) -> str | None:
    """The registration `text` asks for in a field of practice the applicant's credentials
    (`held`: the words of their certificates, degrees, positions and label) do not name,
    as the posting writes it ("Registered Mental Health or Learning Disability Nurse" for
    an adult nurse); None when the line names none, when one of its fields is held, or when
    any registrant will do ("… but you can be a Registered General Nurse"). The role itself
    must be held: another profession is not this kind of gap. The mapper reads it as a
    partial match (same register, other field), the letter says it plainly."""
    found = [m for m in _REGISTERED_FIELD.finditer(text) if _a_field(m)]
    if not found:
        return None
    for registration in found:
        role = registration.group("role") or registration.group("role2")
        fields = _ALTERNATIVES.split(registration.group("field") or registration.group("field2"))
        if any(not word_set(f) - _ANY_FIELD for f in fields):
            return None  # "General Nurse", "RGN": any nurse will do
        if not word_set(role) <= held:
            return None  # another profession
        if any(word_set(f) <= held for f in fields):
            return None  # one of the fields is held
    return found[0].group("whole")


_FIELD_WORDS = 6


def _a_field(registration: re.Match[str]) -> bool:
    """Whether what stands between "Registered" and "Nurse" names a field of practice, not
    a run of the sentence ("Registered Nurse - Currently licensed as a registered
    professional nurse": that is two registrations, neither with a field)."""
    field = registration.group("field") or registration.group("field2")
    return len(field.split()) <= _FIELD_WORDS and not re.search(
        r"(?i)\b(?:nurse|midwife)\b|\s[-–—]\s", field
    )
