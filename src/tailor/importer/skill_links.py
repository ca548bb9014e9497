"""Skills read from a résumé, linked to tailor's skill taxonomy.

A skill the taxonomy knows is matched against postings by its concept (its
synonyms included); one it does not know is matched by its words only. The
values stay as written: the link is reported in a comment and in the summary,
so the user sees which skills tailor will recognise.
"""

from __future__ import annotations

from tailor.importer.draft import Draft


def link_skills(draft: Draft) -> tuple[int, int]:
    """Note each skills entry's unlinked names; (linked, total) skill names."""
    entries = draft.sections.get("skills", [])
    if not entries:
        return 0, 0
    from tailor.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    linked = total = 0
    for entry in entries:
        keywords = [k for k in entry.values.get("keywords", []) if isinstance(k, str)]
        names = keywords or [entry.values.get("name", "")]
        unknown = [n for n in names if n and taxonomy.link(n) is None]
        total += len(names)
        linked += len(names) - len(unknown)
        if unknown:
            entry.notes.append("not in tailor's skill taxonomy (matched by words): "
                               + "; ".join(unknown))  # fmt: skip
    return linked, total
