"""Files built to break the parsers behind postings and templates: one clear line, never a traceback.

DOCX with malformed, entity-looping or 300,000-deep XML, encrypted or oddly compressed
entries, or a zip bomb; a PDF whose content stream nests 100,000 arrays; HTML declaring
encodings browsers ignore; a JSONL line of 100,000 brackets; DOCX templates as broken as
the postings. Each is built here, in the test. Shared helpers: `tests/helpers/hostile.py`.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from helpers.hostile import PROFILE, assert_one_error_line, invoke, letter_args, written
from tailor.cli.app import cli

DOCUMENT = "word/document.xml"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
UNREADABLE_DOCX = (
    r"Error: .+: is not a readable Word \.docx file; save the posting as \.docx or \.txt"
)


def plain_docx(text: str = "Data Engineer. We need Python and SQL.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """`data` (a zip) with member `name` replaced by `content`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()


def patched(
    data: bytes, name: str, *, flags: int | None = None, method: int | None = None
) -> bytes:
    """`data` with the zip headers of member `name` claiming other flags or compression."""
    raw = bytearray(data)
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(name).header_offset
    central = next(
        m.start()
        for m in re.finditer(rb"PK\x01\x02", data)
        if data[m.start() + 46 : m.start() + 46 + len(name)] == name.encode()
    )
    if flags is not None:
        struct.pack_into("<H", raw, local + 6, flags)
        struct.pack_into("<H", raw, central + 8, flags)
    if method is not None:
        struct.pack_into("<H", raw, local + 8, method)
        struct.pack_into("<H", raw, central + 10, method)
    return bytes(raw)


def hostile_docx() -> dict[str, bytes]:
    base = plain_docx()
    loop = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b"]><w:document "
        + W.encode()
        + b"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    deep = b"<w:document " + W.encode() + b"><w:body>" + b"<w:p>" * 300_000 + b"</w:body>"
    bomb = (
        b"<w:document " + W.encode() + b"><w:body>" + b" " * 12_000_000 + b"</w:body></w:document>"
    )
    return {
        "malformed-xml": with_member(base, DOCUMENT, b"<w:document><w:body><w:p>"),
        "entity-loop": with_member(base, DOCUMENT, loop),
        "300k-deep": with_member(base, DOCUMENT, deep),
        "encrypted-entry": patched(base, DOCUMENT, flags=0x1),
        "compression-99": patched(base, DOCUMENT, method=99),
        "zip-bomb": with_member(base, DOCUMENT, bomb),
    }


@pytest.mark.parametrize("case", list(hostile_docx()))
def test_hostile_docx_posting_is_one_error_line(
    runner: CliRunner, tmp_path: Path, case: str
) -> None:
    posting = tmp_path / "job.docx"
    posting.write_bytes(hostile_docx()[case])
    started = time.perf_counter()
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert_one_error_line(result, UNREADABLE_DOCX + r"( \(.+\))?")
    assert time.perf_counter() - started < 20


def test_a_sane_docx_posting_still_reads(runner: CliRunner, tmp_path: Path) -> None:
    posting = tmp_path / "job.docx"
    posting.write_bytes(plain_docx())
    written(invoke(runner, *letter_args(posting, tmp_path / "out")), tmp_path / "out")


def test_pdf_nesting_100k_arrays_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    stream.set_data(b"BT /F1 12 Tf (Data Engineer) Tj ET " + b"[" * 100_000)
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    posting = tmp_path / "job.pdf"
    posting.write_bytes(buffer.getvalue())
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert_one_error_line(result, r"Error: .+job\.pdf: .+")


@pytest.mark.parametrize("label", ["base64", "rot13", "hex", "zlib", "cp037", "bogus-charset"])
def test_html_with_an_encoding_browsers_ignore_reads_as_a_browser_would(label: str) -> None:
    from tailor.posting.formats import html_to_text

    page = (
        f'<html><head><meta charset="{label}"></head><body><main>'
        "<h1>Data Engineer</h1><p>We need Python and SQL, 3+ years.</p></main></body></html>"
    ).encode("ascii")
    text = html_to_text(page, "job.html")
    assert "We need Python and SQL, 3+ years." in text


def test_html_latin1_label_means_windows_1252() -> None:
    from tailor.posting.formats import html_to_text

    page = '<meta charset="latin1"><p>\u00c9t\u00e9 \u2013 Z\u00fcrich</p>'.encode("cp1252")
    assert "\u00c9t\u00e9 \u2013 Z\u00fcrich" in html_to_text(page, "job.html")


def test_a_deeply_nested_jsonl_line_fails_alone(runner: CliRunner, tmp_path: Path) -> None:
    good = {"title": "Data Engineer", "company": "Acme", "description": "We need Python and SQL."}
    jsonl = tmp_path / "jobs.jsonl"
    jsonl.write_text(json.dumps(good) + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["bulk", str(jsonl), "--profile", str(PROFILE), "--out", str(out)]
    result = runner.invoke(cli, [*args, "--kind", "letter", "--format", "md", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert f"Error: {jsonl}:2: nested more than 20 levels deep; not a posting" in result.stderr
    manifest = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    statuses = [json.loads(line)["status"] for line in manifest]
    assert sorted(statuses) == ["failed", "ok"]


@pytest.mark.parametrize("case", ["malformed-xml", "entity-loop", "zip-bomb"])
def test_hostile_docx_template_is_one_error_line(
    runner: CliRunner, tmp_path: Path, case: str
) -> None:
    templates = tmp_path / "templates"
    (templates / "letter").mkdir(parents=True)
    template = templates / "letter" / "classic.docx"
    template.write_bytes(hostile_docx()[case])
    posting = (
        Path(__file__).resolve().parents[2] / "examples" / "postings" / "nlp-engineer-lumen.txt"
    )
    args = ["letter", posting, "--profile", PROFILE, "--out", tmp_path / "out", "--format", "docx"]
    result = invoke(runner, *args, "--templates", templates)
    assert_one_error_line(result, r"Error: .+classic\.docx: this is not a Word \.docx file .+")
    check = runner.invoke(cli, ["templates", "check", str(template)])
    assert check.exit_code == 2
    assert check.exception is None or isinstance(check.exception, SystemExit)
    assert re.fullmatch(
        r"Error: .+classic\.docx: this is not a Word \.docx file .+\n", check.stderr
    )


# --------------------------------------------------------------------------- bounded reads


def test_profile_from_an_endless_device_is_refused_at_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    posting = (
        Path(__file__).resolve().parents[2] / "examples" / "postings" / "nlp-engineer-lumen.txt"
    )
    result = invoke(runner, "letter", posting, "--profile", "/dev/zero", "--out", tmp_path)
    assert_one_error_line(
        result,
        r"Error: /dev/zero: cannot read: a device, not a regular file; save it to a file and name that",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_bulk_folder_with_a_fifo_and_a_link_to_dev_zero_finishes(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text("Data Engineer\n\nWe need Python and SQL.\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.jsonl").symlink_to("/dev/zero")
    out = tmp_path / "out"
    args = ["bulk", str(folder), "--profile", str(PROFILE), "--out", str(out), "--kind", "letter"]
    result = runner.invoke(cli, [*args, "--format", "md", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    manifest = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["input"] for line in manifest] == [str(folder / "a.txt")]


def test_a_table_file_over_the_limit_is_one_failed_item(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tailor.bulk.inputs.MAX_TABLE_BYTES", 1_000)
    jsonl = tmp_path / "jobs.jsonl"
    row = {"title": "Data Engineer", "company": "Acme", "description": "We need SQL. " * 100}
    jsonl.write_text(json.dumps(row) + "\n", encoding="utf-8")
    args = ["bulk", str(jsonl), "--profile", str(PROFILE), "--out", str(tmp_path / "out")]
    result = runner.invoke(cli, [*args, "--kind", "letter", "--format", "md", "--jobs", "1"])
    assert result.exit_code == 1
    assert f"Error: {jsonl}: over 1,000 bytes; split it into smaller files" in result.stderr


# --------------------------------------------------------------------------- template leaks


def test_a_user_template_linking_out_of_its_folder_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("API_KEY=hunter2\n", encoding="utf-8")
    templates = tmp_path / "templates"
    (templates / "letter").mkdir(parents=True)
    (templates / "letter" / "classic.md.j2").symlink_to(secret)
    posting = (
        Path(__file__).resolve().parents[2] / "examples" / "postings" / "nlp-engineer-lumen.txt"
    )
    out = tmp_path / "out"
    result = invoke(runner, *letter_args(posting, out), "--templates", templates)
    assert_one_error_line(
        result,
        r"Error: .+classic\.md\.j2: links to a file outside its templates folder; "
        r"copy the file itself there",
    )
    assert not out.exists() or "hunter2" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()
    )


# --------------------------------------------------------------------------- template claims


def test_a_claim_written_in_a_user_template_names_its_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tailor.render.templates import builtin_dir

    templates = tmp_path / "templates"
    (templates / "letter").mkdir(parents=True)
    source = (builtin_dir() / "letter" / "classic.md.j2").read_text(encoding="utf-8")
    lines = source.rstrip("\n").split("\n")
    (templates / "letter" / "classic.md.j2").write_text(
        "\n".join([*lines, "P.S. You can find me at 1377 Main Street."]) + "\n", encoding="utf-8"
    )
    posting = (
        Path(__file__).resolve().parents[2] / "examples" / "postings" / "nlp-engineer-lumen.txt"
    )
    result = invoke(runner, *letter_args(posting, tmp_path / "out"), "--templates", templates)
    assert_one_error_line(
        result,
        re.escape(f"Error: {templates / 'letter' / 'classic.md.j2'}:{len(lines) + 1}: ")
        + r"the template itself writes what the profile does not back \(number '1377' is not "
        r"in the profile\); take it out of the template, or put it in the profile",
    )


def test_templates_check_warns_about_claims_a_template_writes_itself(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tailor.render.templates import builtin_dir

    template = tmp_path / "letter" / "mine.md.j2"
    template.parent.mkdir()
    source = (builtin_dir() / "letter" / "classic.md.j2").read_text(encoding="utf-8")
    template.write_text(source + "P.S. I have 12 years of Kubernetes.\n", encoding="utf-8")
    result = runner.invoke(cli, ["templates", "check", str(template)])
    assert result.exit_code == 0
    assert result.stdout == f"{template}: ok\n"
    line = len(source.splitlines()) + 1
    assert result.stderr == (
        f"Warning: {template}:{line}: writes number '12'; skill 'Kubernetes' itself, for every "
        "profile; say it in the profile instead\n"
    )
