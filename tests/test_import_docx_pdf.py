"""Importing Word and PDF résumés: the DOCX is built here with python-docx (tables,
list bullets, a text box); its PDF comes from LibreOffice when it is installed (the
PDF tests skip cleanly otherwise). Scanned and encrypted PDFs are made with pypdf."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml import parse_xml
from docx.shared import Pt

from tailor.cli.app import cli
from tailor.importer.docx_lines import docx_lines
from tailor.profile.load import load_profile

HIGHLIGHTS = [
    "Led the migration of 120 stores to the new point-of-sale system, finishing two weeks early.",
    "Cut stock-outs by 18% with a weekly reorder report.",
]
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _text_box(text: str) -> object:
    """A run holding a text box, with the VML copy Word keeps for old readers."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return parse_xml(
        f'<w:r xmlns:w="{_W}" xmlns:mc="{_MC}"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:pict>{box}</w:pict></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def one_column_docx() -> bytes:
    document = docx.Document()
    name = document.add_paragraph()
    run_ = name.add_run("Priya Raman")
    run_.bold = True
    run_.font.size = Pt(20)
    contact = document.add_paragraph("priya.raman@example.com | +1 415 555 0199")
    contact._p.append(_text_box("San Mateo, CA"))
    document.add_heading("Employment", level=1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Harbor Retail Group"
    table.rows[0].cells[1].text = "Jan 2019 – Present"
    document.add_paragraph("Operations Manager")
    for highlight in HIGHLIGHTS:
        document.add_paragraph(highlight, style="List Bullet")
    document.add_heading("Education", level=1)
    document.add_paragraph("Bachelor of Arts in Economics — San Jose State University")
    document.add_paragraph("2010 – 2014")
    document.add_heading("Skills", level=1)
    document.add_paragraph("Inventory planning, Vendor management, SQL")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def two_column_docx() -> bytes:
    """A sidebar (contact, skills) and a main column, laid out as a two-cell table."""
    document = docx.Document()
    heading = document.add_paragraph().add_run("Marta Kowalska")
    heading.bold = True
    heading.font.size = Pt(20)
    table = document.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells
    side.width, main.width = Pt(150), Pt(330)
    side.paragraphs[0].text = "marta.kowalska@example.com"
    for text in (
        "+48 22 555 01 23",
        "Warsaw, Poland",
        "SKILLS",
        "Python",
        "Kubernetes",
        "Terraform",
        "PostgreSQL",
        "Grafana",
        "LANGUAGES",
        "Polish (native)",
    ):
        side.add_paragraph(text)
    main.paragraphs[0].text = "EXPERIENCE"
    main.add_paragraph("Site Reliability Engineer — Vistula Cloud")
    main.add_paragraph("Feb 2020 – Present")
    for text in (
        "Ran the on-call rotation for 40 services with a 99.95% monthly uptime.",
        "Automated cluster upgrades with Terraform, saving 6 engineer-days a month.",
    ):
        main.add_paragraph(text, style="List Bullet")
    main.add_paragraph("Systems Administrator — Mazovia Bank")
    main.add_paragraph("Jul 2016 – Jan 2020")
    main.add_paragraph("Migrated 300 servers to configuration management.", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_reads_tables_bullets_and_a_text_box_once() -> None:
    lines = docx_lines(one_column_docx())
    texts = [line.text for line in lines]
    assert texts.count("San Mateo, CA") == 1  # the text box, not its VML copy too
    row = next(line for line in lines if line.text.startswith("Harbor"))
    assert row.segments == ["Harbor Retail Group", "Jan 2019 – Present"]
    assert [line.bullet for line in lines if line.text in HIGHLIGHTS] == [True, True]
    heading = next(line for line in lines if line.text == "Employment")
    assert heading.heading


def test_docx_resume_import() -> None:
    Path("cv.docx").write_bytes(one_column_docx())
    result = run("profile", "import", "cv.docx", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    profile = load_profile("me.yaml")
    assert profile.basics.name == "Priya Raman"
    assert profile.basics.email == "priya.raman@example.com"
    assert profile.basics.phone == "+1 415 555 0199"
    assert profile.basics.location is not None
    assert (profile.basics.location.city, profile.basics.location.region) == ("San Mateo", "CA")
    (job,) = profile.work
    assert (job.name, job.position, job.startDate, job.endDate) == (
        "Harbor Retail Group", "Operations Manager", "2019-01", "present",
    )  # fmt: skip
    assert job.highlights == HIGHLIGHTS
    (school,) = profile.education
    assert (school.institution, school.studyType, school.area, school.startDate) == (
        "San Jose State University", "Bachelor of Arts", "Economics", "2010",
    )  # fmt: skip
    assert [s.name for s in profile.skills] == ["Inventory planning", "Vendor management", "SQL"]
    assert "# from paragraph" in Path("me.yaml").read_text(encoding="utf-8")


def test_two_column_docx_reads_the_sidebar_then_the_main_column() -> None:
    Path("cv.docx").write_bytes(two_column_docx())
    result = run("profile", "import", "cv.docx", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    _check_two_columns(load_profile("me.yaml"))


def _check_two_columns(profile: object) -> None:
    from tailor.profile.model import Profile

    assert isinstance(profile, Profile)
    assert profile.basics.name == "Marta Kowalska"
    assert profile.basics.email == "marta.kowalska@example.com"
    assert [s.name for s in profile.skills] == [
        "Python", "Kubernetes", "Terraform", "PostgreSQL", "Grafana",
    ]  # fmt: skip
    assert [(w.name, w.position, w.startDate, w.endDate) for w in profile.work] == [
        ("Vistula Cloud", "Site Reliability Engineer", "2020-02", "present"),
        ("Mazovia Bank", "Systems Administrator", "2016-07", "2020-01"),
    ]
    assert profile.work[0].highlights == [
        "Ran the on-call rotation for 40 services with a 99.95% monthly uptime.",
        "Automated cluster upgrades with Terraform, saving 6 engineer-days a month.",
    ]
    assert [(x.language, x.fluency) for x in profile.languages] == [("Polish", "native")]


needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def _pdf(docx_bytes: bytes) -> bytes:
    pytest.importorskip("pdfplumber")
    from tailor.render.pdf import docx_to_pdf

    return docx_to_pdf({"cv.docx": docx_bytes})["cv.pdf"]


@needs_soffice
def test_pdf_resume_import_from_libreoffice() -> None:
    Path("cv.pdf").write_bytes(_pdf(one_column_docx()))
    result = run("profile", "import", "cv.pdf", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    profile = load_profile("me.yaml")
    assert profile.basics.name == "Priya Raman"
    (job,) = profile.work
    assert (job.name, job.position, job.startDate, job.endDate) == (
        "Harbor Retail Group", "Operations Manager", "2019-01", "present",
    )  # fmt: skip
    assert job.highlights == HIGHLIGHTS  # the wrapped first bullet joined back
    text = Path("me.yaml").read_text(encoding="utf-8")
    assert "# from page 1, line" in text


@needs_soffice
def test_two_column_pdf_reads_each_column_in_turn() -> None:
    Path("cv.pdf").write_bytes(_pdf(two_column_docx()))
    result = run("profile", "import", "cv.pdf", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    _check_two_columns(load_profile("me.yaml"))


def test_pdf_without_text_layer_is_refused() -> None:
    pytest.importorskip("pdfplumber")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with Path("scan.pdf").open("wb") as handle:
        writer.write(handle)
    result = run("profile", "import", "scan.pdf", "-o", "me.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            "Error: scan.pdf: no text layer: export the PDF from your word processor "
            "or paste the text into a .txt"
        )
    ]
    assert not Path("me.yaml").exists()


def test_encrypted_pdf_is_refused() -> None:
    pytest.importorskip("pdfplumber")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    with Path("locked.pdf").open("wb") as handle:
        writer.write(handle)
    result = run("profile", "import", "locked.pdf")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: locked.pdf: is encrypted; save an unprotected copy and import that"
    ]
