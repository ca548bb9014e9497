from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tailor.errors import OutputError
from tailor.output import STALE_SECONDS, STATE_FILE, output_folder, sha256, slug, write_outputs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lumen Health Analytics", "lumen-health-analytics"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\x", "c-windows-x"),
        ("Café Müller & Co.", "cafe-muller-co"),
        ("🚀🚀", "company"),
        ("", "company"),
        (None, "company"),
        ("a" * 500, "a" * 60),
        ("word " * 100, "-".join(["word"] * 12)),
    ],
)
def test_slug(text: str | None, expected: str) -> None:
    result = slug(text, "company")
    assert result == expected
    assert len(result) <= 60
    assert "/" not in result
    assert ".." not in result


def test_folder_stays_inside_out(tmp_path: Path) -> None:
    folder = output_folder(tmp_path, "../../x", "/etc/passwd")
    assert folder.parent == tmp_path
    assert folder.name == "x-etc-passwd"


def test_writes_atomically_and_reruns_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    paths = write_outputs(folder, {"cover-letter.md": b"one"})
    assert paths == [folder / "cover-letter.md"]
    assert (folder / "cover-letter.md").read_bytes() == b"one"
    assert (folder / STATE_FILE).exists()
    write_outputs(folder, {"cover-letter.md": b"two"})
    assert (folder / "cover-letter.md").read_bytes() == b"two"
    assert sorted(p.name for p in folder.iterdir()) == [STATE_FILE, "cover-letter.md"]


def test_edited_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"one", "cover-letter.docx": b"d1"})
    (folder / "cover-letter.md").write_bytes(b"my careful edits")
    with pytest.raises(OutputError, match="was edited since tailor wrote it; rerun with --force"):
        write_outputs(folder, {"cover-letter.md": b"two", "cover-letter.docx": b"d2"})
    # Nothing was written: not even the unedited sibling.
    assert (folder / "cover-letter.md").read_bytes() == b"my careful edits"
    assert (folder / "cover-letter.docx").read_bytes() == b"d1"
    write_outputs(folder, {"cover-letter.md": b"two"}, force=True)
    assert (folder / "cover-letter.md").read_bytes() == b"two"


def test_file_tailor_never_wrote_is_protected(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    folder.mkdir()
    (folder / "resume.md").write_bytes(b"mine")
    with pytest.raises(OutputError, match="was edited"):
        write_outputs(folder, {"resume.md": b"generated"})


def test_symlinked_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "acme-engineer").symlink_to(outside)
    with pytest.raises(OutputError, match="symbolic link"):
        write_outputs(out / "acme-engineer", {"resume.md": b"x"})
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ærø Bryghus", "aero-bryghus"),
        ("Søren Kierkegaard ApS", "soren-kierkegaard-aps"),
        ("Straße", "strasse"),
        ("Œuvre Pâtisserie", "oeuvre-patisserie"),
        ("Łódź Łabędź", "lodz-labedz"),
        ("Đurđevac", "durdevac"),
        ("Þórður Guðmundsson", "thordur-gudmundsson"),
        ("Crème Brûlée Café", "creme-brulee-cafe"),
        ("İstanbul Işık", "istanbul-isik"),
    ],
)
def test_slug_transliterates_latin_letters(text: str, expected: str) -> None:
    assert slug(text, "company") == expected


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    before = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(before)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_outputs_get_the_umask_permissions(
    tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    umask(mask)
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"one", "report.md": b"r"})
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_rewrite_keeps_the_permissions_the_user_set(
    tmp_path: Path, umask: Callable[[int], None]
) -> None:
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"one", "report.md": b"r"})
    (folder / "cover-letter.md").chmod(0o600)
    write_outputs(folder, {"cover-letter.md": b"two", "report.md": b"r2"})
    assert (folder / "cover-letter.md").read_bytes() == b"two"
    assert stat.S_IMODE((folder / "cover-letter.md").stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "report.md").stat().st_mode) == 0o644


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


@pytest.mark.skipif(os.name != "posix", reason="tells a finished process by its pid")
def test_stale_temporary_files_are_swept_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"one", "report.md": b"r"})
    dead, alive, me = _dead_pid(), os.getppid(), os.getpid()
    old = time.time() - 2 * STALE_SECONDS
    swept = {
        f".cover-letter.md.0a1b2c3d.{dead}.tmp": None,  # a killed run's
        f".{STATE_FILE}.0a1b2c3d.{dead}.tmp": None,
        f".report.md.0a1b2c3d.{alive}.tmp": old,  # long abandoned (its pid reused since)
        ".report.md.abcd_123.tmp": old,  # an older tailor's, without a pid
    }
    kept = {
        f".report.md.9f8e7d6c.{alive}.tmp": None,  # a run writing it right now
        f".report.md.9f8e7d6c.{me}.tmp": None,  # this process's own
        ".report.md.efgh_456.tmp": None,  # an older tailor's, maybe still writing
        f".notes.md.0a1b2c3d.{dead}.tmp": old,  # not a file tailor writes here
        f"cover-letter.md.0a1b2c3d.{dead}.tmp": old,
        ".cover-letter.md.backup.tmp": old,
        f".cover-letter.md.0A1B2C3D.{dead}.tmp": old,
        f".cover-letter.md.0a1b2c3d.{dead}.tmp.orig": old,
    }
    for name, mtime in {**swept, **kept}.items():
        (folder / name).write_bytes(b"partial")
        if mtime is not None:
            os.utime(folder / name, (mtime, mtime))
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    (folder / f".report.md.11111111.{dead}.tmp").symlink_to(outside)
    (folder / f".report.md.22222222.{dead}.tmp").mkdir()
    kept.update({f".report.md.11111111.{dead}.tmp": None, f".report.md.22222222.{dead}.tmp": None})

    write_outputs(folder, {"cover-letter.md": b"two"})
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [STATE_FILE, "cover-letter.md", "report.md", *kept]
    )
    assert outside.read_bytes() == b"precious"


def test_a_refusal_sweeps_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "acme-engineer"
    write_outputs(folder, {"cover-letter.md": b"one"})
    leftover = folder / ".cover-letter.md.abcd_123.tmp"
    leftover.write_bytes(b"partial")
    old = time.time() - 2 * STALE_SECONDS
    os.utime(leftover, (old, old))
    (folder / "cover-letter.md").write_bytes(b"my edits")
    with pytest.raises(OutputError, match="was edited"):
        write_outputs(folder, {"cover-letter.md": b"two"})
    assert leftover.exists()


def test_concurrent_writers_keep_each_others_records(tmp_path: Path) -> None:
    """Each writer adds its own file to one folder; none may drop another's hash."""
    folder = tmp_path / "acme-engineer"
    names = [f"doc-{n}.md" for n in range(6)]

    def rewrite(name: str) -> None:
        for round_ in range(10):
            write_outputs(folder, {name: f"{name} {round_}".encode()})

    with ThreadPoolExecutor(len(names)) as pool:
        for done in [pool.submit(rewrite, name) for name in names]:
            done.result()  # an OutputError here: a lost record made tailor's file an "edit"
    state = json.loads((folder / STATE_FILE).read_text())
    assert state == {name: sha256(f"{name} 9".encode()) for name in names}
