"""How `tailor.skills.component.SkillSpans` combines recognised spans (doc.ents) with taxonomy hits.

The recogniser is simulated: the Docs get hand-set ents, so these tests need no model.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tailor.skills.component import SPANS_KEY, SkillSpans
from tailor.skills.taxonomy import load_taxonomy

NLP = spacy.blank("en")


def doc_with(text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc of `text` whose ents are the first occurrence of each (phrase, label)."""
    doc = NLP(text)
    spans = []
    for phrase, label in ents:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = spans
    return doc


def found(doc: Doc, recogniser: bool = True) -> list[tuple[str, str]]:
    SkillSpans(recogniser=recogniser)(doc)
    return [(s.text, s.kb_id_) for s in doc.spans[SPANS_KEY]]


def texts(doc: Doc, recogniser: bool = True) -> list[str]:
    return [text for text, _ in found(doc, recogniser)]


def test_recognised_span_edges_lose_function_words() -> None:
    doc = doc_with("You define and implement best practices and guidelines .", [
        ("define and implement best practices and", "SKILL"),
    ])  # fmt: skip
    assert texts(doc) == ["define and implement best practices"]


def test_recognised_span_edges_lose_commas() -> None:
    doc = doc_with("You lead the design, implementation, and testing", [
        ("lead the design, implementation, and", "SKILL"),
    ])  # fmt: skip
    assert texts(doc) == ["lead the design, implementation"]


def test_recognised_span_takes_its_closing_parenthesis() -> None:
    doc = doc_with("Certified in Docker ( DCA ) or more", [("Docker ( DCA", "KNOWLEDGE")])
    assert "Docker ( DCA )" in texts(doc)


def test_recognised_span_is_linked_when_the_taxonomy_names_it() -> None:
    doc = doc_with("Strong Python skills", [("Python", "KNOWLEDGE")])
    python = load_taxonomy().link("Python")
    assert python is not None
    assert found(doc) == [("Python", python.id)]


def test_taxonomy_phrases_inside_recognised_spans_are_kept() -> None:
    doc = doc_with("experience with Python and SQL", [("Python and SQL", "KNOWLEDGE")])
    assert sorted(texts(doc)) == ["Python", "Python and SQL", "SQL"]


def test_taxonomy_phrase_in_a_clause_without_recognised_spans_is_dropped() -> None:
    doc = doc_with(
        "We value communication and leadership .\nYou know Kubernetes .",
        [("Kubernetes", "KNOWLEDGE")],
    )
    assert texts(doc) == ["Kubernetes"]


def test_taxonomy_phrase_next_to_a_recognised_span_is_kept() -> None:
    doc = doc_with("You bring leadership and stakeholder management", [
        ("stakeholder management", "SKILL"),
    ])  # fmt: skip
    assert "leadership" in texts(doc)


def test_tools_are_kept_in_any_clause() -> None:
    doc = doc_with("Our stack is Kubernetes .\nYou write tests .", [("write tests", "SKILL")])
    assert "Kubernetes" in texts(doc)


def test_taxonomy_phrase_naming_a_role_is_dropped() -> None:
    doc = doc_with("Join us as a Java Developer and write clean code", [
        ("write clean code", "SKILL"),
    ])  # fmt: skip
    assert "Java" not in texts(doc)


def test_without_recogniser_every_taxonomy_phrase_is_kept() -> None:
    doc = NLP("We value communication .\nJoin us as a Java Developer .")
    assert texts(doc, recogniser=False) == ["communication", "Java"]


@pytest.mark.model
def test_filters_apply_only_when_the_pipeline_has_a_recogniser() -> None:
    from tailor.skills.pipeline import get_nlp, model_path

    plain = get_nlp(recogniser=False)
    assert plain.get_pipe("tailor_skills_v1").recogniser is False
    text = "We value communication .\nJoin us as a Java Developer ."
    doc = plain(text)
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["communication", "Java"]
    if (model_path() / "config.cfg").is_file():
        assert get_nlp().get_pipe("tailor_skills_v1").recogniser is True
