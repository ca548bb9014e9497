from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from tailor.errors import PostingError
from tailor.posting.formats import decode_text, docx_to_text, html_to_text, pdf_to_text, sniff
from tailor.posting.read import parse_posting, posting_from_text, read_posting

PAGE = """<!doctype html>
<html><head><meta charset="windows-1252"><title>Jobs at Acme</title>
<script>window.track = "Senior Data Engineer";</script><style>p { color: red }</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/jobs">All jobs</a></nav><div>Acme Careers</div></header>
<div id="onetrust-banner-sdk"><p>We use cookies to improve your experience.</p>
<button>Accept all</button></div>
<main><article>
<header><h1>Senior Data Engineer</h1><p>Acme Corp – Leeds, UK</p></header>
<h2>What you'll do</h2>
<ul><li>Build <b>pipelines</b> in Python</li><li>Own the
   warehouse</li></ul>
<h2>Requirements</h2>
<p>5+ years of <strong>SQL </strong>and dbt.<br>Café culture.</p>
<table><tr><td>Salary</td><td>£50k</td></tr></table>
<!-- a comment --><form><input value="Apply"></form>
</article></main>
<aside>Similar jobs: Data Analyst</aside>
<footer>© Acme Corp. <a href="/privacy">Privacy</a></footer>
</body></html>
""".encode("cp1252")

PAGE_TEXT = """Senior Data Engineer

Acme Corp – Leeds, UK

**What you'll do**

- Build **pipelines** in Python
- Own the warehouse

**Requirements**

5+ years of **SQL** and dbt.
Café culture.

Salary | £50k
"""


def test_html_keeps_the_main_text_only() -> None:
    assert html_to_text(PAGE, "job.html") == PAGE_TEXT


def test_html_without_main_drops_page_chrome() -> None:
    page = (
        b"<html><body><header>Site name</header><nav>Menu</nav>"
        b'<div class="cookie-consent">Cookies?</div>'
        b"<div><h3>Nurse</h3><p>Care for patients.</p></div>"
        b"<footer>Contact</footer><script>x()</script></body></html>"
    )
    assert html_to_text(page, "x.html") == "**Nurse**\n\nCare for patients.\n"


def test_html_posting_file(tmp_path: Path) -> None:
    path = tmp_path / "job.htm"
    path.write_bytes(PAGE)
    posting = read_posting(path)
    assert posting.text == PAGE_TEXT
    assert posting.source == str(path)


def make_pdf(content: str) -> bytes:
    """A one-page PDF whose page draws `content` (a content stream)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


def text_pdf(lines: list[str]) -> bytes:
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    return make_pdf(f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET")


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "job.pdf"
    path.write_bytes(text_pdf(["Staff Nurse", "Riverside NHS Trust", "Care for patients."]))
    posting = read_posting(path)
    assert posting.text == "Staff Nurse\nRiverside NHS Trust\nCare for patients.\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            make_pdf("0 0 m 100 100 l S"),
            (
                "scan.pdf: the PDF has no text layer (a scanned image?); "
                "copy the job ad's text into a .txt file"
            ),
        ),
        (b"%PDF-1.4\nnot really", "scan.pdf: is not a readable PDF"),
    ],
)
def test_pdf_refusals(data: bytes, message: str) -> None:
    with pytest.raises(PostingError) as info:
        pdf_to_text(data, "scan.pdf")
    assert str(info.value).startswith(message)


def make_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Data Analyst", level=1)
    document.add_paragraph("Northwind Home & Garden")
    document.add_heading("Requirements", level=2)
    document.add_paragraph("SQL and Excel", style="List Bullet")
    document.add_paragraph("Tableau", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Location"
    table.rows[0].cells[1].text = "Leeds"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_lists_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "job.docx"
    path.write_bytes(make_docx())
    assert read_posting(path).text == (
        "Data Analyst\n\nNorthwind Home & Garden\n\n**Requirements**\n\n"
        "- SQL and Excel\n- Tableau\nLocation: Leeds\n"
    )


def test_not_a_docx() -> None:
    with pytest.raises(PostingError) as info:
        docx_to_text(b"PK\x03\x04 broken", "job.docx")
    assert str(info.value) == (
        "job.docx: is not a readable Word .docx file; save the posting as .docx or .txt"
    )


RUSSIAN = "Требуется инженер по данным. Опыт работы с Python и SQL от 3 лет."
JAPANESE = "データエンジニアを募集しています。PythonとSQLの経験が3年以上必要です。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (JAPANESE.encode("shift_jis"), JAPANESE),
        ("Data engineer, Zürich".encode("utf-16-le"), "Data engineer, Zürich"),
        ("Data engineer, Zürich".encode("utf-16-be"), "Data engineer, Zürich"),
        ("Data engineer".encode("utf-32"), "Data engineer"),
        (
            "Größe und Qualität, Müller & Söhne".encode("cp1252"),
            "Größe und Qualität, Müller & Söhne",
        ),
    ],
)
def test_detects_encodings(data: bytes, expected: str) -> None:
    assert decode_text(data, "x") == expected


def test_unrecognised_encoding_is_reported() -> None:
    with pytest.raises(PostingError) as info:
        decode_text(bytes(range(0x80, 0x100)) * 4, "x.txt")
    assert str(info.value) == (
        "x.txt: is not UTF-8 and its encoding could not be recognised; save it as UTF-8"
    )


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"<!DOCTYPE html><html>", "html"),
        (codecs.BOM_UTF8 + b"<html><body>", "html"),
        (b"Data Engineer\nAcme", "text"),
    ],
)
def test_sniffs_standard_input(data: bytes, fmt: str) -> None:
    assert sniff(data) == fmt


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(PAGE)

    monkeypatch.setattr("sys.stdin", Stdin)
    posting = read_posting("-")
    assert (posting.source, posting.text) == ("<stdin>", PAGE_TEXT)


def test_html_has_no_front_matter() -> None:
    data = b"---\ntitle: X\n---\n<html><body><p>Nurse wanted.</p></body></html>"
    posting = parse_posting(data, source="x.html", fmt="html")
    assert posting.title is None


def test_posting_from_text_keeps_fields() -> None:
    posting = posting_from_text(
        "Build pipelines.\r\n", source="jobs.csv:2", title="Data Engineer", company="Acme"
    )
    assert (posting.text, posting.title, posting.company) == (
        "Build pipelines.\n",
        "Data Engineer",
        "Acme",
    )
    with pytest.raises(PostingError, match=r"^jobs\.csv:3: the posting is empty"):
        posting_from_text(" \n", source="jobs.csv:3")


def test_truncated_pdf_is_one_error_line(tmp_path: Path) -> None:
    """pypdf logs "EOF marker not found" to stderr; the user sees only tailor's line.

    In a subprocess: pytest's own log capture would hide the stray line in-process.
    """
    import subprocess
    import sys

    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + bytes(range(256)))
    result = subprocess.run(
        [sys.executable, "-m", "tailor.cli.app", "analyze", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {path}: is not a readable PDF"), result.stderr
    assert result.stderr.count("\n") == 1
