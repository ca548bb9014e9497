"""The one Jinja2 environment every template renders in.

Sandboxed because templates are shared between people (a template must not be
able to reach Python internals or the file system); StrictUndefined because a
typo in a variable name should fail loudly instead of leaving a blank in a
letter someone sends to an employer.
"""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


def join_and(items: list[str]) -> str:
    """`["a", "b", "c"]` -> `"a, b and c"`: the list style letters use."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def make_env(*, autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["join_and"] = join_and
    return env
