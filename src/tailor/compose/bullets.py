"""The strongest profile facts for a posting, each with what it answers."""

from __future__ import annotations

from tailor.analysis.models import Analysis
from tailor.compose.common import applicant, target
from tailor.compose.inputs import Composed, DocumentOptions, Prepared
from tailor.matching.align import MatchResult
from tailor.profile.model import Profile
from tailor.render.context import Bullet, BulletsContext

MAX_BULLETS = 8


def compose_bullets(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    company: str | None = None,
    title: str | None = None,
) -> BulletsContext:
    chosen = [r for r in result.ranked if r.answers][:MAX_BULLETS]
    return BulletsContext(
        applicant=applicant(profile),
        target=target(analysis, company=company, title=title),
        bullets=[
            Bullet(text=r.fact.text, answers=r.answers, source=r.fact.source or "", ref=r.fact.ref)
            for r in chosen
        ],
    )


def compose(prepared: Prepared, options: DocumentOptions) -> Composed:
    """The registry's composer for bullet lists (`tailor.documents.KINDS`)."""
    p = prepared
    return Composed(
        compose_bullets(p.profile, p.analysis, p.result, company=p.company, title=p.title)
    )
