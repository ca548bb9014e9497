"""LinkedIn's data export (a ZIP of CSV files) -> a Draft, one entry per CSV row.

The export's files are read by their names wherever they sit in the archive:
Profile, Positions, Education, Skills, Certifications, Languages, Projects,
Email Addresses and PhoneNumbers. The columns are read by their header names,
so LinkedIn adding or reordering columns changes nothing. Every entry's comment
names its file and row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from tailor.importer.dates import iso
from tailor.importer.draft import Draft, Entry
from tailor.importer.lines import clean, strip_bullet

MAX_CSV_BYTES = 5 * 1024 * 1024
"""One CSV of a profile export (connections and messages are not read)."""
FILES = (
    "profile.csv", "positions.csv", "education.csv", "skills.csv", "certifications.csv",
    "languages.csv", "projects.csv", "email addresses.csv", "phonenumbers.csv",
)  # fmt: skip


def is_linkedin(archive: zipfile.ZipFile) -> bool:
    names = {PurePosixPath(n).name.lower() for n in archive.namelist()}
    return "profile.csv" in names or "positions.csv" in names


def linkedin_draft(archive: zipfile.ZipFile, source: str) -> Draft:
    tables = {name: list(_rows(archive, name)) for name in FILES}
    basics = Entry({}, "")
    draft = Draft(source=source, basics=basics)
    for where, row in tables["profile.csv"][:1]:
        basics.where = where
        first, last = row.get("First Name", ""), row.get("Last Name", "")
        basics.set("name", clean(f"{first} {last}"))
        basics.set("label", clean(row.get("Headline", "")))
        basics.set("summary", _text(row.get("Summary", "")))
        place = clean(row.get("Geo Location", ""))
        if place:
            parts = [p.strip() for p in place.split(",")]
            location = (
                {"city": parts[0]}
                if len(parts) == 1
                else {"city": parts[0], "region": ", ".join(parts[1:])}
            )
            basics.set("location", location, "split at the first comma")
        sites = [clean(s) for s in row.get("Websites", "").strip("[]").split(",") if clean(s)]
        if sites:
            basics.set(
                "url",
                sites[0].split(":", 1)[-1]
                if sites[0].startswith(("PORTFOLIO:", "PERSONAL:", "COMPANY:", "BLOG:", "OTHER:"))
                else sites[0],
            )
    emails = [(w, r) for w, r in tables["email addresses.csv"] if clean(r.get("Email Address", ""))]
    if emails:
        primary = next((x for x in emails if x[1].get("Primary", "").lower() == "yes"), emails[0])
        basics.set("email", clean(primary[1]["Email Address"]))
    phones = [(w, r) for w, r in tables["phonenumbers.csv"] if clean(r.get("Number", ""))]
    if phones:
        basics.set("phone", clean(phones[0][1]["Number"]))
    for where, row in tables["positions.csv"]:
        entry = Entry({}, where)
        entry.set("name", clean(row.get("Company Name", "")))
        entry.set("position", clean(row.get("Title", "")))
        entry.set("location", clean(row.get("Location", "")))
        _dates(entry, row.get("Started On", ""), row.get("Finished On", ""))
        summary, highlights = _description(row.get("Description", ""))
        entry.set("summary", summary)
        entry.set("highlights", highlights)
        draft.add("work", entry)
    for where, row in tables["education.csv"]:
        entry = Entry({}, where)
        entry.set("institution", clean(row.get("School Name", "")))
        entry.set("studyType", clean(row.get("Degree Name", "")))
        _dates(entry, row.get("Start Date", ""), row.get("End Date", ""))
        draft.add("education", entry)
    for where, row in tables["skills.csv"]:
        entry = Entry({}, where)
        entry.set("name", clean(row.get("Name", "")))
        draft.add("skills", entry)
    for where, row in tables["certifications.csv"]:
        entry = Entry({}, where)
        entry.set("name", clean(row.get("Name", "")))
        entry.set("issuer", clean(row.get("Authority", "")))
        entry.set("url", clean(row.get("Url", "")))
        date = iso(clean(row.get("Started On", ""))) if clean(row.get("Started On", "")) else None
        entry.set("date", date)
        draft.add("certificates", entry)
    for where, row in tables["languages.csv"]:
        entry = Entry({}, where)
        entry.set("language", clean(row.get("Name", "")))
        entry.set("fluency", clean(row.get("Proficiency", "")))
        draft.add("languages", entry)
    for where, row in tables["projects.csv"]:
        entry = Entry({}, where)
        entry.set("name", clean(row.get("Title", "")))
        entry.set("description", _text(row.get("Description", "")))
        entry.set("url", clean(row.get("Url", "")))
        _dates(entry, row.get("Started On", ""), row.get("Finished On", ""))
        draft.add("projects", entry)
    return draft


def _rows(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(place, row) of the CSV `name`; a preamble before the header row is skipped."""
    member = next(
        (i for i in archive.infolist() if PurePosixPath(i.filename).name.lower() == name), None
    )
    if member is None or member.file_size > MAX_CSV_BYTES:
        return
    with archive.open(member) as handle:
        raw = handle.read(MAX_CSV_BYTES + 1)
    text = raw.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    start = next((i for i, r in enumerate(rows) if len(r) > 1 or (r and r[0] == "Name")), None)
    if start is None:
        return
    header = [h.strip() for h in rows[start]]
    label = PurePosixPath(member.filename).name
    for index, row in enumerate(rows[start + 1 :], start=start + 2):
        if any(cell.strip() for cell in row):
            yield f"{label} row {index}", dict(zip(header, row, strict=False))


def _dates(entry: Entry, start: str, end: str) -> None:
    begun = iso(clean(start)) if clean(start) else None
    if begun is None:
        return
    entry.set("startDate", begun)
    finished = iso(clean(end)) if clean(end) else None
    entry.set("endDate", finished)  # none written: absent (JSON Resume's "still there")


def _text(value: str) -> str:
    lines = [clean(line) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _description(value: str) -> tuple[str, list[str]]:
    """A position's description: its bullet lines as highlights, the rest as summary."""
    summary: list[str] = []
    highlights: list[str] = []
    for line in value.replace("\r\n", "\n").split("\n"):
        text, bullet = strip_bullet(line)
        if not text:
            continue
        (highlights if bullet else summary).append(text)
    return "\n".join(summary), highlights
