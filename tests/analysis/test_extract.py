"""Form-field labels in a posting's header are not skills the employer asks for."""

from __future__ import annotations

import spacy

import tailor.skills.component  # noqa: F401  (registers tailor_skills_v1)
from tailor.analysis.extract import analyze
from tailor.posting.read import Posting


def ruler_nlp(*phrases: str) -> spacy.language.Language:
    """A stand-in recogniser that marks each phrase as KNOWLEDGE wherever it occurs."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="ner")  # named so: the recogniser's rules apply
    ruler.add_patterns([{"label": "KNOWLEDGE", "pattern": p} for p in phrases])
    nlp.add_pipe("tailor_skills_v1")
    return nlp


def mentions(text: str, *phrases: str) -> list[str]:
    result = analyze(Posting(source="t", text=text), nlp=ruler_nlp(*phrases))
    return [m.text for s in result.skills for m in s.mentions]


def test_label_of_a_numeric_field_is_dropped() -> None:
    text = "**Role Number:**  200578592-0836\nWeekly Hours: 40\n\nYou know Number theory.\n"
    found = mentions(text, "Number", "Hours", "Number theory")
    assert found == ["Number theory"]


def test_label_of_a_field_with_words_is_kept() -> None:
    text = "Focus: Number theory and Python\n"
    assert set(mentions(text, "Focus", "Python")) == {"Focus", "Python"}


def test_value_of_a_numeric_field_is_not_a_label() -> None:
    text = "Stack: 3D\n"  # a value with letters: not a numeric field at all
    assert mentions(text, "Stack") == ["Stack"]
