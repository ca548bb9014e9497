#!/usr/bin/env python3
"""Evaluate the skill-span recogniser on SkillSpan the way the product sees text.

For every posting of a split, the benchmark text is its sentences' tokens joined by
single spaces, one sentence a line. The *shipped* pipeline is run on that whole text
(its own tokenizer = ``spacy.blank("en")``'s), predicted spans are taken as character
spans and mapped back onto the gold tokens (a gold token belongs to a predicted span
if their character ranges overlap), then compared with the gold spans.

Metrics (all type-agnostic unless stated; SKILL and KNOWLEDGE gold spans pooled,
a span that is gold under both types counts once):

* loose P/R/F1: a predicted span is correct if it shares a token with any gold span;
  a gold span is found if any predicted span shares a token with it.
* strict P/R/F1: exact token boundaries.
* token P/R/F1: tokens inside any predicted span vs. tokens inside any gold span.
* KNOWLEDGE / SKILL loose recall: share of gold KNOWLEDGE (SKILL) spans that any
  predicted span (of either label) touches.
* typed strict F1 per label (only meaningful when the model predicts two labels).

Usage::

    python scripts/eval_skill_model.py [--model DIR] [--data DIR] [--split dev]
                                       [--speed] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(
    os.environ.get("SKILLSPAN_DIR", Path(__file__).resolve().parents[2] / "shared/data/skillspan")
)
DEFAULT_MODEL = ROOT / "src" / "tailor" / "resources" / "skill_model"


# ---------------------------------------------------------------- data
def bio_to_spans(tags: list[str]) -> list[tuple[int, int]]:
    """BIO -> [(start, end_exclusive)]. Lenient: an I after O opens a new span."""
    spans, start = [], None
    for i, t in enumerate([*tags, "O"]):
        p = t.split("-")[0]
        if p == "B" or (p == "I" and start is None) or p == "O":
            if start is not None:
                spans.append((start, i))
                start = None
            if p in ("B", "I"):
                start = i
    return spans


@dataclass
class Posting:
    pid: str
    source: str
    text: str = ""
    tokens: list[str] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # char span of each token
    skill: list[tuple[int, int]] = field(default_factory=list)  # posting-level token spans
    knowledge: list[tuple[int, int]] = field(default_factory=list)


def read_postings(path: Path) -> list[Posting]:
    """Group the JSON-lines sentences by posting id (in file order) and join them."""
    by_id: dict[str, Posting] = {}
    lines: dict[str, list[str]] = defaultdict(list)
    for raw in path.open(encoding="utf-8"):
        if not raw.strip():
            continue
        r = json.loads(raw)
        pid = f"{path.stem}:{r['idx']}"
        p = by_id.setdefault(pid, Posting(pid, r["source"]))
        toks = [t for t in r["tokens"]]
        keep = [i for i, t in enumerate(toks) if t.strip()]  # never seen, but be safe
        toks = [toks[i] for i in keep]
        sk = [r["tags_skill"][i] for i in keep]
        kn = [r["tags_knowledge"][i] for i in keep]
        if not toks:
            continue
        base_tok = len(p.tokens)
        base_chr = sum(len(s) + 1 for s in lines[pid])  # + "\n"
        pos = base_chr
        for t in toks:
            p.offsets.append((pos, pos + len(t)))
            pos += len(t) + 1
        p.tokens.extend(toks)
        p.skill.extend((s + base_tok, e + base_tok) for s, e in bio_to_spans(sk))
        p.knowledge.extend((s + base_tok, e + base_tok) for s, e in bio_to_spans(kn))
        lines[pid].append(" ".join(toks))
    for pid, p in by_id.items():
        p.text = "\n".join(lines[pid])
        for (s, e), t in zip(p.offsets, p.tokens, strict=True):
            assert p.text[s:e] == t, (pid, t)
    return list(by_id.values())


def char_to_gold_tokens(p: Posting, start: int, end: int) -> tuple[int, int] | None:
    """Smallest run of gold tokens whose characters overlap [start, end)."""
    idx = [i for i, (s, e) in enumerate(p.offsets) if s < end and start < e]
    if not idx:
        return None
    return idx[0], idx[-1] + 1


# ---------------------------------------------------------------- prediction
def predicted_char_spans(doc) -> list[tuple[int, int, str]]:
    """Spans from doc.spans["sc"] (spancat) if present, else doc.ents (NER)."""
    sc = doc.spans.get("sc")
    spans = list(sc) if sc else list(doc.ents)
    return [(s.start_char, s.end_char, s.label_) for s in spans]


# ---------------------------------------------------------------- scoring
class Counts(defaultdict):
    def __init__(self):
        super().__init__(int)


def score_posting(p: Posting, pred_chars: list[tuple[int, int, str]], c: Counts) -> None:
    pred: dict[tuple[int, int], str] = {}
    for s, e, lab in pred_chars:
        sp = char_to_gold_tokens(p, s, e)
        if sp is not None:
            pred.setdefault(sp, lab)
    gold = set(p.skill) | set(p.knowledge)

    def touches(a, spans):
        return any(a[0] < b[1] and b[0] < a[1] for b in spans)

    c["pred"] += len(pred)
    c["gold"] += len(gold)
    c["strict_tp"] += len(set(pred) & gold)
    c["loose_p_hit"] += sum(touches(a, gold) for a in pred)
    c["loose_r_hit"] += sum(touches(g, pred) for g in gold)
    c["know_gold"] += len(p.knowledge)
    c["know_hit"] += sum(touches(g, pred) for g in p.knowledge)
    c["skill_gold"] += len(p.skill)
    c["skill_hit"] += sum(touches(g, pred) for g in p.skill)
    gtok = {i for s, e in gold for i in range(s, e)}
    ptok = {i for s, e in pred for i in range(s, e)}
    c["tok_gold"] += len(gtok)
    c["tok_pred"] += len(ptok)
    c["tok_tp"] += len(gtok & ptok)
    # typed strict (labels SKILL / KNOWLEDGE)
    for lab, gl in (("SKILL", set(p.skill)), ("KNOWLEDGE", set(p.knowledge))):
        pl = {sp for sp, l in pred.items() if l == lab}
        c[f"typed_{lab}_pred"] += len(pl)
        c[f"typed_{lab}_gold"] += len(gl)
        c[f"typed_{lab}_tp"] += len(pl & gl)


def prf(tp_p, n_p, tp_r, n_r):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summarise(c: Counts) -> dict[str, float]:
    lp, lr, lf = prf(c["loose_p_hit"], c["pred"], c["loose_r_hit"], c["gold"])
    sp, sr, sf = prf(c["strict_tp"], c["pred"], c["strict_tp"], c["gold"])
    tp, tr, tf = prf(c["tok_tp"], c["tok_pred"], c["tok_tp"], c["tok_gold"])
    out = {
        "loose_p": lp,
        "loose_r": lr,
        "loose_f": lf,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f": sf,
        "token_p": tp,
        "token_r": tr,
        "token_f": tf,
        "knowledge_loose_r": c["know_hit"] / max(1, c["know_gold"]),
        "skill_loose_r": c["skill_hit"] / max(1, c["skill_gold"]),
        "n_pred": c["pred"],
        "n_gold": c["gold"],
    }
    for lab in ("SKILL", "KNOWLEDGE"):
        out[f"typed_{lab}_f"] = prf(
            c[f"typed_{lab}_tp"],
            c[f"typed_{lab}_pred"],
            c[f"typed_{lab}_tp"],
            c[f"typed_{lab}_gold"],
        )[2]
    return out


def evaluate(nlp, postings: list[Posting]) -> dict[str, dict[str, float]]:
    counts: dict[str, Counts] = {"house": Counts(), "tech": Counts(), "all": Counts()}
    docs = nlp.pipe([p.text for p in postings], batch_size=8)
    for p, doc in zip(postings, docs, strict=True):
        pc = predicted_char_spans(doc)
        score_posting(p, pc, counts[p.source])
        score_posting(p, pc, counts["all"])
    return {k: summarise(v) for k, v in counts.items()}


def print_table(res: dict[str, dict[str, float]], file=sys.stdout) -> None:
    cols = [
        ("loose_p", "lP"),
        ("loose_r", "lR"),
        ("loose_f", "lF1"),
        ("strict_p", "sP"),
        ("strict_r", "sR"),
        ("strict_f", "sF1"),
        ("token_f", "tokF1"),
        ("knowledge_loose_r", "K-lR"),
        ("skill_loose_r", "S-lR"),
        ("typed_SKILL_f", "S-typF"),
        ("typed_KNOWLEDGE_f", "K-typF"),
    ]
    print(f"{'source':6} " + " ".join(f"{h:>6}" for _, h in cols) + "  n_pred n_gold", file=file)
    for src in ("house", "tech", "all"):
        r = res[src]
        print(
            f"{src:6} "
            + " ".join(f"{r[k]:6.3f}" for k, _ in cols)
            + f"  {r['n_pred']:6d} {r['n_gold']:6d}",
            file=file,
        )


# ---------------------------------------------------------------- speed
def measure_speed(model: Path, postings: list[Posting], target_chars: int = 4096) -> dict:
    """Postings/s on one thread for ~4 KB postings; load time in a fresh interpreter."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps())
    nlp = spacy.load(model)
    texts = []
    for p in postings:  # cut/extend each posting text to ~4 KB at a line break
        t = p.text
        while len(t) < target_chars:
            t = t + "\n" + p.text
        cut = t.rfind("\n", 0, target_chars)
        texts.append(t[: cut if cut > 0 else target_chars])
    n_tok = sum(len(nlp.make_doc(t)) for t in texts)
    list(nlp.pipe(texts[:5]))  # warm-up
    # wall time and CPU time (the latter is what one core costs when the machine is busy)
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        nlp(t)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    list(nlp.pipe(texts, batch_size=16))
    dt_pipe, dc_pipe = time.perf_counter() - t0, time.process_time() - c0
    code = (
        "import spacy,time; t=time.perf_counter(); c=time.process_time(); "
        f"spacy.load({str(model)!r}); "
        "print(time.perf_counter()-t, time.process_time()-c)"
    )
    loads = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
            check=True,
        )
        loads.append([float(x) for x in out.stdout.strip().splitlines()[-1].split()])
    size = sum(f.stat().st_size for f in Path(model).rglob("*") if f.is_file())
    return {
        "postings": len(texts),
        "mean_chars": sum(map(len, texts)) / len(texts),
        "mean_tokens": n_tok / len(texts),
        "postings_per_s_call": len(texts) / dt,
        "postings_per_s_pipe": len(texts) / dt_pipe,
        "postings_per_cpu_s_call": len(texts) / dc,
        "postings_per_cpu_s_pipe": len(texts) / dc_pipe,
        "load_s_min": min(w for w, _ in loads),
        "load_cpu_s_min": min(c for _, c in loads),
        "load_s_all": [round(w, 3) for w, _ in loads],
        "size_mb": size / 1e6,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--speed", action="store_true", help="also measure speed/load time/size")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    a = ap.parse_args(argv)

    import spacy

    postings = read_postings(a.data / "json" / f"{a.split}.json")
    nlp = spacy.load(a.model)
    print(f"model: {a.model}  pipes: {nlp.pipe_names}  split: {a.split} ({len(postings)} postings)")
    res = evaluate(nlp, postings)
    print_table(res)
    out: dict = {"metrics": res}
    if a.speed:
        sp = measure_speed(a.model, postings)
        out["speed"] = sp
        print(
            f"speed (1 thread): {sp['postings_per_s_call']:.1f} postings/s wall "
            f"({sp['postings_per_cpu_s_call']:.1f} per CPU-s) with nlp(text), "
            f"{sp['postings_per_s_pipe']:.1f} wall ({sp['postings_per_cpu_s_pipe']:.1f} per CPU-s)"
            f" with nlp.pipe; ~{sp['mean_chars']:.0f} chars / {sp['mean_tokens']:.0f} tokens each"
        )
        print(
            f"load time (on top of import spacy): {sp['load_s_min']:.3f} s wall "
            f"(min of {sp['load_s_all']}), {sp['load_cpu_s_min']:.3f} CPU-s; "
            f"size: {sp['size_mb']:.2f} MB"
        )
    if a.json:
        a.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
