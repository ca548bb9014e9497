from __future__ import annotations

from pathlib import Path

import pytest

from tailor.errors import OutputError
from tailor.output import STATE_FILE, output_folder, slug, write_outputs


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
