"""The built-in DOCX templates and the DOCX renderer.

Rendered documents are opened again with python-docx and compared paragraph by
paragraph (style and text), never as zip bytes.
"""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from tailor.render.context import (
    Bullet,
    Entry,
    SkillGroup,
    Target,
    example_bullets,
    example_letter,
    example_resume,
)
from tailor.render.docx import TemplateRenderError, render_docx, undeclared_variables

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "templates" / "letter" / "classic.docx"
RESUME = ROOT / "templates" / "resume" / "classic.docx"
BULLETS = ROOT / "templates" / "bullets" / "classic.docx"
MODERN_LETTER = ROOT / "templates" / "letter" / "modern.docx"
MODERN_RESUME = ROOT / "templates" / "resume" / "modern.docx"
BUILT_INS = [
    pytest.param(LETTER, example_letter, id="letter"),
    pytest.param(RESUME, example_resume, id="resume"),
    pytest.param(BULLETS, example_bullets, id="bullets"),
    pytest.param(MODERN_LETTER, example_letter, id="letter-modern"),
    pytest.param(MODERN_RESUME, example_resume, id="resume-modern"),
]

ALLOWED_STYLES = {
    "Title",
    "Subtitle",
    "Contact",
    "Heading 1",
    "Heading 2",
    "Entry Details",
    "List Bullet",
    "Normal",
}
HEADER = [
    ("Title", "Ada Example"),
    ("Contact", "ada@example.com · +44 113 496 0000 · Leeds, UK"),
    # Addresses shown without https:// (the link keeps it); no line break between a
    # label and its address, nor before a separator.
    ("Contact", "ada.example.com\u00a0· GitHub:\u00a0github.com/ada-example"),
]


def render(template: Path, context: Any, tmp_path: Path) -> DocumentObject:
    dest = tmp_path / f"out-{template.parent.name}.docx"
    render_docx(template, context, dest)
    return docx.Document(str(dest))


def paragraphs(doc: DocumentObject) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]


def make_template(tmp_path: Path, *texts: str) -> Path:
    """A one-paragraph-per-text DOCX template, written with python-docx."""
    doc = docx.Document()
    for text in texts:
        doc.add_paragraph(text)
    path = tmp_path / "custom.docx"
    doc.save(str(path))
    return path


def entry(title: str, **fields: Any) -> Entry:
    values: dict[str, Any] = {
        "organization": None,
        "location": None,
        "dates": None,
        "summary": None,
        "bullets": [],
        "url": None,
    }
    values.update(fields)
    return Entry(title=title, **values)


# ---------------------------------------------------------------- exact contents


def test_letter_paragraphs(tmp_path: Path) -> None:
    doc = render(LETTER, example_letter(), tmp_path)
    assert paragraphs(doc) == [
        *HEADER,
        ("Normal", "Dear Hiring Manager:"),
        ("Normal", "I am writing to apply for the Data Engineer role at Acme & Sons <Ltd>."),
        ("Normal", "At Initech I built pipelines in Python & SQL that cut costs by 30%."),
        ("Normal", "Thank you for your time and consideration."),
        ("Normal", "Sincerely,"),
        ("Normal", "Ada Example"),
    ]


def test_letter_date_appears_when_given(tmp_path: Path) -> None:
    context = example_letter().model_copy(update={"date": "23 November 2026"})
    texts = [text for _, text in paragraphs(render(LETTER, context, tmp_path))]
    assert texts[len(HEADER) : len(HEADER) + 2] == [
        "23 November 2026",
        "Dear Hiring Manager:",
    ]


def test_resume_paragraphs(tmp_path: Path) -> None:
    doc = render(RESUME, example_resume(), tmp_path)
    assert paragraphs(doc) == [
        *HEADER,
        ("Subtitle", "Data engineer — Python & SQL"),
        ("Heading 1", "Summary"),
        ("Normal", "Data engineer with pipelines in Python & SQL."),
        ("Heading 1", "Skills"),
        ("Normal", "Languages: Python, SQL, C++"),
        ("Heading 1", "Experience"),
        (
            "Heading 2",
            "Data Engineer\nInitech ·\u00a02019\u00a0–\u00a0present ·\u00a0Leeds,\u00a0UK",
        ),
        ("List Bullet", "Built pipelines in Python & SQL that cut costs by 30%."),
        ("Heading 1", "Education"),
        (
            "Heading 2",
            "BSc Computer Science\nUniversity\u00a0of\u00a0Leeds ·\u00a02015\u00a0–\u00a02018",
        ),
        ("Heading 1", "Volunteering"),
        (
            "Heading 2",
            "Reading Volunteer\nLeeds\u00a0Central\u00a0Library ·\u00a02021\u00a0–\u00a0present",
        ),
        ("List Bullet", "Read with 6 children a week after school."),
        ("Heading 1", "Languages"),
        ("Normal", "English (native)"),
    ]


def test_bullets_paragraphs(tmp_path: Path) -> None:
    doc = render(BULLETS, example_bullets(), tmp_path)
    assert paragraphs(doc) == [
        *HEADER,
        ("Heading 1", "Tailored bullets for Data Engineer at Acme & Sons <Ltd>"),
        (
            "List Bullet",
            "Built pipelines in Python & SQL that cut costs by 30%. —\u00a0answers: Python, SQL",
        ),
    ]
    answers = doc.paragraphs[-1].runs[-1]
    assert answers.text == " —\u00a0answers: Python, SQL"
    assert answers.italic


@pytest.mark.parametrize(
    ("company", "title", "heading"),
    [
        ("Acme", "Data Engineer", "Tailored bullets for Data Engineer at Acme"),
        ("Acme", None, "Tailored bullets at Acme"),
        (None, "Data Engineer", "Tailored bullets for Data Engineer"),
        (None, None, "Tailored bullets"),
    ],
)
def test_bullets_heading_without_company_or_title(
    tmp_path: Path, company: str | None, title: str | None, heading: str
) -> None:
    context = example_bullets().model_copy(update={"target": Target(company=company, title=title)})
    assert ("Heading 1", heading) in paragraphs(render(BULLETS, context, tmp_path))


def test_bullets_without_answers_and_without_bullets(tmp_path: Path) -> None:
    bare = Bullet(text="Led a team of 4.", answers=[], source="Lead, X", ref="work[1]")
    with_bare = example_bullets().model_copy(update={"bullets": [bare]})
    assert paragraphs(render(BULLETS, with_bare, tmp_path))[-1] == (
        "List Bullet",
        "Led a team of 4.",
    )
    empty = example_bullets().model_copy(update={"bullets": []})
    assert paragraphs(render(BULLETS, empty, tmp_path))[-1] == (
        "Normal",
        "No bullets matched this posting.",
    )


def test_applicant_without_links(tmp_path: Path) -> None:
    context = example_letter()
    context.applicant = context.applicant.model_copy(update={"url": None, "links": []})
    assert paragraphs(render(LETTER, context, tmp_path))[:3] == [
        *HEADER[:2],
        ("Normal", "Dear Hiring Manager:"),
    ]


def test_modern_letter_paragraphs(tmp_path: Path) -> None:
    doc = render(MODERN_LETTER, example_letter(), tmp_path)
    assert paragraphs(doc) == [
        ("Title", "Ada Example"),
        ("Contact", "Data Engineer · ada@example.com · +44 113 496 0000 · Leeds, UK"),
        HEADER[2],
        ("Normal", "Re: Data Engineer, Acme & Sons <Ltd>"),
        ("Normal", "Dear Hiring Manager:"),
        ("Normal", "I am writing to apply for the Data Engineer role at Acme & Sons <Ltd>."),
        ("Normal", "At Initech I built pipelines in Python & SQL that cut costs by 30%."),
        ("Normal", "Thank you for your time and consideration."),
        ("Normal", "Sincerely,"),
        ("Normal", "Ada Example"),
    ]
    assert doc.paragraphs[3].runs[0].bold
    untitled = example_letter().model_copy(update={"target": Target(company=None, title=None)})
    texts = [text for _, text in paragraphs(render(MODERN_LETTER, untitled, tmp_path))]
    assert not any(text.startswith("Re:") for text in texts)


def test_modern_resume_paragraphs(tmp_path: Path) -> None:
    doc = render(MODERN_RESUME, example_resume(), tmp_path)
    assert paragraphs(doc) == [
        ("Title", "Ada Example"),
        ("Subtitle", "Data engineer — Python & SQL"),
        *HEADER[1:],
        ("Heading 1", "Profile"),
        ("Normal", "Data engineer with pipelines in Python & SQL."),
        ("Heading 1", "Key skills for this role"),
        ("Normal", "Python · SQL"),
        ("Heading 1", "Experience"),
        (
            "Heading 2",
            "Data Engineer\nInitech ·\u00a02019\u00a0–\u00a0present ·\u00a0Leeds,\u00a0UK",
        ),
        ("List Bullet", "Built pipelines in Python & SQL that cut costs by 30%."),
        ("Heading 1", "Education"),
        (
            "Heading 2",
            "BSc Computer Science\nUniversity\u00a0of\u00a0Leeds ·\u00a02015\u00a0–\u00a02018",
        ),
        ("Heading 1", "Volunteering"),
        (
            "Heading 2",
            "Reading Volunteer\nLeeds\u00a0Central\u00a0Library ·\u00a02021\u00a0–\u00a0present",
        ),
        ("List Bullet", "Read with 6 children a week after school."),
        ("Heading 1", "Skills"),
        ("Normal", "Languages: Python, SQL, C++"),
        ("Heading 1", "Languages"),
        ("Normal", "English (native)"),
    ]


def test_modern_style_differs_from_classic() -> None:
    """Same structure rules, a different look: font, title size, heading case."""
    classic, modern = docx.Document(str(RESUME)), docx.Document(str(MODERN_RESUME))
    assert (classic.styles["Normal"].font.name, modern.styles["Normal"].font.name) == (
        "Calibri",
        "Arial",
    )
    assert modern.styles["Title"].font.size > classic.styles["Title"].font.size
    assert classic.styles["Heading 1"].font.all_caps
    assert not modern.styles["Heading 1"].font.all_caps


# --------------------------------------------------------------- optional sections

OPTIONAL_SECTIONS = [
    ("projects", "Projects"),
    ("publications", "Publications"),
    ("awards", "Awards"),
    ("certificates", "Certificates"),
    ("education", "Education"),
    ("work", "Experience"),
    ("volunteer", "Volunteering"),
]


@pytest.mark.parametrize(("field", "heading"), OPTIONAL_SECTIONS)
def test_empty_section_disappears_with_its_heading(
    tmp_path: Path, field: str, heading: str
) -> None:
    context = example_resume().model_copy(update={field: []})
    texts = [text for _, text in paragraphs(render(RESUME, context, tmp_path))]
    assert heading not in texts
    assert "" not in texts  # no blank paragraph left behind either


@pytest.mark.parametrize(
    ("field", "heading"), [s for s in OPTIONAL_SECTIONS if s[0] != "certificates"]
)
def test_section_with_one_entry(tmp_path: Path, field: str, heading: str) -> None:
    item = entry(
        "tailor & co",
        organization="Self <hosted>",
        dates="2024",
        url="https://example.com/tailor",
        summary="Offline tailoring.",
        bullets=["Ships a trained model."],
    )
    context = example_resume().model_copy(update={field: [item]})
    doc = paragraphs(render(RESUME, context, tmp_path))
    start = doc.index(("Heading 1", heading))
    assert doc[start + 1 : start + 4] == [
        # An employer's site is not shown; a project's or a paper's address is.
        (
            "Heading 2",
            "tailor & co\nSelf\u00a0<hosted> ·\u00a02024"
            + ("" if field == "work" else " ·\u00a0example.com/tailor"),
        ),
        ("Normal", "Offline tailoring."),
        ("List Bullet", "Ships a trained model."),
    ]


def test_entry_with_title_only(tmp_path: Path) -> None:
    context = example_resume().model_copy(update={"awards": [entry("Best Paper")]})
    doc = paragraphs(render(RESUME, context, tmp_path))
    start = doc.index(("Heading 1", "Awards"))
    assert doc[start + 1 :] == [
        ("Heading 2", "Best Paper"),
        ("Heading 1", "Volunteering"),
        (
            "Heading 2",
            "Reading Volunteer\nLeeds\u00a0Central\u00a0Library ·\u00a02021\u00a0–\u00a0present",
        ),
        ("List Bullet", "Read with 6 children a week after school."),
        ("Heading 1", "Languages"),
        ("Normal", "English (native)"),
    ]


def test_resume_minimal(tmp_path: Path) -> None:
    context = example_resume().model_copy(
        update={
            "headline": None,
            "application": None,
            "summary": None,
            "skills": [],
            "matched_skills": [],
            "work": [],
            "education": [],
            "languages": [],
            "volunteer": [],
        }
    )
    assert paragraphs(render(RESUME, context, tmp_path)) == HEADER


def test_skills_groups_and_matched_fallback(tmp_path: Path) -> None:
    groups = [
        SkillGroup(name="Languages", keywords=["Python", "SQL"]),
        SkillGroup(name="Tools & Cloud", keywords=["Airflow", "AWS"]),
    ]
    doc = render(RESUME, example_resume().model_copy(update={"skills": groups}), tmp_path)
    lines = paragraphs(doc)
    start = lines.index(("Heading 1", "Skills"))
    assert lines[start + 1 : start + 3] == [
        ("Normal", "Languages: Python, SQL"),
        ("Normal", "Tools & Cloud: Airflow, AWS"),
    ]
    group_name = doc.paragraphs[start + 1].runs[0]
    assert (group_name.text, group_name.bold) == ("Languages:", True)

    only_matched = example_resume().model_copy(update={"skills": []})
    lines = paragraphs(render(RESUME, only_matched, tmp_path))
    start = lines.index(("Heading 1", "Skills"))
    assert lines[start + 1] == ("Normal", "Python, SQL")


# --------------------------------------------------------------------- ATS safety


@pytest.mark.parametrize(("template", "make_context"), BUILT_INS)
def test_output_is_ats_safe(tmp_path: Path, template: Path, make_context: Any) -> None:
    doc = render(template, make_context(), tmp_path)
    body = doc.element.body

    assert len(doc.tables) == 0
    for tag in ("w:tbl", "w:drawing", "w:pict", "w:txbxContent", "w:object"):
        assert body.find(".//" + qn(tag)) is None, tag
    for section in doc.sections:
        cols = section._sectPr.find(qn("w:cols"))
        assert cols is None or int(cols.get(qn("w:num"), "1")) == 1
    header_footer_text = [
        "".join(t.text or "" for t in rel.target_part.element.iter(qn("w:t")))
        for rel in doc.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    assert "".join(header_footer_text) == ""

    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == ("Title", "Ada Example")
    assert all(p.style.name in ALLOWED_STYLES for p in doc.paragraphs), paragraphs(doc)
    assert all(p.text.strip() for p in doc.paragraphs), "no blank paragraphs left behind"


@pytest.mark.parametrize(
    ("template", "make_context"),
    [param for param in BUILT_INS if not str(param.id).startswith("letter")],
)
def test_headings_and_real_lists(tmp_path: Path, template: Path, make_context: Any) -> None:
    doc = render(template, make_context(), tmp_path)
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings
    # Headings carry an outline level, so ATS and Word's navigation pane see them.
    assert all(p.style.element.find(".//" + qn("w:outlineLvl")) is not None for p in headings)
    bullets = [p for p in doc.paragraphs if p.style.name.startswith("List")]
    assert bullets
    # A real Word list: the style carries numbering, so the "•" is not typed text.
    assert doc.styles["List Bullet"].element.find(".//" + qn("w:numPr")) is not None
    assert not any(p.text.startswith(("•", "-", "*")) for p in bullets)


@pytest.mark.parametrize(("template", "make_context"), BUILT_INS)
def test_no_template_syntax_left_and_text_escaped(
    tmp_path: Path, template: Path, make_context: Any
) -> None:
    dest = tmp_path / "out.docx"
    render_docx(template, make_context(), dest)
    with zipfile.ZipFile(dest) as package:
        xml = package.read("word/document.xml").decode()
    for leftover in ("{{", "}}", "{%", "%}", "{#", "#}"):
        assert leftover not in xml
    assert "Python &amp; SQL" in xml
    assert "&amp;amp;" not in xml
    text = "\n".join(p.text for p in docx.Document(str(dest)).paragraphs)
    assert "&amp;" not in text
    assert "&lt;" not in text


def test_special_characters_come_out_literally(tmp_path: Path) -> None:
    context = example_letter().model_copy(
        update={"paragraphs": ["C++ & Go <3+ yrs> \"quoted\" 'single' {{ not a tag }}"]}
    )
    texts = [text for _, text in paragraphs(render(LETTER, context, tmp_path))]
    assert "C++ & Go <3+ yrs> \"quoted\" 'single' {{ not a tag }}" in texts
    assert "Dear Hiring Manager:" in texts


@pytest.mark.parametrize(("template", "make_context"), BUILT_INS)
def test_paragraph_tags_stand_alone(template: Path, make_context: Any) -> None:
    """docxtpl's rule: a `{%p %}` tag is the only thing in its paragraph."""
    del make_context
    for paragraph in docx.Document(str(template)).paragraphs:
        if "{%p" in paragraph.text:
            assert re.fullmatch(r"\{%p [^{}%]+ %\}", paragraph.text), paragraph.text


@pytest.mark.parametrize(("template", "make_context"), BUILT_INS)
def test_built_in_declares_nothing_missing(template: Path, make_context: Any) -> None:
    assert undeclared_variables(template, make_context()) == set()
    assert undeclared_variables(template, make_context().model_dump()) == set()


def test_undeclared_variables_reports_unknown_names(tmp_path: Path) -> None:
    path = make_template(
        tmp_path, "{{ applicant.name }} {{ salary }}", "{% if perks %}x{% endif %}"
    )
    assert undeclared_variables(path, example_letter()) == {"salary", "perks"}


# ------------------------------------------------------------------------ errors


def test_typo_names_the_variable_and_paragraph(tmp_path: Path) -> None:
    path = make_template(
        tmp_path,
        "Dear team,",
        "{%p for p in paragraphs %}",
        "{{ p }}",
        "{%p endfor %}",
        "{{ applicant.nam }}",
    )
    dest = tmp_path / "out.docx"
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(path, example_letter(), dest)
    error = caught.value
    assert error.message == "'applicant' has no attribute 'nam'"
    assert (error.path, error.line) == (path, 5)
    assert str(error) == f"{path}, paragraph 5 ('{{{{ applicant.nam }}}}'): {error.message}"
    assert not dest.exists()


def test_typo_in_loop_variable_and_top_level_name(tmp_path: Path) -> None:
    loop = make_template(tmp_path, "{%p for job in work %}", "{{ job.titel }}", "{%p endfor %}")
    with pytest.raises(TemplateRenderError, match=r"^.*'job' has no attribute 'titel'$"):
        render_docx(loop, example_resume(), tmp_path / "out.docx")

    top = make_template(tmp_path, "{{ aplicant.name }}")
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(top, example_letter(), tmp_path / "out.docx")
    assert caught.value.message.startswith("'aplicant' is undefined")
    assert "applicant" in caught.value.message.split("(", 1)[1]
    assert caught.value.line == 1


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ applicant.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ applicant.name.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ paragraphs.append('x') }}",
    ],
)
def test_sandbox_escape_is_refused(tmp_path: Path, attempt: str) -> None:
    path = make_template(tmp_path, "Hello", attempt)
    dest = tmp_path / "out.docx"
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(path, example_letter(), dest)
    assert "unsafe" in caught.value.message
    assert caught.value.line == 2
    assert not dest.exists()


def test_syntax_error(tmp_path: Path) -> None:
    path = make_template(tmp_path, "ok", "{{ applicant.name }", "more")
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(path, example_letter(), tmp_path / "out.docx")
    assert caught.value.message == "template syntax error: unexpected '}'"
    assert caught.value.line == 2


def test_unclosed_block(tmp_path: Path) -> None:
    path = make_template(tmp_path, "{%p if date %}", "x")
    with pytest.raises(TemplateRenderError, match="looking for the following tags") as caught:
        render_docx(path, example_letter(), tmp_path / "out.docx")
    assert caught.value.line is None


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateRenderError, match=r"not a Word \.docx file"):
        render_docx(path, example_letter(), tmp_path / "out.docx")


# ------------------------------------------------------------------ API details


def test_renders_into_a_binary_file_and_from_a_dict(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    render_docx(LETTER, example_letter().model_dump(), buffer)
    from_dict = paragraphs(docx.Document(io.BytesIO(buffer.getvalue())))
    assert from_dict == paragraphs(render(LETTER, example_letter(), tmp_path))


def _build_script() -> ModuleType:
    path = ROOT / "scripts" / "build_docx_templates.py"
    spec = importlib.util.spec_from_file_location("build_docx_templates", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_built_in_templates_match_the_build_script(tmp_path: Path) -> None:
    """The committed .docx files are exactly what the script builds (run it to update)."""
    script = _build_script()
    script.build_all(tmp_path)
    assert set(script.BUILDERS) >= {f"{k}/classic.docx" for k in ("letter", "resume", "bullets")}
    assert set(script.BUILDERS) >= {"letter/modern.docx", "resume/modern.docx"}
    for name in script.BUILDERS:
        fresh = tmp_path / name
        committed = ROOT / "templates" / name
        with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
            assert a.namelist() == b.namelist()
            for member in a.namelist():
                assert a.read(member) == b.read(member), f"{name}: {member} is stale"
        assert fresh.read_bytes() == committed.read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_resume_converts_to_pdf(tmp_path: Path) -> None:
    source = tmp_path / "resume.docx"
    render_docx(RESUME, example_resume(), source)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "resume.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("template", [RESUME, MODERN_RESUME], ids=["classic", "modern"])
def test_interests_close_the_resume_one_line_per_group(tmp_path: Path, template: Path) -> None:
    context = example_resume().model_copy(
        update={
            "interests": [
                SkillGroup(name="Community", keywords=["Youth soccer coach", "Library volunteer"]),
                SkillGroup(name="", keywords=["Woodworking"]),
            ]
        }
    )
    doc = render(template, context, tmp_path)
    found = paragraphs(doc)
    start = found.index(("Heading 1", "Interests"))
    assert found[start + 1 :] == [
        ("Normal", "Community: Youth soccer coach, Library volunteer"),
        ("Normal", "Woodworking"),
    ]
    line = next(p for p in doc.paragraphs if p.text.startswith("Community:"))
    assert line.runs[0].text == "Community:"
    assert line.runs[0].bold
    without = paragraphs(render(template, example_resume(), tmp_path))
    assert ("Heading 1", "Interests") not in without
