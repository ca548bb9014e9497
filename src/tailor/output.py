"""Where documents go, and writing them without ever losing the user's work.

Each posting gets its own folder `OUT/<company>-<title>/`. Every write is
atomic (a temporary file in the same folder, then a rename). tailor records
the hash of each file it writes in `.tailor-state.json`; a file whose content
no longer matches that record was edited by someone, and is never overwritten
without `force`. All targets are checked before any is written, so a refusal
leaves the folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from tailor.errors import OutputError

STATE_FILE = ".tailor-state.json"
PENDING = ".pending"
MAX_SLUG = 60


def slug(text: str | None, fallback: str) -> str:
    """Lowercase ASCII words joined by '-', at most 60 characters; never a path."""
    if text:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        words = re.findall(r"[a-z0-9]+", ascii_text.lower())
        out = ""
        for word in words:
            candidate = f"{out}-{word}" if out else word
            if len(candidate) > MAX_SLUG:
                break
            out = candidate
        if not out and words:
            out = words[0][:MAX_SLUG]
        if out:
            return out
    return fallback


def output_folder(out: Path, company: str | None, title: str | None) -> Path:
    return out / f"{slug(company, 'company')}-{slug(title, 'role')}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_outputs(folder: Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write `files` (name -> bytes) into `folder`; returns the paths, in order."""
    _check_folder(folder)
    state, pending = _read_state(folder)
    conflicts = []
    for name, data in files.items():
        target = folder / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OutputError.at(target, None, "is not a regular file; move it out of the way")
        if not target.exists() or force:
            continue
        current = sha256(target.read_bytes())
        if current not in (state.get(name), pending.get(name), sha256(data)):
            conflicts.append(target)
    if conflicts:
        names = ", ".join(str(p) for p in conflicts)
        raise OutputError.at(
            names,
            None,
            "was edited since tailor wrote it; rerun with --force to overwrite, "
            "or move your edited copy elsewhere",
        )
    # Announce the new hashes before writing, so that whatever a crash or a full
    # disk leaves behind (old or new version) is still known as tailor's own.
    pending.update({name: sha256(data) for name, data in files.items()})
    _write_state(folder, state, pending)
    written = []
    for name, data in files.items():
        target = folder / name
        if not (target.exists() and target.read_bytes() == data):
            atomic_write(target, data)
        state[name] = pending.pop(name)
        written.append(target)
    _write_state(folder, state, pending)
    return written


def _write_state(folder: Path, state: dict[str, str], pending: dict[str, str]) -> None:
    body: dict[str, object] = dict(state)
    if pending:
        body[PENDING] = pending
    atomic_write(folder / STATE_FILE, (json.dumps(body, indent=2, sort_keys=True) + "\n").encode())


def _check_folder(folder: Path) -> None:
    root = folder.parent
    if root.is_symlink() and not root.exists():
        raise OutputError.at(
            root,
            None,
            f"is a symbolic link to a missing folder; create {root.readlink()} "
            "or choose another --out",
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.at(
            root, None, f"cannot create the output folder: {exc.strerror}"
        ) from None
    if folder.is_symlink():
        raise OutputError.at(folder, None, "is a symbolic link; tailor writes only inside --out")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError.at(folder, None, f"cannot create: {exc.strerror}") from None
    if folder.resolve().parent != root.resolve():
        raise OutputError.at(folder, None, "resolves outside the output folder; refusing to write")


def _read_state(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(file -> hash tailor wrote, file -> hash of a write that may not have finished)."""
    path = folder / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    raw_pending = data.pop(PENDING, {})
    pending = (
        {str(k): str(v) for k, v in raw_pending.items()} if isinstance(raw_pending, dict) else {}
    )
    return {str(k): str(v) for k, v in data.items()}, pending


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise OutputError.at(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
