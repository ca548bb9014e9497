"""Posting text in, `Analysis` out: sections, skills, responsibilities, requirements.

This is the only module that touches spaCy objects on the posting side; it
turns them into the offset-based models of `tailor.analysis.models` at once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tailor import __version__
from tailor.analysis.metadata import guess_metadata
from tailor.analysis.models import (
    Analysis,
    Importance,
    Mention,
    PostingInfo,
    Requirement,
    Responsibility,
    Section,
    SkillHit,
)
from tailor.analysis.requirements import find_requirements
from tailor.analysis.sections import Block, skill_free, split_sections
from tailor.posting.names import clean_name
from tailor.posting.read import Posting
from tailor.skills.taxonomy import SkillKind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

IMPORTANCE_RANK: dict[Importance, int] = {"required": 0, "preferred": 1, "mentioned": 2}
_INLINE_PREFERRED = re.compile(
    r"\b(preferred|a plus|nice to have|bonus|desirable|ideally|advantageous|is an advantage)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-+*•·▪◦‣–]|\d{1,2}[.)])\s+")
_LONG_RUN = re.compile(r"\S{200,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def analyze(
    posting: Posting,
    *,
    nlp: Language | None = None,
    recogniser: bool = True,
    doc: Doc | None = None,
) -> Analysis:
    """What `posting` asks for. `doc`, when given, is the pipeline's Doc of
    `skill_text(posting.text)` (a bulk worker parses its batch with `nlp.pipe`), so
    the posting is not parsed again; any other Doc is ignored."""
    text = posting.text
    blocks = split_sections(text)
    blanked = _blanked(text, blocks)
    if doc is not None and doc.text == blanked:
        spans = _spans_of([(0, doc)])
    else:
        if nlp is None:
            from tailor.skills.pipeline import get_nlp

            nlp = get_nlp(recogniser=recogniser)
        spans = _skill_spans(nlp, blanked)
    meta = guess_metadata(text)
    return Analysis(
        tailor_version=__version__,
        posting=PostingInfo(
            source=posting.source,
            text=text,
            title=clean_name(posting.title) or clean_name(meta.title),
            company=clean_name(posting.company) or clean_name(meta.company),
            location=clean_name(posting.location) or clean_name(meta.location),
        ),
        sections=[
            Section(kind=b.kind, heading=b.heading, start=b.start, end=b.end) for b in blocks
        ],
        skills=_skills(spans, text, blocks),
        responsibilities=_responsibilities(text, blocks),
        requirements=_requirements(text, blocks),
    )


def skill_text(text: str) -> str:
    """The text the skill pipeline reads for a posting of `text` (see `_blanked`); a
    caller that parses postings in batches parses this, and passes the Doc to `analyze`."""
    return _blanked(text, split_sections(text))


def parsed_whole(text: str) -> bool:
    """Whether `analyze` reads `text` as one Doc (longer texts go in pieces)."""
    return len(text) <= CHUNK_CHARS


def _blanked(text: str, blocks: list[Block]) -> str:
    """`text` with what cannot hold a skill turned into spaces of the same length, so
    every offset stays valid: pay, benefits and legal sections (their spans are dropped
    anyway, and they are 9-13 % of a posting the network need not read), and long runs
    without spaces (base64, "AAAA…"), on which spaCy's suffix search is quadratic.
    Line breaks stay, so lines and clauses keep their bounds."""
    parts = []
    pos = 0
    for block in blocks:
        if skill_free(block.kind):
            parts += [text[pos : block.start], _SPACE_OUT.sub(" ", text[block.start : block.end])]
            pos = block.end
    parts.append(text[pos:])
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), "".join(parts))


_SPACE_OUT = re.compile(r"[^\n]")


class _BlockIndex:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.starts = [b.start for b in blocks]

    def at(self, offset: int) -> Block:
        return self.blocks[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _importance(block: Block, line: str) -> Importance:
    if block.kind == "preferred":
        return "preferred"
    if block.kind == "requirements":
        return "preferred" if _INLINE_PREFERRED.search(line) else "required"
    return "mentioned"


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end != -1 else len(text)]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kb_id: str
    label: str


CHUNK_CHARS = 20_000
"""Longer texts go through spaCy in pieces of about this size, cut at line ends: a
posting is a few kilobytes, and a 1 MB one as one Doc costs gigabytes of memory."""
PIECES_PER_BATCH = 2
"""Pieces through the network at once (a batch's memory grows with its length)."""


def _skill_spans(nlp: Language, text: str) -> list[_Span]:
    """The skill spans of `text` (character offsets), from one Doc or from its pieces."""
    pieces = [(0, text)] if len(text) <= CHUNK_CHARS else list(_pieces(text))
    docs: Iterable[Doc] = (
        [nlp(text)]
        if len(pieces) == 1
        else nlp.pipe((p for _, p in pieces), batch_size=PIECES_PER_BATCH)
    )
    return _spans_of(zip((offset for offset, _ in pieces), docs, strict=True))


def _spans_of(docs: Iterable[tuple[int, Doc]]) -> list[_Span]:
    """The skill spans of Docs of pieces of a text, by (offset of the piece, Doc)."""
    from tailor.skills.component import SPANS_KEY

    out = []
    for offset, doc in docs:
        out += [
            _Span(offset + s.start_char, offset + s.end_char, s.kb_id_, s.label_)
            for s in doc.spans.get(SPANS_KEY, [])
        ]
    return out


def _pieces(text: str) -> Iterable[tuple[int, str]]:
    """(offset, piece) of about CHUNK_CHARS each, ending at a line end where there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            newline = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = newline + 1 if newline != -1 else end
        yield start, text[start:end]
        start = end


def _skills(spans: list[_Span], text: str, blocks: list[Block]) -> list[SkillHit]:
    from tailor.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    index = _BlockIndex(blocks)
    grouped: dict[str, SkillHit] = {}
    for span in spans:
        start, end = span.start, span.end
        block = index.at(start)
        line_start = text.rfind("\n", 0, start) + 1
        line = _line_at(text, line_start)
        if skill_free(block.kind) or _in_field_label(line, start - line_start):
            continue
        importance = _importance(block, line)
        skill = taxonomy.get(span.kb_id) if span.kb_id else None
        key = span.kb_id or text[start:end].lower()
        hit = grouped.get(key)
        mention = Mention(start=start, end=end, text=text[start:end])
        if hit is None:
            grouped[key] = SkillHit(
                name=skill.name if skill else text[start:end],
                id=skill.id if skill else None,
                kind=skill.kind if skill else _kind(span.label),
                importance=importance,
                mentions=[mention],
            )
        else:
            hit.mentions.append(mention)
            if IMPORTANCE_RANK[importance] < IMPORTANCE_RANK[hit.importance]:
                hit.importance = importance
    return sorted(
        grouped.values(),
        key=lambda h: (IMPORTANCE_RANK[h.importance], -len(h.mentions), h.mentions[0].start),
    )


_NUMERIC_FIELD = re.compile(r"[\s*_]*[A-Za-z][A-Za-z /&-]{0,40}?[\s*_]*:[\s*_]*[^A-Za-z\n]*")
"""A form field whose value has no words ("**Role Number:** 200578592-0836", "Weekly Hours: 40")."""


def _in_field_label(line: str, column: int) -> bool:
    """Whether `column` of `line` lies in the label of a numeric form field: such a
    label ("Role Number") names the field, never a skill the employer asks for."""
    return column < line.find(":") and bool(_NUMERIC_FIELD.fullmatch(line.rstrip()))


def _kind(label: str) -> SkillKind:
    kinds: dict[str, SkillKind] = {
        "hard": "hard",
        "tool": "tool",
        "soft": "soft",
        "knowledge": "knowledge",
    }
    return kinds.get(label.lower(), "hard")


def _lines(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        yield pos, pos + len(line)
        pos += len(line)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow `[start, end)` to the words: no indentation, bullet marker or trailing space."""
    chunk = text[start:end]
    marker = _BULLET.match(chunk)
    lead = marker.end() if marker else len(chunk) - len(chunk.lstrip())
    body = chunk[lead:].rstrip()
    return start + lead, start + lead + len(body)


def _responsibilities(text: str, blocks: list[Block]) -> list[Responsibility]:
    chosen = [b for b in blocks if b.kind == "responsibilities"]
    out: list[Responsibility] = []
    for block in chosen:
        for line_start, line_end in _lines(text, block.start, block.end):
            start, end = _trimmed(text, line_start, line_end)
            line = text[start:end]
            if not line or (block.heading and line.strip("*_: ") == block.heading):
                continue
            if len(line.split()) < 3 or _is_label(line):
                continue
            pieces = [line] if _BULLET.match(text[line_start:line_end]) else _sentences(line)
            offset = start
            for piece in pieces:
                piece_start = text.index(piece, offset)
                offset = piece_start + len(piece)
                if len(piece.split()) >= 3:
                    out.append(Responsibility(text=piece, start=piece_start, end=offset))
    return out


def _is_label(line: str) -> bool:
    return bool(re.match(r"^\*\*[^*]+\*\*\s*\S{0,20}$", line))


def _sentences(line: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(line) if s.strip()]


def _requirements(text: str, blocks: list[Block]) -> list[Requirement]:
    chosen = [b for b in blocks if b.kind in ("requirements", "preferred")]
    if not chosen:
        chosen = [b for b in blocks if not skill_free(b.kind)]
    out: list[Requirement] = []
    for block in chosen:
        for found in find_requirements(text, block.start, block.end):
            importance = _importance(block, _line_at(text, found.start))
            out.append(
                Requirement(
                    kind=found.kind,
                    text=text[found.start : found.end],
                    start=found.start,
                    end=found.end,
                    value=found.value,
                    importance=importance if importance != "mentioned" else "required",
                )
            )
    return out
