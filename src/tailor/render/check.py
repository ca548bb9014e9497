"""Check a template before anyone relies on it: every problem at once, each with its line.

Three passes, each run only when the one before found nothing (a later pass
would only repeat an earlier problem in worse words):

1. structure: Jinja syntax; for DOCX also tags that span paragraphs, tags split
   across differently formatted runs, links or tracked changes (docxtpl joins a
   split tag's runs, dropping their formatting or breaking the XML), and
   `{%p %}` tags that share their paragraph with text docxtpl would delete;
2. names: the template's syntax tree is walked against the context model, so
   every unknown variable, misspelt field, sandbox escape (`__class__`,
   `{% include %}`) and unknown filter is reported with its line, not just the
   first one a render stumbles on;
3. a trial render in the sandbox with the example context and with a context in
   which every optional value is set and every list has an item.

Lines are template lines for Markdown and paragraph numbers for DOCX.
"""

from __future__ import annotations

import difflib
import io
import re
import sys
import traceback
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from lxml import etree
from pydantic import BaseModel

from tailor.documents import KINDS
from tailor.errors import Problem, TailorError
from tailor.limits import MAX_TEMPLATE_ELEMENTS, check_zip, too_many_elements
from tailor.render.catalog import format_of
from tailor.render.docx_template import TOO_MANY_ELEMENTS
from tailor.render.environment import make_env, render_budget
from tailor.render.templates import read_template, read_template_text

SANDBOX = "templates run in a sandbox that keeps them away from Python internals and files"
_UNSAFE = {"mro", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code"}
_MUTATING = {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "update"}
_MUTATING |= {"popitem", "setdefault", "add", "discard", "difference_update"}
_LOOP = {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle"}
_LOOP |= {"depth", "depth0", "previtem", "nextitem", "changed"}
_LENIENT_FILTERS = {"default", "d"}
_ELEMENT_FILTERS = {"first", "last", "random", "min", "max"}
_SAME_FILTERS = {"select", "reject", "selectattr", "rejectattr", "sort", "unique", "list"}
_ATTRIBUTE_FILTERS = {"map", "selectattr", "rejectattr", "sort", "unique", "min", "max", "sum"}
_ATTRIBUTE_FILTERS |= {"groupby"}
_TAG = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)|\{#.*?(?:#\}|$)", re.DOTALL)
_DOCXTPL_PREFIX = re.compile(r"(\{\{|\{%|\{#)(?:p|tr|tc|r) ")
_PARAGRAPH_TAG = re.compile(r"\{%p .*?%\}", re.DOTALL)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_ANY, _STOP, _LOOPVAR = object(), object(), object()  # unknown type; already reported; `loop`


def check_template(path: Path, kind: str, *, shown: str | None = None) -> list[Problem]:
    """Every problem in the template at `path` for documents of `kind`."""
    shown = shown or str(path)
    if format_of(path) == "docx":
        return _check_docx(path, kind, shown)
    try:
        source = read_template_text(path)
    except TailorError as exc:
        return [Problem(shown, None, p.what) for p in exc.problems]
    found = _check_source(source, kind, lambda line, what: Problem(f"{shown}:{line}", None, what))
    if found is not None:
        return found
    env = make_env()
    for context in _trial_contexts(kind):
        try:
            with render_budget():
                env.from_string(source).render(**context.model_dump(mode="json"))
        except Exception as exc:  # noqa: BLE001 - whatever the template raises is its problem
            line = getattr(exc, "lineno", None) or _template_line(sys.exc_info()[2])
            where = f"{shown}:{line}" if line else shown
            return [Problem(where, None, _one_line(exc))]
    return []


def filled(model: type[BaseModel]) -> BaseModel:
    """A context of `model` with every optional value set and one item in every list."""

    def value(annotation: Any, name: str) -> Any:
        annotation = _strip_none(annotation)
        if get_origin(annotation) is Literal:
            return get_args(annotation)[0]
        if get_origin(annotation) is list:
            return [value(get_args(annotation)[0], name)]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return {n: value(f.annotation, n) for n, f in annotation.model_fields.items()}
        return {int: 1, float: 1.5, bool: True}.get(annotation, f"Example {name}")

    return model.model_validate(value(model, "context"))


# ----------------------------------------------------------------------- passes 1-2


def _check_source(
    source: str, kind: str, problem: Callable[[int, str], Problem]
) -> list[Problem] | None:
    """Syntax and names; None when both are clean (go on to the trial render)."""
    try:
        tree = make_env().parse(source)
    except TemplateSyntaxError as exc:
        return [problem(exc.lineno, f"template syntax: {_one_line(exc)}")]
    walker = _Walker(kind)
    walker.block(tree.body, walker.top)
    return [problem(line, what) for line, what in sorted(walker.found, key=lambda f: f[0])] or None


class _Walker:
    """Walks a template's syntax tree, knowing the type of every name it meets."""

    def __init__(self, kind: str) -> None:
        self.model = KINDS[kind].context_model()  # type: ignore[index]
        self.kind = kind
        self.env = make_env()
        self.found: dict[tuple[int, str], None] = {}  # (line, message), in order found
        self.top: dict[str, Any] = {n: f.annotation for n, f in self.model.model_fields.items()}
        self.top.update(dict.fromkeys([*self.env.globals, "self"], _ANY))

    def report(self, node: nodes.Node, what: str) -> object:
        self.found.setdefault((node.lineno, what), None)
        return _STOP

    def block(self, body: list[nodes.Node], scope: dict[str, Any]) -> None:
        for node in body:
            if isinstance(node, nodes.Macro):
                scope[node.name] = _ANY  # macros may be called above their definition
        for node in body:
            self.stmt(node, scope)

    def stmt(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expr(child, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            guarded = _guarded_name(node.test)
            if guarded and guarded not in scope and guarded not in self.top:
                self.block(node.body, {**scope, guarded: _ANY})  # {% if x is defined %}
            else:
                self.block(node.body, scope)
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.For):
            element = _element(self.expr(node.iter, scope))
            inner = {**scope, "loop": _LOOPVAR}
            self.bind(node.target, element, inner)
            if node.test is not None:
                self.expr(node.test, inner)
            self.block(node.body, inner)
            self.block(node.else_, dict(scope))
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            for default in node.defaults:
                self.expr(default, scope)
            inner = {**scope, "caller": _ANY, "varargs": _ANY, "kwargs": _ANY}
            for arg in node.args:
                self.bind(arg, _ANY, inner)
            self.block(node.body, inner)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.block(node.body, scope)
            self.bind(node.target, str, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=True):
                self.bind(target, self.expr(value, scope), inner)
            self.block(node.body, inner)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            tag = type(node).__name__.lower().replace("fromimport", "from … import")
            self.report(node, f"'{{% {tag} %}}' is not allowed: {SANDBOX}")
            if isinstance(node, nodes.Import):
                scope[node.target] = _STOP  # reported once, not again at every use
            elif isinstance(node, nodes.FromImport):
                for name in node.names:
                    scope[name if isinstance(name, str) else name[1]] = _STOP
        elif isinstance(node, nodes.Block | nodes.Scope | nodes.ScopedEvalContextModifier):
            self.block(node.body, dict(scope))
        else:
            for child_node in node.iter_child_nodes():
                if isinstance(child_node, nodes.Stmt):
                    self.stmt(child_node, scope)
                else:
                    self.expr(child_node, scope)

    def bind(self, target: nodes.Node, kind: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _ANY, scope)
        elif isinstance(target, nodes.NSRef):
            self.expr(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    def expr(self, node: nodes.Node, scope: dict[str, Any], lenient: bool = False) -> Any:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.top:
                return self.top[node.name]
            if lenient:
                return _ANY
            known = sorted({*self.model.model_fields, *(n for n in scope if n != "loop")})
            hint = _did_you_mean(node.name, known) or (
                f"; a {self.kind} template can use: {', '.join(sorted(self.model.model_fields))}"
            )
            return self.report(node, f"'{node.name}' is undefined{hint}")
        if isinstance(node, nodes.Getattr):
            return self.attr(node, self.expr(node.node, scope), node.attr, lenient)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return self.attr(node, base, arg.value, lenient)
            self.expr(arg, scope)
            if isinstance(arg, nodes.Slice) or base is _STOP:
                return base
            return _element(base)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.report(
                    node, f"no test named '{node.name}'" + _did_you_mean(node.name, self.env.tests)
                )
            self.expr(node.node, scope, lenient=node.name in ("defined", "undefined"))
            self.visit_args(node, scope)
            return bool
        if isinstance(node, nodes.Const):
            return type(node.value)
        if isinstance(node, nodes.TemplateData):
            return str
        if isinstance(node, nodes.Call):
            callee = self.expr(node.node, scope)
            for extra in [*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs]:
                if extra is not None:
                    self.expr(extra, scope)
            return _STOP if callee is _STOP else _ANY  # one problem per chain, not one per link
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return _ANY

    def visit_args(self, node: nodes.Filter | nodes.Test, scope: dict[str, Any]) -> None:
        for arg in [*node.args, *(k.value for k in node.kwargs)]:
            self.expr(arg, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)

    def filter(self, node: nodes.Filter, scope: dict[str, Any]) -> Any:
        name = node.name
        if name not in self.env.filters:
            self.report(node, f"no filter named '{name}'" + _did_you_mean(name, self.env.filters))
        base = _ANY
        if node.node is not None:
            base = self.expr(node.node, scope, lenient=name in _LENIENT_FILTERS)
        self.visit_args(node, scope)
        constants = [a.value for a in node.args if isinstance(a, nodes.Const)]
        attribute = next(
            (
                k.value.value
                for k in node.kwargs
                if k.key == "attribute" and isinstance(k.value, nodes.Const)
            ),
            constants[0] if constants and name in ("selectattr", "rejectattr") else None,
        )
        if name == "attr" and constants:
            return self.attr(node, base, str(constants[0]), False)
        if name in _ATTRIBUTE_FILTERS and isinstance(attribute, str):
            kind = _element(base)
            items = _expression(node.node)
            owner = f"each item of '{items}'" if items else "each item"
            for part in attribute.split("."):
                kind = self.attr(node, kind, part, False, owner)
                owner = f"{owner}, its '{part}',"
            if name == "map":
                return list[kind] if kind not in (_ANY, _STOP) else _ANY  # type: ignore[valid-type]
        if base is _STOP:
            return _STOP
        if name in _ELEMENT_FILTERS:
            return _element(base)
        return base if name in _SAME_FILTERS | _LENIENT_FILTERS else _ANY

    def attr(
        self, node: nodes.Node, base: Any, name: str, lenient: bool, owner: str | None = None
    ) -> Any:
        """The type of `base.name`, reporting the first thing wrong with it."""
        if base is _STOP:
            return _STOP
        if owner is None:
            expression = _expression(getattr(node, "node", None))
            owner = f"'{expression}'" if expression else "the value"
        if name.startswith("_") or name in _UNSAFE:
            return self.report(node, f"access to attribute '{name}' is unsafe: {SANDBOX}")
        base = _strip_none(base)
        is_model = isinstance(base, type) and issubclass(base, BaseModel)
        container = dict if is_model else (get_origin(base) or base)
        if container in (dict, list) and name in _MUTATING:
            return self.report(node, f"access to attribute '{name}' is unsafe: {SANDBOX}")
        if is_model and name in base.model_fields:
            return base.model_fields[name].annotation
        if is_model and name in base.model_computed_fields:  # worked out from the fields
            return base.model_computed_fields[name].return_type
        if base is _LOOPVAR:
            if name in _LOOP or lenient:
                return _ANY
            return self.report(
                node, f"'loop' has no attribute '{name}'" + _did_you_mean(name, _LOOP)
            )
        if container not in (dict, list, str) or hasattr(container, name) or lenient:
            return _ANY
        if is_model:
            fields = [*base.model_fields, *base.model_computed_fields]
            hint = _did_you_mean(name, fields) or f"; it has: {', '.join(fields)}"
            return self.report(node, f"{owner} has no attribute '{name}'{hint}")
        if container is list:
            plain = owner.strip("'")
            loop = f"; loop over it with {{% for item in {plain} %}}" if " " not in plain else ""
            return self.report(node, f"{owner} is a list and has no attribute '{name}'{loop}")
        return self.report(node, f"{owner} is text and has no attribute '{name}'")


# -------------------------------------------------------------------------- DOCX


def _check_docx(path: Path, kind: str, shown: str) -> list[Problem]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from tailor.render.docx import TemplateRenderError, render_docx, undeclared_variables

    unopenable = "this is not a Word .docx file (it could not be opened"
    try:
        data = read_template(path)
    except TailorError as exc:
        return [Problem(shown, None, p.what) for p in exc.problems]
    try:
        if zipfile.is_zipfile(io.BytesIO(data)):
            check_zip(data, ValueError)
            body = Document(io.BytesIO(data)).element.body
        else:  # python-docx's own message for a file that is no zip
            body = Document(str(path)).element.body
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return [Problem(shown, None, f"{unopenable}: {exc})")]
    except Exception as exc:  # noqa: BLE001 - lxml on hostile XML: malformed, deep, entity loops
        return [Problem(shown, None, f"{unopenable}: {type(exc).__name__}: {exc})")]
    if too_many_elements(body, MAX_TEMPLATE_ELEMENTS):
        return [Problem(shown, None, f"{unopenable}: {TOO_MANY_ELEMENTS})")]
    paragraphs = list(body.iter(qn("w:p")))
    texts = [
        " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))).splitlines()) for p in paragraphs
    ]

    def problem(line: int, what: str) -> Problem:
        snippet = " ".join(texts[line - 1].split()) if 0 < line <= len(texts) else ""
        snippet = snippet if len(snippet) <= 80 else snippet[:79] + "…"
        return Problem(f"{shown}, paragraph {line} ({snippet!r})", None, what)

    structure = [problem(i + 1, what) for i, p in enumerate(paragraphs) for what in _runs(p)]
    if structure:
        return structure
    source = "\n".join(_DOCXTPL_PREFIX.sub(r"\1 ", _TAG.sub(_straight, t)) for t in texts)
    found = _check_source(source, kind, problem)
    if found is not None:
        return found
    for context in _trial_contexts(kind):
        try:
            render_docx(path, context, io.BytesIO())
        except TemplateRenderError as exc:
            return [Problem(None, None, str(exc).replace(str(path), shown, 1))]
        except Exception as exc:  # noqa: BLE001 - whatever the template raises is its problem
            return [Problem(shown, None, _one_line(exc))]
    missing = undeclared_variables(path, KINDS[kind].example_context())  # type: ignore[index]
    return [
        Problem(shown, None, f"'{name}' is undefined (in a header or footer?)")
        for name in sorted(missing)
    ]


def _runs(paragraph: Any) -> list[str]:
    """Tags in this paragraph that docxtpl cannot render safely."""
    pieces = [(t, t.text or "") for t in paragraph.iter(qn("w:t")) if t.text]
    text = "".join(piece for _, piece in pieces)
    owners = [element for element, piece in pieces for _ in piece]
    problems = []
    for found in _TAG.finditer(text):
        tag = found.group(0)
        short = tag if len(tag) <= 40 else tag[:39] + "…"
        if not tag.endswith(("}}", "%}", "#}")) or len(tag) < 4:
            problems.append(
                f"the tag '{short}' is not closed in this paragraph; "
                "a tag must start and end in the same paragraph"
            )
            continue
        runs = list(dict.fromkeys(t.getparent() for t in owners[found.start() : found.end()]))
        if len({run.getparent() for run in runs}) > 1:
            problems.append(
                f"the tag '{short}' runs across a link, field or tracked change; "
                "accept all changes, then retype the tag as plain text in one go"
            )
        elif len({_formatting(run) for run in runs}) > 1:
            problems.append(
                f"the tag '{short}' is split across differently formatted text; docxtpl "
                "would drop that formatting: select the whole tag and give it one format"
            )
    tags = _PARAGRAPH_TAG.findall(text)
    if tags and (len(tags) > 1 or text.strip() != tags[0]):
        problems.append(
            "a {%p … %} tag must be alone in its paragraph: "
            "docxtpl replaces the whole paragraph with it, deleting the rest"
        )
    return problems


def _formatting(run: Any) -> bytes:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return b""
    kept = [child for child in rpr if child.tag not in (qn("w:lang"), qn("w:noProof"))]
    return b"".join(etree.tostring(child) for child in kept)


def _straight(match: re.Match[str]) -> str:
    return match.group(0).translate(_QUOTES)  # docxtpl straightens quotes inside tags too


# ------------------------------------------------------------------------ helpers


def _trial_contexts(kind: str) -> list[BaseModel]:
    document = KINDS[kind]  # type: ignore[index]
    return [document.example_context(), filled(document.context_model())]


def _strip_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        return kept[0] if len(kept) == 1 else _ANY
    return annotation


def _element(kind: Any) -> Any:
    kind = _strip_none(kind)
    if kind is _STOP:
        return _STOP
    if get_origin(kind) is list:
        return get_args(kind)[0]
    return str if kind is str else _ANY


def _expression(node: nodes.Node | None) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        owner = _expression(node.node)
        if owner is None:
            return None
        if isinstance(node, nodes.Getattr):
            return f"{owner}.{node.attr}"
        return f"{owner}[{node.arg.value!r}]" if isinstance(node.arg, nodes.Const) else None
    return None


def _guarded_name(test: nodes.Node) -> str | None:
    if (
        isinstance(test, nodes.Test)
        and test.name == "defined"
        and isinstance(test.node, nodes.Name)
    ):
        return test.node.name
    return None


def _did_you_mean(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _template_line(tb: types.TracebackType | None) -> int | None:
    lines = [f.lineno for f in traceback.extract_tb(tb) if f.filename == "<template>"]
    return lines[-1] if lines else None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc or type(exc).__name__).split())
    if isinstance(exc, SecurityError):
        text = f"{text.rstrip('.')}: {SANDBOX}"
    return text
