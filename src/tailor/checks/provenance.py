"""Which profile facts each line of a generated document stands on.

Computed from the finished text, not from the composer's intentions: a fact
is cited by a line when its words appear there (a letter quotes highlights
verbatim, changing only "Led" to "I led"). That makes the sidecar an
independent record that works for any template, including a user's own.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tailor.profile.facts import Fact

_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[*_`#>]+")


def _norm(text: str) -> str:
    text = _MARKUP.sub(" ", text).replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip().lower().rstrip(".")


def provenance(
    text: str, facts: list[Fact], *, posting: dict[str, str | None]
) -> list[dict[str, Any]]:
    """One entry per non-empty line: the line, and the facts and posting fields it uses."""
    keyed = []
    for fact in facts:
        key = _norm(fact.text)
        if key:
            # Short keys must match whole words ("R" is not in "React"); compiled once.
            pattern = rf"(?<!\w){re.escape(key)}(?!\w)"
            whole = None if len(key.split()) >= 4 else re.compile(pattern)
            keyed.append((fact, key, whole))
    items = []
    for line in text.splitlines():
        plain = _norm(line)
        if not plain:
            continue
        found = [
            (fact, key)
            for fact, key, whole in keyed
            if key in plain and (whole is None or whole.search(plain))
        ]
        # A skill name inside a quoted highlight is that highlight's, not a fact of its own.
        used = [
            {"ref": fact.ref, "text": fact.text}
            for fact, key in found
            if not any(key != other and key in other for _, other in found)
        ]
        fields = [name for name, value in posting.items() if value and _norm(value) in plain]
        items.append({"text": line.strip(), "facts": used, "posting": fields})
    return items


def provenance_json(document: str, items: list[dict[str, Any]]) -> bytes:
    body = {"document": document, "lines": items}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
