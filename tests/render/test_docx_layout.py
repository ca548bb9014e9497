"""Layout rules of the built-in résumé DOCX: what stays together on a page, compact
certificates, and web addresses shown readably with their links kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from tailor.render.context import Entry, example_letter, example_resume, readable_url
from tailor.render.docx import render_docx_bytes
from tailor.render.docx_links import context_urls, link_urls

ROOT = Path(__file__).resolve().parents[2]
STYLES = ["classic", "modern"]


def _resume(style: str, **update: object) -> DocumentObject:
    template = ROOT / "templates" / "resume" / f"{style}.docx"
    context = example_resume().model_copy(update=update)
    return docx.Document(io.BytesIO(render_docx_bytes(template, context)))


def _keeps(paragraph: docx.text.paragraph.Paragraph) -> bool:
    own = paragraph.paragraph_format.keep_with_next
    return bool(own if own is not None else paragraph.style.paragraph_format.keep_with_next)


def _job(bullets: int) -> Entry:
    return Entry(
        title="Data Engineer",
        organization="Initech",
        location=None,
        dates="2019 – present",
        summary="Pipelines team.",
        bullets=[f"Bullet number {i}." for i in range(1, bullets + 1)],
        url=None,
    )


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("bullets", [1, 2, 4])
def test_an_entry_never_leaves_its_last_bullet_alone_nor_its_summary(
    style: str, bullets: int
) -> None:
    doc = _resume(style, work=[_job(bullets)])
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Data Engineer\n"))
    # The title and its details are one paragraph, a line break between them:
    # LibreOffice left a title alone at a page's foot when they were two.
    assert texts[start].split("\n")[1].startswith("Initech ·\u00a0")
    entry = doc.paragraphs[start : start + 2 + bullets]  # heading, summary, bullets
    assert [p.text for p in entry[2:]] == [f"Bullet number {i}." for i in range(1, bullets + 1)]
    kept = [_keeps(p) for p in entry]
    # heading and summary go with the first bullet; the last bullet's predecessor
    # goes with it; the others may break.
    expected = [True, True] + [i == bullets - 2 for i in range(bullets)]
    assert kept == expected


@pytest.mark.parametrize("style", STYLES)
def test_a_certificate_is_one_paragraph_with_its_name_in_bold_and_its_address_below(
    style: str,
) -> None:
    cert = _certificate(
        "AWS Certified Machine Learning – Specialty",
        "Amazon Web Services",
        "Oct 2022",
        "https://certs.example.com/verify/AL-2022-1042",
    )
    doc = _resume(style, certificates=[cert])
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Certificates")
    between = " ·" if style == "modern" else " —"
    line = doc.paragraphs[start + 1]
    # Each separator is held to what follows it, so no line ends with one; the address
    # has a line of its own (run on, it wrapped alone behind a "·" in every résumé read).
    assert line.text == (
        f"AWS Certified Machine Learning – Specialty{between}\u00a0Amazon\u00a0Web\u00a0Services"
        " ·\u00a0Oct\u00a02022\ncerts.example.com/verify/AL-2022-1042"
    )
    assert line.runs[0].text == "AWS Certified Machine Learning – Specialty"
    assert line.runs[0].bold
    address = next(r for r in line.runs if r.text == "certs.example.com/verify/AL-2022-1042")
    assert not address.bold
    without = _resume(style, certificates=[cert.model_copy(update={"url": None})])
    texts = [p.text for p in without.paragraphs]
    assert texts[texts.index("Certificates") + 1].endswith("Oct\u00a02022")
    # A wrapped line hangs under the name.
    assert line.paragraph_format.first_line_indent < 0 < line.paragraph_format.left_indent


def test_readable_url() -> None:
    assert readable_url("https://github.com/ada/") == "github.com/ada"
    assert readable_url("HTTP://Example.com") == "Example.com"
    assert readable_url("ftp://files.example.com") == "ftp://files.example.com"


@pytest.mark.parametrize(
    ("kind", "context"), [("resume", example_resume()), ("letter", example_letter())]
)
def test_addresses_are_readable_text_and_links_to_the_full_address(
    kind: str, context: object
) -> None:
    template = ROOT / "templates" / kind / "classic.docx"
    plain = render_docx_bytes(template, context)
    urls = context_urls(context)
    assert "https://ada.example.com" in urls
    linked = link_urls(plain, urls)
    # Reproducible: the same members, with the same dates, as the rendered package.
    with zipfile.ZipFile(io.BytesIO(plain)) as a, zipfile.ZipFile(io.BytesIO(linked)) as b:
        assert [(i.filename, i.date_time) for i in a.infolist()] == [
            (i.filename, i.date_time) for i in b.infolist()
        ]
    before, after = docx.Document(io.BytesIO(plain)), docx.Document(io.BytesIO(linked))
    # The text a reader (and an applicant-tracking system) sees does not change.
    assert [p.text for p in before.paragraphs] == [p.text for p in after.paragraphs]
    assert "https://" not in "\n".join(p.text for p in after.paragraphs)
    links = {
        link.text: link.address for paragraph in after.paragraphs for link in paragraph.hyperlinks
    }
    assert links["ada.example.com"] == "https://ada.example.com"
    assert links["github.com/ada-example"] == "https://github.com/ada-example"
    # An address never ends a line at one of its hyphens ("github.com/ada-" then
    # "example"): each is a no-break hyphen, which every reader above took for "-".
    shown = next(
        link
        for link in after.element.body.iter(qn("w:hyperlink"))
        if "".join(link.itertext()).startswith("github.com/ada")
    )
    assert [t.text for t in shown.iter(qn("w:t"))] == ["github.com/ada", "example"]
    assert len(shown.findall(f".//{qn('w:noBreakHyphen')}")) == 1
    # The label stays outside the link, joined to it by a no-break space.
    contact = next(p for p in after.paragraphs if "GitHub" in p.text)
    assert "GitHub:\u00a0github.com/ada-example" in contact.text


def test_a_document_without_addresses_is_left_as_it_is() -> None:
    template = ROOT / "templates" / "resume" / "classic.docx"
    plain = render_docx_bytes(template, example_resume())
    assert link_urls(plain, []) is plain


def test_written_documents_carry_the_links(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tailor.cli.app import cli

    posting = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
    profile = ROOT / "profiles" / "example.yaml"
    for kind in ("resume", "letter"):
        result = CliRunner().invoke(
            cli,
            [kind, str(posting), "-p", str(profile), "--format", "docx", "--out", str(tmp_path)],
        )
        assert result.exit_code == 0, result.output
        (written,) = tmp_path.glob(f"*/{'resume' if kind == 'resume' else 'cover-letter'}.docx")
        document = docx.Document(str(written))
        targets = {r.target_ref for r in document.part.rels.values() if r.reltype == RT.HYPERLINK}
        assert "https://code.example.com/alindqvist" in targets, (kind, targets)


@pytest.mark.parametrize("style", ["classic", "modern"])
def test_a_short_name_and_a_date_never_break_inside(style: str) -> None:
    """An organization or a date short enough to move whole is joined by non-breaking
    spaces ("University of West" / "Riding" was found under 8 of 10 résumés); a long one
    may still wrap."""
    long_name = "The Newcastle upon Tyne Hospitals NHS Foundation Trust Medicine Directorate"
    jobs = [
        Entry(
            title="Staff Nurse",
            organization=organization,
            location="Leeds, West Yorkshire",
            dates="Sep 2019 – Oct 2022",
            summary=None,
            bullets=["Cared for patients."],
            url=None,
        )
        for organization in ("University of West Riding", long_name)
    ]
    doc = _resume(style, work=jobs)
    texts = [p.text for p in doc.paragraphs]
    assert any("\nUniversity\u00a0of\u00a0West\u00a0Riding ·\u00a0" in t for t in texts)
    assert any(f"\n{long_name} ·\u00a0" in t for t in texts)
    assert any(" ·\u00a0Sep\u00a02019\u00a0–\u00a0Oct\u00a02022 ·\u00a0" in t for t in texts)


@pytest.mark.parametrize("style", ["classic", "modern"])
def test_a_required_licence_puts_the_certificates_before_the_experience(style: str) -> None:
    """A blind read found the one hard requirement (NMC registration, a teaching licence)
    at the foot of page 2 in 14 of 20 résumés."""
    cert = _certificate("NMC Registered Nurse – Adult", "Nursing and Midwifery Council", "Sep 2019")
    usual = _headings(_resume(style, certificates=[cert]))
    first = _headings(_resume(style, certificates=[cert], certificates_first=True))
    assert usual.count("Certificates") == first.count("Certificates") == 1
    assert usual.index("Certificates") > usual.index("Experience")
    assert first.index("Certificates") < first.index("Experience")
    assert first.index("Certificates") > 0  # after the summary, not above the name


def _headings(doc: DocumentObject) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]


def _certificate(title: str, issuer: str, date: str, url: str | None = None) -> Entry:
    return Entry(
        title=title,
        organization=issuer,
        location=None,
        dates=date,
        summary=None,
        bullets=[],
        url=url,
    )
