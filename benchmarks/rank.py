"""Throughput of `tailor rank` over the shared dev postings (no documents are written).

Runs `tailor rank ../shared/data/postings/postings-dev.jsonl --profile P --json -j N` in
a fresh process and prints the postings ranked, the wall time (start-up included) and
postings per second. Target (#18): at least 50 postings/s on 2 cores.

    python benchmarks/rank.py [--profile profiles/example.yaml] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = ROOT.parent / "shared" / "data" / "postings" / "postings-dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default=str(ROOT / "profiles" / "example.yaml"))
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()
    if not POSTINGS.is_file():
        sys.exit(f"{POSTINGS} is not here: nothing to measure")
    tailor = shutil.which("tailor") or "tailor"
    started = time.perf_counter()
    done = subprocess.run(
        [tailor, "rank", str(POSTINGS), "--profile", args.profile, "--json", "-j", str(args.jobs)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    rows = json.loads(done.stdout or "[]")
    failed = sum(1 for r in rows if r["error"])
    print(
        f"rank: {len(rows)} postings ({failed} failed) in {seconds:.1f} s, "
        f"{len(rows) / seconds:.1f} postings/s ({args.jobs} worker processes, start-up included)"
    )


if __name__ == "__main__":
    main()
