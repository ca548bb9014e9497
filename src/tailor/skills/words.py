"""Words folded so that a posting's wording meets the profile's, and ESCO's labels.

"mentoring", "mentored" and "mentorship" meet at "mentor"; "behaviour" meets
"behavior" and "organisation" meets "organization"; "led" meets "lead". Folding
is British spelling to American, a few irregular forms, then the Snowball
(Porter 2) stemmer. Words that say nothing about a skill ("experience",
"ability", "strong", "role") are dropped, so that two texts do not look alike
because both are job-ad English.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z+#]*")
"""A word: letters (and the + and # of C++ and C#); hyphens and slashes split
("transformer-based", "pros/cons"), as one side may write the parts apart."""
_STEMMER = snowballstemmer.stemmer("english")
_IRREGULAR = {
    "led": "lead",
    "taught": "teach",
    "wrote": "write",
    "written": "write",
    "built": "build",
    "ran": "run",
    "children": "child",
    "people": "person",
    "drove": "drive",
    "driven": "drive",
    "spoke": "speak",
    "spoken": "speak",
    "bought": "buy",
    "sought": "seek",
    "held": "hold",
    "made": "make",
    "won": "win",
    "grew": "grow",
    "grown": "grow",
    "began": "begin",
    "begun": "begin",
    "chose": "choose",
    "chosen": "choose",
    "met": "meet",
    "kept": "keep",
    "brought": "bring",
    "thought": "think",
}
_SUFFIXES = ("ship", "hood")
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "either",
        "etc",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "per",
        "please",
        "same",
        "shall",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
    ]
)
_GENERIC = frozenset(
    [
        "ability",
        "able",
        "abilities",
        "applicant",
        "applicants",
        "apply",
        "candidate",
        "candidates",
        "experience",
        "experienced",
        "experiences",
        "excellent",
        "good",
        "great",
        "strong",
        "proven",
        "solid",
        "demonstrable",
        "demonstrated",
        "demonstrate",
        "knowledge",
        "understanding",
        "skill",
        "skills",
        "skilled",
        "role",
        "roles",
        "job",
        "jobs",
        "position",
        "responsibility",
        "responsibilities",
        "responsible",
        "work",
        "working",
        "works",
        "worked",
        "duty",
        "duties",
        "year",
        "years",
        "including",
        "include",
        "includes",
        "range",
        "wide",
        "variety",
        "various",
        "new",
        "well",
        "high",
        "highly",
        "level",
        "levels",
        "relevant",
        "related",
        "related",
        "required",
        "require",
        "requires",
        "requirement",
        "preferred",
        "ideal",
        "ideally",
        "plus",
        "desirable",
        "essential",
        "minimum",
        "equivalent",
        "successful",
        "opportunity",
        "opportunities",
        "team",
        "teams",
        "join",
        "help",
        "ensure",
        "ensuring",
        "support",
        "supporting",
        "provide",
        "providing",
        "use",
        "using",
        "used",
        "effective",
        "effectively",
        "etc",
        "e.g",
        "like",
        "need",
        "needs",
        "needed",
        "want",
        "looking",
        "seeking",
        "seek",
        "make",
        "making",
        "take",
        "taking",
        "within",
        "across",
        "ability",
        "day",
        "days",
        "time",
        "times",
        "part",
    ]
)


@lru_cache(maxsize=16384)
def word_set(text: str) -> frozenset[str]:
    """`content_words` as a set, cached: a profile's facts meet every posting of a run."""
    return frozenset(content_words(text))


def label_words(text: str) -> list[str]:
    """The folded words of a skill label or a query for one ("work in teams" ->
    ["work", "team"]): function words go, job-ad words stay, as labels are made of them."""
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower()
        if len(word) < 2 and word not in ("c", "r"):
            continue
        if word not in _STOP:
            out.append(fold(word))
    return out


def content_words(text: str) -> list[str]:
    """The folded content words of `text`, in order, repeats kept."""
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower()
        if len(word) < 2 or word in _STOP or word in _GENERIC:
            continue
        folded = fold(word)
        if folded and folded not in _GENERIC_STEMS:
            out.append(folded)
    return out


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """One word (lowercase) to the form its variants share."""
    word = _IRREGULAR.get(word, word)
    word = _american(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
    stem: str = _STEMMER.stemWord(word)
    return stem


def _american(word: str) -> str:
    """British spellings to American: behaviour, organisation, programme, centre, analyse."""
    if word.endswith("our") and len(word) > 5 and word not in ("hour", "four", "your", "tour"):
        word = word[:-3] + "or"
    elif word.endswith(("ours", "oured", "ouring")) and len(word) > 6:
        word = word.replace("our", "or", 1) if word.count("our") == 1 else word
    word = re.sub(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing|er|ers)$", r"iz\1", word)
    word = re.sub(r"(?<=[a-z]{3})ys(e|ed|es|ing)$", r"yz\1", word)
    if word.endswith(("programme", "programmes")):
        word = word.replace("programme", "program")
    if word.endswith("tre") and len(word) > 5:
        word = word[:-3] + "ter"
    return word


_GENERIC_STEMS = frozenset(fold(w) for w in _GENERIC)
