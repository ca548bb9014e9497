"""Hostile output folders and disks: symlinks out of the tree, files in the way, full disks, edits kept.

Every case is either a clear `Error: <file>: <where>: <what to do>` line per
problem with exit code 2, or a correct result; never a traceback, a hang, a
write outside `--out`, or a lost edit. Shared helpers: `tests/helpers/hostile.py`.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.hostile import (
    EDITED,
    FOLDER,
    POSTING,
    PROFILE,
    assert_refused,
    invoke,
    letter_args,
    snapshot,
    written,
)
from tailor.cli.app import cli
from tailor.output import STATE_FILE


def test_posting_folder_symlinked_out_of_the_tree_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / FOLDER).symlink_to(outside, target_is_directory=True)
    result = invoke(runner, *letter_args(POSTING, out))
    assert_refused(result, f"{out / FOLDER}: is a symbolic link; tailor writes only inside --out")
    assert list(outside.iterdir()) == []


def test_output_file_symlinked_out_of_the_tree_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.md"
    victim.write_text("precious", encoding="utf-8")
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / "cover-letter.md").symlink_to(victim)
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out"))
    assert_refused(
        result, f"{folder / 'cover-letter.md'}: is not a regular file; move it out of the way"
    )
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in folder.iterdir()) == ["cover-letter.md"]


def test_folder_in_place_of_an_output_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out" / FOLDER / "cover-letter.md"
    (target / "mine").mkdir(parents=True)
    assert_refused(
        invoke(runner, *letter_args(POSTING, tmp_path / "out")),
        f"{target}: is not a regular file; move it out of the way",
    )
    assert (target / "mine").is_dir()


def test_state_file_symlinked_out_of_the_tree_is_replaced_not_followed(
    runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / STATE_FILE).symlink_to(outside)
    written(invoke(runner, *letter_args(POSTING, tmp_path / "out")), tmp_path / "out")
    assert outside.read_text(encoding="utf-8") == "{}"
    assert not (folder / STATE_FILE).is_symlink()


def test_out_that_is_a_symlink_is_followed_as_the_user_asked(
    runner: CliRunner, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    paths = written(invoke(runner, *letter_args(POSTING, link)), link)
    assert {p.parent for p in paths} == {link / FOLDER}
    assert (real / FOLDER / "cover-letter.md").is_file()


def test_out_that_is_a_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    result = invoke(runner, *letter_args(POSTING, a_file / "sub"))
    assert_refused(result, f"{a_file / 'sub'}: cannot create the output folder: Not a directory")
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_out_that_is_a_dangling_symlink(runner: CliRunner, tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone", target_is_directory=True)
    assert_refused(
        invoke(runner, *letter_args(POSTING, link)),
        f"{link}: is a symbolic link to a missing folder; create {tmp_path / 'gone'} "
        "or choose another --out",
    )


def _fail_writes(
    monkeypatch: pytest.MonkeyPatch, code: int, *, after: int = 0
) -> Callable[[], list[str]]:
    """Make the (after+1)-th and later fsyncs in tailor.output fail with `code`.

    Returns a function listing the names whose temporary files were created.
    """
    from tailor import output

    real_fsync, real_create = os.fsync, output._create_temp
    calls = {"fsync": 0}
    names: list[str] = []

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        if calls["fsync"] > after:
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    def create_temp(path: Path) -> tuple[int, Path]:
        names.append(path.name)
        return real_create(path)

    monkeypatch.setattr("tailor.output.os.fsync", fsync)
    monkeypatch.setattr("tailor.output._create_temp", create_temp)
    return lambda: names


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_full_or_read_only_disk_on_first_write(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    out = tmp_path / "out"
    names = _fail_writes(monkeypatch, code)
    result = invoke(runner, *letter_args(POSTING, out))
    first = out / FOLDER / names()[0]
    assert_refused(result, f"{first}: cannot write: {message}")
    assert list((out / FOLDER).iterdir()) == []  # no half-written or temporary file


def test_full_disk_mid_run_keeps_the_previous_version(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    before = snapshot(out)
    names = _fail_writes(monkeypatch, errno.ENOSPC, after=1)
    result = invoke(runner, *letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm"))
    failed = out / FOLDER / names()[1]
    assert_refused(result, f"{failed}: cannot write: No space left on device")
    after = snapshot(out)
    assert set(after) == set(before)  # nothing half-written or temporary left behind
    for name, data in after.items():  # each file is the old version or the complete new one
        assert data == before[name] or Path(name).name == names()[0]


def test_rerun_after_a_full_disk_is_not_mistaken_for_an_edit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        _fail_writes(patch, errno.ENOSPC, after=1)
        assert invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")).exit_code == 2
    result = invoke(runner, *letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm"))
    written(result, out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_output_folder(runner: CliRunner, tmp_path: Path) -> None:  # pragma: no cover
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = invoke(runner, *letter_args(POSTING, out))
    finally:
        out.chmod(0o755)
    assert_refused(result, f"{out / FOLDER}: cannot create: Permission denied")


# --------------------------------------------------------------------------- edits are kept


def _first_run(runner: CliRunner, out: Path) -> Path:
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    return out / FOLDER


@pytest.mark.parametrize("name", ["cover-letter.md", "cover-letter.docx", "report.md"])
@pytest.mark.parametrize("state", ["kept", "deleted", "corrupted", "not-a-mapping"])
def test_edited_output_is_never_overwritten_without_force(
    runner: CliRunner, tmp_path: Path, name: str, state: str
) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    edited = folder / name
    edited.write_bytes(b"my careful edits\n")
    if state == "deleted":
        (folder / STATE_FILE).unlink()
    elif state == "corrupted":
        (folder / STATE_FILE).write_bytes(b"{not json\x00")
    elif state == "not-a-mapping":
        (folder / STATE_FILE).write_text("[1, 2, 3]\n", encoding="utf-8")
    before = snapshot(out)
    args = letter_args(POSTING, out, "--format", "md,docx", "--tone", "warm")
    result = invoke(runner, *args)
    if state == "kept":
        assert_refused(result, f"{edited}: {EDITED}")
    else:
        # Without a usable record every differing file counts as the user's.
        assert result.exit_code == 2
        assert f"{edited}" in result.stderr
        assert result.stderr.endswith(f": {EDITED}\n")
    assert snapshot(out) == before  # a refusal writes nothing at all
    paths = written(invoke(runner, *args, "--force"), out)
    assert edited in paths
    assert edited.read_bytes() != b"my careful edits\n"


def test_edits_to_files_not_being_written_are_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    (folder / "cover-letter.docx").write_bytes(b"edited in Word")
    (folder / "notes.txt").write_bytes(b"my notes")
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md", "--force")), out)
    assert (folder / "cover-letter.docx").read_bytes() == b"edited in Word"
    assert (folder / "notes.txt").read_bytes() == b"my notes"


def test_user_file_tailor_never_wrote_is_protected(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "out" / FOLDER
    folder.mkdir(parents=True)
    (folder / "report.md").write_bytes(b"my own report")
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out"))
    assert_refused(result, f"{folder / 'report.md'}: {EDITED}")
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]
    assert (folder / "report.md").read_bytes() == b"my own report"


def test_edit_identical_to_the_new_output_is_not_a_conflict(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    folder = _first_run(runner, out)
    letter = folder / "cover-letter.md"
    generated = letter.read_bytes()
    letter.write_bytes(b"changed")
    letter.write_bytes(generated)
    written(invoke(runner, *letter_args(POSTING, out, "--format", "md,docx")), out)
    assert letter.read_bytes() == generated


# --------------------------------------------------------------------------- the other commands


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["bulk", "{posting}", "--profile", str(PROFILE), "--out", "{out}"], "{out}"),
        (["init", "{out}"], "{out}/profiles"),
        (["templates", "copy", "letter/classic", "--to", "{out}"], "{out}/letter"),
    ],
    ids=["bulk", "init", "templates-copy"],
)
def test_out_under_a_file_is_one_error_line_for_every_command(
    runner: CliRunner, tmp_path: Path, args: list[str], where: str
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    out = str(a_file / "sub")
    filled = [a.format(posting=POSTING, out=out) for a in args]
    result = invoke(runner, *filled)
    assert_refused(
        result, f"{where.format(out=out)}: cannot create the output folder: Not a directory"
    )
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_bulk_stdin_paths_with_a_nul_or_too_long_fail_alone(
    runner: CliRunner, tmp_path: Path
) -> None:
    lines = f"{POSTING}\x00b\n{'x' * 5000}\n{POSTING}\n"
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        ["bulk", "-", "--profile", str(PROFILE), "--out", str(out), "--kind", "letter",
         "--format", "md", "--jobs", "1"],
        input=lines,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors[0].endswith(": holds a NUL character; give one file path a line")
    assert errors[1].endswith(": is not a usable path (File name too long)")
    assert len(errors) == 2


def test_a_file_name_that_is_not_utf8_is_shown_not_crashed_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:  # noqa: PTH123 - a bytes path, as the disk has it
        handle.write(b"Data Engineer\nAcme\n\nWe need Python and SQL.\n")
    posting = os.fsdecode(raw)
    out = tmp_path / "out"
    written(invoke(runner, *letter_args(Path(posting), out)), out)
    assert "caf\ufffd.txt" in next(out.rglob("report.md")).read_text(encoding="utf-8")
    args = ["bulk", str(folder), "--profile", str(PROFILE), "--out", str(tmp_path / "bulk")]
    result = runner.invoke(cli, [*args, "--kind", "letter", "--format", "md", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    entry = json.loads((tmp_path / "bulk" / "manifest.jsonl").read_text(encoding="utf-8"))
    assert entry["input"].endswith("caf\ufffd.txt")


def test_bulk_with_input_and_out_the_same_folder_reads_no_output(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "jobs"
    folder.mkdir()
    (folder / "a.txt").write_text("Data Engineer\nAcme\n\nWe need Python and SQL.\n")
    args = ["bulk", str(folder), "--profile", str(PROFILE), "--out", str(folder)]
    args += ["--kind", "letter", "--format", "md", "--jobs", "1"]
    for _ in range(2):
        assert runner.invoke(cli, args).exit_code == 0
    lines = (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["input"] for line in lines] == [str(folder / "a.txt")]
    assert sorted(p.name for p in folder.iterdir()) == [
        "a.txt",
        "acme-data-engineer",
        "manifest.jsonl",
    ]
