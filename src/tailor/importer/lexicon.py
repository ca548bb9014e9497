"""Is this an English word? Asked where the importer must tell a word from a fragment or
a name: a word broken at a line's end ("tech-" + "nical"), a subject after a school's
comma ("Computer Science", not "Berkeley").

Two lists already shipped with tailor answer it, so nothing is downloaded: lemminflect's
English lexicon (words in every inflection, no names) and tailor's word-vector
vocabulary (60,000 words, names and some word pieces among them).
"""

from __future__ import annotations

from functools import cache


def is_word(word: str) -> bool:
    """A known English word (any inflection): in tailor's word vectors (asked first, as they
    load in a quarter of a second), else in lemminflect's lexicon (two seconds to load)."""
    from tailor.skills.vectors import load_word_vectors

    vectors = load_word_vectors()
    return (vectors is not None and word in vectors) or is_lexeme(word)


@cache
def is_lexeme(word: str) -> bool:
    """In lemminflect's lexicon: real words only (the vectors also hold fragments, "ing")."""
    from lemminflect import getAllLemmas

    return len(word) > 1 and bool(getAllLemmas(word))
