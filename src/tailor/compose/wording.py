"""The letter's wording for each tone, read from `letter/voices.yaml` on the template path.

The sentences tailor writes around the applicant's facts (topic sentences, skill leads,
closings, the first line) are data, not code: the built-in file ships with the templates
(`templates/letter/voices.yaml`), and a user's `letter/voices.yaml` in a `--templates`
folder (or ./templates, or `$TAILOR_TEMPLATES`) changes any tone or field of it and keeps
the rest, as a template of the same name overrides a built-in one.

Each phrase is checked when it is read, so that a typo is one clear error naming the file
and the field, never a letter with "{whom}" in it or a `KeyError` mid-run: a field accepts
only its own placeholders (`PLACEHOLDERS`), plain (`{ask}`, never `{ask.upper}` or
`{ask!r}`), and the numbers must make a letter.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tailor.documents import TONES
from tailor.errors import TemplateError
from tailor.render.templates import builtin_dir, read_template

VOICES_FILE = Path("letter") / "voices.yaml"
"""Where the wording lives in a templates folder."""

_TOPIC = frozenset({"ask"})
_LEAD = frozenset({"skills", "Skills", "are"})
_WHOM = frozenset({"whom"})
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "applying": frozenset({"role", "at"}),
    "leads_skills": _LEAD,
    "leads_more": _LEAD,
    "closings": _WHOM,
    "visit_closings": _WHOM,
    "verb_topics": _TOPIC,
    "noun_topics": _TOPIC,
    "gerund_topics": _TOPIC,
    "adjective_topics": _TOPIC,
    "gap_not_yet": frozenset({"role"}),
    "gap_not_held": frozenset({"credential"}),
    "gap_not_student": frozenset(),
    "gap_not_taught": frozenset({"subject"}),
    "gap_new_field": frozenset({"field", "Field"}),
    "gap_degree": frozenset({"degree", "held"}),
}
"""The placeholders each phrase field may use (all optional)."""


class Voice(BaseModel):
    """The wording a tone chooses from; facts and their order never depend on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    applying: str
    """The letter's first sentence: "I am writing to apply for {role}{at}."."""
    leads_skills: tuple[str, ...] = Field(min_length=1)
    """A paragraph's first sentence naming the posting's skills (the fallback body)."""
    leads_more: tuple[str, ...] = ()
    """...for the later paragraphs of that body, beside `leads_skills`."""
    closings: tuple[str, ...] = Field(min_length=1)
    """The last paragraph, before the sign-off."""
    visit_closings: tuple[str, ...] = ()
    """...when the posting offers informal visits (empty: `closings` then too)."""
    verb_topics: tuple[str, ...] = Field(min_length=1)
    """A paragraph's first sentence for an ask that is a verb phrase ("lead a team")."""
    noun_topics: tuple[str, ...] = Field(min_length=1)
    """...for an ask that is a noun phrase ("experience of acute care")."""
    gerund_topics: tuple[str, ...] = Field(min_length=1)
    """...for an ask that is an -ing phrase ("caring for covid patients")."""
    adjective_topics: tuple[str, ...] = Field(min_length=1)
    """...for an ask that is an adjective and its object ("familiar with SQL")."""
    gap_not_yet: str
    """The main gap when the applicant is not what the post asks (said in the opening, as
    a requirement that closes the post): "{role}" is "a qualified occupational therapist",
    "a registered pharmacist", "registered as a … with …"."""
    gap_not_held: str
    """...a credential they do not hold: "{credential}" is "a valid Virginia teaching
    license", "an endorsement in ESL"."""
    gap_not_student: str
    """...a post for students, for a graduate."""
    gap_not_taught: str
    """...the subject a teaching post names: "{subject}" is "art"."""
    gap_new_field: str
    """...a field or speciality they have not worked in: "{field}", "{Field}" (capital)."""
    gap_degree: str
    """...a higher degree: "{degree}" ("a doctorate") and the one they hold ("{held}")."""
    max_facts: int = Field(ge=1, le=20)
    """Facts in a letter whose posting has no backed ask (the fallback body)."""
    points: int = Field(ge=1, le=6)
    """How many asks get a paragraph."""
    facts_per_point: int = Field(ge=1, le=4)
    """Facts that may prove one ask."""
    min_words: int = Field(ge=50)
    """A letter shorter than this takes more asks and facts, while the profile backs any."""
    max_words: int = Field(le=1000)
    """A letter is never longer than this."""

    @field_validator(*PLACEHOLDERS, mode="after")
    @classmethod
    def _placeholders(cls, value: str | tuple[str, ...], info: Any) -> str | tuple[str, ...]:
        allowed = PLACEHOLDERS[info.field_name]
        for phrase in (value,) if isinstance(value, str) else value:
            _check_phrase(phrase, allowed)
        return value

    @model_validator(mode="after")
    def _length(self) -> Voice:
        if self.min_words > self.max_words:
            raise ValueError(f"min_words ({self.min_words}) is over max_words ({self.max_words})")
        return self


def _check_phrase(phrase: str, allowed: frozenset[str]) -> None:
    try:
        parsed = list(string.Formatter().parse(phrase))
    except ValueError as exc:  # "{ask" or a lone "}"
        raise ValueError(f"{phrase!r}: {exc}; write a literal brace as {{{{ or }}}}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            choices = ", ".join(f"{{{a}}}" for a in sorted(allowed))
            raise ValueError(f"{phrase!r} uses {{{name}}}; this field takes only {choices}")
        if spec or conversion:
            raise ValueError(f"{phrase!r}: write the placeholder plainly, as {{{name}}}")


def load_voices(dirs: Sequence[Path]) -> dict[str, Voice]:
    """Each tone's wording: the built-in file under every `letter/voices.yaml` found on
    the template path `dirs` (earlier folders win, as for templates), merged field by
    field. TemplateError, naming the file and the field, for a file that cannot be read,
    is not YAML, or asks for a tone, field or placeholder tailor does not have."""
    builtin = builtin_dir() / VOICES_FILE
    files = [builtin] + [
        d / VOICES_FILE
        for d in reversed(dirs)
        if (d / VOICES_FILE).is_file() and (d / VOICES_FILE).resolve() != builtin.resolve()
    ]
    merged: dict[str, dict[str, Any]] = {tone: {} for tone in TONES}
    source: dict[tuple[str, str], Path] = {}
    for path in files:
        for tone, fields in _read(path).items():
            for name, value in fields.items():
                merged[tone][name] = value
                source[(tone, name)] = path
    for (tone, name), path in source.items():  # each phrase located to its list item
        value = merged[tone][name]
        if name in PLACEHOLDERS:
            phrases = [value] if isinstance(value, str) else list(value)
            for i, phrase in enumerate(phrases):
                try:
                    _check_phrase(str(phrase), PLACEHOLDERS[name])
                except ValueError as exc:
                    at = "" if isinstance(value, str) else f"[{i}]"
                    raise TemplateError.at(path, f"{tone}.{name}{at}", str(exc)) from None
    voices = {}
    for tone, fields in merged.items():
        try:
            voices[tone] = Voice.model_validate(fields)
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = [str(part) for part in error["loc"]]
            name = loc[0] if loc else ""
            where = tone + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc)
            path = source.get((tone, name), files[-1])
            message = str(error["msg"]).removeprefix("Value error, ")
            raise TemplateError.at(path, where, message) from None
    return voices


def _read(path: Path) -> dict[str, dict[str, Any]]:
    data = read_template(path)
    try:
        parsed = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise TemplateError.at(
            path, where, f"not readable YAML ({getattr(exc, 'problem', exc)}); fix the syntax"
        ) from None
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise TemplateError.at(path, None, "expected tones (formal, warm, concise) as keys")
    out: dict[str, dict[str, Any]] = {}
    fields = set(Voice.model_fields)
    for tone, value in parsed.items():
        if tone not in TONES:
            raise TemplateError.at(path, str(tone), f"no such tone; use {', '.join(TONES)}")
        if not isinstance(value, dict):
            raise TemplateError.at(path, str(tone), "expected the tone's fields (closings: …)")
        unknown = sorted(str(k) for k in value if k not in fields)
        if unknown:
            raise TemplateError.at(
                path, f"{tone}.{unknown[0]}", f"no such field; use {', '.join(Voice.model_fields)}"
            )
        out[tone] = {str(k): tuple(v) if isinstance(v, list) else v for k, v in value.items()}
    return out


@cache
def builtin_voices() -> dict[str, Voice]:
    """The wording tailor ships (`templates/letter/voices.yaml`), read once."""
    return load_voices([])
