"""`tailor templates list|show|copy|check|context`: find, read, copy and check templates."""

from __future__ import annotations

import io
from pathlib import Path

import click

from tailor.cli.options import templates_dir_option
from tailor.documents import KIND_NAMES

NAMES_HELP = f"""\b
NAME is [KIND/]STYLE[.FORMAT]:
  letter/classic.md   one file: the Markdown letter in the classic style
  letter/classic      the classic letter in every format (md and docx)
  classic             the classic style of every kind ({", ".join(KIND_NAMES)})
"""


@click.group()
def templates() -> None:
    """List, show, copy and check document templates.

    Templates are looked up in --templates DIR, then $TAILOR_TEMPLATES, then
    ./templates, then the built-ins; a file with the same KIND/STYLE name
    overrides the built-in one. `tailor letter --template STYLE` picks a style.

    \b
    Examples:
      tailor templates list
      tailor templates copy letter/classic --as mine
      tailor templates check templates/letter/mine.md.j2
    """


@templates.command(name="list")
@templates_dir_option
def list_(templates_dir: Path | None) -> None:
    """List every template in use: name, kind, format and where it comes from."""
    from tailor.render.catalog import BUILT_IN, display, list_templates
    from tailor.render.templates import search_path

    rows = [("NAME", "KIND", "FORMAT", "FROM")]
    for t in list_templates(search_path(templates_dir)):
        source = BUILT_IN if t.origin == BUILT_IN else display(t.path)
        rows.append(
            (t.name, t.kind, t.fmt, source + (" (overrides built-in)" if t.overrides else ""))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[3]]))


@templates.command(epilog=NAMES_HELP)
@click.argument("name")
@templates_dir_option
def show(name: str, templates_dir: Path | None) -> None:
    """Print the template NAME (the text of each paragraph for DOCX)."""
    from tailor.render.catalog import display, list_templates, select
    from tailor.render.templates import search_path

    chosen = select(list_templates(search_path(templates_dir)), name)
    for index, template in enumerate(chosen):
        if len(chosen) > 1:
            if index:
                click.echo()
            click.echo(f"==> {display(template.path)} <==")
        click.echo(_text(template.path, template.fmt), nl=False)


@templates.command(epilog=NAMES_HELP)
@click.argument("name")
@click.option(
    "--to",
    "to",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Folder to copy into; files go to TO/KIND/STYLE.md.j2 and .docx.",
)
@click.option("--as", "new_style", metavar="STYLE", help="Save the copy under another style name.")
@click.option("--force", is_flag=True, help="Overwrite copies that already exist.")
def copy(name: str, to: Path, new_style: str | None, force: bool) -> None:
    """Copy the built-in template NAME into a folder of yours, ready to edit.

    Prints each file written. Use the copy with `--template STYLE` (it is found
    in ./templates, or pass --templates TO).
    """
    import shutil

    from tailor.errors import OutputError, Problem, TemplateError
    from tailor.output import make_folder
    from tailor.render.catalog import builtin_templates, display, parse_name, select
    from tailor.render.templates import SUFFIX

    chosen = select(builtin_templates(), name)
    if new_style is not None:
        parsed = parse_name(new_style)
        if parsed.kind or parsed.fmt:
            raise TemplateError.at(new_style, None, "--as takes a plain style name such as mine")
    targets = [to / t.kind / f"{new_style or t.style}{SUFFIX[t.fmt]}" for t in chosen]
    existing = [display(target) for target in targets if target.exists()]
    if existing and not force:
        what = "already exists; rerun with --force to overwrite it, or pick a new name with --as"
        raise TemplateError(*(Problem(path, None, what) for path in existing))
    for template, target in zip(chosen, targets, strict=True):
        make_folder(target.parent)
        try:
            target.unlink(missing_ok=True)  # an installed built-in may have been copied read-only
            shutil.copyfile(template.path, target)
        except OSError as exc:
            raise OutputError.at(display(target), None, f"cannot write: {exc.strerror}") from None
        click.echo(display(target))


@templates.command(epilog=NAMES_HELP)
@click.argument("target", metavar="PATH|NAME")
@click.option(
    "--kind",
    type=click.Choice(KIND_NAMES),
    help="Which document a template file is for (default: the folder it is in).",
)
@templates_dir_option
def check(target: str, kind: str | None, templates_dir: Path | None) -> None:
    """Check templates by rendering them against example data.

    PATH is a template file, a KIND folder of them, or a folder holding letter/,
    resume/ and bullets/ folders (such as ./templates);
    anything else is a NAME on the template search path. Reports every problem,
    one line each with its file and line (paragraph for DOCX): syntax errors,
    unknown variables and fields, tags Word split or that docxtpl cannot use, and
    anything the sandbox refuses. Exit code 2 if there is any.
    """
    from tailor.errors import TailorError, TemplateError
    from tailor.render.catalog import (
        KINDS,
        display,
        format_of,
        kind_of,
        list_templates,
        listed,
        select,
    )
    from tailor.render.check import check_template
    from tailor.render.templates import search_path

    path = Path(target)
    if path.is_dir():
        folders = [path] if path.name in KINDS else [path / kind for kind in KINDS]
        files = sorted(p for folder in folders for p in folder.glob("*"))
        files = [p for p in files if format_of(p) and not p.name.startswith(("~", "."))]
        if not files:
            raise TemplateError.at(
                target,
                None,
                f"no templates here; expected {listed([f'{k}/' for k in KINDS], 'or')} folders",
            )
    elif path.is_file():
        if format_of(path) is None:
            raise TemplateError.at(target, None, "a template ends in .md.j2 or .docx")
        files = [path]
    else:
        files = [t.path for t in select(list_templates(search_path(templates_dir)), target)]
    problems = []
    for file in files:
        file_kind = kind or kind_of(file)
        if file_kind is None:
            raise TemplateError.at(
                display(file),
                None,
                "cannot tell which document this template is for; "
                f"put it in a {listed([f'{k}/' for k in KINDS], 'or')} folder or pass --kind",
            )
        found = check_template(file, file_kind, shown=display(file))
        problems += found
        if not found:
            click.echo(f"{display(file)}: ok")
            for where, claims in _literal_claims(file):
                click.echo(
                    f"Warning: {where}: writes {'; '.join(claims)} itself, for every profile; "
                    "say it in the profile instead",
                    err=True,
                )
    if problems:
        raise TailorError(*problems)


@templates.command()
def context() -> None:
    """Every variable and filter a template can use, with types and examples.

    Generated from tailor's own code, so it is always current.
    """
    from tailor.render.context_doc import context_reference

    click.echo(context_reference(), nl=False)


def _literal_claims(template: Path) -> list[tuple[str, list[str]]]:
    """Numbers and skills a template writes by itself: with no profile to back them,
    each is a claim the guard will refuse for any profile that lacks it."""
    from tailor.checks.grounding import Grounds
    from tailor.checks.template_claims import literal_claims
    from tailor.skills.taxonomy import load_taxonomy

    nothing = Grounds(skills=frozenset(), numbers=frozenset(), text=" ")
    found = literal_claims(template, grounds=nothing, allowed=[], taxonomy=load_taxonomy())
    return [
        (where, [c.removesuffix(" is not in the profile") for c in claims])
        for where, claims in found
    ]


def _text(path: Path, fmt: str) -> str:
    from tailor.render.templates import read_template, read_template_text

    if fmt == "md":
        text = read_template_text(path)
        return text if text.endswith("\n") else text + "\n"
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(io.BytesIO(read_template(path))).element.body
    lines = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    return "".join(f"{line}\n" for line in lines)
