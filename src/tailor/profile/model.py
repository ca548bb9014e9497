"""The profile schema: JSON Resume's field names, validated strictly.

A JSON Resume document is a valid profile, so people can bring the résumé they
already keep. Unknown keys are refused (they are almost always typos that would
otherwise silently drop a fact), except the JSON Resume extension points
`$schema` and `meta`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PRESENT = {"present", "current", "now", "ongoing"}


def _partial_date(value: Any) -> str:
    """JSON Resume dates are ISO 8601 prefixes: 2021, 2021-03 or 2021-03-14.

    YAML turns an unquoted 2021-03-14 into a date and 2021 into an int, so both
    are accepted and brought back to the string form.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        # pydantic reports ValueError as a validation message; TypeError would escape it.
        raise ValueError("should be a date like 2021-03 (year-month) or 2021-03-14")  # noqa: TRY004
    text = value.strip()
    if text.lower() in _PRESENT:
        return "present"
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date; write it as 2021, 2021-03 or 2021-03-14")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        # Missing parts are filled with 1, but a written 0 ("2021-00") must fail.
        dt.date(year or 0, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date; check the month and day") from None
    return text


class _Dated(BaseModel):
    """An entry with startDate/endDate: the end may not come before the start."""

    @field_validator("endDate", check_fields=False)
    @classmethod
    def _end_after_start(cls, end: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("startDate")
        # ISO prefixes compare as text; "2020" ends no earlier than "2020-06" starts.
        if start and end and end != "present" and end < start[: len(end)]:
            raise PydanticCustomError(
                "end_before_start",
                "'{end}' is before startDate '{start}'; check the years",
                {"end": end, "start": start},
            )
        return end


PartialDate = Annotated[str, BeforeValidator(_partial_date)]


def _text(value: Any) -> Any:
    """Numbers typed without quotes (a score of 3.9, a year) are still text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Location(_Strict):
    address: Text | None = None
    postalCode: Text | None = None
    city: Text | None = None
    countryCode: Text | None = None
    region: Text | None = None


class SocialProfile(_Strict):
    network: Text | None = None
    username: Text | None = None
    url: Text | None = None


class Basics(_Strict):
    name: Text = Field(min_length=1)
    label: Text | None = None
    image: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None
    summary: Text | None = None
    location: Location | None = None
    profiles: list[SocialProfile] = []


class Work(_Strict, _Dated):
    name: Text | None = None
    position: Text | None = None
    location: Text | None = None
    description: Text | None = None
    url: Text | None = None
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None
    summary: Text | None = None
    highlights: list[Text] = []


class Volunteer(_Strict, _Dated):
    organization: Text | None = None
    position: Text | None = None
    url: Text | None = None
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None
    summary: Text | None = None
    highlights: list[Text] = []


class Education(_Strict, _Dated):
    institution: Text | None = None
    url: Text | None = None
    area: Text | None = None
    studyType: Text | None = None
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None
    score: Text | None = None
    courses: list[Text] = []


class Award(_Strict):
    title: Text | None = None
    date: PartialDate | None = None
    awarder: Text | None = None
    summary: Text | None = None


class Certificate(_Strict):
    name: Text | None = None
    date: PartialDate | None = None
    issuer: Text | None = None
    url: Text | None = None


class Publication(_Strict):
    name: Text | None = None
    publisher: Text | None = None
    releaseDate: PartialDate | None = None
    url: Text | None = None
    summary: Text | None = None


class Skill(_Strict):
    name: Text | None = None
    level: Text | None = None
    keywords: list[Text] = []


class Language(_Strict):
    language: Text | None = None
    fluency: Text | None = None


class Interest(_Strict):
    name: Text | None = None
    keywords: list[Text] = []


class Reference(_Strict):
    name: Text | None = None
    reference: Text | None = None


class Project(_Strict, _Dated):
    name: Text | None = None
    description: Text | None = None
    highlights: list[Text] = []
    keywords: list[Text] = []
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None
    url: Text | None = None
    roles: list[Text] = []
    entity: Text | None = None
    type: Text | None = None


class Profile(_Strict):
    schema_: str | None = Field(default=None, alias="$schema")
    meta: dict[str, Any] | None = None
    basics: Basics
    work: list[Work] = []
    volunteer: list[Volunteer] = []
    education: list[Education] = []
    awards: list[Award] = []
    certificates: list[Certificate] = []
    publications: list[Publication] = []
    skills: list[Skill] = []
    languages: list[Language] = []
    interests: list[Interest] = []
    references: list[Reference] = []
    projects: list[Project] = []
