"""Posting files to text: plain text in any common encoding, HTML, PDF and Word.

Each reader takes the file's bytes and its name (for error messages) and returns
the posting's text, or raises `PostingError` with one line saying what to do.
HTML keeps only the page's main text: scripts, styles, navigation, page headers
and footers, forms and cookie banners are dropped. PDF uses the text layer (a
scanned PDF has none, and says so). The heavy libraries (lxml, pypdf,
python-docx, charset-normalizer) are imported only when a file needs them.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import warnings
import zipfile
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal

from tailor.errors import PostingError
from tailor.limits import (
    MAX_DOCX_ELEMENTS,
    MAX_HTML_NODE,
    MAX_HTML_TAGS,
    MAX_PDF_CONTENT,
    MAX_PDF_PAGES,
    MAX_PDF_TREE,
    check_zip,
    too_many_elements,
)

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from lxml.html import HtmlElement

Format = Literal["text", "html", "pdf", "docx"]

SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
"""Suffixes with a reader of their own; every other file is read as text."""

_BINARY_HINT = "looks like a binary file, not text; save the posting as plain text"


def format_of(path: str | PurePath) -> Format:
    return SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def sniff(data: bytes) -> Format:
    """The format of unnamed bytes (standard input), from their first bytes."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html", codecs.BOM_UTF8 + b"<")):
        return "html"
    return "text"


def extract(fmt: Format, data: bytes, source: str) -> str:
    """The text of a posting file in format `fmt` (not normalised further)."""
    if fmt == "html":
        return html_to_text(data, source)
    if fmt == "pdf":
        return pdf_to_text(data, source)
    if fmt == "docx":
        return docx_to_text(data, source)
    return decode_text(data, source)


# --------------------------------------------------------------------------- text


def decode_text(data: bytes, source: str) -> str:
    """Decode text bytes: a BOM wins, then UTF-8, then Windows-1252 (Western text
    saved as "ANSI"), then a detected encoding; anything else is refused."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_as(
                data, codec, source, errors="replace" if codec == "utf-8-sig" else "strict"
            )
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_as(data, utf16, source)
    if b"\x00" in data:
        raise PostingError.at(source, None, _BINARY_HINT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western
    return _detected(data, source)


def _decode_as(data: bytes, codec: str, source: str, errors: str = "strict") -> str:
    try:
        return data.decode(codec, errors=errors)
    except UnicodeDecodeError:
        name = codec.upper().replace("-SIG", "")
        raise PostingError.at(
            source, None, f"starts like {name} but does not decode; save it as UTF-8"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a zero byte beside nearly every ASCII letter."""
    sample = data[:2048]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")


def _western(data: bytes) -> str | None:
    """Windows-1252 (else Latin-1) when the result reads as Western text: accented
    letters sit inside ASCII words ("Café", "Größe"), while Cyrillic or CJK bytes
    read this way come out as long runs of symbols."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(text))
    return text if in_runs <= 0.2 * non_ascii else None


def _detected(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise PostingError.at(
            source,
            None,
            "is not UTF-8 and its encoding could not be recognised; save it as UTF-8",
        )
    return str(best)


# --------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "dialog",
    "nav",
    "aside",
)
_PAGE_CHROME = ("header", "footer")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
_COOKIE = re.compile(r"cookie|consent|gdpr|onetrust|cookiebot|privacy-banner", re.IGNORECASE)
_BLOCKS = frozenset(
    {
        *("address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li"),
        *("main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead"),
        *("tr", "ul"),
    }
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_PARAGRAPHS = _HEADINGS | {"h1", "p", "ul", "ol", "dl", "table", "blockquote", "pre"}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


def html_to_text(data: bytes | str, source: str) -> str:
    """The main text of a web page (bytes, or text already decoded), one block per
    line, `- ` before list items and `**…**` around sub-headings and bold text (as
    job boards' Markdown does)."""
    from lxml import etree
    from lxml import html as lxml_html

    text = data if isinstance(data, str) else _decode_html(data, source)
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return ""
    text = _bounded_page(text, source)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise PostingError.at(source, None, "is not a readable HTML page") from None
    body = _main_part(root)
    _drop_chrome(body, page_level=body.tag == "body" or body is root)
    pieces: list[str] = []
    _walk(body, pieces)
    return _tidy_lines(_join(pieces))


_RAW_TEXT = re.compile(r"<(?:(script|style)\b|(!--))", re.IGNORECASE)
_RAW_END = {
    "script": re.compile(r"</script", re.IGNORECASE),
    "style": re.compile(r"</style", re.IGNORECASE),
    "!--": re.compile(r"-->"),
}
_LONG_VALUE = re.compile(
    f"\"[^\"<>]{{{MAX_HTML_NODE},}}\"|'[^'<>]{{{MAX_HTML_NODE},}}'"
    f"|=[^\\s\"'<>=`]{{{MAX_HTML_NODE},}}"
)
_LONG_SPACE = re.compile(r"[ \t\r\n\f]{1000,}")


def _bounded_page(text: str, source: str) -> str:
    """The page with what libxml2 cannot be trusted with taken out before it parses.

    libxml2 stops keeping text after a node over 10 MB (an 11 MB inline image, script
    or style before the ad used to leave the posting "empty"), and its time and
    memory grow with the number of tags (3 million `<br>`: 33 s, 1.5 GB). Scripts,
    styles and comments are emptied (never posting text), attribute values over
    `MAX_HTML_NODE` (data URIs) and long runs of white space shrink; then a page with
    more than `MAX_HTML_TAGS` tags, or a block of text no posting has, is refused.
    Each step is one linear pass."""
    text = _LONG_VALUE.sub(_emptied, _without_raw_text(text))
    text = _LONG_SPACE.sub("\n", text)
    tags = text.count("<")
    if tags > MAX_HTML_TAGS:
        raise PostingError.at(
            source,
            None,
            f"{tags:,} tags is over the {MAX_HTML_TAGS:,}-tag limit for a web page; "
            "save just the job ad as text",
        )
    longest = max(map(len, text.split("<")), default=0)
    if longest > MAX_HTML_NODE:
        raise PostingError.at(
            source,
            None,
            f"holds a block of {longest:,} characters, over the {MAX_HTML_NODE:,} a posting "
            "can have; save just the job ad as text",
        )
    return text


def _emptied(value: re.Match[str]) -> str:
    """An attribute value, quoted or not, replaced by an empty one."""
    return '=""' if value.group().startswith("=") else '""'


def _without_raw_text(text: str) -> str:
    """`text` with the insides of `<script>`, `<style>` and comments taken out; an
    unclosed one runs to the end of the page, as in a browser. Linear: every search
    starts where the last one ended."""
    pieces: list[str] = []
    at = 0
    while (start := _RAW_TEXT.search(text, at)) is not None:
        kind = (start.group(1) or start.group(2)).lower()
        opened = start.end() if kind == "!--" else text.find(">", start.end()) + 1
        if opened == 0:  # `<script` never closed by `>`
            break
        pieces.append(text[at:opened])
        end = _RAW_END[kind].search(text, opened)
        at = end.start() if end is not None else len(text)
    pieces.append(text[at:])
    return "".join(pieces)


def _decode_html(data: bytes, source: str) -> str:
    """A page's text, in the encoding its `<meta charset>` declares when that is a label
    browsers honour (the WHATWG Encoding Standard, via `webencodings`): "latin1" means
    windows-1252 as it does to a browser, and labels browsers ignore ("cp037", "base64",
    "rot13") are ignored here too, the bytes then read as any text file is."""
    from webencodings import lookup

    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        encoding = lookup(declared.group(1).decode("ascii", "ignore"))
        if encoding is not None and encoding.name not in _NOT_FROM_META:
            try:
                return data.decode(encoding.codec_info.name)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_text(data, source)


_NOT_FROM_META = frozenset({"utf-16le", "utf-16be", "replacement", "x-user-defined"})
"""Encodings a `<meta>` cannot really declare (the page would not be ASCII-compatible to
read the tag) or that stand for "do not decode": the bytes are read as a text file."""


def _main_part(root: HtmlElement) -> HtmlElement:
    for query in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(query)
        if len(found) == 1:
            return found[0]
    bodies = root.xpath("//body")
    return bodies[0] if bodies else root


def _drop_chrome(part: HtmlElement, *, page_level: bool) -> None:
    """Remove what is not the posting. Page headers and footers go only at page
    level: inside <main> or <article> a <header> usually holds the job title."""
    doomed = []
    for element in part.iter():
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None:  # comments and processing instructions
            doomed.append(element)
            continue
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if (
            tag in _DROP
            or (page_level and tag in _PAGE_CHROME)
            or element.get("role") in _DROP_ROLES
            or element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or _COOKIE.search(marks)
        ):
            doomed.append(element)
    for element in doomed:
        if element is not part and element.getparent() is not None:
            element.drop_tree()


_RUN_OF_SPACES = re.compile(r"[ \t]{2,}")
_LINE, _PARAGRAPH = "\x00l", "\x00p"
_BREAKS = re.compile(r"(?:[ \t]*\x00[lp][ \t]*)+")


def _walk(element: HtmlElement, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag in _BLOCKS
    if block or tag == "br":
        out.append(_PARAGRAPH if tag in _PARAGRAPHS else _LINE)
    if tag == "li":
        out.append("- ")
    bold = tag in _HEADINGS or tag in ("b", "strong")
    if bold:
        out.append("**")
    if tag == "pre":
        out.append(element.text_content().replace("\n", _LINE))
    else:
        if element.text:
            out.append(_SPACE.sub(" ", element.text))
        for child in element:
            _walk(child, out)
    if bold:
        _close_bold(out)
    if tag in ("td", "th"):
        out.append(" | ")
    if block:
        out.append(_PARAGRAPH if tag in _PARAGRAPHS else _LINE)
    if element.tail:
        out.append(_SPACE.sub(" ", element.tail))


def _close_bold(out: list[str]) -> None:
    """Close a `**` run with its spaces outside: `**SQL** and`, not `**SQL **and`."""
    trailing = []
    while out and out[-1] != "**" and not out[-1].strip(" "):
        trailing.append(out.pop())
    if out and out[-1] == "**":
        out.pop()  # nothing in bold
    elif out:
        stripped = out[-1].rstrip(" ")
        trailing.append(out[-1][len(stripped) :])
        out[-1] = stripped
        out.append("**")
    out.extend(reversed(trailing))


def _join(pieces: list[str]) -> str:
    """Markers to newlines: a run with a paragraph break is a blank line, else one newline."""
    return _BREAKS.sub(lambda m: "\n\n" if _PARAGRAPH in m.group(0) else "\n", "".join(pieces))


def _tidy_lines(text: str) -> str:
    """Strip each line, drop trailing cell separators, keep at most one blank line."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _RUN_OF_SPACES.sub(" ", raw.strip().removesuffix("|").strip())
        if line in ("-", "**"):
            line = ""
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


# --------------------------------------------------------------------------- PDF


def pdf_to_text(data: bytes, source: str) -> str:
    """The PDF's text layer, page by page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf warns about the many small defects of real-world PDFs, through `warnings` and
    # through its logger (which, unconfigured, prints to stderr): the text is what counts,
    # and an unreadable PDF is one clear error line, not a log line and then the error.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise PostingError.at(
                    source, None, "is a password-protected PDF; save the posting as text"
                )
            _check_page_count(reader, source)
            _check_content(reader, source)
            pages = [page.extract_text() or "" for page in reader.pages]
        except PostingError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
            raise PostingError.at(
                source, None, f"is not a readable PDF ({exc}); save the posting as text"
            ) from None
        except Exception as exc:
            # pypdf on hostile input may raise anything (RecursionError on deep arrays,
            # DependencyError for AES without its library, LimitReachedError on huge
            # streams): to the user, each is an unreadable PDF.
            raise PostingError.at(
                source, None, "is not a readable PDF; save the posting as text"
            ) from exc
        finally:
            log.setLevel(level)
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise PostingError.at(
            source,
            None,
            "the PDF has no text layer (a scanned image?); copy the job ad's text into a .txt file",
        )
    return text + "\n"


def _check_page_count(reader: Any, source: str) -> None:
    """Refuse a PDF of more than `MAX_PDF_PAGES` pages before any page is read.

    The page tree is walked here, at most `MAX_PDF_TREE` nodes, instead of by
    pypdf's `reader.pages` (which flattens the whole tree first: 90,000 pages took
    over 100 s); what the tree declares (`/Count`) is checked first, then what it holds.
    """
    from pypdf.generic import IndirectObject

    def too_many(count: int) -> Exception:
        return PostingError.at(
            source,
            None,
            f"{count:,} pages is over the {MAX_PDF_PAGES:,}-page limit for a posting; "
            "save just the job ad as a PDF or text",
        )

    root = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = root.get("/Count")
    if isinstance(declared, int) and declared > MAX_PDF_PAGES:
        raise too_many(declared)
    stack, seen, visited, leaves = [root], set(), 0, 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue  # a loop in the tree: each node counts once
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_TREE:
            raise PostingError.at(
                source,
                None,
                f"its page tree has over {MAX_PDF_TREE:,} entries; save the posting as text",
            )
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            leaves += 1
            if leaves > MAX_PDF_PAGES:
                raise too_many(leaves)
            continue
        kids = kids.get_object()
        if len(kids) > MAX_PDF_TREE:
            raise PostingError.at(
                source,
                None,
                f"its page tree has over {MAX_PDF_TREE:,} entries; save the posting as text",
            )
        stack.extend(reversed(kids))


def _check_content(reader: Any, source: str) -> None:
    """Refuse a PDF whose pages draw more than `MAX_PDF_CONTENT` bytes of operators,
    counting each page's content streams and the form XObjects they use (where a
    hostile file can hide the same), before pypdf parses any of them."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    total = 0
    seen: set[tuple[int, int]] = set()

    def add(item: Any, depth: int) -> None:
        nonlocal total
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                return
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, ArrayObject):
            for part in item:
                add(part, depth)
        elif isinstance(item, StreamObject):
            total += len(item.get_data())
            if total > MAX_PDF_CONTENT:
                raise PostingError.at(
                    source,
                    None,
                    f"its pages draw over {MAX_PDF_CONTENT:,} bytes of content, more than a "
                    "posting has; save the posting as text",
                )
            add_forms(item.get("/Resources"), depth + 1)

    def add_forms(resources: Any, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        if depth > 8 or not isinstance(resources, DictionaryObject):
            return
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if isinstance(xobjects, DictionaryObject):
            for ref in xobjects.values():
                form = ref.get_object()
                if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form":
                    add(ref, depth)

    for page in reader.pages:
        add(page.get("/Contents"), 0)
        add_forms(page.get("/Resources"), 1)


# --------------------------------------------------------------------------- DOCX


def docx_to_text(data: bytes, source: str) -> str:
    """A Word document's paragraphs and tables in order; `- ` before list items."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    unreadable = "is not a readable Word .docx file; save the posting as .docx or .txt"

    def refuse(reason: str) -> Exception:
        return PostingError.at(source, None, f"{unreadable} ({reason})" if reason else unreadable)

    check_zip(data, refuse)
    try:
        document = Document(io.BytesIO(data))
        if too_many_elements(document.element, MAX_DOCX_ELEMENTS):
            raise refuse(
                f"over {MAX_DOCX_ELEMENTS:,} elements in its text; a posting has far fewer"
            )
        return _docx_lines(document)
    except PostingError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise PostingError.at(source, None, unreadable) from None
    except Exception as exc:
        # python-docx and lxml on hostile XML may raise anything (malformed or
        # 300,000-deep XML, entity loops): to the user, an unreadable file.
        raise PostingError.at(source, None, unreadable) from exc


def _docx_lines(document: Any) -> str:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    styles: dict[str | None, str] = {}
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_docx_paragraph(block, styles))
        elif isinstance(block, Table):
            for row in block.rows:
                cells = _docx_cells(row, block)
                unique = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                if len(unique) == 2 and not unique[0].endswith(":"):
                    lines.append(f"{unique[0]}: {unique[1]}")
                else:
                    lines.append(" | ".join(unique))
            lines.append("")
    return _tidy_lines("\n".join(lines))


def _docx_cells(row: Any, table: Any) -> list[str]:
    """The text of each cell of a table row, once per `<w:tc>`.

    Not python-docx's `row.cells`: that repeats a cell once per grid column it spans
    (a hostile `gridSpan` of 10^9 never ends) and finds a vertically merged cell's
    text by climbing row by row (quadratic, and a RecursionError past 1,000 rows). A
    merged cell's text is the first row's; the rows it continues into add nothing."""
    from docx.table import _Cell

    return [
        " ".join(_Cell(tc, table).text.split()) for tc in row._tr.tc_lst if tc.vMerge != "continue"
    ]


def _docx_paragraph(paragraph: Paragraph, styles: dict[str | None, str]) -> str:
    """One paragraph's line. `styles` remembers each style id's name: python-docx looks
    a paragraph's style up in styles.xml every time (2 ms each with Word's 350 KB of
    styles, 20 s for 10,000 paragraphs)."""
    text = paragraph.text.strip()
    if not text:
        return ""
    properties = paragraph._p.pPr
    style_id = properties.style if properties is not None else None
    if style_id not in styles:
        style = paragraph.style
        styles[style_id] = (style.name if style is not None else "") or ""
    name = styles[style_id]
    numbered = properties is not None and properties.numPr is not None
    if name.startswith("List") or numbered:
        return f"- {text}"
    if name in ("Title", "Heading 1"):
        return f"{text}\n"
    if name.startswith("Heading"):
        return f"\n**{text}**\n"
    return text
