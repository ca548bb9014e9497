"""Compose a cover letter from the ranked evidence.

Structure: an opening that names the role and company and who the applicant
is now; two or three paragraphs, each pairing the posting's most important
matched requirements with the profile facts that prove them; a closing.
Only matched skills (in the posting's wording) and quoted profile facts appear;
gaps never do. The letter is grown or trimmed one fact at a time to land in
250–400 words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from lemminflect import getAllLemmas

from tailor.analysis.contact import find_contact, find_reference
from tailor.analysis.lines import role_noun
from tailor.analysis.models import Analysis, LineMatch
from tailor.analysis.requirements import DEGREE_LEVELS, asked_degree
from tailor.checks.grounding import violations
from tailor.compose.common import applicant, article, date_range, show_date, target
from tailor.compose.conventions import Country, address, clean_title, country, letter_date
from tailor.compose.gaps import degree_gap, main_gap, say
from tailor.compose.inputs import Composed, DocumentOptions, Prepared
from tailor.compose.phrasing import (
    first_person,
    join_and,
    lower_first,
    pick,
    sentence_case,
    word_count,
)
from tailor.compose.voice import Tense, base_verbs, framed, sentence
from tailor.compose.wording import Voice, builtin_voices
from tailor.documents import Tone
from tailor.matching.align import MatchResult, RankedFact, degree_level, skill_ids, skill_key
from tailor.matching.credentials import credential_refs, required_credential
from tailor.matching.lines import LINE_WEIGHTS
from tailor.matching.model import CITE
from tailor.matching.relevance import Relevance, fact_relevance
from tailor.profile.facts import Fact
from tailor.profile.model import Profile, Work
from tailor.render.context import LetterContext, LetterPoint, PointFact
from tailor.skills.taxonomy import Taxonomy
from tailor.skills.words import word_set


@dataclass
class _Paragraph:
    skills: list[str]
    facts: list[RankedFact]


@dataclass(frozen=True)
class _Letter:
    """What a letter's body is built from: the country's rules and what was said already."""

    profile: Profile
    where: Country
    current: frozenset[str]
    """The profile's ongoing jobs (`work[0]`): their duties are told in the present."""
    grounded: Callable[[str], bool]
    other_trades: frozenset[str] = frozenset()
    """The jobs outside the post's profession ("work[2]", a healthcare assistant's, for a
    staff nurse post), when the applicant has one in it: never a paragraph's second proof."""
    tools: frozenset[str] = frozenset()
    """The refs of the profile's skill keywords that name tools ("Python", "Google
    Classroom": the taxonomy's kind), which a letter may say the applicant has worked with."""

    @cached_property
    def facts(self) -> dict[str, Fact]:
        """Every fact of the profile by ref, in the profile's order."""
        from tailor.profile.facts import iter_facts

        return {f.ref: f for f in iter_facts(self.profile)}

    @cached_property
    def words(self) -> frozenset[str]:
        """Every folded word the profile writes: a name it never writes is no name it has."""
        return frozenset().union(*(word_set(f.text) for f in self.facts.values()))

    @cached_property
    def credential_words(self) -> frozenset[str]:
        """The words of what the applicant is or holds: certificates, degrees, positions."""
        kinds = ("certificate", "education", "position", "label")
        held = (f for f in self.facts.values() if f.kind in kinds)
        return frozenset().union(*(word_set(f.text) for f in held))

    @cached_property
    def current_employers(self) -> set[str]:
        """The employers of the ongoing jobs: an earlier job there is "my previous role there"."""
        jobs = (_job(self.profile, group) for group in self.current)
        return {job.name for job in jobs if job and job.name}


def compose_letter(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    *,
    company: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    tone: Tone = "formal",
    grounded: Callable[[str], bool] | None = None,
    voice: Voice | None = None,
    taxonomy: Taxonomy | None = None,
) -> LetterContext:
    """The letter: an opening, one paragraph per top ask (`_plan`), a closing.

    A posting whose requirement lines the profile does not back falls back to the
    facts that carry its matched skills, grouped as before (`_body`).
    """
    voice = voice or builtin_voices()[tone]
    who = applicant(profile)
    goal = target(analysis, company=company, title=title)
    text = analysis.posting.text
    where = country(profile, text)
    contact = find_contact(text)
    reference = find_reference(text)
    to = address(contact, where)
    role_title = clean_title(goal.title)
    seed = (goal.company, goal.title, profile.basics.name)
    role = f"the {role_title} role" if role_title else "this role"
    # A name that ends its sentence gives it its full stop: "at Pathful Inc.", not "Inc..".
    company = goal.company.removesuffix(".") if goal.company else None
    at = f" at {company}" if company else ""
    top_skills = _top_skills(analysis, result)
    profession = _jobs_in_profession(profile, goal.title)
    other_trades = (
        frozenset(f"work[{index}]" for index in range(len(profile.work))) - profession
        if profession
        else frozenset()
    )
    letter = _Letter(
        profile,
        where,
        _current_jobs(profile),
        grounded or (lambda _: False),
        other_trades,
        _tool_refs(profile, taxonomy) if taxonomy is not None else frozenset(),
    )
    named: set[str] = set()

    opening = [voice.applying.format(role=role, at=at)]
    who_i_am = _who_i_am(profile.basics.summary, _role_words(profile))
    current = _current_role(profile)
    if who_i_am and letter.grounded(who_i_am):
        # One sentence, not three "I am"s: "I am an NMC-registered adult nurse …, currently
        # a Senior Staff Nurse … at …".
        first_job = next((i for i, j in enumerate(profile.work) if j.position and j.name), None)
        job = profile.work[first_job] if first_job is not None else None
        ongoing = f"work[{first_job}]" in letter.current
        if current and _OWN_NOW.search(who_i_am) and job and job.name and ongoing:
            # "…, currently fifth-grade team lead" says the role in the applicant's words;
            # only where is left to say.
            who_i_am = f"{who_i_am[:-1]} at {_place(job.name)}."
            current = None
        elif current and current.startswith("I am currently "):
            now = current.removeprefix("I am currently ")
            if job and job.name and job.position and job.position.lower() in who_i_am.lower():
                now = f"currently at {_place(job.name)}."  # the role is already said
            else:
                now = f"currently {now}"
            who_i_am = f"{who_i_am[:-1]}, {now}"
            current = None
        opening.append(who_i_am)
    if current:
        opening.append(current)
    introduced = len(opening)  # where what the applicant does now goes, if said
    held = [
        h
        for h in _held_credentials(profile, result.match.lines, today=date, said=" ".join(opening))
        if letter.grounded(h)
    ]
    if held:  # an essential credential is confirmed early, in one sentence
        first, *rest = (h.removesuffix(".") for h in held)
        if rest and first.startswith("I hold ") and rest[0].startswith("I hold "):
            first = f"{first}, and {rest[0].removeprefix('I hold ')}"  # "I hold X, and Y"
        elif rest:
            first = f"{first}, and {rest[0]}"  # "I am a Registered Nurse…, and I hold a BSc…"
        opening.append(f"{first}.")
    found_gap = main_gap(
        result.match.lines,
        letter.words,
        analysis.posting.text,
        letter.credential_words,
        result.match.profession_gap,
        result.match.subject_gap,
        result.match.specialty_gap,
    )
    gap = say(found_gap, voice) if found_gap else None
    gap = gap or degree_gap(result.match.requirements, result.match.lines, profile, voice)
    # A profession or registration the post requires and the applicant lacks is said
    # where the letter says who they are: blind readers marked the essential gap "left to
    # the last paragraph" as papering over it.
    gap_first = found_gap is not None and found_gap.kind == "not_yet"
    if gap and gap_first:
        opening.append(gap)
    job = next((j for j in profile.work if j.name), None)
    if job and job.name and any(_place(job.name) in sentence for sentence in opening):
        named.add(job.name)
    whom = f"the team at {company}" if company else "your team"
    closing = pick(voice.closings, *seed).format(whom=whom)
    if voice.visit_closings and _INFORMAL_VISIT.search(text):
        # The posting's own offer, taken up.
        closing = pick(voice.visit_closings, *seed).format(whom=whom)

    facts = letter.facts  # the facts the mapper weighed (`MatchResult.facts`), by ref
    points = _plan(result.match.lines, facts, letter, set(named), voice, seed, voice.points)
    # A short letter takes one more ask at a time, while the posting has backed asks left.
    for more in range(voice.points + 1, voice.points + 4):
        if _words(opening, [p.paragraph for p in points], closing, to.greeting) >= voice.min_words:
            break
        longer = _plan(result.match.lines, facts, letter, set(named), voice, seed, more)
        if len(longer) == len(points):
            break
        points = longer
    if points and _words(opening, [p.paragraph for p in points], closing, to.greeting) < (
        voice.min_words
    ):
        # Still short: a second proof for an ask may be any fact the mapper would cite
        # for it (`model.CITE`), not only one nearly as sure as the first.
        points = _plan(
            result.match.lines, facts, letter, set(named), voice, seed, len(points),
            second_min=SHORT_SECOND_FACT_MIN,
        )  # fmt: skip
    if _words(opening, [p.paragraph for p in points], closing, to.greeting) > voice.max_words:
        # Too long with second proofs: each ask keeps the one its evidence cites.
        points = _plan(
            result.match.lines, facts, letter, set(named), voice, seed, len(points), extras=False
        )
    relevance = fact_relevance(result.match.lines)  # each fact's weight for this posting
    opening_facts: list[PointFact] = []
    if points:
        used = {r for p in points for f in p.facts for r in (f.ref, *f.merged)}
        # An earlier job a paragraph tells is named there, with its story; a result from
        # it in the opening would name it twice in a row.
        told = {_group_of(f.ref) for p in points for f in p.facts} - letter.current
        told |= letter.other_trades  # the opening's result is one of the profession's
        best = _opening_result(relevance, facts, used | _in_groups(facts, told))
        if best is not None:
            said = _say([best], letter, set(named), context=False)
            words = _words(opening, [p.paragraph for p in points], closing, to.greeting)
            if words + len(said[0].sentence.split()) <= voice.max_words:
                # Who the applicant is, then the one result that speaks most to this post.
                opening_facts = said
                opening.append(said[0].sentence)
                points = _after_opening(points, best.group)
    if points and tone != "concise":
        used = {r for p in points for f in p.facts for r in (f.ref, *f.merged)}
        used |= {f.ref for f in opening_facts}
        words = _words(opening, [p.paragraph for p in points], closing, to.greeting)
        doing = _what_i_do(letter, profession, used, relevance)
        room = OPENING_WORDS - len(" ".join(opening).split())
        if (
            doing
            and words < voice.min_words
            and len(doing.sentence.split()) <= room
            and letter.grounded(doing.sentence)
        ):
            # "I teach all core subjects to a class of 24-27 students …": what the
            # applicant does now, in the profile's words, beside who they are.
            opening.insert(introduced, doing.sentence)
            opening_facts = [doing, *opening_facts]
    if points:
        # Employers the paragraphs and the opening name are named: later paragraphs say
        # "there" or tell the result alone, and never what the job was a second time.
        named |= _named_in(points) | {f.employer for f in opening_facts if f.employer}
        body = [p.paragraph for p in points]
        if tone == "concise":
            body = [" ".join(body)]
        else:
            used = {r for p in points for f in p.facts for r in (f.ref, *f.merged)}
            used |= {f.ref for f in opening_facts}
            words = _words(opening, body, closing, to.greeting)
            # A letter still short after its asks takes, one paragraph at a time while it
            # is short and each fits: the applicant's earlier jobs in the post's
            # profession, the next results that back the posting's lines, then more of
            # the current job when it is in that profession.
            short_of_words: tuple[Callable[[], list[PointFact]], ...] = (
                lambda: _earlier_roles(profession - letter.current, relevance, used, letter, named),
                lambda: _more_results(relevance, used, letter, named),
                lambda: _in_the_post(
                    profession & letter.current, relevance, used, letter, named, after=last
                ),
            )
            # The job the body's last sentence told: a paragraph that goes on with it
            # needs no "At Copperline Logistics," again.
            last = _group_of(points[-1].facts[-1].ref) if points[-1].facts else None
            merged = True  # whether body[-1] may go on with the same job
            for tell in short_of_words:
                if words >= voice.min_words:
                    break
                said = tell()
                if said and _group_of(said[0].ref) == last:
                    said[0] = said[0].model_copy(update={"sentence": _unframed(said[0].sentence)})
                paragraph = " ".join(f.sentence for f in said)
                if said and words + len(paragraph.split()) <= voice.max_words:
                    if merged and _group_of(said[0].ref) == last:
                        body[-1] = f"{body[-1]} {paragraph}"  # one paragraph per job
                        if len(body) == len(points):  # the last ask's paragraph goes on
                            point = points[-1]
                            points[-1] = point.model_copy(
                                update={"facts": [*point.facts, *said], "paragraph": body[-1]}
                            )
                    else:
                        body.append(paragraph)
                    merged = True
                    words += len(paragraph.split())
                    used |= {r for f in said for r in (f.ref, *f.merged)}
                    last = _group_of(said[-1].ref)
            credentials = _credentials(profile, analysis, result, used, said=" ".join(opening))
            body += [credentials] if credentials else []
            body = _joined_stubs(body, {p.paragraph for p in points if p.topic})
            # No padding with results that answer nothing the posting asks: a shorter
            # letter that argues beats a longer one that lists.
        paragraphs = _once_in_full(
            _varied_frames(_frames_where_needed([" ".join(opening), *body], letter)), profile
        )
    else:
        paragraphs = _fallback(
            profile,
            analysis,
            result,
            opening,
            closing,
            to.greeting,
            voice,
            seed,
            letter,
            named,
            goal.title,
        )
        paragraphs = _varied_frames(_frames_where_needed(paragraphs, letter))

    written = " ".join(paragraphs)
    for name in (role_title, goal.title):
        written = written.replace(name, " ") if name else written  # a role names no language
    spoken = _languages_asked(profile, result.match.lines, written, goal.title)
    if spoken and len(paragraphs) > 1:
        paragraphs[-1] = f"{paragraphs[-1]} {spoken}"  # after the evidence, before any gap
    elif spoken:
        paragraphs.append(spoken)

    if gap and not gap_first:
        # The main unmet requirement, said once and plainly, as the closing paragraph's
        # first sentence: a blind reader took a one-sentence gap paragraph for an orphan,
        # and the letters the team wrote by hand say it beside the closing.
        closing = f"{gap} {closing}"

    subject = None
    if role_title:
        subject = role_title + (f" (reference {reference.value})" if reference else "")
    return LetterContext(
        applicant=who,
        target=goal,
        date=letter_date(date, where) if date else None,
        greeting=to.greeting,
        paragraphs=paragraphs,
        closing=closing,
        sign_off=to.sign_off,
        matched_skills=top_skills,
        recipient=to.recipient,
        reference=reference.value if reference else None,
        subject=subject,
        points=_points_as_written(points, "\n".join(paragraphs)),
        gap=gap,
        opening=_as_written(opening_facts, "\n".join(paragraphs)),
    )


_CURRENT_FRAME = "In my current role, "
_LATER_FRAMES = ("In my present position, ", "Also in my current role, ")


def _varied_frames(paragraphs: list[str]) -> list[str]:
    """The letter with its second and third "In my current role," said differently
    ("In my present position, …", "Also in my current role, …"; "Currently" would not
    do before a result in the past tense): in 141 dev letters, 40 said it two
    or three times, which reads as a form. Only the frame at a sentence's start changes;
    the sentence is the one `_say` wrote."""
    seen = 0
    out = []
    for paragraph in paragraphs:
        parts = re.split(r"(?<=[.!?])(\s+)", paragraph)
        for index, part in enumerate(parts):
            if part.startswith(_CURRENT_FRAME):
                if seen and seen - 1 < len(_LATER_FRAMES):
                    frame, said = _LATER_FRAMES[seen - 1], part.removeprefix(_CURRENT_FRAME)
                    if frame.startswith("Also") and said.startswith("I also "):
                        said = "I " + said.removeprefix("I also ")  # one "also" is enough
                    parts[index] = frame + said
                seen += 1
        out.append("".join(parts))
    return out


def _frames_where_needed(paragraphs: list[str], letter: _Letter) -> list[str]:
    """The letter without "In my current role," where the reader is still in that role:
    after an opening that says where the applicant works now, and before any fact of
    another job, a project or a paper (a sentence that tells it, after its first word). `_say`
    frames each paragraph's first fact on its own; blind readers quoted "In my current
    role, … In my present position, …" as a form's voice, while the team's hand-written
    letters name the employer once and then simply say "I …"."""
    here = {_place(name) for name in letter.current_employers}
    if not paragraphs or not here or not any(place in paragraphs[0] for place in here):
        return paragraphs
    told = [
        (rest, fact.group)
        for fact in letter.facts.values()
        if (fact.group or "").startswith(("work[", "volunteer[", "projects[", "publications["))
        and len(rest := fact.text.strip().rstrip(".").partition(" ")[2]) >= _TOLD_CHARS
    ]
    current = True
    out = []
    for paragraph in paragraphs:
        parts = re.split(r"(?<=[.!?])(\s+)", paragraph)
        for index, part in enumerate(parts):
            group = next((group for rest, group in told if rest in part), None)
            if group is None:
                continue  # an ask, a tool or a degree: no job of its own
            if part.startswith(_CURRENT_FRAME) and current:
                parts[index] = sentence_case(part.removeprefix(_CURRENT_FRAME))
            current = group in letter.current
        out.append("".join(parts))
    return out


def _as_written(told: Sequence[PointFact], text: str) -> list[PointFact]:
    """`told` with each sentence as the letter's `text` finally says it: the frame passes
    (`_frames_where_needed`, `_varied_frames`) reword "In my current role, …" in the
    paragraphs, and a template written from the plan must read the same words."""
    out = []
    for fact in told:
        if fact.sentence.startswith(_CURRENT_FRAME) and fact.sentence not in text:
            said = fact.sentence.removeprefix(_CURRENT_FRAME)
            variants = [sentence_case(said), *(frame + said for frame in _LATER_FRAMES)]
            variants += [f"Also in my current role, {said.replace('I also ', 'I ', 1)}"]
            written = next((v for v in variants if v in text), None)
            if written is not None:
                fact = fact.model_copy(update={"sentence": written})
        out.append(fact)
    return out


def _points_as_written(points: Sequence[LetterPoint], text: str) -> list[LetterPoint]:
    """Each point with its facts (`_as_written`) and its paragraph as the letter says them."""
    out = []
    for point in points:
        facts = _as_written(point.facts, text)
        paragraph = point.paragraph
        for before, after in zip(point.facts, facts, strict=True):
            paragraph = paragraph.replace(before.sentence, after.sentence)
        out.append(point.model_copy(update={"facts": facts, "paragraph": paragraph}))
    return out


_TOLD_CHARS = 15
"""The least of a bullet (after its verb) that tells which job a sentence is from."""


def _languages_asked(
    profile: Profile, lines: Sequence[LineMatch], said: str, title: str | None = None
) -> str | None:
    """One sentence on the languages the posting asks for that the profile lists and the
    letter has not named: "I speak Spanish (full professional proficiency)." The mapper
    decides which lines ask for a language the profile lists (`matching.lines`, evidence
    "speaks …"); a role `title` that names one asks for it too ("Spanish Teacher": a blind
    reader found the applicant's Spanish never said). A blind read found the applicant's
    Welsh and Spanish left out of letters for posts that asked for them (a language is no
    bullet the plan can tell). The fluency is the profile's own words."""
    asked = {
        int(found[1])
        for line in lines
        for evidence in line.evidence
        if evidence.why.startswith("speaks ")
        and (found := re.match(r"languages\[(\d+)\]", evidence.ref))
    }
    asked |= {
        index
        for index, entry in enumerate(profile.languages)
        if title
        and (name := (entry.language or "").strip())
        and name.lower() != "english"
        and re.search(rf"(?i)\b{re.escape(name)}\b", title)
    }
    spoken = []
    for index in sorted(asked):
        entry = profile.languages[index] if index < len(profile.languages) else None
        name = (entry.language or "").strip() if entry else ""
        if not entry or not name or re.search(rf"\b{re.escape(name)}\b", said):
            continue
        fluency = (entry.fluency or "").strip()
        spoken.append(f"{name} ({lower_first(fluency)})" if fluency else name)
    return f"I speak {join_and(spoken)}." if spoken else None


STUB_JOIN_WORDS = 90
"""The most words a paragraph may have once a one-sentence paragraph is joined to it
(`_joined_stubs`): past about 90, a paragraph of joined facts reads as a list (a letter
joined five facts into 109 words)."""
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)\s+(?=[A-Z\"“])")


def _joined_stubs(body: list[str], topical: set[str]) -> list[str]:
    """The body with each one-sentence paragraph that argues no ask of its own (no topic
    sentence) joined to the paragraph before it, while that stays short enough to read as
    one. A blind read of 15 letters found "one-sentence stub paragraphs" in all of them:
    a fact alone on its line reads as a pasted bullet, and the hand-written letters tell
    two or three facts a paragraph. The first body paragraph is never joined to the
    opening, which says who the applicant is.

    A paragraph that argues an ask (`topical`) takes a stub only when the stub goes on
    with the same job ("I also …", no "At …," or "In my current role," of its own): a
    result from elsewhere tacked onto it read, in a second blind read, as evidence for an
    ask it does not answer. Stubs from several jobs join each other instead."""
    out: list[str] = []
    argued = False  # whether out[-1] opens with a topic sentence
    for paragraph in body:
        one_sentence = not _SENTENCE_END.search(paragraph.strip())
        goes_on = paragraph.startswith("I ")
        if (
            out
            and one_sentence
            and paragraph not in topical
            and (goes_on or not argued)
            and len(out[-1].split()) + len(paragraph.split()) <= STUB_JOIN_WORDS
        ):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
            argued = paragraph in topical
    return out


def _fallback(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    opening: list[str],
    closing: str,
    greeting: str,
    voice: Voice,
    seed: tuple[object, ...],
    letter: _Letter,
    named: set[str],
    title: str | None,
) -> list[str]:
    """The body from ranked facts, for a posting with no backed requirement line, told
    in the applicant's voice as the planned paragraphs are (`_say`)."""
    citable = [r for r in result.ranked if r.fact.kind == "highlight" and _tellable(r.fact)]
    answered = [r for r in citable if r.answers]
    picked: list[RankedFact] = []
    covered: set[str] = set()
    for ranked in answered:
        if len(picked) >= voice.max_facts:
            break
        if not set(ranked.answers) <= covered or len(picked) < 2:
            picked.append(ranked)
            covered.update(ranked.answers)
    if not picked:
        # Nothing the posting names is shown: the profile's results closest to its words.
        picked = citable[:3]
    spare = [r for r in answered if r not in picked]  # never results that answer nothing
    credentials = _credentials(profile, analysis, result, said=" ".join(opening))

    def body(extra: int) -> list[str]:
        paragraphs = _body(picked + spare[:extra], seed, voice, letter, set(named), title)
        return [*paragraphs, credentials] if credentials else paragraphs

    extra = 0
    paragraphs = body(extra)
    while _words(opening, paragraphs, closing, greeting) < voice.min_words and extra < len(spare):
        extra += 1
        paragraphs = body(extra)
    while _words(opening, paragraphs, closing, greeting) > voice.max_words and len(picked) > 1:
        picked.pop()
        paragraphs = body(extra)
    words = _words(opening, paragraphs, closing, greeting)
    if words < voice.min_words:
        used = {r.fact.ref for r in picked + spare[:extra]}
        relevance = fact_relevance(result.match.lines)
        own_jobs = _jobs_in_profession(profile, title) & letter.current
        in_post = _in_the_post(own_jobs, relevance, used, letter, set(named))
        told = " ".join(f.sentence for f in in_post)
        if in_post and words + len(told.split()) <= voice.max_words:
            paragraphs.insert(len(paragraphs) - bool(credentials), told)
    return [" ".join(opening), *paragraphs]


_INFORMAL_VISIT = re.compile(r"(?i)\binformal visits?\b")
"""A posting that offers informal visits (245 of the 991 dev postings, nearly all NHS ones,
and never to refuse one): the closing takes the offer up, as a hand-written letter does."""
_CITED_KINDS = frozenset({"highlight", "project", "publication"})
POINT_MIN = 0.3
"""The least evidence score an ask needs to get a paragraph. Below it the fact shares a
word or two with the ask but does not answer it ("Two years of experience with
statistical and data visualization skills" told by an intent classifier at 0.18, "Be
punctual and prepared for every class" by a pass-rate result at 0.34 is kept): a blind
read found 21 of 30 letters pairing an ask with evidence that did not answer it."""
WORDS_POINT_MIN = 0.5
"""The least evidence score for a fact that shares only words with the ask
(`LineEvidence.by_words_only`): on the 30 labelled dev pairs such evidence between 0.2
and 0.5 was a fact the labels back for the line 43 % of the time (33 of 77), concept
evidence between 0.3 and 0.5 82 % (9 of 11)."""
_ORDER = {"required": 0, "preferred": 1, "unspecified": 2}
UNNAMED_ASK = 0.5
"""How much an ask the letter cannot name in a topic sentence is worth beside one it can.
Such a line is mostly the ad's story ("This is a great opportunity to join a new
multidisciplinary team…", "We are seeking a talented and experienced … nurse who…") or a
bare heading ("Teacher"); its paragraph opened with a fact and no word of why (22 of 51
paragraphs in 80 dev letters), so an ask that can be said comes first when the evidence
is near."""


def _nameable(text: str, voice: Voice, letter: _Letter) -> bool:
    """Whether the ask `text` can open a paragraph: restated (`_topic`) in words the
    profile's grounding accepts, whole or cut to the alternatives it holds."""
    for ask in (text, _held_alternatives(text, letter)):
        if ask and (topic := _topic(ask, voice, ("nameable",), set())) and letter.grounded(topic):
            return True
    return False


def _plan(
    lines: list[LineMatch],
    facts: dict[str, Fact],
    letter: _Letter,
    named: set[str],
    voice: Voice,
    seed: tuple[object, ...],
    limit: int,
    extras: bool = True,
    second_min: float | None = None,
) -> list[LetterPoint]:
    """The posting's most important asks that the profile backs best, each with its facts.

    An ask is a scored requirement line the mapper found backed (or partly backed);
    it is worth its importance times the strength of its evidence. The best asks are
    taken one by one, each with one or two facts no earlier ask used, so that no
    achievement is told twice; the paragraphs then follow the posting's importance
    (required first) and its order.
    """
    scored = []
    for index, line in enumerate(lines):
        if line.status not in ("backed", "partial"):
            continue
        if line.kind in ("licence", "qualification") and credential_refs(line):
            # Shown by the credential (in the opening when required, `_held_credentials`),
            # never argued from a bullet: "Baccalaureate degree required; Special Education
            # preferred" was answered with an IEP result.
            continue
        cited = [e for e in line.evidence if e.ref in facts and _tellable(facts[e.ref])]
        if not cited:
            # A role cited by its position ("Staff Nurse (Band 5), Acute Medical Unit") is
            # told by that job's own summary ("I was a staff nurse on a 42-bed …").
            cited = [
                e.model_copy(update={"ref": summary})
                for e in line.evidence
                if e.ref.endswith(".position")
                and (summary := e.ref.removesuffix(".position") + ".summary") in facts
                and _tellable(facts[summary])
            ][:1]
        if not cited and line.kind not in ("licence", "qualification"):
            # The cited facts are a summary or a skill: tell the best fact that also backs
            # it (a credential is shown by the credential, never argued from a bullet).
            also = line.alternatives
            cited = [e for e in also if e.ref in facts and _tellable(facts[e.ref])][:1]
        # Evidence that shares only words with the ask must be surer than evidence that
        # shares a concept: "… real-time and offline feature databases" was answered with
        # "an offline evaluation and diagnostics suite" (words build, offline; 0.36).
        cited = [e for e in cited if not e.by_words_only or e.score >= WORDS_POINT_MIN]
        if not cited or max(e.score for e in cited) < POINT_MIN:
            continue
        strength = max(e.score for e in cited) * (1.0 if line.status == "backed" else 0.6)
        if cited[0] not in line.evidence:
            strength *= 0.5  # told from an alternative: after the asks its evidence answers
        if not _nameable(line.text, voice, letter):
            strength *= UNNAMED_ASK
        scored.append((LINE_WEIGHTS[line.importance] * strength, index, line, cited))
    scored.sort(key=lambda item: (-item[0], item[1]))
    used: set[str] = set()
    chosen: list[tuple[int, LineMatch, list[Fact]]] = []
    relevance = fact_relevance(lines)
    for _, index, line, cited in scored:
        if len(chosen) >= limit:
            break
        unused = [e for e in cited if e.ref not in used]
        # A staff nurse post is argued from nursing: a healthcare assistant's duty is told
        # only when nothing from the profession backs the ask.
        own = [e for e in unused if _group_of(e.ref) not in letter.other_trades]
        fresh = (own or unused)[: voice.facts_per_point]
        if not fresh:
            continue
        used.update(e.ref for e in fresh)
        chosen.append((index, line, [facts[e.ref] for e in fresh]))
    # Once every ask has its own evidence, a job summary or a project description told
    # alone gets a result of its own job or project: one no other paragraph tells.
    for number, (index, line, told) in enumerate(chosen):
        if all(_describes(fact) for fact in told):
            told = _with_own_result(told, line, facts, used, relevance, voice.facts_per_point)
            used.update(fact.ref for fact in told)
            chosen[number] = (index, line, told)
    if extras:
        chosen = _with_second_facts(
            chosen,
            facts,
            used | _in_groups(facts, set(letter.other_trades)),
            voice.facts_per_point,
            SECOND_FACT_MIN if second_min is None else second_min,
        )
    chosen.sort(key=lambda item: (_ORDER[item[1].importance], item[0]))
    chosen = _role_with_first_mention(chosen)
    points: list[LetterPoint] = []
    last_group: str | None = None
    frames: set[str] = set()  # no topic frame twice in one letter
    told_tools: set[str] = set()  # the skills a tools sentence has named
    # A job summary a paragraph tells as evidence is not also said as another's context.
    in_paragraphs = frozenset(f.ref for _, _, told_facts in chosen for f in told_facts)
    for number, (_, line, cited_facts) in enumerate(chosen):
        # A frame counts as used only when its sentence is kept: a refused restatement
        # must not leave the letter short of frames (two paragraphs opening alike).
        trial = set(frames)
        opened = points[-1].paragraph.split(maxsplit=1)[0] if points else ""
        topic = _topic(line.text, voice, (*seed, number), trial, opened)
        if topic and not letter.grounded(topic):
            # "Experience in Python, Scala, Java or R": the alternatives the profile has.
            held = _held_alternatives(line.text, letter)
            trial = set(frames)
            topic = _topic(held, voice, (*seed, number), trial, opened) if held else ""
            if topic and not letter.grounded(topic):
                topic = ""
        if topic:
            frames = trial
        said = _say(cited_facts, letter, named, told=in_paragraphs)
        if said and cited_facts[0].group and cited_facts[0].group == last_group:
            # The paragraph before ended in the same job: no need to say where again.
            said[0] = said[0].model_copy(update={"sentence": _unframed(said[0].sentence)})
        last_group = cited_facts[-1].group if cited_facts else None
        tools = _tools_sentence(line, facts, letter, told_tools, " ".join(f.sentence for f in said))
        if tools is not None:
            said.append(tools)
            told_tools.update([tools.ref, *tools.merged])
        points.append(
            LetterPoint(
                ask=line.text,
                importance=line.importance,
                topic=topic,
                facts=said,
                paragraph=" ".join([*([topic] if topic else []), *(f.sentence for f in said)]),
            )
        )
    return points


_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$|^\s+|\s+$")
MAX_TOOLS = 4
"""Skills a tools sentence names at most."""


def _tool_refs(profile: Profile, taxonomy: Taxonomy) -> frozenset[str]:
    """The skill keywords every concept of which the taxonomy calls a tool ("Python",
    "Canvas"), not a skill or a field ("Parent communication", "Acute medicine"): "I have
    worked with acute medicine" is no sentence."""
    from tailor.profile.facts import iter_facts

    keywords = tuple(
        (fact.ref, fact.text)
        for fact in iter_facts(profile)
        if fact.kind == "skill" and ".keywords[" in fact.ref
    )
    return _tools_among(keywords, taxonomy)


@lru_cache(maxsize=32)
def _tools_among(keywords: tuple[tuple[str, str], ...], taxonomy: Taxonomy) -> frozenset[str]:
    """The refs of `keywords` (ref, text) that name tools; remembered, as a bulk run meets
    the same profile for every posting."""
    out = set()
    for ref, text in keywords:
        ids = skill_ids(text, taxonomy)
        kinds = {skill.kind for i in ids if (skill := taxonomy.get(i)) is not None}
        if kinds == {"tool"}:
            out.add(ref)
    return frozenset(out)


def _tools_sentence(
    line: LineMatch, facts: dict[str, Fact], letter: _Letter, told: set[str], paragraph: str
) -> PointFact | None:
    """The profile's skills the mapper cites for an ask by name or concept ("SQL",
    "PostgreSQL" for "Advanced SQL skills"; "Google Classroom" for "experience with online
    learning platforms"), said after the results that argue it: "I have worked with SQL
    and PostgreSQL." Only tools (`_Letter.tools`), cited by name or concept, never by a
    shared word alone; never one an earlier paragraph named, nor one the paragraph's own
    results already name ("… I developed Python services …" needs no "I have worked with
    Python.")."""
    found: list[Fact] = []
    for evidence in [*line.evidence, *line.alternatives]:
        fact = facts.get(evidence.ref)
        if (
            fact is None
            or fact.ref not in letter.tools
            or evidence.by_words_only
            or evidence.score < POINT_MIN
            or fact.ref in told
            or any(f.text == fact.text for f in found)
            # "SQL (PostgreSQL, BigQuery)" is said by "… the nightly reporting SQL …".
            or re.search(rf"(?i)(?<!\w){re.escape(_BRACKETED.sub('', fact.text))}(?!\w)", paragraph)
        ):
            continue
        found.append(fact)
    names = [f.text.strip() for f in found[:MAX_TOOLS]]
    if not names:
        return None
    said = f"I have worked with {join_and(names)}."
    if not letter.grounded(said):
        return None
    return PointFact(
        ref=found[0].ref,
        text=found[0].text,
        sentence=said,
        employer=None,
        role=None,
        dates=None,
        tense="past",
        merged=[f.ref for f in found[1:MAX_TOOLS]],
    )


def _role_with_first_mention(
    chosen: list[tuple[int, LineMatch, list[Fact]]],
) -> list[tuple[int, LineMatch, list[Fact]]]:
    """A job's summary (what the job was) told beside a result in a later paragraph than
    the job's first one is left out there: the letter says what the job was with its
    first result ("At Copperline Logistics, where I was a backend engineer on …, I
    developed …"), not in the second paragraph about it, after the first has named
    the employer bare."""
    first: dict[str | None, int] = {}
    for number, (_, _, told) in enumerate(chosen):
        for fact in told:
            first.setdefault(fact.group, number)
    out = []
    for number, (index, line, told) in enumerate(chosen):
        kept = [
            fact
            for fact in told
            if not (_job_summary(fact) and first[fact.group] < number and len(told) > 1)
        ]
        out.append((index, line, kept))
    return out


_OPENING_MIN = 0.5
"""The least relevance (`fact_relevance`) a result needs to be named in the opening: it
speaks to at least one of the posting's asks about as well as a cited fact does."""


def _in_groups(facts: dict[str, Fact], groups: set[str]) -> set[str]:
    return {ref for ref, fact in facts.items() if fact.group in groups}


def _opening_result(
    relevance: dict[str, Relevance], facts: dict[str, Fact], used: set[str]
) -> Fact | None:
    """The result, beyond those the paragraphs tell, that speaks most to the posting's
    asks: it backs some scored line (`Relevance.backs`) and weighs most over all of them.
    A letter's opening says who the applicant is and what they have done that matters
    here: a job's result, not a job summary or a skill, and not a project's detail ("For
    the falls project, I presented its results…" reads as a sequel before the story)."""
    ranked = _best_results(relevance, facts, used)
    return ranked[0] if ranked else None


def _best_results(
    relevance: dict[str, Relevance], facts: dict[str, Fact], used: set[str]
) -> list[Fact]:
    """Job results that back some scored line, most relevant to the posting first."""
    ranked = sorted(
        (
            (r.score, ref)
            for ref, r in relevance.items()
            if r.backs
            and r.score >= _OPENING_MIN
            and ref not in used
            and ref in facts
            and (facts[ref].group or "").startswith(("work[", "volunteer["))
            and facts[ref].kind in _CITED_KINDS
            and not _job_summary(facts[ref])
            and _tellable(facts[ref])
        ),
        key=lambda item: (-item[0], item[1]),
    )
    return [facts[ref] for _, ref in ranked]


MORE_RESULTS = 2
"""Results a short letter adds, after its asks, when the posting's lines weigh them."""


def _more_results(
    relevance: dict[str, Relevance], used: set[str], letter: _Letter, named: set[str]
) -> list[PointFact]:
    """For a letter still short after its asks, the next results that speak most to the
    posting (each backs a scored line, as the opening's does), told in the applicant's
    voice: evidence the asks' paragraphs had no room to argue from, never padding with
    results that answer nothing."""
    elsewhere = _in_groups(letter.facts, set(letter.other_trades))
    chosen = _best_results(relevance, letter.facts, used | elsewhere)[:MORE_RESULTS]
    order = list(letter.facts)
    chosen.sort(key=lambda f: order.index(f.ref))  # in the profile's order: current job first
    return _say(chosen, letter, named, told=frozenset(used))


def _with_own_result(
    told: list[Fact],
    line: LineMatch,
    facts: dict[str, Fact],
    used: set[str],
    relevance: dict[str, Relevance],
    most: int,
) -> list[Fact]:
    """A job summary or a project description told alone says what the job or project
    was, not what the applicant did in it ("At Copperline Logistics, I was a backend
    engineer on the routing and reporting platform …" for "Solid experience with
    Python"; "The Ward 14 falls-prevention project is a quality improvement project …"):
    it is followed by that job's or project's result that speaks most to the ask (the
    fact model's weight for the line, then for the whole posting), or gives way to it
    when the tone tells one fact per ask. A result nothing in the posting weighs is
    never added."""
    summary = told[0]
    group = summary.group or ""
    candidates = [
        fact
        for ref, fact in facts.items()
        if fact.group == group
        and ref not in used
        and fact.kind in _CITED_KINDS
        and not _describes(fact)
        and ref in relevance
        and _tellable(fact)
    ]
    if not candidates:
        return told
    best = max(
        candidates,
        key=lambda fact: (line.support.get(fact.ref, 0.0), relevance[fact.ref].score),
    )
    return [summary, best] if most > 1 else [best]


SECOND_FACT_MIN = 0.45
"""The least probability (the fact model's, `LineMatch.support`) a fact no line cites
needs to join a paragraph as its second proof."""


SHORT_SECOND_FACT_MIN = CITE
"""...and in a letter still short of its length (`Voice.min_words`): what the mapper cites."""


def _with_second_facts(
    chosen: list[tuple[int, LineMatch, list[Fact]]],
    facts: dict[str, Fact],
    used: set[str],
    most: int,
    least: float = SECOND_FACT_MIN,
) -> list[tuple[int, LineMatch, list[Fact]]]:
    """Each ask told by one fact gets a second when the fact model finds another result
    that speaks to it about as well ("Plans and delivers math curriculum" -> the lesson
    result, then "Integrated hands-on math centers that raised the math pass rate…"): a
    paragraph argues from two proofs, not one pasted bullet. A fact is never told twice."""
    out = []
    for index, line, told in chosen:
        if len(told) < most:
            ranked = sorted(line.support.items(), key=lambda item: (-item[1], item[0]))
            for ref, probability in ranked:
                if probability < least:
                    break
                fact = facts.get(ref)
                if (
                    fact is not None
                    and ref not in used
                    and fact.kind in _CITED_KINDS
                    and not _job_summary(fact)
                    and _tellable(fact)
                ):
                    used.add(ref)
                    told = [*told, fact]
                    if len(told) >= most:
                        break
        out.append((index, line, told))
    return out


def _tellable(fact: Fact) -> bool:
    """Whether the letter can tell `fact` as a sentence of its own: a publication, a
    project, or a bullet that begins with a verb. A verbless bullet ("Regularly nurse in
    charge, …", "Controlled drugs duties - CD register checks") would need a frame ("My
    record includes:") that reads as a pasted stub."""
    if _job_summary(fact):
        return _role_sentence(fact, "past") is not None
    if fact.kind not in _CITED_KINDS:
        return False
    if fact.kind != "highlight":
        return True
    parts = re.split(r"\s+[-–—]\s+", fact.text, maxsplit=1)
    if len(parts) == 2 and not sentence(parts[1], "past").verb_first:
        return False  # "Label - a list of nouns": no verb to tell it by
    # "Potty training, diapering, meals and naps, …": a list of duties says itself in
    # "My work included …" (`voice.framed`).
    return sentence(fact.text, "past").verb_first or framed(fact.text, "past") is not None


def _say(
    facts: list[Fact],
    letter: _Letter,
    named: set[str],
    *,
    context: bool = True,
    told: frozenset[str] = frozenset(),
) -> list[PointFact]:
    """Each fact as a first-person sentence, its employer named where first needed.

    A job's duties are in the present while the job lasts; results (past verbs)
    stay past. The employer is named in full the first time the letter cites it, then
    as "my current role" or not at all within the paragraph.
    """
    out = []
    previous: str | None = None
    described: dict[str, tuple[str, str]] = {}  # a project's description (and its ref)
    roles: dict[str, tuple[str, str]] = {}  # a job's summary as a role (and its ref)
    for number, fact in enumerate(facts):
        group = fact.group or ""
        following = facts[number + 1] if number + 1 < len(facts) else None
        as_role = _as_role(fact, following, letter)
        if as_role:
            # "As a senior staff nurse on a 28-bed respiratory ward …, I coordinate the
            # ward …": what the job is, as the frame of what the applicant does in it,
            # never "I am a senior staff nurse …" after an opening that said so.
            roles[group] = (as_role, fact.ref)
            continue
        if (
            group.startswith("projects[")
            and fact.ref.endswith(".description")
            and following is not None
            and following.group == group
            and first_person(following.text).startswith("I ")
        ):
            # "For the Ward 14 falls-prevention project, a quality improvement project
            # reducing inpatient falls on a respiratory ward, I presented …": what the
            # project was, as the apposition of what the applicant did in it.
            described[group] = (lower_first(fact.text.strip().rstrip(".")), fact.ref)
            continue
        tense: Tense = "present" if group in letter.current else "past"
        merged: list[str] = []
        job = _job(letter.profile, group)
        employer = job.name if job else None
        role = job.position if job else None
        dates = date_range(job.startDate, job.endDate) if job else None
        if fact.kind == "publication":
            found = re.match(r"publications\[(\d+)\]", fact.ref)
            verb = _authored(letter.profile, int(found.group(1))) if found else "published"
            paper = letter.profile.publications[int(found.group(1))] if found else None
            where = f" ({fact.source})" if fact.source else ""
            if fact.ref.endswith(".summary") and paper is not None and paper.name:
                # What the paper shows, under its title: a blind reader found the summary
                # quoted as if it were the title ("I published “Shows that routing …”").
                text = _paper_summary(paper.name, where, fact.text, verb)
            else:
                text = f"I {verb} \u201c{fact.text.rstrip('.')}\u201d{where}."
        elif group.startswith("projects["):
            # The project the sentence before named is "that project", not its name again.
            name = fact.source or "a personal project"
            if group in described:
                about, description = described.pop(group)
                merged.append(description)
                text = _described_project(name, about, fact.text)
            else:
                text = _project_sentence(
                    name, fact.text, again=group == previous, ended=_ended(letter, group)
                )
            tense = "past"
        else:
            role_said = _role_sentence(fact, tense) if _job_summary(fact) else None
            said = sentence(fact.text, tense)
            text = role_said or (
                said.text if said.verb_first else framed(fact.text, tense) or said.text
            )
            was = (
                _job_context(letter, group, fact, employer, named)
                if context and f"{group}.summary" not in told and group not in roles
                else None
            )
            if was and employer and text.startswith("I "):
                # "At Quayside Media, where I was an ML engineer on the content
                # intelligence team …, I fine-tuned …": what the job was, once.
                text = f"At {_place(employer)}, where I was {_short_role(was)}, {text}"
                named.add(employer)
            elif was and employer:
                text = f"At {_place(employer)}, I was {was}. {text}"
                named.add(employer)
            elif employer and group != previous:
                if group in letter.current and role_said:
                    pass  # "I am a senior staff nurse on …" says it is the current role
                elif group in letter.current and text.startswith(_MY_WORK):
                    # Not "In my current role, my work includes …".
                    text = f"My current role includes {text.removeprefix(_MY_WORK)}"
                elif group in letter.current and (employer in named or previous is not None):
                    text = f"In my current role, {_lower_i(text)}"
                elif employer in named and employer in letter.current_employers and role_said:
                    # "I was a staff nurse on a 42-bed acute medical unit …" names the role
                    # itself: "In my previous role there, I was a staff nurse" says it twice.
                    when = (
                        "Before my current role"
                        if _just_before(letter, group, employer)
                        else "Earlier"
                    )
                    text = f"{when}, {_lower_i(text)}"
                elif employer in named and employer in letter.current_employers:
                    when = "my previous" if _just_before(letter, group, employer) else "an earlier"
                    text = f"In {when} role there, {_lower_i(text)}"
                elif previous is not None and _employer_of(letter, previous) == employer:
                    # An earlier job at the employer the sentence before told ("At
                    # Sunnyside …, I planned … At Sunnyside …, I helped …" read as a
                    # form to a blind reader).
                    later = _index_of(group) > _index_of(previous)
                    text = f"{'Before that' if later else 'Later'}, {_lower_i(text)}"
                else:
                    # Named again when the facts move to another job: no result may read
                    # as if it happened where the one before it did.
                    text = f"At {_place(employer)}, {_lower_i(text)}"
                named.add(employer)
        if group in roles:
            role_phrase, summary = roles.pop(group)
            text = _in_the_role(text, role_phrase, "am" if tense == "present" else "was")
            merged.append(summary)
        previous = group
        out.append(
            PointFact(
                ref=fact.ref,
                text=fact.text,
                sentence=text,
                employer=employer,
                role=role,
                dates=dates,
                tense=tense,
                merged=merged,
            )
        )
    return out


_MY_WORK = "My work includes "
"""How `voice.framed` tells a list of duties in the current job."""


def _paper_summary(name: str, where: str, summary: str, verb: str) -> str:
    """A paper's summary told under its title: "My paper “Route-and-Distil: …” (Workshop on
    …) shows that routing …" when the summary speaks of the paper ("Shows …",
    "Proposes …"), else "I {verb} “…” (…): {the summary}"."""
    body = summary.strip().rstrip(".")
    first = body.split(maxsplit=1)[0] if body else ""
    titled = f"\u201c{name.rstrip('.')}\u201d{where}"
    lemmas = getAllLemmas(first.lower(), upos="VERB").get("VERB", ())
    if first.endswith("s") and any(
        first.lower() == f"{lemma}s" or first.lower() == f"{lemma}es" for lemma in lemmas
    ):
        return f"My paper {titled} {lower_first(body)}."
    return f"I {verb} {titled}: {lower_first(body)}."


def _employer_of(letter: _Letter, group: str) -> str | None:
    job = _job(letter.profile, group)
    return job.name if job else None


def _index_of(group: str) -> int:
    """The position of "work[2]" in its list: a profile lists its jobs latest first."""
    found = re.search(r"\[(\d+)\]", group)
    return int(found.group(1)) if found else -1


def _as_role(fact: Fact, following: Fact | None, letter: _Letter) -> str | None:
    """The role a job's summary names ("a senior staff nurse on a 28-bed respiratory
    ward …"), when the next fact told is a result of the same job the applicant tells in
    the first person; else None."""
    if following is None or following.group != fact.group or not _job_summary(fact):
        return None
    if not (fact.group or "").startswith("work[") or _job_summary(following):
        return None
    tense: Tense = "present" if fact.group in letter.current else "past"
    role = _role(fact)
    if role is None or not sentence(following.text, tense).text.startswith("I "):
        return None
    return _short_role(role)


def _short_role(role: str) -> str:
    """A role phrase without its trailing clause: "an ML engineer on the content
    intelligence team of a digital news and magazine publisher, working on text
    classification, …" frames a result as "an ML engineer on the content intelligence
    team of a digital news and magazine publisher"."""
    return role.split(", ", 1)[0]


def _in_the_role(text: str, role: str, verb: str) -> str:
    """`text` ("At Copperline Logistics, I developed …", "In my current role, I
    coordinate …") told in `role`: "At Copperline Logistics, where I was a backend
    engineer on …, I developed …", "As a senior staff nurse on …, I coordinate …"."""
    frame = _FRAME.match(text)
    said = text[frame.end() :] if frame else text
    if frame and frame.group(0).startswith("At "):
        return f"{frame.group(0)[:-2]}, where I {verb} {role}, {said}"
    return f"As {role}, {said}"


def _named_in(points: list[LetterPoint]) -> set[str]:
    return {f.employer for p in points for f in p.facts if f.employer}


def _lower_i(text: str) -> str:
    """The sentence after a frame ("At X, I led…"): only "I" keeps its capital."""
    return text if text.startswith("I ") else lower_first(text)


def _job(profile: Profile, group: str) -> Work | None:
    if group.startswith("work["):
        index = int(group[5:].split("]", 1)[0])
        return profile.work[index] if index < len(profile.work) else None
    return None


def _current_jobs(profile: Profile) -> frozenset[str]:
    return frozenset(
        f"work[{i}]" for i, job in enumerate(profile.work) if job.endDate in (None, "", "present")
    )


_LEADS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # "As Deputy Ward Manager, your role will be to co-ordinate …", "Supporting the ward
        # manager you will provide …", "As a Community Nurse working in … you will provide
        # …": where the ad places the applicant, before what it asks of them.
        (
            r"^(?:as(?! well as\b)|supporting)\b[^,.;]{3,80}?,?\s+"
            r"(?=(?:you|your role)\s+(?:will|would|must|should)\b)"
        ),
        r"^your (?:role|job) will be to\s+",
        # "Are you an inspiring and independent leader?", "Do you have experience of …?",
        # "Can you write a technical proposal …?": whom the ad seeks, asked as a question.
        r"^(?:are|were) you\s+(?=\S)",
        r"^(?:do|does) you (?:have|hold|possess|bring)\s+",
        r"^can you\s+",
        # "The Substitute Teacher will ensure …", "The Senior Sister / Senior Charge Nurse
        # are expected to support …": the post's own title as the subject (not the
        # employer's offer: "The Royal Free will support you to …").
        (
            r"^the (?:(?-i:[A-Z])[\w&'’-]*(?: (?:/|and|of|&))? ){1,7}?(?:will|must|should|"
            r"(?:is|are) expected to)\s+(?!.*\byou(?:r|rs|rself)?\b)"
        ),
        (
            # "The successful candidate will demonstrate …", "You should be committed to and
            # have proven ability to …", "The applicant needs to have …", "Successful
            # candidates will author …", "You will need to have …"
            r"^(?:the )?(?:successful |ideal )?(?:candidates?|post ?holders?|applicants?|person|"
            r"individuals?|you)(?: will need to| will| should| must| would| shall| needs? to|"
            r" (?:is|are) expected to)?"
            r"(?: also| ideally)?"
            r"(?: be (?:expected|required|able|asked|committed) to(?: and)?)?"
            r"(?: (?:have|has|demonstrate|show|possess|bring)(?= \w))?"
            r"(?: (?:an? |the )?(?:proven |demonstrable |demonstrated |strong |excellent |good )?"
            r"(?:ability|able) to)?\s+"
        ),
        (
            r"^(?:we are|we're|we) (?:looking for|seeking|recruiting|want|need)\b[^,;]{0,80}?"
            r"\b(?:to|who (?:can|will|is able to))\s+"
        ),
        (
            r"^(?:please )?(?:be aware|note)(?: that)?\s+(?:(?:this|the (?:role|post)) )?(?:will )?"
            r"(?:also )?(?:include|involve)s?\s+"
        ),
        r"^(?:this|the) (?:role|post|position) (?:will )?(?:also )?(?:include|involve)s?\s+",
        r"^(?:you will |to )?(?:be )?(?:responsible for|required to)\s+",
        (
            r"^(?:an? )?(?:demonstrable |demonstrated |proven |strong |excellent |good |sound )?"
            r"(?:ability|able) to\s+"
        ),
        r"^to\s+",
        # "Must be comfortable teaching online", "Must adhere to weekly class schedule":
        # the ask without its modal.
        r"^(?:must|should|shall|will)(?: also)?\s+(?=be\b)",
        r"^(?:must|should|shall)(?: also)?\s+(?=[a-z]+\b)",
        r"^(?:have|possess|bring|demonstrate)\s+(?=(?:a|an|the|strong|good|excellent|solid)\b)",
    )
]
_CUT = re.compile(r"\s*(?:[;:(]|\be\.g\.|\bsuch as\b|\bincluding\b|[.!?]\s+(?=[A-Z]))")
"""Where an ask's first part ends: a list, an example, or a second sentence ("… stay
current with academic research. Published research a plus.")."""
_MAX_ASK_WORDS = 14
BRIEF_ASK_WORDS = 7
"""An ask longer than this is restated without its purpose, manner or place when it has one."""
_TAIL = re.compile(
    r"\s+(?:in order to|so that|so as to|to ensure|based (?:up)?on|in accordance with|"
    r"according to|in line with|within|across|throughout|"
    r"to (?=[a-z]+ (?:the|a|an|their|your|all|every)\b))"
)
"""Where a long ask's purpose or manner begins: what is cut when the ask is too long."""


_YEARS = re.compile(
    # Not a deadline: "… Rater Reliability Test within 3 months of hire" keeps its months.
    # Nor whom the job serves: "children ages 12-24 months" keeps its ages.
    r"(?i)(?<!within )(?<!\bin )(?<!after )(?<!before )(?<!every )(?<!ages )(?<!aged )"
    r"(?<!\bage )(?<!-)"
    r"\b(?:(?:at least|a minimum of|minimum(?: of)?|over|more than)\s+)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*\+?\s*"
    r"(?:(?:-|–|to)\s*\d+\s*)?(?:\+\s*)?(?:years?|yrs|months?)['’]?\s*(?:of\s+)?"
)


def _topic(
    text: str,
    voice: Voice,
    seed: tuple[object, ...],
    frames: set[str] | None = None,
    opened: str = "",
) -> str:
    """The paragraph's opening: the ask in the posting's words, as a sentence of the letter.

    "The ability to lead a team and support junior staff members is essential." ->
    "You need someone who can lead a team and support junior staff members." A line
    too long or too tangled to restate gets no topic sentence ("" ): its evidence opens
    the paragraph, rather than a stock sentence claiming a fit.
    """
    # "•experience working within the NHS": a list mark the ad ran into its item.
    ask = _CUT.split(text.strip().strip("*_ ").lstrip("•·▪●◦‣∙ "), maxsplit=1)[0]
    ask = ask.strip().rstrip(".,!?*_")
    whole = ask
    for lead in _LEADS:
        ask = lead.sub("", ask, count=1)
    if ask != whole and ask[:1].isupper() and not ask.startswith("I "):
        # "… looking for someone to Bundle of Joy Centers": what follows the lead is a
        # name, not an ask.
        return ""
    # "excellent communication skills, have the ability to manage …, whilst …": the first
    # ask of a sentence that goes on to others.
    # ("…, is currently seeking…" is no such sentence: what comes before is its subject.)
    ask = re.split(r",\s+(?:and\s+)?(?:have|has|be|whilst|while|as well as)\b", ask)[0]
    # "hands-on experience of deep learning and familiar with toolkits": a noun phrase
    # and then a quality, which no one frame restates; the first ask alone.
    ask = re.split(
        r"(?i),?\s+and\s+(?=(?:familiar|proficient|comfortable|confident|skilled|"
        r"knowledgeable|able|willing)\b)",
        ask,
    )[0]
    ask = re.sub(r",?\s+(?:is|are) (?:essential|desirable|required|preferred)$", "", ask)
    ask = re.sub(r",?\s+(?:is|would be) (?:an? )?(?:advantage|plus|bonus)$", "", ask)
    ask = re.sub(r"(?i),?\s+(?:preferred|required|desired|desirable|essential)$", "", ask)
    # "5+ years of experience in Python" -> "experience in Python": the letter restates
    # what is asked, and a count of years beside a fact reads as a claim to have them.
    # "Proven experience of 8+ years as a …" -> "proven experience as a …".
    ask = _YEARS.sub("", ask).strip()
    ask = re.sub(r"(?i)\b(?:of|with|for)\s+(?=(?:as|in|with|of|at)\b)", "", ask)
    if not _restatable(ask):
        return ""
    if re.search(
        r"(?i)\b(?:is|are|was|were|will|would|can|could|may|must|should|shall|include|"
        r"includes|has|have|offers?)\b",
        ask,
    ):
        return ""  # a clause ("prior experience is not required, but a plus"), not an ask
    if re.match(r"(?i)be\s+\w+ing\b", ask):
        # "You will be joining other … data scientists": the ad's story of the job, not
        # something the applicant can be asked to be able to do.
        return ""
    words = ask.split()
    full = ask
    if len(words) > BRIEF_ASK_WORDS:
        # A topic names the ask; it need not recite its purpose or place ("committed to
        # leading the ward team [to provide the highest standard of nursing care]"). 38 of
        # 39 letters with a run of 8+ words copied from the posting had it in a topic.
        for tail in _TAIL.finditer(ask):
            brief = ask[: tail.start()].split()
            if len(brief) >= 3 and _whole(" ".join(brief)):
                ask, words = " ".join(brief), brief
                break
    if len(words) > _MAX_ASK_WORDS:
        # The ask without its purpose or manner ("… with parents to provide the best
        # possible care", "… instruction based upon specific standards"), else up to a comma.
        head = _TAIL.split(ask, maxsplit=1)[0]
        # "provide support, supervision and guidance to … and support the operational
        # management of the ward": the first of two duties, each a verb and its object.
        second = re.search(r"\s+and\s+(?:(\w+)\s+(?:the|a|an|their|your|all)|be)\b", head)
        if (
            second
            and second.start() > 15
            and "VERB" in getAllLemmas((second.group(1) or "be").lower())
            and "VERB" in getAllLemmas(words[0].lower())
        ):
            head = head[: second.start()]
        cut = ask.rfind(",", 0, len(" ".join(words[:_MAX_ASK_WORDS])))
        fits = 3 <= len(head.split()) <= _MAX_ASK_WORDS
        # Never inside a list ("… to create, train, and refine pipelines" is no
        # "… to create, train"): the comma must end a clause, not an item.
        in_a_list = (
            re.match(r",\s*(?:and|or)\b|,\s*[\w-]+\s*,|,\s*[\w-]+\s+(?:and|or)\b", ask[cut:])
            if cut > 0
            else None
        )
        ask = head if fits else ask[:cut] if cut > 15 and not in_a_list else ""
    if ask != full:
        # "… to a range of housebound patients and help (to manage their care)": a verb
        # left without its object when the purpose was cut.
        dangling = re.search(r"\s+(?:and|or)\s+(\w+)$", ask)
        verb = dangling.group(1) if dangling else ""
        if dangling and not verb.endswith("s") and "VERB" in getAllLemmas(verb.lower()):
            ask = ask[: dangling.start()]
    # "… to make product improvements, (and propose …)": no comma left before the stop.
    ask = re.sub(r"(?i),?\s+etc\.?$", "", ask).strip().rstrip(",;:").strip()
    if len(ask.split()) < 2:
        return ""
    if re.match(r"(?i)(?:we|our|your|you|please|this|there|it)\b", ask):
        return ""  # not restated: a sentence of the ad's own
    if not _whole(ask):
        return ""
    hands_on = bool(re.match(r"(?i)hands[- ]on\b", ask))  # an adjective, not "hand on"
    ask = lower_first(ask)
    adverb, _, after = ask.partition(" ")
    if set(getAllLemmas(adverb)) == {"ADV"} and after:
        # "Consistently reviews and analyzes …": the verbs after the adverb are put in
        # their base form and set the frame ("You need someone who can consistently
        # review …", never "puts weight on consistently reviews").
        ask = f"{adverb} {base_verbs(after)}"
    elif not hands_on:
        ask = base_verbs(ask)
        adverb = ""
    else:
        adverb = ""
    ask = re.sub(r"\bus\b", "you", re.sub(r"\bour\b", "your", ask))
    # "a proven track record of …": the one count noun asks begin with bare.
    ask = re.sub(
        r"^((?:proven|strong|demonstrable|demonstrated|solid|good) )?track[- ]record\b",
        lambda m: f"a {m.group(0)}",
        ask,
    )
    first, _, rest = ask.removeprefix(f"{adverb} " if adverb else "").partition(" ")
    first = first.rstrip(",;")  # "refactor, deploy, and validate models"
    choices = first.split("/")
    if len(choices) > 1 and all(c and "VERB" in getAllLemmas(c.lower()) for c in choices):
        # "lead/coordinate shifts": verbs to choose from, "lead or coordinate shifts".
        ask = ask.replace(first, " or ".join(choices), 1)
        first = choices[0]
    forms = set(getAllLemmas(first))
    if hands_on:
        options = voice.noun_topics
    elif (
        ("ADJ" in forms or first.endswith("ed"))
        and re.match(r"(?:with|in|at|about|of|on|around|to)\b", rest)
    ) or (first in _BEFORE_A_GERUND and re.match(r"[a-z]+ing\b", rest)):
        # "Familiar with SQL", "skilled in providing parents with feedback", "comfortable
        # teaching online": someone who is so, never "The role asks for familiar with SQL".
        options = voice.adjective_topics
    elif first.endswith("ing") and len(first) > 4 and first != "understanding":
        options = voice.gerund_topics
    elif _verb_list(ask) or (
        # "co-ordinate" is read as "coordinate", the spelling the tagger knows.
        sentence(first.replace("-", "") + " x", "present").verb_first
        and not first.endswith(("ing", "ed"))
    ):
        listed = re.match(r"\s*(\w+)", rest) if ask.split(maxsplit=1)[0].endswith(",") else None
        # "design, planning and delivery of …": a list of nouns that starts with one
        # that can be a verb.
        noun = _noun_phrase(first, rest.split(maxsplit=1)[0] if rest else "") or bool(
            listed and listed.group(1).endswith("ing")
        )
        options = voice.noun_topics if noun else voice.verb_topics
    else:
        options = voice.noun_topics
    chosen = _unused(options, seed, frames if frames is not None else set(), opened)
    return chosen.format(ask=ask)


def _verb_list(ask: str) -> bool:
    """Whether `ask` opens with a list of verbs ("refactor, deploy, and validate models"):
    the words after the first are verbs in their base form, and the first is a verb or a
    word the inflection lexicon does not know ("refactor"). The list is then restated
    after "someone able to", never "The role asks for refactor, …"."""
    found = re.match(r"([\w-]+),\s+([\w-]+)(?:,\s+([\w-]+))*,?\s+(?:and|or)\s+([\w-]+)\b", ask)
    if found is None:
        return False
    first, *others = (w for w in found.groups() if w)
    lemmas = getAllLemmas(first.lower())
    if lemmas and "VERB" not in lemmas:
        return False
    for word in others:
        verb = getAllLemmas(word.lower()).get("VERB")
        if not verb or word.lower() not in verb:
            return False
    return True


_BEFORE_A_GERUND = frozenset({"comfortable", "confident", "happy", "experienced", "skilled"})
"""Adjectives that take an -ing clause ("comfortable teaching online"), unlike those that
qualify an -ing noun ("strong understanding", "flexible working hours")."""


_ALTERNATIVES = re.compile(
    r"(?P<lead>\b(?:experience|knowledge|proficiency|familiarity|expertise|skills?)"
    r" (?:in|with|of|using) )(?P<items>[^.;:()]+)",
    re.IGNORECASE,
)


_A_SECOND_ASK = re.compile(
    r"(?i)(?:experience|knowledge|proficiency|familiarity|expertise|skills?|ability|"
    r"understanding|awareness)\b"
)
_SINGLED_OUT = re.compile(
    r"(?i)^(?:particularly|especially|ideally|preferably|notably|including|e\.g\.?|i\.e\.?)\s+"
)


def _profile_says(item: str, letter: _Letter) -> bool:
    """Whether the profile writes every word of `item`; "D3", with no word the folding
    keeps, is said by nothing. (Each word, not the phrase in one fact: "deep learning
    frameworks" is said by the keyword "Deep Learning" and the group "Programming and
    Frameworks".)"""
    words = word_set(item)
    return bool(words) and words <= letter.words


def _held_alternatives(text: str, letter: _Letter) -> str | None:
    """`text` with a list of alternatives ("experience in Python, Scala, Java, C or R",
    "experience with Java/Python") cut to the items the profile backs, joined by "or";
    None when there is no such list or the profile backs none of it."""
    found = _ALTERNATIVES.search(text)
    if found is None:
        return None
    listed_text = re.split(r"\s+(?:is|are|would be)\b", found.group("items"))[0]
    items = [i.strip() for i in re.split(r",|/|\bor\b|\band\b", listed_text)]
    # "…, particularly Docker and Kubernetes": the item without the word that singles
    # it out.
    items = [_SINGLED_OUT.sub("", i) for i in items if i]
    if len(items) < 2 or any(_A_SECOND_ASK.match(i) for i in items):
        # "Experience in relational database and knowledge of SQL": two asks, not a
        # list of alternatives ("experience in knowledge of SQL" restated neither).
        return None
    held = [
        i for i in items if len(i.split()) <= 3 and _profile_says(i, letter) and letter.grounded(i)
    ]
    if not held or len(held) == len(items):
        return None
    listed = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " or " + held[-1]
    return text[: found.start()] + found.group("lead") + listed


def _unused(
    options: Sequence[str], seed: tuple[object, ...], frames: set[str], after: str = ""
) -> str:
    """The seeded choice among `options`, or the next one a letter has not used yet
    (`frames`, which records the choice): the same opening twice reads as a form. One that
    does not open with `after`, the first word of the paragraph before, when there is one:
    a blind reader found two paragraphs running opening "You …" mechanical."""
    start = options.index(pick(options, *seed))
    ordered = [options[(start + step) % len(options)] for step in range(len(options))]
    fresh = [option for option in ordered if option not in frames]
    varied = [option for option in fresh if after and option.split(maxsplit=1)[0] != after]
    for option in varied or fresh:
        frames.add(option)
        return option
    return ""  # every frame used: the paragraph opens with its evidence instead


_NARRATIVE = re.compile(
    r"(?i)\b(?:he|she|his|her|hers|they|we|us|it)\b"
    r"|opportunit|crucial role|benefit|\bday at\b|\bthe following\b"
)
"""The ad's story: a subject other than the applicant ("they start their day at 6"); an
object pronoun is fine ("care to patients within their own home")."""
_NOT_A_START = re.compile(
    r"(?i)^(?:for|to|with|of|in|on|at|by|from|and|or|but|as|outside|inside|while|when|"
    r"whilst|if|whether|because|although|though|since|unless|once|where|each|every|after|"
    r"before|until)\b"
)
_CLAUSE = re.compile(r"(?i)\byou(?:['’](?:re|ll|ve|d)\b|\s+(?:will|are|can|have|may|must)\b)")
"""A clause with its own subject inside the ask ("… if you're reading this ad"): not
something to restate after "You need someone who can"."""
_LOOSE_END = re.compile(
    r"(?i)(?:\b(?:of|to|with|for|and|or|the|a|an|in|on|at|by|from|into|using|etc|such|as|"
    r"like|via|your|their|its|our|this|these|those)|\bto \w+)\W*$"
)
"""An ask cut short ("experience with etc", "… a team of scientists to develop"): the
restated phrase would stop in the middle."""


_NO_ASK = re.compile(
    # "research, or related field required OR four (4) years …": alternatives joined by a
    # shouted OR (here the tail of a list the posting wrapped onto a new line).
    r"\bOR\b|"
    # "Must meet the requirements to be a lead teacher": an ask about the asks.
    r"(?i:\b(?:meet|satisfy|fulfil+)\s+(?:the|these|all|any)\s+(?:\w+\s+)?"
    r"(?:requirements|criteria|qualifications)\b)"
)


def _restatable(ask: str) -> bool:
    """Whether `ask` reads as something the employer asks of the applicant, and so can
    follow "You ask for" or "You need someone who can". A line of the ad's story ("he
    also gets to work one-on-one…", "they start their day at 6"), an offer ("professional
    development opportunities"), a fragment that starts mid-phrase ("for Infant and
    Young Toddler Teachers"), a third-person list that is no run of verbs or a past
    participle ("completed a … program") is not: the paragraph
    opens with its evidence instead of a broken sentence."""
    if _NARRATIVE.search(ask) or _NOT_A_START.match(ask) or _NO_ASK.search(ask):
        return False
    words = ask.split()
    first = words[0].strip(",;:") if words else ""
    second = words[1].lower() if len(words) > 1 else ""
    if first.lower().endswith("ed") and second in ("a", "an", "the", "their", "your", "my"):
        return False  # "Completed a … program": what a candidate did, not an ask
    lowered = first.lower()
    listed = "," in ask.split(" and ")[0]
    if lowered.endswith("s") and not lowered.endswith("ss") and listed:
        # "plans, teaches and assesses writing" is restated as "plan, teach and assess …";
        # a list that does not start with a verb ("parents, carers and staff") is not.
        return base_verbs(ask) != ask
    # "Feature Engineering": a name in title case, not a verb phrase to restate ("Advanced
    # SQL skills" is fine: an acronym is not title case).
    return not (
        len(words) >= 2 and words[0][:1].isupper() and words[1].istitle() and len(words[1]) > 1
    )


_POINTS_AWAY = re.compile(r"(?i)\b(?:these|those|the following|the above|below)\b")
"""Words that point at something the restated ask no longer holds (a list cut off at its
colon or bracket): the letter's reader would look for it in vain."""


def _whole(ask: str) -> bool:
    """Whether the ask, as cut, is a whole phrase: no clause of its own, no cut-off end
    ("experience in understanding" from "… in understanding the …"), not one adjective
    left hanging ("two years of experience with statistical")."""
    loose = _LOOSE_END.search(ask)
    if loose and loose.group(0).startswith("to "):
        # "… to patients" ends in its object; "… a team of scientists to develop" does not.
        after = re.sub(r"\W+$", "", loose.group(0)[3:]).lower()
        loose = loose if "VERB" in getAllLemmas(after) else None
    if _CLAUSE.search(ask) or _NOT_A_START.match(ask) or loose:
        return False
    if _POINTS_AWAY.search(ask):
        return False  # "scripting experience with one of these languages": the list was cut
    words = ask.split()
    if words[0].endswith(",") and set(getAllLemmas(words[0].strip(",").lower())) == {"ADJ"}:
        return False  # "malleable, willing to change…": traits, not an ask to restate
    last = re.sub(r"\W+$", "", words[-1]).lower()
    forms = getAllLemmas(last)
    # Not one adjective left hanging, nor a verb without its object ("research, design,
    # develop" cut from "…, develop, and test various frameworks").
    listed = len(words) > 1 and words[-2].endswith(",")
    if listed and "ADJ" in forms:
        return False  # "support your product, clinical": a list cut before its noun
    return not (forms and (set(forms) <= {"ADJ"} or (listed and set(forms) == {"VERB"})))


_NOUNS_FIRST = frozenset(
    {
        "experience",
        "knowledge",
        "familiarity",
        "proficiency",
        "expertise",
        "awareness",
        "evidence",
        "commitment",
        "competence",
        "exposure",
        "record",
        "background",
    }
)
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "your",
        "their",
        "our",
        "its",
        "all",
        "any",
        "each",
        "every",
        "this",
        "these",
        "those",
        "and",
        "them",
        "others",
        "people",
        "staff",
        "patients",
        "children",
    }
)


def _noun_phrase(first: str, second: str) -> bool:
    """Whether an ask whose first word can be a verb reads as a noun phrase: "experience
    with A/B testing", "clear written and verbal communication" (an adjective before a
    noun), not "lead a team" or "support junior staff"."""
    if first in _NOUNS_FIRST or first in _COMPOUNDS or f"{first} {second.lower()}" in _COMPOUNDS:
        return True
    return "ADJ" in getAllLemmas(first) and second.lower() not in _DETERMINERS


_COMPOUNDS = frozenset(
    {"track record", "track-record", "skill set", "skill-set", "work experience"}
)
"""Nouns whose first word can be a verb ("Track record of developing models" is no
"someone able to track record of …")."""


def _earlier_roles(
    groups: set[str],
    relevance: dict[str, Relevance],
    used: set[str],
    letter: _Letter,
    named: set[str],
) -> list[PointFact]:
    """For a short letter, `groups`: the applicant's earlier jobs in the profession the
    post is in (a staff nurse post, a nurse's earlier nursing job): what each job was, from its
    summary, and its result that speaks most to the posting. The post asks for the role
    itself; the applicant's time in it is the proof a hiring manager looks for first.
    Never a job a paragraph already tells."""
    facts = letter.facts
    told = {_group_of(ref) for ref in used}
    chosen: list[Fact] = []
    for index in range(len(letter.profile.work)):
        group = f"work[{index}]"
        summary = facts.get(f"{group}.summary")
        if (
            group not in groups
            or group in told
            or summary is None
            or _role_sentence(summary, "past") is None
        ):
            continue
        best = max(
            (
                (relevance[ref].score, ref)
                for ref, fact in facts.items()
                if fact.group == group
                and ref in relevance
                and ref not in used
                and fact.kind == "highlight"
                and _tellable(fact)
            ),
            default=None,
        )
        chosen += [summary, facts[best[1]]] if best else [summary]
        if len(chosen) >= 2:
            break
    return _say(chosen, letter, named) if chosen else []


IN_THE_POST = 2
"""Results a short letter adds from the applicant's current job in the post's profession."""


def _jobs_in_profession(profile: Profile, title: str | None) -> set[str]:
    """The groups ("work[0]") of the jobs whose role is the post's ("Senior Staff Nurse"
    for a "Staff Nurse" post, by the head noun of each title)."""
    noun = role_noun(title)
    if noun is None:
        return set()
    return {
        f"work[{index}]"
        for index, job in enumerate(profile.work)
        if role_noun(job.position) == noun
    }


def _in_the_post(
    groups: set[str],
    relevance: dict[str, Relevance],
    used: set[str],
    letter: _Letter,
    named: set[str],
    *,
    after: str | None = None,
) -> list[PointFact]:
    """For a letter still short, the next results of `groups`, the current jobs in the
    post's own profession (a teacher's classroom results for a "Teacher" post, a staff
    nurse's ward results for a "Staff Nurse" post): the title asks for the role itself,
    so the applicant's record in it answers it even where the posting lists few lines
    (an NHS advert whose person specification is an attachment). Ranked by what the
    posting's lines weigh them, then in the profile's order. `after` is the job the
    letter's last sentence told, if any."""
    ranked = sorted(
        (
            (-relevance[ref].score if ref in relevance else 0.0, order, ref)
            for order, (ref, fact) in enumerate(letter.facts.items())
            if fact.group in groups
            and ref not in used
            and fact.kind == "highlight"
            and _tellable(fact)
        ),
    )
    chosen = [letter.facts[ref] for _, _, ref in ranked[:IN_THE_POST]]
    if not chosen:
        return []
    order = list(letter.facts)
    chosen.sort(key=lambda fact: order.index(fact.ref))
    said = _say(chosen, letter, named, told=frozenset(used))
    # The opening has said where the applicant works now: "I also lead …", not a third
    # "In my current role," opening a paragraph.
    first = _unframed(said[0].sentence)
    if first.startswith("I ") and first.split()[1] not in ("also", "am", "was", "have", "had"):
        first = f"I also {first[2:]}"
    if first.startswith("I also ") and after is not None and after != _group_of(said[0].ref):
        # After a paragraph about another job, "I also led …" would credit the result to
        # that job: say whose it is.
        first = f"In my current role, {first}"
    said[0] = said[0].model_copy(update={"sentence": first})
    return said


def _credentials(
    profile: Profile,
    analysis: Analysis,
    result: MatchResult,
    already: frozenset[str] | set[str] = frozenset(),
    *,
    said: str = "",
) -> str | None:
    """Publications and coursework, when the posting asks for what they show.

    A research role that asks for a publication record gets the applicant's
    publications by name (unless a paragraph already cites them: `already`, refs);
    required skills that only the applicant's degree shows (linear algebra from a
    course) are cited from that degree, by its short name when the letter has `said`
    it in full ("My master's degree included …").
    """
    sentences = []
    wants_papers = any(r.kind == "publication" for r in analysis.requirements)
    papers = [
        (i, p)
        for i, p in enumerate(profile.publications)
        if p.name and f"publications[{i}].name" not in already
    ][:2]
    if wants_papers and papers:
        verbs = [_authored(profile, i) for i, _ in papers]
        cited = [
            f"\u201c{p.name}\u201d" + (f" ({p.publisher})" if p.publisher else "")
            for _, p in papers
        ]
        if len(set(verbs)) == 1:  # "I published A and B", not "I published A and published B"
            told = f"{verbs[0]} {join_and(cited)}"
        else:
            told = join_and([f"{verb} {paper}" for verb, paper in zip(verbs, cited, strict=True)])
        sentences.append(f"The role asks for a publication record: I {told}.")
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
        if degree in said and (short := _short_degree(education.studyType or "")):
            degree, at = short, ""  # a blind reader: "degrees … repeated in full"
        sentences.append(f"My {degree}{at} included {join_and(courses[:3])}.")
    return " ".join(sentences) or None


_ABBREVIATED = re.compile(r"\((?P<short>[A-Z][A-Za-z]*\.[A-Za-z.]{0,8})\)")
"""A degree's abbreviation in its name: "(M.Ed.)", "(B.S.)"; not "(Hons)"."""
_LEVEL_NAMES = {
    "associate": "associate degree",
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "doctorate": "doctorate",
}


def _short_degree(study_type: str) -> str | None:
    """How a letter names a degree the second time: the profile's own abbreviation
    ("Master of Education (M.Ed.)" -> "M.Ed."), else its level ("master's degree")."""
    found = _ABBREVIATED.search(study_type)
    if found:
        return found.group("short")
    level = asked_degree(study_type)
    return _LEVEL_NAMES.get(level) if level else None


MAX_CREDENTIALS = 2


def _held_credentials(
    profile: Profile,
    lines: list[LineMatch],
    *,
    today: dt.date | None = None,
    said: str = "",
) -> list[str]:
    """A sentence for each credential the posting asks for (not as a preference) and the
    profile shows (a certificate or a completed degree the mapper weighs for a licence or
    qualification line): "I hold NMC Registered Nurse – Adult (RN1), issued by the Nursing and
    Midwifery Council in Sep 2019." The rubric a hiring manager reads by wants an
    essential registration or degree confirmed in the opening, in the profile's words.

    A certificate whose name the opening has already said (`said`: "I am an NMC-registered
    adult nurse…" before "NMC Registered Nurse – Adult (RN1)") is not said again: a
    reader took the second sentence for a pasted repeat.
    """
    now = (today or dt.date.today()).isoformat()
    said_words = word_set(said)
    out: list[str] = []
    seen: set[tuple[str, int]] = set()
    for line in lines:
        if not required_credential(line):
            continue
        for section, cited in credential_refs(line):
            # The Collegiate and the Postgraduate licence: the latest grade says it; a
            # bachelor's and a master's in one field: the master's.
            if section == "certificates":
                index = _latest_of_family(profile, cited)
            else:
                index = _highest_in_field(profile, cited, now)
                if any(kind == section for kind, _ in seen):
                    continue  # one degree in an opening, the highest
            if (section, index) in seen:
                continue
            if section == "certificates" and _said_already(profile, index, said_words):
                seen.add((section, index))
                break
            sentence = (
                _certificate_sentence(profile, index)
                if section == "certificates"
                else _degree_sentence(profile, index, now)
            )
            if sentence:
                seen.add((section, index))
                out.append(sentence)
                break
        if len(out) == MAX_CREDENTIALS:
            break
    return out


def _highest_in_field(profile: Profile, index: int, now: str) -> int:
    """The highest completed degree in the field of degree `index` (its area shares a word
    with theirs): a line a bachelor's in Computer Science meets is met by the master's in
    it too, and the opening names the master's, not the bachelor's (a reader saw "I hold a
    Bachelor of Science" above "my highest degree is a Master of Science")."""

    def level(i: int) -> int:
        school = profile.education[i]
        done = bool(school.endDate) and (school.endDate or "") <= now[: len(school.endDate or "")]
        found = degree_level(school.studyType or "") if done else None
        return DEGREE_LEVELS[found] if found else -1

    area = word_set(profile.education[index].area or "")
    kin = [
        i
        for i, school in enumerate(profile.education)
        if i == index or (area and area & word_set(school.area or ""))
    ]
    best = max(kin, key=lambda i: (level(i), i == index))
    return best if level(best) > level(index) else index


SAME_FAMILY = 0.6
"""Share of their words (Jaccard) from which two certificates are grades of one credential."""


def _latest_of_family(profile: Profile, index: int) -> int:
    """The latest-dated certificate naming the same credential as certificate `index` at
    another grade or date ("Virginia Collegiate Professional License, Elementary Education
    PreK-6" and "Virginia Postgraduate Professional License, …"): `index` itself when it is
    the latest or has no kin."""
    words = word_set(profile.certificates[index].name or "")

    def kin(other: int) -> bool:
        theirs = word_set(profile.certificates[other].name or "")
        return bool(words and theirs) and len(words & theirs) / len(words | theirs) >= SAME_FAMILY

    family = [i for i in range(len(profile.certificates)) if i == index or kin(i)]
    return max(family, key=lambda i: (profile.certificates[i].date or "", i == index))


def _said_already(profile: Profile, index: int, said_words: frozenset[str]) -> bool:
    """Whether every word of certificate `index`'s name but its codes ("RN1") is said."""
    name = profile.certificates[index].name or ""
    words = word_set(" ".join(w for w in name.split() if not re.search(r"\d", w)))
    return bool(words) and words <= said_words


_BODY = re.compile(
    r"\b(?:Council|Department|Board|Institute|Society|College|Association|Agency|Authority|"
    r"Commission|Office|Ministry|Registry|Cross)\b"
)


def _certificate_sentence(profile: Profile, index: int) -> str | None:
    cert = profile.certificates[index]
    if not cert.name:
        return None
    issuer = cert.issuer
    if issuer and _BODY.search(issuer) and not issuer.lower().startswith("the "):
        issuer = f"the {issuer}"  # "the Nursing and Midwifery Council", not "Nursing and …"
    when = show_date(cert.date, spelled=True)
    role = _REGISTERED_ROLE.search(cert.name)
    if role:
        # "NMC Registered Nurse – Adult (RN1)" is what the applicant is, not a document.
        by = f", registered with {issuer}" if issuer else ""
        by += (f" in {when}" if by else f", registered in {when}") if when else ""
        return f"I am {article(cert.name)} {cert.name}{by}."
    issued = f", issued by {issuer}" if issuer else ""
    if when:
        issued += f" in {when}" if issued else f", issued in {when}"
    # "the Virginia Collegiate Professional License, Elementary Education PreK-6"
    the = "the " if _DOCUMENT_NAME.search(cert.name) else ""
    # "I hold CPR, AED and First Aid certification": a name that says what it certifies,
    # not what it is, is held as a certification (the profile lists it as a certificate).
    what = "" if _NAMES_A_DOCUMENT.search(cert.name) else " certification"
    return f"I hold {the}{cert.name}{what}{issued}."


_NAMES_A_DOCUMENT = re.compile(
    r"(?i)\b(?:licen[cs]e|certificate|certification|diploma|credential|endorsement|award|"
    r"card|registration|qualification|accreditation|degree|NVQ|permit|clearance)s?\b"
)
_REGISTERED_ROLE = re.compile(
    r"\b(?:Registered|Chartered|Licensed|Certified)\s+(?:[A-Z][\w-]*\s+){0,2}?"
    r"(?:Nurse|Midwife|Pharmacist|Pharmacy Technician|Teacher|Physiotherapist|"
    r"Occupational Therapist|Accountant|Engineer|Psychologist|Paramedic)\b"
)
_DOCUMENT_NAME = re.compile(
    r"^[A-Z][^,]*?\b(?:License|Licence|Certificate|Certification|Diploma|Credential|"
    r"Endorsement|Award)\b(?=\s*(?:$|,|\(|[-–]|in\b))"
)


def _degree_sentence(profile: Profile, index: int, now: str) -> str | None:
    school = profile.education[index]
    if not (school.studyType and school.endDate) or school.endDate > now[: len(school.endDate)]:
        return None  # only a completed degree is held
    degree = " in ".join(p for p in (school.studyType, school.area) if p)
    at = f" from {school.institution}" if school.institution else ""
    return f"I hold {article(degree)} {degree}{at}."


def _words(opening: list[str], paragraphs: list[str], closing: str, greeting: str) -> int:
    return word_count([*opening, *paragraphs, closing, greeting])


def _top_skills(analysis: Analysis, result: MatchResult) -> list[str]:
    names: list[str] = []
    for hit in analysis.skills:  # already ordered: required first, most mentioned first
        wording = result.wording.get(skill_key(hit))
        if wording and wording not in names:
            names.append(wording)
    return names


_PART_OF = re.compile(r"^(?P<whole>[^–—]+?)\s+[–—-]\s+(?P<part>[^–—]+)$")
_A_PLACE = re.compile(
    r"(?i)\b(?:school|academy|college|hospital|clinic|surgery|practice|centre|center|campus|"
    r"library|museum|unit|ward|department|institute|laboratory|lab)s?$"
)


def _place(employer: str) -> str:
    """An employer written "organization – place" as a place in the organization:
    "Shenandoah Ridge County Public Schools – Oak Hollow Elementary School" -> "Oak Hollow
    Elementary School in Shenandoah Ridge County Public Schools", as the hand-written
    letters say it (a blind reader counted the listing form among raw strings pasted in).
    Both names stay whole; any other employer is as the profile writes it."""
    found = _PART_OF.match(employer.strip())
    if found is None or not _A_PLACE.search(found["part"]) or len(found["whole"].split()) < 2:
        return employer
    return f"{found['part']} in {found['whole']}"


def _once_in_full(paragraphs: list[str], profile: Profile) -> list[str]:
    """Each organisation an employer belongs to named in full once: after "Oak Hollow
    Elementary School in Shenandoah Ridge County Public Schools", a later "Summer Literacy
    Academy in Shenandoah Ridge County Public Schools" is "Summer Literacy Academy" (a
    blind reader counted the district named four times among the mechanical repeats)."""
    out = list(paragraphs)
    for job in profile.work:
        said = _place(job.name or "")
        found = _PART_OF.match((job.name or "").strip())
        if found is None or said == job.name:
            continue
        whole, part = found["whole"], found["part"]
        first = next((i for i, text in enumerate(out) if whole in text), None)
        if first is None:
            continue
        head, _, tail = out[first].partition(whole)
        out[first] = head + whole + tail.replace(said, part)
        out[first + 1 :] = [text.replace(said, part) for text in out[first + 1 :]]
    return out


def _role_words(profile: Profile) -> frozenset[str]:
    """The folded words of the applicant's label and positions: what they are called."""
    titles = [profile.basics.label or "", *(job.position or "" for job in profile.work)]
    return word_set(" ".join(titles))


def _current_role(profile: Profile) -> str | None:
    for job in profile.work:
        if job.position and job.name:
            position = _plain_position(job.position, _names_in(profile))
            if job.endDate in (None, "present"):
                return f"I am currently {article(position)} {position} at {_place(job.name)}."
            return (
                f"Most recently I worked as {article(position)} {position} at {_place(job.name)}."
            )
    return None


MAX_DOING_WORDS = 45
"""The longest account of the current job an opening takes from its summary."""
OPENING_WORDS = 110
"""An opening with what the applicant does now is at most this long: past it, a reader
meets a wall of credentials and results before the first ask."""


def _what_i_do(
    letter: _Letter, profession: set[str], used: set[str], relevance: dict[str, Relevance]
) -> PointFact | None:
    """What the applicant does in the current job, from its summary's sentences that
    are duties ("Teach all core subjects to a class of 24-27 students …; lead a
    grade-level team of 4 teachers" -> "I teach … I lead …"; "Own the ranking, retrieval
    and on-device inference stack end to end …" -> "I own …"), in the present tense.

    None when the current job is not the post's profession (`profession`) and its summary
    backs none of the posting's lines (a blind reader found "I own the ranking, retrieval
    and on-device inference stack" off-target for an education-research post), when a
    paragraph already tells it, or when no sentence of it is a duty: a
    summary that names the role ("Senior staff nurse on a 28-bed ward") says what the
    opening's "currently a …" already says."""
    group = next((g for g in sorted(letter.current) if g.startswith("work[")), None)
    if group is None:
        return None
    fact = letter.facts.get(f"{group}.summary")
    if fact is None or fact.ref in used:
        return None
    if group not in profession and not (fact.ref in relevance and relevance[fact.ref].backs):
        return None
    parts = re.split(r"(?<=[.!?])\s+", fact.text.strip())
    said = [sentence(part, "present") for part in parts[:2]]
    told = " ".join(s.text for s in said if s.verb_first)
    if not told or len(told.split()) > MAX_DOING_WORDS:
        return None
    job = _job(letter.profile, group)
    return PointFact(
        ref=fact.ref,
        text=fact.text,
        sentence=told,
        employer=job.name if job else None,
        role=job.position if job else None,
        dates=date_range(job.startDate, job.endDate) if job else None,
        tense="present",
    )


def _job_context(
    letter: _Letter, group: str, fact: Fact, employer: str | None, named: set[str]
) -> str | None:
    """What an earlier job was (the role its summary names, `_role`), said with the first
    result the letter tells from it: a result means more beside the ward, class or team
    it came from. Only for an employer the letter has not named yet, and only when the
    summary is not itself the fact being told."""
    if not employer or employer in named or group in letter.current or _job_summary(fact):
        return None
    summary = letter.facts.get(f"{group}.summary")
    return _role(summary) if summary and group.startswith("work[") else None


def _authored(profile: Profile, index: int) -> str:
    """ "co-authored" for a paper the profile says was written with others, else
    "published": "I published" a paper "co-authored with two colleagues" over-claims."""
    paper = profile.publications[index] if index < len(profile.publications) else None
    text = " ".join(filter(None, [paper.summary, paper.name])) if paper else ""
    return (
        "co-authored"
        if re.search(r"(?i)\bco-?author|\bwith (?:\w+ ){0,3}colleagues\b", text)
        else "published"
    )


def _job_summary(fact: Fact) -> bool:
    return re.fullmatch(r"work\[\d+\]\.summary", fact.ref) is not None


def _describes(fact: Fact) -> bool:
    """Whether `fact` says what a job or a project is, not what the applicant did."""
    return _job_summary(fact) or re.fullmatch(r"projects\[\d+\]\.description", fact.ref) is not None


def _role_sentence(fact: Fact, tense: Tense) -> str | None:
    """A job's summary as the applicant telling what the job was: "Staff nurse on a
    42-bed acute medical unit admitting around 60 patients a day" -> "I was a staff nurse
    on a 42-bed acute medical unit admitting around 60 patients a day." (`_role`)."""
    role = _role(fact)
    return f"I {'am' if tense == 'present' else 'was'} {role}." if role else None


def _role(fact: Fact) -> str | None:
    """The role a job's summary names, with its article: "a staff nurse on a 42-bed acute
    medical unit …". Its first sentence only, and only when it is a noun phrase that names
    the person by the job's own role noun (nurse, teacher): "Training post rotating
    through …" describes the post, and "I was a training post" would be wrong."""
    first = re.split(r"(?<=[.!?])\s+", fact.text.strip(), maxsplit=1)[0].rstrip(".!? ")
    if not first or sentence(first, "past").verb_first or first.startswith("I "):
        return None
    noun = role_noun(fact.source)
    if noun is None or noun not in word_set(" ".join(first.split()[:6])):
        return None
    phrase = lower_first(first)
    return f"{article(phrase)} {phrase}"


_MAX_WHO_WORDS = 32


def _who_i_am(summary: str | None, roles: frozenset[str] = frozenset()) -> str | None:
    """The summary's first sentence as the applicant saying who they are: "Early
    childhood teacher with 8+ years in licensed child care centers, lead teacher since
    2020" -> "I am an early childhood teacher with 8+ years …". A long one is cut at a
    comma (its words kept whole); a summary that starts with a verb or "I" is left out,
    but not one whose first word only looks like a verb: "Licensed Virginia elementary
    teacher with 10 years …" names a role (`roles`: the folded words of the profile's
    label and positions) before its first "with" or comma."""
    if not summary:
        return None
    first = re.split(r"(?<=[.!?])\s+", summary.strip(), maxsplit=1)[0].rstrip(".!? ")
    if not first or first.startswith(("I ", "I'")):
        return None
    if sentence(first, "present").verb_first and not _names_a_role(first, roles):
        return None
    words = first.split()
    if len(words) > _MAX_WHO_WORDS:
        cut = first.rfind(",", 0, len(" ".join(words[:_MAX_WHO_WORDS])))
        if cut < 20:
            return None
        first = first[:cut]
    phrase = lower_first(first)
    return f"I am {article(phrase)} {phrase}."


_HEAD_END = re.compile(r"\s+(?:with|who|whose|and|at|in|for|on|specialising|specializing)\b|[,;(]")
_OWN_NOW = re.compile(r",\s+currently\s+(?!at\b|in\b|working\b)[^,;]+\.$")
"""A summary sentence that ends by saying the current role: "…, currently fifth-grade team
lead." (with no place: "currently at …" already has one)."""


def _names_a_role(first: str, roles: frozenset[str]) -> bool:
    """Whether `first` opens with a participle and a noun phrase ending in a role word:
    "Licensed Virginia elementary teacher with …", "Registered nurse, …" (a participle
    used as an adjective), not "Raised reading pass rates …" (a verb and its object)."""
    head_word = first.split(maxsplit=1)[0].lower()
    if not head_word.endswith("ed"):
        return False
    head = _HEAD_END.split(first, maxsplit=1)[0]
    words = head.split()
    where = re.match(r"\s+(?:at|in|for|on)\b", first[len(head) :])
    # "Registered pharmacy technician at a busy acute trust, mostly ward based …" is the
    # current job described: beside "currently a Band 5 pharmacy technician at …" a
    # blind reader read it as a redundant run-on, so the opening keeps the position alone.
    return where is None and 1 < len(words) <= 6 and bool(word_set(words[-1]) & roles)


_FRAME = re.compile(
    r"^(?:In (?:my current|my previous|an earlier) role(?: there)?|Before my current role|"
    r"Earlier|At [^,]+), (?=I )"
)


def _just_before(letter: _Letter, group: str, employer: str) -> bool:
    """Whether the job `group` (`work[i]`) is the applicant's latest earlier job at
    `employer`: "my previous role there" for it, "an earlier role there" for the ones
    before (a healthcare-assistant job two posts back is not the previous role)."""
    there = [
        f"work[{i}]"
        for i, job in enumerate(letter.profile.work)
        if job.name == employer and f"work[{i}]" not in letter.current
    ]
    return bool(there) and there[0] == group


def _after_opening(points: list[LetterPoint], group: str | None) -> list[LetterPoint]:
    """The first paragraph without its "In my current role," when the opening has just
    told a result of that same job."""
    if not points or not points[0].facts or not group:
        return points
    first = points[0].facts[0]
    if not first.ref.startswith(group + "."):
        return points
    facts = [first.model_copy(update={"sentence": _unframed(first.sentence)})]
    facts += points[0].facts[1:]
    sentences = [*([points[0].topic] if points[0].topic else []), *(f.sentence for f in facts)]
    head = points[0].model_copy(update={"facts": facts, "paragraph": " ".join(sentences)})
    return [head, *points[1:]]


def _group_of(ref: str) -> str:
    """The entry a fact ref belongs to: "work[1]" for "work[1].highlights[0]"."""
    return ref.split(".", 1)[0]


_WHERE = re.compile(r"^At [^,]+, where I (?:was|am) (?P<role>[^,]+), (?=I )")
"""An employer named with the role held there (`_short_role` has no comma)."""


def _unframed(sentence: str) -> str:
    """A told fact without its "In my previous role there," or "At X," frame; with the role
    held there kept as "As …" ("At Copperline Logistics, where I was a backend engineer
    …, I rewrote …" after a paragraph about that job: "As a backend engineer …, I
    rewrote …")."""
    where = _WHERE.match(sentence)
    if where:
        return f"As {where['role']}, {sentence[where.end() :]}"
    return _FRAME.sub("", sentence, count=1)


def _names_in(profile: Profile) -> frozenset[str]:
    """The capitalised words the profile uses as names: its one-word skill keywords and its
    languages ("Python", "Spanish"), which a job title keeps in capitals ("senior Python
    developer")."""
    written = [k for skill in profile.skills for k in skill.keywords]
    written += [entry.language or "" for entry in profile.languages]
    # A one-word keyword in capitals is a name ("Python", "Docker"); a phrase is not
    # ("Nurse in charge" is sentence case, "Machine Learning" a field in title case).
    return frozenset(
        text.strip() for text in written if re.fullmatch(r"[A-Z][\w+#-]*", text.strip())
    )


def _plain_position(position: str, names: frozenset[str] = frozenset()) -> str:
    """A position as a phrase: "Senior Staff Nurse (Band 6), Ward 14 Respiratory Medicine"
    -> "Senior Staff Nurse (Band 6) on Ward 14 Respiratory Medicine"; "Pharmacy Technician
    (Band 5), Medicines Optimisation Team" -> "… in the Medicines Optimisation Team";
    another tail after a comma is left as written."""
    head, comma, tail = position.partition(", ")
    head = _role_in_prose(head, names)
    if not comma:
        return head
    if re.match(r"(?i)ward\b", tail):
        return f"{head} on {tail}"
    if re.search(
        r"(?i)\b(team|unit|department|service|directorate|division|classroom|room)$", tail
    ):
        return f"{head} in the {tail}"
    if _AGE_GROUP.match(tail):
        # "Lead Teacher, Pre-K (4-year-olds)": three blind readers quoted "a lead teacher,
        # Pre-K (4-year-olds)" as a pasted string.
        return f"{head} for {tail}"
    return f"{head}, {tail}"


_AGE_GROUP = re.compile(
    r"(?i)^(?:pre-?k|pre-?school|kindergarten|nursery|reception|toddlers?|infants?|twos|"
    r"threes|fours|grades?\s+\S+|years?\s+\d+|key stage\s+\d)\b"
)
"""A class named by its children's age or grade, which a position gives after a comma."""


_GRADE = re.compile(r"\s*\((?P<grade>(?:Band|Grade|Level)\s+\d+[A-Za-z]?)\)")


def _role_in_prose(role: str, names: frozenset[str] = frozenset()) -> str:
    """A job title as a sentence writes it: "Senior Staff Nurse (Band 6)" -> "Band 6 senior
    staff nurse", "Fifth Grade Teacher and Grade-Level Team Lead" -> "fifth grade teacher
    and grade-level team lead", as the hand-written letters do (a blind reader counted the
    title-case form among pasted strings). Acronyms, names with inner capitals ("ML",
    "PyTorch") and the profile's own `names` ("Python", "Spanish") keep their case;
    nothing else changes."""
    grade = _GRADE.search(role)
    if grade is not None:
        role = f"{grade['grade']} {role[: grade.start()]}{role[grade.end() :]}".strip()
    words = [
        word.lower()
        if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*", word) and word not in names
        else word
        for word in role.split(" ")
    ]
    if grade is not None:
        words[0] = words[0].capitalize()  # "Band 6", "Grade 7"
    return " ".join(words)


def _body(
    facts: list[RankedFact],
    seed: tuple[object, ...],
    voice: Voice,
    letter: _Letter,
    named: set[str],
    title: str | None = None,
) -> list[str]:
    """Up to three paragraphs of facts that answer the posting, then one of other strengths.

    Facts from the same job share a paragraph (two at most); each paragraph opens
    with the posting's skills its facts answer, named once in the whole letter, and
    tells its facts as first-person sentences (`_say`). A skill the role's `title`
    already says is no lead ("Your posting asks for nursing." for a Registered Nurse
    post read as machine output).
    """
    in_title = word_set(title or "")
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
    out = []
    for index, group in enumerate(groups):
        # Only skills a requirement asks for are named: a blind reader found "You are
        # looking for mathematics." from a list of 70 disciplines an ad hires for.
        skills = [s for r in group.facts for s in r.asked]
        fresh = list(
            dict.fromkeys(s for s in skills if s not in said and not word_set(s) <= in_title)
        )[:4]
        said.update(fresh)
        sentences = []
        if fresh:
            options = voice.leads_skills if index == 0 else voice.leads_skills + voice.leads_more
            leads = [lead for lead in options if lead not in used_leads] or list(options)
            lead = pick(leads, *seed, index)
            used_leads.add(lead)
            # "MATHEMATICS", a heading the ad shouted, is said in the letter's own case.
            listed = join_and(
                [_as_asked(f.lower() if f.isupper() and len(f) > 4 else f) for f in fresh]
            )
            sentences.append(
                lead.format(
                    skills=listed,
                    Skills=listed[:1].upper() + listed[1:],
                    are="are" if len(fresh) > 1 else "is",
                )
            )
        told = _say([r.fact for r in group.facts], letter, named)
        sentences.extend(f.sentence for f in told)
        out.append(" ".join(sentences))
    for start in range(0, len(others), 3):
        told = _say([r.fact for r in others[start : start + 3]], letter, named)
        out.append(" ".join(f.sentence for f in told))
    return out


_ABSTRACT_SKILL = re.compile(r"^[a-z]+(?:tion|ship|ment|ing)$")  # codespell:ignore ment


def _as_asked(skill: str) -> str:
    """A skill as a posting asks for it: a bare abstract noun reads as a skill ("This role
    also asks for communication skills.", where "… asks for communication." read as
    machine output to a blind reader); a name, a tool or a phrase stays as it is."""
    return f"{skill} skills" if _ABSTRACT_SKILL.match(skill) else skill


_PROJECT_VERBS_PASSIVE = frozenset(
    {"used", "adopted", "cited", "featured", "downloaded", "selected"}
)
_PROJECT_VERBS_OWN = frozenset({"reached", "gained", "won", "attracted", "grew", "received"})


def _ended(letter: _Letter, group: str) -> bool:
    """Whether the project `group` ("projects[0]") has an end date: it was, not is."""
    found = re.match(r"projects\[(\d+)\]", group)
    projects = letter.profile.projects
    return bool(found and int(found[1]) < len(projects) and projects[int(found[1])].endDate)


def _described_project(name: str, about: str, text: str) -> str:
    """A project highlight told with what the project is, as an appositive after the
    project's name: "For my project tinyretrieve, an open-source PyTorch library …, I
    wrote …", or, when the project is the subject, "My project tinyretrieve, an
    open-source PyTorch library …, was used as the reference implementation …" (never
    "…, I used as the reference implementation")."""
    project = _project_phrase(name)
    appositive = f"{article(about)} {about}"
    said = _project_sentence(name, text)
    if said.startswith(f"For {project}, "):
        return f"For {project}, {appositive}, {said.removeprefix(f'For {project}, ')}"
    subject = sentence_case(project)
    if said.startswith(f"{subject} "):
        return f"{subject}, {appositive},{said.removeprefix(subject)}"
    return said


_NOTE = re.compile(r"\s*\([^()]*\)$")


def _project_phrase(name: str) -> str:
    """How a sentence names a project: "the Ward 14 falls-prevention project", "my
    project tinyretrieve", and a name that is a description ("Fifth-grade reading
    regrouping (M.Ed. action research)", "Missed doses audit") as a thing of its own
    ("the fifth-grade reading regrouping", "the missed doses audit"),
    without the note in brackets that a résumé line carries and a sentence stumbles on
    (a blind reader quoted "My project Fifth-grade reading regrouping (M.Ed. action
    research) was …")."""
    if "project" in name.lower():
        return f"the {name}"
    head, comma, place = _NOTE.sub("", name).partition(", ")
    words = head.split()
    if len(words) > 1 and all(not w[:1].isupper() for w in words[1:]):
        if comma and re.search(r"(?i)\b(?:ward|unit)$", place):
            # "Missed doses audit, acute medical unit": "… audit on the acute medical unit"
            return f"the {lower_first(head)} on the {place}"
        if comma and re.search(r"(?i)\b(?:team|department|service|clinic|school)$", place):
            return f"the {lower_first(head)} in the {place}"
        return f"the {lower_first(' '.join(words))}" + (f", {place}" if comma else "")
    return f"my project {name}"


def _project_sentence(name: str, text: str, *, again: bool = False, ended: bool = False) -> str:
    """A project highlight's subject is the project or the applicant; frame it to say which.
    With `again`, the sentence before named the project: "For that project, I …"; a
    description of a project that has ended says what it was ("The Ward 14
    falls-prevention project was a quality improvement project …")."""
    project = "that project" if again else _project_phrase(name)
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    body = text.strip().rstrip(".")
    rest = body[:1].lower() + body[1:]
    if first in _PROJECT_VERBS_PASSIVE:
        return f"{sentence_case(project)} was {rest}."
    second = text.split(maxsplit=2)[1].lower() if len(text.split()) > 1 else ""
    own = first in _PROJECT_VERBS_OWN or (first, second) in (("led", "to"), ("resulted", "in"))
    if own or (first.endswith("s") and not first.endswith("ss")):
        return f"{sentence_case(project)} {rest}."
    claim = first_person(text)
    if claim.startswith("I "):
        return f"For {project}, {claim}"
    # A description ("Open-source PyTorch library for …"): what the project is.
    described = lower_first(body)
    verb = "was" if ended else "is"
    return f"{sentence_case(project)} {verb} {article(described)} {described}."


def compose(prepared: Prepared, options: DocumentOptions) -> Composed:
    """The registry's composer for letters (`tailor.documents.KINDS`)."""
    p = prepared
    return Composed(
        compose_letter(
            p.profile,
            p.analysis,
            p.result,
            company=p.company,
            title=p.title,
            date=options.date,
            tone=options.tone,
            voice=options.voice,
            taxonomy=p.taxonomy,
            grounded=lambda text: (
                not violations(
                    text, grounds=p.grounds, allowed=[p.company, p.title], taxonomy=p.taxonomy
                )
            ),
        )
    )
