"""The skill taxonomy: surface phrases -> `Skill`, and a fast token matcher.

The shipped artefact, `resources/taxonomy.json.gz`, is built by
`scripts/build_taxonomy.py` from ESCO, O*NET and `data/taxonomy/curated.yaml`. It maps
*keys* (a phrase's tokens, each normalized by `normalize_token`, joined by one space)
to entries:

- `phrases`: case-insensitive keys -> entry index, or -1 for a blocked phrase. A
  blocked phrase is a "stop phrase": it consumes its tokens and yields nothing, so
  "excel at" hides "Excel" and "vitamin c" hides "C".
- `cased`: case-sensitive keys, made of the tokens' exact text ("Go", "R", "ML").
- `first` / `first_cased`: the first token of any key -> the longest key starting
  with it, so `find` passes over most tokens after a single dict miss.

Why not a spaCy PhraseMatcher: rebuilding one for ~20k phrases costs ~0.3 s at every
start-up, while this dict loads in ~20 ms. This module never imports spaCy: `find`
takes the token texts of a Doc, and `link` uses `tokenize`, a small regex tokenizer
that splits skill-sized strings the way spaCy's English tokenizer does (the build
stores both keys where the two disagree).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

SkillKind = Literal["hard", "tool", "soft", "knowledge"]

FORMAT_VERSION = 1
# The artefact writes ESCO URIs as "esco:<uuid>"; they would be a quarter of it.
ESCO_PREFIX = "http://data.europa.eu/esco/skill/"
KIND_CODES: dict[str, SkillKind] = {"h": "hard", "t": "tool", "s": "soft", "k": "knowledge"}

# Tokens ignored in keys and in the text, so that "scikit-learn" == "scikit learn"
# and "Microsoft® Excel" == "Microsoft Excel".
_SKIP_TOKENS = frozenset({"-", "‐", "‑", "®", "™", "©"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    kind: SkillKind


def _fold_plural(token: str) -> str:
    """Fold a lower-case English plural to its singular: "algorithms" -> "algorithm".

    Deliberately crude, but applied identically when building and looking up, so only
    collisions matter. Kept as they are: tokens of three letters or fewer or with
    non-letters ("aws", "node.js"), and "-ics" nouns, whose "-ic" form is another word
    ("economics" is not "economic", "robotics" is not "robotic").
    """
    if len(token) <= 3 or not token.isalpha() or token.endswith("ics"):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "shes", "ches", "xes")):
        return token[:-2]
    if token.endswith(("ss", "us", "is")) or not token.endswith("s"):
        return token
    return token[:-1]


@lru_cache(maxsize=65536)
def normalize_token(token: str) -> str:
    """A token's key form: lower case, plain apostrophes, plural folded ("APIs" -> "api").

    Returns "" for tokens that matching ignores (hyphens, ®, ™). Whitespace tokens keep
    their text, which no key contains, so a phrase never spans a line break.
    """
    if token in _SKIP_TOKENS:
        return ""
    lowered = token.translate(_APOSTROPHES).lower()
    if token.isupper():  # an acronym, not a plural: "HCPCS" is not "HCPC" + s
        return lowered
    if len(token) > 2 and token[-1] == "s" and token[:-1].isupper():  # "APIs", "GPUs"
        return lowered[:-1]
    return _fold_plural(lowered)


_PREFIX_CHARS = frozenset("([{\"'“‘«<*•·§$£€¿¡")
_SUFFIX_CHARS = frozenset(")]}\"'”’»>,;:!?%…#®™©")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+")  # "R.", "e.g.", "U.S."
_INFIX = re.compile(
    r"((?<=[^\W_])[-–—~](?=[^\W\d_])"  # scikit-learn, T-SQL
    r"|(?<=\d)[-+*^](?=[\d-])"  # 3-5
    r"|(?<=[^\W_])[:<>=/](?=[^\W\d_])"  # CI/CD, HTML/CSS
    r"|(?<=[^\W\d_]),(?=[^\W\d_])"  # a,b
    r"|(?<=[a-z])\.(?=[A-Z]))"  # Node.JS
)


def _split_chunk(chunk: str) -> list[str]:
    prefixes: list[str] = []
    suffixes: list[str] = []
    while len(chunk) > 1:
        if chunk[0] in _PREFIX_CHARS:
            prefixes.append(chunk[0])
            chunk = chunk[1:]
        elif chunk[-1] in _SUFFIX_CHARS:
            suffixes.append(chunk[-1])
            chunk = chunk[:-1]
        elif len(chunk) > 2 and chunk[-2:].translate(_APOSTROPHES).lower() == "'s":
            suffixes.append(chunk[-2:])
            chunk = chunk[:-2]
        elif chunk[-1] == "." and not _ABBREVIATION.fullmatch(chunk):
            suffixes.append(".")
            chunk = chunk[:-1]
        else:
            break
    middle = [part for part in _INFIX.split(chunk) if part]
    return prefixes + middle + suffixes[::-1]


def tokenize(text: str) -> list[str]:
    """Split a short string the way spaCy's English tokenizer does, near enough.

    "C#" -> ["C", "#"], "scikit-learn" -> ["scikit", "-", "learn"], "Node.js" ->
    ["Node.js"], "CI/CD" -> ["CI", "/", "CD"], "(SQL)" -> ["(", "SQL", ")"].
    """
    return [token for chunk in text.split() for token in _split_chunk(chunk)]


def normalize(text: str) -> str:
    """The key of a phrase: its tokens normalized and joined by one space.

    normalize("Machine-Learning  Algorithms") == "machine learning algorithm".
    """
    return " ".join(key for key in map(normalize_token, tokenize(text)) if key)


class Taxonomy:
    """Skills and the phrases that name them, loaded from a built artefact.

    `len()` is the number of skills; `n_phrases` the number of keys that name one.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"unsupported taxonomy format {data.get('version')!r} (expected "
                f"{FORMAT_VERSION}); rebuild it with scripts/build_taxonomy.py"
            )
        self._phrases: dict[str, int] = data["phrases"]
        self._cased: dict[str, int] = data["cased"]
        self._first: dict[str, int] = data["first"]
        self._first_cased: dict[str, int] = data["first_cased"]
        self._kinds: str = data["kinds"]
        self._raw_ids: str = data["ids"]
        self._raw_names: str = data["names"]
        self._ids: list[str] = []
        self._names: list[str] = []
        self._skills: list[Skill | None] = [None] * len(self._kinds)
        self._by_id: dict[str, int] = {}
        self.max_len: int = data["max_len"]
        self.n_phrases = sum(1 for i in self._phrases.values() if i >= 0) + len(self._cased)

    def __len__(self) -> int:
        return len(self._kinds)

    def _unpack(self) -> None:
        # Ids and names are stored as one string each; split them on first use.
        self._ids = [
            ESCO_PREFIX + i[5:] if i.startswith("esco:") else i for i in self._raw_ids.split("\n")
        ]
        self._names = self._raw_names.split("\n")

    def _skill(self, index: int) -> Skill:
        skill = self._skills[index]
        if skill is None:
            if not self._ids:
                self._unpack()
            skill = Skill(self._ids[index], self._names[index], KIND_CODES[self._kinds[index]])
            self._skills[index] = skill
        return skill

    def skills(self) -> Iterator[Skill]:
        """Every skill, in artefact order (for building training data, not at run time)."""
        return (self._skill(i) for i in range(len(self)))

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        if not self._by_id:
            if not self._ids:
                self._unpack()
            self._by_id = {skill_id: i for i, skill_id in enumerate(self._ids)}
        index = self._by_id.get(skill_id)
        return None if index is None else self._skill(index)

    def _scan(self, norm: list[str], orig: list[str]) -> list[tuple[int, int, int]]:
        """Greedy longest matching over parallel normalized/original token lists.

        Returns (start, end, entry) as list positions, left to right; stop phrases
        consume their tokens but are not returned. At equal length a case-sensitive
        key wins, so the blocked "go" does not hide "Go".
        """
        phrases, cased = self._phrases, self._cased
        first, first_cased = self._first, self._first_cased
        n = len(norm)
        # Only about a third of the tokens can start a key; visit just those.
        starts = [i for i in range(n) if norm[i] in first or orig[i] in first_cased]
        found: list[tuple[int, int, int]] = []
        done = 0  # tokens before this one are inside an earlier match
        for i in starts:
            if i < done:
                continue
            best_len, best = 0, -1
            for k in range(min(first_cased.get(orig[i], 0), n - i), 0, -1):
                entry = cased.get(" ".join(orig[i : i + k]))
                if entry is not None:
                    best_len, best = k, entry
                    break
            for k in range(min(first.get(norm[i], 0), n - i), best_len, -1):
                entry = phrases.get(" ".join(norm[i : i + k]))
                if entry is not None:
                    best_len, best = k, entry
                    break
            if best_len:
                if best >= 0:
                    found.append((i, i + best_len, best))
                done = i + best_len
        return found

    def find(self, words: Sequence[str]) -> list[tuple[int, int, Skill]]:
        """The skills named in a token sequence, e.g. `[t.text for t in doc]`.

        Returns greedy longest, non-overlapping matches, left to right, as
        (start_token, end_token_exclusive, skill) indices into `words`. Hyphen and ®
        tokens are skipped ("machine-learning" matches), so no match starts or ends
        on one.
        """
        norm = list(map(normalize_token, words))
        skill = self._skill
        if "" not in norm:
            return [(s, e, skill(x)) for s, e, x in self._scan(norm, list(words))]
        kept = [i for i, key in enumerate(norm) if key]
        matches = self._scan([norm[i] for i in kept], [words[i] for i in kept])
        return [(kept[s], kept[e - 1] + 1, skill(x)) for s, e, x in matches]

    def link(self, surface: str) -> Skill | None:
        """The skill that the whole of `surface` names, or None.

        For recognizer spans and profile skill names: "Structured query language SQL",
        "SQL" and "sql" link to SQL; "go" and "excel at" link to nothing. Punctuation
        around the phrase is ignored ("Python," and "(SQL)" link).
        """
        words = tokenize(surface)
        while words:
            matches = self.find(words)
            if len(matches) == 1 and matches[0][:2] == (0, len(words)):
                return matches[0][2]
            trimmed = _strip_punctuation(words)
            if trimmed == words:
                break
            words = trimmed
        return None


def _strip_punctuation(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and not any(c.isalnum() for c in words[start]):
        start += 1
    while end > start and not any(c.isalnum() for c in words[end - 1]):
        end -= 1
    return words[start:end]


def _read(raw: bytes) -> Taxonomy:
    return Taxonomy(json.loads(zlib.decompress(raw, wbits=31)))  # 31: a gzip stream


@lru_cache(maxsize=1)
def _load_shipped() -> Taxonomy:
    return _read((files("tailor") / "resources" / "taxonomy.json.gz").read_bytes())


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load a built taxonomy; None means the one shipped with tailor (loaded once)."""
    if path is None:
        return _load_shipped()
    return _read(Path(path).read_bytes())
