"""The one Jinja2 environment every template renders in.

Sandboxed because templates are shared between people (a template must not be
able to reach Python internals or the file system), and bounded because a shared
template must not be able to take a gigabyte or an hour either: every operator,
method, filter and loop that could make something huge is checked before it runs
against the figures below, and each render has a budget; StrictUndefined because a
typo in a variable name should fail loudly instead of leaving a blank in a
letter someone sends to an employer.
"""

from __future__ import annotations

import functools
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateNotFound, nodes
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import pass_eval_context
from jinja2.visitor import NodeTransformer

from tailor.limits import (
    MAX_LOOP_STEPS,
    MAX_OUTPUT,
    MAX_POWER,
    MAX_RANGE_STEPS,
    MAX_RENDER_TEXT,
    MAX_TEXT,
)


def join_and(items: list[str]) -> str:
    """`["a", "b", "c"]` -> `"a, b and c"`: the list style letters use."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


NOBREAK_MAX = 40
"""A name longer than this may wrap like any text: kept whole it would leave a gap."""


def nobreak(text: str | None) -> str:
    """`text` (at most 40 characters) with non-breaking spaces, so a name or a date moves
    to the next line whole ("University of West Riding", "Jul 2016") instead of breaking
    inside it; longer text is left to wrap."""
    if text is None:
        return ""
    text = str(text)
    return text if len(text) > NOBREAK_MAX else text.replace(" ", "\u00a0")


@dataclass
class _Budget:
    """What one render may still spend (see `render_budget`)."""

    range_steps: int = MAX_RANGE_STEPS
    loop_steps: int = MAX_LOOP_STEPS
    text: int = MAX_RENDER_TEXT


_budget: ContextVar[_Budget | None] = ContextVar("render_budget", default=None)


@contextmanager
def render_budget() -> Iterator[None]:
    """Each render gets its own budget of `range()` items, loop iterations and text.
    Every template renders inside one (`_BoundedTemplate`); nesting starts afresh."""
    token = _budget.set(_Budget())
    try:
        yield
    finally:
        _budget.reset(token)


def _current() -> _Budget:
    budget = _budget.get()
    if budget is None:  # outside any render (a test calling a helper): a fresh one
        budget = _Budget()
        _budget.set(budget)
    return budget


def _spend_text(size: int) -> None:
    budget = _current()
    budget.text -= size
    if budget.text < 0:
        raise SecurityError(
            f"one template may build at most {MAX_RENDER_TEXT:,} characters of text"
        )


def _refuse_size(size: int, what: str = "an operation") -> None:
    if size > MAX_TEXT:
        raise SecurityError(f"{what} may make at most {MAX_TEXT:,} characters or items")


def _checked(result: Any, what: str = "an operation") -> Any:
    """`result`, counted against the render's text budget; refused when too large."""
    if isinstance(result, (str, list, tuple)):
        _refuse_size(len(result), what)
        _spend_text(len(result))
    return result


class _Range(Sequence[int]):
    """Jinja's sandboxed range, whose iteration draws on the render's budget."""

    def __init__(self, steps: range) -> None:
        self.steps = steps

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: Any) -> Any:
        return self.steps[index]

    def __iter__(self) -> Iterator[int]:
        budget = _current()
        for value in self.steps:
            budget.range_steps -= 1
            if budget.range_steps < 0:
                raise SecurityError(
                    f"range() loops in one template may run {MAX_RANGE_STEPS:,} times in all"
                )
            yield value


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's `lipsum`, with at most 100 paragraphs of at most 1,000 words
    (`lipsum(1000000)` would write 400 MB)."""
    from jinja2.utils import generate_lorem_ipsum

    if not (isinstance(n, int) and isinstance(max, int)) or n > 100 or max > 1_000:
        raise SecurityError("lipsum() makes at most 100 paragraphs of at most 1,000 words")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _range(*args: int) -> _Range:
    """Jinja's sandboxed range, but a too-large range is a template error like any other
    sandbox refusal (Jinja raises a bare OverflowError, which carries no template line),
    and all the ranges of a render together are bounded (`MAX_RANGE_STEPS`)."""
    try:
        return _Range(safe_range(*args))
    except OverflowError as exc:
        raise SecurityError(str(exc)) from None


class _Counted:
    """What a `{% for %}` loops over, each iteration drawn from the render's budget.
    Sized when the items are, so that `loop.length` still works without a copy."""

    def __init__(self, items: Any) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        budget = _current()
        for item in self.items:
            budget.loop_steps -= 1
            if budget.loop_steps < 0:
                raise SecurityError(
                    f"the loops of one template may run {MAX_LOOP_STEPS:,} times in all"
                )
            yield item


def counted_loop(items: Any) -> Any:
    """Wrapped around every `{% for %}`'s iterable when a template is compiled."""
    return _Counted(items)


@pass_eval_context
def bounded_concat(eval_ctx: EvalContext, *parts: Any) -> str:
    """`a ~ b`, refused before joining when the parts already add up to too much
    (a string doubled in a loop reaches a gigabyte in 30 steps)."""
    _refuse_size(sum(len(p) for p in parts if isinstance(p, str)), "joining text with ~")
    joined = markup_join(parts) if eval_ctx.autoescape else str_join(parts)
    return cast(str, _checked(joined, "joining text with ~"))


class _BoundLoopsAndJoins(NodeTransformer):
    """Compile-time rewrite: `{% for x in XS %}` loops over `counted_loop(XS)` and
    `a ~ b` is `bounded_concat(a, b)`; nothing else in the template changes."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(
            nodes.ImportedName(f"{__name__}.counted_loop"), [node.iter], [], None, None,
            lineno=node.iter.lineno,
        )  # fmt: skip
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.ImportedName(f"{__name__}.bounded_concat"), list(node.nodes), [], None, None,
            lineno=node.lineno,
        )  # fmt: skip


_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")
_WIDTH_DIGITS = re.compile(r"\d{7,}")
_WIDE_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "format"})
_WIDE_METHODS |= {"format_map"}


def _huge_int(values: Any) -> bool:
    return any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_TEXT for v in values)


def _longest_text(values: Any) -> int:
    return max((len(v) for v in values if isinstance(v, str)), default=0)


def _check_printf(spec: str, values: Any) -> None:
    """`'%0999999999d' % 1` (and `'%*d' % (10**9, 1)`) would build a gigabyte, and so
    would `('%s' * 300000) % (big, big, ...)`: each `%` may place the longest value."""
    if isinstance(values, dict):
        listed = list(values.values())
    else:
        listed = list(values) if isinstance(values, (tuple, list)) else [values]
    _refuse_size(len(spec) + spec.count("%") * _longest_text(listed), "a % format")
    for match in _PRINTF_WIDTH.finditer(spec):
        widths = [w for w in match.groups() if w]
        if any(w.isdigit() and int(w) > MAX_TEXT for w in widths) or (
            "*" in widths and _huge_int(values if isinstance(values, tuple) else (values,))
        ):
            raise SecurityError(f"a format width may be at most {MAX_TEXT:,}")


def _check_format(spec: str) -> None:
    """`'{:>999999999}'.format(1)` would build a gigabyte."""
    if any(_WIDTH_DIGITS.search(field) for field in _FORMAT_FIELD.findall(spec)):
        raise SecurityError(f"a format width may be at most {MAX_TEXT:,}")


def _check_growth(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a string method or filter whose result would be huge, before it runs: a
    width over `MAX_TEXT`, or a replace, join, indent, wrap or sum that multiplies."""
    extra = (*args, *kwargs.values())
    if _huge_int(extra):
        raise SecurityError(f"a width or count passed to {name}() may be at most {MAX_TEXT:,}")
    if name in ("format", "format_map") and isinstance(value, str):
        _check_format(value)
        mapped = [v for a in extra if isinstance(a, dict) for v in a.values()]
        _refuse_size(value.count("{") * _longest_text([*extra, *mapped]) + len(value), "format()")
    size = len(value) if isinstance(value, (str, list, tuple, dict)) else 0
    longest = max((len(a) for a in extra if isinstance(a, str)), default=0)
    widest = max((a for a in extra if isinstance(a, int) and not isinstance(a, bool)), default=0)
    if name in ("replace", "wordwrap", "urlize"):
        _refuse_size(size + (size + 1) * longest, f"{name}()")
    if name in ("indent", "tojson", "pprint"):
        _refuse_size(size + (size + 1) * max(longest, widest), f"{name}()")
    if name == "join":
        separator, items = (
            (value, args[0] if args else ())
            if isinstance(value, str)
            else (args[0] if args and isinstance(args[0], str) else kwargs.get("d", ""), value)
        )
        count = len(items) if isinstance(items, Sized) else 0
        _refuse_size(len(separator) * count, "join()")
    if name == "sum" and any(isinstance(a, (str, list, tuple)) for a in extra):
        raise SecurityError("the sum filter adds numbers; use join for text and lists")


def _bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse a `*`, `**`, `+` or `%` whose result would be huge, before computing it."""
    sized = (str, list, tuple)
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            repeated = isinstance(seq, sized) and isinstance(n, int)
            if repeated and len(seq) * max(n, 0) > MAX_TEXT:
                raise SecurityError(f"a repetition may make at most {MAX_TEXT:,} characters")
    if operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        _refuse_size(len(left) + len(right), "adding text or lists")
    if operator == "%" and isinstance(left, str):
        _check_printf(left, right)
    integers = isinstance(left, int) and isinstance(right, int)
    if operator == "*" and integers and left.bit_length() + right.bit_length() > MAX_POWER * 3.33:
        raise SecurityError(f"a product may have at most {MAX_POWER:,} digits")
    powers = operator == "**" and isinstance(left, int) and isinstance(right, int)
    if powers and right > 0 and abs(left) > 1 and right * math.log10(abs(left)) > MAX_POWER:
        raise SecurityError(f"a power may have at most {MAX_POWER:,} digits")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter `name`, its arguments checked before and its result after."""
    passes = hasattr(function, "jinja_pass_arg")  # (context|eval_ctx|env, value, *args)

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[1], args[2:]) if passes else (args[0], args[1:])
        _check_growth(name, value, rest, kwargs)
        if name == "format" and isinstance(value, str):
            _check_printf(value, rest)
        return _checked(function(*args, **kwargs), f"the {name} filter")

    return bounded


class _BoundedTemplate(Template):
    """Every render runs in its own budget, and a template that recurses without end
    is a template error (not a RecursionError traceback)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with render_budget():
            try:
                return super().render(*args, **kwargs)
            except RecursionError:
                raise SecurityError("the template calls itself too deeply") from None


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
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = _BoundedTemplate

    @staticmethod
    def concat(pieces: Iterable[str]) -> str:
        """What a render or a macro writes, refused past `MAX_OUTPUT` characters."""
        out, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"a template may write at most {MAX_OUTPUT:,} characters")
            out.append(piece)
        return "".join(out)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _bounded_binop(operator, left, right)
        return _checked(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A method call in a template: `'a'.ljust(10**9)`, `'{:>999999999}'.format(1)`
        or a multiplying `replace`/`join` is refused before it runs."""
        method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and (name in _WIDE_METHODS or name in ("replace", "join")):
            if name == "join" and args and not isinstance(args[0], Sized):
                args = (list(args[0]), *args[1:])
            _check_growth(name, owner, args, kwargs)
        return _checked(super().call(context, obj, *args, **kwargs), f"{name or 'a call'}()")

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        return super()._generate(_BoundLoopsAndJoins().visit(source), *args, **kwargs)

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
    env.filters["nobreak"] = nobreak
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(name, function)
    env.loader = _NoFiles()
    env.globals["range"] = _range
    env.globals["lipsum"] = _lipsum
    return env
