"""The school subject or clinical speciality a post's title names, and whether the
profile shows it.

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
of them. A clinical post's speciality ("Palliative Care Nurse", "Renal Staff Nurse") is
read the same way, with what shows each (`SPECIALTIES`). Pure: a title and the profile's
texts in, a subject or None out.
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


_CLINICAL = re.compile(
    r"(?i)\b(?:nurse|nursing|sister|charge nurse|matron|midwife|practitioner|"
    r"(?:ward|unit|department) (?:manager|leader)|"
    r"(?:health ?care|clinical|nursing) (?:assistant|support worker)|physiotherapist|therapist)s?\b"
)
"""A title for a clinical post, whose speciality the title often names alone."""
SPECIALTIES: tuple[Subject, ...] = (
    _subject("palliative care", r"palliative|end of life|hospice", r"palliative|end[- ]of[- ]life|"
             r"hospice"),
    _subject("oncology", r"oncology|cancer|chemotherapy", r"oncolog\w*|cancer|chemotherapy|"
             r"tumou?r"),
    _subject("haematology", r"ha?ematology", r"ha?ematolog\w*"),
    _subject("renal nursing", r"renal|dialysis|nephrology", r"renal|dialysis|kidney|nephrolog\w*"),
    _subject("cardiac care", r"cardiac|cardiology|cardiothoracic", r"cardi\w*|heart"),
    _subject("stroke care", r"stroke", r"stroke"),
    _subject("neonatal care", r"neonatal|NICU|SCBU", r"neonat\w*|NICU|SCBU|newborn"),
    _subject("theatre work", r"theatres?|perioperative|scrub|anaesthetics?|recovery",
             r"theatres?|perioperative|scrub|anaesthe\w*|recovery"),
    _subject("critical care", r"critical care|intensive care|ICU|ITU|HDU",
             r"critical care|intensive care|ICU|ITU|HDU|high dependency|NIV|ventilat\w*"),
    _subject("emergency care", r"emergency|A&E|urgent care|ED",
             r"emergency|A&E|urgent care|ED|resus\w*|triage"),
    _subject("orthopaedics", r"orthopa?edic\w*|trauma", r"orthopa?edic\w*|trauma|fracture"),
    _subject("gastroenterology", r"gastro\w*|endoscopy|IBD|hepatology",
             r"gastro\w*|endoscop\w*|IBD|inflammatory bowel|hepatolog\w*|liver"),
    _subject("diabetes care", r"diabetes|diabetic", r"diabet\w*|insulin"),
    _subject("neurology", r"neurology|neuro\w*", r"neuro\w*"),
    _subject("urology", r"urology", r"urolog\w*|catheter\w*"),
    _subject("dermatology", r"dermatology", r"dermatolog\w*|skin"),
    # A blind reader saw a "Tissue Viability Nurse Specialist" letter say nothing of it.
    _subject("tissue viability", r"tissue viability",
             r"tissue viability|wound\w*|pressure ulcer\w*"),
    _subject("ophthalmology", r"ophthalmology|eye", r"ophthalm\w*|eyes?"),
    _subject("sexual health", r"sexual health|GUM", r"sexual health|GUM|contracepti\w*"),
    _subject("district nursing", r"district nurs\w*|community nurs\w*", r"district|community"),
    _subject("general practice", r"practice nurse|general practice|primary care",
             r"general practice|primary care|GP"),
    _subject("dementia care", r"dementia|older people|elderly care",
             r"dementia|delirium|older (?:people|adults|person)|elderly|frailty"),
)  # fmt: skip


def asked_subjects(title: str | None) -> list[Subject]:
    """The subjects a teaching post's title names, each once, in the title's order."""
    if not title or not _TEACHING.search(title):
        return []
    return _named(title, SUBJECTS)


def asked_specialties(title: str | None) -> list[Subject]:
    """The specialities a clinical post's title names ("Palliative Care Nurse"), each once."""
    if not title or not _CLINICAL.search(title):
        return []
    return _named(title, SPECIALTIES)


def _named(title: str, fields: tuple[Subject, ...]) -> list[Subject]:
    rest = title
    found: list[tuple[int, Subject]] = []
    for subject in fields:
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
    return _unheld(asked_subjects(title), texts)


def unheld_specialty(title: str | None, texts: Iterable[str]) -> str | None:
    """The speciality a clinical post's title names that nothing in the profile's `texts`
    shows ("palliative care" for a "Palliative Care Nurse" post and a respiratory nurse),
    or None. Not a post closed to the applicant, as a subject or a registration is: the
    letter says it would be new, the report lists it, the score is not capped."""
    return _unheld(asked_specialties(title), texts)


def _unheld(asked: list[Subject], texts: Iterable[str]) -> str | None:
    if not asked:
        return None
    profile = "\n".join(texts)
    if any(subject.shown.search(profile) for subject in asked):
        return None
    return asked[0].name
