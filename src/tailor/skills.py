"""The skill seam: one spaCy component that puts skill spans in `doc.spans["skills"]`.

Each span's label is its kind (hard, tool, soft, knowledge) and its `kb_id_`
the taxonomy id. Recognisers that come later (a trained model) write into the
same key; everything downstream reads only this key.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tailor.taxonomy import Taxonomy, load_taxonomy

SPANS_KEY = "skills"


class TaxonomySkills:
    """Finds taxonomy phrases (with aliases, case rules and a blocklist) in a Doc."""

    def __init__(self, taxonomy: Taxonomy | None = None, spans_key: str = SPANS_KEY) -> None:
        self.taxonomy = taxonomy
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        taxonomy = self.taxonomy or load_taxonomy()
        found = [
            Span(doc, start, end, label=skill.kind, kb_id=skill.id)
            for start, end, skill in taxonomy.find([token.text for token in doc])
        ]
        existing = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        doc.spans[self.spans_key] = filter_spans(existing + found)
        return doc


@Language.factory("tailor_taxonomy_skills_v1", default_config={"spans_key": SPANS_KEY})
def make_taxonomy_skills(nlp: Language, name: str, spans_key: str) -> TaxonomySkills:
    return TaxonomySkills(spans_key=spans_key)
