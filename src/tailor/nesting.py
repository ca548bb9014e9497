"""Refuse absurdly nested YAML or JSON before a parser recurses into it.

libyaml's composer and `json.loads` recurse once per `[`/`{`; a few tens of
thousands of them crash the process (a segfault, not an exception). Counting
brackets outside quotes first is cheap and catches that shape of attack.
"""

from __future__ import annotations


def too_deep(text: str, limit: int) -> int | None:
    """Offset of the first `[`/`{` nested deeper than `limit` outside quotes, or None."""
    depth = 0
    quote: str | None = None
    escaped = False
    for offset, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return offset
        elif ch in "]}":
            depth = max(0, depth - 1)
    return None
