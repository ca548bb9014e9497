"""The header: name, headline, email, phone, web addresses and location.

Emails, phone numbers and URLs are found by their shape anywhere in the header
(or, failing that, anywhere in the résumé); the name is the header's most
prominent line that reads like a name. Only what is written is taken: a URL's
network name comes from a label next to it ("GitHub: …"), never from its domain.
"""

from __future__ import annotations

import re

from tailor.importer.dates import find_range
from tailor.importer.draft import Entry
from tailor.importer.lines import Line, clean, where_span
from tailor.importer.sections import section_kind

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
PHONE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d\s().\-/]{5,}\d(?![\w])")
URL = re.compile(
    r"(?<![@\w])(?:https?://[^\s·|,;<>\"']+|(?:www\.)[^\s·|,;<>\"']+"
    r"|(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|ai|co|eu|uk|de)/[^\s·|,;<>\"']*)",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|"
    r"stackoverflow\.com|orcid\.org|behance\.net|dribbble\.com|medium\.com|kaggle\.com|"
    r"scholar\.google\.com)/",
    re.IGNORECASE,
)
"""Sites whose address is a profile (basics.profiles), not the person's own site (basics.url)."""
_LABEL = re.compile(r"([A-Z][\w ]{1,20}):\s*$")
_SEPARATORS = re.compile(r"\s*(?:·|\||•|◦|▪|⋅|\t|;|\s{3,}|\s[–—]\s)\s*")
_LOCATION = re.compile(
    r"^(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}),\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"
    r"(?:,\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})?$"
)
_NOT_PLACE = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|plc|corp|co|university|college)\b\.?", re.IGNORECASE
)
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){1,4}\.?$")
PHONE_DIGITS = (9, 15)


def is_location(text: str) -> bool:
    return bool(_LOCATION.match(text)) and not _NOT_PLACE.search(text) and len(text) < 50


def is_phone(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    if not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1] or find_range(text):
        return False
    return not re.fullmatch(r"[\d./-]+", text.strip()) or text.count("-") >= 2


def read_basics(header: list[Line], everything: list[Line], summary: list[Line]) -> Entry:
    """basics from the header lines (the résumé's other lines only for a missing email/phone)."""
    entry = Entry({}, where_span(header[0].where, header[-1].where) if header else "")
    found = _contact(header)
    if "email" not in found or "phone" not in found:
        rest = _contact(everything)
        for key in ("email", "phone"):
            if key not in found and key in rest:
                found[key] = rest[key]
                entry.review[key] = "found outside the header"
    name_line = _name_line(header)
    if name_line is not None:
        entry.set("name", name_line.text)
    label = _label(header, name_line)
    if label:
        entry.set("label", label[0], label[1])
    for key in ("email", "phone", "url"):
        if key in found:
            entry.set(key, found[key][0])
    if summary:
        entry.set("summary", " ".join(line.text for line in summary))
    if "location" in found:
        parts = [p.strip() for p in found["location"][0].split(",")]
        location = {"city": parts[0], "region": parts[1]} if len(parts) >= 2 else {}
        if len(parts) == 3:
            location["countryCode" if len(parts[2]) == 2 and parts[2].isupper() else "region"] = (
                parts[2] if len(parts[2]) == 2 else f"{parts[1]}, {parts[2]}"
            )
        entry.set("location", location, "city and region split at the comma")
    profiles = found.get("profiles")
    if profiles:
        entry.set("profiles", [dict(p) for p in profiles])
    return entry


def _contact(lines: list[Line]) -> dict[str, list]:  # type: ignore[type-arg]
    found: dict[str, list] = {}  # type: ignore[type-arg]
    profiles: list[dict[str, str]] = []
    for line in lines:
        text = " · ".join(line.segments)
        for match in EMAIL.finditer(text):
            found.setdefault("email", []).append(match.group())
        for match in URL.finditer(text):
            url = match.group().rstrip(".),")
            if "@" in url:
                continue
            before = text[: match.start()]
            label = _LABEL.search(before)
            if label:  # "GitHub: https://…": the network as written
                profiles.append({"network": label.group(1).strip(), "url": url})
            elif _SOCIAL.match(url):  # a profile, its network not written: none is made up
                profiles.append({"url": url})
            else:
                found.setdefault("url", []).append(url)
        scrubbed = URL.sub(" · ", EMAIL.sub(" · ", text))
        for match in PHONE.finditer(scrubbed):
            if is_phone(match.group()):
                found.setdefault("phone", []).append(clean(match.group()))
        scrubbed = PHONE.sub(lambda m: " · " if is_phone(m.group()) else m.group(), scrubbed)
        for part in _SEPARATORS.split(scrubbed):
            part = re.sub(r"^(?:location|address)\s*:\s*", "", part.strip(), flags=re.IGNORECASE)
            if "location" not in found and is_location(part):
                found["location"] = [part]
    if profiles:
        found["profiles"] = profiles
    return found


def _name_line(header: list[Line]) -> Line | None:
    candidates = [
        line for line in header[:8]
        if _NAME.match(line.text) and not EMAIL.search(line.text) and section_kind(line.text) is None
        and len(line.text.split()) <= 5
    ]  # fmt: skip
    if not candidates:
        return None
    biggest = max(candidates, key=lambda line: line.size)
    return biggest if biggest.size > candidates[0].size else candidates[0]


def _label(header: list[Line], name: Line | None) -> tuple[str, str | None] | None:
    """The headline under the name: a short line with no contact details in it."""
    if name is None:
        return None
    after = header[header.index(name) + 1 :][:2]
    for line in after:
        text = line.text
        if EMAIL.search(text) or URL.search(text) or PHONE.search(text) or is_location(text):
            continue
        if line.heading or section_kind(text) is not None:
            return None
        if len(text.split()) > 14 or text.endswith("."):
            continue
        parts = [p for p in _SEPARATORS.split(text) if p]
        if len(parts) > 1:
            return parts[0], "the headline went on; only its first part was taken"
        return text, None
    return None
