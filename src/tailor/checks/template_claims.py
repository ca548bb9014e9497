"""Claims a user's template makes by itself: words in the template, not from the profile.

A template that writes "P.S. I live at 1377 Main Street." claims that number for every
applicant. The grounding guard catches it in the finished document; this says where
it came from, so the user gets the template's file and line to fix instead of an
internal error (`pipeline._check`), and `tailor templates check` can warn about it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from tailor.checks.grounding import Grounds, violations
from tailor.render.templates import read_template, read_template_text
from tailor.skills.taxonomy import Taxonomy

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def literal_lines(template: Path) -> list[tuple[str, str]]:
    """(where, text) of each line of `template` with its Jinja tags blanked: what the
    template writes whatever the context (`file:line`, or `file, paragraph N` for DOCX)."""
    if template.suffix == ".docx":
        from docx import Document
        from docx.oxml.ns import qn

        body = Document(io.BytesIO(read_template(template))).element.body
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
        return [(f"{template}, paragraph {n}", _TAG.sub(" ", t)) for n, t in enumerate(texts, 1)]
    source = _TAG.sub(lambda m: "\n" * m.group().count("\n"), read_template_text(template))
    return [(f"{template}:{n}", line) for n, line in enumerate(source.splitlines(), 1)]


def literal_claims(
    template: Path, *, grounds: Grounds, allowed: list[str | None], taxonomy: Taxonomy
) -> list[tuple[str, list[str]]]:
    """(where, problems) for each literal line of `template` the profile does not back."""
    found = []
    for where, text in literal_lines(template):
        problems = violations(text, grounds=grounds, allowed=allowed, taxonomy=taxonomy)
        if problems:
            found.append((where, problems))
    return found
