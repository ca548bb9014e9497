"""The requirement → evidence report: what the posting asks, what backs it, what is missing.

Written as `report.md` beside the documents and shown by `tailor analyze
--profile --explain`. It is the honest half of tailoring: every claim a letter
makes can be traced here to a profile field, and every gap is listed.
"""

from __future__ import annotations

import bisect

from tailor.analysis.models import Analysis, DegreeCheck, Match, RequirementCheck
from tailor.matching.align import PROFESSION_CAP, SUBJECT_CAP, WEIGHTS
from tailor.matching.lines import LINE_WEIGHTS, STATUS_CREDIT


def _sentence(text: str, start: int) -> str:
    """The posting line a mention stands in, trimmed of bullet markers."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return line.lstrip("-+*•· ").strip()


def shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _basis(req: RequirementCheck) -> str:
    """What a requirement's `have` was read from: the degree's entry, or which roles."""
    if isinstance(req, DegreeCheck):
        return f"`{req.ref}`" if req.ref else ""
    return req.basis


def score_lines(match: Match) -> list[str]:
    """The score, point by point: each requirement line's weight and what the profile
    earns of it (`matching.lines.line_score`; partial counts half)."""
    scored = [line for line in match.lines if line.status != "not-scored"]
    if not scored:
        return _skill_score_lines(match)
    out = []
    total = earned = 0.0
    for line in scored:
        weight = LINE_WEIGHTS[line.importance]
        got = weight * STATUS_CREDIT[line.status]
        total += weight
        earned += got
        out.append(f"{got:g}/{weight:g}  {line.status}: {shorten(line.text, 90)}")
    by_lines = round(100 * earned / total)
    if (match.profession_gap or match.subject_gap) and match.score < by_lines:
        out.append(f"lines: round(100 × {earned:g} / {total:g}) = {by_lines}")
        why = (
            f"the role is for a qualified {match.profession_gap}"
            if match.profession_gap
            else f"the post teaches {match.subject_gap}, which the profile does not show"
        )
        out.append(f"score = {match.score}: capped, {why}")
    else:
        out.append(f"score = round(100 × {earned:g} / {total:g}) = {match.score}")
    return out


def _skill_score_lines(match: Match) -> list[str]:
    """The score of a posting without requirement lines: its named skills and checks."""
    lines = []
    total = earned = 0
    for m in match.skills:
        if m.id is None:
            continue
        weight = WEIGHTS[m.importance]
        got = weight if m.status == "matched" else 0
        total += weight
        earned += got
        lines.append(f"{got}/{weight}  {m.name} ({m.importance}, {m.status})")
    for req in match.requirements:
        weight = WEIGHTS["required"] if req.importance == "required" else WEIGHTS["preferred"]
        got = weight if req.status == "met" else 0
        total += weight
        earned += got
        lines.append(
            f"{got}/{weight}  {req.kind}: need {req.need}, have {req.have_text} ({req.status})"
        )
    lines.append(
        f"score = round(100 × {earned} / {total}) = {match.score}" if total else "score = 0"
    )
    return lines


def gap_lines(analysis: Analysis) -> list[str]:
    """What the profile does not back, worst first: required and preferred lines the
    profile leaves unbacked (in the posting's words), then the named skills it lacks in
    those lines, then unmet years and degrees. A skill named only in a line that is
    backed ("NeurIPS, ICML, ACL…" for a profile with an ACL paper), or in a trait or
    condition, is no gap; neither are traits and conditions themselves."""
    match = analysis.match
    if match is None:
        return []
    unbacked = [line for line in match.lines if line.status == "missing"]
    out = []
    if match.profession_gap:
        out.append(
            f"- The role is for a qualified {match.profession_gap}, which your profile does "
            f"not show (the score is capped at {PROFESSION_CAP})."
        )
    if match.subject_gap:
        out.append(
            f"- The post teaches {match.subject_gap}, which your profile does not show "
            f"(the score is capped at {SUBJECT_CAP})."
        )
    if match.specialty_gap:
        out.append(f"- The post is in {match.specialty_gap}, which your profile does not show.")
    out += [
        f"- {shorten(line.text, 160)}" + (" (preferred)" if line.importance == "preferred" else "")
        for importance in ("required", "preferred")
        for line in unbacked
        if line.importance == importance
    ]
    mentions = {s.name: s.mentions for s in analysis.skills}
    spans = sorted((line.start, line.end) for line in unbacked)  # lines never overlap
    starts = [start for start, _ in spans]

    def in_a_gap(name: str) -> bool:
        if not match.lines:
            return True  # no lines to judge by: every missing skill is a gap
        for m in mentions.get(name, []):
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= spans[i][1]:
                return True
        return False

    out += [f"- {g}" for g in match.missing_required if in_a_gap(g)]
    out += [f"- {g} (preferred)" for g in match.missing_preferred if in_a_gap(g)]
    out += [f"- {r.kind}: {r.text}" for r in match.requirements if r.status != "met"]
    return out


def report_markdown(analysis: Analysis) -> str:
    match = analysis.match
    if match is None:
        raise ValueError("report_markdown needs an analysis with a match")
    info = analysis.posting
    text = info.text
    mentions = {s.name: s.mentions for s in analysis.skills}
    out = [
        f"# Match report: {info.title or 'role'} at {info.company or 'company'}",
        "",
        f"Score: **{match.score}/100** (source: {info.source})",
        "",
        "## Requirements, line by line",
    ]
    headings = {s.start: s.heading for s in analysis.sections}
    starts = sorted(headings)
    current: tuple[str, str | None] | None = None
    for line in match.lines:
        at = bisect.bisect_right(starts, line.start) - 1
        section = (line.section, headings[starts[at]] if at >= 0 else None)
        if section != current:
            current = section
            title = section[1] or section[0].capitalize()
            out += [
                "",
                f"### {_cell(title)}",
                "",
                "| requirement | importance | kind | status | evidence (profile) | why |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
        evidence = "; ".join(f"`{e.ref}` {shorten(e.text)}" for e in line.evidence) or "—"
        why = "; ".join(e.why for e in line.evidence[:1])
        out.append(
            f"| {_cell(shorten(line.text, 160))} | {line.importance} | {line.kind} | "
            f"{line.status} | {_cell(evidence)} | {_cell(why)} |"
        )
    if not match.lines:
        out += ["", "No requirement lines were found in this posting."]
    out += [
        "",
        "## Skills and evidence",
        "",
        "| requirement | importance | status | how | evidence (profile) | asked in the posting |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in match.skills:
        if m.id is None and m.status == "missing":
            continue
        evidence = "; ".join(f"`{e.ref}` {shorten(e.text)}" for e in m.evidence[:2]) or "—"
        where = mentions.get(m.name) or []
        asked = shorten(_sentence(text, where[0].start), 140) if where else ""
        out.append(
            f"| {_cell(m.name)} | {m.importance} | {m.status} | {m.how or '—'} | "
            f"{_cell(evidence)} | {_cell(asked)} |"
        )
    for req in match.requirements:
        out.append(
            f"| {_cell(req.text)} | {req.importance} | {req.status} | "
            f"{req.kind} | have {req.have_text} ({_cell(_basis(req))}) | {_cell(req.text)} |"
        )
    out += ["", "## Gaps", ""]
    others = sum(
        1 for line in match.lines if line.status == "missing" and line.importance == "unspecified"
    )
    gaps = gap_lines(analysis)
    out += gaps or ["- No required or preferred line is unbacked."]
    if others:
        out.append(
            f"- {others} other line{'s' if others > 1 else ''} (neither required nor preferred) "
            f"{'are' if others > 1 else 'is'} not backed: see the table above."
        )
    out += ["", "Gaps are never written into the letter or résumé.", "", "## Score", "", "```"]
    out += score_lines(match)
    out += ["```", ""]
    return "\n".join(out)


CREDENTIAL_KINDS = frozenset({"licence", "qualification"})
MAX_CREDENTIAL_GAPS = 2


def credential_gaps(match: Match) -> list[str]:
    """One terminal line for each of the first required licences or qualifications the
    profile does not show: documents never mention a gap (they only quote the profile),
    so the applicant hears of it here before sending them, and in report.md."""
    missing = [
        line
        for line in match.lines
        if line.importance == "required"
        and line.kind in CREDENTIAL_KINDS
        and line.status == "missing"
    ]
    profession = []
    if match.profession_gap:
        profession.append(
            f"Gap: the role is for a qualified {match.profession_gap}, which your profile "
            "does not show (report.md lists every gap)."
        )
    if match.subject_gap:
        profession.append(
            f"Gap: the post teaches {match.subject_gap}, which your profile does not show "
            "(report.md lists every gap)."
        )
    return profession + [
        f"Gap: the posting requires \u201c{shorten(line.text, 90)}\u201d, which your profile "
        "does not show (report.md lists every gap)."
        for line in missing[:MAX_CREDENTIAL_GAPS]
    ]
