"""--format: the list of formats, and PDF through LibreOffice (or one clear error without it)."""

from __future__ import annotations

import io
import os
import shutil
import stat
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tailor.cli.app import cli
from tailor.cli.options import FormatList

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.mark.parametrize(
    ("value", "formats"),
    [
        ("md", ["md"]),
        ("pdf,md", ["md", "pdf"]),
        (" DOCX , md ", ["md", "docx"]),
        ("all", ["md", "docx", "pdf"]),
        ("md,all", ["md", "docx", "pdf"]),
    ],
)
def test_format_list(value: str, formats: list[str]) -> None:
    assert FormatList().convert(value, None, None) == formats


@pytest.mark.parametrize("value", ["odt", "md,html", ",", ""])
def test_format_list_refuses_unknown(value: str) -> None:
    with pytest.raises(click.BadParameter, match="is not a format"):
        FormatList().convert(value, None, None)


def _run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, [*args, str(POSTING), "-p", str(PROFILE), "--out", str(tmp_path / "out")]
    )
    return result.exit_code, result.stdout, result.stderr


def test_pdf_without_libreoffice_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAILOR_SOFFICE", str(tmp_path / "no-such-soffice"))
    code, out, err = _run(tmp_path, "letter", "--format", "md,pdf")
    assert code == 2
    assert out == ""
    assert err.startswith("Error: --format pdf: needs LibreOffice, which was not found: install")
    assert err.count("\n") == 1
    assert not (tmp_path / "out").exists(), "nothing is written when PDF cannot be made"


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for soffice")
def test_libreoffice_failure_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("TAILOR_SOFFICE", str(fake))
    code, _, err = _run(tmp_path, "resume", "--format", "pdf")
    assert code == 2
    assert err == (
        f"Error: {fake}: LibreOffice could not convert resume.docx: "
        "Error: source file could not be loaded\n"
    )


@needs_soffice
def test_letter_pdf_holds_the_letter(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, "letter", "--format", "pdf")
    assert code == 0, err
    written = [Path(line) for line in out.splitlines()]
    assert [p.name for p in written] == [
        "cover-letter.pdf",
        "cover-letter.provenance.json",
        "report.md",
        "report.html",
    ]
    text = "".join(page.extract_text() for page in PdfReader(written[0]).pages)
    assert "Avery Lindqvist" in text
    assert "Lumen Health Analytics" in text


@needs_soffice
@pytest.mark.parametrize("pages", [1, 2])
def test_resume_pdf_page_count_agrees_with_what_tailor_says(tmp_path: Path, pages: int) -> None:
    code, out, err = _run(tmp_path, "resume", "--format", "docx,pdf", "--pages", str(pages))
    assert code == 0, err
    pdf = next(Path(line) for line in out.splitlines() if line.endswith(".pdf"))
    count = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    if err.startswith("Warning: the résumé does not fit"):
        assert count > pages
    else:
        assert count <= pages
        assert f"to fit {pages} page" in err
    if pages == 2:
        assert count == 2, "this profile fits two pages"
