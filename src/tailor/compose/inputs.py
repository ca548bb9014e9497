"""What every composer is given, and what it gives back.

A composer is a pure function: from the analysed posting, the profile, their
match and the options of a run to the context its templates see (plus, for a
résumé, what a page budget may leave out). It does no I/O; the pipeline
(`tailor.pipeline`) hands it everything, the taxonomy included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from tailor.documents import Tone

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tailor.analysis.models import Analysis
    from tailor.checks.grounding import Grounds
    from tailor.compose.wording import Voice
    from tailor.fitting.budget import Cut
    from tailor.matching.align import MatchResult
    from tailor.profile.model import Profile
    from tailor.skills.taxonomy import Taxonomy


@dataclass(frozen=True)
class Prepared:
    """One posting, analysed and matched with one profile: all a document needs."""

    analysis: Analysis
    profile: Profile
    result: MatchResult
    company: str | None
    title: str | None
    taxonomy: Taxonomy
    grounds: Grounds
    """What the profile backs up, for the grounding check of every document."""


@dataclass(frozen=True)
class DocumentOptions:
    """The options of a run that change what a document says."""

    tone: Tone = "formal"
    """Letters: the wording; the facts cited are the same."""
    pages: int | None = None
    """Résumés: the page budget, or None to keep everything."""
    date: dt.date | None = None
    """Letters: the date they carry (the run's date, from the CLI), or None for none."""
    voice: Voice | None = None
    """Letters: the tone's wording read from the template path (`compose.wording`), or
    None for the built-in wording of `tone`."""


@dataclass(frozen=True)
class Composed:
    context: BaseModel
    cuts: list[Cut] = field(default_factory=list)
    """What a page budget may leave out, least relevant first (résumés only)."""


class Composer(Protocol):
    def __call__(self, prepared: Prepared, options: DocumentOptions) -> Composed: ...
