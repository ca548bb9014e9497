"""The documents tailor writes, each kind defined once, and the words that go with them.

A new kind of document (say a follow-up e-mail) is one `DocumentKind` entry here,
one composer (`tailor.compose.<kind>.compose`), its context model and example in
`tailor.render.context`, and its templates in `templates/<kind>/`. The CLI's
commands, `bulk --kind`, `templates list|check|context` and the context reference
are all generated from `KINDS`.

This module is imported by `tailor --help`, so it imports nothing heavy: the
context model, example and composer of a kind are named by dotted path and
imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from pydantic import BaseModel

    from tailor.compose.inputs import Composer

DocKind = Literal["letter", "resume", "bullets"]
OutputFormat = Literal["md", "docx", "pdf"]
TemplateFormat = Literal["md", "docx"]
Tone = Literal["formal", "warm", "concise"]
Option = Literal["tone", "pages"]

OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
TEMPLATE_FORMATS: tuple[TemplateFormat, ...] = get_args(TemplateFormat)
TONES: tuple[Tone, ...] = get_args(Tone)
TEMPLATE_SUFFIX: dict[TemplateFormat, str] = {"md": ".md.j2", "docx": ".docx"}
DEFAULT_TEMPLATE = "classic"


def template_format(fmt: OutputFormat) -> TemplateFormat:
    """The template an output format is rendered from: PDF is the DOCX, converted by
    LibreOffice, so that a PDF and a DOCX of the same document always agree."""
    return "md" if fmt == "md" else "docx"


def template_formats(formats: Iterable[OutputFormat]) -> list[TemplateFormat]:
    """The templates `formats` need, once each, in the order the formats were asked for."""
    return list(dict.fromkeys(template_format(fmt) for fmt in formats))


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: what it is called, where it is written, what it is made of."""

    name: DocKind
    stem: str
    """File name without suffix: `OUT/<company>-<title>/<stem>.md`."""
    help: str
    """The CLI command's help: its first line is the summary in `tailor --help`."""
    context: str
    """`module:Class` of the pydantic model its templates see."""
    example: str
    """`module:function` returning an example context, for checks and the reference."""
    composer: str
    """`module:function` (a `tailor.compose.inputs.Composer`) that builds the context."""
    options: tuple[Option, ...] = ()
    """Options only this kind takes (`tone` for letters, `pages` for résumés)."""

    @property
    def paged(self) -> bool:
        """Whether a page budget (`--pages`) applies to this kind."""
        return "pages" in self.options

    def context_model(self) -> type[BaseModel]:
        model: type[BaseModel] = _load(self.context)
        return model

    def example_context(self) -> BaseModel:
        context: BaseModel = _load(self.example)()
        return context

    def compose(self) -> Composer:
        composer: Composer = _load(self.composer)
        return composer


KINDS: dict[DocKind, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            name="letter",
            stem="cover-letter",
            help="Write a cover letter for POSTING (a file, or - for standard input).",
            context="tailor.render.context:LetterContext",
            example="tailor.render.context:example_letter",
            composer="tailor.compose.letter:compose",
            options=("tone",),
        ),
        DocumentKind(
            name="resume",
            stem="resume",
            help="Write a résumé tailored to POSTING.",
            context="tailor.render.context:ResumeContext",
            example="tailor.render.context:example_resume",
            composer="tailor.compose.resume:compose",
            options=("pages",),
        ),
        DocumentKind(
            name="bullets",
            stem="bullets",
            help="Write the profile's strongest bullets for POSTING, each with what it answers.",
            context="tailor.render.context:BulletsContext",
            example="tailor.render.context:example_bullets",
            composer="tailor.compose.bullets:compose",
        ),
    )
}
KIND_NAMES: tuple[DocKind, ...] = tuple(KINDS)
assert get_args(DocKind) == KIND_NAMES, "every DocKind has one entry in KINDS"


def _load(path: str) -> Any:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)
