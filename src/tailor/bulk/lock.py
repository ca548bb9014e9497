"""One bulk run at a time hands out folders and rewrites the manifest of an OUT.

Two runs into the same OUT may each map a posting to `OUT/acme-data-engineer`;
each run's `Folders` only knows the manifest as it was when it started. So a run
takes this lock while it picks a posting's folder, writes its files and records
its manifest line, having first read the lines other runs recorded meanwhile
(`manifest.Tail`): the second run then sees the folder taken and uses `-2`. The
final rewrite of the manifest holds it too, and keeps the lines other runs
recorded during this one. Held for a write at a time (milliseconds), it costs
nothing a run would notice. `flock` on OUT itself: no lock file to leave behind,
and the kernel drops it when a process dies; where there is none (Windows) or the
file system refuses it, the run goes ahead unlocked, as before.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from tailor.errors import OutputError
from tailor.output import LOCK_SECONDS


@contextlib.contextmanager
def out_locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder `out`."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError.at(
                        out,
                        None,
                        "another tailor run has held this output folder for over "
                        f"{LOCK_SECONDS:.0f} s; wait for it to finish, or stop it",
                    ) from None
                time.sleep(0.005)
            except OSError:
                break  # a file system without flock: unlocked, as before
        yield
    finally:
        os.close(fd)  # closing the descriptor drops the lock
