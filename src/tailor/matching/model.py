"""How likely a profile fact backs a requirement line, and a line is backed at all.

Two logistic models, fitted by `training/align_model.py` on the team's labelled
alignment set (real postings x profiles, every requirement line labelled with the facts
that back it), with leave-one-profile-out cross-validation:

- the *fact* model weighs one fact's features against one line
  (`matching.features.FEATURES`): it ranks the facts, and picks those cited;
- the *line* model decides whether the line is backed at all, from its best fact's
  score, how much of the line the profile as a whole has, and its best likeness of
  meaning and of words: many facts resemble a line about Hadoop in phrasing, but a
  profile that never mentions Hadoop does not back it.

The numbers are the script's output, kept here so that tailor needs no training data at
run time. Refit and paste them when the features change.
"""

from __future__ import annotations

import math

import numpy as np

from tailor.matching.features import COLUMN, FEATURES, FloatArray

WEIGHTS: dict[str, float] = {
    "words": 3.388,
    "near": 0.901,
    "cosine": 5.131,
    "shared": 1.644,
    "concept": 0.876,
    "named": 0.169,
    "profile": -0.487,
    "kind:highlight": 0.568,
    "kind:summary": -0.169,
    "kind:role": -0.065,
    "kind:skill": -0.586,
    "kind:education": -0.690,
    "kind:certificate": -0.412,
    "kind:project": 0.275,
}
BIAS = -5.431
LINE_FEATURES = ("best fact", "profile", "best cosine", "best words")
LINE_WEIGHTS = (0.700, 3.151, 0.587, 0.102)
LINE_BIAS = -0.609
BACKED = 0.8
"""Line probability from which a line is backed. This and the three thresholds below were
chosen on the same cross-validation (a small grid; `training/align_model.py` reports the
figures at these values)."""
PARTIAL = 0.6
"""Line probability from which a line is partly backed."""
CITE = 0.3
"""Fact probability from which a fact is cited for a line the line model backs."""
CITE_SHARE = 0.8
"""Facts cited beside the best: those at least this share of its probability."""

_VECTOR = np.array([WEIGHTS[name] for name in FEATURES])
_LINE_VECTOR = np.array(LINE_WEIGHTS)


def fact_scores(rows: FloatArray) -> FloatArray:
    """The fact model's log-odds for each row of `rows` (facts x features)."""
    out: FloatArray = rows @ _VECTOR + BIAS
    return out


def line_features(rows: FloatArray, scores: FloatArray) -> FloatArray:
    """The line model's inputs (`LINE_FEATURES`) from a line's rows and fact scores."""
    return np.array(
        [
            scores.max(),
            rows[0, COLUMN["profile"]],
            rows[:, COLUMN["cosine"]].max(),
            rows[:, COLUMN["words"]].max(),
        ]
    )


def line_probability(rows: FloatArray, scores: FloatArray) -> float:
    """The chance that some fact backs the line, from its rows and their fact scores."""
    if not len(scores):
        return 0.0
    z = float(line_features(rows, scores) @ _LINE_VECTOR + LINE_BIAS)
    return 1.0 / (1.0 + math.exp(-z))


def probabilities(scores: FloatArray) -> FloatArray:
    """Log-odds as probabilities."""
    out: FloatArray = 1.0 / (1.0 + np.exp(-scores))
    return out
