"""A killed or doubled `tailor bulk` loses nothing: real processes, real SIGKILLs.

Each run is `python -m tailor bulk` in its own process group (its workers too),
killed with SIGKILL at seeded random moments. After every kill each file is
absent or exactly what an uninterrupted run writes, the manifest reads back,
and a plain rerun finishes the job with the same bytes as a clean run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tailor.bulk.manifest import read_manifest
from tailor.output import STATE_FILE, sha256, write_outputs

pytestmark = pytest.mark.skipif(
    os.name != "posix" or not hasattr(os, "killpg"),
    reason="needs POSIX process groups and SIGKILL",
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "postings"
PROFILE = ROOT / "profiles" / "example.yaml"
MANIFEST = "manifest.jsonl"
SEED = 20240607
POSTINGS = 6
CHAINS = 3
KILLS_PER_CHAIN = 2

Files = dict[str, bytes]


def make_postings(root: Path) -> Path:
    """The three example postings, and each again for another company (front matter)."""
    folder = root / "postings"
    folder.mkdir()
    for n, example in enumerate(sorted(EXAMPLES.glob("*.txt"))):
        text = example.read_text(encoding="utf-8")
        (folder / example.name).write_text(text, encoding="utf-8")
        other = f"---\ncompany: Ørsted Bække {n}\n---\n{text}"
        (folder / f"again-{example.name}").write_text(other, encoding="utf-8")
    return folder


def start(root: Path, out: str, *extra: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "tailor", "bulk", "postings", "--profile", str(PROFILE)]
    return subprocess.Popen(
        [*args, "--out", out, *extra],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: killpg reaches the workers
    )


def finish(process: subprocess.Popen[bytes]) -> None:
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, stderr.decode()


def files(out: Path) -> Files:
    """Every file under `out` but the manifest, by path relative to `out`."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def manifest_lines(out: Path) -> list[bytes]:
    path = out / MANIFEST
    return path.read_bytes().splitlines() if path.exists() else []


def without_status(line: bytes) -> dict[str, object]:
    record = json.loads(line)
    assert record.pop("status") in ("ok", "skipped")
    return dict(record)


def assert_nothing_torn(out: Path, clean: Files, clean_manifest: list[bytes]) -> None:
    """Each file is one a complete run writes, byte for byte; the manifest reads back."""
    for name, data in files(out).items():
        if Path(name).name.endswith(".tmp"):
            continue  # a rename the kill cut short: the next run sweeps it (checked at the end)
        if Path(name).name == STATE_FILE:
            json.loads(data)  # replaced atomically: always whole
            continue
        assert data == clean.get(name), f"{name} is not what a complete run writes"
        if name.endswith(".md"):
            data.decode("utf-8")
        elif name.endswith(".docx"):
            assert zipfile.is_zipfile(out / name)
            assert docx.Document(str(out / name)).paragraphs
    expected = [without_status(line) for line in clean_manifest]
    for line in manifest_lines(out):
        try:
            record = without_status(line)
        except ValueError:
            # Only a line a kill cut short, which the reader skips.
            assert any(whole.startswith(line) for whole in clean_manifest), line
            continue
        assert record in expected, line
    read_manifest(out / MANIFEST)  # never raises on what a kill leaves


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Files, list[bytes]]:
    """An uninterrupted run: the folder it ran in, its files and manifest lines."""
    root = tmp_path_factory.mktemp("crash")
    make_postings(root)
    finish(start(root, "clean", "--jobs", "2"))
    return root, files(root / "clean"), manifest_lines(root / "clean")


def kill_after(process: subprocess.Popen[bytes], out: Path, lines: int, delay: float) -> bool:
    """SIGKILL the run `delay` s after the manifest has `lines` lines (each a finished
    posting, appended right after its files are written); whether it was still running."""
    deadline = time.monotonic() + 120
    while len(manifest_lines(out)) < lines and process.poll() is None:
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.005)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):  # the run (and its workers) ended already
        os.killpg(process.pid, signal.SIGKILL)
    _, stderr = process.communicate()
    assert process.returncode in (0, -signal.SIGKILL), stderr.decode()
    return process.returncode == -signal.SIGKILL


def test_sigkill_at_random_moments_loses_nothing(
    clean: tuple[Path, Files, list[bytes]],
) -> None:
    """Three output folders, each killed twice (the second run resuming the first), then
    finished by a plain rerun. A kill lands just after a posting is recorded: amid the
    next posting's writes, the final manifest, or (at 0 postings) the start-up."""
    root, clean_files, clean_manifest = clean
    assert len(clean_manifest) == POSTINGS
    assert not [name for name in clean_files if name.endswith(".tmp")]
    rng = random.Random(SEED)
    killed = 0
    for chain in range(CHAINS):
        out = root / f"killed-{chain}"
        for _ in range(KILLS_PER_CHAIN):
            done = len(manifest_lines(out))
            process = start(root, out.name, "--jobs", str(rng.choice([1, 2])))
            lines = done + rng.randint(0, max(0, POSTINGS - 1 - done))
            killed += kill_after(process, out, lines, rng.uniform(0, rng.choice([0.03, 0.3])))
            assert_nothing_torn(out, clean_files, clean_manifest)
        finish(start(root, out.name, "--jobs", "2"))
        assert files(out) == clean_files  # every document and record; no .tmp left
        assert [without_status(line) for line in manifest_lines(out)] == [
            without_status(line) for line in clean_manifest
        ]
    assert killed >= CHAINS * KILLS_PER_CHAIN // 2  # most kills landed before the run ended


def test_two_runs_at_once_write_whole_files(
    clean: tuple[Path, Files, list[bytes]],
) -> None:
    """Two runs into one OUT, one writing letters and one résumés: every file is one
    that a run alone writes, and each folder's record knows every file in it."""
    root, _, _ = clean
    alone: dict[str, tuple[Files, list[bytes]]] = {}
    for kind in ("letter", "resume"):
        finish(start(root, f"alone-{kind}", "--jobs", "1", "--kind", kind))
        alone[kind] = files(root / f"alone-{kind}"), manifest_lines(root / f"alone-{kind}")

    runs = [start(root, "both", "--jobs", "1", "--kind", kind) for kind in ("letter", "resume")]
    for process in runs:
        finish(process)

    out = root / "both"
    together = files(out)
    letters, resumes = alone["letter"][0], alone["resume"][0]
    assert set(together) == set(letters) | set(resumes)
    for name, data in together.items():
        if Path(name).name == STATE_FILE:
            state = json.loads(data)
            assert ".pending" not in state
            folder = out / Path(name).parent
            recorded = {
                p.name: sha256(p.read_bytes()) for p in folder.iterdir() if p.name != STATE_FILE
            }
            assert state == recorded  # neither run dropped the other's record
        else:
            assert data in (letters.get(name), resumes.get(name)), name
    lines = manifest_lines(out)
    assert lines in (alone["letter"][1], alone["resume"][1])  # whole: the last run's
    finish(start(root, "both", "--jobs", "1", "--kind", "letter"))  # nothing counts as an edit
    assert files(out) == together


def _crash_during_rename(folder: Path) -> None:
    """In a child process: write through write_outputs and die by SIGKILL at the rename."""
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from tailor import output\n"
        "def die(self, target):\n"
        "    if Path(target).name == 'cover-letter.md':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return os.replace(self, target)\n"
        "Path.replace = die\n"
        "output.write_outputs(Path(sys.argv[1]), {'cover-letter.md': b'new', 'report.md': b'r'})\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(folder)], check=False)
    assert result.returncode == -signal.SIGKILL


def test_temporary_file_of_a_killed_write_is_swept_by_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"old"})
    _crash_during_rename(folder)
    left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    assert left[0].startswith(".cover-letter.md.")
    assert (folder / "cover-letter.md").read_bytes() == b"old"  # the old version, whole

    write_outputs(folder, {"cover-letter.md": b"new"})
    assert sorted(p.name for p in folder.iterdir()) == [STATE_FILE, "cover-letter.md"]
    assert (folder / "cover-letter.md").read_bytes() == b"new"
