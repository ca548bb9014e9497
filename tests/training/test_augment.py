"""Mention-replacement augmentation in scripts/train_skill_model.py (no SkillSpan data needed)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import train_skill_model as tr

NLP = spacy.blank("en")


def labelled(text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = NLP.make_doc(text)
    spans = []
    for phrase, label in ents:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return doc


def test_knowledge_spans_are_swapped_and_the_rest_kept() -> None:
    doc = labelled(
        "You know Python well and can design data pipelines .\nAlso Docker .",
        [("Python", "KNOWLEDGE"), ("design data pipelines", "SKILL"), ("Docker", "KNOWLEDGE")],
    )
    pool = ["Apache Flink", "genomics"]
    out = tr.augmented(NLP, doc, random.Random(0), pool)
    assert out is not None
    ents = [(e.text, e.label_) for e in out.ents]
    assert [label for _, label in ents] == ["KNOWLEDGE", "SKILL", "KNOWLEDGE"]
    assert ents[0][0] in pool
    assert ents[2][0] in pool
    assert ents[1][0] == "design data pipelines"
    swapped = out.text.replace(ents[0][0], "X", 1).replace(ents[2][0], "Y", 1)
    assert swapped == "You know X well and can design data pipelines .\nAlso Y ."
    assert all(t.ent_iob_ in ("B", "I", "O") for t in out)  # every token annotated


def test_doc_without_knowledge_gets_no_copy() -> None:
    doc = labelled("Lead a team of five .", [("Lead a team", "SKILL")])
    assert tr.augmented(NLP, doc, random.Random(0), ["genomics"]) is None
    copies = list(tr.with_augmented(NLP, [doc], 2, random.Random(0), ["genomics"]))
    assert copies == [doc]


def test_pool_holds_only_short_tool_and_knowledge_names() -> None:
    pool = tr.mention_pool()
    assert "Apache Flink" in pool
    assert "genomics" in pool
    assert "leadership" not in pool  # soft
    assert all(len(name.split()) <= 4 for name in pool)
    assert pool == sorted(pool)
