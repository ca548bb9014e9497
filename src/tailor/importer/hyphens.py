"""A word hyphenated at a line break, joined back: one word or a compound?

A PDF keeps the hyphen its typesetter printed where a line broke. "trans-" over
"former" is one word broken by hyphenation ("transformer"); "cross-" over
"functional" is a compound whose own hyphen fell at the break
("cross-functional"). Gluing both the same way writes a word the résumé never
had, so each break is decided, surest evidence first:

1. a soft hyphen (U+00AD, what some typesetters write for a hyphenation point)
   is always a break inside a word: dropped;
2. the document itself: the word written elsewhere on one line, with or without
   the hyphen, is how its author spells it;
3. a word list (`tailor.importer.lexicon`: lemminflect's English lexicon and tailor's
   word-vector vocabulary): a known closed word ("technical", "preceptorship") drops the
   hyphen; two known words with no closed form ("cross", "functional") keep it;
4. otherwise the text is kept as printed (with the hyphen) and the word is
   reported as a guess, for a `# review:` mark.

Invisible characters (soft hyphens, zero-width spaces, word joiners, byte-order
marks) are removed from every line by `visible`: they are not part of the text
a reader sees.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from tailor.importer.lexicon import is_lexeme, is_word

SOFT_HYPHEN = "\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_LETTERS = r"[^\W\d_]+"
_HEAD = re.compile(rf"((?:{_LETTERS}-)*{_LETTERS})[-{SOFT_HYPHEN}]$")
"""The letters before a line's final hyphen, with any hyphenated parts before them."""
_FRAGMENT = re.compile(rf"{_LETTERS}-")
"""A row holding one piece of a word and its hyphen: a narrow cell's "e-" in "Bach-e-lor"."""
_TAIL = re.compile(rf"^({_LETTERS})")
_HYPHENATED = re.compile(rf"(?<![\w-]){_LETTERS}(?:-{_LETTERS})+(?![\w-])")
_WORD = re.compile(_LETTERS)


def visible(text: str) -> str:
    """`text` without the characters a reader cannot see."""
    return text.translate(_INVISIBLE)


@dataclass
class Spellings:
    """How the document writes its words on one line: the evidence for a broken one."""

    closed: Counter[str] = field(default_factory=Counter)
    """Lowercased whole words ("transformer")."""
    hyphenated: Counter[str] = field(default_factory=Counter)
    """Lowercased hyphenated pairs written inside a line ("cross-functional")."""

    @classmethod
    def of(cls, texts: Iterable[str]) -> Spellings:
        """The spellings in `texts`: words or lines, where a trailing hyphen is a break
        (not evidence), since only a hyphen inside a line shows how a word is written."""
        found = cls()
        for text in texts:
            text = visible(text).lower()
            found.closed.update(_WORD.findall(text))
            for compound in _HYPHENATED.findall(text):
                parts = compound.split("-")
                found.hyphenated.update(f"{a}-{b}" for a, b in pairwise(parts))
        return found


@dataclass(frozen=True)
class Joined:
    text: str
    guess: str | None = None
    """The rejoined word when neither the document nor the word list decided it."""


def ends_broken(text: str) -> bool:
    """`text` ends in a hyphen (or soft hyphen) right after a letter: a word broken at a wrap,
    or a compound whose hyphen fell there."""
    return text[-1:] in ("-", SOFT_HYPHEN) and text[-2:-1].isalpha()


def join_lines(head: str, tail: str, spellings: Spellings) -> Joined:
    """`head` and the wrapped `tail` that continues it, as one text.

    A head ending in a hyphen (or soft hyphen) right after a letter, over a tail
    starting with a lowercase letter, is a broken word decided as the module says;
    a hyphen before anything else ("COVID-" over "19", "Grade-" over "Level") is kept
    and glued; any other head is joined with a space.
    """
    if not head or not tail:
        return Joined(head + tail)
    if head.endswith(SOFT_HYPHEN) and head[-2:-1].isalnum():
        return Joined(head[:-1] + tail)
    if not (head.endswith("-") and head[-2:-1].isalnum()):
        return Joined(f"{head} {tail}")
    left, right = _HEAD.search(head), _TAIL.match(tail)
    if left is None or right is None or not tail[0].islower() or _FRAGMENT.fullmatch(tail):
        return Joined(head + tail)  # (a lone fragment is decided with the piece after it)
    run, rest = left.group(1), right.group(1)
    if "-" in run:
        # A word broken over three rows ("Bach-", "e-", "lor"): the whole word, if it is one.
        whole = run.replace("-", "") + rest
        if spellings.closed[whole.lower()] or is_word(whole.lower()):
            return Joined(head[: -len(run) - 1] + run.replace("-", "") + tail)
        run = run.rsplit("-", 1)[1]
    closed = _decide(run, rest, spellings)
    if closed is True:
        return Joined(head[:-1] + tail)
    if closed is False:
        return Joined(head + tail)
    return Joined(head + tail, guess=f"{run}-{rest}")


def _decide(left: str, right: str, spellings: Spellings) -> bool | None:
    """True: one word broken ("tech", "nical"); False: a compound; None: unknown."""
    closed, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    as_closed, as_hyphenated = spellings.closed[closed], spellings.hyphenated[hyphenated]
    if as_closed != as_hyphenated:
        return as_closed > as_hyphenated
    if is_word(closed):
        return True
    if is_lexeme(left.lower()) and is_lexeme(right.lower()):
        return False
    return None
