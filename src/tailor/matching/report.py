"""The requirement → evidence report: what the posting asks, what backs it, what is missing.

Written as `report.md` beside the documents and shown by `tailor analyze
--profile --explain`. It is the honest half of tailoring: every claim a letter
makes can be traced here to a profile field, and every gap is listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tailor.analysis.models import Analysis, Match
from tailor.matching.align import WEIGHTS

if TYPE_CHECKING:
    from tailor.fitting.budget import Cut, Fitted


_PLURAL = {
    "role summary": "role summaries",
    "degree details": "degree details",
    "unrequested skills": "unrequested skills",
}


def _part(cut: Cut) -> str:
    """What a cut is, in words: "bullet", "role summary", "degree details", "project"…"""
    if cut.part == "bullet":
        return "bullet"
    if cut.part == "summary":
        return "degree details" if cut.section == "education" else "role summary"
    if cut.section == "skills":
        return "unrequested skills" if cut.part == "keywords" else "skill group"
    return {"projects": "project", "publications": "publication", "awards": "award"}.get(
        cut.section, "entry"
    )


def _sentence(text: str, start: int) -> str:
    """The posting line a mention stands in, trimmed of bullet markers."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return line.lstrip("-+*•· ").strip()


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        weight = WEIGHTS["required"] if req["importance"] == "required" else WEIGHTS["preferred"]
        got = weight if req["status"] == "met" else 0
        total += weight
        earned += got
        lines.append(
            f"{got}/{weight}  {req['kind']}: need {req['need']}, have {req['have']} ({req['status']})"
        )
    lines.append(
        f"score = round(100 × {earned} / {total}) = {match.score}" if total else "score = 0"
    )
    return lines


def _pages(n: int) -> str:
    return f"{n} page" + ("" if n == 1 else "s")


def budget_line(fitted: Fitted) -> str | None:
    """One line for the terminal about the page budget, or None when nothing was left out."""
    pages = _pages(fitted.pages)
    if not fitted.fits:
        return (
            f"Warning: the résumé does not fit {pages} even without its "
            f"{len(fitted.left_out)} least relevant parts (about {fitted.layout.extent:.2f} "
            f"pages); {LEFT_OUT} lists them. Shorten the profile or use --pages 2 / any."
        )
    if not fitted.left_out:
        return None
    counts: dict[str, int] = {}
    for cut in fitted.left_out:
        counts[_part(cut)] = counts.get(_part(cut), 0) + 1
    what = ", ".join(f"{n} {k if n == 1 else _PLURAL.get(k, k + 's')}" for k, n in counts.items())
    return f"Left out {what} to fit {pages} (listed in {LEFT_OUT}; --pages any keeps everything)."


LEFT_OUT = "resume.left-out.md"
"""Beside the résumé: what its page budget left out. A file of its own, not a section of
report.md, because a later `tailor letter` for the same posting rewrites report.md."""


def left_out_markdown(fitted: Fitted | None) -> str:
    """What the page budget left out of the résumé, least relevant first."""
    if fitted is None:
        return "# Left out of the résumé\n\nNothing: no page budget (`--pages any`).\n"
    out = [f"# Left out of the résumé to fit {_pages(fitted.pages)}", ""]
    if not fitted.left_out:
        return "\n".join([*out, "Nothing: the whole profile fits.", ""])
    if not fitted.fits:
        out += [
            f"Even without these the résumé needs about {fitted.layout.extent:.2f} pages.",
            "",
        ]
    out += [
        f"- `{cut.ref}` ({_part(cut)}, relevance {cut.relevance:g}): {_short(cut.text)}"
        for cut in fitted.left_out
    ]
    return "\n".join([*out, "", "Least relevant first. `--pages any` keeps everything.", ""])


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
        evidence = "; ".join(f"`{e.ref}` {_short(e.text)}" for e in m.evidence[:2]) or "—"
        where = mentions.get(m.name) or []
        asked = _short(_sentence(text, where[0].start), 140) if where else ""
        out.append(
            f"| {_cell(m.name)} | {m.importance} | {m.status} | {m.how or '—'} | "
            f"{_cell(evidence)} | {_cell(asked)} |"
        )
    for req in match.requirements:
        ref = f"`{req['ref']}`" if req.get("ref") else req.get("basis", "")
        out.append(
            f"| {_cell(str(req['text']))} | {req['importance']} | {req['status']} | "
            f"{req['kind']} | have {req['have']} ({_cell(str(ref))}) | {_cell(str(req['text']))} |"
        )
    gaps = match.missing_required + [f"{g} (preferred)" for g in match.missing_preferred]
    out += ["", "## Gaps", ""]
    out += [f"- {g}" for g in gaps] or ["- none"]
    unmet = [r for r in match.requirements if r["status"] != "met"]
    out += [f"- {r['kind']}: {r['text']}" for r in unmet]
    out += ["", "Gaps are never written into the letter or résumé.", "", "## Score", "", "```"]
    out += score_lines(match)
    out += ["```", ""]
    return "\n".join(out)
