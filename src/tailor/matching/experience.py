"""Which of the profile's roles show the experience a line asks for.

"Previous pharmacy experience", "recent hospital experience is desirable", "teaching
experience, especially in a classical classroom", "2-3 years early childhood education
experience": such a line is answered by the roles the applicant has held, not by any one
bullet, and a recruiter cites the positions ("Pharmacy Technician, St Helens Hospital").
The labelling rules of the team's alignment set say the same: the `work[i].position` refs of
the roles that show the experience back the line.

A role shows it when its own words (position, employer, the role's summary and bullets)
hold most of what the experience is *of*: the words of the clause around "experience",
without the job-ad words that say how much or how recent ("previous", "minimum", "years")
and without its examples ("such as daycare, aftercare, or preschool": any one would do).
A role's title counts in its derived forms too: a teacher has "teaching" experience, a nurse
"nursing" and a pharmacist "pharmacy" experience. Pure: words in, roles out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tailor.analysis.lines import role_head
from tailor.profile.facts import Fact
from tailor.skills.words import content_words, word_set

SHOWN = 0.5
"""The share of the experience's words a role must hold to show it."""
MAX_ROLES = 3

_ASK = re.compile(
    r"(?ix)"
    r"\b(?:previous|prior|recent|relevant|related|demonstrated|demonstrable|proven|significant|extensive|"
    r"substantial|solid|some|considerable|practical|hands[- ]on|professional|\d+\+?|"
    r"years?|months?|minimum|least|have|has|having|with|of)\b[^.;:]{0,60}?\bexperienced?\b"
    r"|\bexperienced?\s+(?:in|of|with|working|as|at|within|across|caring|teaching|"
    r"supporting|leading|managing|using|delivering|providing)\b"
)
""""Experience" asked of the applicant, not the experience a duty gives others ("ensure a
positive patient experience")."""
_GIVEN = re.compile(
    r"(?i)\b(?:a|an|the|their|his|her|positive|good|great|excellent|best|patient|customer|"
    r"student|learning|user)\s+experience\b"
)
"""The experience someone else has ("a good experience", "the patient experience")."""
_CLAUSE = re.compile(r"[,;:()]|\s(?:but|and|whilst|while|although|however)\s", re.IGNORECASE)
_GENERIC = word_set(
    "previous prior recent relevant related demonstrated demonstrable proven significant "
    "extensive substantial solid some considerable practical hands professional minimum "
    "least year years month months one two three four five six seven eight nine ten "
    "experience experienced working work ideally ideal preferred preferably desirable "
    "essential required requirement must have has having will would should candidate "
    "candidates successful applicant applicants preference given consider considered "
    "especially particularly similar equivalent setting settings environment environments "
    "field area areas role roles position positions level good strong excellent proven "
    "track record background including include includes such within across plus "
    "advantage beneficial bonus ability able minimal overall occupational total general "
    "paid outside academia directly associated approved last past degree degrees master "
    "age ages aged "
    "masters bachelor bachelors doctorate phd mba"
)
_AGENT = re.compile(r"(?:er|or|is[t])$")
"""An agent suffix: teach-er, supervis-or, pharmac-ist."""


@dataclass(frozen=True)
class Role:
    """One work entry: its position's ref and the words of everything it says."""

    group: str
    position_ref: str
    words: frozenset[str]
    title_stems: frozenset[str]
    """The title's head noun without its agent suffix ("teach", "nurs", "pharmac")."""


@dataclass(frozen=True)
class Roles:
    """The profile's work entries, and how rare each word is among them: a word every
    role has ("patient" for a nurse) shows less than one that only one has."""

    roles: tuple[Role, ...]
    idf: dict[str, float]
    rare: float


def profile_roles(facts: Sequence[Fact]) -> Roles:
    """The work entries that name a position, most recent first (the profile's order)."""
    texts: dict[str, list[str]] = {}
    positions: dict[str, Fact] = {}
    for fact in facts:
        if not fact.group or not fact.group.startswith("work["):
            continue
        texts.setdefault(fact.group, []).append(fact.text)
        if fact.kind == "position":
            positions[fact.group] = fact
            if fact.source:
                texts[fact.group].append(fact.source)
    out = []
    for group, position in positions.items():
        head = content_words(role_head(position.text))
        stems = frozenset(_AGENT.sub("", w) for w in head[-1:] if len(w) > 4)
        out.append(Role(group, position.ref, word_set(" ".join(texts[group])), stems))
    df: dict[str, int] = {}
    for role in out:
        for word in role.words:
            df[word] = df.get(word, 0) + 1
    n = len(out)
    idf = {word: math.log(1 + n / (1 + count)) for word, count in df.items()}
    return Roles(tuple(out), idf, math.log(1 + n))


def asked_experience(text: str) -> frozenset[str] | None:
    """What experience `text` asks for, as folded words (empty when it asks for experience
    of any kind: "3 years' experience"), or None when it asks for none."""
    found = _ASK.search(text)
    if found is None or _GIVEN.search(found.group()):
        return None
    start, end = found.start(), found.end()
    cuts = [m for m in _CLAUSE.finditer(text)]
    left = max((m.end() for m in cuts if m.end() <= start), default=0)
    right = min((m.start() for m in cuts if m.start() >= end), default=len(text))
    # "Doctorate (Academic)ORMaster's Level Degree": "OR" run into the next word.
    asked = re.sub(r"\bOR(?=[A-Z][a-z])", "OR ", text[left:right])
    # "… in a group setting such as daycare, aftercare, or preschool": examples, any one
    # of which would do, are not all asked for.
    asked = _EXAMPLES.split(asked, maxsplit=1)[0]
    return frozenset(w for w in word_set(asked) - _GENERIC if not re.search(r"[\d+]", w))


_EXAMPLES = re.compile(r"(?i)\b(?:such as|e\.g\.|for example|for instance|including|like)\b")
"""Where a list of examples begins."""


def _holds(role: Role, word: str) -> bool:
    return word in role.words or any(
        word.startswith(stem) and len(word) - len(stem) <= 2 for stem in role.title_stems
    )


def roles_showing(domain: frozenset[str], roles: Roles) -> list[tuple[float, Role]]:
    """The roles that show experience of `domain` (each with the rarity-weighted share of
    it they hold), most telling first, at most `MAX_ROLES`; none for an empty domain
    (experience of any kind is a matter of years, `asked_years`)."""
    if not domain:
        return []
    weights = {w: roles.idf.get(w, roles.rare) for w in domain}
    total = sum(weights.values())
    scored = [
        (sum(weight for w, weight in weights.items() if _holds(role, w)) / total, role)
        for role in roles.roles
    ]
    shown = [(share, role) for share, role in scored if share >= SHOWN]
    shown.sort(key=lambda pair: -pair[0])  # stable: the most recent first among equals
    return shown[:MAX_ROLES]
