"""Build tailor's spaCy pipeline once per process, and only when it is needed.

Importing spaCy costs most of a run's start-up, so nothing here runs at import
time: `tailor --help` never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language


def get_nlp(*, recogniser: bool = True) -> Language:
    """The shipped recogniser (tokenizer, tok2vec, ner) plus the taxonomy linker.

    `recogniser=False` gives the taxonomy linker alone. The document commands
    use that: on 300 dev postings the recogniser changed the *named* skills
    (the only ones matching and scoring use) in 2 postings (2 of 1,138 ids),
    while costing ~0.3 s of load per run. `analyze` keeps it, because it also
    reports the unnamed skill phrases it finds.

    Without the shipped weights (a trimmed install), the taxonomy alone still
    finds skills: the pipeline degrades, it does not fail.
    """
    # The cache sits on a positional helper: lru_cache keys `get_nlp()` and
    # `get_nlp(recogniser=True)` apart, which loaded the same pipeline twice.
    return _load(recogniser)


@lru_cache(maxsize=2)
def _load(recogniser: bool) -> Language:
    import spacy

    import tailor.skills.component  # noqa: F401  (registers the component factory)

    model = model_path()
    use_model = recogniser and (model / "config.cfg").is_file()
    # The shipped tokenizer is spaCy's English default (a test checks it byte for
    # byte), which the config already builds: reading it again from disk would
    # re-add its 2,700 special cases, a third of the load time.
    nlp = spacy.load(model, exclude=["tokenizer"]) if use_model else spacy.blank("en")
    if use_model:
        apply_recall_bias(nlp)
    nlp.add_pipe("tailor_skills_v1")
    return nlp


RECALL_BIAS: dict[str, float] = {"O": -0.5, "B-KNOWLEDGE": 0.75, "U-KNOWLEDGE": 0.75}
"""Added to the recogniser's action scores: it starts a span a little more readily, a
KNOWLEDGE span more so. Greedy transition NER has no threshold, and trained on
SkillSpan it under-predicts: unseen tool and field names ("Wireshark", "genomics") are
missed. Chosen on held-out dev postings with the 2-fold models (`training/twofold.py
sweep`): KNOWLEDGE loose recall 0.817 -> 0.864, loose F1 0.749 -> 0.753, strict F1
0.507 -> 0.501; chosen on one half and scored on the other: KNOWLEDGE recall 0.852,
loose F1 0.749, strict F1 0.500 (see training/README.md, "Recall bias")."""


def apply_recall_bias(nlp: Language, bias: dict[str, float] | None = None) -> None:
    """Shift the NER's output bias by `bias` (action name -> score), in place.

    Each decision is an argmax over these scores, so lowering "O" makes the model
    open a span where "O" won only narrowly; the weights on disk stay as trained."""
    if not nlp.has_pipe("ner"):
        return
    ner: Any = nlp.get_pipe("ner")  # spaCy's parser classes are compiled: no attributes to type
    upper = ner.model.get_ref("upper")
    b = upper.get_param("b").copy()
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    for name, delta in (RECALL_BIAS if bias is None else bias).items():
        if name in names:
            b[names.index(name)] += delta
    upper.set_param("b", b)


def model_path() -> Path:
    return Path(str(files("tailor"))) / "resources" / "skill_model"
