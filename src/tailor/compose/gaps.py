"""The one sentence a letter spends on the posting's main unmet requirement.

A hiring manager who reads a letter that never mentions the registration the post requires
(or the speciality it is about) assumes the applicant hopes it goes unnoticed; the team's
reading rubric asks for the main gap to be stated briefly. It is the only sentence of a
letter that speaks of what the profile lacks, so it is made only when the absence is
clear:

- a *required* licence, registration or degree the mapper found nothing for (a degree only
  when the degree check could read it), whose posting words the profile does not all write
  and which reads as a credential's name ("a valid Virginia teaching license"); never a
  "willing to obtain" or "working towards";
- else the subject or speciality the title names that the profile never shows
  (`Match.subject_gap`, `Match.specialty_gap`);
- else a *required* experience of something (`matching.experience`) none of whose words
  the profile writes, the field's or any other ("experience of haematology", but not
  "experience in presenting quantitative data" for someone who presented data).

The sentence uses the posting's words for the thing missing and says nothing the profile
would have to back: "I should say plainly that I do not hold …", "Haematology would be
new to me, and I would set out to learn it quickly." This module chooses the gap and its
names (`Gap`); the words are the tone's (`gap_*` in templates/letter/voices.yaml). The
grounding guard lets this one sentence through (`LetterContext.gap`), as it names what the
applicant does not have.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from lemminflect import getAllLemmas

from tailor.analysis.models import DegreeCheck, LineMatch, RequirementCheck
from tailor.analysis.requirements import DEGREE_LEVELS, asked_degree
from tailor.compose.common import article
from tailor.compose.phrasing import sentence_case
from tailor.matching.credentials import unheld_registration
from tailor.matching.experience import asked_experience
from tailor.matching.lines import asks_enrolment
from tailor.profile.model import Profile
from tailor.skills.words import word_set

if TYPE_CHECKING:
    from tailor.compose.wording import Voice


class Gap(NamedTuple):
    """Which gap a letter states (`kind`, a `gap_<kind>` field of `wording.Voice`) and
    the names it says it with (`values`, its placeholders)."""

    kind: str
    values: dict[str, str]


MAX_EXPERIENCE_WORDS = 6
"""A field of experience longer than this is no short phrase to restate."""

_CREDENTIAL_KINDS = frozenset({"licence", "qualification"})
_WILLING = re.compile(
    r"(?i)\b(?:obtain|willing\w*|working towards?|in progress|studying|or equivalent|"
    r"within \d+ (?:days|weeks|months))\b"
)
_LEAD = re.compile(
    r"(?i)^(?:(?:you|applicants?|candidates?|the (?:successful )?(?:candidate|post ?holder))"
    r"\s+(?:must|should|will)\s+|(?:must|should)\s+)?(?:(?:have|hold|be|possess)\s+)?"
)
_COMMON_FIRST = frozenset(
    [
        "a",
        "an",
        "the",
        "current",
        "valid",
        "active",
        "full",
        "live",
        "registration",
        "membership",
        "evidence",
        "proof",
    ]
)
"""First words written in lower case mid-sentence; any other ("Virginia", "NMC") keeps its case."""
_ALTERNATIVE = re.compile(r"(?i)\bor\b|/|,|\beither\b")
_ONE_OF = re.compile(r"(?i)\b(?:one|any|either) of the following\b|\bone of:")
_NAMES_A_CREDENTIAL = re.compile(
    r"(?i)^(?:(?:a|an|the)\s+)?(?:(?:current|valid|active|full)\s+)*"
    r"(?:[A-Za-z][\w.'’()-]*\s+){0,5}?(?:licen[cs]e|certificate|certification|registration|"
    r"degree|diploma|endorsement|qualification|nurse|pharmacist|teacher|midwife)\b"
    r"[^.;:]{0,40}$"
)
"""A credential's name: a few words ending in what it is ("a valid Virginia teaching
license", "Registered Nurse (Child)"), not a sentence ("Demonstrates mastery of …",
"It is essential that you are registered as …")."""
_DOCUMENT = re.compile(
    r"(?i)\b(?:licen[cs]e|certificate|certification|degree|diploma|qualification|card|"
    r"endorsement|check|clearance)s?\b"
)
_TAIL = re.compile(
    r"(?i)[\s,]*(?:(?:is|are)\s+)?(?:essential|required|mandatory|a requirement|"
    r"a must|expected)?[\s.,;:!]*$"
)
_ANY_STATE_DOCUMENT = word_set(
    "state licence license licensure certification certificate credential"
)
"""Words any teaching licence says, in one wording or another: a "State teacher
certification" is met by a "Virginia Postgraduate Professional License" (a blind reader
found it announced as a gap the opening itself contradicted)."""
_EXPERIENCE_OF = re.compile(
    r"(?i)\bexperience[ds]?\s+(?:of|in|with|within)\s+(?P<what>[^.,;:()]+?)"
    r"(?:\s+(?:is|are|would be)\b|[.,;:()]|$)"
)


_REGISTERED_AS = re.compile(
    r"(?i)\bregistered\s+as\s+(?:a|an)\s+(?P<role>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)"
    r"\s+(?P<body>with\s+(?:the\s+)?[A-Z][^.;:()]{2,60}?)\s*[.;]?$"
)
"""A registration as a named role with a named body ("Applicants must be registered as a
pharmacist with the General Pharmaceutical Council.")."""


def say(gap: Gap, voice: Voice | None = None) -> str:
    """`gap` in `voice`'s words for its kind."""
    from tailor.compose.wording import builtin_voices

    wording = voice or builtin_voices()["formal"]
    phrase: str = getattr(wording, f"gap_{gap.kind}")
    return phrase.format(**gap.values)


def main_gap(
    lines: Sequence[LineMatch],
    profile_words: frozenset[str],
    posting: str = "",
    credential_words: frozenset[str] | None = None,
    profession: str | None = None,
    subject: str | None = None,
    specialty: str | None = None,
) -> Gap | None:
    """The posting's main clear, required gap, or None: the profession
    the title asks, then the first credential (licence, registration, endorsement,
    degree, enrolment), then the subject a teaching post names (`subject`,
    `Match.subject_gap`), then the speciality a clinical post names (`specialty`), then
    the first experience; what closes a post comes first. A
    line that is one of several alternatives ("… or …", or under "one of the following:" in `posting`)
    is no gap: another alternative may be met.

    `credential_words` (the words of the profile's certificates, degrees and positions)
    tell a registration the profile lacks even when the mapper found it partly backed:
    a pharmacy technician registered with the same council is not registered as a
    pharmacist, though "pharmacist" and "council" are words the profile writes.

    `profession`, the regulated profession the role's title asks for and the profile's
    credentials do not name (`Match.profession_gap`), comes before any line: an adult
    nurse applying to an occupational therapist's post says that first.

    `say` puts it in a tone's words (`gap_*` in templates/letter/voices.yaml): this module
    decides which gap and names it, the tone says it. Its kind tells the letter where the
    sentence goes: a profession or a registration it lacks (`not_yet`) where it says who
    the applicant is, any other before the closing."""
    if profession:
        return Gap("not_yet", {"role": f"a qualified {profession}"})
    experience = None  # after any credential and the subject: what a post closes first
    for line in lines:
        registered = _registration_gap(line, credential_words) or _endorsement_gap(
            line, credential_words
        )
        if registered:
            return registered
        if line.importance != "required" or line.status != "missing":
            continue
        if line.kind == "qualification" and asks_enrolment(line.text):
            # "Currently pursuing a BS or MS in …": the alternatives are degrees, the ask
            # is to be studying, which a graduate is not.
            return Gap("not_student", {})
        if _ALTERNATIVE.search(line.text) or _ONE_OF.search(
            posting[max(0, line.start - 300) : line.start]
        ):
            continue
        if line.kind in _CREDENTIAL_KINDS and not _WILLING.search(line.text):
            if line.kind == "qualification" and asked_degree(line.text) is None:
                continue  # a degree the checks could not read is no gap to announce
            said = _credential(line.text, profile_words)
            if said:
                return said
        if line.kind == "experience" and experience is None:
            experience = _experience(line.text, profile_words)
    if subject:
        # "Art Teacher" for a teacher whose profile shows no art (`Match.subject_gap`).
        return Gap("not_taught", {"subject": subject})
    if specialty:
        # "Palliative Care Nurse" for a respiratory nurse (`Match.specialty_gap`).
        return _new_field(specialty)
    return experience


_BESIDE = re.compile(
    r"(?i)\s*,?\s+(?:with|and|plus)\s+(?:demonstrated|proven|documented|evidence|"
    r"experience|competenc\w*|knowledge)\b"
)


def _a_duty(phrase: str) -> bool:
    """Whether `phrase` opens with a verb and so says what the post holder does, not what
    they hold ("Attends MANDT Certification Training": a training the employer gives, which
    a blind reader found announced as "I do not yet hold an Attends MANDT Certification")."""
    first = phrase.split(maxsplit=1)[0].lower() if phrase.strip() else ""
    forms = getAllLemmas(first)
    return "VERB" in forms and not forms.keys() & {"NOUN", "ADJ", "PROPN"}


def _credential(text: str, profile_words: frozenset[str]) -> Gap | None:
    """The gap sentence for a credential line the profile does not write all the words of,
    when the line reads as the credential's name ("a valid Virginia teaching license")."""
    phrase = re.split(r";|\s+or\s+|\s+e\.g\.|/", text.strip(), maxsplit=1)[0]
    phrase = _TAIL.sub("", _LEAD.sub("", phrase, count=1)).strip()
    # "Journeyman's license in HVAC with demonstrated competency in teaching field": the
    # credential, without what else the line asks beside it.
    phrase = _BESIDE.split(phrase, maxsplit=1)[0].strip(" ,")
    words = word_set(phrase)
    if not words or words <= profile_words or not _NAMES_A_CREDENTIAL.match(phrase):
        return None
    if profile_words & _ANY_STATE_DOCUMENT and words - _ANY_STATE_DOCUMENT <= profile_words:
        return None  # a licence by another of its names
    if _a_duty(phrase):
        return None
    first = phrase.split()[0]
    if first.lower() in _COMMON_FIRST:
        phrase = first.lower() + phrase[len(first) :]
    if _DOCUMENT.search(phrase) and not re.match(r"(?i)(?:a|an|the)\s", phrase):
        phrase = f"{article(phrase)} {phrase}"  # "valid Virginia teaching license" needs "a"
    role = re.match(
        r"(?i)(?:(?:a|an)\s+)?((?:registered|chartered|qualified|certified|licensed)\b.*)", phrase
    )
    if role:
        # "a registered pharmacist": a role one is, not a document one holds.
        return Gap("not_yet", {"role": f"{article(role.group(1))} {role.group(1)}"})
    return Gap("not_held", {"credential": phrase})


def _experience(text: str, profile_words: frozenset[str]) -> Gap | None:
    domain = asked_experience(text)
    if not domain or domain & profile_words:
        return None
    found = _EXPERIENCE_OF.search(text)
    if found is None:
        return None
    what = found.group("what").strip()
    # "a renal dialysis setting" -> "renal dialysis": the field, not the place it is in,
    # nor how the ad qualifies it ("related software", "proven client acquisition").
    what = re.sub(r"(?i)^(?:an?|the)\s+", "", what)
    what = re.sub(
        r"(?i)^(?:(?:related|relevant|proven|previous|prior|recent|direct)\s+)+", "", what
    )
    what = re.sub(
        r"(?i)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bin)(?<!\bof)\s+"
        r"(?:settings?|environments?|areas?|fields?|roles?)$",
        "",
        what,
    )
    if not what or len(what.split()) > MAX_EXPERIENCE_WORDS or not (word_set(what) & domain):
        return None
    last = getAllLemmas(what.split()[-1].lower())
    if (last and set(last) <= {"ADJ"}) or re.search(r"(?i)\b(?:the|an?|in|of|to)$", what):
        return None  # "analytical" (from "an analytical role"): no field to name
    if word_set(what) & profile_words:
        # "presenting qualitative and quantitative data" to someone who presented data:
        # the phrase as a whole would not be new, only a word of it.
        return None
    return _new_field(what)


def _new_field(what: str) -> Gap:
    """A field the applicant has not worked in, as a sentence may open with it:
    "haematology" -> "Haematology"; "ggplot2" stays as written."""
    opening = sentence_case(what) if what[:1].islower() and what.split()[0].isalpha() else what
    return Gap("new_field", {"field": what, "Field": opening})


def _registration_gap(line: LineMatch, credential_words: frozenset[str] | None) -> Gap | None:
    """A registration the profile's credentials do not name, even when the mapper found
    the line partly backed by the words of another registration: registered as another
    role ("as a pharmacist with the General Pharmaceutical Council" for a pharmacy
    technician), or in another field of practice ("Registered Mental Health or Learning
    Disability Nurse" for an adult nurse: the role is held, none of the fields is). Asked
    or stated, never a preference."""
    if credential_words is None or line.importance == "preferred" or line.kind != "licence":
        return None
    if line.status not in ("missing", "partial") or _WILLING.search(line.text):
        return None
    found = _REGISTERED_AS.search(line.text.strip())
    if found is not None and not word_set(found.group("role")) <= credential_words:
        role = found.group("role").lower()
        return Gap(
            "not_yet", {"role": f"registered as {article(role)} {role} {found.group('body')}"}
        )
    unheld = unheld_registration(line.text, credential_words)
    return Gap("not_yet", {"role": f"a {unheld}"}) if unheld else None


_ENDORSEMENT = re.compile(
    r"(?P<in>\b(?:an?\s+)?(?P<what>(?i:endorsement|certification|credential))\s+in\s+"
    r"(?P<field>[A-Za-z][\w-]*(?:\s+(?!(?:or|and|with|for|by|from|is|are|be|to|at|"
    r"within|preferred|required|desired|strongly|must)\b)[A-Za-z][\w-]*){0,4}))"
    r"|(?P<named>\b(?P<field2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+"
    r"(?i:endorsement|certification|credential))\b"
)
"""A teaching credential's field as the posting names it: "an endorsement in ESL",
"Special Education Certification", "Secondary Math Certification", "an endorsement in an
applicable exceptional education area"."""
_ANY_OF_THE_KIND = re.compile(
    r"(?i)^(?:(?:the|an?|applicable|appropriate|relevant|specific|designated)\s+)+"
    r"|\s+(?:area|field)s?$"
)
"""What makes a field any of its kind ("the applicable subject area"), not a named one."""
_OTHERWISE = re.compile(r"(?i)\b(?:if (?:no|not|you do not)|unless|in lieu of|or equivalent)\b")
"""A credential asked only failing another ("CDA certification (required if no related
degree)"): no plain gap."""
_NOT_A_FIELD = word_set("valid current active state teaching teacher professional full the a an")


def _endorsement_gap(line: LineMatch, credential_words: frozenset[str] | None) -> Gap | None:
    """A required endorsement or certification in a field none of the applicant's
    credentials name ("Must hold or be eligible for a Virginia teaching license with an
    endorsement in ESL" for an elementary-education licence holder): the mapper reads the
    licence as met or partly met, a hiring manager reads the missing endorsement first. Said in
    the posting's words: "I should say plainly that I do not hold an endorsement in
    ESL." Never for alternatives ("… or …"), a preference or "willing to obtain"."""
    if credential_words is None or line.importance != "required" or line.kind != "licence":
        return None
    if _WILLING.search(line.text) or _OTHERWISE.search(line.text):
        return None
    # Whatever the line's status: "must be a Licensed Teacher with Special Education
    # General Curriculum endorsement" is backed by the licence, not by the endorsement.
    found = _ENDORSEMENT.search(line.text)
    if found is None:
        return None
    field = found.group("field") or found.group("field2")
    if _a_duty(field):
        return None
    after = line.text[found.end() :]
    before = line.text[: found.start()]
    if re.match(r"\s*(?:or\b|/)", after) or re.search(r"(?:\bor|/)\s*$", before):
        return None  # "Special Education or Reading Certification": one of several
    if re.search(r"(?i)\bone of\b|\bany\b", field):
        return None
    words = word_set(field) - _NOT_A_FIELD
    if not words or words <= credential_words:
        return None
    if found.group("in"):
        # "an applicable exceptional education area" names "exceptional education"; "the
        # appropriate content area" names none.
        named_field = re.sub(r"\s+as$", "", _ANY_OF_THE_KIND.sub("", field).strip())
        if not named_field or re.search(r"(?i)\b(?:subject|content)\b", named_field):
            return None
        phrase = f"{found.group('what').lower()} in {named_field}"
        return Gap("not_held", {"credential": f"{article(phrase)} {phrase}"})
    named = re.sub(r"(?i)^(?:valid|current|active)\s+", "", found.group("named"))
    return Gap("not_held", {"credential": f"{article(named)} {named}"})


_DEGREE_NAMES = {
    "doctorate": "a doctorate",
    "master": "a master's degree",
    "bachelor": "a bachelor's degree",
    "associate": "an associate degree",
}
_OTHER_ROUTE = re.compile(
    r"(?i)(?:\bor\b|(?-i:OR)(?=[A-Z]))[^.;]{0,80}?(?:\b|(?<=OR))"
    r"(?:master|bachelor|degree|experience|equivalent|diploma)"
)
"""Another way in ("PhD, or a Master's and 3 years of experience"): no plain gap."""


def degree_gap(
    checks: Sequence[RequirementCheck],
    lines: Sequence[LineMatch],
    profile: Profile,
    voice: Voice | None = None,
) -> str | None:
    """The sentence for a required degree above the applicant's highest ("MUST have Ph.D.
    degree …" for a master's graduate): "I should say plainly that I do not hold a
    doctorate; my highest degree is a Master of Science in Computer Science." Only for a
    degree a required qualification line of the posting asks for (`lines`: not "we are
    supporting staff through a master's"), not a current enrolment ("Enrolled in Ph.D.",
    the student gap), and never when the posting allows another route or an equivalent."""
    asked = [
        line.text
        for line in lines
        if line.kind == "qualification"
        and line.importance == "required"
        and line.status != "backed"
        and not asks_enrolment(line.text)
    ]
    for check in checks:
        if not isinstance(check, DegreeCheck) or check.importance != "required":
            continue
        if not any(check.text in text or text in check.text for text in asked):
            continue
        if check.status != "missing" or check.or_equivalent or not check.have:
            continue
        if DEGREE_LEVELS[check.need] <= DEGREE_LEVELS[check.have]:
            continue  # the level is held, in another field: not this plain a gap
        if _OTHER_ROUTE.search(check.text) or check.need not in _DEGREE_NAMES:
            continue
        if re.search(r"(?i)\bor\W*$", check.text):
            continue  # "Doctorate (PhD) … years of experience; OR": the next route follows
        found = re.match(r"education\[(\d+)\]", check.ref or "")
        school = profile.education[int(found[1])] if found else None
        degree = " in ".join(p for p in (school.studyType, school.area) if p) if school else ""
        if not degree:
            continue
        held = f"{article(degree)} {degree}"
        return say(Gap("degree", {"degree": _DEGREE_NAMES[check.need], "held": held}), voice)
    return None
