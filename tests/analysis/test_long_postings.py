"""Very long postings are analysed in pieces: same skills, offsets into the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor.analysis.extract import CHUNK_CHARS, _pieces, analyze
from tailor.posting.read import Posting

ROOT = Path(__file__).resolve().parents[2]
POSTING = (ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [CHUNK_CHARS - 1, CHUNK_CHARS * 3 + 17])
def test_pieces_cover_the_text_and_end_at_line_ends(size: int) -> None:
    text = (POSTING * (size // len(POSTING) + 1))[:size]
    pieces = list(_pieces(text))
    assert "".join(piece for _, piece in pieces) == text
    assert [offset for offset, _ in pieces] == [
        sum(len(p) for _, p in pieces[:n]) for n in range(len(pieces))
    ]
    assert all(piece.endswith("\n") for _, piece in pieces[:-1])
    assert all(len(piece) <= CHUNK_CHARS for _, piece in pieces)


def test_a_long_posting_in_pieces_gives_what_one_doc_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = POSTING * (CHUNK_CHARS * 3 // len(POSTING) + 1)
    pieces = analyze(Posting(source="x", text=text), recogniser=False)
    monkeypatch.setattr("tailor.analysis.extract.CHUNK_CHARS", len(text) + 1)
    whole = analyze(Posting(source="x", text=text), recogniser=False)
    assert pieces == whole
    assert sum(len(s.mentions) for s in pieces.skills) > 100
    for skill in pieces.skills:
        for mention in skill.mentions:
            assert text[mention.start : mention.end] == mention.text
