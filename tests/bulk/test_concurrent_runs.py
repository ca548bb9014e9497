"""Two bulk runs into one OUT at once, with postings that map to the same folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "profiles" / "example.yaml")
ROLES = [("Data Engineer", "Acme"), ("ML Engineer", "Lumen"), ("Data Analyst", "Northwind")]


def postings(folder: Path, skill: str) -> Path:
    folder.mkdir()
    for n, (title, company) in enumerate(ROLES):
        (folder / f"{n}.txt").write_text(
            f"---\ntitle: {title}\ncompany: {company}\n---\n{title} at {company}\n\n"
            f"Requirements:\n- Python and SQL\n- {skill}\n"
        )
    return folder


def test_two_runs_never_share_a_folder_and_the_manifest_keeps_both(tmp_path: Path) -> None:
    first, second = postings(tmp_path / "one", "Kubernetes"), postings(tmp_path / "two", "Tableau")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tailor",
                "bulk",
                str(folder),
                "--profile",
                PROFILE,
                "--out",
                str(out),
                "--kind",
                "letter",
                "--format",
                "md",
                "--jobs",
                "1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for folder in (first, second)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    entries = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(e["input"] for e in entries) == sorted(
        str(folder / f"{n}.txt") for folder in (first, second) for n in range(len(ROLES))
    )
    folders = [e["folder"] for e in entries]
    assert len(set(folders)) == 6  # each posting its own folder: three of them `-2`
    for entry in entries:
        skill = "Kubernetes" if entry["input"].startswith(str(first)) else "Tableau"
        other = "Tableau" if skill == "Kubernetes" else "Kubernetes"
        report = (out / entry["folder"] / "report.md").read_text()
        assert skill in report, entry["folder"]
        assert other not in report, entry["folder"]
