"""Align each requirement line of a posting with the profile facts that back it.

A fact backs a line by what they share, weighed by how telling it is:

- concepts: taxonomy ids named in both (the line's skill mentions, the fact's
  own words), the strongest signal;
- content words, folded (`skills.words`), each weighted by its inverse
  document frequency over the profile's facts, so that a word every fact uses
  ("patient" for a nurse) says less than a rare one ("oncology");
- for an experience line naming years, the dated roles that show it
  (`YearsCheck`), and for a degree line, the degree (`DegreeCheck`).

A line's coverage by a fact is the weighted share of the line's words and
concepts the fact has. The best fact decides the status (backed / partial /
missing); the evidence is every fact close to the best, each with why (what
was shared). Traits and conditions are reported as `not-scored`. Pure and
deterministic: the same profile and posting always give the same lines.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tailor.analysis.lines import Line
from tailor.analysis.models import (
    DegreeCheck,
    LineEvidence,
    LineMatch,
    RequirementCheck,
    SkillHit,
    YearsCheck,
)
from tailor.analysis.requirements import DEGREE_LEVELS, asked_degree
from tailor.profile.facts import Fact
from tailor.skills.words import word_set

BACKED = 0.5
"""Coverage from which a line counts as backed."""
PARTIAL = 0.3
"""Coverage from which a line counts as partly backed."""
EVIDENCE_SHARE = 0.7
"""Facts cited beside the best: those whose coverage is at least this share of the best."""
MAX_EVIDENCE = 2
MIN_SHARED_WORDS = 3
"""A fact sharing fewer words than this with a line, and no concept, does not back it:
one common word ("policy", "records") is a coincidence, not evidence."""
CAP_WORDS = 8.0
"""A line is fully covered by a fact sharing about this many average words of it: a long
line (a duty with five clauses) is backed by a fact that answers its main part."""
CONCEPT_WEIGHT = 2.5
"""A shared concept weighs as much as this many average words."""
LINE_WEIGHTS = {"required": 3.0, "preferred": 2.0, "unspecified": 1.0}
STATUS_CREDIT = {"backed": 1.0, "partial": 0.5, "missing": 0.0}


@dataclass(frozen=True)
class _Text:
    words: frozenset[str]
    concepts: frozenset[str]


def align_lines(
    lines: Sequence[Line],
    facts: Sequence[Fact],
    fact_ids: Sequence[frozenset[str]],
    skills: Sequence[SkillHit],
    checks: Sequence[RequirementCheck],
    degree: tuple[str | None, str | None] = (None, None),
) -> list[LineMatch]:
    """One `LineMatch` per line, in order. `fact_ids[i]` are the taxonomy ids named in
    `facts[i]`; `skills` are the posting's skills (their mentions place taxonomy ids
    in lines); `checks` the years and degree requirements already checked; `degree`
    the profile's highest degree level and its entry (`education[0]`), which a
    qualification line naming a degree is checked against."""
    texts = [_Text(word_set(f.text), ids) for f, ids in zip(facts, fact_ids, strict=True)]
    idf = _idf(texts)
    rare = max(idf.values(), default=1.0)
    having: dict[str, list[int]] = {}  # word or concept -> the facts that have it
    for i, text in enumerate(texts):
        for key in text.words | text.concepts:
            having.setdefault(key, []).append(i)
    # By start, so that each line finds its mentions by bisection (a posting of
    # 100,000 one-word lines has as many mentions: no line may look at all of them).
    mentions = sorted((m.start, m.end, s.id) for s in skills if s.id for m in s.mentions)
    starts = [start for start, _, _ in mentions]
    out = []
    for line in lines:
        first = bisect.bisect_left(starts, line.start)
        last = bisect.bisect_left(starts, line.end, lo=first)
        concepts = frozenset(id_ for _, end, id_ in mentions[first:last] if end <= line.end)
        wanted = _Text(word_set(line.text), concepts)
        asked = _Asked.weigh(wanted, idf, rare)
        keys = wanted.words | wanted.concepts
        candidates = sorted({i for key in keys for i in having.get(key, [])})
        scored = sorted(
            ((_coverage(asked, texts[i]), i) for i in candidates),
            key=lambda pair: (-pair[0][0], pair[1]),
        )
        best = scored[0][0][0] if scored else 0.0
        evidence = [
            LineEvidence(ref=facts[i].ref, text=facts[i].text, score=round(score, 3), why=why)
            for (score, why), i in scored[:MAX_EVIDENCE]
            if score >= PARTIAL and score >= EVIDENCE_SHARE * best
        ]
        status = "backed" if best >= BACKED else "partial" if best >= PARTIAL else "missing"
        check = _check_for(line, checks) or _degree_check(line, degree)
        if check is not None and check.status == "met":
            status = "backed"
            evidence = _check_evidence(check, facts) + evidence[: MAX_EVIDENCE - 1]
        elif check is not None and status == "backed":
            status = "partial"  # the words are there, the years or the degree are not
        out.append(
            LineMatch(
                start=line.start,
                end=line.end,
                text=line.text,
                section=line.section,
                importance=line.importance,
                kind=line.kind,
                status=status if line.scored else "not-scored",
                evidence=evidence if status != "missing" else [],
            )
        )
    return out


def line_score(lines: Sequence[LineMatch]) -> int | None:
    """The importance-weighted share of scored lines the profile backs (partial counts
    half), 0-100; None when the posting has no scored line."""
    total = earned = 0.0
    for line in lines:
        if line.status == "not-scored":
            continue
        weight = LINE_WEIGHTS[line.importance]
        total += weight
        earned += weight * STATUS_CREDIT[line.status]
    return round(100 * earned / total) if total else None


def _idf(texts: Sequence[_Text]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(text.words))
    n = len(texts)
    return {word: math.log(1 + n / (1 + count)) for word, count in df.items()}


@dataclass(frozen=True)
class _Asked:
    """A line's words and concepts, weighed once for all the facts it is compared with."""

    text: _Text
    weights: dict[str, float]
    concept_weight: float
    total: float

    @classmethod
    def weigh(cls, text: _Text, idf: dict[str, float], rare: float) -> _Asked:
        """A word no fact uses weighs as the rarest does: it is asked, and nothing has it."""
        weights = {w: idf.get(w, rare) for w in text.words}
        mean = sum(weights.values()) / len(weights) if weights else rare
        total = sum(weights.values()) + CONCEPT_WEIGHT * mean * len(text.concepts)
        return cls(text, weights, CONCEPT_WEIGHT * mean, min(total, CAP_WORDS * mean))


def _coverage(asked: _Asked, fact: _Text) -> tuple[float, str]:
    """How much of what the line asks the fact has (0-1), and what they share, in words."""
    shared_words = sorted(asked.text.words & fact.words)
    shared_concepts = sorted(asked.text.concepts & fact.concepts)
    if not shared_concepts and len(shared_words) < min(MIN_SHARED_WORDS, len(asked.weights)):
        return 0.0, ""
    got = sum(asked.weights[w] for w in shared_words) + asked.concept_weight * len(shared_concepts)
    why = []
    if shared_concepts:
        why.append("concepts " + ", ".join(shared_concepts))
    if shared_words:
        why.append("words " + ", ".join(shared_words))
    return (min(1.0, got / asked.total) if asked.total else 0.0), "; ".join(why)


def _degree_check(line: Line, degree: tuple[str | None, str | None]) -> DegreeCheck | None:
    """A qualification line that names a degree ("Master's preferred"), checked against the
    profile's highest degree as a degree requirement is."""
    if line.kind != "qualification":
        return None
    need = asked_degree(line.text)
    if need is None:
        return None
    have, ref = degree
    met = have is not None and DEGREE_LEVELS[have] >= DEGREE_LEVELS[need]
    return DegreeCheck(
        text=line.text,
        importance="preferred" if line.importance == "preferred" else "required",
        need=need,
        have=have,
        ref=ref,
        or_equivalent=bool(re.search(r"\bequivalent\b", line.text, re.IGNORECASE)),
        status="met" if met else "missing",
    )


def _check_for(line: Line, checks: Sequence[RequirementCheck]) -> RequirementCheck | None:
    for check in checks:
        if check.text and (check.text in line.text or line.text in check.text):
            return check
    return None


def _check_evidence(check: RequirementCheck, facts: Sequence[Fact]) -> list[LineEvidence]:
    if isinstance(check, DegreeCheck):
        if check.ref is None:
            return []
        ref = f"{check.ref}.area"
        fact = next((f for f in facts if f.ref == ref), None)
        text = fact.text if fact else check.have_text
        return [LineEvidence(ref=ref, text=text, score=1.0, why=f"degree: {check.have_text}")]
    assert isinstance(check, YearsCheck)
    positions = [f for f in facts if f.kind == "position"][:2]
    return [
        LineEvidence(
            ref=f.ref, text=f.text, score=1.0, why=f"{check.have_text} years ({check.basis})"
        )
        for f in positions
    ]
