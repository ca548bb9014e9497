"""Caps on what tailor will read, checked before the expensive step.

A posting, a profile or a template is a small document. Anything far larger, or
that claims to unpack to far more than it weighs, is refused with one clear line
before a parser spends time or memory on it. The figures are generous for real
documents: a long posting's DOCX holds well under 1 MB of XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

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


def read_limited(path: Path, limit: int) -> bytes | None:
    """The bytes of `path`, or None when it holds more than `limit`: never more than
    `limit + 1` bytes are read, so `/dev/zero` or a huge file costs nothing."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


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
