"""`tailor bulk --scheduler`: the same documents and manifest from a Dask cluster."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from helpers.postings import posting
from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--kind", "letter,resume", "--format", "md,docx"]


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text(posting("Data Engineer", "Acme"))
    (folder / "b.md").write_text(posting("ML Engineer", "Lumen"))
    (folder / "c.txt").write_text("")  # an empty posting: fails alone, on the cluster too
    return folder


@pytest.fixture
def people(tmp_path: Path) -> Path:
    folder = tmp_path / "people"
    folder.mkdir()
    shutil.copy(ROOT / "profiles" / "example.yaml", folder / "alice.yaml")
    shutil.copy(ROOT / "profiles" / "example-teacher.yaml", folder / "carol.yaml")
    return folder


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def bulk(runner: CliRunner, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(cli, ["bulk", *args, *ARGS], **kwargs)


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.jsonl"
    }


def test_a_cluster_writes_what_local_workers_write(
    runner: CliRunner, scheduler: str, postings: Path, people: Path, tmp_path: Path
) -> None:
    local, remote = tmp_path / "local", tmp_path / "remote"
    by_pool = bulk(runner, str(postings), "--profiles", str(people), "--out", str(local), "-j", "1")
    by_dask = bulk(
        runner, str(postings), "--profiles", str(people), "--out", str(remote),
        "--scheduler", scheduler,
    )  # fmt: skip
    assert by_pool.exit_code == by_dask.exit_code == 1  # the empty posting, in both
    assert isinstance(by_dask.exception, SystemExit), by_dask.output  # no traceback
    strip = ("settings_hash",)  # same profiles and templates: same hash too, kept to compare
    local_lines, remote_lines = manifest(local), manifest(remote)
    assert len(remote_lines) == 6
    assert len({e["id"] for e in remote_lines}) == 6  # every pair once
    assert [{k: v for k, v in e.items() if k not in strip} for e in remote_lines] == [
        {k: v for k, v in e.items() if k not in strip} for e in local_lines
    ]
    assert [e["status"] for e in remote_lines] == ["ok", "ok", "ok", "ok", "failed", "failed"]
    from docx import Document

    letter = remote / "alice" / "acme-data-engineer" / "cover-letter.docx"
    assert "Acme" in "\n".join(p.text for p in Document(str(letter)).paragraphs)
    # The documents are the same bytes as local workers write, except the DOCX zips'
    # timestamps: compare their text.
    local_files, remote_files = files(local), files(remote)
    assert sorted(local_files) == sorted(remote_files)
    for name, data in remote_files.items():
        if name.endswith(".docx"):
            docs = [Document(str(out / name)) for out in (local, remote)]
            texts = ["\n".join(p.text for p in d.paragraphs) for d in docs]
            assert texts[0] == texts[1], name
        else:
            assert data == local_files[name], name

    again = runner.invoke(
        cli,
        ["bulk", str(postings), "--profiles", str(people), "--out", str(remote), *ARGS],
        env={"TAILOR_DASK_SCHEDULER": scheduler},
    )
    assert again.exit_code == 1
    assert "4 postings up to date, skipped" in again.stderr
    assert [e["status"] for e in manifest(remote)] == ["skipped"] * 4 + ["failed"] * 2


def test_user_templates_travel_with_the_tasks(
    runner: CliRunner, scheduler: str, postings: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "mine"
    (templates / "letter").mkdir(parents=True)
    (templates / "letter" / "plain.md.j2").write_text(
        "Dear {{ target.company }} team, from my template.\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(cli, [
        "bulk", str(postings / "a.txt"), "--profile", str(ROOT / "profiles" / "example.yaml"),
        "--out", str(out), "--kind", "letter", "--format", "md", "--template", "plain",
        "--templates", str(templates), "--scheduler", scheduler,
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (out / "acme-data-engineer" / "cover-letter.md").read_text() == (
        "Dear Acme team, from my template.\n"
    )


def test_without_the_extra_scheduler_is_one_line_and_exit_2(
    runner: CliRunner, postings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = bulk(
        runner, str(postings), "--profile", str(ROOT / "profiles" / "example.yaml"),
        "--scheduler", "tcp://127.0.0.1:8786",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output == (
        'Error: --scheduler: needs Dask, which is not installed: pip install "tailor-cv[dask]"\n'
    )


def test_an_unreachable_scheduler_is_one_line_and_nothing_is_written(
    runner: CliRunner, postings: Path, tmp_path: Path
) -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = bulk(
            runner, str(postings), "--profile", str(ROOT / "profiles" / "example.yaml"),
            "--out", str(out), "--scheduler", "tcp://127.0.0.1:1",
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: --scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:1 ("
    )
    assert result.output.endswith("); start one with `dask scheduler`, or check the address\n")
    assert result.output.count("\n") == 1
    assert not out.exists()


def test_a_worker_killed_mid_run_loses_nothing(
    runner: CliRunner, scheduler: str, tmp_path: Path, people: Path
) -> None:
    """SIGKILL one worker process once the first pair is recorded: Dask reruns its
    batch elsewhere (the nanny starts a new worker), and every pair is there once."""
    import os
    import signal
    import threading
    import time

    import distributed

    folder = tmp_path / "many"
    folder.mkdir()
    companies = ["Acme", "Lumen", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"]
    for n, company in enumerate(companies):
        (folder / f"{n}.txt").write_text(posting("Data Engineer", company))
    out = tmp_path / "out"
    with distributed.Client(scheduler, set_as_default=False) as client:
        pids = sorted(client.run(os.getpid).values())
    seen: list[int] = []

    def kill_when_started() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            manifest_file = out / "manifest.jsonl"
            if manifest_file.is_file() and manifest_file.read_text().count("\n") >= 1:
                seen.append(manifest_file.read_text().count("\n"))
                os.kill(pids[0], signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    result = bulk(
        runner, str(folder), "--profiles", str(people), "--out", str(out),
        "--scheduler", scheduler,
    )  # fmt: skip
    killer.join()
    assert result.exit_code == 0, result.output
    assert seen, "the worker was never killed"
    assert seen[0] < 2 * len(companies)  # killed mid-run, not after it
    lines = manifest(out)
    assert sorted(e["id"] for e in lines) == sorted(
        f"{who}/{folder / f'{n}.txt'}" for n in range(len(companies)) for who in ("alice", "carol")
    )
    assert {e["status"] for e in lines} == {"ok"}
    for entry in lines:
        assert (out / entry["folder"] / "cover-letter.docx").is_file()
