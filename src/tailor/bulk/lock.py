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
from collections.abc import Iterator
from pathlib import Path

from tailor.output import folder_locked


@contextlib.contextmanager
def out_locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder `out` (the same lock a document
    folder's state is written under, `output.folder_locked`)."""
    with folder_locked(out, "holding this output folder"):
        yield
