"""Skill extraction quality and speed on SkillSpan dev (or train), per source.

The text of a posting is its sentences' tokens joined by single spaces, one
sentence a line; predicted spans are the `skills[].mentions` offsets that
`tailor analyze --json` reports (computed here in-process with the same
function). Gold spans are SKILL and KNOWLEDGE spans of either type.

Metrics:
- loose P/R/F1: a predicted span is correct if it shares a token with any gold
  span; a gold span is found if any predicted span shares a token with it;
- strict span F1: exact token boundaries (type-agnostic);
- token F1: per token, inside any predicted span vs inside any gold span;
- KNOWLEDGE loose recall;
- speed: postings/s (excluding load), wall clock and per CPU-second of this
  process (the fair one-core figure when the machine is busy), twice: on the
  whole dev postings (mean ~4.6 KB) and on each posting cut or repeated to ~4 KB
  at a line end (the size the target names), best of `--repeat` passes;
- load: the pipeline `analyze` uses plus the taxonomy, on top of `import spacy`.

Needs ../shared/data/skillspan (SkillSpan, Zhang et al., NAACL 2022; MIT /
CC BY 4.0). Run from the repository root:

    python benchmarks/extraction.py [--split dev] [--data ../shared/data/skillspan] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Posting:
    source: str
    text: str = ""
    token_spans: list[tuple[int, int]] = field(default_factory=list)
    gold: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, type


def read_split(path: Path) -> list[Posting]:
    postings: dict[int, Posting] = {}
    lines: dict[int, list[str]] = defaultdict(list)
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        posting = postings.setdefault(row["idx"], Posting(source=row["source"]))
        offset = sum(len(line) + 1 for line in lines[row["idx"]])
        base = len(posting.token_spans)
        pos = offset
        for token in row["tokens"]:
            posting.token_spans.append((pos, pos + len(token)))
            pos += len(token) + 1
        lines[row["idx"]].append(" ".join(row["tokens"]))
        for kind, tags in (("SKILL", row["tags_skill"]), ("KNOWLEDGE", row["tags_knowledge"])):
            start = None
            for i, tag in enumerate([*tags, "O"]):
                if start is not None and tag != "I":
                    posting.gold.append((base + start, base + i, kind))
                    start = None
                if tag == "B" or (tag == "I" and start is None):
                    start = i
    for idx, posting in postings.items():
        posting.text = "\n".join(lines[idx])
    return [postings[i] for i in sorted(postings)]


def to_tokens(posting: Posting, start: int, end: int) -> tuple[int, int] | None:
    """Character span -> gold token span [first, last+1) covering it."""
    covered = [i for i, (s, e) in enumerate(posting.token_spans) if s < end and e > start]
    return (covered[0], covered[-1] + 1) if covered else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def four_kb(text: str, size: int = 4096) -> str:
    """`text` repeated to at least `size` characters, then cut at the last line end before it."""
    long = text
    while len(long) < size:
        long += "\n" + text
    cut = long.rfind("\n", 0, size)
    return long[: cut if cut > 0 else size]


def timed(texts: list[str], repeat: int) -> tuple[int, float, float, float]:
    """(postings, mean chars, wall s, CPU s) of the fastest of `repeat` passes of analyze()."""
    from tailor.analysis.extract import analyze
    from tailor.posting.read import Posting as TailorPosting

    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            analyze(TailorPosting(source="skillspan", text=text))
        best = min(best, (time.perf_counter() - t0, time.process_time() - c0), key=lambda b: b[1])
    return len(texts), sum(map(len, texts)) / len(texts), best[0], best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/skillspan")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (best is shown)")
    args = parser.parse_args()
    path = args.data / "json" / f"{args.split}.json"
    if not path.exists():
        sys.exit(f"{path} not found: this benchmark needs the SkillSpan data (see --data)")

    start = time.perf_counter()
    import spacy

    spacy.blank("en")
    after_spacy = time.perf_counter()
    from tailor.analysis.extract import analyze
    from tailor.posting.read import Posting as TailorPosting
    from tailor.skills.pipeline import get_nlp
    from tailor.skills.taxonomy import load_taxonomy

    get_nlp(recogniser=True)  # the pipeline analyze() uses
    load_taxonomy()
    loaded = time.perf_counter()

    postings = read_split(path)
    predictions: list[list[tuple[int, int]]] = []
    for posting in postings:
        result = analyze(TailorPosting(source="skillspan", text=posting.text))
        spans = []
        for skill in result.skills:
            for m in skill.mentions:
                span = to_tokens(posting, m.start, m.end)
                if span:
                    spans.append(span)
        predictions.append(sorted(set(spans)))
    whole = [p.text for p in postings]
    speeds = {
        "whole postings": timed(whole, args.repeat),
        "4 KB postings": timed([four_kb(t) for t in whole], args.repeat),
    }

    groups = {"house": [], "tech": [], "all": []}
    for posting, pred in zip(postings, predictions, strict=True):
        groups[posting.source].append((posting, pred))
        groups["all"].append((posting, pred))
    print(f"SkillSpan {args.split}: {len(postings)} postings")
    header = "source  loose-P loose-R loose-F1 strict-F1 token-F1 KNOW-loose-R"
    print(header)
    for name, items in groups.items():
        lp = lg = n_p = n_g = sp = sg = 0
        tok_tp = tok_p = tok_g = 0
        know_found = know_n = 0
        for posting, pred in items:
            gold = [(s, e) for s, e, _ in posting.gold]
            gold_set = set(gold)
            n_p += len(pred)
            n_g += len(gold_set)
            lp += sum(1 for p in pred if any(overlaps(p, g) for g in gold))
            lg += sum(1 for g in gold_set if any(overlaps(p, g) for p in pred))
            sp += sum(1 for p in pred if p in gold_set)
            sg += sum(1 for g in gold_set if g in set(pred))
            pred_tokens = {i for s, e in pred for i in range(s, e)}
            gold_tokens = {i for s, e in gold for i in range(s, e)}
            tok_tp += len(pred_tokens & gold_tokens)
            tok_p += len(pred_tokens)
            tok_g += len(gold_tokens)
            for s, e, kind in posting.gold:
                if kind == "KNOWLEDGE":
                    know_n += 1
                    know_found += any(overlaps(p, (s, e)) for p in pred)
        loose = prf(lp, n_p, lg, n_g)
        strict = prf(sp, n_p, sg, n_g)
        token = prf(tok_tp, tok_p, tok_tp, tok_g)
        know = know_found / know_n if know_n else 0.0
        print(
            f"{name:<7} {loose[0]:7.3f} {loose[1]:7.3f} {loose[2]:8.3f} {strict[2]:9.3f} "
            f"{token[2]:8.3f} {know:12.3f}"
        )
    for name, (n, chars, elapsed, cpu) in speeds.items():
        print(
            f"speed, {name}: {n / elapsed:.1f} postings/s (mean {chars:,.0f} chars; "
            f"{elapsed:.2f} s for {n}, excluding load); "
            f"{n / cpu:.1f} postings per CPU-second (one core, fair on a busy machine)"
        )
    print(
        f"load: import spacy + blank {after_spacy - start:.3f} s; "
        f"tailor pipeline + taxonomy on top {loaded - after_spacy:.3f} s"
    )


if __name__ == "__main__":
    main()
