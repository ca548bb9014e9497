"""Stand-in fonts: a PDF laid out in a wider font than the DOCX's is said, not silent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli
from tailor.render import fonts

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"


def _resolving(monkeypatch: pytest.MonkeyPatch, table: dict[str, str | None]) -> None:
    monkeypatch.setattr(fonts, "_match", lambda font: table.get(font))


@pytest.mark.parametrize(("style", "font"), [("classic", "Calibri"), ("modern", "Arial")])
def test_the_fonts_of_a_docx_are_read_from_its_styles(style: str, font: str) -> None:
    docx = (ROOT / "templates" / "resume" / f"{style}.docx").read_bytes()
    assert fonts.docx_fonts(docx) == [font]


def test_a_font_resolved_to_neither_itself_nor_its_twin_is_substituted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _resolving(
        monkeypatch,
        {"Calibri": "DejaVu Sans", "Arial": "Liberation Sans", "Cambria": "Caladea"},
    )
    assert fonts.substituted(["Calibri", "Arial", "Cambria", "Comic Sans MS"]) == [
        ("Calibri", "DejaVu Sans")
    ]
    _resolving(monkeypatch, {})  # no fontconfig: nothing can be said
    assert fonts.substituted(["Calibri"]) == []


def test_the_note_names_the_font_and_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    docx = (ROOT / "templates" / "resume" / "classic.docx").read_bytes()
    _resolving(monkeypatch, {"Calibri": "DejaVu Sans"})
    note = fonts.substitution_note(docx)
    assert note is not None
    assert "Calibri (LibreOffice used DejaVu Sans)" in note
    assert "fonts-crosextra-carlito" in note
    assert "\n" not in note
    _resolving(monkeypatch, {"Calibri": "Carlito"})
    assert fonts.substitution_note(docx) is None


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_fontconfig_is_asked_for_real() -> None:
    fonts._match.cache_clear()
    found = fonts._match("Calibri")
    assert isinstance(found, str)
    assert found


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="needs LibreOffice",
)
@pytest.mark.parametrize(("resolved", "noted"), [("DejaVu Sans", True), ("Carlito", False)])
def test_the_cli_says_so_once_when_the_pdf_is_in_stand_in_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resolved: str, noted: bool
) -> None:
    _resolving(monkeypatch, {"Calibri": resolved})
    result = CliRunner().invoke(
        cli,
        ["resume", str(POSTING), "-p", str(PROFILE), "--format", "pdf", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Note: the PDF")]
    assert len(lines) == (1 if noted else 0)


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="needs LibreOffice",
)
def test_bulk_says_so_once_for_all_its_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two postings, letter and résumé (both classic templates set in Calibri): one note."""
    _resolving(monkeypatch, {"Calibri": "DejaVu Sans"})
    postings = tmp_path / "postings"
    postings.mkdir()
    for name in ("a.txt", "b.txt"):
        (postings / name).write_text(POSTING.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "bulk",
            str(postings),
            "-p",
            str(PROFILE),
            "--format",
            "pdf",
            "--jobs",
            "1",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Note: the PDF")]
    assert len(lines) == 1
