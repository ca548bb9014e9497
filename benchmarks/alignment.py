"""The mapper: its quality on the labelled alignment set, and its speed.

Quality: runs the team's scorer (`../shared/tools/eval_alignment.py`, which calls
`tailor analyze --json` on every labelled posting x profile pair) and prints its last
line: line recall, false gaps, evidence precision, false claims, score-fit Spearman.
Targets (on the team's held-out twin): recall >= 0.85, false gaps <= 0.10, precision
>= 0.80, false claims <= 0.05, Spearman >= 0.70.

Speed: CPU time per posting of `analyze` (documents' pipeline: taxonomy linker, no
recogniser) and of matching it against each example profile, over the first `--limit`
shared dev postings, in this process (`time.process_time`), after a warm-up posting.
Target: analyze + match within 1.2x of what it was before the requirement mapper
(measure the old tree the same way).

    python benchmarks/alignment.py [--limit 200] [--no-quality]

Needs ../shared (the scorer, the gold and the dev postings); says so and stops without it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--no-quality", action="store_true", help="speed only")
    args = parser.parse_args()
    postings_file = SHARED / "data/postings/postings-dev.jsonl"
    if not postings_file.is_file():
        sys.exit(f"{postings_file} is not here: nothing to measure")
    if not args.no_quality:
        scorer = subprocess.run(
            [sys.executable, str(SHARED / "tools/eval_alignment.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        print(scorer.stdout.strip().splitlines()[-1] if scorer.stdout else scorer.stderr)
    speed(postings_file, args.limit)


def speed(postings_file: Path, limit: int) -> None:
    from tailor.analysis.extract import analyze
    from tailor.matching.align import match_profile
    from tailor.posting.read import Posting
    from tailor.profile.load import load_profile
    from tailor.skills.pipeline import get_nlp
    from tailor.skills.taxonomy import load_taxonomy
    from tailor.skills.vectors import load_word_vectors

    texts = []
    with postings_file.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["description"])
            if len(texts) > limit:
                break
    nlp, taxonomy, vectors = get_nlp(recogniser=False), load_taxonomy(), load_word_vectors()
    profiles = [load_profile(p) for p in sorted((ROOT / "profiles").glob("example*.yaml"))]
    warm = analyze(Posting(source="warm-up", text=texts[0]), nlp=nlp)
    for profile in profiles:
        match_profile(profile, warm, taxonomy=taxonomy, vectors=vectors)
    analysing = matching = 0.0
    for i, text in enumerate(texts[1:]):
        start = time.process_time()
        analysis = analyze(Posting(source=f"p{i}", text=text), nlp=nlp)
        middle = time.process_time()
        for profile in profiles:
            match_profile(profile, analysis, taxonomy=taxonomy, vectors=vectors)
        analysing += middle - start
        matching += time.process_time() - middle
    n = len(texts) - 1
    per_match = 1000 * matching / (n * len(profiles))
    print(
        f"speed: {n} postings x {len(profiles)} profiles: analyze {1000 * analysing / n:.1f} ms, "
        f"match {per_match:.1f} ms a profile, analyze + match "
        f"{1000 * analysing / n + per_match:.1f} ms a posting (CPU)"
    )


if __name__ == "__main__":
    main()
