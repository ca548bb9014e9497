"""ATS round trip: read the DOCX back as an applicant-tracking system would, check what survives.

python-docx reads the paragraphs in document order (what text-based ATS parsers
see); name, contact details, section headings, each role and degree with its
dates, and every matched keyword must be there, in reading order.
`benchmarks/ats.py` repeats this with LibreOffice's and pdftotext's extractions.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from tailor.checks.ats import SECTIONS, Field, expected_fields, missing_fields
from tailor.compose.inputs import DocumentOptions
from tailor.pipeline import Request, compose, prepare, tailor_posting
from tailor.render.context import ResumeContext
from tailor.render.templates import search_path

ROOT = Path(__file__).resolve().parents[2]
CASES = [
    ("nlp-engineer-lumen.txt", "example.yaml"),
    ("data-analyst-northwind.txt", "example.yaml"),
    ("staff-nurse-riverside.txt", "example-nurse.yaml"),
    ("staff-nurse-riverside.txt", "example-teacher.yaml"),
]


def _resume(posting: str, profile: str, style: str, pages: int | None) -> tuple[str, ResumeContext]:
    prepared = prepare(ROOT / "examples" / "postings" / posting, ROOT / "profiles" / profile)
    request = Request(
        kinds=("resume",),
        formats=("docx",),
        template=style,
        template_dirs=tuple(search_path(None)),
        options=DocumentOptions(pages=pages),
    )
    built = tailor_posting(prepared, request)
    files = built.files
    if built.fitted is not None:
        context = built.fitted.context
    else:
        context = compose(prepared, "resume").context
    assert isinstance(context, ResumeContext)
    document = Document(io.BytesIO(files["resume.docx"]))
    return "\n".join(p.text for p in document.paragraphs), context


@pytest.mark.parametrize(("posting", "profile"), CASES)
@pytest.mark.parametrize("style", ["classic", "modern"])
@pytest.mark.parametrize("pages", [2, None])
def test_everything_an_ats_needs_survives_in_order(
    posting: str, profile: str, style: str, pages: int | None
) -> None:
    text, context = _resume(posting, profile, style, pages)
    fields = expected_fields(context, SECTIONS[style])
    assert missing_fields(text, fields) == []
    assert text.splitlines()[0] == context.applicant.name
    assert {f.kind for f in fields} >= {"name", "contact", "heading", "role", "dates", "keyword"}


def test_the_check_catches_a_missing_or_misplaced_field() -> None:
    fields = [Field("name", "Ada"), Field("heading", "Skills"), Field("keyword", "SQL", False)]
    assert missing_fields("Ada\nSkills\nSQL", fields) == []
    assert missing_fields("Skills\nAda\nSQL", fields) == ["heading 'Skills': out of order"]
    assert missing_fields("Ada\nSkills", fields) == ["keyword 'SQL': missing"]
    assert missing_fields("ADA   SKILLS sql", fields) == []  # case and spacing do not matter
    alias = [Field("keyword", "Machine Learning (ML)", False)]
    assert missing_fields("ML", alias) == []
    assert missing_fields("Machine Learning", alias) == []
    assert missing_fields("Deep Learning", alias) == ["keyword 'Machine Learning (ML)': missing"]
