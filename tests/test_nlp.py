"""The spaCy pipeline is loaded once per process, however callers spell the request."""

from __future__ import annotations

from tailor.nlp import get_nlp


def test_default_and_explicit_recogniser_share_one_pipeline() -> None:
    assert get_nlp() is get_nlp(recogniser=True)


def test_taxonomy_only_pipeline_is_a_different_one() -> None:
    assert get_nlp(recogniser=False) is not get_nlp()
    assert "ner" not in get_nlp(recogniser=False).pipe_names
