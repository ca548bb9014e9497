"""Render a Markdown template in the sandbox, turning Jinja failures into located errors."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from pydantic import BaseModel

from tailor.errors import TemplateError
from tailor.render.environment import make_env, render_budget
from tailor.render.templates import read_template_text


def render_markdown(template: Path, context: BaseModel) -> str:
    env = make_env()
    source = read_template_text(template)
    try:
        compiled = env.from_string(source)
        with render_budget():
            text = compiled.render(**context.model_dump(mode="json"))
    except TemplateSyntaxError as exc:
        raise TemplateError.at(
            f"{template}:{exc.lineno}", None, f"template syntax: {exc.message}"
        ) from None
    except (JinjaError, OverflowError) as exc:
        line = _template_line(sys.exc_info()[2])
        where = f"{template}:{line}" if line else str(template)
        raise TemplateError.at(where, None, f"{str(exc).rstrip('.')}; {_hint(exc)}") from None
    return _tidy(text)


def _hint(exc: BaseException) -> str:
    if isinstance(exc, SecurityError):
        return "templates run in a sandbox that keeps them away from Python internals and files"
    if isinstance(exc, UndefinedError):
        return "see `tailor templates context` for the variables a template can use"
    return "fix the template"


def _template_line(tb: object) -> int | None:
    """The template line of the failing expression, from Jinja's rewritten traceback."""
    line = None
    for frame in traceback.extract_tb(tb):  # type: ignore[arg-type]
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def _tidy(text: str) -> str:
    """Collapse runs of blank lines a template's conditionals leave behind."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
