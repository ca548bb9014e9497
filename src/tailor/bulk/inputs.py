"""Expand `tailor bulk` INPUTs into postings, each with a stable id.

An INPUT is a posting file, a folder (searched recursively for posting, JSONL and
CSV files), a JSONL or CSV file with one posting per row, or `-` for a list of
paths on standard input. A row uses the columns `title`, `company`,
`description`, and optionally `location`, `url` (or JobSpy's `job_url`,
`job_url_direct`) and `id`; JobSpy's CSV export works as it is.

A folder search takes files with those suffixes, except hidden ones and a
folder's notes (README, LICENSE, CHANGELOG, NOTICE); it never enters the
output folder.

Ids: a row's `id` column, else `FILE:LINE` (the line a row starts on, header
included, so it matches what an editor or spreadsheet shows); a file's path as
given. A repeated id gets `#2`, `#3`… in input order. Each posting also gets a
digest of everything it is made of, to tell on a rerun whether it changed.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tailor.bulk.failure import one_line
from tailor.bulk.manifest import MANIFEST
from tailor.errors import TailorError
from tailor.limits import MAX_TABLE_BYTES, read_limited
from tailor.nesting import too_deep
from tailor.output import STATE_FILE
from tailor.posting.formats import SUFFIXES, decode_text
from tailor.posting.names import shown_path
from tailor.posting.read import MAX_DOCUMENT_BYTES

TABLE_SUFFIXES = frozenset({".jsonl", ".csv"})
POSTING_SUFFIXES = frozenset({".txt", ".md", ".markdown", *SUFFIXES})
"""What a folder search picks up (besides JSONL and CSV files)."""

_NOT_POSTINGS = ("readme", "license", "licence", "changelog", "notice")
"""File names (before the suffix) a folder search passes over: a folder's own notes."""
_URL_COLUMNS = ("url", "job_url", "job_url_direct")
_MISSING = frozenset({"", "nan", "NaN", "None", "null"})
"""Empty cells as pandas and friends write them."""


@dataclass(frozen=True)
class Item:
    """One posting: a file (`path`) or a row of a table (`fields`)."""

    id: str
    input: str
    """Where it came from, for people: `postings/a.txt` or `jobs.csv:7`."""
    digest: str
    """sha256 of the posting's bytes (a file) or fields (a row)."""
    path: str | None = None
    fields: Mapping[str, str] | None = None
    """`description`, and any of `title`, `company`, `location`, `url`."""
    problem: str | None = None
    """Why it cannot be read at all (then neither path nor fields is set)."""
    profile: str = ""
    """The key of the profile it is paired with (`tailor.bulk.pairs`); "" with `--profile`."""


def expand_inputs(
    inputs: Iterable[str],
    *,
    stdin_lines: Iterable[str],
    skip: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[Item]:
    """All postings named by `inputs`, in order; `-` takes paths from `stdin_lines`.

    `skip` (the output folder) is never searched, so a rerun does not read its
    own documents as postings; nor is any posting folder tailor wrote. A folder's
    named pipe, socket or device (or a link to one) is passed over, and `warn`
    hears of it: reading one would block the run or never end.
    """
    items: list[Item] = []
    seen_files: set[Path] = set()
    for name in _with_stdin(inputs, stdin_lines):
        problem = _path_problem(name)
        if problem is not None:
            shown = name if len(name) <= 80 else name[:79] + "…"
            items.append(_broken(shown.replace("\x00", "\\0"), problem))
            continue
        for path in _files(Path(name), skip.resolve() if skip is not None else None, warn):
            key = path.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            items.extend(_items_of(path))
    return _unique_ids(items)


def _path_problem(name: str) -> str | None:
    """Why `name` cannot even be looked up as a path (a NUL, a name too long), or None."""
    if "\x00" in name:
        return "holds a NUL character; give one file path a line"
    try:
        Path(name).stat()
    except FileNotFoundError:
        return None  # said later, as for any missing posting
    except OSError as exc:
        return f"is not a usable path ({exc.strerror})"
    except ValueError as exc:
        return f"is not a usable path ({exc})"
    return None


def _with_stdin(inputs: Iterable[str], stdin_lines: Iterable[str]) -> Iterator[str]:
    stdin_used = False
    for name in inputs:
        if name != "-":
            yield name
        elif not stdin_used:
            stdin_used = True
            yield from (line.strip() for line in stdin_lines if line.strip())


def _files(path: Path, skip: Path | None, warn: Callable[[str], None] | None) -> Iterator[Path]:
    if not path.is_dir():
        yield path  # a missing, unreadable or special file becomes an item with a problem
        return
    for folder, dirs, names in os.walk(path):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _ours(here / d, skip))
        in_out = skip is not None and here.resolve() == skip
        for name in sorted(names):
            if not _wanted(Path(name)) or (in_out and name == MANIFEST):
                continue
            # Regular files only: a FIFO would block the run, a link to /dev/zero never end.
            if (here / name).is_file():
                yield here / name
            elif warn is not None:
                kind = _special(here / name) or "a link to nothing"
                warn(f"{shown_path(here / name)}: is {kind}, not a file; passed over")


def _special(path: Path) -> str | None:
    """What `path` is when it is not a regular file (following links), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # gone, or a broken link: reading it says why, as for any file
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _ours(folder: Path, skip: Path | None) -> bool:
    """The output folder, or a posting's folder in any output folder (tailor's state file
    is in it): what a run wrote is never read as postings, even with INPUT = --out."""
    return (skip is not None and folder.resolve() == skip) or (folder / STATE_FILE).is_file()


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_DOCUMENT_BYTES + 1)


def _wanted(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (
        not path.name.startswith(".")
        and path.stem.lower() not in _NOT_POSTINGS
        and (suffix in POSTING_SUFFIXES or suffix in TABLE_SUFFIXES)
    )


def _items_of(path: Path) -> list[Item]:
    name = shown_path(path)  # what the manifest and messages say; the file opens by `path`
    table = path.suffix.lower() in TABLE_SUFFIXES
    special = _special(path)
    if special is not None and not path.is_dir():  # opening a FIFO blocks until a writer comes
        return [_broken(name, f"is {special}, not a file; give a posting file")]
    try:
        # A posting file over the limit is refused by the worker; its digest needs no more.
        data = read_limited(path, MAX_TABLE_BYTES) if table else _head(path)
        if data is None:
            return [_broken(name, f"over {MAX_TABLE_BYTES:,} bytes; split it into smaller files")]
    except FileNotFoundError:
        return [_broken(name, "file not found; check the path")]
    except IsADirectoryError:
        return [_broken(name, "is a folder")]
    except OSError as exc:
        return [_broken(name, f"cannot read: {exc.strerror or exc}")]
    if not table:
        return [Item(id=name, input=name, digest=_sha256(data), path=str(path))]
    try:
        text = _decode_table(data, name)
    except TailorError as exc:
        return [_broken(name, one_line(exc, name))]
    if path.suffix.lower() == ".jsonl":
        return list(_jsonl_rows(text, name))
    return list(_csv_rows(text, name))


MAX_JSON_DEPTH = 20
"""How deep a JSONL posting may nest: a posting is a flat record."""


def _decode_table(data: bytes, name: str) -> str:
    """A table's text. Files pasted together from several exports can mix UTF-8 rows
    with Windows-1252 ones ("Zürich" in one, "Z\xfcrich" in the next): one encoding
    for the whole file would turn one kind into mojibake, so a file that is not UTF-8
    throughout is read line by line, UTF-8 where a line is, Windows-1252 where not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return decode_text(data, name)  # binary, or UTF-16 without a BOM: the usual answer
    return "".join(_line_text(line) for line in data.splitlines(keepends=True))


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", "replace")


def _jsonl_rows(text: str, name: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if too_deep(line, MAX_JSON_DEPTH) is not None:
            # json.loads recurses once per bracket: 100,000 of them end the whole run.
            yield _broken(where, f"nested more than {MAX_JSON_DEPTH} levels deep; not a posting")
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield _broken(where, f"not a JSON object ({exc})")
            continue
        if not isinstance(record, dict):
            yield _broken(where, "not a JSON object with title, company and description")
            continue
        yield _row_item(record, where)


def _csv_rows(text: str, name: str) -> Iterator[Item]:
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_DOCUMENT_BYTES))
    # JobSpy's documented export (`to_csv(..., escapechar="\\")`) doubles every
    # backslash; a file without doubled backslashes was written without one.
    escape = "\\" if "\\\\" in text else None
    reader = csv.DictReader(io.StringIO(text, newline=""), escapechar=escape)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        yield _broken(name, f"not a readable CSV file ({exc})")
        return
    if "description" not in columns:
        yield _broken(
            name,
            "has no 'description' column; a CSV of postings needs title, company and description",
        )
        return
    start = reader.line_num + 1
    try:
        for record in reader:
            yield _row_item(record, f"{name}:{start}")
            start = reader.line_num + 1
    except csv.Error as exc:
        yield _broken(f"{name}:{start}", f"not readable as CSV ({exc})")


def _row_item(record: Mapping[str, object], where: str) -> Item:
    fields = {
        key: value
        for key in ("title", "company", "description", "location")
        if (value := _cell(record.get(key)))
    }
    url = next((v for key in _URL_COLUMNS if (v := _cell(record.get(key)))), None)
    if url:
        fields["url"] = url
    row_id = _cell(record.get("id")) or where
    if "description" not in fields:
        return Item(id=row_id, input=where, digest="", problem="the row has no description")
    digest = _sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode())
    return Item(id=row_id, input=where, digest=digest, fields=fields)


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dict):
        value = ", ".join(str(v) for v in value.values() if v)
    elif isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return None if text in _MISSING else text


def _broken(where: str, problem: str) -> Item:
    return Item(id=where, input=where, digest="", problem=problem)


def _unique_ids(items: list[Item]) -> list[Item]:
    taken: set[str] = set()
    out: list[Item] = []
    for item in items:
        new_id, n = item.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{item.id}#{n}"
        taken.add(new_id)
        out.append(item if new_id == item.id else replace(item, id=new_id))
    return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
