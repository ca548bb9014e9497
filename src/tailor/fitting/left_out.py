"""What a page budget left out of a résumé, in words: `resume.left-out.md` and one terminal line.

Nothing is dropped silently: every part a budget cuts is listed, least relevant
first, beside the résumé.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from tailor.fitting.budget import Cut, Fitted
from tailor.matching.report import shorten
from tailor.profile.model import Profile

LEFT_OUT = "resume.left-out.md"
"""Beside the résumé: what its page budget left out. A file of its own, not a section of
report.md, because a later `tailor letter` for the same posting rewrites report.md."""

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
    return {
        "projects": "project",
        "publications": "publication",
        "awards": "award",
        "volunteer": "volunteer role",
        "interests": "interest",
    }.get(cut.section, "entry")


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


def renders(templates: Iterable[Path], section: str) -> bool:
    """Whether every one of the résumé `templates` has a place for `section` ("volunteer",
    "interests": the built-ins do; a user's copy made before they did may not)."""
    return all(section in _template_text(path) for path in templates)


def _template_text(path: Path) -> str:
    if path.suffix != ".docx":
        return path.read_text(encoding="utf-8", errors="replace")
    try:
        with zipfile.ZipFile(path) as docx:
            return docx.read("word/document.xml").decode("utf-8", errors="replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""  # not readable here: its renderer reports why


def not_in_template(
    profile: Profile, *, volunteer: bool = False, interests: bool = False
) -> list[tuple[str, str]]:
    """The profile's entries a résumé template has no section for (references, and
    volunteer work and interests unless `volunteer` and `interests` say the templates
    show them), as (ref, text): listed beside the résumé, never dropped silently."""
    out: list[tuple[str, str]] = []
    for i, role in enumerate([] if volunteer else profile.volunteer):
        head = ", ".join(p for p in (role.position, role.organization) if p)
        out += [(f"volunteer[{i}]", head)] if head else []
        out += [(f"volunteer[{i}].summary", role.summary)] if role.summary else []
        out += [(f"volunteer[{i}].highlights[{j}]", h) for j, h in enumerate(role.highlights)]
    for i, interest in enumerate([] if interests else profile.interests):
        words = ", ".join(p for p in (interest.name, *interest.keywords) if p)
        out += [(f"interests[{i}]", words)] if words else []
    for i, reference in enumerate(profile.references):
        out += [(f"references[{i}]", reference.name)] if reference.name else []
    return out


def left_out_markdown(fitted: Fitted | None, unrendered: Sequence[tuple[str, str]] = ()) -> str:
    """What the page budget left out of the résumé, least relevant first, and what the
    template has no section for (`not_in_template`)."""
    tail = []
    if unrendered:
        tail = [
            "",
            "## Not in the résumé's template",
            "",
            *(f"- `{ref}`: {shorten(text)}" for ref, text in unrendered),
            "",
            "Add them by hand, or in a template of your own (`tailor templates copy`).",
            "",
        ]
    if fitted is None:
        head = "# Left out of the résumé\n\nNothing cut: no page budget (`--pages any`).\n"
        return head + "\n".join(tail)
    out = [f"# Left out of the résumé to fit {_pages(fitted.pages)}", ""]
    if not fitted.left_out:
        return "\n".join([*out, "Nothing cut: the whole profile fits.", "", *tail])
    if not fitted.fits:
        out += [
            f"Even without these the résumé needs about {fitted.layout.extent:.2f} pages.",
            "",
        ]
    out += [
        f"- `{cut.ref}` ({_part(cut)}, relevance {cut.relevance:g}): {shorten(cut.text)}"
        for cut in fitted.left_out
    ]
    return "\n".join([*out, "", "Least relevant first. `--pages any` keeps everything.", "", *tail])
