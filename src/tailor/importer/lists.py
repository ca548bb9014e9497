"""The list sections: skills, languages, interests, and the one-line entries of
certificates, awards, publications and projects.

"Group: a, b, c" is a skill group with its keywords; a plain list gives one
skill per item. Lists are split at commas, semicolons and bullets, never inside
brackets, so "SQL (PostgreSQL, BigQuery)" stays one item.
"""

from __future__ import annotations

import re

from tailor.importer.draft import Entry
from tailor.importer.entries import RawEntry, read_header
from tailor.importer.lines import Line

_GROUP = re.compile(r"^([^:]{2,60}):\s+(.+)$")
_FLUENCY = re.compile(r"^(.+?)\s*(?:\((.+)\)|[:–—-]\s+(.+))$")


def split_items(text: str) -> list[str]:
    """Items of a list at , ; · | • (outside brackets), verbatim and trimmed."""
    items: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if depth == 0 and char in ",;·|•":
            items.append(current)
            current = ""
            continue
        current += char
    items.append(current)
    return [" ".join(item.split()).strip(" .") for item in items if item.strip(" .")]


def read_skills(lines: list[Line]) -> list[Entry]:
    out: list[Entry] = []
    for line in lines:
        group = _GROUP.match(line.text)
        if group:
            entry = Entry({}, line.where)
            entry.set("name", group.group(1).strip())
            entry.set("keywords", split_items(group.group(2)))
            out.append(entry)
            continue
        for item in split_items(line.text):
            entry = Entry({}, line.where)
            long = len(item.split()) > 6
            entry.set("name", item, "a long item; is it one skill?" if long else None)
            out.append(entry)
    return out


def read_languages(lines: list[Line]) -> list[Entry]:
    out: list[Entry] = []
    for line in lines:
        for item in split_items(line.text):
            entry = Entry({}, line.where)
            match = _FLUENCY.match(item)
            if match:
                entry.set("language", match.group(1).strip())
                entry.set("fluency", (match.group(2) or match.group(3)).strip())
            else:
                entry.set("language", item)
            out.append(entry)
    return out


def read_interests(lines: list[Line]) -> list[Entry]:
    out: list[Entry] = []
    for line in lines:
        group = _GROUP.match(line.text)
        items = split_items(group.group(2)) if group else split_items(line.text)
        if group:
            entry = Entry({}, line.where)
            entry.set("name", group.group(1).strip())
            entry.set("keywords", items)
            out.append(entry)
            continue
        for item in items:
            entry = Entry({}, line.where)
            entry.set("name", item)
            out.append(entry)
    return out


def read_dated(raw: RawEntry, kind: str) -> list[Entry]:
    """A certificate, award, publication or project from its raw entry."""
    if kind in ("certificates", "awards", "publications") and not raw.header and raw.bullets:
        # A bulleted list: each bullet is one entry.
        return [read_dated(RawEntry(header=[b]), kind)[0] for b in raw.bullets]
    header = read_header(raw, single_dates=True)
    pieces = [p.text for p in header.pieces]
    entry = Entry({}, raw.where)
    first = pieces[0] if pieces else None
    second = pieces[1] if len(pieces) > 1 else None
    date = header.dates.start if header.dates else None
    url = header.urls[0] if header.urls else None
    text = " ".join(line.text for line in raw.paragraphs) or None
    if kind == "certificates":
        entry.set("name", first)
        entry.set("issuer", second, "taken as the issuer by its place" if second else None)
        entry.set("date", date)
        entry.set("url", url)
    elif kind == "awards":
        entry.set("title", first)
        entry.set("awarder", second, "taken as the awarder by its place" if second else None)
        entry.set("date", date)
        entry.set("summary", text)
    elif kind == "publications":
        entry.set("name", first)
        entry.set("publisher", second, "taken as the publisher by its place" if second else None)
        entry.set("releaseDate", date)
        entry.set("url", url)
        entry.set("summary", text)
    else:  # projects
        entry.set("name", first)
        entry.set("description", text)
        entry.set("highlights", [b.text for b in raw.bullets])
        if header.dates is not None:
            entry.set("startDate", header.dates.start)
            entry.set("endDate", header.dates.end)
        entry.set("url", url)
    if kind != "projects" and raw.bullets:
        key = "summary" if kind in ("awards", "publications") else None
        if key and key not in entry.values:
            entry.set(key, " ".join(b.text for b in raw.bullets))
    return [entry]
