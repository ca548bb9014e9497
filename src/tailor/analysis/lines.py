"""A posting as a list of requirement lines: the unit the mapper aligns with a profile.

Every bullet, and every sentence of running text, outside pay, benefits and legal
boilerplate and what the employer says about itself is one line, with its character span, section, importance and kind.
Examples inside a line ("NeurIPS, ICML, ACL…") stay inside it, so one ask is one
line however many skills it names. Headings, labelled form fields ("Salary: …")
and fragments without words are not lines.

Importance comes from the section (Essential/Requirements -> required,
Desirable/Preferred -> preferred) and from wording ("must" -> required; "ideally",
"a plus" -> preferred); other lines (duties, the summary) are "unspecified".
Kinds are decided by wording alone, most specific first: a condition of
employment (right to work, background checks, shifts) and a personal trait
("passionate", "self-starter") are reported but never scored or listed as gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lemminflect import getAllLemmas

from tailor.analysis.models import SectionKind
from tailor.analysis.sections import WEIGHED, Block, skill_free, split_sections
from tailor.posting.names import folded
from tailor.skills.words import content_words, word_set

LineImportance = Literal["required", "preferred", "unspecified"]
LineKind = Literal["condition", "licence", "qualification", "experience", "trait", "duty", "skill"]
SCORED_KINDS: frozenset[LineKind] = frozenset(
    {"licence", "qualification", "experience", "duty", "skill"}
)

_BULLET = re.compile(r"^\s*(?:[-+*•·▪◦‣–]|\d{1,2}[.)]|[a-z][.)]|o(?=\s+[A-Z]))\s+")
"""A list's mark: a dash or dot, a number or letter ("3.", "b)"), or the "o" of a
word processor's second-level bullet ("o Implement ML models …")."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
"""Sentences end at . ! ? — a semicolon joins the clauses of one ask ("Uses data to: make
…; monitor …"; "Welsh is desirable; Welsh and/or English speakers are welcome")."""
_FIELD = re.compile(r"^\s*[*_]*[A-Z][\w /&()-]{0,40}[*_]*:\s*[*_]*\s*\S")
_ASK_LABEL = re.compile(
    r"^\s*[*_]*[A-Z][\w /&()-]{0,60}?\b(?i:required|requirements?|qualifications?|"
    r"essential|desirable)[*_]*:\s*[*_]*\s*(?=\S)"
)
"""A field whose label names what is asked ("Education and Experience Required: The
selected candidate must be a Licensed Teacher with …"): its value is a requirement, not
a detail of the post like "Location: Leeds"."""
_MIN_WORDS = 3
_MAX_LINE = 600
_REQUIRED_WORDS = re.compile(
    r"\b(must|essential|required|requirement|mandatory|minimum|necessary)\b", re.IGNORECASE
)
_PREFERRED_WORDS = re.compile(
    r"\b(preferred|preferably|ideally|desirable|a plus|an advantage|advantageous|"
    r"nice to have|bonus|beneficial|would be great)\b",
    re.IGNORECASE,
)
_KIND_WORDS: list[tuple[LineKind, re.Pattern[str]]] = [
    (
        "condition",
        re.compile(
            r"\b(right to work|eligib\w* to work|work permit|visas?|sponsorship|"
            r"background (check|screening)\w*|criminal (record|background)|(enhanced )?dbs|"
            r"disclosure and barring|fingerprint\w*|drug (test|screen)\w*|"
            r"(?:security|secret|top secret|ts/sci|government|dod|sc|dv) clearance|"
            r"driv\w*(?:['’]s)? licen[cs]e|own (car|transport|vehicle)|access to a (car|vehicle)|"
            r"(work|working) (nights|weekends|shifts|on[- ]call|unsocial hours)|shift work|"
            r"rotating shifts|willing\w* to (travel|relocate)|able to (travel|lift)|"
            r"ability to (travel|lift)|ability to (?:stand|sit|walk)(?= for|\W*$)|"
            # The body a job asks for ("lift, squat, sit, bend or stand"), its hours and
            # its insurance: conditions of employment, not things to prove.
            r"lift(ing)?,? (?:squat|bend|carry|push|pull|stand)\w*|(?:stand|sit|walk)\w* for "
            r"(?:long|extended|prolonged) periods|physical (?:demands|requirements)|"
            r"(?:automobile|auto|car|vehicle) insurance|(?:occasional|some) (?:evening|weekend)s?"
            r"(?: hours)?|"
            r"lift(ing)? up to|equal opportunit\w*|reasonable adjustments?|"
            r"(?:regular|reliable|consistent|punctual) attendance|punctuality)\b|"
            # "Must be at least 18 years of age", "Applicants must be 21 or older": the
            # applicant's age, when the line asks nothing else ("Must be a high school
            # graduate, 18 years of age, and have …" still asks a diploma; "children ages
            # 6 weeks to 12 years old" is whom the job serves).
            r"^\W*(?:(?:all\s+)?(?:applicants?|candidates?|you)\s+)?(?:must|should|will)\s+be\s+"
            r"(?:at\s+least\s+|over\s+(?:the\s+age\s+of\s+)?|aged\s+)?\d{2}\+?(?:\s+years?)?"
            r"(?:\s+(?:of\s+age|old|or\s+(?:older|over|above)))?\W*$|"
            r"^\W*(?:the\s+)?(?:minimum|legal)\s+age\b[^,;]*$",
            re.IGNORECASE,
        ),
    ),
    (
        "licence",
        re.compile(
            r"\b(licen[cs]\w*|registered|registration|certified|certification|certificate|"
            r"credential\w*|endorsement|chartered|accredit\w*|nmc|hcpc|gphc|gmc)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "qualification",
        re.compile(
            r"\b(degree|bachelor\w*|master\w*|ph\.?d|doctorate|diploma|b\.?sc?|m\.?sc?|b\.?a|"
            r"m\.?a|mba|m\.?ed|b\.?ed|gcses?|a[- ]levels?|nvq|btec|qualifi\w*|graduate)\b",
            re.IGNORECASE,
        ),
    ),
    ("experience", re.compile(r"\b(experience[ds]?|years?|track record)\b", re.IGNORECASE)),
    (
        "trait",
        re.compile(
            r"\b(passion\w*|enthusias\w*|motivated|self[- ]starter|curious|curiosity|ambitious|"
            r"friendly|positive attitude|can[- ]do|hard[- ]working|(?<!-)driven|energetic|"
            r"personable|approachable|willing to learn|eager\w*|love of|desire to)\b",
            re.IGNORECASE,
        ),
    ),
]
_DUTY_SECTIONS: frozenset[SectionKind] = frozenset({"responsibilities"})
_LIST_SECTIONS: frozenset[SectionKind] = frozenset(
    {"responsibilities", "requirements", "preferred"}
)
"""Sections whose lines are items of a list even when their bullet markers were lost in
copying ("Bachelor's or associate's Degree." under Preferred Qualifications), never a
header banner."""
_ROLE_HEAD = re.compile(r"\s(?:[-–—|/(,:]|and|at|for|with)\s|[(,|/]")
_NOT_ASKS: frozenset[SectionKind] = frozenset({"about"})
"""Sections about the employer: what they say is no ask of the applicant."""
_MUST_OF_APPLICANT = re.compile(
    r"(?i)^(?:all )?(?:applicants?|candidates?|you|the (?:successful |selected |chosen |ideal )?"
    r"(?:candidate|applicant|post ?holder))\s+(?:must|will need to|are required to|is required to)\s+"
    r"(?:be|hold|have|possess)\b(?!.*\b(?:submit|send|attach|include|provide)\b)"
)
"""A plain must of the applicant ("Applicants must be registered as a pharmacist with the
General Pharmaceutical Council."): an ask wherever the posting puts it, even below a
"Why join us?" heading that would otherwise make everything after it perks."""


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    section: SectionKind
    importance: LineImportance
    kind: LineKind

    @property
    def scored(self) -> bool:
        """Traits and conditions are reported, never scored nor listed as gaps."""
        return self.kind in SCORED_KINDS


def requirement_lines(
    text: str, blocks: list[Block] | None = None, title: str | None = None
) -> list[Line]:
    """The requirement lines of a posting's `text`, in order. `title`, the role's title,
    tells a line that asks for the role ("we are looking for enthusiastic pharmacy
    technicians") from one about a trait alone ("you are passionate and curious")."""
    role = role_noun(title)
    out: list[Line] = []
    for block in blocks if blocks is not None else split_sections(text):
        aside = skill_free(block.kind) or block.kind in _NOT_ASKS
        for start, end in _units(text, block, role):
            unit = text[start:end]
            if aside and not _MUST_OF_APPLICANT.match(unit):
                continue  # a stated must under "Why join us?" is still asked
            if title and folded(unit) == folded(title):
                continue  # the role's title repeated in the body asks nothing
            out.append(
                Line(
                    start=start,
                    end=end,
                    text=unit,
                    section=block.kind,
                    importance=_importance(block.kind, unit),
                    kind=_kind(block.kind, unit, role),
                )
            )
    return out


def _of_the_role(text: str, role: str | None) -> bool:
    """Whether a sentence's first words name the role ("Nurses provide wound care…" for a
    Community Nurse), or people doing a job in the plural ("Guides provide personalized
    support to each child."): a duty in the third person, not the employer's story."""
    words = text.split()
    if role is not None and role in content_words(" ".join(words[:3])):
        return True
    if len(words) < 2 or not re.fullmatch(r"[A-Z][a-z]+s", words[0]):
        return False
    noun, verb = words[0].lower(), words[1].lower()
    nouns = getAllLemmas(noun).get("NOUN", ())
    verbs = getAllLemmas(verb).get("VERB", ())
    # "Guides provide …": a plural noun ("This position …" is none) and a verb in its
    # base form, not "Links to …" nor "Employees are vested …".
    return bool(nouns) and noun not in nouns and verb not in _NOT_ACTIONS and verb in verbs


_NOT_ACTIONS = frozenset({"are", "have", "be", "were", "do", "can", "will", "may", "must"})


def _units(text: str, block: Block, role: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each bullet or sentence in `block`, heading and fields left out."""
    pos = block.start
    first = True
    for raw in text[block.start : block.end].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        if first and block.heading is not None:
            first = False
            continue  # the heading line itself
        first = False
        asked = _ASK_LABEL.match(raw)
        if not raw.strip() or (_FIELD.match(raw) and not asked):
            continue
        bullet = _BULLET.match(raw)
        body_start = line_start + (bullet.end() if bullet else len(raw) - len(raw.lstrip()))
        if asked and not bullet:
            body_start = line_start + asked.end()  # the ask without its label
        body = text[body_start : line_start + len(raw)]
        pieces = [body] if bullet and len(body) <= _MAX_LINE else _sentences(body)
        prose = bullet is None and len(pieces) > 1
        offset = body_start
        for piece in pieces:
            at = text.index(piece, offset)
            offset = at + len(piece)
            stripped = piece.strip().rstrip("*_").strip()
            words = len(re.findall(r"[A-Za-z]{2,}", stripped))
            # A bullet of one word ("Kubernetes", "Master's preferred") is an ask; running
            # text that short is not.
            listed = bullet is not None or block.kind in _LIST_SECTIONS
            if (
                words < (1 if listed else _MIN_WORDS)
                or (not listed and _is_banner(stripped))
                or _not_an_ask(stripped)
                or not_an_ask_line(stripped)
                # Prose in a list section ("Slough is the second largest town…") is
                # read as running text; its bullets are not ("Guides provide support…").
                or (
                    (
                        block.kind not in _LIST_SECTIONS
                        or (prose and not _of_the_role(stripped, role))
                    )
                    and _about_employer(stripped)
                )
            ):
                continue
            lead = piece.find(stripped[:1]) if stripped else 0
            yield at + lead, at + lead + len(stripped)


_CONTACT = re.compile(r"\S@\S|\b(?:\+?\d[\d ()-]{8,}\d)\b|https?://|www\.")
_TERMS = re.compile(
    r"\b(hours? (?:per|a|each) week|hrs|full[- ]time|part[- ]time|salary|pay scale|"
    r"(?:fixed[- ]term|permanent|temporary|\d+[- ]months?)\s+(?:contract|post|position|role))\b",
    re.IGNORECASE,
)
_ASKED_OF_YOU = re.compile(
    r"\b(you|your|must|expected|required to|rota|weekends?|nights?|evenings?|on[- ]call|"
    r"shifts?|travel)\b",
    re.IGNORECASE,
)


_EMPLOYER_SUBJECT = re.compile(
    r"^(?:(?:right now|today|currently|at present|each year|every year|together),?\s+)?"
    r"(?:we|our|the (?:trust|department|service|company|school|hospital|"
    r"organi[sz]ation|centre|center|practice|pharmacy department)|this (?:trust|"
    r"department|service|company|school|hospital))\b(?! (?-i:[A-Z]))",
    re.IGNORECASE,
)
_ASK_WORDS = re.compile(
    r"\b(you|your|candidate|applicant|post ?holder|(?:right|successful) (?:person|individual)|"
    r"looking|seeking|search(?:ing)? for|"
    r"recruit\w*|hiring|appoint|join|must|should|require\w*|need|expected|ideal|"
    # "We are keen to receive applications from individuals who hold …", "We look for
    # people who have a desire to excel": whom the employer asks for, and what.
    r"(?:applications from|hear from|interested in|look(?:ing)? for|want)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:individuals|people|applicants|candidates|nurses|those)\s+who\s+"
    r"(?:hold|have|has|are|can|share|demonstrate)\b)\b",
    re.IGNORECASE,
)


_SUBJECT_WORD = r"(?!(?:will|would|should|must|can|may|to|who|which|that|and|or)\b)[\w'’-]+"
_DESCRIBES = re.compile(
    r"^(?:(?i:it|there|this|that)|(?i:the|a|our|this|these)(?: " + _SUBJECT_WORD + r"){1,5}"
    r"|[A-Z][\w&'’-]*(?: (?:[A-Z][\w&'’-]*|of|&|for)){0,5})\s+"
    r"(?:is|are|was|were|has|have|includes?|comprises?(?: of)?|consists? of|offers?|provides?|"
    r"boasts?|serves?|covers?|sits|lies|houses|runs|treats|cares for|leads?|operates?)\b"
)
"""A sentence that says what something is or has ("The Cardiothoracic Critical Care Unit is
the North West centre…", "It consists of a 26-bedded unit…", "South Manchester is a diverse
location…", "As the UK's largest trauma centre we lead…" is caught by `_EMPLOYER_SUBJECT`)."""
_ASKED_QUALITY = re.compile(
    r"\b(?:essential|desirable|required|preferred|important|key|vital|crucial|advantage|"
    r"(?:a|an added|big) plus|expected|candidate|applicant|post ?holder|you|your|accountable|responsible|"
    r"able to)\b",
    re.IGNORECASE,
)


_LEAD_PHRASE = re.compile(
    r"^(?:as|in addition to|alongside|besides)\b[^,.;]{1,60}?(?:,\s*|\s+(?=(?:we|our|the|it|this)\b))",
    re.IGNORECASE,
)


def _about_employer(text: str) -> bool:
    """A sentence of running text about the employer ("We have a busy Aseptic Services
    Unit…", "Our key strengths as a department are…", "The Trust is at the forefront…",
    "The ward comprises 28 beds…"): what it is and has, not what it asks of the applicant
    ("We are looking for…", "Experience of NIV is essential" stay)."""
    if _ASK_WORDS.search(text):
        return False
    # "As the UK's largest trauma centre our unit leads…", "In addition to trauma the
    # Royal London Hospital also provides…": the sentence's subject after its lead phrase.
    text = _LEAD_PHRASE.sub("", text, count=1)
    if _EMPLOYER_SUBJECT.match(text):
        return True
    return (
        bool(_DESCRIBES.match(text))
        and not _ASKED_QUALITY.search(text)
        and not _ASKED_OF_YOU.search(text)  # "There is weekend working one day in five"
    )


def _not_an_ask(text: str) -> bool:
    """Contact details ("Liz Metcalfe - Therapy lead - liz@…"), and bare hours and contract
    terms ("Full or part time hours are available (minimum 22.5 hours per week)"): no ask
    of the applicant. A working pattern asked of them (nights, weekend rotas) stays a line."""
    if _CONTACT.search(text):
        return True
    return bool(_TERMS.search(text)) and not _ASKED_OF_YOU.search(text)


_QUESTION_TO_YOU = re.compile(
    r"^(?:have|has|had|are|were|is|was|did|do|does|will|would|can|could)\s+(?:you|your)\b"
    r"|^if you answered\b",
    re.IGNORECASE,
)
_ASKING_QUESTION = re.compile(
    r"^(?:are|were)\s+you\s+(?!(?:looking|ready|interested|keen|searching|hoping|wanting|"
    r"currently|now|the subject|legally|authori[sz]ed|eligible|able to (?:legally|work in)|"
    r"at least|over|aged?|willing to (?:submit|undergo|consent))\b)"
    r"|^do\s+you\s+(?:have|hold|possess|bring)\b|^can\s+you\s+(?!start\b|begin\b)",
    re.IGNORECASE,
)
"""A question that asks what an application form cannot: whom the employer seeks ("Are you
an inspiring and independent leader?", "Are you committed to leading the ward team…?",
"Do you have experience of…?", "Can you write a technical proposal…?"). 162 of the 991 dev
postings ask in questions, most NHS prose ads, where these are the person's description;
the form's questions ("Have you ever been convicted…?", "Are you legally authorized…?")
and the ad's wishes for the reader ("Would you like to join…?", "Are you looking for…?",
"Do you want to work…?") ask nothing to prove. Attitude alone ("Are you passionate about
patient care?") is a trait: reported, never scored."""
_LEGAL = re.compile(
    r"\b(?:equal (?:employment )?opportunit\w*|eeo\b|affirmative action|regardless of|"
    r"without regard to|discriminat\w*|reasonable accommodations?|veterans?\b|e-?verify|"
    r"at-will|with or without notice|other (?:\w+ ){0,2}duties|the above statements|"
    r"(?:this|the|preceding) (?:position |job )?description|reserves the right|"
    r"not (?:intended|meant) to be (?:an? )?(?:exhaustive|all[- ]inclusive|complete)|"
    r"convicted|conviction|employee(?:'s)? signature|required question|"
    r"select \W?(?:yes|no)\b|physical demands|vision abilities)",
    re.IGNORECASE,
)
"""Legal and form text: equal opportunity, disability and conviction questions, "other
duties as assigned", "the above statements describe…", physical-demands boilerplate."""
_APPLY = re.compile(
    r"\b(?:how to apply|to apply(?= for (?:this|the)\b| now| online| today| via| through|"
    r"[.,:]|$)|apply (?:now|online|today|via|through|here)|click (?:here|the|on)|visit our|"
    r"(?:link|form) (?:listed |provided )?(?:below|above)|job board|sourced from|follow us|"
    r"shortlisted|informal visits?|closing date|please note|"
    r"please (?:ensure|make sure|be aware|check|remember|read)|application form|"
    r"(?:discussed|confirmed|explored) at (?:the )?interview)",
    re.IGNORECASE,
)
"""How to apply: an instruction, not an ask (unless the sentence also asks: "To apply for
this post you should be a registered nurse")."""
_BENEFITS = re.compile(
    r"\b(?:benefits?|perks?|pension|competitive (?:rates? of pay|pay|salary|rates?)|"
    r"rates of pay|annual leave|paid time off|pto|401\(?k\)?|dental|"
    r"health insurance|life insurance|tuition (?:reimbursement|assistance)|discounts?|"
    r"employee assistance|wellbeing (?:offer|support)|salary sacrifice|childcare vouchers)\b",
    re.IGNORECASE,
)
_ACCOLADE = re.compile(
    r"(?:\b(?:top \d+|best score|awards?\b.{0,20}\d{4}|awarded|of the year|"
    r"rate[sd]? (?:as )?(?:outstanding|good)|year (?:running|in a row))\b|^best\b)",
    re.IGNORECASE,
)
_PERKS = re.compile(
    r"\b(?:career growth|growth opportunities|recognition programs?|work-life balance|"
    r"professional development (?:through|opportunities)|"
    r"^(?:excellent |great |fantastic |good |exciting )?(?:career|training|development|"
    r"progression)(?: development| progression| growth)? opportunit(?:y|ies)\W*$|"
    r"opportunit(?:y|ies) (?:will be provided |to|for) (?:\w+ )?(?:undertake|train|grow|"
    r"develop|progress)|lift\w* (?:\w+ ){0,4}(?:up to )?\d+ ?(?:pounds|lbs|kg))",
    re.IGNORECASE,
)
_SUBMIT = re.compile(
    r"\b(?:must|should|please|to) (?:also )?(?:submit|upload|attach|send|provide (?:a copy|"
    r"(?:\w+ )?references?|proof|copies))\b|\bcopy of (?:your|the|their|a)\b|"
    r"\b(?:must|should|will need to|are to) be (?:submitted|uploaded|attached|sent|included)\b",
    re.IGNORECASE,
)
"""What an application must include ("Applicants must submit two references"): an
instruction to follow, whatever words of asking it uses."""
_OFFERED_TO_STAFF = re.compile(
    r"\b(?:(?:are|be|is|will be) (?:given|offered) the (?:opportunity|chance)|"
    r"we (?:also )?offer (?:the|an?) (?:opportunity|chance)|"
    r"you (?:will|would|'ll) (?:also )?be invited\b|"
    r"you (?:will|would|'ll) (?:also )?have access to\b|"
    r"you (?:will|would|'ll) (?:also )?(?:receive|be offered|be given|get) (?:[\w-]+ ){0,3}?"
    r"(?:training|support|supervision|induction|preceptorship|development|mentoring)\b|"
    r"(?:keen|committed) to develop(?:ing)? our|you may be able to|^in return\b|"
    r"\bwe (?:will|can) (?:also )?(?:provide|offer) (?:you )?(?:with )?(?:\w+ ){0,2}"
    r"(?:learning|training|development|career|support)|"
    r"(?:will|would) be (?:fully )?supported (?:in|by|to|with|through)\b|"
    r"(?:training|support|supervision|induction|preceptorship) (?:\w+ ){0,3}?"
    r"(?:will be|is|are) (?:provided|given|offered|available)|suitable for newly qualified)",
    re.IGNORECASE,
)
"""What the employer gives its staff ("staff are given the opportunity to develop their
skills", "you will receive relevant training and supervision"): an offer, even when it
names skills, unless it also says what is required."""
_ASKS_OF_APPLICANT = re.compile(
    r"\b(?:must|required|requires?|essential|experience|ability|able to|skills?|knowledge|"
    r"qualifi\w*|degree|licen[cs]e|you will|you'll|should|desirable|preferred|ideally)\b",
    re.IGNORECASE,
)
_HEADING_WORD = re.compile(
    r"\b(?:considerations|expectations|haves|requirements|qualifications|responsibilities|"
    r"duties|benefits|overview|details|information|notes|summary|schedule|the person|"
    r"the role|location)\W*$",
    re.IGNORECASE,
)
_FORM_WORD = re.compile(r"^(?:yes|no|n/?a|signature|date|name)\W*$", re.IGNORECASE)


def not_an_ask_line(text: str) -> bool:
    """Text in a posting's lists that asks nothing of the applicant: questions of an
    application form ("Have you ever been convicted…?"), how to apply, legal and equal
    opportunity text, benefits and the employer's awards, a list's lead-in ("Experience
    with one or more of the following:"), a heading left in a list ("Nice To Haves") and
    form words ("Yes", "Signature"). The team's labelling rules skip these; a gap report
    listing them would be noise."""
    stripped = text.strip()
    asked = _QUESTION_TO_YOU.search(stripped) and not _ASKING_QUESTION.search(stripped)
    if asked or _FORM_WORD.match(stripped):
        return True
    if stripped.rstrip(" -–—").endswith(":") or stripped.startswith(("…", "...")):
        return True
    if _LEGAL.search(stripped):
        return True
    offered = (_APPLY, _ACCOLADE, _BENEFITS, _PERKS)  # unless the sentence also asks
    if any(p.search(stripped) for p in offered) and not _ASKS_OF_APPLICANT.search(stripped):
        return True
    if _SUBMIT.search(stripped):
        return True
    if _OFFERED_TO_STAFF.search(stripped) and not _REQUIRED_WORDS.search(stripped):
        return True
    words = re.findall(r"[A-Za-z]{2,}", stripped)
    return len(words) <= 4 and bool(_HEADING_WORD.search(stripped))


def _is_banner(text: str) -> bool:
    """A line of the posting's header, not an ask: "Acme Health — Boston, MA (Hybrid)",
    "Full-time | Engineering | Remote" (names and fields, hardly a lowercase word)."""
    if WEIGHED.search(text):
        return False  # "Child Development Associate (CDA) preferred": an ask, weighed
    lowercase = re.findall(r"\b[a-z]{3,}\b", text)
    return len(lowercase) < 2 or text.count(" | ") >= 2


def _sentences(body: str) -> list[str]:
    parts = [p for p in _SENTENCE_END.split(body) if p.strip()]
    return parts or [body]


def _importance(section: SectionKind, text: str) -> LineImportance:
    preferred = _PREFERRED_WORDS.search(text)
    if preferred and not _required_first(text, preferred.start()):
        return "preferred"
    if section == "preferred":
        return "preferred"
    if section == "requirements" or _REQUIRED_WORDS.search(text):
        return "required"
    return "unspecified"


_CLAUSE_BREAK = re.compile(r"[;,.]|\bbut\b|\bwhile\b|\bwhereas\b")


def _required_first(text: str, preferred_at: int) -> bool:
    """Whether `text` asks for something outright in a clause before the one it prefers
    something in: "Baccalaureate degree required; Special Education preferred" asks for
    the degree (its first ask is required), while "Minimum of 2 years preferred",
    "Minimum of one year …, preferred." and "preferred but not required" only prefer."""
    required = _REQUIRED_WORDS.search(text, 0, preferred_at)
    if required is None or re.search(r"(?i)\bnot\s+$", text[: required.start()]):
        return False
    breaks = list(_CLAUSE_BREAK.finditer(text, required.end(), preferred_at))
    if not breaks:
        return False
    after = _PREFERRED_WORDS.match(text, preferred_at)
    rest = text[after.end() :] if after else ""
    # "Minimum of one year experience …, preferred.": a tag on the whole line.
    return bool(text[breaks[-1].end() : preferred_at].strip()) or bool(re.search(r"\w", rest))


def role_head(title: str) -> str:
    """A role title without its qualifiers: "Staff Nurse, Ward 14 (Band 5)" -> "Staff
    Nurse", "Lead Teacher - Pre-K" -> "Lead Teacher", "Staff Nurse Ward 38" -> "Staff
    Nurse"."""
    head = _ROLE_HEAD.split(" " + title.strip() + " ", maxsplit=1)[0]
    # A place or grade after the role: "Staff Nurse Ward 38", "Nurse Band 6".
    head = re.split(r"\s(?=[A-Za-z]+\s+\d)", head, maxsplit=1)[0].strip()
    return head or title.strip()


def role_noun(title: str | None) -> str | None:
    """The head noun of a role title, folded: "Staff Nurse, Ward 14 (Band 5)" -> "nurs",
    "Lead Teacher - Pre-K" -> "teacher"; None when the title has no content word."""
    words = content_words(role_head(title)) if title else []
    return words[-1] if words else None


_BY_THE_RULES = re.compile(
    r"\b(?:in (?:accordance|line|keeping) with|according to|as per|adher\w* to|following|"
    r"compl\w* with)\s+(?=[^,.;]*\b(?:polic(?:y|ies)|guidelines?|standards?|codes?|"
    r"procedures?|protocols?|frameworks?)\b)[^,.;]*",
    re.IGNORECASE,
)
"""A regulator's rules the work follows ("in accordance with NMC and CHS policies"): a
duty done by the rules, not a licence asked of the applicant."""


def _kind(section: SectionKind, text: str, role: str | None = None) -> LineKind:
    for kind, pattern in _KIND_WORDS:
        if pattern.search(_BY_THE_RULES.sub(" ", text) if kind == "licence" else text):
            if kind == "trait" and section in _DUTY_SECTIONS:
                continue
            if kind == "trait" and role is not None and role in word_set(text):
                return "experience"  # the role itself is asked, the trait only colours it
            return kind
    return "duty" if section in _DUTY_SECTIONS else "skill"
