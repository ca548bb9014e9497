"""The requirement → evidence report: what the posting asks, what backs it, what is missing.

Written as `report.md` beside the documents and shown by `tailor analyze
--profile --explain`. It is the honest half of tailoring: every claim a letter
makes can be traced here to a profile field, and every gap is listed.
"""

from __future__ import annotations

from tailor.analysis.models import Analysis, DegreeCheck, Match, RequirementCheck
from tailor.matching.align import WEIGHTS


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
    """The score, point by point: each item's weight and whether the profile earns it."""
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
            f"{got}/{weight}  {req.kind}: need {req.need}, have {req.have} ({req.status})"
        )
    lines.append(
        f"score = round(100 × {earned} / {total}) = {match.score}" if total else "score = 0"
    )
    return lines


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
        "## Requirements and evidence",
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
            f"{req.kind} | have {req.have} ({_cell(_basis(req))}) | {_cell(req.text)} |"
        )
    gaps = match.missing_required + [f"{g} (preferred)" for g in match.missing_preferred]
    out += ["", "## Gaps", ""]
    out += [f"- {g}" for g in gaps] or ["- none"]
    unmet = [r for r in match.requirements if r.status != "met"]
    out += [f"- {r.kind}: {r.text}" for r in unmet]
    out += ["", "Gaps are never written into the letter or résumé.", "", "## Score", "", "```"]
    out += score_lines(match)
    out += ["```", ""]
    return "\n".join(out)
