"""The credentials a posting requires that the profile shows.

A licence, registration or degree the posting asks for (not merely prefers) is what a
recruiter checks first: the letter confirms it in its opening, the résumé puts its
certificate near the top. Both read it here, from the alignment, so they agree on which
certificate or degree answers which line.
"""

from __future__ import annotations

import re

from tailor.analysis.models import LineMatch
from tailor.skills.words import word_set

CREDENTIAL = re.compile(r"^(?P<section>certificates|education)\[(?P<index>\d+)\]")
"""A certificate or an education entry, as a fact ref ("certificates[0].name")."""


def required_credential(line: LineMatch) -> bool:
    """Whether `line` asks for a licence or qualification, not as a preference, and the
    profile backs it at least in part."""
    return (
        line.kind in ("licence", "qualification")
        and line.importance != "preferred"
        and line.status in ("backed", "partial")
    )


def weighed_refs(line: LineMatch) -> list[str]:
    """What the mapper cites for `line` first, then what else it weighs for it, strongest
    first: a registration line may be cited by a bullet that mentions the ward while the
    certificate comes next."""
    weighed = sorted(line.support, key=lambda ref: -line.support[ref])
    return list(dict.fromkeys([*(e.ref for e in [*line.evidence, *line.alternatives]), *weighed]))


def credential_refs(line: LineMatch) -> list[tuple[str, int]]:
    """The certificates and education entries the mapper weighs for `line`, strongest
    first, as (section, index): ("certificates", 0)."""
    found = (CREDENTIAL.match(ref) for ref in weighed_refs(line))
    return list(dict.fromkeys((m["section"], int(m["index"])) for m in found if m))


_REGISTERED_FIELD = re.compile(
    r"\b(?P<whole>registered\s+(?:(?P<field>[a-z][a-z ,/-]{2,60}?)\s+(?P<role>nurse|midwife)|"
    r"(?P<role2>nurse|midwife)\s*\((?P<field2>[^)]{2,40})\)))",
    re.IGNORECASE,
)
"""A registration in a field of practice ("Registered Mental Health or Learning Disability
Nurse", "Registered Nurse (Child)"): one register, several fields, each its own."""
_ALTERNATIVES = re.compile(r"\s+or\s+|\s*/\s*|\s*,\s*")
_ANY_FIELD = word_set(
    "general qualified practising practicing professional experienced NMC UK RGN RN"
)
"""Words that name no field of practice: a "Registered General Nurse" is any nurse."""


def unheld_registration(text: str, held: frozenset[str]) -> str | None:
    """The registration `text` asks for in a field of practice the applicant's credentials
    (`held`: the words of their certificates, degrees, positions and label) do not name,
    as the posting writes it ("Registered Mental Health or Learning Disability Nurse" for
    an adult nurse); None when the line names none, when one of its fields is held, or when
    any registrant will do ("… but you can be a Registered General Nurse"). The role itself
    must be held: another profession is not this kind of gap. The mapper reads it as a
    partial match (same register, other field), the letter says it plainly."""
    found = [m for m in _REGISTERED_FIELD.finditer(text) if _a_field(m)]
    if not found:
        return None
    for registration in found:
        role = registration.group("role") or registration.group("role2")
        fields = _ALTERNATIVES.split(registration.group("field") or registration.group("field2"))
        if any(not word_set(f) - _ANY_FIELD for f in fields):
            return None  # "General Nurse", "RGN": any nurse will do
        if not word_set(role) <= held:
            return None  # another profession
        if any(word_set(f) <= held for f in fields):
            return None  # one of the fields is held
    return found[0].group("whole")


_FIELD_WORDS = 6


def _a_field(registration: re.Match[str]) -> bool:
    """Whether what stands between "Registered" and "Nurse" names a field of practice, not
    a run of the sentence ("Registered Nurse - Currently licensed as a registered
    professional nurse": that is two registrations, neither with a field)."""
    field = registration.group("field") or registration.group("field2")
    return len(field.split()) <= _FIELD_WORDS and not re.search(
        r"(?i)\b(?:nurse|midwife)\b|\s[-–—]\s", field
    )


_MEDICAL_FIELD = (
    r"surgery|surgical|medicine|medical|anaesthe\w*|anesthe\w*|orthopa?edic\w*|cardiolog\w*|"
    r"oncolog\w*|pa?ediatric\w*|radiolog\w*|psychiatr\w*|obstetric\w*|gyna?ecolog\w*|urolog\w*|"
    r"neurolog\w*|dermatolog\w*|ophthalmolog\w*|emergency medicine|intensive care|critical care"
)
_OTHER_CONSULTANTS = (
    r"nurse|nursing|midwi\w*|pharmac\w*|therap\w*|physio\w*|psycholog\w*|practitioner|"
    r"dieti[tc]ian|radiographer|scientist|paramedic|sonographer"
)
"""Consultants who are not doctors ("Nurse Consultant", "Consultant Pharmacist")."""
_PROFESSIONS: tuple[tuple[str, str], ...] = (
    # A medical post: "Senior Fellow in Young Adult Hip Surgery" (a blind reader saw a
    # pharmacy technician's letter for it say nothing of not being a doctor).
    (
        (
            r"surgeon|physician|anaesthetist|anesthesiologist|psychiatrist|radiologist|"
            r"paediatrician|pediatrician|speciality doctor|specialty doctor|junior doctor|"
            # "Specialty Grade Doctor - Haematology", "Resident Doctor": a doctor, but not
            # a "Doctor of Nursing Practice" nor a "Doctors' Mess" post.
            r"doctors?(?!\s+of\b)(?!['’])|"
            r"general practitioner|(?:salaried|locum) GP|GP partner|"
            r"(?:clinical|surgical|medical) fellow|"
            rf"(?<!research )(?<!teaching )fellow(?=[^\n]{{0,40}}\b(?:{_MEDICAL_FIELD})\b)|"
            # "Consultant General Adult Inpatient Psychiatry", but not a consultant nurse,
            # pharmacist, therapist or psychologist.
            rf"(?<!nurse )consultant(?![^\n]*\b(?:{_OTHER_CONSULTANTS})\b)"
            rf"(?=[^\n]{{0,50}}\b(?:{_MEDICAL_FIELD}|haematology|microbiology|pathology)\b)"
        ),
        "doctor",
    ),
    # Advanced practice is a qualification of its own (an MSc and prescribing): a staff
    # nurse is not yet an advanced nurse practitioner.
    (r"advanced (?:nurse |clinical )?practitioner|ANP|ACP", "advanced nurse practitioner"),
    (r"(?:family )?nurse practitioner|FNP", "nurse practitioner"),
    (r"midwi(?:fe|ves|fery)", "midwife"),
    (r"occupational (?:therapist|therapy)", "occupational therapist"),
    (r"physiotherapist|physiotherapy", "physiotherapist"),
    (r"physical (?:therapist|therapy)", "physical therapist"),
    (
        r"speech(?: and | & |-| )language (?:therapist|therapy|pathologist|pathology)",
        "speech and language therapist",
    ),
    (r"pharmacy technician", "pharmacy technician"),
    (r"pharmacist", "pharmacist"),
    (r"paramedic", "paramedic"),
    (r"operating department practitioner|ODP", "operating department practitioner"),
    (r"radiograph(?:er|y)", "radiographer"),
    (r"sonograph(?:er|y)", "sonographer"),
    (r"dieti[tc]ian", "dietitian"),
    (r"podiatrist|podiatry|chiropodist", "podiatrist"),
    # The rest of the UK's statutory registers for health professions (HCPC, GDC, GOC,
    # RCVS) and the audiologists' (RCCP): each is a profession no other registrant holds.
    (r"audiologists?|audiology", "audiologist"),
    (r"orthoptists?", "orthoptist"),
    (r"optometrists?", "optometrist"),
    (r"dispensing opticians?", "dispensing optician"),
    (r"prosthetists?(?:\s*/\s*orthotists?)?", "prosthetist"),
    (r"orthotists?", "orthotist"),
    (r"biomedical scientists?", "biomedical scientist"),
    (r"clinical scientists?", "clinical scientist"),
    (r"hearing aid dispensers?", "hearing aid dispenser"),
    (r"arts? (?:psycho)?therapists?|music therapists?|drama ?therapists?", "arts therapist"),
    (r"dental hygienists?", "dental hygienist"),
    (r"dental therapists?", "dental therapist"),
    (r"dentists?", "dentist"),
    (r"veterinary surgeons?|veterinarians?", "veterinary surgeon"),
    # "Are you an experienced AHP …?": any of the allied health professions (`_AHPS`).
    (r"allied health professionals?|AHPs?", "allied health professional"),
    (r"psychologist", "psychologist"),
    (r"social worker", "social worker"),
    (r"dental nurse", "dental nurse"),
    # The fields of the UK nursing register: an adult nurse is not registered to practise
    # as a mental health or learning disability nurse ("Community Mental Health Nurse,
    # Band 6"); an RN's field is checked before "nurse" alone.
    (r"mental health nurs(?:e|es|ing)|RMN|RNMH", "mental health nurse"),
    (r"learning disabilit(?:y|ies) nurs(?:e|es|ing)|RNLD", "learning disability nurse"),
    # "Junior Sister", "Ward Sister", "Matron": the NHS's titles for senior nurses.
    (r"(?:junior|senior|ward|deputy|clinical|theatre) sisters?|matrons?", "nurse"),
    # "Team Leader District Nursing": a nursing service's post is a nurse's.
    (r"(?:district|community|practice|school|theatre|ward) nursing", "nurse"),
    (r"(?<!nursery )(?<!veterinary )(?<!dental )nurse|RGN|RMN|RN", "nurse"),
    (r"teacher", "teacher"),
)
"""Regulated professions a role title can name (folded spellings of the title word, and
the profession as a letter says it): each is its own register or licence, which no other
profession's holder has, however alike the work."""
_NURSING_FIELDS = frozenset({"mental health nurse", "learning disability nurse"})
_AHPS = (
    "occupational therapist",
    "physiotherapist",
    "physical therapist",
    "speech and language therapist",
    "dietitian",
    "podiatrist",
    "radiographer",
    "paramedic",
    "operating department practitioner",
    "orthoptist",
    "prosthetist",
    "orthotist",
    "arts therapist",
)
"""The allied health professions (NHS England's list, less osteopaths, whom no title here
names): an AHP post is open to any of them and to no nurse."""
_PROFESSION = re.compile(
    "|".join(f"(?P<p{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(_PROFESSIONS)),
    re.IGNORECASE,
)
_NOT_THE_PROFESSION = re.compile(
    r"(?i)\b(?:trainee|student|apprentice\w*|assistants?|associates?|support|aides?|helpers?|"
    r"apprenticeship|cadet|returners?|to|"
    # A post beside the profession, not in it: "Physician Liaison", "Nurse Recruiter".
    r"receptionists?|secretar(?:y|ies)|administrators?|coordinators?|liaisons?|recruiters?|"
    r"schedulers?|coders?|billing)\b"
)
"""A post that trains someone into a profession, or assists it ("Trainee Radiographer",
"Occupational Therapy Assistant", "Teaching Assistant", "Registered Nurse to Nursing
Associate"): not a post for which the profession is asked."""


_ARE_YOU = re.compile(r"(?i)\bare you (?:an?|the) (?P<who>[^?.!]{1,80})")
OPENING_CHARS = 400
"""How far into a posting its opening question may stand ("Are you an experienced AHP
ready to …?" opens the Inpatient Therapy Team Lead ad of the dev set)."""


def profession_asked(title: str | None, posting: str) -> str | None:
    """Where the posting says which profession it asks for: the role title when it names
    one ("Senior Audiologist"), else the opening question's person ("an experienced AHP"
    from "Are you an experienced AHP ready to take on …?", up to the profession's name),
    else the title as it is (naming none). The text `unheld_profession` reads."""
    if title and _PROFESSION.search(title):
        return title
    asked = _ARE_YOU.search(posting[:OPENING_CHARS])
    if asked is None:
        return title
    found = _PROFESSION.search(asked.group("who"))
    return asked.group("who")[: found.end()] if found else title


UK_REGISTER = re.compile(r"\bNHS\b|\bNMC\b|\bBand [2-9]\b|£")
"""A posting under the UK's nursing register, whose fields (adult, mental health,
learning disability, children's) are registrations of their own; elsewhere any
registered nurse may take a mental health post."""


def unheld_profession(
    title: str | None, held: frozenset[str], *, register_fields: bool = False
) -> str | None:
    """The regulated profession a role title asks for that the applicant's credentials
    (`held`: the folded words of their certificates, degrees, positions and label) do not
    name, as a letter says it ("occupational therapist" for "Senior Stroke Occupational
    Therapy" and an adult nurse); None when the title names none, names one the applicant
    holds among its alternatives ("Scrub ODP/Nurse" for a nurse), or trains or assists
    ("Trainee Radiographer"). A nurse applying to a midwife's post is not a near match
    with a few gaps: the post is closed to them until they qualify. With
    `register_fields` (a UK posting, `UK_REGISTER`), a field of nursing is a profession of
    its own: an adult nurse is not registered as a mental health nurse."""
    if not title or _NOT_THE_PROFESSION.search(title):
        return None
    asked = []
    matches = [
        (found, _PROFESSIONS[int(next(k for k, v in found.groupdict().items() if v)[1:])][1])
        for found in _PROFESSION.finditer(title)
    ]
    if not register_fields:
        matches = [
            (found, "nurse" if profession in _NURSING_FIELDS else profession)
            for found, profession in matches
        ]
    elif any(profession in _NURSING_FIELDS for _, profession in matches):
        # "RMN/RNLD Staff Nurse": the field names the register; "Nurse" is no alternative
        # to it (an explicit "RGN" still is).
        matches = [
            (found, profession)
            for found, profession in matches
            if profession != "nurse" or not found.group(0).lower().startswith("nurs")
        ]
    # "Scrub ODP/Nurse", "Operating Department Practitioner - Scrub (RGN)": alternatives.
    for _, profession in matches:
        if word_set(profession) <= held:
            return None  # one of the professions the title allows is the applicant's
        if profession == "allied health professional" and any(
            word_set(ahp) <= held for ahp in _AHPS
        ):
            return None
        asked.append(profession)
    return asked[0] if asked else None
