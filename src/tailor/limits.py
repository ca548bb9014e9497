"""Caps on what tailor will read, checked before the expensive step.

A posting, a profile or a template is a small document. Anything far larger, or
that claims to unpack to far more than it weighs, is refused with one clear line
before a parser spends time or memory on it. The figures are generous for real
documents: a long posting's DOCX holds well under 1 MB of XML.
"""

from __future__ import annotations

import errno
import io
import itertools
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ZIP_MEMBERS = 2_000
"""Files inside one .docx (Word's own have a few dozen)."""
MAX_UNZIPPED = 64 * 1024 * 1024
"""Bytes all the files inside one .docx may unpack to."""
MAX_RATIO = 200
"""How many times larger than its compressed size a member may unpack to (once it is
over `RATIO_FROM` bytes): text compresses about 5-20 times, a zip bomb millions."""
RATIO_FROM = 1024 * 1024
MAX_TABLE_BYTES = 100 * 1024 * 1024
"""A JSONL or CSV file of postings (991 real ones take 4 MB)."""


MAX_TEMPLATE_BYTES = 20_000_000
"""A template file: a Word template with a logo is a few hundred KB."""
MAX_TEMPLATE_ELEMENTS = 10_000
"""XML elements in a Word template's body (the built-in résumé has 628): docxtpl and
the checks walk every paragraph, and 16,000 paragraphs took 9 s and 450 MB."""
MAX_POSTING_LINES = 2_000
"""Non-blank lines of one posting's text. The longest of 991 real postings has 109;
analysis costs about a third of a millisecond a line, so 100,000 one-word lines
(30 s) are refused instead of analysed."""
MAX_POSTING_WORDS = 30_000
"""Words of one posting's text. The longest real posting has about 2,000; analysis
costs about 0.15 ms a word, and 1 MB of dense requirement lines (137,000 words) took
20 to 30 s."""
MAX_DOCX_ELEMENTS = 50_000
"""XML elements (paragraphs, runs, texts, table cells...) in the body of one Word
posting, counted in the XML before python-docx builds an object for each: 300,000
empty paragraphs compress to 31 KB and took python-docx for ever."""
MAX_HTML_TAGS = 200_000
"""Tags in one web page, counted before libxml2 parses it (a saved job page has a
few thousand): 3 million `<br>` took 33 s and 1.5 GB."""
MAX_HTML_NODE = 1_000_000
"""Characters one script, style or attribute of a web page may keep before parsing.
libxml2 silently drops the text after a node over 10 MB, so an 11 MB inline image
before the ad made the posting look empty; longer ones are cut out first (none of
them is posting text)."""
MAX_PDF_PAGES = 200
"""Pages of one PDF posting, counted in its page tree before any page is read: a
posting is a page or two, and 90,000 blank pages took over 100 s."""
MAX_PDF_CONTENT = 5_000_000
"""Bytes of page content (drawing operators, unpacked) in one PDF posting, counted
before any text is extracted: pypdf parses them at about 1 MB a second, and a 20 KB
file can unpack to 14 MB of them (12 s). A page of text is 5 to 100 KB."""
MAX_PDF_TREE = 2_000
"""Nodes visited while counting a PDF's pages (a 300,000-entry `/Kids` is refused
after 2,000, however it nests)."""


# Templates: what one render may do (checked by tailor.render.environment's sandbox).
MAX_TEXT = 1_000_000
"""Characters (or items) one operation may produce: `{{ 'ab' * 1000000000 }}`,
`'a'.ljust(10**9)`, `'%0999999999d' % 1` or a string doubled in a loop are refused
before they are built, not after 2 GB."""
MAX_POWER = 10_000
"""Digits `**` may produce: `{{ 10 ** 10 ** 9 }}` would compute for hours."""
MAX_RANGE_STEPS = 10_000
"""Items all the `range()`s of one render may yield together: nested
`range(100000)` loops are refused instead of running 10^10 times. Document
templates loop over the context's lists; `range` is for small counts."""
MAX_LOOP_STEPS = 100_000
"""Iterations all the `{% for %}` loops of one render may run together, whatever
they loop over (a list of a million items looped inside itself, say). A résumé
template runs a few hundred."""
MAX_RENDER_TEXT = 50_000_000
"""Characters the operations of one render may produce in all (joins, repeats,
filters, method calls): many strings each under `MAX_TEXT` add up to no more."""
MAX_OUTPUT = 20_000_000
"""Characters one render may write: a letter is a few thousand, a Word template's
XML a few hundred thousand."""


class NotAFile(OSError):
    """A device, named pipe or socket where a file was expected: `/dev/zero` never
    ends and a FIFO blocks until someone writes to it."""


def read_limited(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file `path`, or None when it holds more than `limit`:
    never more than `limit + 1` bytes are read, so a huge file costs nothing. Anything
    but a regular file raises `NotAFile` (an OSError whose `strerror` says what it is),
    before a byte is read: it is opened without blocking, so a FIFO cannot hang."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(
                errno.EINVAL, f"{_kind(mode)}, not a regular file; save it to a file and name that"
            )
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def too_many_elements(root: Any, limit: int) -> int | None:
    """How many XML elements `root` holds when over `limit` (counting stops there)."""
    count = sum(1 for _ in itertools.islice(root.iter(), limit + 1))
    return count if count > limit else None


def count_lines(text: str, limit: int = MAX_POSTING_LINES) -> int | None:
    """The number of non-blank lines of `text` when over `limit`, else None."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    return lines if lines > limit else None


def count_words(text: str, limit: int = MAX_POSTING_WORDS) -> int | None:
    """The number of words (runs of non-space) of `text` when over `limit`, else None."""
    words = len(text.split())
    return words if words > limit else None


def check_zip(data: bytes, refuse: Callable[[str], Exception]) -> None:
    """Raise `refuse(reason)` unless `data` is a zip archive of sane size and shape
    (`reason` is "" when it is no zip archive at all).

    The sizes are the ones the archive declares; `zipfile` stops reading a member
    that inflates past its declared size, so a lying header cannot get around them.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise refuse("") from exc  # not a zip at all: no reason to add
    if len(members) > MAX_ZIP_MEMBERS:
        raise refuse(f"it holds {len(members):,} files (at most {MAX_ZIP_MEMBERS:,})")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise refuse("it is encrypted")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse("it uses a compression Word does not write")
        total += member.file_size
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise refuse(f"{member.filename} unpacks to {member.file_size:,} bytes (a zip bomb?)")
    if total > MAX_UNZIPPED:
        raise refuse(f"it unpacks to {total:,} bytes (at most {MAX_UNZIPPED:,})")
