"""Education entries: institution, degree (studyType), field of study (area), dates.

The institution is the piece naming a school (University, College, Institute …),
the degree the piece naming one (Bachelor, MSc, PhD, Diploma …). "Master of
Science in Computer Science" is split at " in " into the degree and its area,
and the split is marked for review. With the degree printed apart, "Cascadia
State University, Computer Science" is the school and, after its comma, the
subject (marked for review too: "University of California, Berkeley" is a
school's name with a comma in it).
"""

from __future__ import annotations

import re

from tailor.importer.contact import is_location
from tailor.importer.draft import Entry
from tailor.importer.entries import Piece, RawEntry, read_header, split_commas
from tailor.importer.lexicon import is_lexeme

SCHOOL = re.compile(
    r"\b(?:university|universit[éäà]t?|college|school|institute|institut|academy|polytechnic|"
    r"conservatory|conservatoire|seminary|hochschule|[ée]cole|faculty|campus|lyc[ée]e|gymnasium|"
    r"universidad|universidade|università)\b",
    re.IGNORECASE,
)
DEGREE = re.compile(
    r"\b(?:bachelor|master|doctor|doctorate|ph\.?\s?d|dphil|m\.?sc|b\.?sc|b\.?a|m\.?a|m\.?b\.?a|"
    r"b\.?s|m\.?s|b\.?eng|m\.?eng|meng|beng|llb|llm|md|mphil|mres|bed|med|pgce|pgdip|diploma|"
    r"associate(?:'s)?\s+degree|associate of|certificate|a-levels?|gcse|high school diploma|"
    r"baccalaureate|abitur|licence|licentiate|bsn|msn|rn|hnd|foundation degree|degree|"
    r"postgraduate|undergraduate)\b",
    re.IGNORECASE,
)
SCORE = re.compile(
    r"\b(?:gpa|grade|cgpa|honou?rs|first[- ]class|distinction|merit|cum laude)\b", re.IGNORECASE
)
_IN = re.compile(r"\s+in\s+")


def read_school(raw: RawEntry) -> Entry:
    entry = Entry({}, raw.where)
    header = read_header(raw)
    pieces = [p.text for p in header.pieces]
    if any(SCHOOL.search(p) and DEGREE.search(p) for p in pieces):
        # "BSc Computer Science, University of Leeds": degree and school at a comma.
        pieces = [p.text for p in split_commas(header.pieces)]
    institution = next((p for p in pieces if SCHOOL.search(p)), None)
    degree = next((p for p in pieces if p != institution and DEGREE.search(p)), None)
    score = next((p for p in pieces if p not in (institution, degree) and SCORE.search(p)), None)
    rest = [p for p in pieces if p not in (institution, degree, score)]
    unsure_school = None
    if institution is None and rest:
        institution, rest = rest[0], rest[1:]
        unsure_school = "no school word in it; taken as the institution by its place"
    unsure_degree = None
    if degree is None and institution is not None and rest:
        degree, rest = rest[0], rest[1:]
        unsure_degree = "no degree word in it; taken as the degree by its place"
    subject = None
    if institution is not None and degree is not None and not _IN.search(degree):
        institution, subject = _school_and_subject(institution)
    entry.set("institution", institution, unsure_school)
    if degree is not None:
        parts = _IN.split(degree, maxsplit=1)
        if len(parts) == 2 and all(parts):
            entry.set("area", parts[1], "degree and subject split at ' in '")
            entry.set("studyType", parts[0], unsure_degree or "degree and subject split at ' in '")
        else:
            entry.set("studyType", degree, unsure_degree)
            if subject:
                entry.set("area", subject, "taken as the subject: it follows the school's comma")
            elif rest:
                entry.set("area", rest[0], "taken as the subject by its place")
    if header.urls:
        entry.set("url", header.urls[0])
    if header.dates is not None:
        entry.set("startDate", header.dates.start)
        entry.set("endDate", header.dates.end)
    entry.set("score", score)
    courses = [line.text for line in raw.bullets]
    entry.set("courses", courses, "bullets under a degree taken as its courses")
    return entry


def _school_and_subject(text: str) -> tuple[str, str | None]:
    """ "Cascadia State University, Computer Science" -> the school and the subject after its
    comma; a text whose part after the comma names a place or another school, or starts
    with a word no English dictionary has (a name), stays whole."""
    parts = [p.text for p in split_commas([Piece(text, 0)])]
    if len(parts) < 2 or not SCHOOL.search(parts[0]):
        return text, None
    subject = ", ".join(parts[1:])
    if SCHOOL.search(subject) or DEGREE.search(subject) or is_location(subject):
        return text, None
    first = re.match(r"[^\W\d_]+", subject)
    if first is None or not is_lexeme(first.group().lower()):
        return text, None  # "Berkeley", "Urbana-Champaign": the school's own name
    return parts[0], subject
