"""Build tailor's spaCy pipeline once per process, and only when it is needed.

Importing spaCy costs most of a run's start-up, so nothing here runs at import
time: `tailor --help` never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

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

    import tailor.skills  # noqa: F401  (registers the component factory)

    model = model_path()
    use_model = recogniser and (model / "config.cfg").is_file()
    nlp = spacy.load(model) if use_model else spacy.blank("en")
    nlp.add_pipe("tailor_skills_v1")
    return nlp


def model_path() -> Path:
    return Path(str(files("tailor"))) / "resources" / "skill_model"
