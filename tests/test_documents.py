"""The document registry: each kind defined once, and everything that lists kinds follows it."""

from __future__ import annotations

from typing import get_args

import pytest

from tailor.cli.app import cli
from tailor.documents import (
    KIND_NAMES,
    KINDS,
    OUTPUT_FORMATS,
    DocKind,
    template_format,
    template_formats,
)
from tailor.render.catalog import builtin_templates


@pytest.mark.parametrize("name", KIND_NAMES)
def test_each_kind_loads_its_context_example_and_composer(name: str) -> None:
    kind = KINDS[name]  # type: ignore[index]
    model = kind.context_model()
    assert isinstance(kind.example_context(), model)
    assert callable(kind.compose())
    assert kind.help
    assert kind.stem


@pytest.mark.parametrize("name", KIND_NAMES)
def test_each_kind_has_a_command_and_a_classic_template_in_every_format(name: str) -> None:
    assert name in cli.commands
    styles = {(t.kind, t.style, t.fmt) for t in builtin_templates()}
    assert {(name, "classic", "md"), (name, "classic", "docx")} <= styles


def test_the_vocabulary_is_the_literals() -> None:
    assert get_args(DocKind) == KIND_NAMES
    assert [template_format(f) for f in OUTPUT_FORMATS] == ["md", "docx", "docx"]
    assert template_formats(["pdf", "md", "docx"]) == ["docx", "md"]


def test_only_the_resume_takes_a_page_budget_and_only_the_letter_a_tone() -> None:
    assert [k for k, d in KINDS.items() if d.paged] == ["resume"]
    assert [k for k, d in KINDS.items() if "tone" in d.options] == ["letter"]
    for name, document in KINDS.items():
        params = {p.name for p in cli.commands[name].params}
        assert ("pages" in params) == document.paged
        assert ("tone" in params) == ("tone" in document.options)
