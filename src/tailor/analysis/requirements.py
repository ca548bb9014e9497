"""Structured requirements: years of experience, degrees, publications, certifications.

These are patterns with numbers and closed vocabularies, so regular expressions
over the original text give exact offsets and stay readable; skills, which are
open vocabulary, are left to the skill recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tailor.analysis.models import RequirementKind

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"

YEARS = re.compile(
    rf"(?:(?:at least|minimum of|min\.?|over|more than)\s+)?(?P<low>{_NUM})\s*\+?"
    rf"(?:\s*(?:-|–|to)\s*(?P<high>{_NUM})\s*\+?)?\s*(?:\(\d+\)\s*)?"
    r"(?:full[- ]time\s+)?years?['’]?(?:\s+of)?(?P<tail>[^.;\n]{0,80})",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(
    r"experience|expertise|background|track record|working|industry", re.IGNORECASE
)
_AGE = re.compile(r"^\s*(?:of age|old|of\s+age|and (?:over|older|above))\b", re.IGNORECASE)
"""A tail that makes "N years" an age ("18 years of age", "children 6 weeks to 12 years
old"), not experience."""
MONTHS = re.compile(
    rf"(?:(?:at least|minimum of|min\.?|over|more than)\s+)?(?P<low>{_NUM})\s*\+?\s*"
    r"months?['’]?(?:\s+of)?(?P<tail>[^.;\n]{0,80})",
    re.IGNORECASE,
)

DEGREE_LEVELS: dict[str, int] = {
    "secondary": 0,
    "associate": 1,
    "bachelor": 2,
    "master": 3,
    "doctorate": 4,
}
_DEGREES: list[tuple[str, re.Pattern[str]]] = [
    (
        "secondary",
        re.compile(r"\b(?i:high[- ]school|secondary school)\b|\b(GED|GCSEs?|A-levels?|A levels)\b"),
    ),
    (
        "doctorate",
        re.compile(r"\b(Ph\.?\s?D\.?|doctorate|doctoral degree|DPhil)(?=\W|$)", re.IGNORECASE),
    ),
    (
        "master",
        re.compile(
            r"\b(master['’]?s?(?: degree)?|M\.?Sc?\.?|M\.?Eng\.?|MBA|M\.Ed\.?|M\.?A\.)(?=\W|$)"
            # "MS Office", "MS Excel", "Microsoft OS": Microsoft's, not a master's.
            r"(?!\s*(?:Office|Word|Excel|PowerPoint|Outlook|Teams|Access|Project|Visio|"
            r"Windows|DOS|SQL|Dynamics|Azure|Edge|Forms|Paint|Publisher|OneNote|SharePoint)\b)"
        ),
    ),
    # "Doctorate (Academic)ORMaster's Level Degree …": a scraped list whose "OR" lost its
    # spaces still offers the master's.
    ("master", re.compile(r"(?:\b|(?<=OR))master['’]?s?\b(?: degree)?", re.IGNORECASE)),
    (
        "bachelor",
        re.compile(
            r"\b(bachelor['’]?s?(?: degree)?|B\.?Sc?\.?|B\.?Eng\.?|B\.?A\.|BSN|undergraduate degree)"
            r"(?=\W|$)"
        ),
    ),
    # "a baccalaureate degree" (US public-sector postings): a bachelor's by its formal name.
    (
        "bachelor",
        re.compile(
            r"(?:\b|(?<=OR))(?:bachelor['’]?s?|(?<!international )baccalaureate)\b(?: degree)?",
            re.IGNORECASE,
        ),
    ),
    (
        "associate",
        re.compile(r"\bassociate['’]?s?(?: of \w+(?: \w+)?)? degree\b", re.IGNORECASE),
    ),
    ("associate", re.compile(r"\b(A\.?A\.?S\.?|A\.A\.|associate['’]?s? or)(?=\W|$)")),
]
_DEGREE_ANY = re.compile(r"\b(degree|diploma)\b", re.IGNORECASE)
_DEGREE_FIELD = re.compile(
    r"\b(?:in|of)\s+(?P<field>[A-Z][\w&/, -]{2,80}?)(?=[.;\n]|,? or equivalent|$)"
)

VENUES = [
    "NeurIPS",
    "NIPS",
    "ICML",
    "ICLR",
    "AAAI",
    "IJCAI",
    "CVPR",
    "ICCV",
    "ECCV",
    "ACL",
    "EMNLP",
    "NAACL",
    "COLING",
    "EACL",
    "KDD",
    "SIGIR",
    "WWW",
    "WSDM",
    "RecSys",
    "Interspeech",
    "ICASSP",
    "UAI",
    "AISTATS",
    "COLT",
    "CHI",
    "UIST",
    "SIGGRAPH",
    "ICRA",
    "IROS",
    "RSS",
    "CoRL",
    "TACL",
    "JMLR",
    "TPAMI",
]
_VENUE = re.compile(r"\b(" + "|".join(VENUES) + r")\b")
_PUBLICATION = re.compile(
    r"\b(publication record|publications?|published|peer[- ]reviewed)\b", re.IGNORECASE
)
_CERT = re.compile(
    r"\b(certifi(?:ed|cation|cate)s?|licen[cs]e[ds]?|registration|registered with|"
    r"NMC|HCPC|CPR|BLS|ACLS|PMP|CPA|CFA|AWS Certified|CISSP|QTS)\b"
)


@dataclass(frozen=True)
class Found:
    kind: RequirementKind
    start: int
    end: int
    value: Any


def find_requirements(text: str, start: int, end: int) -> Iterator[Found]:
    """Requirements in `text[start:end]`, line by line, in order."""
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        yield from _in_line(line, line_start)


def _in_line(line: str, offset: int) -> Iterator[Found]:
    for match in YEARS.finditer(line):
        context = match.group("tail") + line[max(0, match.start() - 60) : match.start()]
        if not _EXPERIENCE.search(context) or _AGE.match(match.group("tail")):
            continue
        low = _number(match.group("low"))
        high = _number(match.group("high")) if match.group("high") else None
        if low is None or low > 40:
            continue
        end = match.end("tail")
        trimmed = line[match.start() : end].rstrip(" ,")
        yield Found(
            "years",
            offset + match.start(),
            offset + match.start() + len(trimmed),
            {"min": low, "max": high, "subject": _subject(match.group("tail"))},
        )
    degree = _degree(line)
    if degree is not None:
        level, mstart = degree
        field = _DEGREE_FIELD.search(line, mstart)
        text_end = len(line.rstrip())
        yield Found(
            "degree",
            offset + _line_start(line),
            offset + text_end,
            {
                "level": level,
                "field": field.group("field").strip() if field else None,
                "or_equivalent": "equivalent" in line.lower(),
            },
        )
    venues = sorted({v for v in _VENUE.findall(line)}, key=VENUES.index)
    if venues or _PUBLICATION.search(line):
        yield Found(
            "publication",
            offset + _line_start(line),
            offset + len(line.rstrip()),
            {"venues": venues},
        )
    if _CERT.search(line):
        yield Found(
            "certification",
            offset + _line_start(line),
            offset + len(line.rstrip()),
            {"names": sorted(set(_CERT.findall(line)))},
        )


@lru_cache(maxsize=8192)
def asks_publication(line: str) -> bool:
    """Whether `line` asks for published work ("publications at NeurIPS, ICML …",
    "published work in academic conferences")."""
    return bool(_VENUE.search(line) or _PUBLICATION.search(line))


@lru_cache(maxsize=8192)
def asked_years(line: str) -> float | None:
    """The fewest years of experience `line` asks for ("2+ years of experience in …" -> 2,
    "at least six months experience" -> 0.5), or None when it asks for none. Ages ("18
    years of age") are not experience."""
    asked: list[float] = []
    for pattern, unit in ((YEARS, 1.0), (MONTHS, 1 / 12)):
        for match in pattern.finditer(line):
            tail = match.group("tail")
            context = tail + line[max(0, match.start() - 60) : match.start()]
            if not _EXPERIENCE.search(context) or _AGE.match(tail):
                continue
            low = _number(match.group("low"))
            if low is not None and 0 < low <= 40:
                asked.append(round(low * unit, 2))
    return min(asked) if asked else None


def names_degree(line: str) -> bool:
    """Whether `line` names a degree level ("Master's preferred", "Bachelor's degree"), not
    just the word "degree" ("Degree requirements")."""
    return any(pattern.search(line) for _, pattern in _DEGREES)


@lru_cache(maxsize=8192)
def asked_degree(line: str) -> str | None:
    """The lowest degree level `line` accepts ("BS, MS or PhD" -> bachelor), if it names one."""
    found = _degree(line)
    return found[0] if found else None


def _degree(line: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for level, pattern in _DEGREES:
        match = pattern.search(line)
        if match and (best is None or DEGREE_LEVELS[level] < DEGREE_LEVELS[best[0]]):
            best = (level, match.start())
    if (
        best is None
        and _DEGREE_ANY.search(line)
        and re.search(r"\b(require|must|need)", line, re.IGNORECASE)
    ):
        match = _DEGREE_ANY.search(line)
        assert match is not None
        return ("bachelor", match.start())
    return best


def _line_start(line: str) -> int:
    """Skip indentation and the bullet marker so the requirement's text starts at its words."""
    match = re.match(r"\s*(?:[-+*•·▪◦‣–]\s+|\d{1,2}[.)]\s+)?", line)
    return match.end() if match else 0


def _number(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower()
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token)


def _subject(tail: str) -> str | None:
    tail = re.sub(
        r"^\s*(?:of\s+)?(?:(?:professional|relevant|hands-on|industry|work)\s+)*"
        r"(?:experience|expertise)\s*(?:in|with|on|as|of|doing)?\s*",
        "",
        tail,
        flags=re.IGNORECASE,
    )
    tail = tail.strip(" ,:-")
    return tail or None
