"""Finding templates: user folders first, then the built-ins shipped with tailor.

Templates are named by kind and style: `templates/letter/classic.md.j2`,
`templates/resume/classic.docx`. A user's file of the same relative name
overrides the built-in one.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from tailor.documents import DEFAULT_TEMPLATE, TEMPLATE_SUFFIX, DocKind, TemplateFormat
from tailor.errors import TemplateError
from tailor.limits import MAX_TEMPLATE_BYTES, read_limited

__all__ = [
    "DEFAULT_TEMPLATE",
    "SUFFIX",
    "Format",
    "Kind",
    "find_template",
    "read_template",
    "read_template_text",
    "search_path",
]

Kind = DocKind
Format = TemplateFormat
SUFFIX: dict[str, str] = {fmt: suffix for fmt, suffix in TEMPLATE_SUFFIX.items()}


def read_template(path: Path) -> bytes:
    """A template file's bytes, at most `MAX_TEMPLATE_BYTES` read: a template that is a
    device, a pipe or a huge file is one clear error, never a hang or a gigabyte."""
    try:
        data = read_limited(Path(path), MAX_TEMPLATE_BYTES)
    except OSError as exc:
        raise TemplateError.at(
            path, None, f"cannot read the template: {exc.strerror or exc}"
        ) from None
    if data is None:
        raise TemplateError.at(
            path, None, f"over {MAX_TEMPLATE_BYTES:,} bytes; is this a template?"
        )
    return data


def read_template_text(path: Path) -> str:
    """A Markdown template's text (UTF-8), read as `read_template` reads."""
    try:
        return read_template(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError.at(path, None, f"cannot read the template: {exc}") from None


def builtin_dir() -> Path:
    """Built-ins live in the package (wheel) or, in a source checkout, in ./templates."""
    packaged = Path(str(files("tailor"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def search_path(templates_dir: Path | None = None) -> list[Path]:
    dirs = []
    if templates_dir is not None:
        dirs.append(templates_dir)
    env = os.environ.get("TAILOR_TEMPLATES")
    if env:
        dirs.append(Path(env))
    dirs.append(Path.cwd() / "templates")
    dirs.append(builtin_dir())
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and all(d.resolve() != u.resolve() for u in unique):
            unique.append(d)
    return unique


def find_template(kind: Kind, name: str, fmt: Format, dirs: list[Path]) -> Path:
    relative = Path(kind) / f"{name}{SUFFIX[fmt]}"
    if "/" in name or "\\" in name or name.startswith("."):
        raise TemplateError.at(name, None, "a template name is a plain word such as 'classic'")
    builtin = builtin_dir().resolve()
    for folder in dirs:
        candidate = folder / relative
        if candidate.is_file():
            inside = candidate.resolve().is_relative_to(folder.resolve())
            if not inside and folder.resolve() != builtin:
                raise TemplateError.at(
                    candidate,
                    None,
                    "links to a file outside its templates folder; copy the file itself there",
                )
            return candidate
    available = sorted(
        {p.name.removesuffix(SUFFIX[fmt]) for d in dirs for p in (d / kind).glob(f"*{SUFFIX[fmt]}")}
    )
    raise TemplateError.at(
        name,
        None,
        f"no {kind} template of that name for {fmt}; available: {', '.join(available) or 'none'}",
    )
