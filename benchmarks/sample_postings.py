"""Postings for the résumé benchmarks (pages.py, ats.py): the examples, plus dev postings.

Dev postings come from `../shared/data/postings/postings-dev.jsonl` when it exists
(see its README for the licence), written as text files with front matter.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "postings" / "postings-dev.jsonl"


def sample_postings(dev: int, folder: Path) -> list[Path]:
    """The example postings and the first `dev` dev postings (written into `folder`)."""
    found = sorted((ROOT / "examples" / "postings").glob("*.txt"))
    if dev and DEV.is_file():
        with DEV.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                if n >= dev:
                    break
                row = json.loads(line)
                path = folder / f"dev-{n:03d}.txt"
                front = {"title": row.get("title"), "company": row.get("company")}
                head = "".join(f"{k}: {json.dumps(v)}\n" for k, v in front.items() if v)
                path.write_text(f"---\n{head}---\n{row['description']}\n", encoding="utf-8")
                found.append(path)
    return found
