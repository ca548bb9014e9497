"""Does `tailor resume --pages N` fit N pages when LibreOffice lays it out?

For each example profile × posting × style × budget (1, 2, any) this builds the
résumé DOCX the way `tailor resume --format docx` does, converts every DOCX to
PDF with LibreOffice in one run, and compares:

* budget kept: LibreOffice's page count ≤ the budget, among résumés the layout
  estimate said fit (must be 100 %; the PDF route re-checks and trims further,
  this benchmark measures the estimate alone);
* estimate error: estimated minus LibreOffice extent, in pages (extent = full
  pages + the used share of the last one; positive = the estimate is cautious);
* how much was left out, and the time the fitting took.

Postings: the repository's examples, plus `--dev N` postings from
`../shared/data/postings/postings-dev.jsonl` when it exists.
Needs LibreOffice (`soffice`) and poppler's `pdftotext`; exits with a message otherwise.

Usage:
    python benchmarks/pages.py [--dev 6]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sample_postings import sample_postings

ROOT = Path(__file__).resolve().parents[1]
_LINE = re.compile(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">')
_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.DOTALL)


def real_extent(pdf: Path, margin_pt: float) -> tuple[int, float]:
    """LibreOffice's pages, and the extent: full pages + the used share of the last."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = _PAGE.findall(html)
    height = float(pages[-1][0])
    bottom = max((float(y) for y in _LINE.findall(pages[-1][1])), default=margin_pt)
    usable = height - 2 * margin_pt
    return len(pages), len(pages) - 1 + min(1.0, (bottom - margin_pt) / usable)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=int, default=6, help="dev postings to add (default 6)")
    args = parser.parse_args()
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        sys.exit("pages benchmark: needs LibreOffice (soffice) and pdftotext; skipped")

    from tailor.compose.inputs import DocumentOptions
    from tailor.fitting.layout import measure
    from tailor.pipeline import Request, prepare, tailor_posting
    from tailor.render.pdf import docx_to_pdf
    from tailor.render.templates import search_path

    rows = []
    docs: dict[str, bytes] = {}
    fit_seconds: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for profile in sorted((ROOT / "profiles").glob("example*.yaml")):
            for posting in sample_postings(args.dev, Path(tmp)):
                prepared = prepare(posting, profile)
                for style in ("classic", "modern"):
                    for budget in (1, 2, None):
                        started = time.perf_counter()
                        request = Request(
                            kinds=("resume",),
                            formats=("docx",),
                            template=style,
                            template_dirs=tuple(search_path(None)),
                            options=DocumentOptions(pages=budget),
                        )
                        built = tailor_posting(prepared, request)
                        files = built.files
                        if budget:
                            fit_seconds.append(time.perf_counter() - started)
                        data = files["resume.docx"]
                        name = f"d{len(rows):04d}.docx"
                        docs[name] = data
                        fitted = built.fitted
                        rows.append(
                            {
                                "profile": profile.stem,
                                "posting": posting.stem,
                                "style": style,
                                "budget": budget,
                                "estimate": measure(data).extent,
                                "fits": fitted.fits if fitted else None,
                                "left_out": len(fitted.left_out) if fitted else 0,
                                "name": name,
                            }
                        )
        started = time.perf_counter()
        pdfs = docx_to_pdf(docs)
        convert = time.perf_counter() - started
        folder = Path(tmp) / "pdf"
        folder.mkdir()
        for row in rows:
            pdf = folder / row["name"].replace(".docx", ".pdf")
            pdf.write_bytes(pdfs[row["name"].replace(".docx", ".pdf")])
            row["pages"], row["real"] = real_extent(pdf, margin_pt=2 / 2.54 * 72)

    print(f"résumés: {len(rows)} ({len(docs)} DOCX converted in {convert:.1f} s by LibreOffice)")
    for budget in (1, 2):
        said_fit = [r for r in rows if r["budget"] == budget and r["fits"]]
        kept = [r for r in said_fit if r["pages"] <= budget]
        over = [r for r in rows if r["budget"] == budget and not r["fits"]]
        cut = [r["left_out"] for r in rows if r["budget"] == budget]
        print(
            f"--pages {budget}: budget kept in {len(kept)}/{len(said_fit)} that the estimate "
            f"fitted; {len(over)} reported as not fitting; parts left out: mean "
            f"{statistics.mean(cut):.1f}, max {max(cut)}"
        )
        for r in said_fit:
            if r["pages"] > budget:
                print(
                    f"   over: {r['profile']} × {r['posting']} ({r['style']}): {r['pages']} pages"
                )
    errors = [r["estimate"] - r["real"] for r in rows]
    print(
        f"estimate − LibreOffice extent (pages): mean {statistics.mean(errors):+.3f}, "
        f"min {min(errors):+.3f}, max {max(errors):+.3f}"
    )
    for style in sorted({r["style"] for r in rows}):
        mine = [r for r in rows if r["style"] == style]
        ratio = [r["estimate"] / r["real"] for r in mine if r["real"] > 0]
        print(
            f"   {style}: error mean {statistics.mean(r['estimate'] - r['real'] for r in mine):+.3f}"
            f", estimate / LibreOffice extent min {min(ratio):.3f} mean "
            f"{statistics.mean(ratio):.3f} max {max(ratio):.3f}"
        )
    full = [r for r in rows if r["budget"] is None]
    print(
        "unbudgeted pages (LibreOffice): "
        + ", ".join(
            f"{p}: {max(r['pages'] for r in full if r['profile'] == p)}"
            for p in sorted({r["profile"] for r in full})
        )
    )
    print(
        f"fitting time per budgeted résumé: median {statistics.median(fit_seconds) * 1000:.0f} ms, "
        f"max {max(fit_seconds) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
