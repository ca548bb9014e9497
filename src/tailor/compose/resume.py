"""Compose a résumé: the profile reordered for this posting, never extended.

Matched skills come first (shown in the posting's wording when the profile
uses another name for them), each job's bullets are ordered by relevance, and
projects and publications are ranked. Nothing is added that the profile does
not say.
"""

from __future__ import annotations

from tailor.analysis import Analysis
from tailor.compose.common import applicant, date_range, show_date, target
from tailor.matching import MatchResult, skill_key
from tailor.profile_model import Profile
from tailor.render.context import Entry, ResumeContext, SkillGroup
from tailor.taxonomy import Taxonomy, normalize


def compose_resume(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    taxonomy: Taxonomy,
    company: str | None = None,
    title: str | None = None,
) -> ResumeContext:
    scores = {r.fact.ref: r.score for r in result.ranked}
    matched = _matched_by_profile_wording(analysis, result, taxonomy)
    goal = target(analysis, company=company, title=title)
    return ResumeContext(
        applicant=applicant(profile),
        target=goal,
        application=_application(goal.title, goal.company),
        headline=profile.basics.label,
        summary=profile.basics.summary,
        matched_skills=list(dict.fromkeys(matched.values())),
        skills=_skills(profile, matched),
        work=[_job(profile, i, scores) for i in range(len(profile.work))],
        education=[
            Entry(
                title=" in ".join(p for p in (school.studyType, school.area) if p)
                or (school.institution or ""),
                organization=school.institution,
                location=None,
                dates=date_range(school.startDate, school.endDate, ongoing=False),
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
        ],
        projects=_ranked_entries(
            [
                (
                    f"projects[{i}]",
                    Entry(
                        title=p.name or "Project",
                        organization=p.entity,
                        location=None,
                        dates=date_range(p.startDate, p.endDate, ongoing=False),
                        summary=p.description,
                        bullets=_ordered(p.highlights, f"projects[{i}].highlights", scores),
                        url=p.url,
                    ),
                )
                for i, p in enumerate(profile.projects)
            ],
            scores,
        ),
        publications=_ranked_entries(
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
        ),
        awards=[
            Entry(
                title=a.title or "Award",
                organization=a.awarder,
                location=None,
                dates=show_date(a.date),
                summary=a.summary,
                bullets=[],
                url=None,
            )
            for a in profile.awards
        ],
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
            for c in profile.certificates
        ],
        languages=[
            f"{lang.language} ({lang.fluency})" if lang.fluency else lang.language
            for lang in profile.languages
            if lang.language
        ],
    )


def _application(title: str | None, company: str | None) -> str | None:
    if not (title or company):
        return None
    role = f"the {title} role" if title else "a role"
    return f"Application for {role}" + (f" at {company}" if company else "")


def _matched_by_profile_wording(
    analysis: Analysis, result: MatchResult, taxonomy: Taxonomy
) -> dict[str, str]:
    """Profile keyword (normalised) -> how to show it: the posting's wording where they differ."""
    out: dict[str, str] = {}
    for hit in analysis.skills:
        key = skill_key(hit)
        wording = result.wording.get(key)
        if wording is None:
            continue
        for m in result.match.skills:
            if m.status == "matched" and m.name == hit.name and m.profile_name:
                mine = m.profile_name
                same = normalize(wording) in normalize(mine) or wording.lower() in mine.lower()
                shown = mine if same else f"{mine} ({wording})"
                out.setdefault(normalize(mine), shown)
    return out


def _skills(profile: Profile, matched: dict[str, str]) -> list[SkillGroup]:
    groups = []
    for order, skill in enumerate(profile.skills):
        hits = [matched[normalize(k)] for k in skill.keywords if normalize(k) in matched]
        rest = [k for k in skill.keywords if normalize(k) not in matched]
        name = skill.name or "Skills"
        groups.append((-len(hits), order, SkillGroup(name=name, keywords=hits + rest)))
    return [g for _, _, g in sorted(groups, key=lambda t: (t[0], t[1]))]


def _ordered(items: list[str], prefix: str, scores: dict[str, float]) -> list[str]:
    indexed = list(enumerate(items))
    indexed.sort(key=lambda t: (-scores.get(f"{prefix}[{t[0]}]", 0.0), t[0]))
    return [text for _, text in indexed]


def _job(profile: Profile, i: int, scores: dict[str, float]) -> Entry:
    job = profile.work[i]
    return Entry(
        title=job.position or job.name or "Role",
        organization=job.name,
        location=job.location,
        dates=date_range(job.startDate, job.endDate),
        summary=job.summary,
        bullets=_ordered(job.highlights, f"work[{i}].highlights", scores),
        url=job.url,
    )


def _ranked_entries(entries: list[tuple[str, Entry]], scores: dict[str, float]) -> list[Entry]:
    def relevance(prefix: str) -> float:
        return max((s for ref, s in scores.items() if ref.startswith(prefix + ".")), default=0.0)

    order = sorted(range(len(entries)), key=lambda i: (-relevance(entries[i][0]), i))
    return [entries[i][1] for i in order]
