"""What a requirement line and each profile fact share, as numbers the mapper weighs.

For a line and every fact of the profile, one row of features:

- `words`: the share of the line's content words (folded, `skills.words`) the fact has,
  each weighted by its rarity among the profile's facts (inverse document frequency), so
  that a word every fact uses ("patient" for a nurse) says less than a rare one ("oncology");
  shared taxonomy concepts and a name the line spells out ("speak English", "e.g. Microsoft
  Office") count as a few words each;
- `near`: the same share for the line's words the fact has no exact match for but a
  near-synonym of (`matching.near`: "potty" for "toilet");
- `cosine`: the cosine of the two texts' meanings, each the rarity-weighted mean of its
  words' vectors: a sentence-level likeness that survives paraphrase;
- `shared`: how many words they share exactly (up to four), `concept` and `named` flags;
- `profile`: the share of the line the profile as a whole has (its words, or close
  ones), the same for every fact: a line about something the profile never mentions
  (Hadoop, HIPAA, Welsh) is backed by none of its facts, however alike their phrasing;
- the fact's kind (a highlight, a summary, a role, a skill, education, a certificate …),
  as evidence of one kind is cited more readily than another.

`matching.model` turns a row into the probability that the fact backs the line. Pure: the
same facts and line always give the same rows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from tailor.matching.near import NearMatch, NearWords
from tailor.profile.facts import Fact
from tailor.skills.vectors import WordVectors
from tailor.skills.words import word_set

CAP_WORDS = 8.0
"""A line is fully covered by a fact sharing about this many average words of it: a long
line (a duty with five clauses) is backed by a fact that answers its main part."""
CONCEPT_WEIGHT = 2.5
"""A shared concept (or a name the line spells out) weighs as much as this many average
words."""
NEAR = 0.62
"""Cosine from which a fact's word counts as a near-synonym of a line's word."""
NAMED_MAX_WORDS = 4
"""A skill keyword, certificate or language of at most this many words is a name."""
_NAMED_KINDS = frozenset({"skill", "certificate", "language"})

KINDS = ("highlight", "summary", "role", "skill", "education", "certificate", "project")
"""The fact kinds the model tells apart; others (publications, awards, languages) are the
base case."""
FEATURES = (
    "words",
    "near",
    "cosine",
    "shared",
    "concept",
    "named",
    "profile",
    *(f"kind:{k}" for k in KINDS),
)
COLUMN = {name: i for i, name in enumerate(FEATURES)}
"""Each feature's column in a row."""
KIND_COLUMNS = slice(COLUMN[f"kind:{KINDS[0]}"], None)
PROFILE_NEAR = 0.7
"""Cosine from which the profile as a whole is taken to have a line's word (`profile`)."""

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Text:
    """A fact's or a line's folded words and taxonomy concepts, and for a name-like fact
    (or any line) its words as a phrase (`phrase`)."""

    words: frozenset[str]
    concepts: frozenset[str]
    name: str | None = None


@lru_cache(maxsize=16384)
def phrase(text: str) -> str:
    """Lowercase words joined and framed by spaces, a plural "s" dropped, for phrase search:
    surface words, not folded ("Responsive Classroom" is not named by "responsible for the
    classroom")."""
    words = (w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _TOKEN.findall(text.lower()))
    return " " + " ".join(words) + " "


_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")


def is_named(fact: Fact) -> bool:
    """A keyword, certificate or language short enough to be a name; a skill group's own
    name of one word ("Systems") is a heading, too vague to be named."""
    words = len(word_set(fact.text))
    if fact.kind not in _NAMED_KINDS or words == 0:
        return False
    group = fact.ref.startswith("skills[") and fact.ref.endswith("].name")
    return (2 if group else 1) <= words <= NAMED_MAX_WORDS


def fact_kind(fact: Fact) -> str:
    """The kind the model knows a fact by."""
    if fact.ref == "basics.label" or fact.kind == "position":
        return "role"
    if fact.kind == "course":
        return "education"
    return fact.kind


@dataclass(frozen=True)
class Asked:
    """A line's words and concepts, weighed once for all the facts it is compared with."""

    text: Text
    weights: dict[str, float]
    concept_weight: float
    total: float

    @classmethod
    def weigh(cls, text: Text, idf: dict[str, float], rare: float) -> Asked:
        """A word no fact uses weighs as the rarest does: it is asked, and nothing has it."""
        weights = {w: idf.get(w, rare) for w in text.words}
        mean = sum(weights.values()) / len(weights) if weights else rare
        total = sum(weights.values()) + CONCEPT_WEIGHT * mean * len(text.concepts)
        return cls(text, weights, CONCEPT_WEIGHT * mean, min(total, CAP_WORDS * mean))


@dataclass(frozen=True)
class Shared:
    """What one line and one fact share."""

    words: tuple[str, ...]
    concepts: tuple[str, ...]
    named: bool
    near: dict[str, float]

    def why(self) -> str:
        """In words, for the report: "names it; concepts …; words …; near …"."""
        parts = []
        if self.named and not self.concepts:
            parts.append("names it")
        if self.concepts:
            parts.append("concepts " + ", ".join(self.concepts))
        if self.words:
            parts.append("words " + ", ".join(self.words))
        if self.near:
            parts.append("near " + ", ".join(sorted(self.near)))
        return "; ".join(parts)


def shared(asked: Asked, fact: Text, near: dict[str, float]) -> Shared:
    return Shared(
        words=tuple(sorted(asked.text.words & fact.words)),
        concepts=tuple(sorted(asked.text.concepts & fact.concepts)),
        named=bool(fact.name and asked.text.name and fact.name in asked.text.name),
        near={w: s for w, s in near.items() if w in asked.weights},
    )


def word_cover(asked: Asked, common: Shared) -> float:
    """The weighted share of the line the exact words, concepts and name cover (0-1)."""
    if not asked.total:
        return 0.0
    got = sum(asked.weights[w] for w in common.words) + asked.concept_weight * (
        len(common.concepts) + (common.named and not common.concepts)
    )
    return min(1.0, got / asked.total)


def near_cover(asked: Asked, common: Shared) -> float:
    """The weighted share of the line its near-synonyms in the fact cover (0-1)."""
    if not asked.total:
        return 0.0
    return min(1.0, sum(asked.weights[w] for w in common.near) / asked.total)


@dataclass(frozen=True)
class LineRows:
    """One line against every fact: the feature rows and what each fact shares."""

    asked: Asked
    rows: FloatArray
    """facts x len(FEATURES)."""
    shares: dict[int, Shared]
    """For the facts that share anything exact or near with the line."""


def profile_index(
    facts: Sequence[Fact], fact_ids: Sequence[frozenset[str]], vectors: WordVectors | None
) -> ProfileIndex:
    """The `ProfileIndex` of these facts, built once for a run's postings (the last few
    profiles are remembered: a bulk run meets the same profile again and again)."""
    return _profile_index(tuple(facts), tuple(fact_ids), vectors)


@lru_cache(maxsize=8)
def _profile_index(
    facts: tuple[Fact, ...], fact_ids: tuple[frozenset[str], ...], vectors: WordVectors | None
) -> ProfileIndex:
    return ProfileIndex(facts, fact_ids, vectors)


class ProfileIndex:
    """A profile's facts prepared once, to meet every line of every posting."""

    def __init__(
        self,
        facts: Sequence[Fact],
        fact_ids: Sequence[frozenset[str]],
        vectors: WordVectors | None,
    ) -> None:
        self.facts = list(facts)
        self.texts = [
            Text(word_set(f.text), ids, phrase(f.text) if is_named(f) else None)
            for f, ids in zip(facts, fact_ids, strict=True)
        ]
        self.idf = _idf(self.texts)
        self.rare = max(self.idf.values(), default=1.0)
        self._named = [i for i, text in enumerate(self.texts) if text.name]
        self._having: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for key in text.words | text.concepts:
                self._having.setdefault(key, []).append(i)
        self._near = (
            NearWords(vectors, [f.text for f in facts], self.idf, self.rare)
            if vectors is not None
            else None
        )
        self._kinds = np.zeros((len(facts), len(KINDS)))
        for i, fact in enumerate(facts):
            kind = fact_kind(fact)
            if kind in KINDS:
                self._kinds[i, KINDS.index(kind)] = 1.0

    def line(self, text: str, concepts: frozenset[str]) -> LineRows:
        wanted = Text(word_set(text), concepts, phrase(text))
        asked = Asked.weigh(wanted, self.idf, self.rare)
        n = len(self.facts)
        rows = np.zeros((n, len(FEATURES)))
        if n:
            rows[:, KIND_COLUMNS] = self._kinds
        near: NearMatch | None = self._near.line(text) if self._near is not None else None
        candidates = {
            i for key in wanted.words | wanted.concepts for i in self._having.get(key, [])
        }
        if near is not None:
            candidates.update(near.facts_within(NEAR))
            rows[:, COLUMN["cosine"]] = near.cosine
        rows[:, COLUMN["profile"]] = _profile_share(asked, self.idf, near)
        spelled = wanted.name or ""
        candidates.update(i for i in self._named if (self.texts[i].name or "") in spelled)
        shares: dict[int, Shared] = {}
        for i in sorted(candidates):
            fact = self.texts[i]
            close = near.near(i, fact.words, NEAR) if near is not None else {}
            common = shared(asked, fact, close)
            shares[i] = common
            rows[i, COLUMN["words"]] = word_cover(asked, common)
            rows[i, COLUMN["near"]] = near_cover(asked, common)
            rows[i, COLUMN["shared"]] = min(len(common.words), 4) / 4
            rows[i, COLUMN["concept"]] = float(bool(common.concepts))
            rows[i, COLUMN["named"]] = float(common.named)
        return LineRows(asked, rows, shares)


def _profile_share(asked: Asked, idf: dict[str, float], near: NearMatch | None) -> float:
    """The weighted share of the line's words that some fact has, or has a close word for."""
    total = sum(asked.weights.values())
    if not total:
        return 0.0
    close: set[str] = set()
    if near is not None and near.best.size:
        best = near.best.max(axis=1)
        close = {w for w, b in zip(near.words, best, strict=True) if b >= PROFILE_NEAR}
    got = sum(weight for w, weight in asked.weights.items() if w in idf or w in close)
    return got / total


def _idf(texts: Sequence[Text]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(text.words))
    n = len(texts)
    return {word: math.log(1 + n / (1 + count)) for word, count in df.items()}
