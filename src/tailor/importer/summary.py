"""The few lines printed after an import: what was found, and what to review."""

from __future__ import annotations

from tailor.importer.draft import SECTION_ORDER, Draft


def summary_lines(draft: Draft) -> list[str]:
    basics = draft.basics.values
    found: list[str] = [key for key in ("name", "label", "email", "phone", "url", "location", "summary")
             if key in basics]  # fmt: skip
    if basics.get("profiles"):
        found.append(f"{len(basics['profiles'])} profile link(s)")
    parts = [f"basics: {', '.join(found)}"]
    for kind in SECTION_ORDER:
        entries = draft.sections.get(kind, [])
        if not entries:
            continue
        bullets = sum(len(e.values.get("highlights", [])) for e in entries)
        extra = f" ({bullets} highlights)" if bullets else ""
        if kind == "skills" and draft.linked[1]:
            extra = f" ({draft.linked[0]} of {draft.linked[1]} in tailor's skill taxonomy)"
        parts.append(f"{kind}: {len(entries)}{extra}")
    count = draft.review_count()
    review = (
        f"{count} value(s) to review (marked `# review:`)" if count else "nothing marked for review"
    )
    return ["Found " + "; ".join(parts) + ".", f"{review}; check every value before use."]
