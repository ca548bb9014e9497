"""Read a posting from a file or stdin into clean text, refusing what is not a posting.

The text returned here is the reference for every offset tailor reports, so
all normalisation (newlines, BOM, front matter) happens once, here.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tailor.errors import PostingError

MAX_POSTING_BYTES = 1_000_000
"""Postings are a few KB; a megabyte is a pasted book or a wrong file. Refuse fast."""

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
        data = sys.stdin.buffer.read(MAX_POSTING_BYTES + 1)
        name = "<stdin>"
    else:
        data = _read_file(Path(source))
    return parse_posting(data, source=name)


def _read_file(path: Path) -> bytes:
    if not path.exists():
        raise PostingError.at(path, None, "file not found; check the path")
    if path.is_dir():
        raise PostingError.at(path, None, "is a folder, not a posting file; name a .txt file")
    try:
        size = path.stat().st_size
        if size > MAX_POSTING_BYTES:
            raise PostingError.at(
                path,
                None,
                f"{size:,} bytes is over the {MAX_POSTING_BYTES:,}-byte limit for a posting; "
                "save just the job ad as text",
            )
        return path.read_bytes()
    except PermissionError:
        raise PostingError.at(path, None, "permission denied; make the file readable") from None
    except OSError as exc:
        raise PostingError.at(path, None, f"cannot read: {exc.strerror or exc}") from None


def parse_posting(data: bytes, *, source: str) -> Posting:
    if len(data) > MAX_POSTING_BYTES:
        raise PostingError.at(
            source,
            None,
            f"over the {MAX_POSTING_BYTES:,}-byte limit for a posting; "
            "save just the job ad as text",
        )
    text = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _looks_binary(text):
        raise PostingError.at(
            source, None, "looks like a binary file, not text; save the posting as plain text"
        )
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group(1), source)
        text = text[match.end() :]
    if not text.strip():
        raise PostingError.at(source, None, "the posting is empty; paste the job ad's text into it")
    return Posting(
        source=source,
        text=text,
        title=meta.get("title"),
        company=meta.get("company"),
        location=meta.get("location"),
        url=meta.get("url"),
    )


def _decode(data: bytes, source: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PostingError.at(
                source, None, "starts like UTF-16 but does not decode; save it as UTF-8"
            ) from None
    if b"\x00" in data:
        raise PostingError.at(
            source, None, "looks like a binary file, not text; save the posting as plain text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Windows "ANSI" text pasted from Word or a browser: the usual non-UTF-8 case.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls / len(sample) > 0.05


def _front_matter(block: str, source: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark else "front matter"
        raise PostingError.at(
            source, where, "the front matter between '---' lines is not valid YAML"
        ) from None
    if not isinstance(data, dict):
        return {}
    return {
        key: str(value).strip()
        for key, value in data.items()
        if key in _FRONT_MATTER_KEYS and value is not None and str(value).strip()
    }
