"""`OUT/manifest.jsonl`: one line per posting of the last run, and what a rerun resumes from.

During a run each finished posting is appended (and flushed) as soon as its
files are written, so a run killed at any moment has recorded everything it
finished; at the end the file is rewritten atomically with one line per
posting, in input order. Reading keeps the last line of each id and ignores a
line cut short by a kill (the next append starts on a new line). Two runs
into the same OUT may append at once: each line is one write, so lines never
mix, and a journal whose file another run has replaced moves to the new file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Literal, get_args

from tailor.errors import OutputError
from tailor.nesting import too_deep
from tailor.output import atomic_write, sweep_temp_files

MANIFEST = "manifest.jsonl"
Status = Literal["ok", "skipped", "skipped (score)", "failed"]
"""`skipped` is up to date; `skipped (score)` scored below `--min-score` (no documents)."""


@dataclass(frozen=True)
class Entry:
    id: str
    input: str
    status: Status
    score: int | None
    folder: str | None
    """The posting's folder, relative to OUT."""
    outputs: list[str] = field(default_factory=list)
    """The files written, relative to OUT."""
    error: str | None = None
    input_hash: str = ""
    """sha256 of the posting (its file's bytes, or its row's fields)."""
    settings_hash: str = ""
    """sha256 of the profile, templates, kinds and formats it was tailored with."""
    tailor_version: str = ""
    profile: str | None = None
    """The slug of the profile paired with the posting (`--profiles`, `--pairs`); the
    folder is then `<profile>/<company>-<title>`. Absent from a `--profile` run's lines."""

    def line(self) -> str:
        record = asdict(self)
        if record["profile"] is None:
            del record["profile"]
        return json.dumps(record, ensure_ascii=False) + "\n"


def read_manifest(path: Path, *, warn: Callable[[str], None] | None = None) -> dict[str, Entry]:
    """The entries of a manifest by id (the last line wins); {} if there is none.

    A line that is not a whole, well-typed entry (cut short by a kill, or edited by
    hand into `"outputs": 5`) is left out, and `warn` hears of it, unless it is the
    last line (a kill's half-written append is expected, and the posting is redone).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    entries: dict[str, Entry] = {}
    lines = data.splitlines()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        entry = _parse(raw)
        if entry is not None:
            entries[entry.id] = entry
        elif warn is not None and number < len(lines):
            warn(f"{path}:{number}: not a manifest entry; left out (its posting is redone)")
    return entries


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "input": (str,),
    "status": (str,),
    "score": (int, type(None)),
    "folder": (str, type(None)),
    "outputs": (list,),
    "error": (str, type(None)),
    "input_hash": (str,),
    "settings_hash": (str,),
    "tailor_version": (str,),
    "profile": (str, type(None)),
}
_MAX_DEPTH = 4


def _parse(raw: bytes) -> Entry | None:
    text = raw.decode("utf-8", "replace")
    if too_deep(text, _MAX_DEPTH) is not None:
        return None  # json.loads would recurse once per bracket
    try:
        record = json.loads(text)
    except ValueError:
        return None  # a line cut short by a killed run, or not ours
    if not isinstance(record, dict) or not set(record) <= set(_FIELD_TYPES):
        return None
    for name, types in _FIELD_TYPES.items():
        if name in record and (
            not isinstance(record[name], types) or isinstance(record[name], bool)
        ):
            return None
    outputs = record.get("outputs", [])
    if not all(isinstance(o, str) for o in outputs) or record.get("status") not in get_args(Status):
        return None
    folder = record.get("folder")
    if folder is not None and not _inside(folder, outputs):
        return None  # a folder or file outside OUT: never ours, never to be written
    try:
        return Entry(**record)
    except TypeError:
        return None  # a field missing


def _inside(folder: str, outputs: list[str]) -> bool:
    """A posting's folder is one plain name in OUT (or two, `<profile>/<posting>`, in a
    many-profile run), and its outputs are files in it."""
    parts = folder.split("/")
    plain = len(parts) <= 2 and all(
        part not in ("", ".", "..") and "\\" not in part for part in parts
    )
    return plain and all(
        o.startswith(folder + "/") and "/" not in o[len(folder) + 1 :] and not o.endswith("/..")
        for o in outputs
    )


class Tail:
    """The entries appended to a manifest since the last look: what other runs into the
    same OUT recorded while this one runs (and this run's own lines)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: tuple[int, int] | None = None
        self._offset = 0

    def new_entries(self) -> list[Entry]:
        try:
            now = self.path.stat()
        except OSError:
            return []
        if self._file != (now.st_dev, now.st_ino) or now.st_size < self._offset:
            self._file, self._offset = (now.st_dev, now.st_ino), 0  # rewritten: read it all
        try:
            with self.path.open("rb") as handle:
                handle.seek(self._offset)
                data = handle.read()
        except OSError:
            return []
        whole = data[: data.rfind(b"\n") + 1]  # a line still being written waits
        self._offset += len(whole)
        return [entry for raw in whole.splitlines() if (entry := _parse(raw)) is not None]


def merged(ours: list[Entry], on_disk: dict[str, Entry], at_start: dict[str, Entry]) -> list[Entry]:
    """This run's entries, then the lines other runs recorded while it ran.

    A line that was in the manifest when this run started and is still the same
    belongs to a posting no longer given (or given under another id): left out, as
    a rerun always has. A line that is new or changed since then is another run's
    work, kept.
    """
    mine = {entry.id for entry in ours}
    others = [
        entry for id_, entry in on_disk.items() if id_ not in mine and at_start.get(id_) != entry
    ]
    return ours + others


def write_manifest(path: Path, entries: list[Entry]) -> None:
    sweep_temp_files(path.parent, [path.name])  # left by a run killed while writing it
    atomic_write(path, "".join(entry.line() for entry in entries).encode("utf-8"))


class Journal:
    """Appends entries to the manifest as postings finish."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def append(self, entry: Entry) -> None:
        try:
            self._append(entry)
        except OSError as exc:  # a full disk mid-run: one line, the run stops cleanly
            raise OutputError.at(self.path, None, f"cannot record: {exc.strerror or exc}") from None

    def _append(self, entry: Entry) -> None:
        if self._handle is not None and self._replaced(self._handle):
            self._handle.close()  # another run rewrote the manifest: append to its file
            self._handle = None
        if self._handle is None:
            self._handle = self.path.open("ab")
            if self._handle.tell() > 0 and not _ends_with_newline(self.path):
                self._handle.write(b"\n")  # seal a line a killed run left unfinished
                self._handle.flush()
        self._handle.write(entry.line().encode("utf-8"))
        self._handle.flush()  # one write: appends of concurrent runs never interleave

    def _replaced(self, handle: IO[bytes]) -> bool:
        try:
            now = self.path.stat()
        except OSError:
            return True
        before = os.fstat(handle.fileno())
        return (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino)

    def close(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            try:
                os.fsync(handle.fileno())
            except OSError as exc:
                raise OutputError.at(
                    self.path, None, f"cannot record: {exc.strerror or exc}"
                ) from None
            finally:
                handle.close()


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
