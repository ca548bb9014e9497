"""Letter and résumé quality over real postings: grounding, rubric, copying, variety.

For each posting in ../shared/data/postings/postings-dev.jsonl, the example
profile that fits it best (highest match score among profiles/example*.yaml)
gets a letter and a résumé (Markdown, rendered with the built-in templates).
Printed:

- grounding violations (must be 0): skills or numbers in a document that are
  not in the profile (the same guard that runs before every write);
- rubric pass rate for letters: names the company when known; addresses at
  least min(3, n) posting skills the profile supports with a highlight (n = how
  many it has); 250–400 words; no template artefacts; no repeated sentence;
- copy runs: letters containing a run of 8+ words copied from the posting;
- variety: mean Jaccard similarity of the sentence sets of letters written for
  different postings with the same profile (lower = more varied);
- résumés (DOCX, `--pages 2` as `tailor resume` makes them): how many fit the
  budget by the layout estimate, parts left out, and ATS fields (name, contact,
  headings, roles and dates in order, matched keywords) lost when the DOCX is
  read back with python-docx (must be 0).

Run from the repository root:  python benchmarks/quality.py [--limit N]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data/postings/postings-dev.jsonl"
ARTEFACTS = re.compile(r"\{\{|\{%|\bNone\b|\bnull\b|\[\]|  \S")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


def copy_run(letter: str, posting: str, n: int = 8) -> str | None:
    words = re.findall(r"\w+", posting.lower())
    grams = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    mine = re.findall(r"\w+", letter.lower())
    for i in range(len(mine) - n + 1):
        if tuple(mine[i : i + n]) in grams:
            return " ".join(mine[i : i + n])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print N failing letters")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found: this benchmark needs ../shared/data")

    from docx import Document

    from tailor.analysis.extract import analyze
    from tailor.checks.ats import SECTIONS, expected_fields, missing_fields
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.letter import compose as compose_letter
    from tailor.compose.phrasing import word_count
    from tailor.errors import TailorError
    from tailor.matching.align import match_profile
    from tailor.pipeline import Request, prepare_analysis, tailor_posting
    from tailor.posting.read import Posting
    from tailor.profile.load import load_profile
    from tailor.render.context import LetterContext
    from tailor.render.templates import search_path
    from tailor.skills.taxonomy import load_taxonomy
    from tailor.skills.vectors import load_word_vectors

    profiles = {p.name: load_profile(p) for p in sorted((ROOT / "profiles").glob("example*.yaml"))}
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    if args.limit:
        rows = rows[: args.limit]
    dirs = tuple(search_path())
    taxonomy, vectors = load_taxonomy(), load_word_vectors()
    violations = failures = user_errors = copies = 0
    lengths: list[int] = []
    resumes = resumes_fit = ats_lost = 0
    left_out: list[int] = []
    reasons: Counter[str] = Counter()
    by_profile: dict[str, list[set[str]]] = defaultdict(list)
    shown = 0
    start = time.perf_counter()
    for row in rows:
        posting = Posting(
            source=row["id"],
            text=row["description"] or " ",
            title=row.get("title") or None,
            company=row.get("company") or None,
        )
        try:
            analysis = analyze(posting)
        except TailorError:
            user_errors += 1
            continue
        best = max(
            profiles.items(),
            key=lambda kv: (
                match_profile(kv[1], analysis, taxonomy=taxonomy, vectors=vectors).match.score
            ),
        )
        name, profile = best
        prepared = prepare_analysis(analysis, profile)
        try:
            tailor_posting(
                prepared, Request(kinds=("letter",), formats=("md",), template_dirs=dirs)
            )
            built = tailor_posting(
                prepared,
                Request(
                    kinds=("resume",),
                    formats=("md", "docx"),
                    template_dirs=dirs,
                    options=DocumentOptions(pages=2),
                ),
            )
            files = built.files
        except Exception as exc:  # the guard raising is exactly what we count
            if type(exc).__name__ == "GroundingError":
                violations += 1
                print(f"GROUNDING {row['id']}: {exc}")
                continue
            raise
        fitted = built.fitted
        assert fitted is not None
        resumes += 1
        resumes_fit += fitted.fits
        left_out.append(len(fitted.left_out))
        read_back = "\n".join(p.text for p in Document(io.BytesIO(files["resume.docx"])).paragraphs)
        lost = missing_fields(read_back, expected_fields(fitted.context, SECTIONS["classic"]))
        ats_lost += len(lost)
        if lost and shown < args.show:
            print(f"--- ATS {row['id']} ({name}): {lost}")
        result = prepared.result
        # The letter `tailor letter` writes: composed with the grounding guard, which
        # keeps each sentence that restates an ask or a credential only when the
        # profile backs every skill it names (without it, every such sentence is dropped).
        composed = compose_letter(prepared, DocumentOptions()).context
        assert isinstance(composed, LetterContext)
        letter = composed
        text = "\n".join([letter.greeting, *letter.paragraphs, letter.closing])
        supported = {
            m.name
            for m in result.match.skills
            if m.status == "matched" and any(".highlights[" in e.ref for e in m.evidence)
        }
        addressed = sum(1 for w in letter.matched_skills if w.lower() in text.lower())
        words = word_count([text])
        lengths.append(words)
        names = (analysis.posting.company or "", analysis.posting.title or "")
        plain = re.sub("|".join(re.escape(n) for n in names if n) or "^$", "NAME", text)
        sents = sentences(plain)
        problems = []
        if analysis.posting.company and analysis.posting.company not in text:
            problems.append("company not named")
        if addressed < min(3, len(supported)):
            problems.append("fewer than 3 supported requirements")
        if not 250 <= words <= 400:
            problems.append(f"{words} words")
        if ARTEFACTS.search(text):
            problems.append("template artefact")
        if len(set(sents)) != len(sents):
            problems.append("repeated sentence")
        run = copy_run(plain, posting.text)
        if run:
            copies += 1
            problems.append(f"copied run: {run}")
        if problems:
            failures += 1
            reasons.update(
                p.split(":")[0]
                if p.startswith("copied")
                else ("word count" if p.endswith("words") else p)
                for p in problems
            )
            if shown < args.show:
                shown += 1
                print(f"--- {row['id']} ({name}): {'; '.join(problems)}\n{text}\n")
        by_profile[name].append(set(sents))
    elapsed = time.perf_counter() - start
    done = len(rows) - user_errors - violations
    print(f"postings: {len(rows)}  refused as user errors: {user_errors}  time: {elapsed:.1f} s")
    print(f"grounding violations: {violations}")
    print(
        f"letters passing the rubric: {done - failures}/{done} "
        f"({100 * (done - failures) / max(done, 1):.1f} %)"
    )
    for reason, count in reasons.most_common():
        print(f"  {reason}: {count}")
    if lengths:
        ordered = sorted(lengths)
        print(
            f"letter words: mean {sum(lengths) / len(lengths):.0f}, median "
            f"{ordered[len(ordered) // 2]}, in 250-400: {sum(250 <= n <= 400 for n in lengths)}"
        )
    print(f"letters with an 8+ word run copied from the posting: {copies}")
    print(
        f"résumés fitting 2 pages (estimate): {resumes_fit}/{resumes}; parts left out: "
        f"mean {sum(left_out) / max(len(left_out), 1):.1f}, max {max(left_out, default=0)}"
    )
    print(f"ATS fields lost reading the résumé DOCX back: {ats_lost}")
    for name, sets in sorted(by_profile.items()):
        pairs = list(itertools.combinations(sets[:150], 2))
        if pairs:
            sim = sum(len(a & b) / len(a | b) for a, b in pairs if a | b) / len(pairs)
            print(f"variety {name}: {len(sets)} letters, mean sentence Jaccard {sim:.3f}")


if __name__ == "__main__":
    main()
