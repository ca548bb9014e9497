"""Is this an English word? Asked where the importer must tell a word from a fragment or
a name: a word broken at a line's end ("tech-" + "nical"), a subject after a school's
comma ("Computer Science", not "Berkeley").

Two lists already shipped with tailor answer it, so nothing is downloaded: lemminflect's
English lexicon (words in every inflection, no names) and tailor's word-vector
vocabulary (60,000 words, names and some word pieces among them).
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path


def is_word(word: str) -> bool:
    """A known English word (any inflection): in tailor's word vectors (asked first, as they
    load in a quarter of a second), else in lemminflect's lexicon (two seconds to load)."""
    from tailor.skills.vectors import load_word_vectors

    vectors = load_word_vectors()
    return (vectors is not None and word in vectors) or is_lexeme(word)


@cache
def is_lexeme(word: str) -> bool:
    """In lemminflect's lexicon: real words only (the vectors also hold fragments, "ing")."""
    return len(word) > 1 and _lexicon()(word.lower())


@cache
def _lexicon() -> Callable[[str], bool]:
    """Whether lemminflect knows a (lowercase) word form, from its own lookup table.

    `import lemminflect` imports spaCy (two seconds, which `tailor profile import` does
    not otherwise spend); its table (`resources/lemma_lu.csv.gz`, "word,tag,lemma" rows)
    reads in a few hundredths of a second. Should a later lemminflect move the table, the
    package itself is asked.
    """
    spec = importlib.util.find_spec("lemminflect")
    folders = list(spec.submodule_search_locations or []) if spec else []
    words: set[str] = set()
    for folder in folders:
        for name in ("lemma_lu.csv.gz", "lemma_overrides.csv"):
            path = Path(folder) / "resources" / name
            if path.is_file():
                with (
                    gzip.open(path, "rt", encoding="utf-8")
                    if name.endswith(".gz")
                    else path.open(encoding="utf-8") as rows
                ):
                    forms = (row.split(",", 1)[0] for row in rows)
                    # Capitalised rows are names ("Leeds", "Berkeley"), which lemminflect's
                    # lowercased lookup never finds either.
                    words.update(form for form in forms if form.islower())
    if words:
        return frozenset(words).__contains__
    from lemminflect import getAllLemmas

    return lambda word: bool(getAllLemmas(word))
