"""Profiles in and out: JSON Resume import, YAML writing, and the JSON Schema.

`import_json_resume` keeps everything: every JSON Resume field is copied as it
is (a profile uses JSON Resume's names), keys from the old 0.x schema are renamed
(`company` → `name`, `website` → `url`, `picture` → `image`), and anything else
is kept under `meta.extra` by its path, so no fact is silently dropped.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from tailor.errors import Problem, ProfileError
from tailor.nesting import too_deep
from tailor.profile.load import MAX_DEPTH, parse_profile
from tailor.profile.model import Profile

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
EXTRA_KEY = "extra"
"""Fields outside JSON Resume are kept under `meta.extra`, keyed by their path."""
_RENAMED = {"company": "name", "website": "url", "picture": "image"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The order a person reads a résumé in; `$schema` first and `meta` last, as in JSON Resume.
_TOP_ORDER: tuple[str, ...] = (
    *("$schema", "basics", "work", "volunteer", "education", "awards", "certificates"),
    *("publications", "skills", "languages", "interests", "references", "projects", "meta"),
)


@dataclass
class Imported:
    profile: Profile
    yaml_text: str
    notes: list[str] = field(default_factory=list)
    """What was renamed or set aside, one line each, for the user to review."""


def profile_schema() -> str:
    """The profile's JSON Schema (for editors), as the text committed in resources/."""
    schema = {"$schema": SCHEMA_DRAFT, **Profile.model_json_schema(by_alias=True)}
    schema["title"] = "tailor profile (JSON Resume fields)"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def import_json_resume(data: bytes, *, source: str) -> Imported:
    """A JSON Resume document as profile YAML; every problem at once as ProfileError."""
    try:
        text = data.decode("utf-8-sig")
        deep = too_deep(text, MAX_DEPTH)
        if deep is not None:
            raise ProfileError.at(
                f"{source}:{text.count(chr(10), 0, deep) + 1}",
                None,
                f"nested more than {MAX_DEPTH} levels deep; a résumé never needs that",
            )
        # Numbers stay as written: a 5,000-digit ID or a score of 3.90 is text.
        document = json.loads(text, parse_int=str, parse_float=str)
    except UnicodeDecodeError:
        raise ProfileError.at(source, None, "is not UTF-8 text; save it as UTF-8") from None
    except json.JSONDecodeError as exc:
        where = f"{source}:{exc.lineno}"
        raise ProfileError.at(
            where, None, f"not valid JSON ({exc.msg}, column {exc.colno})"
        ) from None
    if not isinstance(document, dict):
        raise ProfileError.at(source, None, "a JSON Resume document is an object ({ ... })")
    moved = _Moved(source)
    cleaned = _sort_top(_keep_known(document, Profile, (), moved))
    extra = moved.extra
    if extra:
        meta = cleaned.setdefault("meta", {})
        if isinstance(meta, dict):
            meta.setdefault(EXTRA_KEY, {}).update(extra)
            cleaned["meta"] = cleaned.pop("meta")  # keep meta last
    try:
        # The original text, not `cleaned`: problems then carry the JSON file's lines.
        parse_profile(text.replace("\t", " ").encode(), source=source)
    except ProfileError as exc:
        real = [p for p in exc.problems if not moved.explains(p)]
        if real:
            raise ProfileError(*real) from None
    profile = Profile.model_validate(cleaned)
    return Imported(profile=profile, yaml_text=dump_yaml(cleaned), notes=moved.notes)


def dump_yaml(data: Any) -> str:
    """Readable YAML that loads back to exactly `data`.

    One line per value (no folding), `|` blocks for text with line breaks, dates
    in double quotes so that YAML never reads 2021-06 as anything but text, and a
    blank line between top-level sections.
    """
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=2**31 - 1,
        default_flow_style=False,
    )
    # A blank line before each top-level section (only keys start in column 0).
    return re.sub(r"\n(?=[^\s-])", "\n\n", text)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # indent list items under their key


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    tag = "tag:yaml.org,2002:str"
    if any(c in value for c in "\x85\u2028\u2029"):  # line breaks PyYAML folds when plain
        return dumper.represent_scalar(tag, value, style='"')
    if "\n" in value:
        # `|` blocks, but never `|+` (text ending in blank lines): its trailing blank
        # lines would swallow the blank line dump_yaml puts before the next section.
        keep = value == "\n" or value.endswith("\n\n")
        return dumper.represent_scalar(tag, value, style='"' if keep else "|")
    if _DATE.match(value):
        return dumper.represent_scalar(tag, value, style='"')
    return dumper.represent_scalar(tag, value)


_Dumper.add_representer(str, _represent_str)


@dataclass
class _Moved:
    """Keys renamed or set aside during an import, and the notes that say so."""

    source: str
    extra: dict[str, Any] = field(default_factory=dict)
    paths: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def add(self, path: str, note: str) -> None:
        self.paths.add(path)
        self.notes.append(f"{self.source}: {path}: {note}")

    def explains(self, problem: Problem) -> bool:
        """True for the "unknown field" problems of keys that were renamed or set aside."""
        return problem.where in self.paths and problem.what.startswith("unknown field")


def _keep_known(
    value: Any, model: type[BaseModel] | None, path: tuple[str | int, ...], moved: _Moved
) -> Any:
    """`value` with keys outside `model` renamed or moved to `moved.extra`."""
    if isinstance(value, list):
        return [_keep_known(v, model, (*path, i), moved) for i, v in enumerate(value)]
    if model is None or not isinstance(value, dict):
        return value
    fields = {(f.alias or name): f for name, f in model.model_fields.items()}
    out: dict[str, Any] = {}
    for key, item in _model_order(value, fields):
        where = _path((*path, key))
        new = _RENAMED.get(key)
        if key not in fields and new in fields and new not in value:
            moved.add(where, f"renamed to '{new}' (its JSON Resume 1.0 name)")
            key = new
        if key not in fields:
            moved.extra[where] = item
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.75)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            moved.add(where, f"not a JSON Resume field{hint}; kept under meta.{EXTRA_KEY}")
            continue
        inner = _model_of(fields[key].annotation)
        out[key] = _keep_known(item, inner, (*path, key), moved)
    return out


def _model_order(value: dict[str, Any], fields: dict[str, Any]) -> list[tuple[str, Any]]:
    """Known fields in the schema's order, then the rest in the document's."""
    rank = {name: i for i, name in enumerate(fields)}
    return sorted(value.items(), key=lambda kv: rank.get(_RENAMED.get(kv[0], kv[0]), len(rank)))


def _sort_top(data: dict[str, Any]) -> dict[str, Any]:
    rank = {name: i for i, name in enumerate(_TOP_ORDER)}
    return dict(sorted(data.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _path(parts: tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_json_resume(path: Path) -> Imported:
    name = str(path)
    if not path.is_file():
        what = (
            "is a folder; name a JSON file" if path.is_dir() else "file not found; check the path"
        )
        raise ProfileError.at(name, None, what)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProfileError.at(name, None, f"cannot read: {exc.strerror or exc}") from None
    return import_json_resume(data, source=name)
