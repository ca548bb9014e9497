"""Split a posting into sections from its headings and layout.

Postings mark headings in many ways (`**Minimum Qualifications**`,
`Responsibilities:`, `WHAT YOU'LL DO`, `## Benefits`, or a bare known phrase on
its own line). A line is a heading when its *form* says so and its *words* are
short, or when its words are a known heading phrase. The section kind comes
from the heading's words; a posting with no headings is one `summary` section.
Lines that read as legal or pay boilerplate are split off as their own section
wherever they stand, because nothing in them may count as a skill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tailor.analysis.models import SectionKind
from tailor.analysis.requirements import names_degree

# Order matters: the first kind whose pattern matches the heading wins.
_KIND_PATTERNS: list[tuple[SectionKind, re.Pattern[str]]] = [
    (
        "apply",
        re.compile(
            r"^(?:how (?:to|do i|can i) apply|apply(?: now| here| online| today)?|"
            r"application (?:process|details)|next steps)\W*$",
            re.IGNORECASE,
        ),
    ),
    ("summary", re.compile(r"^(job|position|role) (description|summary|overview)$", re.IGNORECASE)),
    (
        "preferred",
        re.compile(
            r"\b(preferred|nice[- ]to[- ]have|desirable|bonus|good[- ]to[- ]have|pluses|a plus|"
            r"would be great|extra credit|ideally|additional considerations?|"
            r"additional (?:skills|qualifications) (?:preferred|considered|desired))\b|"
            # "Desired Qualifications", "Desired Education And Experience", "Skills Desired"
            r"^desired\b|\bdesired\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "legal",
        re.compile(
            r"\b(equal (employment )?opportunit|eeo|disclaimer|legal|accommodation|diversity statement|"
            r"right to work|dbs|disclosure|privacy notice|e-?verify)",
            re.IGNORECASE,
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(benefits?|pay(?! (?:close |careful |particular )?attention)|compensation|"
            r"salary|perks|what we offer|we offer|rewards?|"
            r"why (?:you['’]?ll love|you will love|(?:you['’]?ll love )?(?:join|work))|"
            r"pension|package)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "requirements",
        re.compile(
            r"\b(requirements?|qualifications?|what you('ll)? (bring|need|have)|who you are|"
            r"essential|must[- ]haves?|skills|experience|you have|about you|person specification|"
            r"what we('re| are) looking for|(?:who|what) (?:we['’]?re|we are|are we) looking for|"
            r"competenc|criteria|eligibility)",
            re.IGNORECASE,
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"\b(responsibilit|what you('ll| will) do|duties|the role|your role|day[- ]to[- ]day|"
            r"in this role|key tasks|you will|accountabilit|description|what the job involves|"
            r"your impact|the job|main purpose)",
            re.IGNORECASE,
        ),
    ),
    (
        "about",
        re.compile(
            r"\b(about (us|the company|the team|the organi[sz]ation|[A-Z])|who we are|our (company|"
            r"mission|team|story|values)|company (overview|description)|the team|"
            r"what it'?s like (at|to work)|life at|working (at|here)|^who (?:is|are) (?!you\b))",
            re.IGNORECASE,
        ),
    ),
    (
        "summary",
        re.compile(
            r"\b(summary|overview|job description|the opportunity|position|introduction|"
            r"purpose|the job|role profile)\b",
            re.IGNORECASE,
        ),
    ),
]

_BULLET = re.compile(r"^\s*(?:[-+*•·▪◦‣–]|\d{1,2}[.)])\s+")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<h>[^*_]{2,80}?)(?:\*\*|__)\s*:?\s*$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<h>.{2,80}?)\s*#*\s*$")
_COLON_LINE = re.compile(r"^\s*(?P<h>[A-Z][^:.!?]{1,60}?)\s*:\s*$")
_CAPS_LINE = re.compile(r"^\s*(?P<h>[A-Z][A-Z0-9&/,'’() -]{2,60}?)\s*:?\s*$")
_OFFER_LEAD = re.compile(
    r"\b(?:benefits?|perks|(?:we|can|will) offer|in return|rewards? package|salary|"
    r"compensation|pay (?:range|rates?|scale))\b",
    re.IGNORECASE,
)
"""A sentence that opens what the employer offers ("In return … we can offer you some
fantastic benefits:"), not any sentence that ends in a colon."""
_LEAD_IN = re.compile(r"^(?P<h>[A-Z][^:]{1,140}?)\s*:\s*[-–—]?$")
_PLAIN_LINE = re.compile(r"^\s*(?P<h>[A-Z][\w'’&/,() -]{2,60}?)\s*:?\s*$")

_LEGAL_LINE = re.compile(
    r"\b(equal (employment )?opportunity|without regard to (race|age)|affirmative action|"
    r"protected (veteran|characteristics)|eeo|reasonable accommodation|e-verify|"
    r"background check|dbs check|right to work)",
    re.IGNORECASE,
)
_PAY_LINE = re.compile(
    r"(\bbase pay\b|\bpay range\b|\bsalary\b.*[$£€]|[$£€]\s?\d[\d,]*(k|\.\d+)?\s*(-|–|to|and)\s*"
    r"[$£€]?\s?\d|\bcompensation package\b|\b401\(?k\)?|\bstock (unit|purchase|programs?)\b|"
    r"\bdental\b|\bpaid time off\b|\bpto\b|\btuition\b|\breimbursement\b)",
    re.IGNORECASE,
)

_NO_SKILLS: frozenset[SectionKind] = frozenset({"benefits", "legal", "apply"})


@dataclass(frozen=True)
class Block:
    """A section with the heading line it came from (if any)."""

    kind: SectionKind
    heading: str | None
    start: int
    end: int


def skill_free(kind: SectionKind) -> bool:
    """Sections whose words never count as skills (pay, benefits, legal boilerplate)."""
    return kind in _NO_SKILLS


def heading_kind(heading: str) -> SectionKind:
    heading = heading.replace("\u2019", "'")  # "What You’ll Bring" is "What You'll Bring"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(heading):
            return kind
    return "other"


def _heading_text(line: str, next_is_body: bool) -> str | None:
    """The heading's words if `line` is a heading, else None."""
    stripped = line.strip()
    if not stripped or _BULLET.match(line):
        return None
    lead_in = _LEAD_IN.match(stripped)
    if lead_in and _OFFER_LEAD.search(lead_in.group("h")):
        # "In return for your hard work, we can offer you some fantastic benefits: –": a
        # sentence that opens the list of what the employer offers.
        return lead_in.group("h")
    if len(stripped) > 90:
        return None
    for pattern in (_MD_HEADING, _BOLD_LINE, _COLON_LINE):
        match = pattern.match(line)
        if match:
            return match.group("h").strip(" *_:")
    words = stripped.split()
    if stripped.endswith("?") and len(words) <= 6 and next_is_body:
        # "Who are NHS Professionals?", "Why join us?": a heading asked as a question.
        text = stripped.rstrip("?").strip(" *_")
        return text if heading_kind(text) != "other" else None
    if len(words) <= 6 and _CAPS_LINE.match(line) and sum(c.isalpha() for c in stripped) >= 3:
        return stripped.rstrip(":").strip()
    # A bare line such as "Responsibilities" or "About the team": only known heading phrases,
    # so that a short sentence fragment is never mistaken for one.
    if len(words) <= 5 and next_is_body and _PLAIN_LINE.match(line):
        text = stripped.rstrip(":").strip()
        # "Master's preferred" names a heading word, but it is an ask, not a heading.
        heading = heading_kind(text) != "other" and not text.endswith((".", ","))
        if heading and not names_degree(text) and not _weighed_ask(text):
            return text
    return None


WEIGHED = re.compile(r"(?i)\b(?:preferred|required|essential|desirable|desired|a plus)\W*$")
"""A line that ends in how much it matters ("Child Development Associate (CDA) preferred")."""
_HEADING_NOUN = re.compile(
    r"(?i)\b(?:qualifications?|skills?|skillset|experience|education|requirements?|criteria|"
    r"knowledge|abilities|attributes|background)\b"
)


def _weighed_ask(text: str) -> bool:
    """A named thing and how much it matters ("Child Development Associate (CDA)
    preferred"): an ask, not a heading ("Skills Desired", "Qualifications Required")."""
    named = len(text.split()) > 1  # "Preferred", "Desirable" alone are headings
    return named and bool(WEIGHED.search(text)) and not _HEADING_NOUN.search(text)


def split_sections(text: str) -> list[Block]:
    lines = _lines(text)
    blocks: list[Block] = []
    current_kind: SectionKind = "summary"
    current_heading: str | None = None
    current_start = 0
    saw_heading = False
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        next_is_body = index + 1 < len(lines)
        heading = _heading_text(line, next_is_body)
        if heading is not None and _is_field(line):
            heading = None
        if heading is not None:
            if start > current_start:
                blocks.append(Block(current_kind, current_heading, current_start, start))
            kind = heading_kind(heading)
            # "Essential"/"Desirable" under a person specification keep their own kind;
            # an unrecognised sub-heading inside requirements stays a requirement, and one
            # inside the perks ("Why you'll love it here:" / "Your Time Matters:") a perk.
            if kind == "other" and current_kind in ("requirements", "preferred", "benefits"):
                kind = current_kind
            current_kind, current_heading, current_start = kind, heading, start
            saw_heading = True
    if current_start < len(text):
        blocks.append(Block(current_kind, current_heading, current_start, len(text)))
    if not saw_heading and blocks:
        blocks = [Block("summary", None, 0, len(text))]
    return _split_boilerplate(text, blocks)


def _is_field(line: str) -> bool:
    """`**Weekly Hours:**  40` is a labelled field, not a heading."""
    return bool(re.match(r"^\s*\*\*[^*]+:\*\*\s*\S", line))


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _split_boilerplate(text: str, blocks: list[Block]) -> list[Block]:
    """Carve legal and pay lines out of ordinary sections."""
    out: list[Block] = []
    for block in blocks:
        if skill_free(block.kind):
            out.append(block)
            continue
        run_start = block.start
        for start, end in _lines(text[block.start : block.end]):
            start += block.start
            end += block.start
            line = text[start:end]
            kind: SectionKind | None = None
            if _LEGAL_LINE.search(line):
                kind = "legal"
            elif _PAY_LINE.search(line):
                kind = "benefits"
            if kind is None:
                continue
            if start > run_start:
                out.append(
                    Block(
                        block.kind,
                        block.heading if run_start == block.start else None,
                        run_start,
                        start,
                    )
                )
            out.append(Block(kind, None, start, end))
            run_start = end
        if run_start < block.end:
            out.append(
                Block(
                    block.kind,
                    block.heading if run_start == block.start else None,
                    run_start,
                    block.end,
                )
            )
    return _merge(out)


def _merge(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if (
            merged
            and merged[-1].kind == block.kind
            and block.heading is None
            and merged[-1].end == block.start
        ):
            merged[-1] = Block(block.kind, merged[-1].heading, merged[-1].start, block.end)
        else:
            merged.append(block)
    return merged
