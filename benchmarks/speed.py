"""Start-up and run-time figures for the single-posting commands.

Prints the median wall time (over --runs fresh processes) of:
- `python -c "import spacy; spacy.blank('en')"`   (the reference: spaCy's own start-up)
- `tailor --help`                                 (goal: ≤ 0.15 s)
- `tailor letter <posting> --profile profiles/example.yaml`   (goal: ≤ 1.3× the reference)
- `tailor analyze <posting> --json`

Run from the repository root after `pip install -e .`:

    python benchmarks/speed.py --runs 7
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--posting", default=str(ROOT / "examples/postings/nlp-engineer-lumen.txt"))
    args = parser.parse_args()
    tailor = shutil.which("tailor") or sys.exit("tailor is not installed: pip install -e .")
    out = tempfile.mkdtemp(prefix="tailor-speed-")
    profile = str(ROOT / "profiles/example.yaml")
    rows = [
        (
            "import spacy; spacy.blank('en')",
            [sys.executable, "-c", "import spacy; spacy.blank('en')"],
        ),
        ("tailor --help", [tailor, "--help"]),
        (
            "tailor letter (md + docx)",
            [tailor, "letter", args.posting, "--profile", profile, "--out", out, "--force"],
        ),
        ("tailor analyze --json", [tailor, "analyze", args.posting, "--json"]),
    ]
    results = {}
    for label, cmd in rows:
        results[label] = median_time(cmd, args.runs)
    reference = results["import spacy; spacy.blank('en')"]
    print(f"median of {args.runs} runs, posting {Path(args.posting).name}")
    for label, seconds in results.items():
        print(f"  {label:<34} {seconds:6.3f} s   {seconds / reference:5.2f}× reference")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
