"""Compose a cover letter from the ranked evidence.

Structure: an opening that names the role and company and who the applicant
is now; two or three paragraphs, each pairing the posting's most important
matched requirements with the profile facts that prove them; a closing.
Only matched skills (in the posting's wording) and quoted profile facts appear;
gaps never do. The letter is grown or trimmed one fact at a time to land in
250–400 words.
"""

from __future__ import annotations

from dataclasses import dataclass

from tailor.analysis import Analysis
from tailor.compose.common import applicant, article, target
from tailor.compose.phrasing import first_person, join_and, pick, word_count
from tailor.matching import MatchResult, RankedFact, skill_key
from tailor.profile_model import Profile
from tailor.render.context import LetterContext

MIN_WORDS, MAX_WORDS = 250, 400
_MAX_FACTS = 7

_LEADS_SKILLS = (
    "You are looking for {skills}, and this is work I have done in practice.",
    "Your emphasis on {skills} matches where I have put my effort.",
    "The role calls for {skills}; here is concrete evidence from my work.",
    "On {skills}, my record is specific.",
)
_LEADS_MORE = (
    "Beyond that, the posting mentions {skills}.",
    "You also ask for {skills}.",
    "{Skills} matter in this role as well.",
)
_CLOSINGS = (
    "I would welcome the chance to discuss how my experience could support {whom}. "
    "Thank you for your time and consideration.",
    "I would be glad to talk about how I could contribute to {whom}. "
    "Thank you for considering my application.",
    "I would value a conversation about how my background fits {whom}. "
    "Thank you for your time.",
)


@dataclass
class _Paragraph:
    skills: list[str]
    facts: list[RankedFact]


def compose_letter(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    company: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> LetterContext:
    who = applicant(profile)
    goal = target(analysis, company=company, title=title)
    seed = (goal.company, goal.title, profile.basics.name)
    role = f"the {goal.title} role" if goal.title else "this role"
    at = f" at {goal.company}" if goal.company else ""
    greeting = f"Dear Hiring Team at {goal.company}," if goal.company else "Dear Hiring Manager,"
    top_skills = _top_skills(analysis, result)

    opening = [f"I am writing to apply for {role}{at}."]
    current = _current_role(profile)
    if current:
        opening.append(current)
    if top_skills:
        opening.append(
            f"Your posting's focus on {join_and(top_skills[:3])} "
            + pick(("maps closely onto my own experience.", "is a close fit for what I do.",
                    "lines up with the work I know best."), *seed)
        )
    whom = f"{goal.company}'s team" if goal.company else "your team"
    closing = pick(_CLOSINGS, *seed).format(whom=whom)

    chosen = [r for r in result.ranked if r.answers][:_MAX_FACTS]
    fallback = [r for r in result.ranked if not r.answers]
    count = 2 if len(chosen) >= 2 else len(chosen)
    paragraphs = _body(chosen[:max(count, 2)], seed)
    # Grow one fact at a time until the letter says enough, then trim if it says too much.
    extra = chosen[count:] + fallback
    n = max(count, 2)
    while _words(opening, paragraphs, closing, greeting) < MIN_WORDS and extra:
        n += 1
        paragraphs = _body((chosen + fallback)[:n], seed)
        extra = extra[1:]
    while _words(opening, paragraphs, closing, greeting) > MAX_WORDS and n > 1:
        n -= 1
        paragraphs = _body((chosen + fallback)[:n], seed)

    return LetterContext(
        applicant=who,
        target=goal,
        date=date,
        greeting=greeting,
        paragraphs=[" ".join(opening), *paragraphs],
        closing=closing,
        sign_off="Sincerely,",
        matched_skills=top_skills,
    )


def _words(opening: list[str], paragraphs: list[str], closing: str, greeting: str) -> int:
    return word_count([*opening, *paragraphs, closing, greeting])


def _top_skills(analysis: Analysis, result: MatchResult) -> list[str]:
    names: list[str] = []
    for hit in analysis.skills:  # already ordered: required first, most mentioned first
        wording = result.wording.get(skill_key(hit))
        if wording and wording not in names:
            names.append(wording)
    return names


def _current_role(profile: Profile) -> str | None:
    for job in profile.work:
        if job.position and job.name:
            if job.endDate in (None, "present"):
                return f"I am currently {article(job.position)} {job.position} at {job.name}."
            return f"Most recently I worked as {article(job.position)} {job.position} at {job.name}."
    return None


def _body(facts: list[RankedFact], seed: tuple[object, ...]) -> list[str]:
    """Group facts into at most three paragraphs, each led by the skills its facts answer."""
    groups: list[_Paragraph] = []
    for ranked in facts:
        home = next((g for g in groups if g.facts[0].fact.group == ranked.fact.group
                     and len(g.facts) < 2), None)
        if home is None and len(groups) >= 3:
            home = min(groups, key=lambda g: len(g.facts))
        if home is None:
            home = _Paragraph([], [])
            groups.append(home)
        home.facts.append(ranked)
    said: set[str] = set()
    out = []
    for index, group in enumerate(groups):
        skills = [s for r in group.facts for s in r.answers]
        fresh = list(dict.fromkeys(s for s in skills if s not in said))[:4]
        said.update(fresh)
        sentences = []
        if fresh:
            leads = _LEADS_SKILLS if index == 0 else _LEADS_SKILLS + _LEADS_MORE
            lead = pick(leads, *seed, index)
            sentences.append(lead.format(skills=join_and(fresh), Skills=join_and(fresh)[:1].upper()
                                         + join_and(fresh)[1:]))
        sentences.extend(_cite(r, i == 0) for i, r in enumerate(group.facts))
        out.append(" ".join(sentences))
    return out


def _cite(ranked: RankedFact, first_in_paragraph: bool) -> str:
    fact = ranked.fact
    claim = first_person(fact.text)
    if fact.kind == "publication":
        return f"I also published \u201c{fact.text.rstrip('.')}\u201d."
    if fact.group and fact.group.startswith("projects["):
        name = fact.source or "a personal project"
        return f"In {name}, {claim}" if claim.startswith("I ") else f"From {name}: {claim}"
    if not fact.source or not first_in_paragraph:
        return claim if claim.startswith("I ") else f"Also: {claim}"
    org = fact.source.split(", ", 1)[-1]
    position = fact.source.split(", ", 1)[0] if ", " in fact.source else None
    frame = f"At {org}" + (f", as {article(position)} {position}," if position and position != org else ",")
    if claim.startswith("I "):
        return f"{frame} {claim}"
    return f"{frame} one result stands out: {claim}"
