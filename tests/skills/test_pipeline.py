"""The spaCy pipeline: loaded once per process, and its recall bias reaches the decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tailor.skills.pipeline import get_nlp

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.mark.model
def test_default_and_explicit_recogniser_share_one_pipeline() -> None:
    assert get_nlp() is get_nlp(recogniser=True)


@pytest.mark.model
def test_taxonomy_only_pipeline_is_a_different_one() -> None:
    assert get_nlp(recogniser=False) is not get_nlp()
    assert "ner" not in get_nlp(recogniser=False).pipe_names


def fresh_recogniser() -> Language:
    import spacy

    from tailor.skills.pipeline import model_path

    return spacy.load(model_path())


TEXT = "You know Python and statistics, and you enjoy mentoring others ."


def test_recall_bias_reaches_the_decisions() -> None:
    from tailor.skills.pipeline import apply_recall_bias

    never = fresh_recogniser()
    apply_recall_bias(never, {"O": 100.0})
    assert never(TEXT).ents == ()
    always = fresh_recogniser()
    apply_recall_bias(always, {"O": -100.0})
    doc = always(TEXT)
    assert sum(len(e) for e in doc.ents) == len(doc)


@pytest.mark.model
def test_product_pipeline_carries_the_shipped_bias() -> None:
    from tailor.skills.pipeline import RECALL_BIAS

    plain = fresh_recogniser()
    ner = plain.get_pipe("ner")
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    before = plain.get_pipe("ner").model.get_ref("upper").get_param("b")
    after = get_nlp().get_pipe("ner").model.get_ref("upper").get_param("b")
    for name, delta in RECALL_BIAS.items():
        i = names.index(name)
        assert after[i] - before[i] == pytest.approx(delta)


@pytest.mark.model
def test_shipped_tokenizer_is_the_english_default_the_loader_builds() -> None:
    """get_nlp() skips the model's tokenizer file: that is only safe while it holds
    exactly spaCy's English defaults (retraining with custom rules breaks this)."""
    import spacy

    def rules(nlp: Language) -> bytes:
        return nlp.tokenizer.to_bytes(exclude=["vocab"])  # the rules, not the string table

    assert rules(fresh_recogniser()) == rules(spacy.blank("en"))
    assert rules(get_nlp()) == rules(spacy.blank("en"))
