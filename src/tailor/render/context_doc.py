"""The `tailor templates context` reference, generated from the code.

Variables come from the context models in `context.py` (names, types, and the
values of the example contexts), filters from the environment in
`environment.py`, so the reference cannot drift from what templates really get.
The same text is in docs/templates.md, and a test keeps the two equal.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import textwrap
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from tailor.documents import KINDS
from tailor.render.environment import make_env

# Examples for fields that the example contexts leave empty.
_FILL: dict[tuple[str, str], Any] = {
    ("LetterContext", "date"): "14 March 2025",
    ("Entry", "summary"): "Led a team of four on the data platform.",
    ("Entry", "url"): "https://initech.example.com",
}
_EXAMPLE_CHARS = 60
_JINJA_FILTERS = "https://jinja.palletsprojects.com/en/stable/templates/#builtin-filters"


def context_reference(*, level: int = 1) -> str:
    """The whole reference, as Markdown whose top heading is at `level`."""
    h1, h2 = "#" * level, "#" * (level + 1)
    out = [
        f"{h1} What a template can use",
        "",
        "Generated from tailor's code by `tailor templates context`. Types: *text* is a",
        "string, *none* means the value may be missing (test it with `{% if … %}`), a",
        "*list* is looped over with `{% for … in … %}`.",
    ]
    models: dict[type[BaseModel], list[str]] = {}
    samples: dict[type[BaseModel], dict[str, Any]] = {}
    for kind, document in KINDS.items():
        model = document.context_model()
        data = document.example_context().model_dump(mode="json")
        out += ["", f"{h2} {kind} templates (`{kind}/*.md.j2`, `{kind}/*.docx`)", ""]
        out += _table("variable", model, data)
        _collect(model, data, models, samples)
    for model, uses in models.items():
        out += ["", f"{h2} {model.__name__}", ""]
        doc = inspect.getdoc(model)
        if doc and doc != inspect.getdoc(BaseModel):
            out += [doc, ""]
        out += [f"Used as {', '.join(f'`{u}`' for u in uses)}.", ""]
        out += _table("field", model, samples.get(model, {}))
    out += ["", *_wording(h2)]
    out += ["", *_filters(h2)]
    return "\n".join(out) + "\n"


def _wording(heading: str) -> list[str]:
    """The letter's wording file: its fields, their placeholders and the built-in values."""
    from tailor.compose.wording import PLACEHOLDERS, VOICES_FILE, Voice, builtin_voices

    formal = builtin_voices()["formal"].model_dump(mode="json")
    notes = _attribute_docs(Voice)
    out = [
        f"{heading} The letter's wording (`{VOICES_FILE.as_posix()}`)",
        "",
        "The sentences a letter puts around the applicant's facts, for each tone (`formal`,",
        "`warm`, `concise`). A `letter/voices.yaml` in your templates folder changes any",
        "tone or field of tailor's own (`templates/letter/voices.yaml` in the source, with",
        "comments; `tailor/templates/letter/voices.yaml` in the installed package) and keeps",
        "the rest. Each list holds alternatives; a letter picks one per posting. A field",
        "takes only the placeholders shown.",
        "",
        "| field | placeholders | example (formal) |",
        "| --- | --- | --- |",
    ]
    for name in Voice.model_fields:
        allowed = ", ".join(f"`{{{p}}}`" for p in sorted(PLACEHOLDERS.get(name, ()))) or "—"
        note = f" {notes[name]}" if name in notes else ""
        value = formal.get(name)
        example = _example(value[0] if isinstance(value, list) and value else value)
        out.append(f"| `{name}`{note} | {allowed} | {example} |")
    return out


def describe_type(annotation: Any) -> str:
    """A type in plain words: `list[str] | None` -> "list of text, or none"."""
    args = get_args(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        words = " or ".join(describe_type(a) for a in kept)
        return f"{words}, or none" if len(kept) < len(args) else words
    if get_origin(annotation) is list:
        return f"list of {describe_type(args[0])}" if args else "list"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return {str: "text", int: "number", float: "number", bool: "true or false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation))
    )


def _table(heading: str, model: type[BaseModel], data: dict[str, Any]) -> list[str]:
    notes = _attribute_docs(model)
    rows = [f"| {heading} | type | example |", "| --- | --- | --- |"]
    for name, field in model.model_fields.items():
        value = data.get(name)
        if value in (None, []) and (model.__name__, name) in _FILL:
            value = _FILL[(model.__name__, name)]
        model_in = _model_in(field.annotation)
        example = f"see {model_in.__name__}" if model_in else _example(value)
        note = f" {notes[name]}" if name in notes else ""
        rows.append(f"| `{name}` | {describe_type(field.annotation)}{note} | {example} |")
    for name, computed in model.model_computed_fields.items():  # worked out from the above
        note = (computed.description or "").split("\n")[0]
        note = f" ({note})" if note else ""
        example = _example(data.get(name))
        rows.append(f"| `{name}` | {describe_type(computed.return_type)}{note} | {example} |")
    return rows


def _collect(
    model: type[BaseModel],
    data: dict[str, Any],
    models: dict[type[BaseModel], list[str]],
    samples: dict[type[BaseModel], dict[str, Any]],
) -> None:
    """Every nested model, where templates meet it, and a sample of its values."""
    for name, field in model.model_fields.items():
        inner = _model_in(field.annotation)
        if inner is None:
            continue
        value = data.get(name)
        is_list = get_origin(_strip_none(field.annotation)) is list
        path = f"{name}[]" if is_list else name
        uses = models.setdefault(inner, [])
        if path not in uses:
            uses.append(path)
        items = value if is_list else [value]
        sample = next((item for item in items or [] if item), None)
        if sample is not None and inner not in samples:
            samples[inner] = sample
        _collect(inner, sample or {}, models, samples)


def _filters(heading: str) -> list[str]:
    env = make_env()
    own = {n: f for n, f in env.filters.items() if f.__module__.startswith("tailor.")}
    builtin = sorted(set(env.filters) - set(own))
    out = [
        f"{heading} Filters",
        "",
        "tailor's own:",
        "",
        "| filter | what it does |",
        "| --- | --- |",
    ]
    for name, func in sorted(own.items()):
        summary = (inspect.getdoc(func) or "").split("\n\n")[0].replace("\n", " ")
        out.append(f"| `{name}` | {summary.replace('|', '&#124;')} |")
    out += ["", f"Jinja's built-in filters ({_JINJA_FILTERS}):", ""]
    out += textwrap.wrap(", ".join(f"`{n}`" for n in builtin), width=88)
    out += [
        "",
        "Also available: `loop` inside `{% for %}` (`loop.index`, `loop.first`,",
        "`loop.last`, …) and the functions "
        + ", ".join(f"`{n}`" for n in sorted(env.globals))
        + ".",
    ]
    return out


def _example(value: Any) -> str:
    if value is None:
        return "none"
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > _EXAMPLE_CHARS:  # cut at a word, not inside one
        cut = text.rfind(" ", 0, _EXAMPLE_CHARS - 1)
        text = text[: cut if cut > _EXAMPLE_CHARS // 2 else _EXAMPLE_CHARS - 1] + "…"
    return f"`{text}`".replace("|", "\\|")


def _strip_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_none(annotation)
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Docstrings written under a field (`name: str` then `\"\"\"...\"\"\"`)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for field, after in itertools.pairwise(body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = f"({' '.join(after.value.value.split())})"
    return docs
