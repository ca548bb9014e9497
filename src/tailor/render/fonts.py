"""Whether LibreOffice will lay a DOCX out in its own fonts or in wider stand-ins.

The page budget measures a résumé with the metrics of its fonts (`fitting.layout`), and
Word's Calibri and Arial have free twins with the same metrics (Carlito, Liberation Sans).
On a machine with neither, LibreOffice silently substitutes a wider font (DejaVu Sans):
lines wrap sooner, the PDF runs long, and the PDF check leaves out parts a reader would
miss (a blind read found a nurse's IV-competency bullets cut for that reason alone).
This module asks fontconfig, which LibreOffice uses on Linux and the BSDs, what each
font resolves to, so the CLI can say so in one line. Where fontconfig is absent (macOS,
Windows: the fonts usually come with Office there) it says nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from tailor.fitting.layout import parse

TWINS: dict[str, tuple[frozenset[str], str]] = {
    "calibri": (frozenset({"calibri", "carlito"}), "fonts-crosextra-carlito"),
    "cambria": (frozenset({"cambria", "caladea"}), "fonts-crosextra-caladea"),
    "arial": (frozenset({"arial", "liberation sans", "arimo"}), "fonts-liberation2"),
    "helvetica": (frozenset({"helvetica", "liberation sans", "arimo"}), "fonts-liberation2"),
    "times new roman": (
        frozenset({"times new roman", "liberation serif", "tinos"}),
        "fonts-liberation2",
    ),
    "courier new": (frozenset({"courier new", "liberation mono", "cousine"}), "fonts-liberation2"),
}
"""Each Word font (lowercase): the families with its metrics, and the Debian/Ubuntu package
that has them."""


def docx_fonts(docx: bytes) -> list[str]:
    """The font families a DOCX's paragraphs are set in, in order of first use."""
    seen: dict[str, None] = {}
    for para in parse(docx).paragraphs:
        if para.font:
            seen.setdefault(para.font, None)
    return list(seen)


def substituted(fonts: Iterable[str]) -> list[tuple[str, str]]:
    """(font, what fontconfig gives instead) for each of `fonts` that resolves to neither
    itself nor a metric twin; [] without fontconfig, or for fonts it has no twin for."""
    out = []
    for font in fonts:
        known = TWINS.get(font.strip().lower())
        if known is None:
            continue
        found = _match(font)
        if found is not None and found.lower() not in known[0]:
            out.append((font, found))
    return out


def substitution_note(docx: bytes) -> str | None:
    """One line for the terminal when the PDF of `docx` is set in stand-in fonts."""
    swapped = substituted(docx_fonts(docx))
    if not swapped:
        return None
    names = ", ".join(f"{font} (LibreOffice used {found})" for font, found in swapped)
    packages = sorted({TWINS[font.strip().lower()][1] for font, _ in swapped})
    return (
        f"Note: the PDF is not set in its own fonts: {names}. Its lines wrap sooner, so the "
        f"page budget may have left more out; install {' '.join(packages)} "
        "(Debian/Ubuntu) or the fonts themselves."
    )


@cache
def _match(font: str) -> str | None:
    """The family fontconfig resolves `font` to, or None without fontconfig."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        run = subprocess.run(
            [program, "--format=%{family[0]}", font],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    family = run.stdout.decode("utf-8", "replace").strip()
    return family if run.returncode == 0 and family else None


def template_notes(
    kinds: Iterable[str], template: str, templates_dir: Path | None = None
) -> list[str]:
    """The stand-in font notes for the DOCX templates a PDF of `kinds` is made from, each
    once (`substitution_note`): what `tailor letter`/`resume` and `tailor bulk` print
    before a PDF run's results."""
    from tailor.documents import KIND_NAMES
    from tailor.render.templates import find_template, search_path

    dirs = list(search_path(templates_dir))
    notes: list[str] = []
    wanted = set(kinds)
    for kind in (k for k in KIND_NAMES if k in wanted):
        docx = find_template(kind, template, "docx", dirs)
        note = substitution_note(docx.read_bytes())
        if note and note not in notes:
            notes.append(note)
    return notes
