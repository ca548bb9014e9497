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

from tailor.analysis.models import Analysis
from tailor.compose.common import applicant, article, target
from tailor.compose.inputs import Composed, DocumentOptions, Prepared
from tailor.compose.phrasing import first_person, join_and, pick, sentence_case, word_count
from tailor.documents import Tone
from tailor.matching.align import MatchResult, RankedFact, skill_key
from tailor.profile.model import Profile
from tailor.render.context import LetterContext

MIN_WORDS, MAX_WORDS = 250, 400


@dataclass(frozen=True)
class Voice:
    """The wording a tone chooses from; facts and their order never depend on it."""

    leads_skills: tuple[str, ...]
    leads_more: tuple[str, ...]
    leads_other: tuple[str, ...]
    fits: tuple[str, ...]
    closings: tuple[str, ...]
    sign_off: str
    max_facts: int


VOICES: dict[str, Voice] = {
    "formal": Voice(
        leads_skills=(
            "You are looking for {skills}, and this is work I have done in practice.",
            "Your emphasis on {skills} matches where I have put my effort.",
            "The role calls for {skills}; here is concrete evidence from my work.",
            "On {skills}, my record is specific.",
        ),
        leads_more=(
            "Beyond that, the posting mentions {skills}.",
            "You also ask for {skills}.",
            "This role also asks for {skills}.",
        ),
        leads_other=(
            "A few other results show how I work.",
            "More broadly, my record includes the following.",
            "Other results speak to how I approach the work.",
        ),
        fits=(
            "maps closely onto my own experience.",
            "is a close fit for what I do.",
            "lines up with the work I know best.",
        ),
        closings=(
            (
                "I would welcome the chance to discuss how my experience could support {whom}. "
                "Thank you for your time and consideration."
            ),
            (
                "I would be glad to talk about how I could contribute to {whom}. "
                "Thank you for considering my application."
            ),
            (
                "I would value a conversation about how my background fits {whom}. "
                "Thank you for your time."
            ),
        ),
        sign_off="Sincerely,",
        max_facts=7,
    ),
    "warm": Voice(
        leads_skills=(
            "I was glad to see {skills} at the heart of this role, because it is work I enjoy.",
            "{Skills} {are} where I do my best work.",
            "I especially enjoyed reading that you need {skills}.",
        ),
        leads_more=(
            "I was also pleased to see {skills} in the posting.",
            "{Skills} {are} close to my heart as well.",
        ),
        leads_other=(
            "A few more things I am proud of:",
            "Some other results I am proud of:",
        ),
        fits=(
            "is exactly the kind of work I love doing.",
            "speaks directly to what I enjoy most.",
        ),
        closings=(
            "I would love to talk about how I could help {whom}. Thank you so much for reading.",
            (
                "It would be a pleasure to discuss how I could contribute to {whom}. "
                "Thank you for your time."
            ),
        ),
        sign_off="Warm regards,",
        max_facts=7,
    ),
    "concise": Voice(
        leads_skills=("{Skills}:", "On {skills}:"),
        leads_more=("Also {skills}:",),
        leads_other=("Other results:",),
        fits=("fits my experience.",),
        closings=("I would welcome a conversation with {whom}. Thank you.",),
        sign_off="Best regards,",
        max_facts=4,
    ),
}


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
    tone: Tone = "formal",
) -> LetterContext:
    voice = VOICES[tone]
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
            f"Your posting's focus on {join_and(top_skills[:3])} " + pick(voice.fits, *seed)
        )
    whom = f"the team at {goal.company}" if goal.company else "your team"
    closing = pick(voice.closings, *seed).format(whom=whom)

    citable = [r for r in result.ranked if r.fact.kind == "highlight"]
    answered = [r for r in citable if r.answers]
    # Start with the facts that cover the most important skills, each adding something new ...
    picked: list[RankedFact] = []
    covered: set[str] = set()
    for ranked in answered:
        if len(picked) >= voice.max_facts:
            break
        if not set(ranked.answers) <= covered or len(picked) < 2:
            picked.append(ranked)
            covered.update(ranked.answers)
    spare = [r for r in answered if r not in picked] + [r for r in citable if not r.answers]
    credentials = _credentials(profile, analysis, result)

    def body(extra: int) -> list[str]:
        paragraphs = _body(picked + spare[:extra], seed, voice)
        return [*paragraphs, credentials] if credentials else paragraphs

    # ... then grow one fact at a time until the letter says enough, or trim if it says too much.
    extra = 0
    paragraphs = body(extra)
    while _words(opening, paragraphs, closing, greeting) < MIN_WORDS and extra < len(spare):
        extra += 1
        paragraphs = body(extra)
    while _words(opening, paragraphs, closing, greeting) > MAX_WORDS and len(picked) > 1:
        picked.pop()
        paragraphs = body(extra)

    return LetterContext(
        applicant=who,
        target=goal,
        date=date,
        greeting=greeting,
        paragraphs=[" ".join(opening), *paragraphs],
        closing=closing,
        sign_off=voice.sign_off,
        matched_skills=top_skills,
    )


def _credentials(profile: Profile, analysis: Analysis, result: MatchResult) -> str | None:
    """Publications and coursework, when the posting asks for what they show.

    A research role that asks for a publication record gets the applicant's
    publications by name; required skills that only the applicant's degree
    shows (linear algebra from a course) are cited from that degree.
    """
    sentences = []
    wants_papers = any(r.kind == "publication" for r in analysis.requirements)
    papers = [p for p in profile.publications if p.name][:2]
    if wants_papers and papers:
        cited = [
            f"\u201c{p.name}\u201d" + (f" ({p.publisher})" if p.publisher else "") for p in papers
        ]
        sentences.append(f"The role asks for a publication record: I published {join_and(cited)}.")
    by_school: dict[int, list[str]] = {}
    for match in result.match.skills:
        if match.status != "matched" or match.importance == "mentioned":
            continue
        refs = [e.ref for e in match.evidence]
        if any(".highlights[" in r for r in refs):
            continue
        for ref in refs:
            if ref.startswith("education[") and ".courses[" in ref:
                school = int(ref.split("[", 1)[1].split("]", 1)[0])
                course = next(e.text for e in match.evidence if e.ref == ref)
                if course not in by_school.setdefault(school, []):
                    by_school[school].append(course)
                break
    for index, courses in sorted(by_school.items()):
        education = profile.education[index]
        degree = " in ".join(p for p in (education.studyType, education.area) if p) or "degree"
        at = f" at {education.institution}" if education.institution else ""
        sentences.append(f"My {degree}{at} included {join_and(courses[:3])}.")
    return " ".join(sentences) or None


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
            return (
                f"Most recently I worked as {article(job.position)} {job.position} at {job.name}."
            )
    return None


def _body(facts: list[RankedFact], seed: tuple[object, ...], voice: Voice) -> list[str]:
    """Up to three paragraphs of facts that answer the posting, then one of other strengths.

    Facts from the same job share a paragraph (two at most); each paragraph opens
    with the posting's skills its facts answer, named once in the whole letter.
    """
    groups: list[_Paragraph] = []
    others: list[RankedFact] = []
    for ranked in facts:
        if not ranked.answers:
            others.append(ranked)
            continue
        room = [g for g in groups if len(g.facts) < 2]
        home = next((g for g in room if g.facts[0].fact.group == ranked.fact.group), None)
        if home is None:
            home = next((g for g in room if set(ranked.answers) <= set(g.skills)), None)
        if home is None and len(groups) >= 3:
            home = min(groups, key=lambda g: len(g.facts))
        if home is None:
            home = _Paragraph([], [])
            groups.append(home)
        home.facts.append(ranked)
        home.skills.extend(a for a in ranked.answers if a not in home.skills)
    said: set[str] = set()
    used_leads: set[str] = set()
    introduced: set[str] = set()
    out = []
    for index, group in enumerate(groups):
        skills = [s for r in group.facts for s in r.answers]
        fresh = list(dict.fromkeys(s for s in skills if s not in said))[:4]
        said.update(fresh)
        sentences = []
        if fresh:
            options = voice.leads_skills if index == 0 else voice.leads_skills + voice.leads_more
            leads = [lead for lead in options if lead not in used_leads] or list(options)
            lead = pick(leads, *seed, index)
            used_leads.add(lead)
            listed = join_and(fresh)
            sentences.append(
                lead.format(
                    skills=listed,
                    Skills=listed[:1].upper() + listed[1:],
                    are="are" if len(fresh) > 1 else "is",
                )
            )
        sentences.extend(_cite_all(group.facts, introduced))
        out.append(" ".join(sentences))
    for start in range(0, len(others), 3):
        opener = [pick(voice.leads_other, *seed)] if start == 0 else []
        out.append(" ".join([*opener, *_cite_all(others[start : start + 3], introduced)]))
    return out


def _cite_all(facts: list[RankedFact], introduced: set[str]) -> list[str]:
    sentences = []
    previous: str | None = None
    for ranked in facts:
        group = ranked.fact.group
        sentences.append(
            _cite(ranked, same_place=group == previous, introduced=group in introduced)
        )
        if group:
            introduced.add(group)
        previous = group
    return sentences


_PROJECT_VERBS_PASSIVE = frozenset(
    {"used", "adopted", "cited", "featured", "downloaded", "selected"}
)
_PROJECT_VERBS_OWN = frozenset({"reached", "gained", "won", "attracted", "grew", "received"})


def _project_sentence(name: str, text: str) -> str:
    """A project highlight's subject is the project or the applicant; frame it to say which."""
    project = f"the {name}" if "project" in name.lower() else f"my project {name}"
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    body = text.strip().rstrip(".")
    rest = body[:1].lower() + body[1:]
    if first in _PROJECT_VERBS_PASSIVE:
        return f"{sentence_case(project)} was {rest}."
    if first in _PROJECT_VERBS_OWN or (first.endswith("s") and not first.endswith("ss")):
        return f"{sentence_case(project)} {rest}."
    claim = first_person(text)
    if claim.startswith("I "):
        return f"For {project}, {claim}"
    return f"{sentence_case(project)}: {body}."


def _cite(ranked: RankedFact, *, same_place: bool, introduced: bool) -> str:
    """One fact as a sentence, framed with where it happened unless the previous one said so.

    Every fact carries its own employer or project, so no claim can read as if it
    happened somewhere else.
    """
    fact = ranked.fact
    claim = first_person(fact.text)
    if fact.kind == "publication":
        return f"I published \u201c{fact.text.rstrip('.')}\u201d" + (
            f" ({fact.source})." if fact.source else "."
        )
    if same_place:
        return claim if claim.startswith("I ") else f"Another result: {claim}"
    if fact.group and fact.group.startswith("projects["):
        return _project_sentence(fact.source or "a personal project", fact.text)
    if not fact.source:
        return claim
    position, _, org = fact.source.rpartition(", ")
    with_role = position and not introduced
    frame = f"At {org}" + (f", as {article(position)} {position}," if with_role else ",")
    if claim.startswith("I "):
        return f"{frame} {claim}"
    return f"{frame} one result stands out: {claim}"


def compose(prepared: Prepared, options: DocumentOptions) -> Composed:
    """The registry's composer for letters (`tailor.documents.KINDS`)."""
    p = prepared
    return Composed(
        compose_letter(
            p.profile, p.analysis, p.result, company=p.company, title=p.title, tone=options.tone
        )
    )
