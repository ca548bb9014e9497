"""Which templates exist, where each comes from, and what a template NAME means.

A NAME is `[KIND/]STYLE[.FORMAT]`:

- `letter/classic.md`: one file, the Markdown letter in the classic style;
- `letter/classic`: that style's letter in every format (Markdown and DOCX);
- `classic`: the classic style of every kind (letter, résumé, bullets).

FORMAT is `md` or `docx` (`.md.j2`, the file suffix, also works). The first
folder of the search path that has a file wins, so a user's
`templates/letter/classic.md.j2` overrides the built-in one.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from tailor.documents import KIND_NAMES, TEMPLATE_FORMATS
from tailor.errors import TemplateError
from tailor.render.templates import SUFFIX, builtin_dir

KINDS = KIND_NAMES
FORMATS = TEMPLATE_FORMATS
BUILT_IN = "built-in"


@dataclass(frozen=True)
class TemplateFile:
    kind: str
    style: str
    fmt: str
    path: Path
    origin: str
    """`built-in`, or the user folder the file was found in."""
    overrides: bool = False
    """True when a built-in of the same name exists and this file hides it."""

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.style}.{self.fmt}"


@dataclass(frozen=True)
class TemplateName:
    kind: str | None
    style: str
    fmt: str | None


def parse_name(name: str) -> TemplateName:
    """Split `[KIND/]STYLE[.FORMAT]`; raise TemplateError for anything else."""
    kind, _, rest = name.rpartition("/")
    style, fmt = rest, None
    for candidate, suffix in (*SUFFIX.items(), ("md", ".md")):
        if rest.endswith(suffix):
            style, fmt = rest.removesuffix(suffix), candidate
            break
    if kind and kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise TemplateError.at(
            name, None, f"unknown kind '{kind}' (kinds are {listed(KINDS, 'and')}){hint}"
        )
    if not style or not _plain(style) or "/" in kind:
        raise TemplateError.at(
            name,
            None,
            "a template name is STYLE, KIND/STYLE or KIND/STYLE.FORMAT, "
            "such as classic, letter/classic or letter/classic.md",
        )
    return TemplateName(kind or None, style, fmt)


def list_templates(dirs: list[Path]) -> list[TemplateFile]:
    """Every template on the search path `dirs` that would be used, sorted by name."""
    builtin = builtin_dir().resolve()
    found: dict[tuple[str, str, str], TemplateFile] = {}
    for folder in dirs:
        is_builtin = folder.resolve() == builtin
        origin = BUILT_IN if is_builtin else display(folder)
        for kind in KINDS:
            for fmt, suffix in SUFFIX.items():
                for path in sorted((folder / kind).glob(f"*{suffix}")):
                    style = path.name.removesuffix(suffix)
                    if not _plain(style) or not path.is_file():
                        continue  # Word lock files (~$x.docx), hidden files
                    key = (kind, style, fmt)
                    if key not in found:
                        found[key] = TemplateFile(kind, style, fmt, path, origin)
                    elif is_builtin and found[key].origin != BUILT_IN:
                        found[key] = _with_override(found[key])
    return sorted(found.values(), key=lambda t: t.name)


def builtin_templates() -> list[TemplateFile]:
    return list_templates([builtin_dir()])


def select(templates: list[TemplateFile], name: str) -> list[TemplateFile]:
    """The templates NAME stands for; TemplateError naming the choices if none."""
    wanted = parse_name(name)
    chosen = [
        t
        for t in templates
        if t.style == wanted.style and wanted.kind in (None, t.kind) and wanted.fmt in (None, t.fmt)
    ]
    if not chosen:
        names = sorted({f"{t.kind}/{t.style}" for t in templates})
        raise TemplateError.at(
            name, None, f"no template of that name; available: {', '.join(names) or 'none'}"
        )
    return chosen


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        inside = path.resolve().is_relative_to(Path.cwd().resolve())
        return os.path.relpath(path) if inside else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def kind_of(path: Path) -> str | None:
    """The kind a template file is for, from the folder it sits in (`letter/x.md.j2`)."""
    return path.parent.name if path.parent.name in KINDS else None


def format_of(path: Path) -> str | None:
    for fmt, suffix in SUFFIX.items():
        if path.name.endswith(suffix):
            return fmt
    return None


def _with_override(template: TemplateFile) -> TemplateFile:
    return TemplateFile(
        template.kind, template.style, template.fmt, template.path, template.origin, True
    )


def _plain(style: str) -> bool:
    return bool(style) and not style.startswith((".", "~")) and not any(c in style for c in "/\\.")


def listed(items: tuple[str, ...] | list[str], last: str) -> str:
    """`a, b and c` (or `a, b or c`): a vocabulary in a message."""
    return ", ".join(items[:-1]) + f" {last} " + items[-1] if len(items) > 1 else "".join(items)
