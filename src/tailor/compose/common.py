"""Pieces every document shares: the applicant block, the target, dates."""

from __future__ import annotations

import calendar

from tailor.analysis.models import Analysis
from tailor.profile.model import Basics, Profile
from tailor.render.context import Applicant, Link, Target

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def applicant(profile: Profile) -> Applicant:
    basics = profile.basics
    location = _location(basics)
    links = [
        Link(label=p.network or p.username or p.url or "", url=p.url)
        for p in basics.profiles
        if p.url
    ]
    contact = [c for c in (basics.email, basics.phone, location) if c]
    return Applicant(
        name=basics.name,
        headline=basics.label,
        email=basics.email,
        phone=basics.phone,
        url=basics.url,
        location=location,
        links=links,
        contact_line=" · ".join(contact),
    )


def _location(basics: Basics) -> str | None:
    loc = basics.location
    if loc is None:
        return None
    parts = [loc.city, loc.region or loc.countryCode]
    return ", ".join(p for p in parts if p) or None


def target(analysis: Analysis, *, company: str | None, title: str | None) -> Target:
    return Target(
        company=company or analysis.posting.company,
        title=title or analysis.posting.title,
    )


def show_date(value: str | None, *, spelled: bool = False) -> str | None:
    """2021-06 -> "Jun 2021"; the year alone stays as it is; "present" -> "Present".
    With `spelled`, the month in full for prose: "September 2019".

    Month and year are joined by a no-break space: a line that ends in "Jun" and a
    next one that starts with "2023" reads as two things."""
    if value is None:
        return None
    if value == "present":
        return "Present"
    parts = value.split("-")
    if len(parts) >= 2:
        month = int(parts[1])
        name = calendar.month_name[month] if spelled else _MONTHS[month - 1]
        return f"{name}\u00a0{parts[0]}"
    return parts[0]


def date_range(start: str | None, end: str | None, *, ongoing: bool = True) -> str | None:
    """ "Jun 2021 – Aug 2023"; with a start and no end, "… – Present" (JSON Resume: an
    entry without an end date is ongoing) unless `ongoing` is False."""
    first, last = show_date(start), show_date(end)
    if first and not last and ongoing:
        last = "Present"
    if first and last:  # no line starts with the dash
        return f"{first}\u00a0– {last}" if first != last else first
    return first or last


def article(noun: str) -> str:
    """ "a" or "an" by sound: an acronym is read letter by letter ("an NMC-registered
    nurse", "a CDA credential")."""
    first = noun.split(maxsplit=1)[0] if noun.strip() else ""
    letters = first.split("-")[0]
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        return "an" if letters[0] in "AEFHILMNORSX" else "a"
    return "an" if noun[:1].lower() in "aeiou" else "a"
