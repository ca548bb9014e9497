"""Near-synonyms between a requirement line and the profile's facts, from word vectors.

Folding makes "mentoring" meet "mentorship"; it cannot make "debugging" meet
"troubleshooting" or "potty" meet "toilet". For each content word of a line
that a fact does not share exactly, this finds the fact's closest word by the cosine of
their vectors (`tailor.skills.vectors`), so that the mapper can credit a near-synonym as
part of a shared word. One matrix product per line against every word of the profile:
a profile has about a thousand content words, a line a dozen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from tailor.skills.vectors import WordVectors
from tailor.skills.words import content_words

_RAW = re.compile(r"[A-Za-z][A-Za-z+#]*")


@lru_cache(maxsize=16384)
def surface_words(text: str) -> dict[str, str]:
    """Each folded content word of `text` with the first lowercase word it came from
    ("mentoring" for "mentor"): vectors are looked up by the word as written. Remembered,
    as a posting's lines meet every profile of a run (treat the result as read-only)."""
    out: dict[str, str] = {}
    for raw in _RAW.findall(text):
        word = raw.lower()
        folded = _folded(word)
        if folded is not None and folded not in out:
            out[folded] = word
    return out


@lru_cache(maxsize=65536)
def _folded(word: str) -> str | None:
    folded = content_words(word)
    return folded[0] if folded else None


@dataclass(frozen=True)
class NearMatch:
    """For one line: its folded words, for each fact the best cosine of each word with any
    of the fact's words (`best[i, f]`; 0 where the fact has no words), and the cosine of
    the line's meaning with each fact's (`cosine[f]`)."""

    words: list[str]
    best: npt.NDArray[np.float32]
    cosine: npt.NDArray[np.float32]

    def near(self, fact: int, exact: frozenset[str], threshold: float) -> dict[str, float]:
        """The line's words that `fact` does not share exactly but has a word within
        `threshold` of, with that cosine."""
        column = self.best[:, fact]
        return {
            word: float(column[i])
            for i, word in enumerate(self.words)
            if word not in exact and column[i] >= threshold
        }

    def facts_within(self, threshold: float) -> list[int]:
        """The facts with at least one word within `threshold` of one of the line's."""
        if not self.best.size:
            return []
        return [int(f) for f in np.flatnonzero(self.best.max(axis=0) >= threshold)]


class NearWords:
    """The profile's facts as one matrix of word vectors, ready to meet any line. A text's
    meaning is the mean of its words' vectors weighted by `idf` (folded word -> weight;
    `rare` for a word the facts do not use), as rare words say most about a text."""

    def __init__(
        self, vectors: WordVectors, texts: Sequence[str], idf: dict[str, float], rare: float
    ) -> None:
        self._vectors = vectors
        self._facts = len(texts)
        self._idf = idf
        self._rare = rare
        rows: list[str] = []
        owner: list[int] = []
        weights: list[float] = []
        for f, text in enumerate(texts):
            for folded, surface in surface_words(text).items():
                if surface in vectors:
                    rows.append(surface)
                    owner.append(f)
                    weights.append(idf.get(folded, rare))
        self._owner = np.asarray(owner, dtype=np.intp)
        self._with_words, self._starts = np.unique(self._owner, return_index=True)
        self._matrix = vectors.matrix(rows) if rows else np.zeros((0, vectors.dims), np.float32)
        meanings = np.zeros((len(texts), vectors.dims), dtype=np.float32)
        if rows:
            np.add.at(
                meanings, self._owner, self._matrix * np.asarray(weights, np.float32)[:, None]
            )
        self._meanings = _unit_rows(meanings)

    def line(self, text: str) -> NearMatch:
        """The best cosine of each of `text`'s words with each fact."""
        words, mine = _line_vectors(self._vectors, text)
        best = np.zeros((len(words), self._facts), dtype=np.float32)
        cosine = np.zeros(self._facts, dtype=np.float32)
        if words and len(self._owner):
            sims = mine @ self._matrix.T
            # The maximum over each fact's columns: facts' words are stored fact by fact.
            best[:, self._with_words] = np.maximum.reduceat(sims, self._starts, axis=1)
            weights = np.asarray([self._idf.get(w, self._rare) for w in words], np.float32)
            meaning = _unit_rows((weights @ mine)[None, :])[0]
            cosine = self._meanings @ meaning
        return NearMatch(words, best, cosine)


@lru_cache(maxsize=4096)
def _line_vectors(vectors: WordVectors, text: str) -> tuple[list[str], npt.NDArray[np.float32]]:
    """A line's folded words that have vectors, and those vectors (one row each):
    remembered, as a posting's lines meet every profile of a run (read-only)."""
    pairs = [(w, s) for w, s in surface_words(text).items() if s in vectors]
    return [w for w, _ in pairs], vectors.matrix([s for _, s in pairs])


def _unit_rows(matrix: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: npt.NDArray[np.float32] = np.divide(
        matrix, norms, out=np.zeros_like(matrix), where=norms > 0
    )
    return out
