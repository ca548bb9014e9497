"""The person a posting names as its contact, and its job reference, with offsets.

A letter should be written to the person the posting names ("For further
information or an informal visit please contact Emma McColl, Ward Manager") and
quote the reference it gives ("Job reference: 916-TMC-3120"). Only what the text
says is taken: a wrong name in a salutation is worse than "Dear Sir or Madam", so a
candidate that reads like a team or a department ("the Recruitment Team") is not a
person. Plain regular expressions, each bounded, so a hostile posting of megabytes
costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lemminflect import getAllLemmas

_HONORIFICS = {
    "dr": "Dr",
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "mx": "Mx",
    "prof": "Prof",
    "professor": "Professor",
}
_NAME_WORD = (
    r"(?:(?:Mc|Mac|[A-Z]['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
    # A surname in capitals, as NHS forms write it ("Rebecca DANIELS"), even when the
    # next field's label runs into it ("DANIELSEmail address").
    r"|[A-Z]{3,}(?:-[A-Z]{2,})?(?=[A-Z][a-z]|\b))"
)
_HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)"
_FIRST_WORD = rf"(?!{_HONORIFIC}\b)(?:Mc|Mac|[A-Z]['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
_PERSON = re.compile(
    rf"(?:(?P<hon>{_HONORIFIC})\.?\s+(?:{_HONORIFIC}\.?\s+)?)?"
    rf"(?P<name>{_FIRST_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}"
    # "Henry wilding, Divisional Head of Nursing": a surname the advert forgot to capitalise.
    rf"|{_FIRST_WORD}[ \t]+[a-z]{{3,}}(?=,)"
    # "Mr C McBryde", "Dr A Allameddine": initials, after a title only.
    rf"|(?(hon)(?:[A-Z]\.?[ \t]+){{1,2}}{_NAME_WORD}|(?!)))"
)
"""A given name as written ("Rebecca"), then one to three more names, a surname in
capitals among them: "NHS Jobs" is no person, "Rebecca DANIELS" is; or a title, initials
and a surname ("Mr C McBryde", even as "Mr Mr C McBryde")."""
_LABEL = re.compile(
    r"(?:Name|Contact)(?:\s*:?[ \t]+|(?=[A-Z][a-z]))"
    # "contact:\n\nEnquiries welcome on 0161 291 4295, Alexandra Pinzar, Nurse Manager":
    # the number before the name.
    r"|\s*(?i:(?:enquiries|calls?) welcome\s+)?(?i:on|call|tel\.?|telephone)?\s*"
    r"\+?\d[\d ]{6,}\d\s*,\s*(?=[A-Z])"
)
""""Name: Jo Ennis", "NameJo Ennis" where a table's cells ran together, and a telephone
number before the name."""
LABEL_CHARS = 60
"""How far after a cue its label (or number) may run before the name."""
_CUE = re.compile(
    r"(?:please\s+(?:contact|e-?mail|call|ring|speak\s+to)(?:\s+me\b)?|(?:informal\s+(?:visits?|enquiries|discussions?)|further\s+"
    r"(?:information|details)|more\s+information|enquiries)[^.\n:]{0,80}?\bcontact"
    r"(?:ing)?|contact\s+(?:name|person|details)?\s*:|\bcontact\s*:|"
    # "… Contact Name Carla Brooks Email …": a job board's form field, its colon lost.
    r"\bcontact\s+(?:name|person)\s+(?=(?-i:[A-Z]))|"
    # "Recruiter: Aubrey Tuttle"; "For further details" as a line of its own, the name on
    # the next.
    r"\brecruiter\s*:|\bfor\s+further\s+(?:details|information)\s*:?[ \t]*(?=\n)|"
    r"(?:find\s+out\s+more|questions?|information|details|discuss\w*)[^.\n]{0,60}?\bby\s+contacting|"
    r"(?:informal\s+)?enquiries\s+(?:(?:should|can|may)\s+be\s+(?:made|directed|sent)\s+)?to|"
    # "For more information on the roles simply get in touch with Charlotte Baines, …"
    r"get\s+in\s+touch\s+with|"
    # "… invited to visit on an informal basis by arrangement with: Mr C McBryde"
    r"by\s+arrangement\s+with\s*:?|"
    r"hiring\s+manager\s*:)\s*(?:[:\-]\s*)?",
    re.IGNORECASE,
)
_NOT_PEOPLE = frozenset(
    [
        "Team",
        "Trust",
        "Hospital",
        "Hospitals",
        "Ltd",
        "Limited",
        "School",
        "Schools",
        "Department",
        "Office",
        "Services",
        "Service",
        "Recruitment",
        "Resources",
        "Human",
        "Staffing",
        "Medical",
        "Manager",
        "Matron",
        "Lead",
        "Ward",
        "Unit",
        "Centre",
        "Center",
        "Council",
        "University",
        "College",
        "Group",
        "Board",
        "Practice",
        "Clinic",
        "Nurse",
        "Sister",
        "Charge",
        "Hiring",
        "Academy",
        "Foundation",
        "Health",
        "Care",
        "Partnership",
        "Directorate",
        "Division",
        "Human",
        "Head",
        "Director",
        "Officer",
        "Coordinator",
        "Administrator",
        "Support",
        "Workforce",
        "Agency",
        "Consultant",
        "Haematology",
        "Email",
        "The",
        "Tel",
        "Telephone",
        "Name",
    ]
)
_RANKS = frozenset(
    [
        "Senior",
        "Deputy",
        "Assistant",
        "Associate",
        "Junior",
        "Chief",
        "Principal",
        "Clinical",
        "Specialist",
        "Executive",
        "General",
        "Operational",
        "Sister",
        "Nurse",
        "Manager",
        "Matron",
        "Lead",
        "Ward",
        "Charge",
        "Head",
        "Director",
        "Consultant",
        "Officer",
        "Coordinator",
        "Advanced",
        "Practitioner",
        "Therapist",
        "Team",
        "Leader",
    ]
)
_ROLE_BEFORE = re.compile(rf"(?P<role>(?:(?:{'|'.join(sorted(_RANKS))})[ \t]+)+)")
"""A job title written before the name ("Senior Sister Annah Tavengahama on 020…")."""
_ROLE = re.compile(r"\s*,\s*(?P<role>[A-Z][\w&/'-]*(?: [A-Z][\w&/'-]*){0,5})")
_FIELD_ROLE = re.compile(
    r"\s*Job\s*title\s*:?\s*(?P<role>[A-Z][a-z][\w&/'-]*(?: [A-Z][a-z][\w&/'-]*?){0,5}?)"
    r"(?=Email|Tel|Phone|\s*$|\s*\n)"
)
"""The role in a form's "Job title" field after the name, cells run together or not
("NameHelen MarshJob titleTheatre ManagerEmail address…")."""

_REFERENCE = re.compile(
    r"\b(?:job|vacancy|post|position|role)?\s*(?:ref(?:erence)?|requisition|req|job)\.?"
    r"\s*(?:no\.?|number|id|#)?\s*[:#]\s*(?P<value>[A-Za-z0-9][A-Za-z0-9/_-]{2,40})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contact:
    name: str
    """As written, without the honorific: "Emma McColl"."""
    honorific: str | None
    """"Dr", "Mrs", "Professor"... only when the posting writes one."""
    start: int
    end: int
    """`text[start:end] == name`."""
    role: str | None
    """A job title written beside the name ("Ward Manager"), else None."""


@dataclass(frozen=True)
class Reference:
    value: str
    start: int
    end: int


def find_contact(text: str) -> Contact | None:
    """The first person the posting names after a contact cue, or None."""
    for cue in _CUE.finditer(text):
        begin = cue.end()
        label = _LABEL.match(text, begin, begin + LABEL_CHARS)
        begin = label.end() if label else begin
        before = _ROLE_BEFORE.match(text, begin, begin + 60)
        if before and _PERSON.match(text, before.end(), before.end() + 80):
            begin = before.end()
        match = _PERSON.match(text, begin, begin + 80)
        if match is None:
            continue
        words = match.group("name").split()
        # A title run on after the name ("Dr A Allameddine Consultant Haematology") ends it.
        cut = next((k for k, w in enumerate(words) if w in _NOT_PEOPLE), len(words))
        # Past two words, a word of the dictionary ("Job", "Orthoptic") is the next
        # line's label or a title, not a surname: precision over recall.
        cut = next((k for k in range(2, cut) if _dictionary_word(words[k])), cut)
        # A word in capitals after a surname is an organisation ("Jo Ennis NHS …"): only
        # a surname straight after the given name is read in capitals ("Rebecca DANIELS").
        cut = next((k for k in range(2, cut) if words[k].isupper()), cut)
        if cut < 2:
            continue
        name = match.group("name")[: len(" ".join(words[:cut]))]
        if " ".join(words[:cut]) != name:
            continue  # a tab between the words: keep offsets honest, take none
        start = match.start("name")
        if re.match(r"[.@][A-Za-z]", text[start + len(name) : start + len(name) + 2]):
            continue  # "Ngozi Adeyemi Okafor.adeyemi@…": the name runs into an address
        honorific = match.group("hon")
        role_match = _ROLE.match(
            text, start + len(name), start + len(name) + 80
        ) or _FIELD_ROLE.match(text, start + len(name), start + len(name) + 80)
        role = role_match.group("role").strip() if role_match else None
        if before and begin == before.end() and not role_match:
            role = before.group("role").strip()
        return Contact(
            name=name,
            honorific=_HONORIFICS[honorific.lower()] if honorific else None,
            start=start,
            end=start + len(name),
            role=role if role and any(w in _NOT_PEOPLE for w in role.split()) else None,
        )
    return None


def _dictionary_word(word: str) -> bool:
    return bool(getAllLemmas(word.lower()))


_NUMBERED = re.compile(
    r"\b(?:role|posting|job|vacancy|position|requisition|post)\s+"
    r"(?:number|no\.?|id|reference|ref\.?)\s*[:#]?\s*"
    r"(?P<value>(?=[A-Za-z0-9/_-]*\d)[A-Za-z0-9][A-Za-z0-9/_-]{2,40})",
    re.IGNORECASE,
)
"""A labelled number without a colon ("Role Number 200107277", "Posting Number
ADJ_1805P", "search by vacancy reference 301-ACU-0042"): the value must hold a digit."""


def find_reference(text: str) -> Reference | None:
    """The posting's job reference ("Job reference: 916-TMC-3120"), when it has a digit:
    the first in the text of the labelled forms (`_REFERENCE`, `_NUMBERED`)."""
    found: list[Reference] = []
    for pattern in (_REFERENCE, _NUMBERED):
        for match in pattern.finditer(text):
            value = match.group("value").rstrip("-/_")
            if any(c.isdigit() for c in value):
                start = match.start("value")
                found.append(Reference(value=value, start=start, end=start + len(value)))
                break
    return min(found, key=lambda r: r.start) if found else None
