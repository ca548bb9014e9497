"""Load a profile file and report every problem at once, with its line.

YAML is composed into nodes first (which keeps line numbers and never expands
aliases), checked for duplicate keys, alias bombs and absurd nesting, then
constructed and validated with pydantic. Pydantic's error locations are mapped
back to lines through the node tree.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tailor.errors import Problem, ProfileError
from tailor.limits import read_limited
from tailor.nesting import too_deep
from tailor.profile.model import Profile

MAX_PROFILE_BYTES = 2_000_000
MAX_NODES = 200_000
"""A profile with every field filled is a few thousand nodes; this bounds alias bombs."""
MAX_CHARS = 2 * MAX_PROFILE_BYTES
"""Text in the profile once aliases are expanded: many aliases of one long string are
few nodes, but each copy is text that every posting's documents would go through."""
MAX_DEPTH = 40

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Safe YAML, but dates stay text: `2021-02-30` must be a located error, not a crash."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    """YAML 1.1 reads 01234567 as octal and chokes on 5,000-digit numbers; in a
    profile such values are phone numbers and IDs, so they stay as written."""
    text = str(loader.construct_scalar(node))
    digits = text.lstrip("+-")
    if (digits.startswith("0") and len(digits) > 1) or len(digits) > 18 or not digits.isdigit():
        return text
    return int(text)


_Loader.add_constructor("tag:yaml.org,2002:int", _int_or_text)

_MESSAGES = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
    "string_type": "should be text",
    "list_type": "should be a list (items starting with '- ')",
    "model_type": "should be a mapping of fields (key: value)",
    "dict_type": "should be a mapping of fields (key: value)",
    "string_too_short": "should not be empty",
}


def load_profile(path: str | Path) -> Profile:
    return parse_profile(read_profile_bytes(path), source=str(path))


def read_profile_bytes(path: str | Path) -> bytes:
    """The profile file's bytes, refused clearly when missing, a folder or too large
    (at most `MAX_PROFILE_BYTES + 1` bytes are read: `--profile /dev/zero` ends at once)."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise ProfileError.at(
            name, None, "profile not found; check the path (see profiles/example.yaml)"
        )
    if path.is_dir():
        raise ProfileError.at(name, None, "is a folder; name a .yaml profile file")
    try:
        data = read_limited(path, MAX_PROFILE_BYTES)
    except OSError as exc:
        raise ProfileError.at(name, None, f"cannot read: {exc.strerror or exc}") from None
    if data is None:
        raise ProfileError.at(name, None, f"over {MAX_PROFILE_BYTES:,} bytes; is this a profile?")
    return data


def parse_profile(data: bytes, *, source: str) -> Profile:
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError.at(source, None, f"over {MAX_PROFILE_BYTES:,} bytes; is this a profile?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError.at(source, None, "is not UTF-8 text; save it as UTF-8") from None
    if "\x00" in text:
        raise ProfileError.at(source, None, "looks like a binary file; a profile is YAML text")
    deep = too_deep(text, MAX_DEPTH)
    if deep is not None:
        raise ProfileError.at(
            _at_line(source, text.count("\n", 0, deep) + 1),
            None,
            f"nested more than {MAX_DEPTH} levels deep; a profile never needs that",
        )
    node = _compose(text, source)
    if node is None:
        raise ProfileError.at(
            source, None, "the profile is empty; start from profiles/example.yaml"
        )
    lines = _check_tree(node, source)
    loader = _Loader("")
    try:
        raw = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ProfileError.at(_at_line(source, _mark(exc)), None, _yaml_problem(exc)) from None
    finally:
        loader.dispose()
    if not isinstance(raw, dict):
        raise ProfileError.at(
            _at_line(source, 1),
            None,
            "the profile should be a mapping with keys like 'basics:' and 'work:'",
        )
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        raise ProfileError(*_problems(exc, lines, source)) from None


def _compose(text: str, source: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise ProfileError.at(
            _at_line(source, line),
            None,
            f"contains the control character U+{char:04X}, which YAML does not allow; delete it",
        ) from None
    except yaml.YAMLError as exc:
        raise ProfileError.at(_at_line(source, _mark(exc)), None, _yaml_problem(exc)) from None


def _mark(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    hint = "check indentation and quote values that contain ': ' or start with '*', '&' or '@'"
    return f"not valid YAML ({problem}); {hint}"


Path_ = tuple[str | int, ...]


def _check_tree(root: yaml.Node, source: str) -> dict[Path_, int]:
    """Map each field path to its line; refuse duplicate keys, alias bombs, deep nesting.

    Shared (aliased) nodes are walked once for the line map, but their expanded
    size (nodes, and characters of text) is counted, because that is what
    construction would build and what the documents would read.
    """
    lines: dict[Path_, int] = {}
    sizes: dict[int, tuple[int, int]] = {}
    on_stack: set[int] = set()

    def walk(node: yaml.Node, path: Path_, depth: int) -> tuple[int, int]:
        if depth > MAX_DEPTH:
            raise ProfileError.at(
                _at_line(source, node.start_mark.line + 1),
                None,
                f"nested more than {MAX_DEPTH} levels deep; a profile never needs that",
            )
        key = id(node)
        if key in on_stack:
            raise ProfileError.at(
                _at_line(source, node.start_mark.line + 1),
                None,
                "an alias refers to itself; remove it",
            )
        first_visit = key not in sizes
        lines.setdefault(path, node.start_mark.line + 1)
        if not first_visit:
            return sizes[key]
        on_stack.add(key)
        size, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                name = str(key_node.value)
                line = key_node.start_mark.line + 1
                if name in seen and key_node.tag != "tag:yaml.org,2002:merge":
                    raise ProfileError.at(
                        _at_line(source, line),
                        None,
                        f"duplicate key '{name}' (first at line {seen[name]}); keep only one",
                    )
                seen[name] = line
                lines.setdefault((*path, name), line)
                value_size, value_chars = walk(value_node, (*path, name), depth + 1)
                size += value_size
                chars += walk(key_node, (*path, name), depth + 1)[1] + value_chars
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                item_size, item_chars = walk(item, (*path, index), depth + 1)
                size += item_size
                chars += item_chars
        on_stack.discard(key)
        sizes[key] = size, chars
        for count, limit, what in ((size, MAX_NODES, "values"), (chars, MAX_CHARS, "characters")):
            if count > limit:
                raise ProfileError.at(
                    _at_line(source, node.start_mark.line + 1),
                    None,
                    f"expands to over {limit:,} {what} (YAML aliases?); a profile never needs that",
                )
        return size, chars

    walk(root, (), 0)
    return lines


def _problems(exc: ValidationError, lines: dict[Path_, int], source: str) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        line = _line_for(loc, lines)
        field = _field_path(loc)
        message = _MESSAGES.get(error["type"], error["msg"])
        if error["type"] == "value_error":
            message = str(error.get("ctx", {}).get("error", message))
        if error["type"] == "extra_forbidden":
            message += _did_you_mean(loc)
        problems.append(Problem(_at_line(source, line), field or None, message))
    return problems


def _at_line(source: str, line: int | None) -> str:
    """`file:line`, the form editors and terminals turn into a jump."""
    return f"{source}:{line}" if line else source


def _line_for(loc: Path_, lines: dict[Path_, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _field_path(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _did_you_mean(loc: Path_) -> str:
    """Suggest the closest known field name for a misspelt key."""
    fields = _fields_at(loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; known fields here: {', '.join(sorted(fields))}" if fields else ""


def _fields_at(loc: Path_) -> list[str]:
    model: Any = Profile
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
        model = _model_in(annotation)
        if model is None:
            return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def profile_as_json(profile: Profile) -> str:
    return json.dumps(profile.model_dump(mode="json", by_alias=True, exclude_none=True), indent=2)
