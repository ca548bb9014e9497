"""Static word vectors: related words are closer than unrelated ones."""

from __future__ import annotations

import numpy as np
import pytest

from tailor.skills.vectors import WordVectors, load_word_vectors

UNKNOWN = "qzxjvwk"


@pytest.fixture(scope="module")
def wv() -> WordVectors:
    vectors = load_word_vectors()
    if vectors is None:
        pytest.skip("resources/word_vectors.npz is absent (scripts/build_word_vectors.py)")
    return vectors


def test_loaded_once(wv: WordVectors) -> None:
    assert load_word_vectors() is wv
    assert wv.dims == 128
    assert len(wv) > 20_000


@pytest.mark.parametrize(
    ("word", "near", "far"),
    [
        ("mentoring", "mentorship", "invoice"),
        ("toddler", "preschool", "database"),
        ("toilet", "potty", "spreadsheet"),
        ("troubleshoot", "debug", "lullaby"),
        ("nurse", "nursing", "compiler"),
        ("teacher", "classroom", "forklift"),
        ("pharmacist", "pharmacy", "welding"),
        ("python", "programming", "pediatric"),
        ("oncology", "cancer", "accounting"),
    ],
)
def test_related_words_are_closer_than_unrelated(
    wv: WordVectors, word: str, near: str, far: str
) -> None:
    assert wv.similarity(word, near) > wv.similarity(word, far) + 0.2


def test_inflections_are_very_close(wv: WordVectors) -> None:
    assert wv.similarity("nurse", "nursing") > 0.6
    assert wv.similarity("mentoring", "mentorship") > 0.6


def test_similarity_is_a_cosine(wv: WordVectors) -> None:
    assert wv.similarity("nurse", "nurse") == pytest.approx(1.0, abs=1e-5)
    assert wv.similarity("nurse", "nursing") == pytest.approx(wv.similarity("nursing", "nurse"))
    vector = wv.vector("nurse")
    assert vector is not None
    assert vector.dtype == np.float32
    assert vector.shape == (128,)
    assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-5)


def test_unknown_words(wv: WordVectors) -> None:
    assert UNKNOWN not in wv
    assert wv.vector(UNKNOWN) is None
    assert wv.similarity(UNKNOWN, "nurse") == 0.0
    assert wv.similarity("nurse", UNKNOWN) == 0.0


def test_lookup_is_case_insensitive(wv: WordVectors) -> None:
    assert "Nurse" in wv
    assert "NURSE" in wv
    assert wv.similarity("Nurse", "NURSING") == pytest.approx(wv.similarity("nurse", "nursing"))
    upper, lower = wv.vector("Python"), wv.vector("python")
    assert upper is not None
    assert lower is not None
    assert np.array_equal(upper, lower)


def test_matrix(wv: WordVectors) -> None:
    words = ["Nurse", UNKNOWN, "teacher", "nurse"]
    matrix = wv.matrix(words)
    assert matrix.shape == (4, 128)
    assert matrix.dtype == np.float32
    assert not matrix[1].any()
    np.testing.assert_allclose(np.linalg.norm(matrix[[0, 2, 3]], axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(matrix[0], matrix[3])
    assert float(matrix[0] @ matrix[2]) == pytest.approx(wv.similarity("nurse", "teacher"))
    assert wv.matrix([]).shape == (0, 128)


def test_meta_names_the_model_and_licence(wv: WordVectors) -> None:
    assert wv.meta["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert wv.meta["licence"] == "Apache-2.0"
    assert wv.meta["vocabulary_size"] == len(wv)
