"""Before a run: which postings are up to date, and which folder each posting gets.

A posting is up to date when the manifest says it was tailored from the same
posting, profile, templates, kinds, formats and tailor version, and every file
it lists is still as tailor wrote it (its hash in the folder's state record).

Folders: `OUT/<company>-<title>`; when two postings of a run map to the same
folder, the later one (in input order) gets `-2`, `-3`… A posting keeps the
folder the manifest gave it last time while that folder still fits its company
and title, and a folder the manifest gives to another posting is not reused, so
a resumed or repeated run writes each posting where it went before. A posting
is found in the manifest by its id or, failing that, by its content (a file
that was moved, renamed or named by another path).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from itertools import count
from pathlib import Path

from tailor.bulk.inputs import Item
from tailor.bulk.manifest import Entry
from tailor.output import STATE_FILE, sha256


def settings_digest(
    *,
    profile: bytes,
    templates: Mapping[str, bytes],
    kinds: list[str],
    formats: list[str],
    template: str,
    tone: str,
    version: str,
    pages: int | None = None,
    wording: str | None = None,
) -> str:
    """One hash of everything besides the posting that decides the documents (`wording`:
    the letter tone's voices.yaml fields, as JSON, when a user's file changes them)."""
    record: dict[str, object] = {
        "profile": sha256(profile),
        "templates": {name: sha256(data) for name, data in sorted(templates.items())},
        "kinds": kinds,
        "formats": formats,
        "template": template,
        "tone": tone,
        "version": version,
    }
    if pages is not None:  # absent rather than null: hashes of runs without a budget stay
        record["pages"] = pages
    if wording is not None:  # absent for tailor's own wording: earlier hashes stay valid
        record["wording"] = sha256(wording.encode())
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def match_previous(items: Iterable[Item], previous: Mapping[str, Entry]) -> dict[str, Entry]:
    """Posting id -> its entry in the last manifest, under the posting's current id."""
    items = list(items)
    ids = {item.id for item in items}
    by_content: dict[tuple[str, str], Entry] = {}  # (profile, posting digest) -> entry
    for entry in previous.values():
        if entry.id not in ids and entry.input_hash:
            by_content.setdefault((entry.profile or "", entry.input_hash), entry)
    matched: dict[str, Entry] = {}
    for item in items:
        found = previous.get(item.id) or by_content.pop((item.profile, item.digest), None)
        if found is not None:
            matched[item.id] = replace(found, id=item.id, input=item.input)
    return matched


def is_up_to_date(
    entry: Entry | None, item: Item, *, settings: str, version: str, out: Path
) -> bool:
    if entry is None or entry.status == "failed" or not entry.folder or not entry.outputs:
        return False
    if (entry.input_hash, entry.settings_hash, entry.tailor_version) != (
        item.digest,
        settings,
        version,
    ):
        return False
    return _unchanged(out, entry.folder, entry.outputs)


def still_below(
    entry: Entry | None, item: Item, *, settings: str, version: str, min_score: int | None
) -> bool:
    """A pair skipped for its score last time, from the same posting, profile and tailor,
    that still scores below `min_score`: it stays skipped without being matched again.
    (Without `--min-score`, or with a lower one, it is tailored.)"""
    return (
        min_score is not None
        and entry is not None
        and entry.status == "skipped (score)"
        and entry.score is not None
        and entry.score < min_score
        and (entry.input_hash, entry.settings_hash, entry.tailor_version)
        == (item.digest, settings, version)
    )


def _unchanged(out: Path, folder: str, outputs: list[str]) -> bool:
    try:
        state = json.loads((out / folder / STATE_FILE).read_text(encoding="utf-8"))
        return all(
            Path(name).parent == Path(folder)
            and state.get(Path(name).name) == sha256((out / name).read_bytes())
            for name in outputs
        )
    except (OSError, ValueError, AttributeError):
        return False


class Folders:
    """Hands out one folder name per posting, never the same one twice in a run."""

    def __init__(self, matched: Mapping[str, Entry], previous: Mapping[str, Entry]) -> None:
        """`matched` as from `match_previous`; `previous`, the whole last manifest."""
        self._previous = {id_: e.folder for id_, e in matched.items() if e.folder}
        self._owner = {e.folder: e.id for e in previous.values() if e.folder}
        self._owner.update({folder: id_ for id_, folder in self._previous.items()})
        self._taken: set[str] = set()

    def note(self, entry: Entry) -> None:
        """`entry`'s folder is its posting's: another run into OUT recorded it."""
        if entry.folder and entry.folder not in self._taken:
            self._owner[entry.folder] = entry.id

    def keep(self, folder: str) -> None:
        """Reserve the folder of a posting that is skipped this run."""
        self._taken.add(folder)

    def assign(self, id_: str, base: str) -> str:
        """The folder for posting `id_`, whose company and title give `base`."""
        before = self._previous.get(id_)
        if before and before not in self._taken and _fits(before, base):
            self._taken.add(before)
            return before
        for n in count(1):
            name = base if n == 1 else f"{base}-{n}"
            if name not in self._taken and self._owner.get(name, id_) == id_:
                self._taken.add(name)
                return name
        raise AssertionError("unreachable")  # pragma: no cover


def _fits(folder: str, base: str) -> bool:
    suffix = folder.removeprefix(f"{base}-")
    return folder == base or (suffix != folder and suffix.isdigit())
