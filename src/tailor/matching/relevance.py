"""How much each profile fact matters to this posting, from the requirement alignment.

The résumé orders and cuts by it: a fact that backs a required line of the posting
outranks one that backs only a duty or a nice-to-have, which outranks one that backs
nothing. Both the facts a line cites and the further facts that also back it
(`LineMatch.alternatives`) count, weighted by how sure the mapper is of each: a
résumé that drops the second-best proof of a required ask loses something a reader
would look for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tailor.analysis.models import LineMatch

BACKS: dict[str, int] = {"unspecified": 1, "preferred": 1, "required": 2}
"""How strongly a fact's best line protects it: 2 for a required line, 1 for a duty,
a preferred or an unlabelled ask, 0 (absent) for none."""

_WEIGHT = {"required": 3.0, "preferred": 2.0, "unspecified": 1.5}
_STATUS = {"backed": 1.0, "partial": 0.6}


@dataclass(frozen=True)
class Relevance:
    """A fact's standing with the posting."""

    score: float
    """The sum, over the lines the fact backs, of the line's weight (required 3, preferred
    2, other 1.5) x its status (backed 1, partial 0.6) x how well the fact backs it."""
    backs: int
    """The strongest kind of line it backs: 2 required, 1 other, 0 none (`BACKS`)."""


def fact_relevance(lines: Iterable[LineMatch]) -> dict[str, Relevance]:
    """Every fact ref some scored, backed or partial line cites or could cite -> its relevance."""
    scores: dict[str, float] = {}
    backs: dict[str, int] = {}
    for line in lines:
        status = _STATUS.get(line.status)
        if status is None:
            continue
        weight = _WEIGHT[line.importance] * status
        for evidence in [*line.evidence, *line.alternatives]:
            scores[evidence.ref] = scores.get(evidence.ref, 0.0) + weight * evidence.score
            backs[evidence.ref] = max(backs.get(evidence.ref, 0), BACKS[line.importance])
    return {ref: Relevance(round(scores[ref], 3), backs[ref]) for ref in scores}


def entry_relevance(prefix: str, relevance: dict[str, Relevance]) -> Relevance:
    """A whole entry (`projects[0]`) is as relevant as its facts together, and backs
    what its best fact backs."""
    inside = [r for ref, r in relevance.items() if ref == prefix or ref.startswith(prefix + ".")]
    return Relevance(
        round(sum(r.score for r in inside), 3), max((r.backs for r in inside), default=0)
    )
