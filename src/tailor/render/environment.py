"""The one Jinja2 environment every template renders in.

Sandboxed because templates are shared between people (a template must not be
able to reach Python internals or the file system); StrictUndefined because a
typo in a variable name should fail loudly instead of leaving a blank in a
letter someone sends to an employer.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range


def join_and(items: list[str]) -> str:
    """`["a", "b", "c"]` -> `"a, b and c"`: the list style letters use."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _range(*args: int) -> range:
    """Jinja's sandboxed range, but a too-large range is a template error like any other
    sandbox refusal (Jinja raises a bare OverflowError, which carries no template line)."""
    try:
        return safe_range(*args)
    except OverflowError as exc:
        raise SecurityError(str(exc)) from None


class _NoFiles(BaseLoader):
    """Templates may not import, include or extend anything: every name is refused."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        raise TemplateNotFound(
            template, f"templates cannot import, include or extend other files ({template!r})"
        )


class _CachingEnvironment(ImmutableSandboxedEnvironment):
    """Compiles each template source once: a bulk run renders the same few
    templates thousands of times, and compiling costs more than rendering."""

    MAX_CACHED = 64

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def from_string(
        self, source: Any, globals: Any = None, template_class: Any = None
    ) -> Template:
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = super().from_string(source)
            if len(self._compiled) > self.MAX_CACHED:
                self._compiled.popitem(last=False)
        return template


@lru_cache(maxsize=2)
def make_env(*, autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """The shared environment for each autoescape setting: treat it as read-only."""
    env = _CachingEnvironment(
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["join_and"] = join_and
    env.loader = _NoFiles()
    env.globals["range"] = _range
    return env
