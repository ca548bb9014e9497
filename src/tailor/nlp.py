"""Build tailor's spaCy pipeline once per process, and only when it is needed.

Importing spaCy costs most of a run's start-up, so nothing here runs at import
time: `tailor --help` never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    import tailor.skills  # noqa: F401  (registers the component factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("tailor_taxonomy_skills_v1")
    return nlp
