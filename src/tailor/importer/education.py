"""Education entries: institution, degree (studyType), field of study (area), dates.

The institution is the piece naming a school (University, College, Institute …),
the degree the piece naming one (Bachelor, MSc, PhD, Diploma …). "Master of
Science in Computer Science" is split at " in " into the degree and its area,
and the split is marked for review.
"""

from __future__ import annotations

import re

from tailor.importer.draft import Entry
from tailor.importer.entries import RawEntry, read_header, split_commas

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
    r"baccalaureate|abitur|licence|licentiate|bsn|msn|rn|hnd|foundation degree|degree)\b",
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
    entry.set("institution", institution, unsure_school)
    unsure_degree = None
    if degree is None and institution is not None and rest:
        degree, rest = rest[0], rest[1:]
        unsure_degree = "no degree word in it; taken as the degree by its place"
    if degree is not None:
        parts = _IN.split(degree, maxsplit=1)
        if len(parts) == 2 and all(parts):
            entry.set("area", parts[1], "degree and subject split at ' in '")
            entry.set("studyType", parts[0], unsure_degree or "degree and subject split at ' in '")
        else:
            entry.set("studyType", degree, unsure_degree)
            if rest:
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
