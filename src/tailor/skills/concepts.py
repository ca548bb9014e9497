"""Ranked ESCO concepts for a piece of posting text: which of all 13,412 ESCO skills it expresses.

The shipped taxonomy (`skills.taxonomy`) is a high-precision phrase list that
documents rely on; this is its wide, ranked companion over the whole of ESCO
(`resources/esco_labels.json.gz`, built by `scripts/build_esco_index.py`), for
reports and for the mapper's candidates. Each skill's labels (preferred and
alternative) are matched on folded words (`skills.words.label_words`: British
and American spelling, inflections) and scored by

    coverage³ × mass, coverage = share of the label's word weight the text has,
                      mass     = that shared weight,

with word weights the inverse document frequency over skills: a label is
expressed when the text has (nearly) all of it, and a label of rare words ("Haskell",
"non-invasive ventilation") counts for more than one of common words ("manage
staff"). A skill takes its best label.

Words shared are not meanings shared: "Are you ready to work in a dynamic and
international team?" shares "work" with a hundred labels. With the shipped word vectors
(`skills.vectors`), the best `RERANK_DEPTH` candidates are ordered again by their
lexical score (as a share of the best) plus `SEMANTIC_WEIGHT` times the cosine between
the text and the skill's preferred label (each the weighted mean of its words' vectors).
Measured on the validation splits of a public ESCO linking benchmark by
`benchmarks/esco_linking.py` (RP@5, RP@10).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt

from tailor.skills.vectors import WordVectors, load_word_vectors
from tailor.skills.words import label_words

MIN_COVERAGE = 0.5
"""A label must be at least this much in the text (by weight) to be a candidate."""
COVERAGE_POWER = 3.0
"""How much more a label wholly in the text counts than one mostly in it."""
COMMON = 0.05
"""Words in more than this share of skills ("manage", "use") do not propose candidates
alone; they still count for a label another word proposed."""


RERANK_DEPTH = 30
"""How many lexical candidates the meaning re-orders."""
SEMANTIC_WEIGHT = 2.0
"""The cosine's weight beside the lexical score (as a share of the best candidate's).
Chosen on the benchmark's validation splits: RP@5 HOUSE 0.393 -> 0.469, TECH 0.668 ->
0.656 (weights 1 to 4 gave HOUSE 0.42-0.48, TECH 0.63-0.67)."""
_RAW_WORD = re.compile(r"[a-z][a-z+#]*")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "your",
        "you",
        "we",
        "our",
        "this",
        "that",
        "will",
        "who",
        "it",
        "its",
        "their",
        "they",
        "have",
        "has",
        "can",
    ]
)


_AD_WORDS = frozenset(
    [
        "experience",
        "experienced",
        "years",
        "ability",
        "able",
        "strong",
        "excellent",
        "good",
        "proven",
        "knowledge",
        "understanding",
        "skills",
        "required",
        "preferred",
    ]
)
"""Job-ad words a query's labels should not hinge on, as written: folded, "experience"
meets "experiment" and "excellent" meets "Excel"."""
_TOKEN = re.compile(r"[A-Za-z][A-Za-z+#]*")


@dataclass(frozen=True)
class Candidate:
    id: str
    """The ESCO skill URI."""
    label: str
    """Its preferred label."""
    score: float


@dataclass(frozen=True)
class _Label:
    skill: int
    words: frozenset[str]
    weight: float


class ConceptIndex:
    """All ESCO skills' labels, searchable by folded words."""

    def __init__(
        self,
        skills: list[tuple[str, list[str], list[str]]],
        prefix: str,
        vectors: WordVectors | None = None,
    ) -> None:
        """`skills`: (id without `prefix`, labels, the labels' folded words) each;
        `vectors` re-order the candidates by meaning (none: by shared words alone)."""
        self.vectors = vectors
        self.ids = [prefix + s[0] for s in skills]
        self.names = [s[1][0] for s in skills]
        df: defaultdict[str, int] = defaultdict(int)
        per_skill: list[list[frozenset[str]]] = []
        for skill in skills:
            # The folded labels may be more than the labels (qualifiers dropped); a
            # match on any shows the skill's preferred label.
            entries = [frozenset(folded.split()) for folded in skill[2]]
            per_skill.append(entries)
            for word in set().union(*entries):
                df[word] += 1
        n = len(skills)
        self.idf = {word: math.log(1 + n / count) for word, count in df.items()}
        common = {word for word, count in df.items() if count > COMMON * n}
        self.labels: list[_Label] = []
        self.by_word: defaultdict[str, list[int]] = defaultdict(list)
        for index, entries in enumerate(per_skill):
            for words in entries:
                if not words:
                    continue
                weight = sum(self.idf[w] for w in words)
                label = len(self.labels)
                self.labels.append(_Label(index, words, weight))
                for word in words - common or words:
                    self.by_word[word].append(label)

    def rank(self, text: str, k: int = 10) -> list[Candidate]:
        """The `k` ESCO skills `text` most likely expresses, best first."""
        kept = " ".join(w for w in _TOKEN.findall(text) if w.lower() not in _AD_WORDS)
        asked = set(label_words(kept))
        best: dict[int, tuple[float, int]] = {}
        seen: set[int] = set()
        for word in asked:
            for label_index in self.by_word.get(word, ()):
                if label_index in seen:
                    continue
                seen.add(label_index)
                label = self.labels[label_index]
                shared = sum(self.idf[w] for w in label.words & asked)
                coverage = shared / label.weight
                if coverage < MIN_COVERAGE:
                    continue
                score = coverage**COVERAGE_POWER * shared
                if score > best.get(label.skill, (0.0, 0))[0]:
                    best[label.skill] = (score, label_index)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], self.names[item[0]]))
        scores = [(skill, score) for skill, (score, _) in ranked]
        meaning = self._meaning(text) if self.vectors is not None and scores else None
        if meaning is not None:
            top = scores[0][1]
            labels = self._label_meanings
            scores = sorted(
                (
                    (skill, score / top + SEMANTIC_WEIGHT * float(labels[skill] @ meaning))
                    for skill, score in scores[:RERANK_DEPTH]
                ),
                key=lambda item: (-item[1], self.names[item[0]]),
            )
        return [
            Candidate(id=self.ids[skill], label=self.names[skill], score=round(score, 3))
            for skill, score in scores[:k]
        ]

    @cached_property
    def _word_weights(self) -> dict[str, float]:
        """Inverse document frequency of the raw words of the preferred labels."""
        df: defaultdict[str, int] = defaultdict(int)
        for name in self.names:
            for word in set(_RAW_WORD.findall(name.lower())):
                df[word] += 1
        n = len(self.names)
        return {word: math.log(1 + n / (1 + count)) for word, count in df.items()}

    def _meaning(self, text: str) -> npt.NDArray[np.float32] | None:
        """The weighted mean of the unit vectors of `text`'s words, as a unit vector;
        None when no word has a vector."""
        assert self.vectors is not None
        words = [
            w for w in _RAW_WORD.findall(text.lower()) if w not in _STOPWORDS and w not in _AD_WORDS
        ]
        if not words:
            return None
        matrix = self.vectors.matrix(words)
        rare = math.log(1 + len(self.names))
        weights = np.array([self._word_weights.get(w, rare) for w in words], np.float32)
        summed = (matrix * weights[:, None]).sum(axis=0)
        norm = float(np.linalg.norm(summed))
        return None if norm == 0.0 else (summed / norm).astype(np.float32)

    @cached_property
    def _label_meanings(self) -> npt.NDArray[np.float32]:
        """Each skill's preferred label as a unit meaning vector (zeros: no known word)."""
        assert self.vectors is not None
        out = np.zeros((len(self.names), self.vectors.dims), np.float32)
        for row, name in enumerate(self.names):
            meaning = self._meaning(name)
            if meaning is not None:
                out[row] = meaning
        return out


@lru_cache(maxsize=1)
def load_concepts() -> ConceptIndex:
    """The shipped index, loaded once per process (about a second: used by `analyze`)."""
    raw = (files("tailor") / "resources" / "esco_labels.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    skills = [(str(i), list(labels), list(folded)) for i, labels, folded in data["skills"]]
    return ConceptIndex(skills, str(data["prefix"]), load_word_vectors())
