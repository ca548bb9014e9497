"""A requirement line as the mapper returns it, for tests of what reads the alignment."""

from __future__ import annotations

from typing import Any

from tailor.analysis.models import LineMatch


def line_match(text: str, **fields: Any) -> LineMatch:
    """`text` as a required, backed duty with no evidence, unless `fields` say otherwise."""
    values: dict[str, Any] = {
        "start": 0,
        "end": len(text),
        "text": text,
        "section": "requirements",
        "importance": "required",
        "kind": "duty",
        "status": "backed",
        "evidence": [],
    }
    return LineMatch(**{**values, **fields})
