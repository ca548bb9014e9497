"""Render a DOCX template (docxtpl) with a document context.

Rendering always uses `make_env(autoescape=True)`: the sandbox keeps shared
templates away from Python internals, StrictUndefined turns a typo into an
error, and autoescaping keeps `&` and `<` in a posting ("Acme & Sons <Ltd>")
from corrupting the document's XML.

Every Jinja error (bad syntax, an unknown variable, a sandbox violation) comes
out as one `TemplateRenderError` that says, in plain words, which paragraph of
the template is wrong and why.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from tailor.errors import TailorError
from tailor.limits import MAX_TEMPLATE_ELEMENTS, check_zip, too_many_elements
from tailor.render.docx_template import TOO_MANY_ELEMENTS
from tailor.render.environment import make_env, render_budget
from tailor.render.templates import read_template

__all__ = ["TemplateRenderError", "render_docx", "render_docx_bytes", "undeclared_variables"]

# docxtpl puts each <w:p> on its own line before handing the XML to Jinja.
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
# A Jinja comment holding the paragraph's index and a newline: invisible in the
# output, but it starts a new source line, so every paragraph (even a `{%p %}`
# one docxtpl collapses) gets a line of its own when we look for an error.
_MARKER = "{{#p{}\n#}}"
_MARKER_RE = re.compile(r"\{#p(\d+)\n#\}")
_NO_ATTRIBUTE = re.compile(r"^'.*' has no (?:attribute|element) (?P<name>'.*'|\S+)$")
_SNIPPET_CHARS = 80


class TemplateRenderError(Exception):
    """A template could not be rendered; `line` is the 1-based paragraph number in
    the document body (counting every paragraph, `{%p %}` ones included), or None
    when the error is outside the body or could not be placed."""

    def __init__(
        self, path: Path, line: int | None, message: str, *, snippet: str | None = None
    ) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message
        self.snippet = snippet

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", paragraph {self.line}"
            if self.snippet:
                where += f" ({self.snippet!r})"
        return f"{where}: {self.message}"


def render_docx(
    template: Path, context: BaseModel | Mapping[str, Any], dest: Path | IO[bytes]
) -> None:
    """Render `template` with `context` and write the .docx to `dest` (a path or a
    binary file object), reproducibly (fixed zip dates). Raises TemplateRenderError
    for any template mistake."""
    rendered = _render(template, context)
    if isinstance(dest, Path):
        dest.write_bytes(rendered)
    else:
        dest.write(rendered)


def _render(template: Path, context: BaseModel | Mapping[str, Any]) -> bytes:
    from tailor.render.docx_template import opened

    data = _as_dict(context)
    try:
        tpl = opened(Path(template), refuse=lambda reason: _unopenable(template, reason))
    except (TemplateRenderError, TailorError):
        raise
    except Exception as exc:
        # A missing file, or python-docx and lxml on a hostile template (malformed or
        # deep XML, entity loops): to the user, a file that cannot be opened.
        raise _unopenable(template, "") from exc
    env = make_env(autoescape=True)
    try:
        # docxtpl sets env.autoescape = True itself when passed autoescape=True;
        # make_env already did, so the environment is used unchanged.
        with render_budget():
            tpl.render(data, jinja_env=env, autoescape=True)
    except TemplateError as exc:
        raise _explain(template, exc, env, data) from exc
    except OverflowError as exc:
        raise TemplateRenderError(Path(template), None, str(exc)) from exc
    return tpl.package_bytes()


def render_docx_bytes(template: Path, context: BaseModel | Mapping[str, Any]) -> bytes:
    """`render_docx` into memory, reproducibly (fixed zip dates), with a template
    mistake as the user-facing `tailor.errors.TemplateError`."""
    from tailor.errors import TemplateError as UserTemplateError

    try:
        return _render(template, context)
    except TemplateRenderError as exc:
        raise UserTemplateError.at(None, None, str(exc)) from None


def undeclared_variables(template: Path, context: BaseModel | Mapping[str, Any]) -> set[str]:
    """Top-level names the template uses that `context` does not provide.

    Only top-level names: `{{ applicant.nam }}` is not reported (a trial render
    with `render_docx` catches that).
    """
    data = _as_dict(context)
    tpl = _open(template)
    env = make_env(autoescape=True)
    try:
        return set(tpl.get_undeclared_template_variables(env, data))
    except TemplateError as exc:
        raise _explain(template, exc, env, data) from exc


# ----------------------------------------------------------------------- internals


def _as_dict(context: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(context, BaseModel):
        return context.model_dump(mode="json")
    return dict(context)


def _open(template: Path) -> DocxTemplate:
    try:
        data = read_template(Path(template))
        check_zip(data, lambda reason: _unopenable(template, reason))
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        if too_many_elements(tpl.docx.element, MAX_TEMPLATE_ELEMENTS):
            raise _unopenable(template, TOO_MANY_ELEMENTS)
    except (TemplateRenderError, TailorError):
        raise
    except Exception as exc:  # as in `_render`: any failure to open is one clear error
        raise _unopenable(template, "") from exc
    return tpl


def _unopenable(template: Path, reason: str) -> TemplateRenderError:
    what = "this is not a Word .docx file (it could not be opened"
    return TemplateRenderError(Path(template), None, f"{what}: {reason})" if reason else f"{what})")


def _explain(
    template: Path,
    exc: TemplateError,
    env: ImmutableSandboxedEnvironment,
    data: dict[str, Any],
) -> TemplateRenderError:
    """Turn a Jinja error into a TemplateRenderError naming the paragraph."""
    message = exc.message or type(exc).__name__
    where = _locate(template, exc, env, data)
    if isinstance(exc, SecurityError):
        message = f"{message} Templates cannot reach Python internals."
    elif isinstance(exc, UndefinedError):
        message = _undefined_message(message, where.tree, data, where.source_line)
    elif isinstance(exc, TemplateSyntaxError):
        message = f"template syntax error: {message}"
    return TemplateRenderError(Path(template), where.paragraph, message, snippet=where.snippet)


@dataclass
class _Location:
    paragraph: int | None = None
    snippet: str | None = None
    source_line: int | None = None
    tree: nodes.Template | None = None


def _locate(
    template: Path,
    exc: TemplateError,
    env: ImmutableSandboxedEnvironment,
    data: dict[str, Any],
) -> _Location:
    """Render the body again with a marker before each paragraph: if the same
    error comes back, its source line tells which paragraph it is in."""
    found = _Location()
    starts: list[tuple[int, int]] = []
    texts: list[str] = []
    try:
        source, starts, texts = _marked_body(template)
        found.tree = env.parse(source)
        with render_budget():
            env.from_string(found.tree).render(data)
    except TemplateError as again:
        if type(again) is not type(exc) or again.message != exc.message:
            return found  # not the same error (it was in a header or footer)
        found.source_line = _error_line(again)
        line = found.source_line
        before = [index for start, index in starts if line is not None and start <= line]
        if before and not (again.message or "").startswith("Unexpected end of template"):
            found.paragraph, found.snippet = before[-1] + 1, _shorten(texts[before[-1]])
    except Exception:  # noqa: BLE001 - best effort: the original error is reported anyway
        return _Location()
    return found


def _marked_body(template: Path) -> tuple[str, list[tuple[int, int]], list[str]]:
    """The body XML as docxtpl would give it to Jinja, with a marker before each
    paragraph. Returns it with (source line, paragraph index) for every marker
    that survived docxtpl's clean-up, and the paragraphs' texts."""
    document = Document(str(template))
    body = document.element.body
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    tpl = DocxTemplate(template)
    xml = tpl.xml_to_string(body)
    counter = iter(range(len(texts)))
    xml = _PARAGRAPH_START.sub(lambda m: _MARKER.format(next(counter)) + m.group(0), xml)
    xml = tpl.patch_xml(xml)
    xml = _PARAGRAPH_START.sub(r"\n<w:p\1", xml)
    starts = []
    for found in _MARKER_RE.finditer(xml):
        line = xml.count("\n", 0, found.end()) + 1  # the paragraph starts after the marker
        starts.append((line, int(found.group(1))))
    return xml, starts, texts


def _error_line(exc: TemplateError) -> int | None:
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _undefined_message(
    message: str, tree: nodes.Template | None, data: dict[str, Any], line: int | None
) -> str:
    """Name the expression instead of its type: "'applicant' has no attribute 'nam'"
    rather than "'dict object' has no attribute 'nam'"."""
    if message.endswith("is undefined"):
        known = ", ".join(sorted(data)) or "none"
        return f"{message} (the variables this template can use are: {known})"
    match = _NO_ATTRIBUTE.match(message)
    if match is None or tree is None:
        return message
    name = match.group("name").strip("'")
    candidates = sorted(
        tree.find_all((nodes.Getattr, nodes.Getitem)), key=lambda node: node.lineno != line
    )
    for node in candidates:
        if isinstance(node, nodes.Getattr):
            attr, owner_node = node.attr, node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attr, owner_node = node.arg.value, node.node
        else:
            continue
        if str(attr) == name and (owner := _expression(owner_node)) is not None:
            return f"'{owner}' has no attribute '{name}'"
    return message


def _expression(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        owner = _expression(node.node)
        return None if owner is None else f"{owner}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        owner = _expression(node.node)
        return None if owner is None else f"{owner}[{node.arg.value!r}]"
    return None


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 1] + "…"
