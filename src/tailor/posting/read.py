"""Read a posting from a file or stdin into clean text, refusing what is not a posting.

The text returned here is the reference for every offset tailor reports, so
all normalisation (newlines, BOM, front matter) happens once, here. Files are
read by their suffix: `.html`/`.htm`, `.pdf` and `.docx` through
`tailor.posting.formats`, anything else as text (with optional YAML front matter);
standard input is recognised by its first bytes.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tailor.errors import PostingError
from tailor.limits import (
    MAX_POSTING_LINES,
    MAX_POSTING_WORDS,
    count_lines,
    count_words,
    read_limited,
)
from tailor.nesting import too_deep
from tailor.posting.formats import Format, decode_text, extract, format_of, sniff
from tailor.posting.names import shown_path

MAX_POSTING_BYTES = 1_000_000
"""Postings are a few KB; a megabyte is a pasted book or a wrong file. Refuse fast."""
MAX_DOCUMENT_BYTES = 20_000_000
"""Saved web pages, PDFs and Word files carry scripts, fonts and images: a larger
limit for the file, then MAX_POSTING_BYTES for the text found in it."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_FRONT_MATTER_KEYS = {"title", "company", "location", "url"}


@dataclass(frozen=True)
class Posting:
    source: str
    text: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    url: str | None = None


def read_posting(source: str | Path) -> Posting:
    """Read `source` (a path, or "-" for standard input)."""
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        fmt = sniff(data)
        name = "<stdin>"
    else:
        fmt = format_of(name)
        data = _read_file(Path(source), _limit(fmt))
        name = shown_path(name)
    return parse_posting(data, source=name, fmt=fmt)


def _limit(fmt: Format) -> int:
    return MAX_POSTING_BYTES if fmt == "text" else MAX_DOCUMENT_BYTES


def _read_file(path: Path, limit: int = MAX_POSTING_BYTES) -> bytes:
    if not path.exists():
        raise PostingError.at(path, None, "file not found; check the path")
    if path.is_dir():
        raise PostingError.at(path, None, "is a folder, not a posting file; name a .txt file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise PostingError.at(
                path,
                None,
                f"{size:,} bytes is over the {limit:,}-byte limit for a posting; "
                "save just the job ad as text",
            )
        data = read_limited(path, limit)  # st_size is 0 for devices and pipes
        if data is None:
            raise PostingError.at(
                path,
                None,
                f"over the {limit:,}-byte limit for a posting; save just the job ad as text",
            )
        return data
    except PermissionError:
        raise PostingError.at(path, None, "permission denied; make the file readable") from None
    except OSError as exc:
        raise PostingError.at(path, None, f"cannot read: {exc.strerror or exc}") from None


def parse_posting(data: bytes, *, source: str, fmt: Format = "text") -> Posting:
    """A posting from a file's bytes; `fmt` says how to read them (see `tailor.posting.formats`)."""
    if len(data) > _limit(fmt):
        raise PostingError.at(
            source,
            None,
            f"over the {_limit(fmt):,}-byte limit for a posting; save just the job ad as text",
        )
    if fmt != "text":
        return posting_from_text(extract(fmt, data, source), source=source)
    text = _normalise(decode_text(data, source), source)
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group(1), source)
        text = text[match.end() :]
    return posting_from_text(text, source=source, **meta)


def posting_from_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    company: str | None = None,
    location: str | None = None,
    url: str | None = None,
) -> Posting:
    """A posting from text already decoded (a row of a JSONL or CSV file, say)."""
    text = _normalise(text, source)
    if len(text.encode("utf-8", errors="replace")) > MAX_POSTING_BYTES:
        raise PostingError.at(
            source,
            None,
            f"the text is over the {MAX_POSTING_BYTES:,}-byte limit for a posting; "
            "save just the job ad as text",
        )
    if not text.strip():
        raise PostingError.at(source, None, "the posting is empty; paste the job ad's text into it")
    lines = count_lines(text)
    if lines is not None:
        raise PostingError.at(
            source,
            None,
            f"{lines:,} lines is over the {MAX_POSTING_LINES:,}-line limit for a posting; "
            "save just the job ad as text",
        )
    words = count_words(text)
    if words is not None:
        raise PostingError.at(
            source,
            None,
            f"{words:,} words is over the {MAX_POSTING_WORDS:,}-word limit for a posting; "
            "save just the job ad as text",
        )
    return Posting(
        source=source, text=text, title=title, company=company, location=location, url=url
    )


def _normalise(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _looks_binary(text):
        raise PostingError.at(
            source, None, "looks like a binary file, not text; save the posting as plain text"
        )
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls / len(sample) > 0.05


def _front_matter(block: str, source: str) -> dict[str, str]:
    """The known fields of a front-matter block, as the text written there.

    The block is composed into YAML nodes, never constructed: values stay the
    characters the user typed ("010", "On"), aliases are never expanded, and a
    field that is not plain text is a located error rather than a name made of
    a list.
    """
    if too_deep(block, _MAX_FRONT_MATTER_DEPTH) is not None:
        raise PostingError.at(
            source,
            "front matter",
            f"nested more than {_MAX_FRONT_MATTER_DEPTH} levels deep; "
            "write plain `key: value` lines",
        )
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark else "front matter"
        raise PostingError.at(
            source, where, "the front matter between '---' lines is not valid YAML"
        ) from None
    if not isinstance(node, yaml.MappingNode):
        return {}
    fields: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in _FRONT_MATTER_KEYS:
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            raise PostingError.at(
                source,
                f"line {value_node.start_mark.line + 2}",
                f"'{key}' in the front matter should be text, like `{key}: Acme Corp`",
            )
        # JSON-style escapes of an emoji arrive as a surrogate pair: join them.
        value = (
            value_node.value.encode("utf-16", "surrogatepass").decode("utf-16", "replace").strip()
        )
        if value:
            fields[key] = value
    return fields


_MAX_FRONT_MATTER_DEPTH = 20
