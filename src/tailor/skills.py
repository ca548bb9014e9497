"""The skill seam: one spaCy component that puts skill spans in `doc.spans["skills"]`.

Each span's label is its kind (hard, tool, soft, knowledge) and its `kb_id_`
the taxonomy id, or "" for a span the trained recogniser found that no
taxonomy entry names. Everything downstream reads only this key.

How the two sources combine: a recognised span (`doc.ents`, labels SKILL and
KNOWLEDGE, from the shipped model) that the taxonomy can link gets the
taxonomy's id; one it cannot link stays as an unlinked span. Every taxonomy
phrase is added too, even inside a recognised span ("experience with Python
and SQL" also yields Python and SQL), because a named skill is what the
matcher can use. Spans may therefore nest. Measured on SkillSpan dev this
beats both letting taxonomy phrases replace unlinked spans and dropping
phrases inside recognised spans (benchmarks/extraction.py; figures in
training/README.md).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tailor.taxonomy import Taxonomy, load_taxonomy

SPANS_KEY = "skills"
RECOGNISED = {"SKILL": "hard", "KNOWLEDGE": "knowledge"}


class SkillSpans:
    def __init__(self, taxonomy: Taxonomy | None = None, spans_key: str = SPANS_KEY) -> None:
        self.taxonomy = taxonomy
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        taxonomy = self.taxonomy or load_taxonomy()
        hits = [
            Span(doc, start, end, label=skill.kind, kb_id=skill.id)
            for start, end, skill in taxonomy.find([token.text for token in doc])
        ]
        spans: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in RECOGNISED:
                continue
            linked = taxonomy.link(ent.text)
            if linked is not None:
                spans.append(Span(doc, ent.start, ent.end, label=linked.kind, kb_id=linked.id))
            else:
                spans.append(Span(doc, ent.start, ent.end, label=RECOGNISED[ent.label_]))
        bounds = {(s.start, s.end) for s in spans}
        spans += [h for h in hits if (h.start, h.end) not in bounds]
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("tailor_skills_v1", default_config={"spans_key": SPANS_KEY})
def make_skill_spans(nlp: Language, name: str, spans_key: str) -> SkillSpans:
    return SkillSpans(spans_key=spans_key)
