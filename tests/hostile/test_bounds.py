"""Hostile inputs, round 2 (#17): every parser and the template sandbox bounded before the work.

By class: (1) parser failures are one clear line (an AES PDF with no AES library, a page tree
of 300,000 entries); (2) unbounded work is refused before it starts (PDF pages, Word elements,
HTML tags, posting lines, devices and pipes, templates that multiply text or loop for ever);
(3) a huge script, style or data URI before the ad no longer empties the posting; (6) a user
template reached through a linked folder is refused. Each input is built here. The ones that
build tens of megabytes are marked `slow` (still run by default: `-m "not slow"` skips them).
"""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.hostile import (
    CLI_IN_CHILD,
    POSTING,
    assert_one_error_line,
    invoke,
    letter_args,
    run_isolated,
)
from tailor.cli.app import cli
from tailor.errors import PostingError
from tailor.limits import (
    MAX_DOCX_ELEMENTS,
    MAX_HTML_TAGS,
    MAX_PDF_PAGES,
    MAX_POSTING_LINES,
    NotAFile,
    read_limited,
)
from tailor.posting.formats import html_to_text
from tailor.posting.read import posting_from_text, read_posting

AD = "<main><h1>Data Engineer</h1><p>We need Python and SQL, 3+ years.</p></main>"
AD_TEXT = "We need Python and SQL, 3+ years."


# --------------------------------------------------------------------------- PDFs by hand


def raw_pdf(kids: list[str], count: int, extra: dict[int, bytes] | None = None) -> bytes:
    """A PDF whose page tree root lists `kids` (object references) and declares `count`
    pages; objects 3 and up are `extra` or blank pages. Written by hand with a correct
    cross-reference table, so that 100,000 pages take a second to build, not a minute."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode(),
    }
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
    highest = max([2, *(int(k.split()[0]) for k in kids), *(extra or {})])
    for number in range(3, highest + 1):
        objects[number] = (extra or {}).get(number, page)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for number in sorted(objects):
        out.write(f"{offsets[number]:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def text_pdf(text: str = "Data Engineer. We need Python and SQL.") -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 200 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read_file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return read_posting(path).text


# --------------------------------------------------------------------------- 1. tracebacks


def test_an_aes_pdf_without_an_aes_library_is_one_error_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cryptography")
    from pypdf import PdfReader, PdfWriter
    from pypdf._crypt_providers import _fallback

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    posting = tmp_path / "job.pdf"
    posting.write_bytes(buffer.getvalue())
    assert "Python and SQL" in read_posting(posting).text  # readable with the library
    for name in ("aes_cbc_decrypt", "aes_ecb_decrypt", "aes_cbc_encrypt", "aes_ecb_encrypt"):
        monkeypatch.setattr(f"pypdf._encryption.{name}", getattr(_fallback, name))
    monkeypatch.setattr("pypdf._encryption.CryptAES", _fallback.CryptAES)
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert_one_error_line(
        result, r"Error: .+job\.pdf: is not a readable PDF.*; save the posting as text"
    )


@pytest.mark.parametrize("entries", [5_000, 300_000])
def test_a_page_tree_of_many_entries_is_one_error_line(
    runner: CliRunner, tmp_path: Path, entries: int
) -> None:
    """The same page listed over and over under `/Count 1`: tailor's walk refuses 5,000
    entries, pypdf's own array limit 300,000 (`LimitReachedError`): one line either way."""
    posting = tmp_path / "job.pdf"
    posting.write_bytes(raw_pdf(["3 0 R"] * entries, count=1))
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    refused = "its page tree has over 2,000 entries"
    what = refused if entries < 100_000 else f"({refused}|is not a readable PDF)"
    assert_one_error_line(result, rf"Error: .+job\.pdf: {what}; save the posting as text")


@pytest.mark.slow
def test_a_200_mb_flate_stream_is_one_error_line(runner: CliRunner, tmp_path: Path) -> None:
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf (Data Engineer) Tj ET " + b" " * 200_000_000, 9)
    stream = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"
    posting = tmp_path / "job.pdf"
    posting.write_bytes(
        raw_pdf(["3 0 R"], count=1, extra={3: page, 4: stream + content + b"\nendstream"})
    )
    result = invoke(runner, *letter_args(posting, tmp_path / "out"))
    assert_one_error_line(result, r"Error: .+job\.pdf: .+")


# --------------------------------------------------------------------------- 2. unbounded work


def test_a_pdf_declaring_too_many_pages_is_refused_before_reading_them(tmp_path: Path) -> None:
    data = raw_pdf([f"{n} 0 R" for n in range(3, 90_003)], count=90_000)
    with pytest.raises(PostingError, match=r"90,000 pages is over the 200-page limit"):
        read_file(tmp_path, "job.pdf", data)


def test_a_pdf_lying_about_its_page_count_is_refused_by_what_it_holds(tmp_path: Path) -> None:
    """`/Count 1` over 300 real pages in 3 levels: the walk counts leaves, not the claim."""
    per_node = 100
    objects: dict[int, bytes] = {}
    middles = []
    number = 3
    for _ in range(3):
        middle = number
        children = list(range(middle + 1, middle + 1 + per_node))
        refs = " ".join(f"{c} 0 R" for c in children)
        objects[middle] = f"<< /Type /Pages /Parent 2 0 R /Kids [{refs}] /Count 1 >>".encode()
        for child in children:
            objects[child] = f"<< /Type /Page /Parent {middle} 0 R >>".encode()
        middles.append(f"{middle} 0 R")
        number = children[-1] + 1
    data = raw_pdf([*middles, f"{number - 1} 0 R"], count=1, extra=objects)
    with pytest.raises(PostingError, match=rf"over the {MAX_PDF_PAGES}-page limit"):
        read_file(tmp_path, "job.pdf", data)


def test_a_short_pdf_still_reads(tmp_path: Path) -> None:
    assert "We need Python and SQL." in read_file(tmp_path, "job.pdf", text_pdf())


def word_file(body: bytes) -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = (
                    b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>"
                )
            target.writestr(info, data)
    return out.getvalue()


def test_a_word_posting_with_too_many_elements_is_refused_before_python_docx_walks_it(
    tmp_path: Path,
) -> None:
    paragraphs = MAX_DOCX_ELEMENTS // 3 + 1  # <w:p>, <w:r>, <w:t> each
    body = b"".join(
        f"<w:p><w:r><w:t>word {i}</w:t></w:r></w:p>".encode() for i in range(paragraphs)
    )
    data = word_file(body)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.file_size < 200 * info.compress_size  # no zip bomb: only the count refuses it
    with pytest.raises(PostingError, match=f"over {MAX_DOCX_ELEMENTS:,} elements in its text"):
        read_file(tmp_path, "job.docx", data)


def test_a_word_posting_of_thousands_of_styled_paragraphs_reads(tmp_path: Path) -> None:
    item = (
        b'<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Python %d</w:t></w:r></w:p>'
    )
    body = b"<w:p><w:r><w:t>Data Engineer</w:t></w:r></w:p>" + b"".join(
        item % i for i in range(1_500)
    )
    text = read_file(tmp_path, "job.docx", word_file(body))
    assert text.splitlines()[:3] == ["Data Engineer", "- Python 0", "- Python 1"]
    assert len(text.splitlines()) == 1_501


def test_a_table_cell_spanning_a_billion_columns_reads_at_once(tmp_path: Path) -> None:
    """python-docx's `row.cells` repeats a cell once per column it spans: 10^9 times."""
    span = b'<w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
    merged = b'<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    table = (
        b"<w:tbl><w:tr><w:tc>" + span + b"<w:p><w:r><w:t>Python</w:t></w:r></w:p></w:tc></w:tr>"
        b"<w:tr><w:tc>" + merged + b"<w:p><w:r><w:t>Location</w:t></w:r></w:p></w:tc>"
        b"<w:tc><w:p><w:r><w:t>Leeds</w:t></w:r></w:p></w:tc></w:tr>"
        b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        b"<w:tc><w:p><w:r><w:t>Remote</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    body = b"<w:p><w:r><w:t>Data Engineer</w:t></w:r></w:p>" + table
    text = read_file(tmp_path, "job.docx", word_file(body))
    assert text == "Data Engineer\nPython\nLocation: Leeds\nRemote\n"


def test_a_pdf_drawing_megabytes_of_operators_is_refused_before_extraction(
    tmp_path: Path,
) -> None:
    """20 KB of PDF that unpacks to 14 MB of `(x) Tj` took pypdf 12 s to read."""
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf 20 200 Td " + b"(x) Tj " * 2_000_000 + b"ET", 9)
    stream = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"
    data = raw_pdf(["3 0 R"], count=1, extra={3: page, 4: stream + content + b"\nendstream"})
    assert len(data) < 30_000
    with pytest.raises(PostingError, match=r"its pages draw over 5,000,000 bytes of content"):
        read_file(tmp_path, "job.pdf", data)


def test_a_word_template_with_too_many_elements_is_one_error_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    """16,000 templated paragraphs took `letter` 9 s and 450 MB; refused before docxtpl runs."""
    body = b"".join(
        b"<w:p><w:r><w:t>{{ applicant.name }} %d</w:t></w:r></w:p>" % i for i in range(4_000)
    )
    template = tmp_path / "templates" / "letter" / "classic.docx"
    template.parent.mkdir(parents=True)
    template.write_bytes(word_file(body))
    args = [*letter_args(POSTING, tmp_path / "out"), "--templates", tmp_path / "templates"]
    args[args.index("md")] = "docx"
    refused = (
        rf"Error: {template}: this is not a Word \.docx file \(it could not be opened: over "
        r"10,000 elements in its body; a template needs far fewer\)"
    )
    assert_one_error_line(invoke(runner, *args), refused)
    assert_one_error_line(invoke(runner, "templates", "check", template), refused)


def test_a_web_page_with_too_many_tags_is_refused_before_parsing(tmp_path: Path) -> None:
    page = b"<html><body><p>Data Engineer</p>" + b"<br>" * (MAX_HTML_TAGS + 1) + b"</body></html>"
    with pytest.raises(PostingError, match=r"tags is over the 200,000-tag limit for a web page"):
        read_file(tmp_path, "job.html", page)


@pytest.mark.slow
def test_three_million_line_breaks_are_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    page = tmp_path / "job.html"
    page.write_bytes(b"<html><body><p>Data Engineer</p>" + b"<br>" * 3_000_000 + b"</body></html>")
    result = run_isolated(
        CLI_IN_CHILD + f"print(json.dumps(run(['analyze', {str(page)!r}, '--json'])))",
        timeout=60,
        memory=1024**3,
    )
    assert result["exit"] == 2
    assert result["crash"] is None
    assert "3,000,006 tags is over the 200,000-tag limit" in result["stderr"]


def test_a_posting_of_too_many_lines_is_refused_before_analysis() -> None:
    fine = "Data Engineer\n" + "Python\n" * (MAX_POSTING_LINES - 1)
    assert posting_from_text(fine, source="job.txt").text == fine
    with pytest.raises(PostingError) as raised:
        posting_from_text(fine + "SQL\n", source="job.txt")
    assert str(raised.value) == (
        "job.txt: 2,001 lines is over the 2,000-line limit for a posting; "
        "save just the job ad as text"
    )


def test_a_posting_of_too_many_words_is_refused_before_analysis() -> None:
    """990 KB of dense requirement lines (137,000 words) took analyze 20 to 30 s."""
    fine = "Data Engineer\n" + "Python SQL Docker " * 9_999 + "AWS\n"  # 30,000 words
    assert posting_from_text(fine, source="job.txt").text == fine
    with pytest.raises(PostingError) as raised:
        posting_from_text(fine + "Kubernetes\n", source="job.txt")
    assert str(raised.value) == (
        "job.txt: 30,001 words is over the 30,000-word limit for a posting; "
        "save just the job ad as text"
    )


def test_one_hundred_thousand_one_word_lines_are_one_error_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    posting = tmp_path / "job.txt"
    posting.write_bytes(b"Python\n" * 100_000)
    result = invoke(runner, "analyze", posting, "--json")
    assert_one_error_line(
        result,
        r"Error: .+job\.txt: 100,000 lines is over the 2,000-line limit for a posting; "
        r"save just the job ad as text",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_a_device_is_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    results: dict[str, BaseException | None] = {}

    def attempt() -> None:  # a regression blocks in open(): keep it off the test's thread
        try:
            read_limited(fifo, 100)
        except BaseException as exc:  # noqa: BLE001 - recorded and checked below
            results["fifo"] = exc

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        with fifo.open("wb"):  # unblock the reader so the thread ends
            pass
        pytest.fail("reading a named pipe blocked")
    assert isinstance(results["fifo"], NotAFile)
    assert results["fifo"].strerror == (
        "a named pipe, not a regular file; save it to a file and name that"
    )
    if Path("/dev/zero").exists():
        with pytest.raises(NotAFile, match="a device, not a regular file"):
            read_limited(Path("/dev/zero"), 100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_as_posting_or_profile_is_one_error_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "job.txt")
    os.mkfifo(tmp_path / "me.yaml")
    calls = [
        ["analyze", str(tmp_path / "job.txt")],
        ["letter", str(POSTING), "--profile", str(tmp_path / "me.yaml"), "--out", str(tmp_path)],
    ]
    code = CLI_IN_CHILD + f"print(json.dumps([run(args) for args in {calls!r}]))"
    posting, profile = run_isolated(code, timeout=60)  # type: ignore[misc]
    hint = "cannot read: a named pipe, not a regular file; save it to a file and name that"
    assert posting == {
        "exit": 2, "stdout": "", "stderr": f"Error: {tmp_path / 'job.txt'}: {hint}\n", "crash": None
    }  # fmt: skip
    assert profile == {
        "exit": 2, "stdout": "", "stderr": f"Error: {tmp_path / 'me.yaml'}: {hint}\n", "crash": None
    }  # fmt: skip


HOSTILE_TEMPLATES = {
    "repeat": "{{ 'ab' * 1000000000 }}",
    "nested ranges": "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "nested lists": "{% set l = [0] * 1000000 %}{% for a in l %}{% for b in l %}x{% endfor %}{% endfor %}",
    "doubling ~": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "doubling +": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "many big strings": "{% set ns = namespace(l=[]) %}{% for i in range(100) %}{% set ns.l = ns.l + [('a' * 999000) ~ i] %}{% endfor %}",
    "squaring": "{% set ns = namespace(x=10**9000) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}",
    "center filter": "{{ 'a'|center(1000000000) }}",
    "ljust method": "{{ 'a'.ljust(1000000000) }}",
    "printf width": "{{ '%0999999999d' % 1 }}",
    "printf star": "{{ '%*d' % (1000000000, 1) }}",
    "format width": "{{ '{:>999999999}'.format(1) }}",
    "replace": "{{ ('a' * 1000000)|replace('', 'bbbbbbbbbb') }}",
    "join method": "{{ ('a' * 1000000).join([''] * 1000000) }}",
    "join filter": "{{ ([''] * 1000000)|join('a' * 1000000) }}",
    "indent": "{{ ('a\n' * 500000)|indent(1000) }}",
    "tojson": "{{ ([0] * 1000000)|tojson(1000000) }}",
    "wordwrap": "{{ ('a' * 1000000)|wordwrap(1, true, 'b' * 1000000) }}",
    "sum of lists": "{{ ([[1] * 1000000] * 1000000)|sum(start=[]) }}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "output": "{% for i in range(10000) %}{{ 'x' * 999999 }}{% endfor %}",
    "printf fields": "{{ ('%s' * 300000) % (('a' * 1000000,) * 300000) }}",
    "format fields": "{{ ('{0}' * 250000).format('a' * 1000000) }}",
    "lipsum": "{{ lipsum(1000000) }}",
}


def test_hostile_templates_are_refused_before_they_build_anything() -> None:
    """Each body rendered in a child limited to 1 GiB: before the fix, most of these took
    gigabytes or never ended; now each is a SecurityError naming its line at once."""
    code = f"""
        import json, time
        from jinja2.exceptions import SecurityError
        from tailor.render.environment import make_env
        found = {{}}
        for name, body in {HOSTILE_TEMPLATES!r}.items():
            started = time.perf_counter()
            try:
                make_env().from_string(body).render()
                found[name] = "rendered"
            except SecurityError as exc:
                found[name] = [str(exc), round(time.perf_counter() - started, 1)]
            except Exception as exc:
                found[name] = f"{{type(exc).__name__}}: {{exc}}"
        print(json.dumps(found))
    """
    found = run_isolated(code, timeout=120, memory=1024**3)
    for name, outcome in found.items():
        assert isinstance(outcome, list), f"{name}: {outcome}"
        message, seconds = outcome
        assert seconds < 10, f"{name}: {seconds} s"
        assert re.search(r"at most|in all|too deeply|adds numbers", message), f"{name}: {message}"


def test_ordinary_template_work_still_renders() -> None:
    from tailor.render.environment import make_env

    body = (
        "{% set ns = namespace(s='') %}{% for i in range(50) %}{% set ns.s = ns.s ~ i %}"
        "{% endfor %}{{ ns.s|length }} {{ 'x'|center(5) }}|{{ '%05d' % 42 }} "
        "{{ '{:>4}'.format(7) }} {{ ['a', 'b']|join(', ') }} {{ 'a b'|replace(' ', '-') }}"
        "{{ '%(a)s'|format(a=1) }}{{ lipsum(1, false, 3, 4)|wordcount }} "
        "{% for x in items %}{{ loop.index }}/{{ loop.length }} {% endfor %}"
    )
    assert make_env().from_string(body).render(items=["p", "q"]) == (
        "90   x  |00042    7 a, b a-b13 1/2 2/2 "
    )


def test_a_hostile_user_template_is_one_error_line_naming_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    (templates / "letter").mkdir(parents=True)
    template = templates / "letter" / "classic.md.j2"
    template.write_text("Dear team,\n{{ 'a'.ljust(1000000000) }}\n", encoding="utf-8")
    result = invoke(runner, *letter_args(POSTING, tmp_path / "out"), "--templates", templates)
    assert_one_error_line(
        result,
        rf"Error: {template}:2: a width or count passed to ljust\(\) may be at most 1,000,000; "
        "templates run in a sandbox that keeps them away from Python internals and files",
    )
    check = runner.invoke(cli, ["templates", "check", str(template)])
    assert check.exit_code == 2
    assert "ljust() may be at most 1,000,000" in check.stderr


# --------------------------------------------------------------------------- 3. wrong results


@pytest.mark.parametrize(
    "before",
    [
        '<img src="data:image/png;base64,' + "A" * 11_000_000 + '">',
        "<script>" + "x=1;" * 2_750_000 + "</script>",
        "<style>" + "a{}" * 3_700_000 + "</style>",
        "<!--" + "c" * 11_000_000 + "-->",
        "<img src=data:image/png;base64," + "A" * 11_000_000 + ">",
    ],
    ids=["data-uri", "script", "style", "comment", "unquoted-data-uri"],
)
def test_an_11_mb_node_before_the_ad_leaves_the_ad(before: str) -> None:
    page = f"<html><head></head><body>{before}{AD}</body></html>".encode()
    assert html_to_text(page, "job.html") == f"Data Engineer\n\n{AD_TEXT}\n"


def test_an_unclosed_script_runs_to_the_end_as_in_a_browser() -> None:
    page = f"<html><body>{AD}<script>var x = '<p>not the ad</p>';".encode()
    assert html_to_text(page, "job.html") == f"Data Engineer\n\n{AD_TEXT}\n"


def test_a_block_of_text_no_posting_has_is_refused_not_cut() -> None:
    page = f"<html><body><p>{'word ' * 2_300_000}</p>{AD}</body></html>".encode()
    with pytest.raises(PostingError, match=r"holds a block of 11,500,00\d characters"):
        html_to_text(page, "job.html")


def test_ebcdic_label_on_an_ascii_page_reads_as_a_browser_would(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="cp037"></head><body>{AD}</body></html>'.encode()
    assert read_file(tmp_path, "job.html", page) == f"Data Engineer\n\n{AD_TEXT}\n"


# --------------------------------------------------------------------------- 6. leaks


def test_a_user_templates_folder_linking_out_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "letter"
    elsewhere.mkdir(parents=True)
    (elsewhere / "classic.md.j2").write_text("SECRET {{ applicant.name }}\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "letter").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path / "out"
    result = invoke(runner, *letter_args(POSTING, out), "--templates", templates)
    assert_one_error_line(
        result,
        r"Error: .+classic\.md\.j2: links to a file outside its templates folder; "
        r"copy the file itself there",
    )
    assert not any("SECRET" in p.read_text(encoding="utf-8") for p in out.rglob("*.md"))


def test_a_template_file_that_is_a_huge_sparse_file_is_refused(tmp_path: Path) -> None:
    from tailor.errors import TemplateError
    from tailor.render.templates import read_template

    template = tmp_path / "classic.md.j2"
    with template.open("wb") as handle:
        handle.truncate(100_000_000)
    with pytest.raises(TemplateError, match=r"over 20,000,000 bytes; is this a template\?"):
        read_template(template)
