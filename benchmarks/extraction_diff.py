"""What a change to the extractor does on real postings: lines and contacts, old vs new.

For every posting in ../shared/data/postings/postings-dev.jsonl, the requirement lines
(`analysis.lines.requirement_lines`, with the posting's title) and the contact
(`analysis.contact.find_contact`) are computed by two source trees, each in its own
interpreter, and compared. Printed: the lines only one tree finds, the lines whose kind
changed, the contacts and titles that changed, and the totals (titles also counted against
the title each posting is listed under). Use it before and after a change to
`analysis/`: a rule that drops "Slough is the second largest town…" should not drop
"Guides provide personalized support to each child." as well.

Usage (from the repository root; OLD is usually a worktree of the commit before):

    git worktree add /tmp/before HEAD~1
    python benchmarks/extraction_diff.py /tmp/before/src src [--show 40]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = ROOT.parent / "shared" / "data" / "postings" / "postings-dev.jsonl"

_RUN = r"""
import json, sys
from tailor.analysis.contact import find_contact
from tailor.analysis.lines import requirement_lines
from tailor.analysis.metadata import guess_metadata
out = {}
for row in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    text = row["description"]
    contact = find_contact(text)
    out[row["id"]] = {
        "lines": [[l.start, l.text, l.kind] for l in requirement_lines(text, title=row.get("title"))],
        "contact": [contact.name, contact.role] if contact else None,
        "title": guess_metadata(text).title,
        "listed": row.get("title"),
    }
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def extract(src: Path, postings: Path, out: Path) -> dict[str, dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    subprocess.run([sys.executable, "-c", _RUN, str(postings), str(out)], env=env, check=True)
    result: dict[str, dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the old tree's src/ folder")
    parser.add_argument("new", type=Path, help="the new tree's src/ folder")
    parser.add_argument("--postings", type=Path, default=POSTINGS)
    parser.add_argument("--show", type=int, default=40, help="changes printed per kind")
    args = parser.parse_args()
    if not args.postings.is_file():
        sys.exit(f"{args.postings}: not found; pass --postings FILE (JSONL with id, description)")
    with tempfile.TemporaryDirectory() as tmp:
        old = extract(args.old, args.postings, Path(tmp) / "old.json")
        new = extract(args.new, args.postings, Path(tmp) / "new.json")
    gone: list[str] = []
    added: list[str] = []
    kinds: list[str] = []
    contacts: list[str] = []
    titles: list[str] = []
    total = 0
    for pid, before in old.items():
        after = new[pid]
        was = {(s, t): k for s, t, k in before["lines"]}
        now = {(s, t): k for s, t, k in after["lines"]}
        total += len(was)
        gone += [f"- {pid} {t[:110]}" for s, t in sorted(was.keys() - now.keys())]
        added += [f"+ {pid} {t[:110]}" for s, t in sorted(now.keys() - was.keys())]
        kinds += [
            f"~ {pid} {was[key]} -> {now[key]}: {key[1][:90]}"
            for key in sorted(was.keys() & now.keys())
            if was[key] != now[key]
        ]
        if before["contact"] != after["contact"]:
            contacts.append(f"@ {pid} {before['contact']} -> {after['contact']}")
        if before["title"] != after["title"]:
            titles.append(f"# {pid} {before['title']} -> {after['title']}")
    for changes in (gone, added, kinds, contacts, titles):
        for change in changes[: args.show]:
            print(change.replace("\n", " "))
        if len(changes) > args.show:
            print(f"  … {len(changes) - args.show} more")
    found = [sum(p["contact"] is not None for p in tree.values()) for tree in (old, new)]
    named = [sum(p["title"] is not None for p in tree.values()) for tree in (old, new)]
    agree = [
        sum(_same_title(p["title"], p["listed"]) for p in tree.values()) for tree in (old, new)
    ]
    print(
        f"titles found: {named[0]} -> {named[1]}, agreeing with the posting's listed title: "
        f"{agree[0]} -> {agree[1]}, {len(titles)} changed"
    )
    print(
        f"postings: {len(old)}  lines: {total} before, {len(gone)} gone, {len(added)} added, "
        f"{len(kinds)} of another kind  contacts found: {found[0]} -> {found[1]}, "
        f"{len(contacts)} changed"
    )


def _same_title(found: str | None, listed: str | None) -> bool:
    """One title contains the other, case and punctuation aside."""
    a, b = _fold(found), _fold(listed)
    return bool(a and b and (a in b or b in a))


def _fold(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


if __name__ == "__main__":
    main()
