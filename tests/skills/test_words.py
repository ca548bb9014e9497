"""Word folding: a posting's wording meets the profile's."""

from __future__ import annotations

import pytest

from tailor.skills.words import content_words, fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mentoring", "mentored"),
        ("mentorship", "mentor"),
        ("behaviour", "behavior"),
        ("organisation", "organization"),
        ("analyse", "analyze"),
        ("programme", "program"),
        ("centre", "center"),
        ("led", "leading"),
        ("taught", "teaching"),
    ],
)
def test_variants_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_job_ad_english_and_function_words_are_dropped() -> None:
    assert content_words("Strong experience with the ability to work in a team") == []
    assert content_words("Transformer-based models, pros/cons") == [
        "transform",
        "base",
        "model",
        "pros",
        "con",
    ]
