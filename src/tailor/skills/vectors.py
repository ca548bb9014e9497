"""Static word vectors: which words mean nearly the same thing.

Folding (`tailor.skills.words`) makes "mentoring" meet "mentorship", but it cannot know that
"toilet" is close to "potty" or "troubleshoot" to "debug": for
that one needs word meanings. These come from the sentence-transformer all-MiniLM-L6-v2
(Apache-2.0; sentence-transformers, fine-tuned from Microsoft MiniLM), distilled by
`scripts/build_word_vectors.py` into one 128-dimensional int8 vector per word for
60,000 words and shipped as `resources/word_vectors.npz`. Reading them needs numpy only: no
torch, no tokenizer, no network, and a few tens of milliseconds.

Words outside the vocabulary have no vector (the model is not shipped, so a new word cannot
be encoded): `vector` answers None, `similarity` 0.0 and `matrix` a zero row. Callers decide
what a similarity means; this module does not filter stopwords or set thresholds.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

_RESOURCE = "word_vectors.npz"

FloatMatrix = npt.NDArray[np.float32]


class WordVectors:
    """Unit float32 vectors for a fixed vocabulary of lowercase words."""

    def __init__(self, words: Sequence[str], vectors: npt.NDArray[np.generic]) -> None:
        if len(words) != len(vectors):
            raise ValueError(f"{len(words)} words but {len(vectors)} vectors")
        matrix = np.array(vectors, dtype=np.float32)  # a copy: rows are scaled in place
        norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
        np.divide(matrix, norms[:, None], out=matrix, where=norms[:, None] > 0)
        matrix.setflags(write=False)
        self._matrix: FloatMatrix = matrix
        self._index = {word: row for row, word in enumerate(words)}
        self.dims: int = int(matrix.shape[1])
        self.meta: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self._index

    def vector(self, word: str) -> FloatMatrix | None:
        """The word's unit vector (read-only), or None when the word is not in the vocabulary."""
        row = self._index.get(word.lower())
        return None if row is None else self._matrix[row]

    def matrix(self, words: Sequence[str]) -> FloatMatrix:
        """A len(words) x dims matrix of unit rows; a zero row for each unknown word."""
        out = np.zeros((len(words), self.dims), dtype=np.float32)
        rows = [(i, self._index.get(w.lower())) for i, w in enumerate(words)]
        known = [(i, r) for i, r in rows if r is not None]
        if known:
            targets, sources = zip(*known, strict=True)
            out[list(targets)] = self._matrix[list(sources)]
        return out

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two words; 0.0 when either is not in the vocabulary."""
        va, vb = self.vector(a), self.vector(b)
        if va is None or vb is None:
            return 0.0
        return float(np.dot(va, vb))


def _read(raw: bytes) -> WordVectors:
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        words = data["words"].tobytes().decode("utf-8").split("\n")
        vectors = data["vectors"]
        meta = json.loads(data["meta"].tobytes().decode("utf-8")) if "meta" in data else {}
    result = WordVectors(words, vectors)
    result.meta = meta
    return result


@cache
def load_word_vectors() -> WordVectors | None:
    """The word vectors shipped with tailor (loaded once), or None when they are absent.

    Loading them also limits the process's BLAS to one thread (`threadpoolctl`): the
    products tailor computes are a few dozen words by a thousand, which a second thread
    only slows, and an idle OpenBLAS thread spins on the other core (doubling the CPU time
    of `analyze` and starving the second bulk worker).
    """
    try:
        raw = (files("tailor") / "resources" / _RESOURCE).read_bytes()
    except FileNotFoundError:
        return None
    threadpool_limits(limits=1, user_api="blas")
    return _read(raw)
