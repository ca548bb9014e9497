"""DOCX to PDF with LibreOffice, when it is installed.

Why LibreOffice: it is the one free, offline converter that lays out Word
documents faithfully (styles, lists, fonts with Word-compatible metrics), so
the PDF looks like the DOCX the user can edit. It is not a Python dependency:
`soffice` must be on PATH (or named by `TAILOR_SOFFICE`), and asking for PDF
without it is one clear error.

Each conversion runs in a throw-away folder with its own LibreOffice profile,
so it neither touches the user's LibreOffice settings nor collides with a
LibreOffice the user has open (or with another tailor process converting at
the same time).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tailor.errors import PdfError

INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
    "macOS: brew install --cask libreoffice) or set TAILOR_SOFFICE to its soffice program, "
    "or choose --format md,docx"
)
TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    named = os.environ.get("TAILOR_SOFFICE")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.is_file() else None


def require_soffice() -> str:
    found = find_soffice()
    if found is None:
        raise PdfError.at(
            None, "--format pdf", f"needs LibreOffice, which was not found: {INSTALL_HINT}"
        )
    return found


def docx_to_pdf(documents: dict[str, bytes], *, soffice: str | None = None) -> dict[str, bytes]:
    """Convert DOCX files (name -> bytes) in one LibreOffice run; name.pdf -> bytes.

    One run for many files: LibreOffice takes a second or two to start, and
    converts each further document in a fraction of that.
    """
    if not documents:
        return {}
    program = soffice or require_soffice()
    with tempfile.TemporaryDirectory(prefix="tailor-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for n, (name, data) in enumerate(documents.items()):
            source = folder / f"{n:05d}.docx"
            source.write_bytes(data)
            sources.append((name, source))
        profile = (folder / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder / "pdf"),
            *(str(source) for _, source in sources),
        ]
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfError.at(
                program, None, f"LibreOffice did not finish within {TIMEOUT_SECONDS} s; try again"
            ) from None
        except OSError as exc:
            raise PdfError.at(program, None, f"cannot run LibreOffice ({exc.strerror})") from None
        out: dict[str, bytes] = {}
        for name, source in sources:
            pdf = folder / "pdf" / f"{source.stem}.pdf"
            if not pdf.is_file():
                detail = (run.stderr or run.stdout).decode("utf-8", "replace").strip()
                detail = detail.splitlines()[-1] if detail else f"exit code {run.returncode}"
                raise PdfError.at(program, None, f"LibreOffice could not convert {name}: {detail}")
            out[str(Path(name).with_suffix(".pdf"))] = pdf.read_bytes()
        return out


def convert_groups(groups: Sequence[Mapping[str, bytes]]) -> list[dict[str, bytes] | PdfError]:
    """Each group's DOCX files (stem -> bytes) as PDF (stem -> bytes), in one LibreOffice
    run for all groups; if that run fails, group by group, so that only a group
    LibreOffice cannot convert fails (its error in its place).

    A lone group's files go to LibreOffice under their own names, which its errors
    quote; a batch's are numbered, as the groups' stems repeat.
    """
    names: dict[str, tuple[int, str]] = {}  # file name -> (group, stem)
    docs: dict[str, bytes] = {}
    for n, group in enumerate(groups):
        for stem, data in group.items():
            name = f"{stem}.docx" if len(groups) == 1 else f"{len(docs):05d}.docx"
            names[name] = (n, stem)
            docs[name] = data
    out: list[dict[str, bytes] | PdfError] = [{} for _ in groups]
    try:
        pdfs = docx_to_pdf(docs)
    except PdfError as exc:
        if len(groups) == 1:
            return [exc]
        pdfs = {}
        for n in {n for n, _ in names.values()}:
            try:
                pdfs.update(docx_to_pdf({k: d for k, d in docs.items() if names[k][0] == n}))
            except PdfError as group_exc:
                out[n] = group_exc
    for name, pdf in pdfs.items():
        n, stem = names[name.removesuffix(".pdf") + ".docx"]
        group_pdfs = out[n]
        if not isinstance(group_pdfs, PdfError):
            group_pdfs[stem] = pdf
    return out


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def last_page_fill(data: bytes) -> float:
    """How far down its last page a PDF's text goes, as a share of the page's height
    (the baseline of its lowest line; 0 for a page without text)."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[-1]
    height = float(page.mediabox.height)
    lowest = height

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        nonlocal lowest
        if text.strip():
            y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
            lowest = min(lowest, y)

    page.extract_text(visitor_text=visit)
    return (height - lowest) / height if height else 0.0
