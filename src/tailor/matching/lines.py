"""Align each requirement line of a posting with the profile facts that back it.

Each fact is weighed against the line (`matching.features`: shared words weighted by
rarity, near-synonyms, the likeness of their meanings, shared taxonomy concepts, a name
the line spells out, the fact's kind) and `matching.model` gives the chance that it backs
the line. The best fact decides the status (backed / partial / missing); the evidence is
the facts close to the best, each with why (what was shared).

Some asks are checked rather than weighed: years of experience against the dated roles
(`YearsCheck`, the positions that add up to them cited), a degree against the degrees
completed, level and field (`DegreeCheck`), published work against the publications, and a line
asking for a role the profile has held ("we are looking for a pharmacy technician")
against its label and positions. Traits and conditions are reported as `not-scored`.
Pure and deterministic: the same profile and posting always give the same lines.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tailor.analysis.lines import Line, role_head
from tailor.analysis.models import (
    DegreeCheck,
    LineEvidence,
    LineMatch,
    RequirementCheck,
    SkillHit,
    YearsCheck,
)
from tailor.analysis.requirements import (
    DEGREE_LEVELS,
    asked_degree,
    asked_years,
    asks_publication,
)
from tailor.matching import model
from tailor.matching.credentials import unheld_registration
from tailor.matching.experience import asked_experience, profile_roles, roles_showing
from tailor.matching.features import COLUMN, LineRows, phrase, profile_index
from tailor.profile.facts import Fact
from tailor.skills.vectors import WordVectors
from tailor.skills.words import content_words, word_set

YearsAsker = Callable[[str, float], "tuple[YearsCheck, list[str]] | None"]
"""Checks an experience line's years (its text, the years it asks) against the profile's
dated roles: the check and the refs of the roles (and summary) that show them."""

MAX_EVIDENCE = 2
LINE_WEIGHTS = {"required": 3.0, "preferred": 2.0, "unspecified": 1.0}
STATUS_CREDIT = {"backed": 1.0, "partial": 0.5, "missing": 0.0}
_ROLE_ASK = re.compile(
    r"\b(looking for|hiring|recruit\w*|seek\w*|searching for|to join|wanted|appoint|"
    r"experienced|experience as|background as|we need|you are an?|as an?|"
    r"opportunity (?:has arisen |exists |is available )?for)\b",
    re.IGNORECASE,
)
"""Wording that makes a line naming the applicant's role an ask for that role."""


@dataclass(frozen=True)
class _Role:
    """A role the profile names (its label, a position): its head noun (a surface word,
    as `phrase` writes it: "engineer" must not meet "engineering") and folded head words."""

    index: int
    noun: str
    head: frozenset[str]


def align_lines(
    lines: Sequence[Line],
    facts: Sequence[Fact],
    fact_ids: Sequence[frozenset[str]],
    skills: Sequence[SkillHit],
    degrees: Sequence[tuple[str, str]],
    years: YearsAsker,
    vectors: WordVectors | None = None,
    studying: Sequence[tuple[str, str]] = (),
) -> list[LineMatch]:
    """One `LineMatch` per line, in order. `fact_ids[i]` are the taxonomy ids named in
    `facts[i]`; `skills` are the posting's skills (their mentions place taxonomy ids
    in lines); `degrees` the profile's completed degrees (level and entry, `education[0]`,
    highest first), which a line naming a degree is checked against; `years` checks a line
    asking for years of experience against the dated roles; `vectors`
    give words their meanings (without them, only shared words and concepts count);
    `studying` the degrees still in progress, which a line asking for current enrolment
    ("Currently pursuing a BS or MS in …") is checked against instead."""
    index = profile_index(facts, fact_ids, vectors)
    facts_by_ref = {fact.ref: fact for fact in facts}
    held = credential_words(facts)
    all_held = frozenset().union(*held)
    roles = _roles(facts)
    worked = profile_roles(facts)
    papers = [
        LineEvidence(ref=f.ref, text=f.text, score=1.0, why="published work")
        for f in facts
        if f.kind == "publication" and f.ref.endswith(".name")
    ][:MAX_EVIDENCE]
    # By start, so that each line finds its mentions by bisection (a posting of
    # 100,000 one-word lines has as many mentions: no line may look at all of them).
    mentions = sorted((m.start, m.end, s.id) for s in skills if s.id for m in s.mentions)
    starts = [start for start, _, _ in mentions]
    weighed: dict[tuple[str, frozenset[str]], tuple[frozenset[str], _Backing]] = {}
    out = []
    for line in lines:
        first = bisect.bisect_left(starts, line.start)
        last = bisect.bisect_left(starts, line.end, lo=first)
        concepts = frozenset(id_ for _, end, id_ in mentions[first:last] if end <= line.end)
        key = (line.text, concepts)
        if key not in weighed:  # a posting that repeats a line weighs it once
            rows = index.line(line.text, concepts)
            weighed[key] = (rows.asked.text.words, _backing(rows, facts))
        words, (status, evidence, confidence, alternatives, support) = weighed[key]
        if not _ROLE_ASK.search(line.text) and asked_years(line.text) is None:
            # A title says what the applicant was, not what they did: it backs a line
            # asking for the role or for years in it, and a duty only by a fact that does it.
            evidence = _without_titles(evidence, alternatives)
        role_status, role_evidence = _role_evidence(line, words, roles, facts)
        if role_evidence:
            status = _stronger(status, role_status)
            evidence = _merged(role_evidence, evidence)
            confidence = max(confidence, 1.0 if role_status == "backed" else model.PARTIAL)
        domain = asked_experience(line.text) if line.scored else None
        shown = roles_showing(domain, worked) if domain is not None else []
        if shown and not (status == "backed" and _says(evidence[0], domain or frozenset())):
            # The experience is the roles', not one bullet's ("Experience of NIV" is shown
            # by the bullet that says NIV; "previous pharmacy experience" by the roles).
            status = "backed"
            evidence = _merged(
                [
                    LineEvidence(
                        ref=role.position_ref,
                        text=facts_by_ref[role.position_ref].text,
                        score=round(share, 3),
                        why="experience " + (", ".join(sorted(domain or ())) or "of work"),
                    )
                    for share, role in shown
                ],
                evidence,
            )
            confidence = max(confidence, model.BACKED)
        spoken = _language_evidence(line.text, facts)
        if spoken:
            # "The ability to speak Welsh is desirable" is shown by the Welsh the profile
            # lists, not by its English (which shares "speak" and "language").
            status = "backed"
            evidence = _merged(spoken, [e for e in evidence if not e.ref.startswith("languages[")])
            confidence = 1.0
        if asks_publication(line.text):
            # Published work is shown by publications, not by words about the field.
            status = "backed" if papers else "missing"
            evidence = _merged(papers, evidence) if papers else []
            confidence = 1.0 if papers else 0.0
        if line.kind == "licence" and status == "backed" and not _names_credential(line.text, held):
            # "Registered Nurse (Child)" is not shown by "NMC Registered Nurse – Adult": a
            # credential is held when one certificate, degree or title names all of it.
            status = "partial"
            confidence = min(confidence, model.BACKED - 0.01)
        for check, check_refs in _line_checks(line, degrees, years, facts, studying):
            if check.status == "met":
                status = "backed"
                evidence = _merged(_check_evidence(check, check_refs, facts), evidence)
                confidence = 1.0
            elif isinstance(check, DegreeCheck) and asks_enrolment(line.text):
                # Not enrolled: a completed degree in the same field does not make a
                # graduate the student an internship is for.
                status, evidence = "missing", []
                confidence = min(confidence, model.PARTIAL - 0.01)
            elif status == "backed":
                status = "partial"  # the words are there, the years or the degree are not
                confidence = min(confidence, model.PARTIAL)
            elif _equivalent_experience(check, years):
                # "PhD … or equivalent industrial experience": a lower degree and dated
                # roles go part of the way; the reader judges the equivalence.
                status = "partial"
                confidence = max(confidence, model.PARTIAL)
                evidence = _merged(_check_evidence(check, check_refs, facts), evidence)
        if (
            line.kind == "licence"
            and status == "backed"
            and unheld_registration(line.text, all_held)
        ):
            # A registration in another field of practice is not held however long the
            # line that asks for it ("Experienced Registered Mental Health Nurse (RMN) with
            # a current Pin Number (at least 2 years' post qualification …)"), and after the
            # years check: the years may be met, the registration is still not.
            status = "partial"
            confidence = min(confidence, model.BACKED - 0.01)
        out.append(
            LineMatch(
                start=line.start,
                end=line.end,
                text=line.text,
                section=line.section,
                importance=line.importance,
                kind=line.kind,
                status=status if line.scored else "not-scored",
                evidence=evidence if status != "missing" else [],
                confidence=round(confidence, 3),
                alternatives=alternatives if status != "missing" else [],
                support=support,
            )
        )
    return out


MAX_ALTERNATIVES = 4
SUPPORT_FLOOR = 0.05
"""The least probability the fact model gives a fact for it to count in a line's
`LineMatch.support` (most facts say nothing to most lines: the map stays small)."""

_Backing = tuple[str, list[LineEvidence], float, list[LineEvidence], dict[str, float]]


def _backing(rows: LineRows, facts: Sequence[Fact]) -> _Backing:
    """The line's status (the line model), the facts cited (the best by the fact model
    and those close to it, each with what it shares with the line), the line model's
    probability, the next facts that also back it (`LineMatch.alternatives`), and every
    fact's probability above `SUPPORT_FLOOR` (`LineMatch.support`)."""
    if not len(facts):
        return "missing", [], 0.0, [], {}
    scores = model.fact_scores(rows.rows)
    chance = model.probabilities(scores)
    line = model.line_probability(rows.rows, scores)
    support = {
        facts[int(i)].ref: round(float(chance[i]), 3)
        for i in np.flatnonzero(chance >= SUPPORT_FLOOR)
    }
    status = "backed" if line >= model.BACKED else "partial" if line >= model.PARTIAL else "missing"
    if status == "missing":
        return status, [], line, [], support
    order = sorted(range(len(facts)), key=lambda i: (-chance[i], i))
    best = float(chance[order[0]])
    evidence: list[LineEvidence] = []
    alternatives: list[LineEvidence] = []
    for i in order[: MAX_EVIDENCE + MAX_ALTERNATIVES]:
        p = float(chance[i])
        cited = len(evidence) < MAX_EVIDENCE and not alternatives
        if cited and ((evidence and p < model.CITE) or p < model.CITE_SHARE * best):
            cited = False
        if not cited and p < model.CITE:
            break
        if not cited and i not in rows.shares:
            continue  # an alternative shares words or concepts with the line, not a mood
        common = rows.shares.get(i)
        why = common.why() if common is not None else ""
        meaning = f"meaning {rows.rows[i, COLUMN['cosine']]:.2f}"
        (evidence if cited else alternatives).append(
            LineEvidence(
                ref=facts[i].ref,
                text=facts[i].text,
                score=round(p, 3),
                why=f"{why}; {meaning}" if why else meaning,
            )
        )
    return status, evidence, line, alternatives[:MAX_ALTERNATIVES], support


_SPEAKING = re.compile(
    r"(?i)\b(?:speak\w*|spoken|fluen\w*|bilingual|proficien\w*|native|"
    r"(?:language|communication) skills)\b"
)


def _language_evidence(text: str, facts: Sequence[Fact]) -> list[LineEvidence]:
    """The profile's languages a line asks to be spoken: it names the language beside a
    word about speaking it ("Bilingual or fluent in Spanish preferred", "Welsh language
    skills are desirable"). English is left to the words (every letter shows it)."""
    if not _SPEAKING.search(text):
        return []
    found = []
    for fact in facts:
        if fact.kind != "language" or fact.text.strip().lower() == "english":
            continue
        if re.search(rf"(?i)\b{re.escape(fact.text.strip())}\b", text):
            found.append(
                LineEvidence(ref=fact.ref, text=fact.text, score=1.0, why=f"speaks {fact.text}")
            )
    return found[:MAX_EVIDENCE]


def _without_titles(
    evidence: list[LineEvidence], alternatives: list[LineEvidence]
) -> list[LineEvidence]:
    """The cited facts without the label and positions, the next alternatives in their
    place; as they are when titles are all the line has."""
    kept = [e for e in evidence if not _is_title(e.ref)]
    if len(kept) == len(evidence) or not (kept or alternatives):
        return evidence
    if not kept:
        kept = [e for e in alternatives if not _is_title(e.ref)][:1]
    return kept or evidence


def _is_title(ref: str) -> bool:
    return ref == "basics.label" or ref.endswith(".position")


MAX_CREDENTIAL_WORDS = 6
"""A licence line of more words than this is a sentence of several asks, not one
credential's name: it is left to the fact model."""
_CREDENTIAL_GENERIC = frozenset(
    word_set(
        "current valid full active live hold held holding must essential required desirable "
        "preferred have has be evidence proof of registration registered licence license "
        "licensed certificate certification certified qualification qualified accreditation "
        "accredited membership member professional body uk us state national ability able "
        "become willing willingness obtain gain"
    )
)


def credential_words(facts: Sequence[Fact]) -> list[frozenset[str]]:
    """The words of each fact that can name a credential the applicant holds: a certificate,
    a degree, the label, a position."""
    kinds = {"certificate", "education", "position"}
    return [
        word_set(f.text) - _CREDENTIAL_GENERIC
        for f in facts
        if f.kind in kinds or f.ref == "basics.label"
    ]


def credential_of(text: str) -> frozenset[str]:
    """What a licence line names, without the words every credential line has."""
    return frozenset(word_set(text) - _CREDENTIAL_GENERIC)


def _names_credential(text: str, held: Sequence[frozenset[str]]) -> bool:
    """Whether one credential fact names all of a short licence line, or of one of its
    alternatives ("… or equivalent"); a long line passes."""
    if len(credential_of(text)) > MAX_CREDENTIAL_WORDS:
        return True
    for alternative in re.split(r"(?i)\bor\b", text):
        asked = credential_of(alternative)
        if not asked or any(asked <= words for words in held):
            return True
    return False


def _says(evidence: LineEvidence, domain: frozenset[str]) -> bool:
    """Whether one cited fact holds all of what an experience line asks experience of."""
    return (
        bool(domain)
        and evidence.ref.split(".")[-1] != "position"
        and domain <= word_set(evidence.text)
    )


def _equivalent_experience(check: RequirementCheck, years: YearsAsker) -> bool:
    """A degree the profile lacks that the line lets experience stand in for, when the
    profile has a lower degree and dated roles."""
    if not isinstance(check, DegreeCheck) or not check.or_equivalent or check.have is None:
        return False
    if not re.search(r"(?i)\bexperience\b", check.text):
        return False
    found = years("", 1)  # any dated role: the subject is the degree's, not a skill
    return found is not None and found[0].status == "met"


def _stronger(a: str, b: str) -> str:
    order = ("missing", "partial", "backed")
    return a if order.index(a) >= order.index(b) else b


def _merged(first: list[LineEvidence], then: list[LineEvidence]) -> list[LineEvidence]:
    """`first`, then what `then` adds, each ref once, at most `MAX_EVIDENCE` beyond `first`."""
    seen = {e.ref for e in first}
    extra = [e for e in then if e.ref not in seen]
    return first + extra[: max(0, MAX_EVIDENCE - len(first))]


def _roles(facts: Sequence[Fact]) -> list[_Role]:
    """The roles the profile names: its label, then each position, most recent first."""
    out = []
    for i, fact in enumerate(facts):
        if fact.ref == "basics.label" or fact.kind == "position":
            head = role_head(fact.text)
            if head:
                noun = phrase(head).split()[-1]
                out.append(_Role(i, noun, frozenset(content_words(head))))
    return out


def _role_evidence(
    line: Line, words: frozenset[str], roles: Sequence[_Role], facts: Sequence[Fact]
) -> tuple[str, list[LineEvidence]]:
    """A line that asks for a role the profile has held ("we are looking for a pharmacy
    technician", "experience as a lead teacher") is backed by the label and positions
    that name it: fully when the line holds the role's head words, else in part."""
    if not _ROLE_ASK.search(line.text):
        return "missing", []
    surface = phrase(line.text)
    found = [
        (len(role.head & words) / len(role.head) if role.head else 0.0, role)
        for role in roles
        if f" {role.noun} " in surface
    ]
    found = [(share, role) for share, role in found if share > 0]
    if not found:
        return "missing", []
    found.sort(key=lambda pair: (-pair[0], pair[1].index))
    best = found[0][0]
    status = "backed" if best >= 0.99 else "partial"
    evidence = [
        LineEvidence(
            ref=facts[role.index].ref,
            text=facts[role.index].text,
            score=round(share, 3),
            why="role " + ", ".join(sorted(role.head & words)),
        )
        for share, role in found[:MAX_EVIDENCE]
        if share >= model.CITE_SHARE * best
    ]
    return status, evidence


def _line_checks(
    line: Line,
    degrees: Sequence[tuple[str, str]],
    years: YearsAsker,
    facts: Sequence[Fact],
    studying: Sequence[tuple[str, str]] = (),
) -> list[tuple[RequirementCheck, list[str]]]:
    """The years and degree checks that speak for `line`, each with the refs it counted."""
    out: list[tuple[RequirementCheck, list[str]]] = []
    need = asked_years(line.text) if line.scored else None
    if need is not None:
        found = years(line.text, need)
        if found is not None:
            out.append(found)
    enrolled = asks_enrolment(line.text)
    degree_check = _degree_check(line, studying if enrolled else degrees, facts)
    if degree_check is not None:
        out.append((degree_check, []))
    return out


_ENROLMENT = re.compile(
    r"(?i)\b(?:currently|presently|actively)\s+(?:pursuing|enrolled|studying|working towards)"
    r"|\b(?:must|should) be (?:currently )?enrolled\b|\bcurrent(?:ly)? (?:a )?student\b"
    r"|^\W*enrolled in\b"
    # "Pursuing a bachelor's Degree in any engineering field" as the line's first words.
    r"|^\W*pursuing\s+(?:an?\s+)?(?:\w+['’]?s?\s+)?(?:degree|diploma|bachelor|master|phd|"
    r"bs|ba|ms|ma|bsc|msc)"
    # "Current PhD candidate", "a current graduate student", "PhD student in …"
    r"|\bcurrent(?:ly)?\s+(?:an?\s+)?(?:(?:phd|doctoral|masters?|ms|graduate|undergraduate|"
    r"bachelor'?s)\s+)(?:candidate|student)s?\b"
    r"|^\W*(?:an?\s+)?(?:phd|doctoral|masters?|graduate|undergraduate)\s+(?:candidate|student)s?\b"
)
"""A line asking for a degree under way ("Currently pursuing a BS or MS in computer
science"): an internship's condition, which a completed degree does not meet."""
_OR_GRADUATE = re.compile(r"(?i)\b(?:recent(?:ly)? graduat\w*|graduates?|qualified)\b|^\s*if\b")


def asks_enrolment(text: str) -> bool:
    """Whether `text` asks that the applicant be studying now, with no alternative for a
    graduate ("Currently enrolled in, or recent graduate of, …", "a qualified Health
    Visitor or currently studying …") and not as a condition of something else ("If you
    are currently a student …, a letter of eligibility is required")."""
    return bool(_ENROLMENT.search(text)) and not _OR_GRADUATE.search(text)


def line_score(lines: Sequence[LineMatch]) -> int | None:
    """The importance-weighted share of scored lines the profile backs (partial counts
    half), 0-100; None when the posting has no scored line."""
    total = earned = 0.0
    for line in lines:
        if line.status == "not-scored":
            continue
        weight = LINE_WEIGHTS[line.importance]
        total += weight
        earned += weight * STATUS_CREDIT[line.status]
    return round(100 * earned / total) if total else None


_DEGREE_WORDS = frozenset(
    word_set(
        "degree degrees diploma bachelor bachelors master masters doctorate phd bsc ba bs msc "
        "ma ms meng beng med bed mba hons honours honors associate associates required "
        "requirement preferred equivalent related relevant field fields similar discipline "
        "subject area university college qualification qualified level accredited "
        "appropriate recognised recognized institution equivalent experience"
    )
)


_FIELD = re.compile(
    r"(?i)\b(?:degree|diploma|bachelor\S*|master\S*|ph\.?d|doctorate|b\.?sc?|m\.?sc?|ba|ma|bs|ms)"
    r"(?:\s+\S+){0,2}?\s+(?:in|of)\s+(?P<field>[^.;:()]+)"
)


def _field(text: str) -> frozenset[str]:
    """The subject a degree line names ("… degree in Early Childhood Education or a related
    field" -> early, childhood, education), folded; empty when it names none or only a
    "related field"."""
    found = _FIELD.search(text)
    return frozenset(word_set(found.group("field")) - _DEGREE_WORDS) if found else frozenset()


def _degree_check(
    line: Line, degrees: Sequence[tuple[str, str]], facts: Sequence[Fact]
) -> DegreeCheck | None:
    """A line that names a degree ("Master's preferred", "Degree or diploma in nursing"),
    checked against the profile's completed degrees (`degrees`: level and entry, highest
    first): met by one at that level or above whose subject shares a word with the field
    the line names, if it names one."""
    if not line.scored:
        return None
    need = asked_degree(line.text)
    field = _field(line.text)
    # A bare "degree or diploma" is checked only with its subject ("… in nursing"): a
    # named one ("a Montessori diploma") is a credential of its own.
    if need is None and line.kind == "qualification" and field:
        if re.search(r"\bdiploma\b", line.text, re.IGNORECASE):
            need = "associate"
        elif re.search(r"\bdegree\b", line.text, re.IGNORECASE):
            need = "bachelor"
    if need is None:
        return None
    texts = {f.ref: f.text for f in facts}
    fitting = [
        (level, ref)
        for level, ref in degrees
        if DEGREE_LEVELS[level] >= DEGREE_LEVELS[need]
        and (not field or field & word_set(texts.get(f"{ref}.area", "")))
    ]
    have, ref = fitting[0] if fitting else (degrees[0] if degrees else (None, None))
    return DegreeCheck(
        text=line.text,
        importance="preferred" if line.importance == "preferred" else "required",
        need=need,
        have=have,
        ref=ref,
        or_equivalent=bool(re.search(r"\bequivalent\b", line.text, re.IGNORECASE)),
        status="met" if fitting else "missing",
    )


def _check_evidence(
    check: RequirementCheck, refs: Sequence[str], facts: Sequence[Fact]
) -> list[LineEvidence]:
    """What a met check cites: the degree's entry, or the roles (and the summary) that
    add up to the years asked."""
    if isinstance(check, DegreeCheck):
        if check.ref is None:
            return []
        ref = f"{check.ref}.area"
        fact = next((f for f in facts if f.ref == ref), None)
        text = fact.text if fact else check.have_text
        return [LineEvidence(ref=ref, text=text, score=1.0, why=f"degree: {check.have_text}")]
    assert isinstance(check, YearsCheck)
    by_ref = {f.ref: f for f in facts}
    cited = [by_ref[ref] for ref in refs if ref in by_ref]
    if not refs:
        cited = [f for f in facts if f.kind == "position"][:2]
    return [
        LineEvidence(
            ref=f.ref, text=f.text, score=1.0, why=f"{check.have_text} years ({check.basis})"
        )
        for f in cited
    ]
