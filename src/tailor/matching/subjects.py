"""The school subject a teaching post's title names, and whether the profile shows it.

"Art Teacher", "Band Teacher", "High School Math Teacher", "Teacher of Physics": the
subject is the post's first ask, and it is often written nowhere but the title (the rest
of the advert lists the duties of any teacher). A licensed elementary teacher with no art
in their profile fits most lines of an art teacher's advert, yet not the post: the match
caps the score and the letter says the gap plainly, as for a registration the applicant
does not hold (`matching.credentials.unheld_profession`).

Subjects are a small closed set, so they are listed here with what shows each in a
profile (a band teacher's post is shown by music, an English one by literature). A
subject counts as shown when the profile writes any of those words anywhere; a title
naming several subjects ("Math/Science Teacher") is a gap only when the profile shows none
of them. Pure: a title and the profile's texts in, a subject or None out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TEACHING = re.compile(
    r"(?i)\b(?:teacher|teaching|instructor|tutor|lecturer|professor|educator|faculty)s?\b"
)
"""A title for a teaching post (a "Music Therapist" or a "Science Writer" is not one)."""


@dataclass(frozen=True)
class Subject:
    name: str
    """How the letter names it: "art", "physical education"."""
    asked: re.Pattern[str]
    """The subject in a title."""
    shown: re.Pattern[str]
    """What shows it in a profile."""


def _subject(name: str, asked: str, shown: str) -> Subject:
    return Subject(name, re.compile(rf"(?i)\b(?:{asked})\b"), re.compile(rf"(?i)\b(?:{shown})\b"))


_CORE = r"(?:all\s+)?core\s+(?:subjects|curriculum|content\s+areas)|all\s+subjects"
"""A class teacher who teaches "all core subjects" teaches English, mathematics, science
and social studies (a blind reader took "I have not yet taught social studies" from a fifth
grade teacher of all core subjects for a contradiction)."""
_MUSIC = r"music\w*|band|orchestra\w*|choir|chor(?:us|al)|instrument\w*|piano|guitar|violin|singing"
SUBJECTS: tuple[Subject, ...] = (
    # Two-word subjects first: "Computer Science" is not science, "Physical Education" not physics.
    _subject("physical education", r"physical education|(?-i:P\.?E\.?)", r"physical education|"
             r"(?-i:P\.?E\.?)|sports?|athletic\w*|fitness|coach\w*|gym\w*"),
    _subject("computer science", r"computer science|computing|coding",
             r"computer science|computing|coding|programming|software"),
    _subject("social studies", r"social studies", r"social studies|history|civics|government|"
             rf"geography|economics|{_CORE}"),
    _subject("special education", r"special education|SPED|exceptional education",
             r"special education|SPED|IEPs?|exceptional education|special needs|SEN|SEND"),
    _subject("English", r"English(?!\s+(?:as|language learner|learner|language development))|ELA",
             rf"English|ELA|language arts|literature|writing|reading|literacy|{_CORE}"),
    _subject("art", r"arts?(?!\s+(?:and|&)\s+(?:crafts|sciences))|visual arts?",
             r"arts?|drawing|painting|ceramics|sculpture|illustration|design"),
    _subject("music", r"music|general music|vocal music", _MUSIC),
    _subject("band", r"band(?!\s*\d)", _MUSIC),
    _subject("orchestra", r"orchestra|strings", _MUSIC),
    _subject("choir", r"choir|chorus|choral", _MUSIC),
    _subject("drama", r"drama|theat(?:re|er)", r"drama|theat(?:re|er)\w*|acting|stage|plays?"),
    _subject("dance", r"dance", r"danc\w*|ballet|choreograph\w*"),
    _subject("biology", r"biology|life science", r"biolog\w*|life sciences?|science"),
    _subject("chemistry", r"chemistry", r"chemi\w*|science"),
    _subject("physics", r"physics", r"physics|science"),
    _subject("science", r"science|sciences|STEM|earth science",
             rf"sciences?|scientific|STEM|biolog\w*|chemi\w*|physics|{_CORE}"),
    _subject("mathematics", r"math|maths|mathematics|algebra|geometry|calculus",
             rf"math|maths|mathemat\w*|algebra|geometry|calculus|numeracy|statistics|{_CORE}"),
    _subject("history", r"history", rf"histor\w*|social studies|{_CORE}"),
    _subject("geography", r"geography", rf"geograph\w*|social studies|{_CORE}"),
    _subject("economics", r"economics", r"econom\w*"),
    _subject("psychology", r"psychology", r"psycholog\w*"),
    *(
        _subject(language, language, language)
        for language in ("Spanish", "French", "German", "Latin", "Italian", "Mandarin", "Chinese",
                         "Japanese", "Arabic", "Russian", "Portuguese", "Korean", "Welsh")
    ),
)  # fmt: skip


def asked_subjects(title: str | None) -> list[Subject]:
    """The subjects a teaching post's title names, each once, in the title's order."""
    if not title or not _TEACHING.search(title):
        return []
    rest = title
    found: list[tuple[int, Subject]] = []
    for subject in SUBJECTS:
        hit = subject.asked.search(rest)
        if hit:
            found.append((hit.start(), subject))
            # Consumed: "Computer Science" is not also "science".
            rest = rest[: hit.start()] + " " * (hit.end() - hit.start()) + rest[hit.end() :]
    return [subject for _, subject in sorted(found, key=lambda pair: pair[0])]


def unheld_subject(title: str | None, texts: Iterable[str]) -> str | None:
    """The subject a teaching post's title names that nothing in the profile's `texts`
    shows ("art" for an "Art Teacher" post and a profile with no art), or None: when the
    title names no subject, or the profile shows one of those it names."""
    subjects = asked_subjects(title)
    if not subjects:
        return None
    profile = "\n".join(texts)
    if any(subject.shown.search(profile) for subject in subjects):
        return None
    return subjects[0].name
