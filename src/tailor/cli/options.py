"""Options that several commands share, defined once so they read and behave the same."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tailor.documents import DEFAULT_TEMPLATE, OUTPUT_FORMATS, TONES

F = TypeVar("F", bound=Callable[..., Any])


def default_jobs() -> int:
    """Worker processes by default: one per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


DEFAULT_FORMATS = "md,docx"


# Generic in click 8.2+, not subscriptable at run time in older releases.
class FormatList(click.ParamType):  # type: ignore[type-arg]
    """`md`, `docx`, `pdf`, any comma-separated mix, or `all`: a list in a fixed order."""

    name = "FORMATS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        wanted = [part.strip().lower() for part in str(value).split(",") if part.strip()]
        if "all" in wanted:
            return list(OUTPUT_FORMATS)
        unknown = [w for w in wanted if w not in OUTPUT_FORMATS]
        if unknown or not wanted:
            self.fail(
                f"{', '.join(unknown) or 'nothing'} is not a format: use md, docx, pdf, "
                "a comma-separated mix such as md,pdf, or all",
                param,
                ctx,
            )
        return [f for f in OUTPUT_FORMATS if f in wanted]


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta["tailor.debug"] = True
    return value


def _pages(_ctx: click.Context, _param: click.Parameter, value: str) -> int | None:
    return None if value == "any" else int(value)


def _apply(func: F, *options: Callable[[F], F]) -> F:
    for option in reversed(options):
        func = option(func)
    return func


debug_option = click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    callback=_set_debug,
    help="Show the full traceback on errors.",
)
profile_option = click.option(
    "--profile",
    "-p",
    "profile",
    required=True,
    metavar="P",
    help="Your profile (YAML or JSON, JSON Resume fields).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=FormatList(),
    default=DEFAULT_FORMATS,
    show_default=True,
    help="Formats, comma-separated: md, docx, pdf (needs LibreOffice), or all.",
)
pages_option = click.option(
    "--pages",
    type=click.Choice(["1", "2", "any"]),
    default="2",
    show_default=True,
    callback=_pages,
    help="Résumé length: leave out its least relevant parts to fit 1 or 2 pages "
    "(resume.left-out.md lists them), or keep everything (any).",
)
template_option = click.option(
    "--template",
    "template",
    default=DEFAULT_TEMPLATE,
    show_default=True,
    help="Template style name (see `tailor templates list`).",
)
templates_dir_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder of your own templates, searched before the built-ins.",
)
tone_option = click.option(
    "--tone",
    type=click.Choice(TONES),
    default="formal",
    show_default=True,
    help="The letter's wording and length (letter/voices.yaml); its facts come from the same plan.",
)


company_option = click.option(
    "--company",
    help=(
        "Company name, overriding what was found in the posting (a note says so when the "
        "posting names another employer)."
    ),
)
title_option = click.option("--title", help="Role title, overriding what was found in the posting.")


def out_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--out",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out"),
        show_default=True,
        help=help,
    )


def force_option(help: str) -> Callable[[F], F]:
    return click.option("--force", is_flag=True, help=help)


def document_options(func: F) -> F:
    """What every single-posting document command takes."""
    return _apply(
        func,
        profile_option,
        format_option,
        out_option("Output folder; each posting gets a sub-folder."),
        template_option,
        templates_dir_option,
        company_option,
        title_option,
        force_option("Overwrite outputs even if you edited them since tailor wrote them."),
        debug_option,
    )
