"""Résumé selection under a page budget: does it keep the facts that back the posting?

For every posting x profile pair of the labelled alignment set
(`../shared/data/alignment/gold.jsonl`), the résumé is composed and fitted to
`--pages` (default 2) on the classic DOCX template, exactly as `tailor resume`
does, and the facts it left out are compared with the gold:

- kept_required: share of résumés that keep every fact labelled as *directly*
  backing a *required* line (target 100 % where those facts fit the budget);
- kept_all: the same for every labelled line (required, preferred, unspecified);
- lost facts: how many gold-backing facts were left out, over all résumés;
- pages: the layout's estimate of pages used, and the fill of the last page
  (no page under 60 % full unless the profile is short);
- order: within each job and project, how the bullets are ordered against the gold
  weight of each (the lines it directly backs, required 3, preferred 2, other 1.5; a
  partial backing counts half): the share of bullet pairs of unequal weight in the right
  order, and the share of entries whose first bullet backs a line, beside the same
  figures for the profile's own order (what a résumé that reorders nothing gets).

With `--pdf`, each résumé is also converted by LibreOffice and its real page count
and last-page fill (from pdfplumber-free pypdf text positions: the lowest text line)
are printed beside the estimate.

    python benchmarks/resume_selection.py [--pages 2] [--show 5] [--pdf [--verbose]]

Needs ../shared (the gold and the dev postings); says so and stops without it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data/alignment/gold.jsonl"
POSTINGS = SHARED / "data/postings/postings-dev.jsonl"

_REF = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?")


def lost(ref: str, cuts: list, context_skills: list) -> bool:  # type: ignore[type-arg]
    """Whether gold `ref` is among what the budget left out (`cuts`)."""
    m = _REF.match(ref)
    if not m:
        return False  # basics.*, never cut
    section, entry, field, item = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    for cut in cuts:
        if section == "skills" and cut.section == "skills":
            if cut.ref != f"skills[{entry}]":
                continue
            if cut.part == "entry" or field != "keywords":
                return True
            return True if item is None else _keyword_cut(cut, int(item), entry, context_skills)
        if cut.section != section:
            continue
        if cut.part == "entry" and cut.ref == f"{section}[{entry}]":
            return True
        if cut.part in ("bullet", "summary") and (cut.ref == ref or ref.startswith(cut.ref + ".")):
            if section == "education":  # degree details: grade and courses only
                return field in ("score", "courses")
            return True
    return False


def _keyword_cut(cut, item: int, entry: int, profile_skills: list) -> bool:  # type: ignore[no-untyped-def]
    keyword = profile_skills[entry].keywords[item]
    return keyword in cut.text.split(": ", 1)[-1].split(", ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--show", type=int, default=5, help="lost facts to print")
    parser.add_argument("--pdf", action="store_true", help="also convert with LibreOffice")
    parser.add_argument("--verbose", action="store_true", help="with --pdf: one line per pair")
    args = parser.parse_args()
    if not GOLD.is_file() or not POSTINGS.is_file():
        sys.exit(f"{GOLD} or {POSTINGS} is not here: nothing to measure")

    from tailor.fitting.fit import fit_docx
    from tailor.pipeline import compose, prepare
    from tailor.render.docx import render_docx_bytes
    from tailor.render.templates import find_template, search_path

    postings = {}
    with POSTINGS.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            postings[row["id"]] = row
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        pairs[(row["posting_id"], row["profile"])].append(row)
    template = find_template("resume", "classic", "docx", search_path())

    kept_required = kept_all = 0
    lost_required: list[tuple[str, str, str]] = []
    lost_any = 0
    extents: list[float] = []
    order = {"tailor": [0, 0, 0], "profile": [0, 0, 0]}  # right pairs, pairs, first backs
    entries_with_backing = 0
    pdf_pages: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for (posting_id, profile), rows in sorted(pairs.items()):
            if posting_id.startswith("shared:"):
                text = (SHARED / "postings" / f"{posting_id[7:]}.txt").read_text(encoding="utf-8")
                company = title = None
            else:
                row = postings[posting_id]
                text, company, title = row["description"], row.get("company"), row.get("title")
            source = Path(tmp) / "posting.txt"
            source.write_text(text, encoding="utf-8")
            prepared = prepare(source, ROOT / profile, company=company, title=title)
            composed = compose(prepared, "resume")
            done = fit_docx(
                composed.context,  # type: ignore[arg-type]
                composed.cuts,
                args.pages,
                lambda context: render_docx_bytes(template, context),
            )
            cuts = done.fitted.left_out
            skills = prepared.profile.skills
            required = {
                s["ref"]
                for r in rows
                if r["importance"] == "required"
                for s in r["support"]
                if s["strength"] == "direct"
            }
            every = {s["ref"] for r in rows for s in r["support"] if s["strength"] == "direct"}
            gone_required = sorted(ref for ref in required if lost(ref, cuts, skills))
            gone_any = [ref for ref in every if lost(ref, cuts, skills)]
            kept_required += not gone_required
            kept_all += not gone_any
            lost_any += len(gone_any)
            lost_required += [(posting_id, Path(profile).stem, ref) for ref in gone_required]
            extents.append(done.fitted.layout.extent)
            entries_with_backing += _order(composed.context, prepared.profile, rows, order)
            if args.pdf:
                pdf_pages.append(_pdf_pages(done.docx))
                if args.verbose:
                    print(
                        f"  {posting_id} {Path(profile).stem}: left out {len(cuts)}, "
                        f"estimate {done.fitted.layout.extent:.2f} pages, LibreOffice "
                        f"{pdf_pages[-1][0]} pages, last {pdf_pages[-1][1]:.0%} full"
                    )
    n = len(pairs)
    print(f"pairs={n} pages={args.pages}")
    print(
        f"kept_required={kept_required}/{n} ({kept_required / n:.0%}) "
        f"kept_all={kept_all}/{n} ({kept_all / n:.0%}) "
        f"lost_required_facts={len(lost_required)} lost_facts={lost_any}"
    )
    last = [e - int(e) if e != int(e) else 1.0 for e in extents]
    print(
        f"estimate: pages mean={sum(extents) / n:.2f} "
        f"last page under 60% full={sum(1 for e, f in zip(extents, last, strict=True) if e > 1 and f < 0.6)}"
    )
    for name, (right, total, first) in order.items():
        print(
            f"order ({name}): pairs right={right}/{total} ({right / max(total, 1):.0%}) "
            f"first bullet backs={first}/{entries_with_backing} "
            f"({first / max(entries_with_backing, 1):.0%})"
        )
    if pdf_pages:
        over = sum(1 for p, _ in pdf_pages if p > args.pages)
        thin = sum(1 for p, fill in pdf_pages if p > 1 and fill < 0.6)
        print(f"libreoffice: over budget={over}/{n} last page under 60% full={thin}")
    for posting_id, profile, ref in lost_required[: args.show]:
        print(f"  lost {profile} {posting_id} {ref}")


_WEIGHT = {"required": 3.0, "preferred": 2.0, "unspecified": 1.5}


def _order(context, profile, rows, order) -> int:  # type: ignore[no-untyped-def]
    """Adds to `order` how each job's and project's bullets are ordered against their gold
    weight, in the résumé and in the profile; returns how many entries have a bullet
    that backs a line."""
    weight: dict[str, float] = defaultdict(float)
    for r in rows:
        for s in r["support"]:
            weight[s["ref"]] += _WEIGHT[r["importance"]] * (
                1.0 if s["strength"] == "direct" else 0.5
            )
    counted = 0
    for section, shown, items in (
        ("work", context.work, [job.highlights for job in profile.work]),
        ("projects", context.projects, [p.highlights for p in profile.projects]),
    ):
        for entry in shown:
            index = next(
                (i for i, bullets in enumerate(items) if sorted(bullets) == sorted(entry.bullets)),
                None,
            )
            if index is None or len(entry.bullets) < 2:
                continue
            original = items[index]
            w = [
                weight.get(f"{section}[{index}].highlights[{original.index(b)}]", 0.0)
                for b in original
            ]
            if not any(w):
                continue
            counted += 1
            mine = [w[original.index(b)] for b in entry.bullets]
            for name, seq in (("tailor", mine), ("profile", w)):
                pairs = [(a, b) for i, a in enumerate(seq) for b in seq[i + 1 :] if a != b]
                order[name][0] += sum(1 for a, b in pairs if a > b)
                order[name][1] += len(pairs)
                order[name][2] += seq[0] > 0
    return counted


def _pdf_pages(docx: bytes) -> tuple[int, float]:
    """LibreOffice's page count of `docx` and how far down its last page the text goes."""
    import io

    from pypdf import PdfReader

    from tailor.render.pdf import docx_to_pdf

    pdf = next(iter(docx_to_pdf({"resume": docx}).values()))
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[-1]
    height = float(page.mediabox.height)
    lowest = height

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        nonlocal lowest
        if text.strip():
            lowest = min(lowest, tm[5])

    page.extract_text(visitor_text=visit)
    return len(reader.pages), (height - lowest) / height


if __name__ == "__main__":
    main()
