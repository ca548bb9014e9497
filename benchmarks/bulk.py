"""Throughput of `tailor bulk` on the 991 shared dev postings, with 1 and 2 worker processes.

Runs letter + résumé × Markdown + DOCX into a fresh output folder per run and
prints the wall time, postings per second, the speed-up over `--jobs 1`, and
the peak memory of the whole process tree (the sum of RSS, and the sum of PSS,
which counts pages shared between processes once). Then it times a rerun,
which should skip every posting. Targets: ≤ 60 s with `--jobs 2` on two cores,
speed-up ≥ 1.7×, peak memory ≤ 1.5 GiB.

Run from the repository root after `pip install -e .`:

    python benchmarks/bulk.py                # --jobs 1 and --jobs 2
    python benchmarks/bulk.py --jobs 2 --limit 200
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = ROOT.parent / "shared" / "data" / "postings" / "postings-dev.jsonl"
PROFILE = ROOT / "profiles" / "example.yaml"
MIB = 1024 * 1024


@dataclass
class Figures:
    seconds: float
    cpu: float
    """CPU seconds (user + system) of the whole process tree."""
    main_cpu: float
    """CPU seconds of the main `tailor bulk` process alone (approximate)."""
    peak_rss: int
    peak_pss: int
    failed: list[str]


def _tree(root: int) -> list[int]:
    """`root` and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(parents.get(pid, []))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; zeros if it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def _cpu(pid: int) -> float:
    """CPU seconds a process has used so far; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str]) -> Figures:
    peak = [0, 0]
    main_cpu = 0.0
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(proc.stderr or []), daemon=True)
    reader.start()
    pids: list[int] = []
    ticks = 0
    while proc.poll() is None:
        if Path("/proc").is_dir():
            if ticks % 10 == 0:  # the process tree changes rarely; scanning /proc costs
                pids = _tree(proc.pid)
            sizes = [_memory(pid) for pid in pids]
            peak[0] = max(peak[0], sum(s[0] for s in sizes))
            peak[1] = max(peak[1], sum(s[1] for s in sizes))
            main_cpu = max(main_cpu, _cpu(proc.pid))
        ticks += 1
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    reader.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"tailor bulk failed ({proc.returncode}):\n{''.join(stderr[-20:])}")
    failed = [line.strip() for line in stderr if line.startswith("Error:")]
    return Figures(seconds, cpu, main_cpu, peak[0], peak[1], failed)


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=Path, default=POSTINGS)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, help="Use only the first N postings.")
    args = parser.parse_args()
    if not args.postings.is_file():
        sys.exit(
            f"{args.postings} is not present: this benchmark needs ../shared/data/postings/"
            "postings-dev.jsonl beside the repository (or --postings FILE)"
        )
    work = Path(tempfile.mkdtemp(prefix="tailor-bulk-bench-"))
    postings = args.postings
    if args.limit:
        postings = work / "postings.jsonl"
        lines = args.postings.read_text(encoding="utf-8").splitlines(keepends=True)
        postings.write_text("".join(lines[: args.limit]), encoding="utf-8")
    count = sum(1 for line in postings.read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"{count} postings × letter + résumé × md + docx; {os.cpu_count()} cores")
    print(f"load average before: {load()}")
    rows: dict[int, Figures] = {}
    out = work / "out"
    for jobs in args.jobs:
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "tailor", "bulk", str(postings), "--profile", str(PROFILE)]
        cmd += ["--kind", "letter,resume", "--format", "md,docx", "--out", str(out)]
        rows[jobs] = run([*cmd, "--jobs", str(jobs)])
    rerun = run([*cmd, "--jobs", str(args.jobs[-1])])
    print(f"load average after:  {load()}")
    base = rows.get(1)
    print(
        f"\n{'jobs':>4} {'wall s':>7} {'posts/s':>7} {'speed-up':>8} {'CPU s':>7} "
        f"{'main CPU s':>10} {'RSS MiB':>7} {'PSS MiB':>7}"
    )
    for jobs, fig in rows.items():
        speedup = f"{base.seconds / fig.seconds:.2f}×" if base else "-"
        print(
            f"{jobs:>4} {fig.seconds:>7.1f} {count / fig.seconds:>7.1f} {speedup:>8} "
            f"{fig.cpu:>7.1f} {fig.main_cpu:>10.1f} {fig.peak_rss / MIB:>7.0f} "
            f"{fig.peak_pss / MIB:>7.0f}"
        )
    print(
        f"rerun (--jobs {args.jobs[-1]}; up-to-date postings skipped, failed ones retried): "
        f"{rerun.seconds:.1f} s"
    )
    failed = next((fig.failed for fig in rows.values() if fig.failed), [])
    if failed:
        print(f"\n{len(failed)} postings failed" + (", the first 5:" if len(failed) > 5 else ":"))
        print("\n".join(failed[:5]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
