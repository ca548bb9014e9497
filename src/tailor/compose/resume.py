"""Compose a résumé: the profile reordered for this posting, never extended.

Skills the posting asks for come first, always in the profile's words; each
job's bullets are ordered by how much they speak to the posting's requirement
lines (`matching.relevance`), and projects, publications and volunteer roles
are ranked the same way. The headline is the profile's own label. Nothing is
added that the profile does not say.

`compose_resume_with_cuts` also lists what may be left out to meet a page
budget, in the order `tailor.fitting.budget` leaves it out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tailor.analysis.models import Analysis, LineMatch
from tailor.compose.common import applicant, date_range, show_date, target
from tailor.compose.conventions import clean_title
from tailor.compose.inputs import Composed, DocumentOptions, Prepared
from tailor.fitting.budget import (
    PROTECTION,
    Cut,
    details_cut,
    entry_cut,
    interests_cut,
    job_cuts,
    order_cuts,
    skills_cut,
)
from tailor.matching.align import WEIGHTS, MatchResult, skill_ids
from tailor.matching.credentials import credential_refs, required_credential
from tailor.matching.relevance import (
    Relevance,
    entry_relevance,
    fact_relevance,
    said_weight,
)
from tailor.profile.model import Profile
from tailor.render.context import Entry, ResumeContext, SkillGroup
from tailor.skills.taxonomy import Taxonomy, normalize
from tailor.skills.vectors import load_word_vectors

_NOTHING = Relevance(0.0, 0)
HEADLINE_SKILLS = 3
"""Without a label, the headline is the profile's strongest key skills for the posting.
With one it is the label alone: skills glued onto a title read as padding, and the
skills have their own section."""
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)$")


def compose_resume(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    taxonomy: Taxonomy,
    company: str | None = None,
    title: str | None = None,
) -> ResumeContext:
    context, _ = compose_resume_with_cuts(
        profile, analysis, result, taxonomy=taxonomy, company=company, title=title
    )
    return context


def compose_resume_with_cuts(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    taxonomy: Taxonomy,
    company: str | None = None,
    title: str | None = None,
) -> tuple[ResumeContext, list[Cut]]:
    """The résumé, and what a page budget may leave out of it (least relevant first)."""
    relevance = fact_relevance(result.match.lines)
    scores = _scores(relevance, {r.fact.ref: r.score for r in result.ranked})
    matched = _matched_by_profile_wording(profile, analysis, result, taxonomy)
    goal = target(analysis, company=company, title=title)
    jobs = [_job(profile, i, scores) for i in range(len(profile.work))]
    projects = _ranked(
        [
            (
                f"projects[{i}]",
                Entry(
                    title=p.name or "Project",
                    organization=p.entity,
                    location=None,
                    dates=date_range(p.startDate, p.endDate),
                    summary=p.description,
                    bullets=_ordered(p.highlights, f"projects[{i}].highlights", scores)[0],
                    url=p.url,
                ),
            )
            for i, p in enumerate(profile.projects)
        ],
        scores,
    )
    publications = _ranked(
        [
            (
                f"publications[{i}]",
                Entry(
                    title=p.name or "Publication",
                    organization=p.publisher,
                    location=None,
                    dates=show_date(p.releaseDate),
                    summary=p.summary,
                    bullets=[],
                    url=p.url,
                ),
            )
            for i, p in enumerate(profile.publications)
        ],
        scores,
    )
    education = [
        Entry(
            title=" in ".join(p for p in (school.studyType, school.area) if p)
            or (school.institution or ""),
            organization=school.institution,
            location=None,
            dates=date_range(school.startDate, school.endDate),
            summary="; ".join(
                p
                for p in (
                    school.score,
                    f"Courses: {', '.join(school.courses)}" if school.courses else None,
                )
                if p
            )
            or None,
            bullets=[],
            url=school.url,
        )
        for school in profile.education
    ]
    awards = _ranked(
        [
            (
                f"awards[{i}]",
                Entry(
                    title=a.title or "Award",
                    organization=a.awarder,
                    location=None,
                    dates=show_date(a.date),
                    summary=a.summary,
                    bullets=[],
                    url=None,
                ),
            )
            for i, a in enumerate(profile.awards)
        ],
        scores,
    )
    volunteer = _ranked(
        [
            (
                f"volunteer[{i}]",
                Entry(
                    title=v.position or v.organization or "Volunteer",
                    organization=v.organization if v.position else None,
                    location=None,
                    dates=date_range(v.startDate, v.endDate),
                    summary=v.summary,
                    bullets=_ordered(v.highlights, f"volunteer[{i}].highlights", scores)[0],
                    url=v.url,
                ),
            )
            for i, v in enumerate(profile.volunteer)
        ],
        scores,
    )
    said = _said(profile, result.match.lines)
    skills, cuts = _skills(profile, matched, result, relevance, said)
    cuts += [c for i, (job, refs) in enumerate(jobs) for c in job_cuts(i, job, refs, scores)]
    for i, school in enumerate(education):
        cut = details_cut(i, school, _relevance(f"education[{i}]", scores))
        cuts += [cut] if cut else []
    for section, ranked in (
        ("projects", projects),
        ("publications", publications),
        ("awards", awards),
        ("volunteer", volunteer),
    ):
        cuts += [
            entry_cut(section, shown, ref, entry, relevance, age)
            for shown, (ref, entry, relevance, age) in enumerate(ranked)
        ]
    interests = [
        SkillGroup(name=i.name or "", keywords=list(i.keywords))
        for i in profile.interests
        if i.name or i.keywords
    ]
    cuts += [interests_cut(i, group) for i, group in enumerate(interests)]
    key_skills = _key_skills(profile, matched, relevance, said)
    required = _required_certificates(result.match.lines)
    certificate_order = sorted(
        range(len(profile.certificates)), key=lambda i: (i not in required, i)
    )
    context = ResumeContext(
        applicant=applicant(profile),
        target=goal,
        application=_application(clean_title(goal.title), goal.company),
        headline=profile.basics.label or (" · ".join(key_skills[:HEADLINE_SKILLS]) or None),
        summary=profile.basics.summary,
        matched_skills=key_skills,
        skills=skills,
        work=[job for job, _ in jobs],
        education=education,
        projects=[entry for _, entry, _, _ in projects],
        publications=[entry for _, entry, _, _ in publications],
        awards=[entry for _, entry, _, _ in awards],
        volunteer=[entry for _, entry, _, _ in volunteer],
        certificates=[
            Entry(
                title=c.name or "Certificate",
                organization=c.issuer,
                location=None,
                dates=show_date(c.date),
                summary=None,
                bullets=[],
                url=c.url,
            )
            for c in (profile.certificates[i] for i in certificate_order)
        ],
        certificates_first=bool(required),
        interests=interests,
        languages=[
            f"{lang.language} ({lang.fluency})" if lang.fluency else lang.language
            for lang in profile.languages
            if lang.language
        ],
    )
    return context, order_cuts([_protected(cut, relevance) for cut in cuts])


SKILL_SHARE = 0.1
"""What the skills a fact shares with the posting add to its relevance, per unit of the
skill ranking's score (`align._rank`): a tie-breaker beside what the lines weigh."""


def _scores(relevance: dict[str, Relevance], skill_scores: dict[str, float]) -> dict[str, float]:
    """Each fact's relevance: what the lines it backs weigh, then the skills it shares."""
    refs = set(relevance) | set(skill_scores)
    return {
        ref: round(
            (relevance[ref].score if ref in relevance else 0.0)
            + SKILL_SHARE * skill_scores.get(ref, 0.0),
            3,
        )
        for ref in refs
    }


def _protected(cut: Cut, relevance: dict[str, Relevance]) -> Cut:
    """`cut` moved behind everything that backs less: whatever backs nothing goes before
    whatever backs a duty or a preferred ask, which goes before whatever backs a required
    one; within each, `fitting.budget.order_cuts` decides."""
    if cut.section == "skills":
        return cut  # only keywords no line asks for are cut (`_skills`)
    if cut.section == "education":
        prefixes = [f"education[{cut.entry}].score", f"education[{cut.entry}].courses"]
    else:
        prefixes = [cut.ref]
    backs = max(entry_relevance(p, relevance).backs for p in prefixes)
    return replace(cut, tier=backs * PROTECTION + cut.tier)


def _required_certificates(lines: list[LineMatch]) -> set[int]:
    """The certificates that answer a licence or qualification the posting requires
    ("Current NMC registration", "Must hold a Virginia teaching license"): the same one
    the letter confirms in its opening for each line (`matching.credentials`)."""
    out: set[int] = set()
    for line in lines:
        if not required_credential(line):
            continue
        first = next(iter(credential_refs(line)), None)
        if first and first[0] == "certificates":
            out.add(first[1])
    return out


def _application(title: str | None, company: str | None) -> str | None:
    """The line "Application for the Teacher role at …": the title as the letter writes it, cleaned
    of the posting's noise ("- English High School 2025-2026", "(Part-time)")."""
    if not (title or company):
        return None
    role = f"the {title} role" if title else "a role"
    return f"Application for {role}" + (f" at {company}" if company else "")


def _matched_by_profile_wording(
    profile: Profile, analysis: Analysis, result: MatchResult, taxonomy: Taxonomy
) -> dict[str, float]:
    """Profile keyword (normalised) -> how much the posting asks for it: the importance
    weight (`align.WEIGHTS`) of the strongest matched skill it names.

    A skill the posting asks for may have been matched through another fact (a course,
    a bullet); the profile's skill keywords that name the same taxonomy skill count as
    matched too. Keywords are shown as the profile writes them, never in the posting's
    words: a résumé that relabels "Mentoring" as "Mentoring (mentorship)" puts words in
    the applicant's mouth.
    """
    out: dict[str, float] = {}
    for m in result.match.skills:
        if m.status == "matched" and m.profile_name:
            key = normalize(m.profile_name)
            out[key] = max(out.get(key, 0.0), WEIGHTS[m.importance])
    matched = {
        m.id: WEIGHTS[m.importance] for m in result.match.skills if m.status == "matched" and m.id
    }
    for skill in profile.skills:
        for keyword in skill.keywords:
            weights = [matched[i] for i in skill_ids(keyword, taxonomy) if i in matched]
            if weights:
                key = normalize(keyword)
                out[key] = max(out.get(key, 0.0), *weights)
    return out


KEY_SKILLS = 8
"""How many skills the modern résumé's "Key skills for this role" band shows at most:
a line or two a reader takes in at a glance."""


KEY_SKILL_NEAR = 0.1
"""Relevance (`matching.relevance`) from which a keyword no line cites may fill the band."""


def _key_skills(
    profile: Profile,
    matched: dict[str, float],
    relevance: dict[str, Relevance],
    said: dict[str, float],
) -> list[str]:
    """The profile's skill keywords that back this posting, strongest first, in the
    profile's words.

    A keyword counts when a requirement line cites it (by how much it backs), when it
    names a skill the posting asks for (by the skill's importance), and when a scored
    line of the posting says what it says (`said`, by that line's weight). A recruiter
    scanning the band looks for the posting's asks in the applicant's words; a keyword
    no ask mentions is not one of them.
    """
    weighed: dict[str, tuple[float, int]] = {}
    order = 0
    for g, skill in enumerate(profile.skills):
        for k, keyword in enumerate(skill.keywords):
            cited = relevance.get(f"skills[{g}].keywords[{k}]")
            weight = cited.score if cited and cited.backs else 0.0
            weight += matched.get(normalize(keyword), 0.0) + said.get(keyword, 0.0)
            if weight > 0 and keyword not in weighed:
                weighed[keyword] = (weight, order)
            order += 1
    ranked = sorted(weighed, key=lambda kw: (-weighed[kw][0], weighed[kw][1]))
    # A band of three reads as thin: keywords the fact model puts near some ask of the
    # posting (relevance from lines that no keyword backs outright: "Hypothesis Testing"
    # beside "statistical testing") fill it, closest first.
    near = sorted(
        (
            (-relevance[ref].score, g, k, keyword)
            for g, skill in enumerate(profile.skills)
            for k, keyword in enumerate(skill.keywords)
            if (ref := f"skills[{g}].keywords[{k}]") in relevance
            and relevance[ref].score >= KEY_SKILL_NEAR
            and keyword not in weighed
        )
    )
    for *_, keyword in near:
        if keyword not in ranked:
            ranked.append(keyword)
    return ranked[:KEY_SKILLS]


def _said(profile: Profile, lines: list[LineMatch]) -> dict[str, float]:
    """Each skill keyword some scored line of the posting says (`relevance.said_weight`:
    most of its words, or near-synonyms of them, in one line) -> that line's weight."""
    vectors = load_word_vectors()
    out: dict[str, float] = {}
    for skill in profile.skills:
        for keyword in skill.keywords:
            weight = said_weight(_TRAILING_PARENS.sub("", keyword), lines, vectors)
            if weight:
                out[keyword] = weight
    return out


def _skills(
    profile: Profile,
    matched: dict[str, float],
    result: MatchResult,
    relevance: dict[str, Relevance],
    said: dict[str, float],
) -> tuple[list[SkillGroup], list[Cut]]:
    """Skill groups, those with most matches first; and the cuts of what matched nothing.

    A keyword a requirement line cites, or one a line says (`said`), counts as matched,
    so a page budget keeps it. A group whose name is what matched ("Leadership and Communication" for
    "communication") is never left out: its name is the keyword.
    """
    named = {
        normalize(m.profile_name)
        for m in result.match.skills
        if m.status == "matched" and m.profile_name
    }
    groups = []
    for order, skill in enumerate(profile.skills):
        asked = [
            normalize(k) in matched
            or k in said
            or relevance.get(f"skills[{order}].keywords[{j}]", _NOTHING).backs > 0
            for j, k in enumerate(skill.keywords)
        ]
        hits = [k for k, a in zip(skill.keywords, asked, strict=True) if a]
        rest = [k for k, a in zip(skill.keywords, asked, strict=True) if not a]
        name = skill.name or "Skills"
        groups.append((len(hits), order, SkillGroup(name=name, keywords=hits + rest)))
    groups.sort(key=lambda t: (-t[0], t[1]))
    cuts = []
    for shown, (asked_count, order, group) in enumerate(groups):
        # A group the budget trims keeps at least two keywords: "Languages: Python" alone
        # reads as a stub, and a group with nothing asked goes whole.
        stay = max(asked_count, min(2, len(group.keywords))) if asked_count else 0
        if len(group.keywords) > stay and normalize(group.name) not in named:
            cut = skills_cut(shown, f"skills[{order}]", group, stay)
            kept_out = group.keywords[stay:]
            cuts.append(
                replace(cut, relevance=_keywords_relevance(profile, order, kept_out, relevance))
            )
    return [g for _, _, g in groups], cuts


def _keywords_relevance(
    profile: Profile, group: int, keywords: list[str], relevance: dict[str, Relevance]
) -> float:
    """How much the keywords a skills cut would leave out speak to the posting together."""
    refs = [
        f"skills[{group}].keywords[{k}]"
        for k, keyword in enumerate(profile.skills[group].keywords)
        if keyword in keywords
    ]
    return round(sum(relevance[r].score for r in refs if r in relevance), 3)


def _ordered(
    items: list[str], prefix: str, scores: dict[str, float]
) -> tuple[list[str], list[str]]:
    """The items, most relevant first, and the ref of each."""
    refs = [f"{prefix}[{i}]" for i in range(len(items))]
    order = sorted(range(len(items)), key=lambda i: (-scores.get(refs[i], 0.0), i))
    return [items[i] for i in order], [refs[i] for i in order]


def _job(profile: Profile, i: int, scores: dict[str, float]) -> tuple[Entry, list[str]]:
    job = profile.work[i]
    bullets, refs = _ordered(job.highlights, f"work[{i}].highlights", scores)
    entry = Entry(
        title=job.position or job.name or "Role",
        organization=job.name,
        location=job.location,
        dates=date_range(job.startDate, job.endDate),
        summary=job.summary,
        bullets=bullets,
        url=job.url,
    )
    return entry, refs


def _ranked(
    entries: list[tuple[str, Entry]], scores: dict[str, float]
) -> list[tuple[str, Entry, float, int]]:
    """(ref, entry, relevance, position in the profile), most relevant first."""

    ranked = [
        (ref, entry, _relevance(ref, scores), age) for age, (ref, entry) in enumerate(entries)
    ]
    ranked.sort(key=lambda t: (-t[2], t[3]))
    return ranked


def _relevance(prefix: str, scores: dict[str, float]) -> float:
    """The best score of any fact under `prefix` (a whole entry is as relevant as its best line)."""
    return max((s for ref, s in scores.items() if ref.startswith(prefix + ".")), default=0.0)


def compose(prepared: Prepared, options: DocumentOptions) -> Composed:
    """The registry's composer for résumés (`tailor.documents.KINDS`)."""
    p = prepared
    context, cuts = compose_resume_with_cuts(
        p.profile, p.analysis, p.result, taxonomy=p.taxonomy, company=p.company, title=p.title
    )
    return Composed(context, cuts)
