"""How well does `tailor profile import` read résumés back into a profile?

The résumés are built from sources whose truth is known: each example profile
(profiles/example*.yaml) rendered

* by tailor itself: `tailor resume … --pages any` with the classic and modern
  templates, as Markdown, DOCX and PDF (LibreOffice's conversion of the DOCX);
* by other means: an HTML one-column layout with dates at the right margin and
  an HTML two-column layout (sidebar with contact, skills and education), both
  printed to PDF by Chromium; and a DOCX built with python-docx whose role
  headers are table rows (employer | dates) rather than paragraphs;
* by another résumé tool (optional): RenderCV (PyPI `rendercv[full]`), each
  profile converted here to RenderCV's `cv:` YAML and typeset with each of its
  Typst themes. RenderCV is a benchmark-only tool, never a tailor dependency:
  it is looked for in the interpreter named by $RENDERCV_PYTHON (else this
  one), e.g. `python -m venv /tmp/rcv && /tmp/rcv/bin/pip install
  "rendercv[full]" click` then `RENDERCV_PYTHON=/tmp/rcv/bin/python`. Offline,
  its Font Awesome icon package (fetched by Typst from packages.typst.org)
  cannot be downloaded, so the icons are stubbed out; the text is unchanged.

The source profile is the gold, restricted to what the document shows (a
value the résumé does not print cannot be read back). Printed per layout kind
(single- vs two-column): field precision/recall/F1 per section (basics: name,
email, phone, location; work: employer, title, start, end; education:
institution, degree, start, end; skills), highlight text recall, the share of
imported values not found in the document's text (dates aside, which are
reformatted; must be 0), and seconds per résumé (import only).

Needs LibreOffice (`soffice`) for the PDFs of tailor's templates, Chromium
for the HTML layouts and RenderCV for its themes; a missing one is reported and
its résumés are skipped. Figures are printed per layout and maker group
("built here": tailor's templates and the layouts above; "RenderCV").

Usage:
    python benchmarks/import.py [--keep DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = {
    "example.yaml": "nlp-engineer-lumen.txt",
    "example-nurse.yaml": "staff-nurse-riverside.txt",
    "example-teacher.yaml": "data-analyst-northwind.txt",
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Doc:
    path: Path
    profile: Path
    layout: str
    """"single" or "two-column"."""
    maker: str
    origin: Path | None = None
    """The document it was printed from (DOCX, HTML): the text it must be read as."""
    group: str = "built here"
    """Who made the layout: "built here" or another tool's name, reported apart."""
    also: Path | None = None
    """The maker's own plain rendering of the same résumé (RenderCV's Markdown): a value
    counts as printed if either text has it, since pdfplumber's text runs a right-hand
    date column into the sentence beside it."""


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def figures(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Totals:
    sections: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    highlights: Score = field(default_factory=Score)
    values: int = 0
    invented: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    docs: int = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build the résumés here and keep them")
    parser.add_argument("--verbose", action="store_true", help="print each miss")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="tailor-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    docs = build_corpus(work)
    if not docs:
        print("no résumés could be built")
        return 1
    from tailor.importer.read import import_file
    from tailor.profile.load import load_profile

    # Warm the imports once per format (pdfplumber, python-docx, the word list that decides
    # line-break hyphens): the figure is per résumé, not a process's start-up, which
    # `benchmarks/speed.py`-style cold runs measure. The cold first import is printed too.
    cold: dict[str, float] = {}
    for doc in docs:
        suffix = doc.path.suffix.lower()
        if suffix not in cold:
            started = time.perf_counter()
            import_file(doc.path)
            cold[suffix] = time.perf_counter() - started
    from tailor.importer.lexicon import is_lexeme, is_word

    started = time.perf_counter()
    is_word("xylophonic"), is_lexeme("xylophonic")  # loaded at the first broken word
    cold["word list"] = time.perf_counter() - started
    print("first import of each format (start-up included): " + ", ".join(
        f"{suffix} {seconds:.2f} s" for suffix, seconds in sorted(cold.items())
    ))  # fmt: skip
    totals: dict[str, Totals] = defaultdict(Totals)
    for doc in docs:
        gold = load_profile(doc.profile)
        text = document_text(doc.origin or doc.path)
        if doc.also is not None:
            text += " \n " + document_text(doc.also)
        started = time.perf_counter()
        result = import_file(doc.path)
        elapsed = time.perf_counter() - started
        assert result.draft is not None
        from tailor.importer.build import as_data

        predicted = as_data(result.draft)
        total = totals[f"{doc.layout} · {doc.group}"]
        total.docs += 1
        total.seconds.append(elapsed)
        misses: list[str] = []
        score_doc(gold.model_dump(exclude_none=True), predicted, text, total, misses)
        if args.verbose and misses:
            print(f"--- {doc.maker}: {doc.path.name}")
            for miss in misses:
                print("   ", miss)
    report(totals)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


# ---------------------------------------------------------------- the corpus


def build_corpus(work: Path) -> list[Doc]:
    docs: list[Doc] = []
    soffice = shutil.which("soffice")
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome")
                     if shutil.which(c)), None)  # fmt: skip
    if soffice is None:
        print("soffice not found: tailor's PDF résumés are skipped")
    if chromium is None:
        print("chromium not found: the HTML layouts are skipped")
    for name, posting in POSTINGS.items():
        profile = ROOT / "profiles" / name
        stem = profile.stem
        for template in ("classic", "modern"):
            out = work / f"{stem}-{template}"
            formats = "md,docx,pdf" if soffice else "md,docx"
            if not any(out.rglob("resume.docx")):
                subprocess.run(
                    [sys.executable, "-m", "tailor", "resume", str(ROOT / "examples" / "postings"
                     / posting), "--profile", str(profile), "--format", formats, "--out",
                     str(out), "--template", template, "--pages", "any"],
                    check=True, capture_output=True, env=_env(),
                )  # fmt: skip
            for path in sorted(out.rglob("resume.*")):
                if path.suffix in (".md", ".docx", ".pdf") and ".left-out" not in path.name:
                    origin = path.with_suffix(".docx") if path.suffix == ".pdf" else None
                    docs.append(
                        Doc(path, profile, "single", f"tailor {template} {path.suffix}", origin)
                    )
        table_docx = work / f"{stem}-table.docx"
        if not table_docx.exists():
            build_table_docx(profile, table_docx)
        docs.append(Doc(table_docx, profile, "single", "python-docx table rows .docx"))
        if chromium:
            for layout in ("single", "two-column"):
                pdf = work / f"{stem}-html-{layout}.pdf"
                if not pdf.exists():
                    page = work / f"{stem}-html-{layout}.html"
                    page.write_text(build_html(profile, two_columns=layout != "single"), "utf-8")
                    subprocess.run(
                        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                         f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
                        check=True, capture_output=True, timeout=120,
                    )  # fmt: skip
                origin = work / f"{stem}-html-{layout}.html"
                docs.append(Doc(pdf, profile, layout, f"chromium html {layout} .pdf", origin))
    docs.extend(build_rendercv(work))
    return docs


# RenderCV's Typst themes; moderncv puts the dates in a left margin column.
RENDERCV_THEMES = ("classic", "sb2nov", "engineeringresumes", "engineeringclassic", "moderncv")
_RENDERCV_NETWORKS = {"LinkedIn", "GitHub", "GitLab", "Mastodon", "ORCID", "StackOverflow"}
# Run by RenderCV's interpreter: YAML -> Typst source (RenderCV's CLI), then the
# Typst compile RenderCV would do, with the network-only icon package stubbed.
_RENDERCV_DRIVER = """
import pathlib, re, subprocess, sys
import rendercv_fonts, typst
source, pdf = map(pathlib.Path, sys.argv[1:3])
typ = pdf.with_suffix(".typ")
subprocess.run([sys.executable, "-m", "rendercv", "render", str(source), "-nopdf", "-nopng",
                "-nohtml", "--typst-path", str(typ), "--markdown-path",
                str(pdf.with_suffix(".md"))], check=True, cwd=source.parent, capture_output=True)
text = re.sub(r'#import "@preview/fontawesome:[^"]*": fa-icon',
              "#let fa-icon(..args) = []", typ.read_text(encoding="utf-8"))
typ.write_text(text, encoding="utf-8")
typst.compile(str(typ), output=str(pdf), font_paths=rendercv_fonts.paths_to_font_folders)
"""


def build_rendercv(work: Path) -> list[Doc]:
    """Each example profile typeset by each RenderCV theme (skipped when RenderCV is absent)."""
    python = os.environ.get("RENDERCV_PYTHON") or sys.executable
    probe = subprocess.run(
        [python, "-c", "import rendercv.cli.commands, rendercv_fonts, typst"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        print("RenderCV not found (set RENDERCV_PYTHON to a Python with rendercv[full]): "
              "its themes are skipped")  # fmt: skip
        return []
    import yaml

    docs: list[Doc] = []
    for name in POSTINGS:
        profile = ROOT / "profiles" / name
        for theme in RENDERCV_THEMES:
            folder = work / f"{profile.stem}-rendercv-{theme}"
            pdf = folder / "cv.pdf"
            if not (pdf.exists() and pdf.with_suffix(".md").exists()):
                folder.mkdir(parents=True, exist_ok=True)
                source = folder / "cv.yaml"
                data = {"cv": rendercv_cv(profile), "design": {"theme": theme}}
                source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
                subprocess.run(
                    [python, "-c", _RENDERCV_DRIVER, str(source), str(pdf)],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
            docs.append(
                Doc(pdf, profile, "single", f"rendercv {theme} .pdf", group="RenderCV",
                    also=pdf.with_suffix(".md"))
            )  # fmt: skip
    return docs


def rendercv_cv(profile_path: Path) -> dict[str, Any]:
    """The profile in RenderCV's `cv:` schema (its field names, its section kinds)."""
    from tailor.profile.load import load_profile

    p = load_profile(profile_path)
    b = p.basics
    cv: dict[str, Any] = {"name": b.name}
    if b.location and b.location.city:
        cv["location"] = ", ".join(x for x in (b.location.city, b.location.region) if x)
    for key, value in (("email", b.email), ("phone", b.phone), ("website", b.url)):
        if value:
            cv[key] = value
    networks = [
        {"network": s.network, "username": s.username}
        for s in b.profiles
        if s.network in _RENDERCV_NETWORKS and s.username
    ]
    if networks:
        cv["social_networks"] = networks
    sections: dict[str, Any] = {}
    if b.summary:
        sections["summary"] = [b.summary]
    sections["experience"] = [
        {
            "company": w.name,
            "position": w.position,
            **({"location": w.location} if w.location else {}),
            **_rendercv_dates(w),
            "highlights": list(w.highlights),
        }
        for w in p.work
    ]
    sections["education"] = [
        {
            "institution": x.institution,
            "area": x.area or "",
            **({"degree": x.studyType} if x.studyType else {}),
            **_rendercv_dates(x),
        }
        for x in p.education
    ]
    # One entry kind per section: a skill without keywords (none in the examples) is left
    # out, and so out of the gold too (the gold is what the document shows).
    sections["skills"] = [
        {"label": s.name, "details": ", ".join(s.keywords)} for s in p.skills if s.keywords
    ]
    languages = [f"{x.language} ({x.fluency})" if x.fluency else x.language for x in p.languages]
    if languages:
        sections["languages"] = [", ".join(x for x in languages if x)]
    cv["sections"] = sections
    return cv


def _rendercv_dates(entry: Any) -> dict[str, str]:
    start = getattr(entry, "startDate", None)
    if not start:
        return {}
    return {"start_date": start, "end_date": getattr(entry, "endDate", None) or "present"}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _month(date: str | None) -> str:
    if not date:
        return "Present"
    if len(date) >= 7:
        return f"{_MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    return date[:4]


def _dates(entry: Any) -> str:
    start = getattr(entry, "startDate", None)
    if not start:
        return ""
    return f"{_month(start)} – {_month(getattr(entry, 'endDate', None))}"


def build_html(profile_path: Path, *, two_columns: bool) -> str:
    """A résumé page made without tailor: employer and dates on one flex row."""
    from tailor.profile.load import load_profile

    p = load_profile(profile_path)
    b = p.basics
    e = html.escape
    contact = [x for x in (b.email, b.phone) if x]
    if b.location and b.location.city:
        contact.append(", ".join(x for x in (b.location.city, b.location.region) if x))
    links = [x for x in [b.url, *(s.url for s in b.profiles)] if x]
    skills = "".join(
        f"<p><b>{e(s.name or '')}</b>: {e(', '.join(s.keywords))}</p>" if s.keywords
        else f"<p>{e(s.name or '')}</p>"
        for s in p.skills
    )  # fmt: skip
    education = "".join(
        f"<div class='row'><b>{e(x.institution or '')}</b><span>{_dates(x)}</span></div>"
        f"<p>{e(' in '.join(v for v in (x.studyType, x.area) if v))}</p>"
        for x in p.education
    )
    work = "".join(
        f"<div class='row'><b>{e(w.name or '')}</b><span>{_dates(w)}</span></div>"
        f"<p><i>{e(w.position or '')}</i></p>"
        f"<ul>{''.join(f'<li>{e(h)}</li>' for h in w.highlights)}</ul>"
        for w in p.work
    )
    languages = ", ".join(
        f"{x.language} ({x.fluency})" if x.fluency else (x.language or "") for x in p.languages
    )
    side = (
        f"<h2>Contact</h2>{''.join(f'<p>{e(c)}</p>' for c in contact + links)}"
        f"<h2>Skills</h2>{skills}<h2>Education</h2>{education}"
        + (f"<h2>Languages</h2><p>{e(languages)}</p>" if languages else "")
    )
    main = (
        f"<h2>Summary</h2><p>{e(b.summary)}</p>" if b.summary else ""
    ) + f"<h2>Work History</h2>{work}"
    style = (
        "body{font-family:'DejaVu Serif',serif;font-size:10pt;margin:0}"
        "h1{font-size:22pt;margin:0 0 4pt}h2{font-size:12pt;text-transform:uppercase;"
        "border-bottom:1px solid #999;margin:10pt 0 4pt}p{margin:2pt 0}"
        ".row{display:flex;justify-content:space-between}ul{margin:2pt 0;padding-left:14pt}"
    )
    if two_columns:
        style += (
            ".wrap{display:flex;gap:18pt}.side{width:30%;font-size:9pt}.main{width:70%}"
            ".side .row{display:block}.side .row span{display:block}"
        )
        body = (
            f"<h1>{e(b.name)}</h1><p>{e(b.label or '')}</p>"
            f"<div class='wrap'><div class='side'>{side}</div><div class='main'>{main}</div></div>"
        )
    else:
        body = (
            f"<h1>{e(b.name)}</h1><p>{e(b.label or '')}</p>"
            f"<p>{' | '.join(e(c) for c in contact + links)}</p>{main}"
            f"<h2>Education</h2>{education}<h2>Skills</h2>{skills}"
        )
    return (
        f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>"
    )


def build_table_docx(profile_path: Path, out: Path) -> None:
    """A Word résumé whose role headers are two-cell table rows: employer | dates."""
    import docx

    from tailor.profile.load import load_profile

    p = load_profile(profile_path)
    b = p.basics
    document = docx.Document()
    document.add_heading(b.name, level=0)
    contact = [x for x in (b.email, b.phone, b.url) if x]
    document.add_paragraph(" | ".join(contact))
    if b.summary:
        document.add_heading("Professional Summary", level=1)
        document.add_paragraph(b.summary)
    document.add_heading("Employment History", level=1)
    for w in p.work:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = w.name or ""
        table.rows[0].cells[1].text = _dates(w)
        document.add_paragraph(w.position or "").runs[0].italic = True
        for h in w.highlights:
            document.add_paragraph(h, style="List Bullet")
    document.add_heading("Education", level=1)
    for x in p.education:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = x.institution or ""
        table.rows[0].cells[1].text = _dates(x)
        document.add_paragraph(" in ".join(v for v in (x.studyType, x.area) if v))
    document.add_heading("Skills", level=1)
    for s in p.skills:
        text = f"{s.name}: {', '.join(s.keywords)}" if s.keywords else (s.name or "")
        document.add_paragraph(text, style="List Bullet")
    document.save(str(out))


# ---------------------------------------------------------------- scoring


def document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            raw = _BROKEN.sub(
                _UNREADABLE, "\n".join(page.extract_text() or "" for page in pdf.pages)
            )
    elif path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
        raw = "\n".join(parts)
    elif path.suffix == ".html":
        source = re.sub(r"<(?:p|li|h\d|div|span)\b", r" \g<0>", path.read_text(encoding="utf-8"))
        raw = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<style>.*?</style>", "", source)))
    else:
        raw = path.read_text(encoding="utf-8").replace("*", "").replace("#", "")
    return norm(raw)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_BROKEN = re.compile(r"(?<=[^\W\d_])(?:-\n(?=[a-z])|\u00ad\s+(?=[^\W\d_]))")
"""A word hyphenated where a printed line broke ("trans-\nformer", or a soft hyphen):
the PDF's text cannot say whether the word has that hyphen ("cross-\nfunctional"),
so no value may be found across it there; the source the PDF was printed from (or the
maker's own plain rendering) has the word whole and decides."""
_UNREADABLE = "\ufffc"


def norm(text: str) -> str:
    """Whitespace collapsed, typographic quotes made plain (Typst curls "it's") and
    invisible characters (soft hyphens, zero-width spaces) dropped: a reader never sees
    them, so a value is the same with or without them."""
    return " ".join(text.replace("\u00a0", " ").translate(_QUOTES).translate(_INVISIBLE).split())


def shown(value: str | None, text: str) -> bool:
    return bool(value) and norm(value) in text


def score_doc(
    gold: dict[str, Any], predicted: dict[str, Any], text: str, total: Totals, misses: list[str]
) -> None:
    gb, pb = gold.get("basics", {}), predicted.get("basics", {})
    basics = Score()
    for key in ("name", "email"):
        _field(basics, gb.get(key) if shown(gb.get(key), text) else None, pb.get(key),
               f"basics.{key}", misses)  # fmt: skip
    # A phone number is the same number in any format ("+1 206 555 0142" is printed
    # "(206) 555-0142" by RenderCV): compared by its last ten digits.
    gold_phone, pred_phone = _number(gb.get("phone")), _number(pb.get("phone"))
    shown_phone = gold_phone if gold_phone and gold_phone in re.sub(r"\D", "", text) else None
    _field(basics, shown_phone, pred_phone, "basics.phone", misses)
    gl, pl = gb.get("location") or {}, pb.get("location") or {}
    gold_place = (gl.get("city"), gl.get("region")) if shown(gl.get("city"), text) else None
    pred_place = (pl.get("city"), pl.get("region")) if pl else None
    _field(basics, gold_place, pred_place, "basics.location", misses)
    total.sections["basics"].add(basics)
    work_fields = {"employer": "name", "title": "position", "start": "startDate", "end": "endDate"}
    total.sections["work"].add(
        _entries(
            gold.get("work", []),
            predicted.get("work", []),
            work_fields,
            "name",
            text,
            "work",
            misses,
        )
    )
    school_fields = {
        "institution": "institution", "degree": "studyType", "start": "startDate",
        "end": "endDate",
    }  # fmt: skip
    total.sections["education"].add(
        _entries(
            gold.get("education", []),
            predicted.get("education", []),
            school_fields,
            "institution",
            text,
            "education",
            misses,
        )
    )
    total.sections["skills"].add(_skills(gold, predicted, text, misses))
    shown_work = [w for w in gold.get("work", []) if shown(w.get("name"), text)]
    gold_highlights = {
        norm(h) for w in shown_work for h in w.get("highlights", []) if shown(h, text)
    }
    pred_highlights = {norm(h) for w in predicted.get("work", []) for h in w.get("highlights", [])}
    found = gold_highlights & pred_highlights
    total.highlights.add(Score(len(found), len(pred_highlights), len(gold_highlights)))
    misses.extend(f"highlight missed: {h[:90]}" for h in sorted(gold_highlights - found))
    for value in _leaves(predicted):
        total.values += 1
        if not shown(value, text):
            total.invented.append(value)
            misses.append(f"not in the source text: {value[:90]!r}")


def _number(phone: str | None) -> str | None:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-10:] if len(digits) >= 7 else None


def _field(score: Score, gold: Any, pred: Any, name: str, misses: list[str]) -> None:
    score.gold += gold is not None
    score.predicted += pred is not None
    if gold is not None and pred == gold:
        score.tp += 1
    elif gold is not None or pred is not None:
        misses.append(f"{name}: read {pred!r}, gold {gold!r}")


def _entries(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], fields: dict[str, str],
    anchor: str, text: str, section: str, misses: list[str],
) -> Score:  # fmt: skip
    """Field matches of predicted entries paired with the gold entries the document shows."""

    def values(entry: dict[str, Any], is_gold: bool) -> dict[str, str]:
        out = {f: entry.get(k) for f, k in fields.items() if entry.get(k)}
        if is_gold and entry.get("startDate") and not entry.get("endDate"):
            out["end"] = "present"  # written "Present" by every layout here
        return out

    shown_gold = [values(g, True) for g in gold if shown(g.get(anchor), text)]
    score = Score()
    score.gold = sum(len(g) for g in shown_gold)
    unused = list(range(len(shown_gold)))
    for entry in predicted:
        mine = values(entry, False)
        score.predicted += len(mine)
        best, best_hits = None, 0
        for index in unused:
            hits = sum(1 for f, v in mine.items() if shown_gold[index].get(f) == v)
            if hits > best_hits:
                best, best_hits = index, hits
        if best is None:
            misses.append(f"{section}: entry matches no source entry: {mine}")
            continue
        unused.remove(best)
        score.tp += best_hits
        for f in set(mine) | set(shown_gold[best]):
            if mine.get(f) != shown_gold[best].get(f):
                misses.append(
                    f"{section}.{f}: read {mine.get(f)!r}, gold {shown_gold[best].get(f)!r}"
                )
    for index in unused:
        misses.append(f"{section}: entry not read: {shown_gold[index]}")
    return score


def _skills(gold: dict[str, Any], predicted: dict[str, Any], text: str, misses: list[str]) -> Score:
    every = {
        norm(x)
        for s in gold.get("skills", [])
        for x in [s.get("name"), *s.get("keywords", [])]
        if x
    }
    gold_set = {x for x in every if shown(x, text)}
    pred = {
        norm(x)
        for s in predicted.get("skills", [])
        for x in [s.get("name"), *s.get("keywords", [])]
        if x
    }
    misses.extend(f"skills: read {x!r}, not a skill in the source" for x in sorted(pred - every))
    misses.extend(f"skills: missed {x!r}" for x in sorted(gold_set - pred))
    return Score(len(pred & gold_set), len(pred), len(gold_set))


_ISO = re.compile(r"^(?:\d{4}(?:-\d{2}){0,2}|present)$")


def _leaves(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    if isinstance(value, str) and not _ISO.match(value):
        return [value]
    return []


def report(totals: dict[str, Totals]) -> None:
    order = {"built here": 0}
    for layout, total in sorted(
        totals.items(),
        key=lambda kv: (order.get(kv[0].split(" · ")[-1], 1), not kv[0].startswith("single")),
    ):
        print(f"\n{layout} ({total.docs} résumés)")
        print(f"  {'section':<11} {'precision':>9} {'recall':>7} {'F1':>6}")
        fields = Score()
        for name in ("basics", "work", "education", "skills"):
            score = total.sections[name]
            fields.add(score)
            p, r, f = score.figures()
            print(f"  {name:<11} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
        p, r, f = fields.figures()
        print(f"  {'all fields':<11} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
        hp, hr, _ = total.highlights.figures()
        print(f"  highlight text recall {hr:.3f} (precision {hp:.3f})")
        share = len(total.invented) / total.values if total.values else 0.0
        print(f"  values not in the source text: {len(total.invented)} of {total.values} "
              f"({share:.2%})")  # fmt: skip
        seconds = sorted(total.seconds)
        print(f"  seconds per résumé: mean {sum(seconds) / len(seconds):.3f}, "
              f"median {statistics.median(seconds):.3f}, max {seconds[-1]:.3f}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
