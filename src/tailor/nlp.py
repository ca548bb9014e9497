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


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shipped recogniser (tokenizer, tok2vec, ner) plus the taxonomy linker.

    Without the shipped weights (a trimmed install), the taxonomy alone still
    finds skills: the pipeline degrades, it does not fail.
    """
    import spacy

    import tailor.skills  # noqa: F401  (registers the component factory)

    model = model_path()
    nlp = spacy.load(model) if (model / "config.cfg").is_file() else spacy.blank("en")
    nlp.add_pipe("tailor_skills_v1")
    return nlp


def model_path() -> Path:
    return Path(str(files("tailor"))) / "resources" / "skill_model"
