"""Many profiles × many postings: which profile each posting is tailored for.

`--profiles DIR|FILE` pairs every profile with every posting; `--pairs FILE.csv`
lists the pairs (columns `posting` and `profile`, paths relative to the CSV's
folder). Each profile gets a key, the slug of its file name (`alice.yaml` ->
`alice`, `-2`… when two share one), which names its folder in OUT and prefixes
the id of each of its pairs (`alice/postings/a.txt`), so one manifest holds every
pair once. Pairs are kept posting by posting: a worker batch then reads, parses
and analyses a posting once for all the profiles it is paired with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from tailor.bulk.inputs import Item, expand_inputs
from tailor.errors import PostingError, ProfileError
from tailor.limits import MAX_TABLE_BYTES, read_limited
from tailor.output import slug

PROFILE_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


def profile_files(values: Iterable[str]) -> list[str]:
    """The profile files named by `values`: a file as given, a folder's profiles
    (its non-hidden .yaml, .yml and .json files, not searched recursively)."""
    files: list[str] = []
    for value in values:
        path = Path(value)
        if not path.is_dir():
            files.append(value)  # a missing or bad file fails its own pairs
            continue
        found = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
        if not found:
            raise ProfileError.at(
                path, None, "holds no profile; give a folder of .yaml, .yml or .json profiles"
            )
        files.extend(str(p) for p in found)
    return files


class ProfileKeys:
    """Hands out one key per profile file: its slug, made unique in the run."""

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}
        """Key -> the profile's path, in the order first seen."""
        self._by_file: dict[Path, str] = {}

    def key(self, path: str) -> str:
        resolved = Path(path).resolve()
        if resolved in self._by_file:
            return self._by_file[resolved]
        base = slug(Path(path).stem, "profile")
        key, n = base, 1
        while key in self.paths:
            n += 1
            key = f"{base}-{n}"
        self.paths[key] = path
        self._by_file[resolved] = key
        return key


def paired(item: Item, key: str) -> Item:
    """`item` as tailored for the profile `key`: its id says which."""
    return replace(item, id=f"{key}/{item.id}", profile=key)


def pair_all(items: list[Item], keys: list[str]) -> list[Item]:
    """Every posting with every profile, posting by posting."""
    return [paired(item, key) for item in items for key in keys]


def read_pairs(
    path: Path,
    *,
    skip: Path,
    keys: ProfileKeys,
    warn: Callable[[str], None] | None = None,
) -> list[Item]:
    """The pairs a CSV lists (columns `posting`, `profile`), in its order, each once.

    A `posting` may be anything `tailor bulk` takes as INPUT (a file, a folder, a
    JSONL or CSV table): it stands for each posting it holds. A row that lacks a
    cell is an item that fails with the row's line number.
    """
    data = read_limited(path, MAX_TABLE_BYTES) if path.is_file() else None
    if data is None:
        raise PostingError.at(
            path, None, f"is not a readable file under {MAX_TABLE_BYTES:,} bytes; check the path"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PostingError.at(path, None, "is not UTF-8 text; save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise PostingError.at(path, None, f"is not a readable CSV file ({exc})") from None
    if not {"posting", "profile"} <= set(columns):
        raise PostingError.at(
            path, "header", "needs the columns posting and profile (one pair a row)"
        )
    base = path.parent
    expanded: dict[str, list[Item]] = {}
    pairs: dict[str, Item] = {}
    start = reader.line_num + 1
    try:
        for row in reader:
            where = f"{path}:{start}"
            start = reader.line_num + 1
            posting, profile = (
                (row.get("posting") or "").strip(),
                (row.get("profile") or "").strip(),
            )
            if not posting or not profile:
                pairs.setdefault(
                    where,
                    Item(
                        id=where,
                        input=where,
                        digest="",
                        problem=("the row needs a posting and a profile"),
                    ),
                )
                continue
            posting_path = str(base / posting)  # an absolute path stays as it is
            if posting_path not in expanded:
                expanded[posting_path] = expand_inputs(
                    [posting_path], stdin_lines=(), skip=skip, warn=warn
                )
            key = keys.key(str(base / profile))
            for item in expanded[posting_path]:
                pair = paired(item, key)
                pairs.setdefault(pair.id, pair)
    except csv.Error as exc:
        raise PostingError.at(path, str(start), f"is not readable as CSV ({exc})") from None
    return list(pairs.values())
