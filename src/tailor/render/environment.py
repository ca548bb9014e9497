"""The one Jinja2 environment every template renders in.

Sandboxed because templates are shared between people (a template must not be
able to reach Python internals or the file system); StrictUndefined because a
typo in a variable name should fail loudly instead of leaving a blank in a
letter someone sends to an employer.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range


def join_and(items: list[str]) -> str:
    """`["a", "b", "c"]` -> `"a, b and c"`: the list style letters use."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


MAX_TEXT = 1_000_000
"""Characters (or items) one `*` may produce: `{{ 'ab' * 1000000000 }}` is refused, not 2 GB."""
MAX_POWER = 10_000
"""Digits `**` may produce: `{{ 10 ** 10 ** 9 }}` would compute for hours."""
MAX_RANGE_STEPS = 10_000
"""Items all the `range()`s of one render may yield together: nested
`range(100000)` loops are refused instead of running 10^10 times. Document
templates loop over the context's lists; `range` is for small counts."""
_steps_left: ContextVar[int] = ContextVar("steps_left", default=MAX_RANGE_STEPS)


@contextmanager
def render_budget() -> Iterator[None]:
    """Each render gets `MAX_RANGE_STEPS` of `range()` to spend (see `_range`)."""
    token = _steps_left.set(MAX_RANGE_STEPS)
    try:
        yield
    finally:
        _steps_left.reset(token)


class _Range(Sequence[int]):
    """Jinja's sandboxed range, whose iteration draws on the render's budget."""

    def __init__(self, steps: range) -> None:
        self.steps = steps

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: Any) -> Any:
        return self.steps[index]

    def __iter__(self) -> Iterator[int]:
        for value in self.steps:
            left = _steps_left.get() - 1
            if left < 0:
                raise SecurityError(
                    f"range() loops in one template may run {MAX_RANGE_STEPS:,} times in all"
                )
            _steps_left.set(left)
            yield value


def _range(*args: int) -> _Range:
    """Jinja's sandboxed range, but a too-large range is a template error like any other
    sandbox refusal (Jinja raises a bare OverflowError, which carries no template line),
    and all the ranges of a render together are bounded (`MAX_RANGE_STEPS`)."""
    try:
        return _Range(safe_range(*args))
    except OverflowError as exc:
        raise SecurityError(str(exc)) from None


def _bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse a `*` or `**` whose result would be huge, before computing it."""
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            repeated = isinstance(seq, (str, list, tuple)) and isinstance(n, int)
            if repeated and len(seq) * max(n, 0) > MAX_TEXT:
                raise SecurityError(f"a repetition may make at most {MAX_TEXT:,} characters")
    powers = operator == "**" and isinstance(left, int) and isinstance(right, int)
    if powers and right > 0 and abs(left) > 1 and right * math.log10(abs(left)) > MAX_POWER:
        raise SecurityError(f"a power may have at most {MAX_POWER:,} digits")


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
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _bounded_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
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
