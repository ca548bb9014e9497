"""The skill seam: one spaCy component that puts skill spans in `doc.spans["skills"]`.

Each span's label is its kind (hard, tool, soft, knowledge) and its `kb_id_`
the taxonomy id, or "" for a span the trained recogniser found that no
taxonomy entry names. Everything downstream reads only this key.

How the two sources combine (figures: training/README.md, benchmarks/extraction.py):

- A recognised span (`doc.ents`, labels SKILL and KNOWLEDGE, from the shipped
  model) first gets its edges tidied: function words and commas etc. at either end
  are dropped
  ("define and implement best practices and" -> "... best practices"; SkillSpan's
  gold spans essentially never start or end with one) and a ")" that closes a "("
  inside the span is taken in ("Docker ( DCA" -> "Docker ( DCA )", as annotated in
  16 of 16 such cases in SkillSpan train). If the taxonomy can link the span it
  gets the taxonomy's id; otherwise it stays an unlinked span.
- Every taxonomy phrase inside or across a recognised span is added too ("experience
  with Python and SQL" also yields Python and SQL), because a named skill is what the
  matcher can use. Spans may therefore nest.
- A taxonomy phrase *outside* every recognised span is added only when it names a tool
  (a product, language or platform: the most precise kind, 74 % of its SkillSpan train
  occurrences are inside a gold span against 52-66 % for the others) or when the
  recogniser found something in the same clause (line, or text up to ". ! ? ;"); and
  never when it names a role or a team ("Java Developer", "DevOps team": such a phrase
  was a gold skill in 10 of 92 cases in SkillSpan train). On SkillSpan dev, the other
  taxonomy-only phrases in clauses without any recognised span were right about one
  time in five: the recogniser not firing on a whole clause (titles, company blurbs,
  benefits) is good evidence that it holds no skill.

Without the recogniser (`get_nlp(recogniser=False)`) every taxonomy phrase is kept, as
before: the filters need the recogniser's spans to judge by.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tailor.skills.taxonomy import Taxonomy, load_taxonomy

SPANS_KEY = "skills"
RECOGNISED = {"SKILL": "hard", "KNOWLEDGE": "knowledge"}

# Words a recognised span should not start or end with: of 5,190 SkillSpan train gold
# spans, 15 end with one of `_END_WORDS` and 3 start with one of `_START_WORDS` ("to"
# and "be" start 12 and are left alone), while the recogniser's spans often trail an
# "and", "in" or "of".
_END_WORDS = frozenset(
    {
        "and", "or", "in", "to", "of", "with", "a", "an", "the", "for", "on", "as", "at",
        "by", "from", "our", "your", "their", "its", "is", "are", "be", "&", "/",
    }
)  # fmt: skip
_START_WORDS = _END_WORDS - {"to", "be", "&", "/"}
# A taxonomy phrase right before one of these names a job or a team, not a skill.
_ROLE_NOUNS = frozenset(
    {
        "developer", "developers", "engineer", "engineers", "manager", "managers", "team",
        "teams", "lead", "designer", "designers", "architect", "architects", "consultant",
        "consultants", "specialist", "specialists", "position", "positions", "role",
        "department", "practice", "division", "analyst", "analysts", "scientist",
        "scientists", "expert", "experts", "professional", "professionals", "unit", "group",
        "centre", "center",
    }
)  # fmt: skip
_CLAUSE_END = frozenset({".", "!", "?", ";"})
# Punctuation trimmed from either end too ("design, implementation, and" ends at
# "implementation"); not "#", "+" or brackets, which belong to names ("C #", "( DCA )").
_EDGE_PUNCT = frozenset({",", ";", ":", ".", "!", "?", "-", "–", "—", "•", "*", "·"})


def _tidy(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A recognised span's edges without function words, with its closing ")"."""
    while end - start > 1 and (
        doc[end - 1].lower_ in _END_WORDS or doc[end - 1].text in _EDGE_PUNCT
    ):
        end -= 1
    while end - start > 1 and (doc[start].lower_ in _START_WORDS or doc[start].text in _EDGE_PUNCT):
        start += 1
    if end < len(doc) and doc[end].text == ")":
        inner = [t.text for t in doc[start:end]]
        if inner.count("(") > inner.count(")"):
            end += 1
    return start, end


def _clauses(words: list[str]) -> list[int]:
    """A clause number per token: a new clause starts after a line break or . ! ? ;

    (spaCy keeps line breaks as tokens of their own; a token's trailing whitespace is
    at most one space.)"""
    numbers: list[int] = []
    n = 0
    for word in words:
        numbers.append(n)
        if word in _CLAUSE_END or "\n" in word:
            n += 1
    return numbers


class SkillSpans:
    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        spans_key: str = SPANS_KEY,
        recogniser: bool = True,
    ) -> None:
        self.taxonomy = taxonomy
        self.spans_key = spans_key
        # False: no recogniser in the pipeline, so keep every taxonomy phrase.
        self.recogniser = recogniser

    def __call__(self, doc: Doc) -> Doc:
        taxonomy = self.taxonomy or load_taxonomy()
        spans: list[Span] = []
        ranges: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ not in RECOGNISED:
                continue
            start, end = _tidy(doc, ent.start, ent.end)
            if (start, end) in ranges:
                continue
            linked = taxonomy.link(doc[start:end].text)
            if linked is not None:
                spans.append(Span(doc, start, end, label=linked.kind, kb_id=linked.id))
            else:
                spans.append(Span(doc, start, end, label=RECOGNISED[ent.label_]))
            ranges.append((start, end))
        words = [token.text for token in doc]
        hits = taxonomy.find(words)
        bounds = set(ranges)
        clauses = _clauses(words) if self.recogniser else []
        with_spans = {clauses[start] for start, _ in ranges} if clauses else set()
        for start, end, skill in hits:
            if (start, end) in bounds:
                continue
            if self.recogniser and not any(a < end and start < b for a, b in ranges):
                if clauses[start] not in with_spans and skill.kind != "tool":
                    continue
                if end < len(doc) and doc[end].lower_ in _ROLE_NOUNS:
                    continue
            spans.append(Span(doc, start, end, label=skill.kind, kb_id=skill.id))
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("tailor_skills_v1", default_config={"spans_key": SPANS_KEY})
def make_skill_spans(nlp: Language, name: str, spans_key: str) -> SkillSpans:
    return SkillSpans(spans_key=spans_key, recogniser=nlp.has_pipe("ner"))
