"""The readable `tailor analyze` summary (rich tables on a terminal, plain text in a pipe)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tailor.analysis.models import Analysis
from tailor.matching.report import gap_lines


def print_analysis(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=False)
    info = analysis.posting
    console.print(
        f"[bold]{info.title or '(no title found)'}[/bold]"
        f" — {info.company or '(no company found)'}"
        + (f" — {info.location}" if info.location else "")
    )
    console.print(f"Source: {info.source}")

    sections = Table(title="Sections", show_lines=False)
    sections.add_column("kind")
    sections.add_column("heading")
    sections.add_column("chars", justify="right")
    for s in analysis.sections:
        sections.add_row(s.kind, s.heading or "", f"{s.start}–{s.end}")
    console.print(sections)

    status = {}
    if analysis.match:
        status = {m.name: m for m in analysis.match.skills}
    skills = Table(title="Skills")
    for column in ("skill", "kind", "importance", "mentions"):
        skills.add_column(column)
    if analysis.match:
        skills.add_column("you")
        skills.add_column("evidence")
    for hit in analysis.skills:
        row = [hit.name, hit.kind, hit.importance, str(len(hit.mentions))]
        if analysis.match:
            m = status.get(hit.name)
            row.append("✓" if m and m.status == "matched" else "✗ gap")
            row.append(m.evidence[0].ref if m and m.evidence else "")
        skills.add_row(*row)
    console.print(skills)

    if analysis.requirements:
        reqs = Table(title="Requirements")
        reqs.add_column("kind")
        reqs.add_column("text")
        reqs.add_column("importance")
        for r in analysis.requirements:
            reqs.add_row(r.kind, r.text, r.importance)
        console.print(reqs)

    if analysis.match and analysis.match.lines:
        lines = Table(title="Requirement lines")
        for column in ("requirement", "importance", "kind", "you", "evidence"):
            lines.add_column(column)
        for line in analysis.match.lines:
            shown = line.text if len(line.text) <= 90 else line.text[:89] + "…"
            refs = ", ".join(e.ref for e in line.evidence)
            lines.add_row(shown, line.importance, line.kind, line.status, refs)
        console.print(lines)

    if analysis.match:
        result = analysis.match
        console.print(f"[bold]Match score: {result.score}/100[/bold]")
        for req in result.requirements:
            console.print(
                f"  {req.kind}: {req.status} — need {req.need}, "
                f"have {req.have_text}  ({req.text})"
            )
        gaps = gap_lines(analysis)
        if gaps:
            console.print("Gaps (what your profile does not back):")
            for gap in gaps:
                console.print("  " + gap, markup=False)
