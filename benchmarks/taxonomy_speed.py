"""Load and match times of the shipped skill taxonomy.

Prints the median, over fresh processes, of `load_taxonomy()` measured after
`import spacy` (goal: ≤ 40 ms), and the median time of `Taxonomy.find` over a
700-token posting made from examples/postings (goal: ≤ 2 ms).

Run from the repository root:

    python benchmarks/taxonomy_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
ARTEFACT = SRC / "tailor" / "resources" / "taxonomy.json.gz"

# Runs in a fresh interpreter: spaCy is imported first, as tailor's pipeline does.
LOAD = """
import time
import spacy
t = time.perf_counter()
from tailor.skills.taxonomy import load_taxonomy
load_taxonomy()
print((time.perf_counter() - t) * 1000)
"""


def cold_load_ms(runs: int) -> list[float]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", LOAD], env=env, check=True, capture_output=True, text=True
        )
        out.append(float(result.stdout))
    return out


def posting_words(n: int) -> list[str]:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    words: list[str] = []
    for path in sorted((ROOT / "examples" / "postings").glob("*.txt")):
        words += [t.text for t in tokenizer(path.read_text(encoding="utf-8"))]
    while len(words) < n:
        words += words
    return words[:n]


def find_ms(words: list[str], repeats: int) -> list[float]:
    sys.path.insert(0, str(SRC))
    from tailor.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    taxonomy.find(words)  # warm the token cache and the Skill objects, as a long run would
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        taxonomy.find(words)
        out.append((time.perf_counter() - start) * 1000)
    matches = len(taxonomy.find(words))
    print(
        f"taxonomy: {len(taxonomy):,} skills, {taxonomy.n_phrases:,} phrases, "
        f"{ARTEFACT.stat().st_size / 1e6:.2f} MB gzipped; {matches} matches in the posting"
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes for the load time")
    parser.add_argument("--tokens", type=int, default=700, help="posting length for find")
    args = parser.parse_args()
    loads = cold_load_ms(args.runs)
    finds = find_ms(posting_words(args.tokens), repeats=200)
    print(
        f"load_taxonomy() after import spacy: median {statistics.median(loads):.1f} ms "
        f"(min {min(loads):.1f}, max {max(loads):.1f}; {args.runs} processes; goal ≤ 40 ms)"
    )
    print(
        f"find() over {args.tokens} tokens: median {statistics.median(finds):.2f} ms "
        f"(min {min(finds):.2f}, max {max(finds):.2f}; goal ≤ 2 ms)"
    )


if __name__ == "__main__":
    main()
