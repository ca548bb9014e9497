"""Title, company and location from a posting's text when no front matter gives them.

Heuristics, in order of trust: a header block (first lines: "Senior NLP
Engineer" / "Lumen Health — Boston, MA"), labelled fields ("Location: Leeds"),
then phrases that name the hirer ("X is an equal opportunity employer",
"join ... at X", "About X"). The most frequently supported candidate wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tailor.analysis.sections import heading_kind

_ROLE_NOUNS = (
    r"Engineer|Scientist|Researcher|Developer|Analyst|Manager|Nurse|Teacher|Designer|Director|"
    r"Lead|Specialist|Consultant|Architect|Assistant|Coordinator|Officer|Administrator|Technician|"
    r"Associate|Intern|Representative|Advisor|Adviser|Accountant|Practitioner|Therapist|"
    r"Pharmacist|Physician|Surgeon|Instructor|Lecturer|Professor|Tutor|Writer|Editor|Producer|"
    r"Strategist|Executive|Supervisor|Clerk|Receptionist|Secretary|Paraprofessional|Aide|Worker|"
    r"Counselor|Counsellor|Librarian|Programmer|Head|Principal|Partner|Buyer|Planner|Auditor|"
    r"Midwife|Paramedic|Carer|Chef|Driver|Operator|Mechanic|Electrician|Owner|Fellow|Statistician|"
    r"Doctor|Sister|Matron|Educator|Trainer|Registrar|Radiographer|Psychologist|Dietitian|"
    r"Sonographer|Physiotherapist|Guide|Speaker|Volunteer"
)
_HEADER_ROLE = re.compile(rf"\b(?:{_ROLE_NOUNS})s?\b", re.IGNORECASE)
"""A role noun in a posting's first line, in any case ("SENIOR DATA SCIENTIST", "Community
nursing sister or Community charge nurse – Slough")."""
_HEADER_ADDRESS = re.compile(r"(?i)\b(?:we|we're|our|you|your)\b")
_HEADER_SENTENCE = re.compile(r"(?i)\b(?:is|are|has|have|been|will|should|must|join)\b")
MAX_HEADER_WORDS = 22
"""A first line longer than this is prose, whatever it names ("Elementary Education English
Teacher - Volunteer Position - Onsite in Costa Rica - 2 years, plus 3 months training with
verification" is 20 words and a title)."""
_TITLE_WORD = r"(?:[A-Z][\w+#.&-]*|\([A-Z][\w ]{0,12}\)|of|and|&|/|-|I{1,3}|\d)"
_SEEKING = re.compile(
    r"\b(?:seeking|looking for|hiring|recruiting)\s+(?:an?\s+|our next\s+)?"
    r"(?:(?:exceptional|talented|passionate|experienced|motivated|dedicated|enthusiastic|"
    r"skilled|driven|highly|outstanding|creative)\s+)*"
    rf"(?P<title>(?:{_TITLE_WORD}[ /-]*){{1,8}}?(?:{_ROLE_NOUNS})(?:\s*/\s*[A-Z]\w+)?)"
)
_FIELD = re.compile(
    r"^\s*(?:\*\*)?(?P<key>job title|title|position|role|company|employer|organi[sz]ation|"
    r"location|based in|work location)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<value>[^\n*]{2,100}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = r"[\w&'’.-]"
# Bounded and anchored: an unbounded name pattern backtracks quadratically on a
# 100,000-character line.
_NAME = (
    rf"(?<!{_WORD})[A-Z]{_WORD}{{0,40}}"
    rf"(?:[ \t]+(?:[A-Z]{_WORD}{{0,40}}|&|of|and|for|the)){{0,5}}"
)
_COMPANY_PATTERNS = [
    # "CyberCube Analytics, Inc. is an equal opportunity employer": the name before its
    # legal form.
    re.compile(
        rf"(?P<name>{_NAME})(?:,?[ \t]+(?:Inc|LLC|Ltd|Limited|Corp|Co|PLC|GmbH)\.?)?"
        r" is an? (?:equal (?:opportunity|employment)|EEO)"
    ),
    re.compile(
        rf"(?:^|(?<=[.!?] ))(?P<name>{_NAME}) is (?:headquartered|based) in\b", re.MULTILINE
    ),
    re.compile(rf"\b(?:join|joining)\s+(?:us\s+at\s+|the team at\s+)?(?P<name>{_NAME})(?=[ ,.!])"),
    re.compile(rf"\bteam at (?P<name>{_NAME})"),
    re.compile(rf"^\s*(?:\*\*)?About (?P<name>{_NAME})(?:\*\*)?\s*:?\s*$", re.MULTILINE),
    re.compile(rf"\bAt (?P<name>{_NAME}),"),
    re.compile(rf"\b(?P<name>{_NAME}) employees\b"),
    re.compile(rf"\bfuture of (?P<name>{_NAME})"),
    re.compile(rf"\b(?P<name>{_NAME})['’]s (?:mission|products|customers|benefits)"),
    # "Amick Brown is seeking an experienced Data Engineer.", "Boeing Global Services has
    # an opportunity for …": a sentence whose subject is the hirer.
    re.compile(
        rf"(?:^|(?<=[.!?] ))(?P<name>{_NAME}) (?:is|are) (?:currently )?"
        r"(?:seeking|looking for|hiring|recruiting)\b",
        re.MULTILINE,
    ),
    re.compile(
        rf"(?:^|(?<=[.!?] ))(?P<name>{_NAME}) has an? (?:\w+ )?(?:opportunity|opening|vacancy)\b",
        re.MULTILINE,
    ),
    # "Enphase Energy, the world's number one provider of …" opening a paragraph: the
    # hirer introducing itself.
    re.compile(
        rf"^(?P<name>{_NAME}),? (?:is )?(?:the|an?) (?:world['’]s|nation['’]s|leading|"
        r"global|premier|largest|fast[- ]growing)\b",
        re.MULTILINE,
    ),
]
_LEGAL_FORM = re.compile(r"(?i)^(?:inc|llc|ltd|limited|corp|co|plc|gmbh|all|st)$")
"""What a name pattern can catch of "…, Inc. is an equal opportunity employer" or of a
fragment ("ALL", the "St" of "St. Helens"): a legal form or a piece, never a hirer."""
_EQUAL_OPPORTUNITY = re.compile(r"(?i)^equal\s+(?:employment|opportunit)")
""""… assures Equal Employment Opportunities for employees": the law's phrase, no hirer."""
_NOT_COMPANY = {
    "We",
    "You",
    "Our",
    "The",
    "This",
    "Us",
    "About",
    "The Team",
    "Team",
    "Job",
    "Note",
    "In",
    "As",
    "It",
    "They",
    "Please",
    "All",
    "Learn",
    "Benefits",
    "Additionally",
    "Equal",
}
_ABOUT_THE_POST = re.compile(
    r"^(?:the|this|our|your)\s+(?:job|role|position|post|opportunity|vacancy|company|"
    r"organi[sz]ation|team|department|school|trust|candidate|person|program(?:me)?)\b",
    re.IGNORECASE,
)
_HEADER_SPLIT = re.compile(r"\s+(?:—|–|-|\||·|@|at)\s+")
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|District of Columbia"
)
_LOCATION_HINT = re.compile(
    r"\b(?i:remote|hybrid|on-?site)\b|[A-Z][a-z]+,\s*(?:[A-Z]{2}\b|"
    rf"(?i:UK|USA|United Kingdom|United States|England|Scotland|Wales|Northern Ireland|Ireland|"
    rf"Germany|France|Canada|India|Australia|{_US_STATES})\b)"
)
"""A place: "Remote", "Leeds, UK", "Boston, MA", "Los Gatos, California"."""
_NOT_A_NAME = re.compile(
    r"[?!:]|\.\s|^\W|\b(?:us|you|your|we|our)\b|\b(?:job|vacancy|requisition) (?:id|number|ref)"
    r"|^(?:organi[sz]ation|company|employer|department)\b",
    re.IGNORECASE,
)
"""A header line that is a question, a sentence or a field heading ("Like Stats?", "Yeah,
us too!", "Organization and Job ID"), not the hirer's name."""
_GENERIC_FIRST_LINE = re.compile(
    r"^(job description|job details|description|about the job|overview|summary|job summary|"
    r"full job description|posting)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Metadata:
    title: str | None
    company: str | None
    location: str | None


def guess_metadata(text: str) -> Metadata:
    fields = _fields(text)
    header_title, header_company, header_location = _header(text)
    # A "Job title:" far down is more likely the contact's ("Job title: Deputy Production
    # Manager" under "For further details contact:") than the post's: the first line wins.
    title = fields.get("title") or header_title or fields.get("late title") or _seeking_title(text)
    if header_company and _a_department(header_company, text):
        # "Engineering | Petaluma, CA": the team, not the employer (a blind reader saw "the
        # … role at Engineering" for an Enphase Energy post).
        header_company = None
    company = fields.get("company") or header_company or _company(text)
    location = fields.get("location") or header_location
    return Metadata(_clean(title), _clean(company), _clean(location))


FIELD_FIRST = 1000
"""A title field within this many characters of the start names the post itself."""


def _fields(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _FIELD.finditer(text[:3000]):
        key = match.group("key").lower()
        value = match.group("value").strip(" *")
        if key in ("job title", "title", "position", "role"):
            found.setdefault("title" if match.start() <= FIELD_FIRST else "late title", value)
        elif key in ("company", "employer", "organisation", "organization"):
            found.setdefault("company", value)
        else:
            found.setdefault("location", value)
    return found


def _header(text: str) -> tuple[str | None, str | None, str | None]:
    """A posting that opens with its title line, then often 'Company — Place'."""
    lines = [ln.strip().strip("*#_ ").strip() for ln in text.strip().splitlines()[:4]]
    lines = [ln for ln in lines if ln]
    if not lines or _GENERIC_FIRST_LINE.match(lines[0]):
        return None, None, None
    first = lines[0]
    words = len(first.split())
    if words > MAX_HEADER_WORDS or first.endswith((".", ":")) or not _HEADER_ROLE.search(first):
        return None, None, None
    if first.endswith("?") or _HEADER_ADDRESS.search(first):
        return None, None, None  # "We are looking for 6 x First Contact Physiotherapists"
    if words > 10 and _HEADER_SENTENCE.search(first):
        return None, None, None  # "Associate should have at least 5+ years' experience…"
    company = location = None
    # "Summary", "About us", "Job description": the posting's first section, not a name.
    if len(lines) > 1 and heading_kind(lines[1].rstrip(":")) != "other":
        return first, None, None
    if len(lines) > 1 and len(lines[1].split()) <= 12 and not lines[1].endswith("."):
        parts = _HEADER_SPLIT.split(lines[1], maxsplit=1)
        if len(parts) == 2:
            company, location = parts
        elif _LOCATION_HINT.search(lines[1]) and "," in lines[1] and len(lines[1].split()) <= 4:
            location = lines[1]
        elif not _NOT_A_NAME.search(lines[1]):
            company = lines[1]
    if company is not None and (_NOT_A_NAME.search(company) or _LOCATION_HINT.fullmatch(company)):
        company = None
    return first, company, location


_DEPARTMENT = re.compile(
    r"(?i)^(?:\w+ing|operations|sales|finance|research|education|legal|technology|product|"
    r"design|data|analytics|administration|management|services|science|sciences)$"
)
"""A team's or a discipline's name ("Engineering", "Nursing", "Operations", "Sales")."""


def _a_department(name: str, text: str) -> bool:
    """Whether a header's one-word "company" is a department's name that the text never
    names again: a job board's team heading, not the employer, whom an ad names as it goes
    on ("Acme Nursing" would be named again; "Engineering | Petaluma, CA" was not)."""
    return bool(_DEPARTMENT.match(name)) and len(re.findall(rf"\b{re.escape(name)}\b", text)) <= 1


def _seeking_title(text: str) -> str | None:
    match = _SEEKING.search(text)
    return match.group("title").strip() if match else None


def _company(text: str) -> str | None:
    votes: Counter[str] = Counter()
    for pattern in _COMPANY_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name").split(". ")[0].strip(" .,'’")
            name = re.sub(r"\s+(?:and|of|for|the|&)$", "", name)
            if name in _NOT_COMPANY or len(name) < 2 or len(name.split()) > 5:
                continue
            if _LEGAL_FORM.match(name) or _EQUAL_OPPORTUNITY.match(name):
                continue
            if _ABOUT_THE_POST.match(name):
                continue  # "About the Job", "About This Role": a heading, not a hirer
            votes[name] += 1
    if not votes:
        return None
    # Prefer names that also occur often in the text: "Apple" over "Apple Benefits".
    return max(votes, key=lambda n: (votes[n] + text.count(n) / 10, -len(n)))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value).strip(" -–—|,:*")
    return value or None
