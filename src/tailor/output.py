"""Where documents go, and writing them without ever losing the user's work.

Each posting gets its own folder `OUT/<company>-<title>/`. Every write is
atomic (a temporary file in the same folder, then a rename). tailor records
the hash of each file it writes in `.tailor-state.json`; a file whose content
no longer matches that record was edited by someone, and is never overwritten
without `force`. All targets are checked before any is written, so a refusal
leaves the folder exactly as it was.

A temporary file is named `.NAME.RANDOM.PID.tmp`, after the file it becomes
and the process writing it. A process killed between writing and renaming
leaves one behind; the next write to that folder removes it (see
`sweep_temp_files`). Two tailor processes writing the same folder take turns:
each holds a lock on the folder while it checks, writes and records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
import time
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from tailor.errors import OutputError

STATE_FILE = ".tailor-state.json"
PENDING = ".pending"
MAX_SLUG = 60
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 3600
"""A temporary file this old is left over, whoever made it: a write takes milliseconds."""
LOCK_SECONDS = 60.0
"""How long a write waits for another tailor process to finish with the same folder."""

_TEMP_TAIL = re.compile(r"[a-z0-9_]{8}(?:\.(?P<pid>[0-9]{1,10}))?" + re.escape(TEMP_SUFFIX))
"""What follows `.NAME.` in a temporary file's name (without the pid: an older tailor's)."""
_LETTERS = str.maketrans(
    {
        "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ß": "ss", "ẞ": "SS", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
"""Latin letters that Unicode does not decompose into an ASCII letter and an accent."""


def slug(text: str | None, fallback: str) -> str:
    """Lowercase ASCII words joined by '-', at most 60 characters; never a path."""
    if text:
        latin = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        ascii_text = latin.encode("ascii", "ignore").decode()
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
    with folder_locked(folder):
        return _write_locked(folder, files, force=force)


def _write_locked(folder: Path, files: dict[str, bytes], *, force: bool) -> list[Path]:
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
    # Whatever a killed run was writing here is in its record: announced before writing.
    sweep_temp_files(folder, {STATE_FILE, *state, *pending, *files})
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


def make_folder(root: Path) -> None:
    """Create the output folder `root` (and its parents), or say in one line why not:
    a file in the way, a read-only disk, a symbolic link to a folder that is gone."""
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


def _check_folder(folder: Path) -> None:
    root = folder.parent
    make_folder(root)
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


@contextlib.contextmanager
def folder_locked(folder: Path, holder: str = "writing here") -> Iterator[None]:
    """Hold an exclusive lock on `folder` while its state is read, checked and rewritten
    (`holder` says, in the error after `LOCK_SECONDS`, what the other run is doing).

    Without it, two runs writing the same folder each write the record as they
    read it, and the one that writes last drops the other's hashes (so tailor's
    own file later counts as an edit). The lock is `flock` on the folder itself:
    no lock file to leave behind, and the kernel drops it when a process dies.
    Where there is no `flock` (Windows) or the file system refuses it (some
    network mounts), the write goes ahead unlocked, as before.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError.at(
                        folder,
                        None,
                        f"another tailor run has been {holder} for over "
                        f"{LOCK_SECONDS:.0f} s; wait for it to finish, or stop it",
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.1)
            except OSError:
                break  # no locks on this file system: go ahead unlocked
        yield
    finally:
        os.close(fd)  # releases the lock


def sweep_temp_files(folder: Path, names: Iterable[str]) -> list[Path]:
    """Remove the temporary files for `names` that a killed tailor left in `folder`.

    Only a regular file named as `atomic_write` names them (`.NAME.RANDOM.PID.tmp`,
    NAME one of `names`) is a candidate, and only a stale one goes: its process is
    no longer running on this machine, or it is over `STALE_SECONDS` old (which
    covers a pid since reused, a file without a pid from an older tailor, and
    systems where a pid cannot be checked). A concurrent run's file is neither,
    so a write in progress is never pulled from under it. Returns the removed paths.
    """
    wanted = {f".{name}." for name in names}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    removed = []
    now = time.time()
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX):
            continue
        match = next(
            (
                tail
                for prefix in wanted
                if entry.name.startswith(prefix)
                and (tail := _TEMP_TAIL.fullmatch(entry.name, len(prefix)))
            ),
            None,
        )
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = int(match["pid"]) if match["pid"] else None
            if now - info.st_mtime > STALE_SECONDS or _dead(pid):
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already (another run swept it), or not ours to remove
    return removed


def _dead(pid: int | None) -> bool:
    """Whether no process `pid` runs here; False when that cannot be told."""
    if pid is None or pid == os.getpid() or os.name != "posix":
        return False  # Windows: os.kill(pid, 0) would not probe, it would stop the process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (another user's) or cannot be asked about
    return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash leaves the old file or the new one.

    A new file gets the usual permissions (0666 less the umask, so 0644 under the
    usual 022); a file being replaced keeps its own.
    """
    try:
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise OutputError.at(path, None, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            before = os.lstat(path)
            if stat.S_ISREG(before.st_mode):
                tmp.chmod(stat.S_IMODE(before.st_mode))
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError.at(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new empty file `.NAME.RANDOM.PID.tmp` beside `path`, open for writing.

    Created with mode 0666 so that the umask applies, as for any new file
    (`tempfile.mkstemp` makes 0600).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.{os.getpid()}{TEMP_SUFFIX}"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")  # pragma: no cover
