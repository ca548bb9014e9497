"""The conventions of a letter: whose country's rules, the date, who it is to, the sign-off.

A British reader notices "Sincerely," under "Dear Sir or Madam", and an American
one "Yours faithfully"; both notice a guessed "Ms". The rules here follow the
reading rubric the team writes to: write to the person the posting names (with the
title the posting gives, never a guessed one), else "Dear Hiring Manager:" (US)
or "Dear Sir or Madam," (UK); "Yours sincerely," after a name and "Yours
faithfully," after "Sir or Madam" (UK), "Sincerely," (US); the date as the country
writes it; the role title without school years, codes and location tails.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from tailor.analysis.contact import Contact
from tailor.profile.model import Profile

Country = Literal["UK", "US"]

_UK_CODES = frozenset({"GB", "UK", "IE"})
_UK_POSTING = re.compile(
    r"£|\bNHS\b|\bBand [2-9]\b|\bNMC\b|\bGPhC\b|\bHCPC\b|\bTrust\b|\borganisation\b|"
    r"\bprogramme\b|\bcentre\b|\bpaediatric|\bCV\b",
)
_US_POSTING = re.compile(r"\$\s?\d|\b401\(?k\)?|\bEEO\b|\bZIP\b|\b[A-Z]{2} \d{5}\b")


@dataclass(frozen=True)
class Address:
    greeting: str
    """"Dear Emma McColl," / "Dear Dr Rhodes," / "Dear Hiring Manager:"."""
    sign_off: str
    recipient: str | None
    """The named person, for an address block ("Emma McColl"), else None."""


_UK_EMPLOYER = re.compile(r"£\s?\d|\bNHS\b|\bBand [2-9]\b|\bNMC\b|\bGPhC\b|\bHCPC\b")
_US_EMPLOYER = re.compile(r"\$\s?\d|\b401\(?k\)?|\bEEO\b")
CLEAR_SIGNS = 2
"""Signs of one country (and none of the other) that make a posting that country's."""


def country(profile: Profile, posting_text: str) -> Country:
    """The country whose letter conventions (date, salutation, sign-off) the letter
    follows: the employer's, when the posting clearly reads as one country's (an NHS
    trust, pay in pounds; dollars, a 401(k)), as the reader is theirs (a blind reader
    marked a Virginia applicant's "Sincerely" to a Bristol NHS post as a slip); else the
    applicant's, when the profile says where they live; else the one the posting leans
    to. Spelling is the profile's either way."""
    text = posting_text[:200_000]
    uk_signs, us_signs = len(_UK_EMPLOYER.findall(text)), len(_US_EMPLOYER.findall(text))
    if uk_signs >= CLEAR_SIGNS and not us_signs:
        return "UK"
    if us_signs >= CLEAR_SIGNS and not uk_signs:
        return "US"
    location = profile.basics.location
    code = (location.countryCode or "").upper() if location else ""
    if code:
        return "UK" if code in _UK_CODES else "US"
    uk = len(_UK_POSTING.findall(posting_text[:200_000]))
    us = len(_US_POSTING.findall(posting_text[:200_000]))
    return "UK" if uk > us else "US"


def letter_date(day: dt.date, where: Country) -> str:
    """UK "2 December 2026", US "December 2, 2026"."""
    month = day.strftime("%B")
    return f"{day.day} {month} {day.year}" if where == "UK" else f"{month} {day.day}, {day.year}"


def address(contact: Contact | None, where: Country) -> Address:
    """Salutation and sign-off for the person the posting names, or for nobody in particular."""
    mark = "," if where == "UK" else ":"
    if contact is None:
        if where == "UK":
            return Address("Dear Sir or Madam,", "Yours faithfully,", None)
        return Address("Dear Hiring Manager:", "Sincerely,", None)
    name = _spoken(contact.name)
    if contact.honorific:
        surname = name.split()[-1]
        title = contact.honorific if where == "UK" else _us_title(contact.honorific)
        greeting = f"Dear {title} {surname}{mark}"
    else:
        greeting = f"Dear {name}{mark}"
    return Address(greeting, "Yours sincerely," if where == "UK" else "Sincerely,", name)


def _spoken(name: str) -> str:
    """A surname a form wrote in capitals, as a letter writes it: "Rebecca DANIELS" ->
    "Rebecca Daniels" ("Smith-JONES" -> "Smith-Jones"); one the advert forgot to
    capitalise, too ("Henry wilding"), but not a particle ("van", "de")."""
    name = re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group(0).capitalize(), name)
    return re.sub(
        r"(?<=\s)(?!(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al)\b)[a-z]+\b",
        lambda m: m.group(0).capitalize(),
        name,
    )


def _us_title(honorific: str) -> str:
    """American usage puts a full stop after a shortened title ("Dr." but "Professor")."""
    return honorific if honorific in {"Professor", "Miss"} else f"{honorific}."


_YEARS = re.compile(
    r"\(?(?:\bSY\s*)?\b(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)?\d\d)\b(?:\s*SY\b)?\)?"
    r"|\(?\b20\d\d\b\)?"
)
_NOISE = re.compile(
    r"\((?:[^()]*\b(?:part[- ]time|full[- ]time|fixed[- ]term|temporary|permanent|"
    r"maternity|secondment|remote|hybrid|ref\w*|req\w*|id)\b[^()]*)\)|"
    r"\bwith verification\b|(?:\bwith\s+)?(?:\ban?\s+)?(?:\$?[\d,.]+k?\s+)?\b(?:signing|sign[- ]on|"
    r"joining|retention|relocation|hiring) bonus\b|\b(?:immediate start|now hiring|"
    r"hiring (?:immediately|now))\b|(?:\bwith\s+)?(?:\ban?\s+)?[£$€][\d,.]+k?\s+bonus\b|"
    r"[\s,|–—-]*\b(?:permanent|full[- ]time|part[- ]time|fixed[- ]term|temporary|(?-i:FT))\s*$|"
    # "Part Time Art Teacher", but "Full Time Teacher" stays: a one-word role keeps it.
    r"^\s*(?:permanent|full[- ]time|part[- ]time|fixed[- ]term|temporary)\s+(?=[A-Z]\S*\s+\w)|"
    # "Instructor, Fall 2025": the term the post starts, not the role.
    r",?\s*\b(?:fall|spring|summer|winter|autumn)\s+(?:term\s+|semester\s+|quarter\s+)?"
    r"(?:20\d\d|'\d\d)\b|"
    r"\b(?:\d\d\s*[-–/]\s*\d\d\s+)?school\s+year\b|"
    r"\b(?:job|req|ref)\w*\s*(?:no\.?|number|id)?\s*[:#]?\s*[A-Z0-9-]*\d[A-Z0-9-]*|"
    # "*RUH Employee Only* Senior Sister", "[Internal applicants only]": who may apply.
    r"[*\[(][^*\[\]()]{0,40}\b(?:(?:employees?|applicants?|candidates?|staff) only|"
    r"internal|external)\b[^*\[\]()]{0,20}[*\])]",
    re.IGNORECASE,
)
_KIND_LABEL = re.compile(
    r"^\s*(?P<kind>(?i:volunteer|internship|intern|apprenticeship|locum|bank|contract|"
    r"temporary|fellowship))\s*:\s+(?P<role>\S.*)$"
)
"""A title that opens with the kind of post ("Volunteer: Cooking School Teacher")."""
_CODE = re.compile(r"\b[A-Z]{0,4}-?\d{4,}[A-Z0-9-]*\b|#\s*\d+|\((?=[A-Z-]*\d\d)[A-Z0-9-]{3,10}\)")
"""A reference code in a title: "Police Crime Analyst (7716)", "#123", "(XR05)"; never
"(RN1)" or "(NLP)", which say what the role is."""
_SITE = re.compile(
    r"\b(?:(?:Elementary|Middle|High|Primary|Secondary) School|HS|ES|MS|Campus|Academy|"
    r"Hospital|Site|Clinic|County|City|Remote|Hybrid|On-?site)\b|\b[A-Z][a-z]+ (?:Elementary|Middle|High)\b"
    # "2 years, plus 3 months training": how long the post lasts, not what it is.
    r"|\b\d+\s+(?:years?|months?|weeks?)\b"
)
_SEPARATOR = re.compile(
    r"\s+[-–—|]\s+|(?<=[a-z])[–—_](?=[A-Z])|(?<=[A-Za-z])-\s+(?!(?:and|or|&|to)\b)(?=\S)"
)
"""A spaced dash or bar between parts, a dash without spaces between words ("Nurse–Tropical
Lagoon"), or a hyphen with a space only after it ("Teacher - Steam- 0.2 Enon ES", but not
"Pre- and Post-Operative"); a hyphen without spaces joins a word ("Sister-Registered")."""


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"}
)


def _unshouted(title: str) -> str:
    """ "SENIOR DATA SCIENTIST" -> "Senior Data Scientist": a title in capitals is
    shouting, not a name; short capitalised words ("RN", "ICU", "NLP") stay acronyms."""
    words = re.findall(r"[A-Za-z]+", title)
    if sum(len(w) >= 4 for w in words) < 2 or any(w != w.upper() for w in words):
        return title

    def case(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in _SMALL_WORDS and match.start() > 0:
            return word.lower()
        return word.capitalize() if len(word) >= 4 else word

    return re.sub(r"[A-Za-z]+", case, title)


def _balanced(text: str) -> str:
    """`text` without a bracket whose partner went with the noise ("Band Teacher SY)")."""
    out: list[str] = []
    open_at: list[int] = []
    for char in text:
        if char == "(":
            open_at.append(len(out))
        elif char == ")":
            if not open_at:
                continue
            open_at.pop()
        out.append(char)
    for index in reversed(open_at):
        del out[index]
    return "".join(out)


def clean_title(title: str | None) -> str | None:
    """ "K-5 Teacher - Falling Creek Elementary - 2025-2026" -> "K-5 Teacher";
    "Sr. Data Scientist (Part-time)" -> "Senior Data Scientist"; "Teacher - Reading
    Specialist - 2025-2026" -> "Teacher (Reading Specialist)". None stays None.

    The first " - " part is the role; later parts that name a school or site go (the
    letter names the employer elsewhere), the others are kept as the role's details.
    """
    if not title:
        return title
    # "Volunteer: Cooking School Teacher": the kind of post, then the role.
    label = _KIND_LABEL.match(title)
    if label:
        title = f"{label['role']} - {label['kind']}"
    text = _NOISE.sub(" ", title)
    text = _YEARS.sub(" ", text)
    text = _CODE.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\bSr\.?(?=\s)", "Senior", text)
    text = re.sub(r"\bJr\.?(?=\s)", "Junior", text)
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"(?<=\w)\(", " (", text)  # "Scientist(NLP)"
    text = _balanced(text)
    text = _unshouted(text)
    parts = [re.sub(r"\s{2,}", " ", p).strip(" -–—|,:;") for p in _SEPARATOR.split(text)]
    parts = [p for p in parts if re.search(r"[A-Za-z]{2}", p)]
    if not parts:
        return title.strip()
    role, details = parts[0], [p for p in parts[1:] if not _SITE.search(p)]
    # "Operating Department Practitioner - Scrub (RGN)": "(Scrub, RGN)", not "(Scrub (RGN))".
    details = [re.sub(r"\s*\(([^()]*)\)", r", \1", p) for p in details]
    # "Art Teacher at All Saints Catholic School (Richmond)": the site goes, as a part does.
    at_site = re.match(r"(?P<role>.+?)\s+at\s+(?P<site>[A-Z].*)$", role)
    if at_site and (_SITE.search(at_site["site"]) or re.search(r"\bSchool\b", at_site["site"])):
        role = at_site["role"]
    if details and role.endswith(")") and "(" not in "".join(details):
        # "Staff Nurse (Band 5) - Acute Medical Unit" -> "Staff Nurse (Band 5, Acute Medical Unit)"
        return f"{role[:-1]}, {', '.join(details)})"
    return f"{role} ({', '.join(details)})" if details else role
