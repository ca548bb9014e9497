"""How much each profile fact matters to this posting, from the requirement alignment.

The résumé orders and cuts by it: a fact that backs a required line of the posting
outranks one that backs only a duty or a nice-to-have, which outranks one that backs
nothing. Both the facts a line cites and the further facts that also back it
(`LineMatch.alternatives`) count, weighted by how sure the mapper is of each: a
résumé that drops the second-best proof of a required ask loses something a reader
would look for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tailor.analysis.models import LineMatch
from tailor.matching.features import NEAR
from tailor.matching.near import surface_words
from tailor.skills.vectors import WordVectors

BACKS: dict[str, int] = {"unspecified": 1, "preferred": 1, "required": 2}
"""How strongly a fact's best line protects it: 2 for a required line, 1 for a duty,
a preferred or an unlabelled ask, 0 (absent) for none."""

LINE_WEIGHT: dict[str, float] = {"required": 3.0, "preferred": 2.0, "unspecified": 1.5}
"""How much a line of each importance weighs."""
_STATUS = {"backed": 1.0, "partial": 0.6}


@dataclass(frozen=True)
class Relevance:
    """A fact's standing with the posting."""

    score: float
    """The sum, over the scored lines, of the line's weight (required 3, preferred 2, other
    1.5) x its status (backed 1, partial 0.6, missing 1/3) x how well the fact backs it
    (the fact model's probability, or the score of a check that cites it)."""
    backs: int
    """The strongest kind of line it backs: 2 required, 1 other, 0 none (`BACKS`)."""


def fact_relevance(lines: Iterable[LineMatch]) -> dict[str, Relevance]:
    """Every fact that speaks to some scored line -> its relevance.

    `backs` comes from the facts a backed or partial line cites or could cite
    (evidence and alternatives); `score` from every fact the fact model weighs for the
    line (`LineMatch.support`), cited or not, so that among facts no line cites the
    one closer to the posting still goes last. A line the profile does not back
    counts for a third: its facts are nearer the ask than others, not proof of it.
    """
    scores: dict[str, float] = {}
    backs: dict[str, int] = {}
    for line in lines:
        if line.status == "not-scored":
            continue
        status = _STATUS.get(line.status, MISSING)
        weight = LINE_WEIGHT[line.importance] * status
        cited = {e.ref: e.score for e in [*line.evidence, *line.alternatives]}
        for ref, p in {**line.support, **cited}.items():
            scores[ref] = scores.get(ref, 0.0) + weight * p
        if line.status in _STATUS:
            for ref in cited:
                backs[ref] = max(backs.get(ref, 0), BACKS[line.importance])
    return {ref: Relevance(round(scores[ref], 3), backs.get(ref, 0)) for ref in scores}


MISSING = 1 / 3
"""What a line the profile does not back adds to its facts' scores, per unit of
weight (a backed line adds 1, a partial one 0.6)."""


def entry_relevance(prefix: str, relevance: dict[str, Relevance]) -> Relevance:
    """A whole entry (`projects[0]`) is as relevant as its facts together, and backs
    what its best fact backs."""
    inside = [r for ref, r in relevance.items() if ref == prefix or ref.startswith(prefix + ".")]
    return Relevance(
        round(sum(r.score for r in inside), 3), max((r.backs for r in inside), default=0)
    )


SAID_SHARE = 0.6
"""How much of a phrase's words one posting line must hold (the same folded word, or a
near-synonym) to say it: "Respiratory care and non-invasive ventilation" is said by a
line on non-invasive ventilation of respiratory patients, not by one on care alone."""


def said_weight(
    phrase: str, lines: Sequence[LineMatch], vectors: WordVectors | None = None
) -> float:
    """The weight (`LINE_WEIGHT`) of the strongest scored line of the posting that says
    `phrase` (a skill keyword of the profile), or 0.

    A word of the phrase is in a line when the line has the same folded word
    ("administering" for "administration" folds apart, so) or, with `vectors`, a word
    whose vector lies within the mapper's near-synonym threshold (`features.NEAR`).
    """
    mine = surface_words(phrase)
    if not mine:
        return 0.0
    best = 0.0
    for line in lines:
        weight = LINE_WEIGHT[line.importance]
        if line.status == "not-scored" or weight <= best:
            continue
        theirs = surface_words(line.text)
        found = sum(1 for word in mine if word in theirs)
        missing = [surface for word, surface in mine.items() if word not in theirs]
        if vectors is not None and missing and theirs:
            sims = vectors.matrix(missing) @ vectors.matrix(list(theirs.values())).T
            found += int(np.count_nonzero(sims.max(axis=1) >= NEAR))
        if found >= SAID_SHARE * len(mine):
            best = weight
    return best
