"""Align what a posting asks for with what the profile can back up.

Pure and deterministic: the same profile and analysis always give the same
score, statuses and ranking. A skill is matched only when a profile fact
supports it (same taxonomy id, same words, or the same words after
normalisation); the facts that do are its evidence.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tailor.analysis.lines import Line, requirement_lines
from tailor.analysis.models import (
    Analysis,
    DegreeCheck,
    Evidence,
    Importance,
    Match,
    MatchHow,
    RequirementCheck,
    SkillHit,
    SkillMatch,
    YearsCheck,
)
from tailor.analysis.requirements import DEGREE_LEVELS
from tailor.analysis.sections import Block
from tailor.matching.credentials import UK_REGISTER, profession_asked, unheld_profession
from tailor.matching.experience import asked_experience, profile_roles, roles_showing
from tailor.matching.lines import align_lines, credential_words, line_score
from tailor.matching.subjects import unheld_specialty, unheld_subject
from tailor.profile.facts import Fact, iter_facts, merged_years, parse_date
from tailor.profile.model import Profile
from tailor.skills.taxonomy import Taxonomy, normalize, tokenize
from tailor.skills.vectors import WordVectors
from tailor.skills.words import word_set

WEIGHTS: dict[Importance, int] = {"required": 3, "preferred": 2, "mentioned": 1}
PROFESSION_CAP = 20
"""The highest score for a post in a regulated profession the applicant is not in (an
adult nurse and "Senior Stroke Occupational Therapist"): however many of its lines the
nurse's work resembles (appraisals, IT skills, discharge planning), the post is closed to
them, and `tailor rank` must put it below every post of their own profession that fits
even modestly."""
SUBJECT_CAP = 40
"""The highest score for a teaching post whose subject (the title's "Art", "Band") the
profile never shows: the applicant teaches, so the duties fit, but not the subject the
post is for."""
_EVIDENCE_KINDS = (
    "highlight",
    "project",
    "publication",
    "summary",
    "course",
    "education",
    "certificate",
    "award",
    "position",
    "skill",
    "language",
)
_CITABLE = frozenset({"highlight", "project", "publication"})
_WORD = re.compile(r"[a-z][a-z+#.-]*[a-z+#]|[a-z]")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "this",
        "to",
        "we",
        "will",
        "with",
        "you",
        "your",
        "who",
        "what",
        "when",
        "where",
        "which",
        "while",
        "within",
        "across",
        "into",
        "over",
        "per",
        "via",
        "experience",
        "ability",
        "strong",
        "excellent",
        "good",
        "skills",
        "skill",
        "work",
        "working",
        "team",
        "teams",
        "role",
        "years",
        "year",
        "including",
        "such",
        "other",
        "related",
        "using",
        "use",
        "new",
        "high",
        "level",
        "etc",
        "e.g",
        "able",
    ]
)


@dataclass
class RankedFact:
    fact: Fact
    score: float
    answers: list[str] = field(default_factory=list)
    """The posting's skills the fact shows, in the posting's wording."""
    asked: list[str] = field(default_factory=list)
    """Those of `answers` a requirement asks for (required or preferred), not only named
    somewhere in the ad ("MATHEMATICS" in a list of 70 disciplines it hires for)."""


@dataclass
class MatchResult:
    match: Match
    """The public report (what `analyze --json` prints under "match")."""
    ranked: list[RankedFact]
    """Highlights, projects and publications, most relevant first."""
    wording: dict[str, str]
    """Matched skill key -> the name to use in documents (the posting's wording)."""
    facts: list[Fact]


@lru_cache(maxsize=8192)
def skill_ids(text: str, taxonomy: Taxonomy) -> frozenset[str]:
    """Taxonomy ids named in a piece of profile text (cached: the same facts are read
    by the matcher and again by the grounding guard)."""
    return frozenset(skill.id for _, _, skill in taxonomy.find(tokenize(text)))


def skill_key(hit: SkillHit) -> str:
    return hit.id or normalize(hit.name)


def display_name(hit: SkillHit) -> str:
    """The posting's most frequent wording, unless that is a lower-cased proper name.

    "python" in a posting is shown as the taxonomy's "Python"; "ML" written
    five times is shown as "ML".
    """
    if not hit.mentions:
        return hit.name
    counts: dict[str, int] = {}
    for m in hit.mentions:
        counts[m.text] = counts.get(m.text, 0) + 1
    surface = max(counts, key=lambda s: (counts[s], -list(counts).index(s)))
    if surface == surface.lower() and surface.lower() == hit.name.lower():
        return hit.name
    return surface


def match_profile(
    profile: Profile,
    analysis: Analysis,
    *,
    taxonomy: Taxonomy,
    today: dt.date | None = None,
    vectors: WordVectors | None = None,
) -> MatchResult:
    """Align `analysis` with `profile`. `vectors` (`tailor.skills.vectors`) give words
    their meanings; without them only shared words, concepts and checks count, and the
    mapper, whose models were fitted with them, backs fewer lines."""
    facts = list(iter_facts(profile))
    ids_by_fact = [set(ids) for ids in _fact_ids(tuple(facts), taxonomy)]
    norm_texts = [f" {_normalized(f.text)} " for f in facts]

    skill_matches: list[SkillMatch] = []
    wording: dict[str, str] = {}
    supported_by: dict[str, list[int]] = {}
    for hit in analysis.skills:
        key = skill_key(hit)
        norm_name = f" {normalize(hit.name)} "
        by_id = [i for i, ids in enumerate(ids_by_fact) if hit.id and hit.id in ids]
        # Finding the words in the profile is a match for a named skill, or for a
        # multi-word phrase; a lone unnamed word ("regression") is too ambiguous.
        textual = bool(norm_name.strip()) and (hit.id is not None or len(norm_name.split()) > 1)
        by_text = [i for i, text in enumerate(norm_texts) if textual and norm_name in text]
        support = sorted(set(by_id) | set(by_text), key=lambda i: (_kind_rank(facts[i]), i))
        if not support:
            skill_matches.append(
                SkillMatch(
                    name=hit.name,
                    id=hit.id,
                    importance=hit.importance,
                    status="missing",
                    evidence=[],
                )
            )
            continue
        supported_by[key] = support
        wording[key] = display_name(hit)
        profile_name = _profile_wording(facts, support)
        surfaces = {normalize(m.text) for m in hit.mentions}
        how: MatchHow = (
            "exact"
            if profile_name and normalize(profile_name) in surfaces
            else ("alias" if by_id else "lemma")
        )
        skill_matches.append(
            SkillMatch(
                name=hit.name,
                id=hit.id,
                importance=hit.importance,
                status="matched",
                how=how,
                profile_name=profile_name,
                evidence=[Evidence(ref=facts[i].ref, text=facts[i].text) for i in support[:3]],
            )
        )

    requirements = _requirements(profile, analysis, facts, ids_by_fact, taxonomy, today)
    blocks = [Block(s.kind, s.heading, s.start, s.end) for s in analysis.sections]

    def years(text: str, need: float) -> tuple[YearsCheck, list[str]]:
        wanted = set(skill_ids(text, taxonomy))
        have, basis, jobs = _years(
            profile, facts, ids_by_fact, wanted, today, _experience_of(text, facts)
        )
        check = YearsCheck(
            text=text,
            importance="required",
            need=int(need) if need == int(need) else need,
            have=None if have is None else round(have, 1),
            basis=basis,
            status="unknown" if have is None else "met" if have >= need else "missing",
        )
        return check, _years_refs(profile, facts, jobs, need, today)

    lines = align_lines(
        _requirement_lines(analysis.posting.text, tuple(blocks), analysis.posting.title),
        facts,
        [frozenset(ids) for ids in ids_by_fact],
        analysis.skills,
        _completed_degrees(profile, today),
        years,
        vectors,
        _degrees_in_progress(profile, today),
    )
    ranked = _rank(facts, analysis, supported_by, wording)
    by_lines = line_score(lines)
    score = by_lines if by_lines is not None else _score(skill_matches, requirements)
    held = frozenset().union(*credential_words(facts))
    profession_gap = unheld_profession(
        profession_asked(analysis.posting.title, analysis.posting.text),
        held,
        register_fields=bool(UK_REGISTER.search(analysis.posting.text[:200_000])),
    )
    if profession_gap:
        score = min(score, PROFESSION_CAP)
    texts = [f.text for f in facts]
    subject_gap = unheld_subject(analysis.posting.title, texts)
    if subject_gap:
        score = min(score, SUBJECT_CAP)
    specialty_gap = unheld_specialty(analysis.posting.title, texts)
    match = Match(
        score=score,
        skills=skill_matches,
        missing_required=[
            m.name
            for m in skill_matches
            if m.status == "missing" and m.importance == "required" and m.id
        ],
        missing_preferred=[
            m.name
            for m in skill_matches
            if m.status == "missing" and m.importance == "preferred" and m.id
        ],
        requirements=requirements,
        lines=lines,
        profession_gap=profession_gap,
        subject_gap=subject_gap,
        specialty_gap=specialty_gap,
    )
    return MatchResult(match=match, ranked=ranked, wording=wording, facts=facts)


@lru_cache(maxsize=8)
def _fact_ids(facts: tuple[Fact, ...], taxonomy: Taxonomy) -> tuple[frozenset[str], ...]:
    """The taxonomy ids each fact names (a skill fact also by linking it whole), worked
    out once for the profile a run meets again and again."""
    out = []
    for fact in facts:
        ids = set(skill_ids(fact.text, taxonomy))
        if fact.kind == "skill":
            linked = taxonomy.link(fact.text)
            if linked:
                ids.add(linked.id)
        out.append(frozenset(ids))
    return tuple(out)


@lru_cache(maxsize=16384)
def _normalized(text: str) -> str:
    """`normalize`, remembered: a profile's facts meet every posting of a run."""
    return normalize(text)


@lru_cache(maxsize=32)
def _requirement_lines(text: str, blocks: tuple[Block, ...], title: str | None) -> list[Line]:
    """`requirement_lines`, remembered: a posting meets every profile of a run (read-only)."""
    return requirement_lines(text, list(blocks), title)


def _kind_rank(fact: Fact) -> int:
    return _EVIDENCE_KINDS.index(fact.kind)


def _profile_wording(facts: list[Fact], support: list[int]) -> str | None:
    for i in support:
        if facts[i].kind == "skill":
            return facts[i].text
    return None


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """Remembered: a profile's facts and a posting's lines meet many of the other."""
    words = _WORD.findall(text.lower())
    return frozenset(_stem(w) for w in words if w not in _STOP and len(w) > 2)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _rank(
    facts: list[Fact],
    analysis: Analysis,
    supported_by: dict[str, list[int]],
    wording: dict[str, str],
) -> list[RankedFact]:
    """Order citable facts by how much of the posting they answer.

    Each matched skill a fact supports adds its importance weight; words shared
    with the posting's responsibilities and requirements add a little more, so
    that among bullets with the same skills the one closer to the job wins.
    """
    focus: set[str] = set()
    for text in [r.text for r in analysis.responsibilities] + [
        r.text for r in analysis.requirements
    ]:
        focus |= _words(text)
    ranked: list[RankedFact] = []
    by_fact: dict[int, list[SkillHit]] = {}
    for hit in analysis.skills:
        for i in supported_by.get(skill_key(hit), []):
            by_fact.setdefault(i, []).append(hit)
    for i, fact in enumerate(facts):
        if fact.kind not in _CITABLE:
            continue
        hits = by_fact.get(i, [])
        score = sum(WEIGHTS[h.importance] for h in hits) + 0.25 * len(_words(fact.text) & focus)
        answers = [wording[skill_key(h)] for h in hits]
        asked = [wording[skill_key(h)] for h in hits if h.importance != "mentioned"]
        ranked.append(RankedFact(fact, round(score, 3), answers, list(dict.fromkeys(asked))))
    order = {id(r): n for n, r in enumerate(ranked)}
    ranked.sort(key=lambda r: (-r.score, order[id(r)]))
    return ranked


def _requirements(
    profile: Profile,
    analysis: Analysis,
    facts: list[Fact],
    ids_by_fact: list[set[str]],
    taxonomy: Taxonomy,
    today: dt.date | None,
) -> list[RequirementCheck]:
    out: list[RequirementCheck] = []
    for req in analysis.requirements:
        if req.kind == "years" and isinstance(req.value, dict):
            wanted = set(skill_ids(req.text, taxonomy))
            have, basis, _ = _years(
                profile, facts, ids_by_fact, wanted, today, _experience_of(req.text, facts)
            )
            need = int(req.value.get("min") or 0)
            out.append(
                YearsCheck(
                    text=req.text,
                    importance=req.importance,
                    need=need,
                    have=None if have is None else round(have, 1),
                    basis=basis,
                    status="unknown" if have is None else "met" if have >= need else "missing",
                )
            )
        elif req.kind == "degree" and isinstance(req.value, dict):
            level = str(req.value.get("level"))
            have_level, ref = _best_degree(profile, today)
            met = have_level is not None and DEGREE_LEVELS[have_level] >= DEGREE_LEVELS.get(
                level, 0
            )
            out.append(
                DegreeCheck(
                    text=req.text,
                    importance=req.importance,
                    need=level,
                    have=have_level,
                    ref=ref,
                    or_equivalent=bool(req.value.get("or_equivalent")),
                    status="met" if met else "missing",
                )
            )
    return out


def _years(
    profile: Profile,
    facts: list[Fact],
    ids_by_fact: list[set[str]],
    wanted: set[str],
    today: dt.date | None,
    experience: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> tuple[float | None, str, list[int]]:
    """Years from the dated roles that show the skills a requirement names.

    "7 years of experience training ML models" counts only the jobs whose facts
    mention machine learning, or whose words show the experience asked
    (`experience`: what it is of, and the work groups that show it,
    `matching.experience`); a requirement that names nothing the roles show counts
    all work experience. Overlapping roles count once. None when the profile has no dated
    role at all: its years are unknown, not zero.
    """
    domain, shown = experience
    dated = [
        job
        for job in profile.work
        if parse_date(job.startDate, today=today) and parse_date(job.endDate, end=True, today=today)
    ]
    if not dated:
        return None, "no dated roles in the profile", []
    # Employers count: "… Teaching Hospitals NHS Trust" shows hospital experience.
    written = (*(f.text for f in facts), *(job.name or "" for job in profile.work))
    if domain and not shown and not wanted and not _writes_any(domain, written):
        # "Strong experience in a renal dialysis setting (2 years+)" from a respiratory
        # nurse whose profile never writes "renal" or "dialysis": no years of it, however
        # many years of nursing (the letter's gap sentence reads the same absence).
        return 0.0, "no role shows experience of " + ", ".join(sorted(domain)), []
    jobs = {
        fact.group
        for i, fact in enumerate(facts)
        if fact.group and fact.group.startswith("work[") and ids_by_fact[i] & wanted
    } | shown
    ranges = []
    counted = []
    for i, job in enumerate(profile.work):
        if (wanted or shown) and f"work[{i}]" not in jobs:
            continue
        start = parse_date(job.startDate, today=today)
        end = parse_date(job.endDate, end=True, today=today)
        if start and end and end > start:
            ranges.append((start, end))
            counted.append(i)
    basis = "roles that show the skills named" if wanted or shown else "all work experience"
    return merged_years(ranges), basis, counted


_STEM = 6
"""Letters two folded words must share to count as one ("managerial" and "managing",
"supervisory" and "supervised"); a shorter word must be written whole ("renal")."""


def _writes_any(domain: frozenset[str], texts: tuple[str, ...]) -> bool:
    """Whether the profile (`texts`) writes any word of an experience domain, or one of
    its stem."""
    words, stems = _profile_words(texts)
    return any(w in words or (len(w) >= _STEM and w[:_STEM] in stems) for w in domain)


@lru_cache(maxsize=64)
def _profile_words(texts: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Every folded word the profile writes (`skills.words`, as the experience domains
    are folded), each two adjacent words written as one ("Acorn Child Care" writes
    "childcare"), and the first `_STEM` letters of each long enough."""
    words: frozenset[str] = frozenset()
    for text in texts:
        tokens = re.findall(r"[a-z]+", text.lower())
        joined = " ".join(a + b for a, b in itertools.pairwise(tokens))
        words |= word_set(text) | word_set(joined)
    return words, frozenset(w[:_STEM] for w in words if len(w) >= _STEM)


def _experience_of(text: str, facts: list[Fact]) -> tuple[frozenset[str], frozenset[str]]:
    """What experience `text` asks for, and the work groups whose words show it."""
    domain = asked_experience(text) or frozenset()
    if not domain:
        return domain, frozenset()
    return domain, frozenset(role.group for _, role in roles_showing(domain, profile_roles(facts)))


_STATED_YEARS = re.compile(r"\b\d{1,2}\+?\s*(?:years?|yrs)\b", re.IGNORECASE)


def _years_refs(
    profile: Profile, facts: list[Fact], jobs: list[int], need: float, today: dt.date | None
) -> list[str]:
    """The refs that show `need` years: the counted roles' positions, most recent first,
    until they add up (at most three), and the summary when it states years itself."""
    refs: list[str] = []
    ranges: list[tuple[dt.date, dt.date]] = []
    positions = {f.ref for f in facts if f.kind == "position"}
    for i in jobs:
        job = profile.work[i]
        start = parse_date(job.startDate, today=today)
        end = parse_date(job.endDate, end=True, today=today)
        ref = f"work[{i}].position"
        if start and end and ref in positions:
            refs.append(ref)
            ranges.append((start, end))
            if merged_years(ranges) >= need or len(refs) == 3:
                break
    summary = profile.basics.summary
    if summary and _STATED_YEARS.search(summary):
        refs.append("basics.summary")
    return refs


_IN_PROGRESS = re.compile(
    r"\b(in progress|expected|ongoing|pending|candidate|current)\b", re.IGNORECASE
)


def _best_degree(profile: Profile, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """The highest degree the profile has completed, and its entry."""
    degrees = _completed_degrees(profile, today)
    return degrees[0] if degrees else (None, None)


def _completed_degrees(profile: Profile, today: dt.date | None = None) -> list[tuple[str, str]]:
    """The degrees the profile has completed (level, entry), highest first; a degree still
    in progress (its end date to come, or "in progress" in its words) does not count yet."""
    return _degrees(profile, today, completed=True)


def _degrees_in_progress(profile: Profile, today: dt.date | None = None) -> list[tuple[str, str]]:
    """The degrees the profile is still studying for (level, entry), highest first."""
    return _degrees(profile, today, completed=False)


def _degrees(profile: Profile, today: dt.date | None, *, completed: bool) -> list[tuple[str, str]]:
    """The profile's completed degrees, or those still in progress (its end date to come,
    or "in progress" in its words), as (level, entry), highest first."""
    now = today or dt.date.today()
    found = []
    for i, school in enumerate(profile.education):
        words = " ".join(p for p in (school.studyType, school.area) if p)
        end = parse_date(school.endDate, end=True, today=now) if school.endDate else None
        studying = bool(_IN_PROGRESS.search(words)) or (end is not None and end > now)
        level = degree_level(school.studyType or "")
        if level and studying != completed:
            found.append((level, f"education[{i}]"))
    return sorted(found, key=lambda pair: -DEGREE_LEVELS[pair[0]])


def degree_level(study_type: str) -> str | None:
    text = study_type.lower().replace(".", "")
    if re.search(r"\b(phd|dphil|doctor|doctorate|edd|md)\b", text):
        return "doctorate"
    if re.search(r"\b(master|msc|ms|ma|meng|mba|med|mres|mphil)\b", text):
        return "master"
    if re.search(r"\b(bachelor|bsc|bs|ba|beng|bed|bn|undergraduate)\b", text):
        return "bachelor"
    if re.search(r"\b(associate|a\.?a\.?s?|a\.?s)\b", text):
        return "associate"
    if re.search(r"\b(high school|secondary|ged|gcse|a-levels?)\b", text):
        return "secondary"
    return None


def _score(skills: list[SkillMatch], requirements: list[RequirementCheck]) -> int:
    """Weighted share of the posting's named skills and checks that the profile supports:
    the score of a posting without a scored requirement line (`lines.line_score`).

    Only skills the taxonomy names count: an unlinked span from the recogniser
    ("a vague desiderata description") is shown, but too noisy to score.
    """
    total = matched = 0
    for m in skills:
        if m.id is None:
            continue
        total += WEIGHTS[m.importance]
        matched += WEIGHTS[m.importance] if m.status == "matched" else 0
    for req in requirements:
        weight = WEIGHTS["required"] if req.importance == "required" else WEIGHTS["preferred"]
        total += weight
        matched += weight if req.status == "met" else 0
    return round(100 * matched / total) if total else 0
