"""ATS round trip with real extractors: does everything a tracking system needs survive?

Builds résumés (DOCX, `--pages 2`, both styles) for the example profiles over
the example postings (plus `--dev N` postings from
`../shared/data/postings/postings-dev.jsonl` when present), extracts their text
three ways — python-docx, LibreOffice's plain-text export, and pdftotext on
LibreOffice's PDF — and checks with `tailor.checks.ats` that the name, contact
details, headings, roles and degrees with their dates (in reading order), and
every matched keyword are there. Prints, per extractor, the résumés with every
field intact and the fields lost.

Needs LibreOffice (`soffice`) and poppler's `pdftotext`.

Usage:
    python benchmarks/ats.py [--dev 6]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sample_postings import sample_postings

ROOT = Path(__file__).resolve().parents[1]


def libreoffice_text(docs: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Plain text as LibreOffice exports it (what many ATS converters produce)."""
    for name, data in docs.items():
        (folder / name).write_bytes(data)
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(folder / "txt"),
            *(str(folder / name) for name in docs),
        ],
        capture_output=True,
        check=True,
    )
    return {
        name: (folder / "txt" / name.replace(".docx", ".txt")).read_text(encoding="utf-8-sig")
        for name in docs
    }


def pdf_text(pdfs: dict[str, bytes], folder: Path) -> dict[str, str]:
    out = {}
    for name, data in pdfs.items():
        path = folder / name
        path.write_bytes(data)
        out[name.replace(".pdf", ".docx")] = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=int, default=6, help="dev postings to add (default 6)")
    args = parser.parse_args()
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        sys.exit("ATS benchmark: needs LibreOffice (soffice) and pdftotext; skipped")

    from docx import Document

    from tailor.checks.ats import SECTIONS, expected_fields, missing_fields
    from tailor.compose.inputs import DocumentOptions
    from tailor.pipeline import Request, prepare, tailor_posting
    from tailor.render.pdf import docx_to_pdf
    from tailor.render.templates import search_path

    docs: dict[str, bytes] = {}
    cases: dict[str, tuple[str, list]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for profile in sorted((ROOT / "profiles").glob("example*.yaml")):
            for posting in sample_postings(args.dev, folder):
                prepared = prepare(posting, profile)
                for style in ("classic", "modern"):
                    request = Request(
                        kinds=("resume",),
                        formats=("docx",),
                        template=style,
                        template_dirs=tuple(search_path(None)),
                        options=DocumentOptions(pages=2),
                    )
                    built = tailor_posting(prepared, request)
                    files = built.files
                    assert built.fitted is not None
                    name = f"r{len(docs):04d}.docx"
                    docs[name] = files["resume.docx"]
                    fields = expected_fields(built.fitted.context, SECTIONS[style])
                    cases[name] = (f"{profile.stem} × {posting.stem} ({style})", fields)
        extractions = {
            "python-docx": {
                name: "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
                for name, data in docs.items()
            },
            "LibreOffice text export": libreoffice_text(docs, folder),
            "pdftotext (LibreOffice PDF)": pdf_text(docx_to_pdf(docs), folder),
        }
    total_fields = sum(len(fields) for _, fields in cases.values())
    kinds = Counter(f.kind for _, fields in cases.values() for f in fields)
    print(
        f"résumés: {len(docs)}; fields checked per extractor: {total_fields} "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})"
    )
    for extractor, texts in extractions.items():
        lost = {name: missing_fields(texts[name], fields) for name, (_, fields) in cases.items()}
        intact = sum(1 for problems in lost.values() if not problems)
        n_lost = sum(len(p) for p in lost.values())
        print(f"{extractor}: {intact}/{len(docs)} résumés intact, {n_lost} fields lost")
        for name, problems in lost.items():
            for problem in problems[:3]:
                print(f"   {cases[name][0]}: {problem}")


if __name__ == "__main__":
    main()
