"""A Draft -> profile YAML with a comment naming each entry's source and a
`# review:` comment above every value the parser was unsure of.

The values are written by the same YAML writer as the JSON Resume import, so
dates stay quoted text; comments are put on their own lines, where YAML can
never mistake them for part of a value.
"""

from __future__ import annotations

import re
from typing import Any

from tailor.importer.draft import SECTION_ORDER, Draft, Entry
from tailor.profile.jsonresume import dump_yaml

_KEY = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[A-Za-z$][\w$]*):")


def draft_yaml(draft: Draft) -> str:
    out = [
        f"# Draft profile imported from {_one_line(draft.source)} by `tailor profile import`.",
        "# Every value was copied from the source; check each one, and every `# review:` mark,",
        "# before using this profile (then remove the marks).",
        "",
        "basics:",
        f"  # from {draft.basics.where or 'the top of the résumé'}",
    ]
    basics = dump_yaml({"basics": draft.basics.values}).rstrip("\n").split("\n")[1:]
    out.extend(_with_reviews(basics, draft.basics, 2))
    for kind in SECTION_ORDER:
        entries = draft.sections.get(kind)
        if not entries:
            continue
        out.extend(["", f"{kind}:"])
        for entry in entries:
            out.append(f"  # from {_one_line(entry.where)}")
            out.extend(f"  # {_one_line(note)}" for note in entry.notes)
            text = dump_yaml([entry.values]).rstrip("\n").split("\n")
            out.extend(_with_reviews(["  " + line if line else line for line in text], entry, 4))
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def _with_reviews(lines: list[str], entry: Entry, indent: int) -> list[str]:
    """`lines` with `# review:` comments above the entry's unsure fields."""
    out: list[str] = []
    pending = dict(entry.review)
    for line in lines:
        match = _KEY.match(line)
        if match and match.group("key") in pending:
            col = len(match.group("indent"))
            first_key = line[col:].startswith("- ")
            if first_key or col == indent:
                why = _one_line(pending.pop(match.group("key")))
                out.append(" " * col + f"# review: {match.group('key')}: {why}")
        out.append(line)
    out.extend(f"{' ' * indent}# review: {key}: {_one_line(why)}" for key, why in pending.items())
    return out


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())
