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
staff"). A skill takes its best label. Measured on the validation splits of a
public ESCO linking benchmark by `benchmarks/esco_linking.py` (RP@5, RP@10).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from tailor.skills.words import label_words

MIN_COVERAGE = 0.5
"""A label must be at least this much in the text (by weight) to be a candidate."""
COVERAGE_POWER = 3.0
"""How much more a label wholly in the text counts than one mostly in it."""
COMMON = 0.05
"""Words in more than this share of skills ("manage", "use") do not propose candidates
alone; they still count for a label another word proposed."""


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

    def __init__(self, skills: list[tuple[str, list[str], list[str]]], prefix: str) -> None:
        """`skills`: (id without `prefix`, labels, the labels' folded words) each."""
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
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], self.names[item[0]]))[:k]
        return [
            Candidate(
                id=self.ids[skill],
                label=self.names[skill],
                score=round(score, 3),
            )
            for skill, (score, label_index) in ranked
        ]


@lru_cache(maxsize=1)
def load_concepts() -> ConceptIndex:
    """The shipped index, loaded once per process (about a second: used by `analyze`)."""
    raw = (files("tailor") / "resources" / "esco_labels.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    skills = [(str(i), list(labels), list(folded)) for i, labels, folded in data["skills"]]
    return ConceptIndex(skills, str(data["prefix"]))
