"""Turning a profile fact into a first-person sentence, and choosing wording.

Facts are quoted, never paraphrased: a highlight is the user's own claim, so
the letter may change only its grammatical frame ("Led a team…" -> "I led a
team…"). Variation is chosen by a stable hash of the posting, so reruns give
the same letter and different postings read differently.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_IRREGULAR_PAST = frozenset(
    [
        "built",
        "led",
        "ran",
        "won",
        "taught",
        "wrote",
        "grew",
        "cut",
        "drove",
        "made",
        "set",
        "oversaw",
        "brought",
        "began",
        "took",
        "gave",
        "kept",
        "spoke",
        "sold",
        "bought",
        "held",
        "shipped",
        "met",
        "put",
        "found",
        "rebuilt",
        "redesigned",
        "rewrote",
        "undertook",
        "became",
        "co-led",
        "co-wrote",
        "co-founded",
        "founded",
    ]
)


def pick(options: Sequence[str], *seed: object) -> str:
    digest = hashlib.sha256("|".join(str(s) for s in seed).encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


_PRESENT = frozenset(
    [
        "serve",
        "lead",
        "manage",
        "own",
        "run",
        "coordinate",
        "support",
        "mentor",
        "teach",
        "deliver",
        "oversee",
        "supervise",
        "maintain",
        "develop",
        "design",
        "build",
        "work",
        "act",
        "provide",
        "plan",
        "chair",
        "organise",
        "organize",
        "train",
        "write",
        "review",
        "assess",
        "care",
        "administer",
    ]
)


def starts_with_verb(text: str) -> bool:
    first = text.split(maxsplit=1)[0].lower().strip(",;:") if text.strip() else ""
    return first.endswith("ed") or first in _IRREGULAR_PAST or first in _PRESENT


def first_person(text: str) -> str:
    """ "Led a team of 5" -> "I led a team of 5." (facts without a leading verb stay whole)."""
    text = text.strip().rstrip(".") + "."
    if not starts_with_verb(text):
        return text
    first, _, rest = text.partition(" ")
    if len(first) > 1 and first[1:].islower():
        first = first.lower()
    return f"I {first} {rest}".rstrip()


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name like
    PyTorch, or heads a list of names ("Python, SQL, and Spark")."""
    words = text.split(maxsplit=2)
    first = words[0] if words else ""
    if first.endswith(",") and len(words) > 1 and words[1][:1].isupper():
        return text
    if first[1:].islower() or first in ("A", "An"):  # "A strong clinical background"
        return text[:1].lower() + text[1:]
    return text


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def word_count(texts: Sequence[str]) -> int:
    return sum(len(re.findall(r"\S+", t)) for t in texts)
