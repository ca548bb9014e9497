"""Fit a résumé into a page budget by leaving out its least relevant parts.

A recruiter reads one or two pages, so `tailor resume --pages 1|2` chooses
what to keep. Nothing is rewritten or shortened: whole bullets, projects and
publications are left out, least relevant first, and every one left out is
reported (in `report.md`), so the user can see what the budget cost.

What goes first is decided in three steps (`order_cuts`). First, protection
(`compose.resume`): a part that backs nothing in the posting goes before one
that backs a duty or a preferred ask, which goes before one that backs a
required ask. Second, within a level of protection, relevance: how much the
part speaks to the posting's lines (`matching.relevance`), to a tenth. Third,
among parts as relevant, the tiers below, a policy a career coach would
recognise:

-1. interests (the mapper weighs none of them against the posting), before anything;
0. bullets that answer nothing in the posting, beyond each role's best two;
   projects, publications and volunteer roles that answer nothing;
1. bullets beyond each role's best two that do answer something;
2. each role's second bullet when it answers nothing; awards that answer
   nothing; the details of a degree (grade, courses) that answer nothing;
3. each role's second bullet; relevant projects, publications and awards;
4. job summaries; the best bullet of roles older than the two most recent;
   the details of a degree that answer something.

Skills are protected as a part that backs a duty is (`SKILLS_TIER`): a group none
of whose skills the posting asks for, then the unasked skills of a group it asks some
of, go after every part that backs nothing. A skills line costs a line or two, and a
blind read found "Programming and Frameworks: Python, PyTorch" stripped of scikit-learn,
NumPy and pandas for a data-science post while bullets that answered nothing stayed.

Within a tier the oldest goes first. The best bullet
of the two most recent roles, headings, dates, employers, degrees, the
skills the posting asks for, certificates and languages are never left out:
they are what a recruiter and an applicant-tracking system look for first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tailor.fitting.layout import Layout, Para
from tailor.render.context import Entry, ResumeContext, SkillGroup

PROTECTION = 10
"""Tiers (above) run 0-4 within a level of protection: a part that backs a duty or a
preferred ask gets `PROTECTION` added, one that backs a required ask twice that
(`compose.resume._protected`), so the policy above orders parts that back the same."""

# How much of the last page the estimate may use. The layout model adds the
# space after one paragraph to the space before the next, as Word does;
# LibreOffice lays the same document out slightly shorter (benchmarks/pages.py:
# the estimate is 0.03–0.18 pages cautious), so a little slack is enough.
SAFETY = 0.985
# A paragraph's spacing and its last, partly filled line, counted in characters
# when guessing how much room a cut frees (see `fit`).
PARAGRAPH_CHARS = 60
# When the chosen candidate leaves this much of a page free, one cut fewer is
# tried for real (at most SLACK_STEPS times): the search's estimate errs long.
SLACK = 0.03
SLACK_STEPS = 1


@dataclass(frozen=True)
class Cut:
    """One thing that can be left out: a bullet, a job summary, or a whole entry."""

    section: str  # "work", "education", "projects", "publications", "awards", "volunteer", "skills"
    entry: int  # index in the context's list
    part: str  # "bullet", "summary", "entry" or "keywords"
    bullet: int  # index in the entry's bullets; for "keywords", how many stay; else -1
    ref: str
    text: str
    tier: int
    relevance: float
    age: int  # position in the profile: larger is older
    size: int = 0  # characters it takes off the page, with a paragraph's overhead

    def __post_init__(self) -> None:
        if not self.size:
            object.__setattr__(self, "size", len(self.text) + PARAGRAPH_CHARS)


@dataclass(frozen=True)
class Fitted:
    context: ResumeContext
    left_out: list[Cut]
    layout: Layout
    pages: int
    fits: bool


def order_cuts(cuts: list[Cut]) -> list[Cut]:
    """Least protected first (`PROTECTION`); within a level of protection, least relevant
    for the room it takes first (`density`, to a tenth: closer than that is the mapper's
    noise), then by the tiers above."""
    return sorted(
        cuts,
        key=lambda c: (
            c.tier // PROTECTION,
            round(density(c), 1),
            c.tier % PROTECTION,
            -c.age,
            -c.bullet,
            c.section,
        ),
    )


def density(cut: Cut) -> float:
    """A part's relevance per 100 characters of the page it takes. A page budget is a
    knapsack: a long bullet that speaks a little to the posting frees more room, for
    less, than a short list of skills that speaks to it as much (greedy by value per
    size is the classic answer, and close to the best one when parts are small)."""
    return cut.relevance * 100 / max(cut.size, 1)


def job_cuts(index: int, job: Entry, bullet_refs: list[str], scores: dict[str, float]) -> list[Cut]:
    cuts = []
    for rank, (text, ref) in enumerate(zip(job.bullets, bullet_refs, strict=True)):
        relevance = scores.get(ref, 0.0)
        if rank >= 2:
            tier = 0 if relevance == 0 else 1
        elif rank == 1:
            tier = 2 if relevance == 0 else 3
        elif index >= 2:
            tier = 4
        else:
            continue  # the best bullet of the two most recent roles stays
        cuts.append(Cut("work", index, "bullet", rank, ref, text, tier, relevance, index))
    if job.summary:
        ref = f"work[{index}].summary"
        cuts.append(
            Cut("work", index, "summary", -1, ref, job.summary, 4, scores.get(ref, 0.0), index)
        )
    return cuts


def entry_cut(section: str, shown: int, ref: str, entry: Entry, relevance: float, age: int) -> Cut:
    """A whole project, publication, award or volunteer role."""
    irrelevant = 2 if section == "awards" else 0
    tier = irrelevant if relevance == 0 else 3
    parts = [entry.title, entry.organization, entry.dates, entry.summary, *entry.bullets]
    size = sum(len(p) + PARAGRAPH_CHARS for p in parts if p)
    return Cut(section, shown, "entry", -1, ref, entry.title, tier, relevance, age, size)


SKILLS_TIER = PROTECTION + 2
"""A skills cut's tier: protected as a part backing a duty is (the module's docstring)."""
INTERESTS_TIER = -1
"""An interest's tier: below every other part."""


def skills_cut(shown: int, ref: str, group: SkillGroup, matched: int) -> Cut:
    """A skill group's keywords that the posting does not ask for (all of them: the group)."""
    rest = ", ".join(group.keywords[matched:])
    text = f"{group.name}: {rest}"
    if matched == 0:
        return Cut("skills", shown, "entry", -1, ref, text, SKILLS_TIER, 0.0, shown)
    return Cut("skills", shown, "keywords", matched, ref, text, SKILLS_TIER + 1, 0.0, shown)


def interests_cut(index: int, interest: SkillGroup) -> Cut:
    """An interest group: the mapper weighs no interest against the posting, so they are
    the first thing a page budget leaves out (`INTERESTS_TIER`)."""
    ref = f"interests[{index}]"
    text = interest_line(interest)
    return Cut("interests", index, "entry", -1, ref, text, INTERESTS_TIER, 0.0, index)


def interest_line(interest: SkillGroup) -> str:
    """An interest group as the built-in templates write it: "Community: Youth soccer
    coach, Library volunteer", or the name or the keywords alone."""
    listed = ", ".join(interest.keywords)
    return f"{interest.name}: {listed}" if interest.name and listed else interest.name or listed


def details_cut(index: int, entry: Entry, relevance: float) -> Cut | None:
    """A degree's grade and courses (the degree itself stays)."""
    if not entry.summary:
        return None
    ref = f"education[{index}]"
    tier = 2 if relevance == 0 else 4
    return Cut("education", index, "summary", -1, ref, entry.summary, tier, relevance, index)


def apply_cuts(context: ResumeContext, cuts: list[Cut]) -> ResumeContext:
    """The context without the given parts (the input is not changed)."""
    gone_entries = {(c.section, c.entry) for c in cuts if c.part == "entry"}
    gone_bullets = {(c.section, c.entry, c.bullet) for c in cuts if c.part == "bullet"}
    gone_summaries = {(c.section, c.entry) for c in cuts if c.part == "summary"}

    def keep(section: str, entries: list[Entry]) -> list[Entry]:
        out = []
        for i, entry in enumerate(entries):
            if (section, i) in gone_entries:
                continue
            out.append(
                entry.model_copy(
                    update={
                        "bullets": [
                            b
                            for j, b in enumerate(entry.bullets)
                            if (section, i, j) not in gone_bullets
                        ],
                        "summary": None if (section, i) in gone_summaries else entry.summary,
                    }
                )
            )
        return out

    kept = {c.entry: c.bullet for c in cuts if c.section == "skills" and c.part == "keywords"}
    skills = [
        group.model_copy(update={"keywords": group.keywords[: kept[i]]}) if i in kept else group
        for i, group in enumerate(context.skills)
        if ("skills", i) not in gone_entries
    ]
    sections = ("work", "education", "projects", "publications", "awards", "volunteer")
    update: dict[str, object] = {s: keep(s, getattr(context, s)) for s in sections}
    interests = [g for i, g in enumerate(context.interests) if ("interests", i) not in gone_entries]
    return context.model_copy(update={**update, "skills": skills, "interests": interests})


def fit(
    context: ResumeContext,
    cuts: list[Cut],
    pages: int,
    measure: Callable[[ResumeContext], Layout],
    *,
    estimate: Callable[[list[Cut]], Layout] | None = None,
    first: Layout | None = None,
) -> Fitted:
    """Leave out the fewest parts (in `cuts` order) that make the document fit `pages`.

    `measure` lays out a rendered candidate (one render each); `estimate`, when
    given, guesses the layout after some cuts without rendering (see
    `without`), and the search runs on it: the candidate it picks is then
    measured for real, and more is left out while the real layout overflows.
    `first` is the full document's layout, when the caller has it already.

    Leaving more out never makes a document longer, so the smallest number of
    cuts lies between one that does not fit and one that does; the next guess
    is interpolated from the two extents on the axis of characters freed
    (pages fall about linearly with them), with a bisection step whenever a
    guess barely moves the bracket.
    """
    limit = pages - 1 + SAFETY
    layout = first or measure(context)
    if layout.extent <= limit:
        return Fitted(context, [], layout, pages, True)
    guess = estimate or (lambda some: measure(apply_cuts(context, some)))
    k = _smallest(cuts, layout, guess, limit)
    candidate = apply_cuts(context, cuts[:k])
    real = measure(candidate)
    while real.extent > limit and k < len(cuts):  # the estimate was optimistic
        k += 1
        candidate = apply_cuts(context, cuts[:k])
        real = measure(candidate)
    if real.extent > limit:
        return Fitted(candidate, list(cuts), real, pages, False)
    for _ in range(SLACK_STEPS):  # the estimate errs long: one cut fewer may fit too
        if k == 0 or limit - real.extent < SLACK:
            break
        if estimate is not None:  # only when the room that cut frees would still fit
            freed = guess(cuts[: k - 1]).extent - guess(cuts[:k]).extent
            if real.extent + freed > limit:
                break
        fewer = apply_cuts(context, cuts[: k - 1])
        fewer_layout = measure(fewer)
        if fewer_layout.extent > limit:
            break
        k, candidate, real = k - 1, fewer, fewer_layout
    chosen, candidate, real = _put_back(
        context, list(cuts[:k]), candidate, real, measure, guess, limit
    )
    return Fitted(candidate, chosen, real, pages, True)


PUT_BACK_TRIES = 4
"""Renders spent on bringing left-out parts back (`_put_back`)."""


def _put_back(
    context: ResumeContext,
    chosen: list[Cut],
    candidate: ResumeContext,
    real: Layout,
    measure: Callable[[ResumeContext], Layout],
    guess: Callable[[list[Cut]], Layout],
    limit: float,
) -> tuple[list[Cut], ResumeContext, Layout]:
    """Left-out parts that fit the room the cuts left, brought back, most protected first.

    The search cuts a prefix of the cut order, so the last cut may be a long part that
    leaves a third of the last page empty while a shorter one cut before it would fit
    there: a blind read found page 2 with room for the award or the bullet it had lost.
    Each part is tried on the estimate first and kept only when the real layout fits."""
    tries = 0
    floor = 0  # the protection of the most protected part that stays out
    for cut in reversed(list(chosen)):
        level = cut.tier // PROTECTION
        if tries >= PUT_BACK_TRIES or limit - real.extent < SLACK or level < floor:
            # Never a part that backs less back while one that backs a required ask
            # stays out.
            break
        fewer = [c for c in chosen if c is not cut]
        back_fits = guess(fewer).extent <= limit
        if back_fits:
            tries += 1
            back = apply_cuts(context, fewer)
            layout = measure(back)
            back_fits = layout.extent <= limit
        if back_fits:
            chosen, candidate, real = fewer, back, layout
        else:
            floor = max(floor, level)
    return chosen, candidate, real


def _smallest(
    cuts: list[Cut], full: Layout, layout: Callable[[list[Cut]], Layout], limit: float
) -> int:
    """The fewest cuts whose layout fits `limit`, or all of them when none does."""
    smallest = layout(cuts)
    if smallest.extent > limit:
        return len(cuts)
    freed = [0]  # room freed by the first k cuts, in characters: the axis to interpolate on
    for cut in cuts:
        freed.append(freed[-1] + cut.size)
    low, low_extent = 0, full.extent  # does not fit
    high, high_extent = len(cuts), smallest.extent  # fits
    bisect = False
    while high - low > 1:
        if bisect:
            middle = (low + high) // 2
        else:
            share = (low_extent - limit) / max(low_extent - high_extent, 1e-9)
            target = freed[low] + share * (freed[high] - freed[low])
            middle = next(k for k in range(low + 1, high + 1) if freed[k] >= target)
            middle = min(middle, high - 1)
        extent = layout(cuts[:middle]).extent
        before = high - low
        if extent <= limit:
            high, high_extent = middle, extent
            bisect = False  # the answer is most likely just below a guess that fits
        else:
            low, low_extent = middle, extent
            bisect = not bisect and (high - low) * 2 > before
    return high


def without(paragraphs: list[Para], context: ResumeContext, cuts: list[Cut]) -> list[Para]:
    """The rendered résumé's paragraphs less what `cuts` leave out, found by their text.

    An estimate for the search in `fit`, not the document: it errs on the long
    side (a part it cannot find stays), and the chosen candidate is always
    rendered and measured.
    """
    paras = list(paragraphs)
    texts = [p.text for p in paras]  # joined once: every cut searches them
    gone: set[int] = set()

    def find(wanted: Callable[[Para, str], bool]) -> int | None:
        return next((i for i, p in enumerate(paras) if i not in gone and wanted(p, texts[i])), None)

    for cut in cuts:
        if cut.section == "skills":
            group = context.skills[cut.entry]
            listed = ", ".join(group.keywords)
            i = find(lambda _p, text, listed=listed: listed in text)  # type: ignore[misc]
            if i is None:
                continue
            if cut.part == "keywords":
                paras[i] = paras[i].replaced(listed, ", ".join(group.keywords[: cut.bullet]))
                texts[i] = paras[i].text
            else:
                gone.add(i)
        elif cut.section == "interests":
            line = interest_line(context.interests[cut.entry])
            i = find(lambda _p, text, line=line: text.strip() == line)  # type: ignore[misc]
            if i is not None:
                gone.add(i)
        elif cut.part in ("bullet", "summary"):
            text = cut.text.strip()
            i = find(lambda _p, seen, text=text: seen.strip() == text)  # type: ignore[misc]
            if i is not None:
                gone.add(i)
        else:  # a whole entry: its heading and everything up to the next heading like it
            title = getattr(context, cut.section)[cut.entry].title
            # An entry's heading keeps with its text, or (an entry with no text, which
            # must not chain itself to the next) is at least bold, as headings are.
            i = find(
                lambda p, seen, title=title: (  # type: ignore[misc]
                    (p.keep_next or p.bold) and seen.startswith(title)
                )
            )
            if i is None:
                continue
            gone.add(i)
            j = i + 1
            while j < len(paras) and paras[j].style != paras[i].style and not paras[j].border:
                gone.add(j)
                j += 1
    # A heading whose whole section (or entry) is gone goes too, as the template drops it.
    for i, para in enumerate(paras):
        if i in gone or not para.keep_next:
            continue
        j = i + 1
        while (
            j < len(paras)
            and paras[j].style != para.style
            and not (paras[j].border and not para.border)
        ):
            j += 1
        if j > i + 1 and all(k in gone for k in range(i + 1, j)):
            gone.add(i)
    return [p for i, p in enumerate(paras) if i not in gone]
