"""A template opened once and rendered many times gives the bytes a fresh docxtpl render would."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from pydantic import BaseModel

from tailor.documents import KINDS
from tailor.render.check import filled
from tailor.render.docx import TemplateRenderError, render_docx, render_docx_bytes
from tailor.render.docx_bytes import FIXED_DATE, docx_text
from tailor.render.environment import make_env
from tailor.render.templates import builtin_dir

BUILT_IN = sorted(builtin_dir().glob("*/*.docx"))


def stable_zip(data: bytes) -> bytes:
    """A .docx rewritten with fixed dates: how tailor made rendered files reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def fresh(template: Path, context: BaseModel) -> bytes:
    """docxtpl's own way, as tailor rendered before templates were kept open."""
    tpl = DocxTemplate(template)
    tpl.render(
        context.model_dump(mode="json"), jinja_env=make_env(autoescape=True), autoescape=True
    )
    buffer = io.BytesIO()
    tpl.save(buffer)
    return stable_zip(buffer.getvalue())


def contexts(kind: str) -> list[BaseModel]:
    document = KINDS[kind]  # type: ignore[index]
    return [document.example_context(), filled(document.context_model())]


@pytest.mark.parametrize("template", BUILT_IN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_renders_in_a_row_are_byte_identical_to_fresh_ones(template: Path) -> None:
    kind = template.parent.name
    # Alternate the contexts: a render must not leak into the next one.
    for context in [*contexts(kind), *reversed(contexts(kind))]:
        assert render_docx_bytes(template, context) == fresh(template, context)


def test_an_edited_template_is_opened_again(tmp_path: Path) -> None:
    template = tmp_path / "letter" / "mine.docx"
    template.parent.mkdir()
    shutil.copyfile(builtin_dir() / "letter" / "classic.docx", template)
    context = KINDS["letter"].example_context()
    before = render_docx_bytes(template, context)
    stat = template.stat()
    shutil.copyfile(builtin_dir() / "letter" / "modern.docx", template)
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an edit the clock missed
    after = render_docx_bytes(template, context)
    assert after != before
    assert after == fresh(template, context)


def test_a_failed_render_does_not_spoil_the_next(tmp_path: Path) -> None:
    template = builtin_dir() / "resume" / "classic.docx"
    context = KINDS["resume"].example_context()
    with pytest.raises(TemplateRenderError):
        render_docx(template, {"applicant": None}, io.BytesIO())
    assert render_docx_bytes(template, context) == fresh(template, context)


def test_written_files_are_reproducible(tmp_path: Path) -> None:
    template = builtin_dir() / "letter" / "classic.docx"
    context = KINDS["letter"].example_context()
    render_docx(template, context, tmp_path / "a.docx")
    render_docx(template, context, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert context.applicant.name in docx_text((tmp_path / "a.docx").read_bytes())  # type: ignore[attr-defined]
