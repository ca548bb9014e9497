#!/usr/bin/env python3
"""Estimate what training on train + dev buys on unseen postings: a 2-fold check on dev.

Fold A trains on train + the dev postings with an even SkillSpan idx and is scored on
the odd ones; fold B the other way round. Pooled over both folds every dev posting is
scored once, by a model that never saw it, so the figures compare fairly with a
train-only model scored on all of dev (same pipeline, benchmarks/extraction.py metrics).

    python training/twofold.py corpora                 # training/corpus_fold{A,B}/
    python scripts/train_skill_model.py --name foldA --corpus training/corpus_foldA \\
        --skip-convert --select last --no-ship --training.max_epochs 20     # and foldB
    python training/twofold.py score training/output/foldA/model-last \\
        training/output/foldB/model-last [--baseline MODEL_DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "benchmarks")]
DATA = Path(os.environ.get("SKILLSPAN_DIR", ROOT.parent / "shared" / "data" / "skillspan"))


def corpora(data: Path) -> None:
    import eval_skill_model as ev
    import spacy
    import train_skill_model as tr
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    train = ev.read_postings(data / "json" / "train.json")
    dev = ev.read_postings(data / "json" / "dev.json")
    for fold, parity in (("A", 0), ("B", 1)):
        out = ROOT / "training" / f"corpus_fold{fold}"
        out.mkdir(exist_ok=True)
        tr_db, dv_db = DocBin(store_user_data=False), DocBin(store_user_data=False)
        for p in train:
            for d in tr.posting_docs(nlp, p, 10, False):
                tr_db.add(d)
        for p in dev:
            if int(p.pid.split(":")[1]) % 2 == parity:
                for d in tr.posting_docs(nlp, p, 10, False):
                    tr_db.add(d)
            else:
                for d in tr.posting_docs(nlp, p, 0, False):
                    dv_db.add(d)
        tr_db.to_disk(out / "train.spacy")
        dv_db.to_disk(out / "dev.spacy")
        print(f"fold {fold}: {len(tr_db)} train docs, {len(dv_db)} held-out postings")  # noqa: T201


def predictions(model: Path, postings: list) -> list:
    import extraction as bx
    import spacy

    import tailor.skills  # noqa: F401  (registers the component)
    from tailor.extract import analyze
    from tailor.posting import Posting

    nlp = spacy.load(model)
    nlp.add_pipe("tailor_skills_v1")
    out = []
    for p in postings:
        result = analyze(Posting(source="skillspan", text=p.text), nlp=nlp)
        spans = {bx.to_tokens(p, m.start, m.end) for s in result.skills for m in s.mentions}
        out.append((p, sorted(spans - {None})))
    return out


def report(name: str, items: list) -> None:
    import extraction as bx

    row = []
    for group in ("house", "tech", "all"):
        its = [(p, pr) for p, pr in items if group in ("all", p.source)]
        lp = lg = n_p = n_g = sp = kf = kn = 0
        for p, pred in its:
            gold = {(s, e) for s, e, _ in p.gold}
            n_p += len(pred)
            n_g += len(gold)
            lp += sum(any(bx.overlaps(x, g) for g in gold) for x in pred)
            lg += sum(any(bx.overlaps(x, g) for x in pred) for g in gold)
            sp += len(set(pred) & gold)
            for s, e, kind in p.gold:
                if kind == "KNOWLEDGE":
                    kn += 1
                    kf += any(bx.overlaps(x, (s, e)) for x in pred)
        loose = bx.prf(lp, n_p, lg, n_g)
        strict = bx.prf(sp, n_p, sp, n_g)
        row.append(f"{group} lF1 {loose[2]:.3f} sF1 {strict[2]:.3f} K-lR {kf / kn:.3f}")
    print(f"{name:<12}", " | ".join(row))  # noqa: T201


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("corpora", "score"))
    ap.add_argument("models", nargs="*", type=Path, help="fold A and fold B model dirs")
    ap.add_argument("--baseline", type=Path, action="append", default=[])
    ap.add_argument("--data", type=Path, default=DATA)
    a = ap.parse_args()
    if a.step == "corpora":
        corpora(a.data)
        return
    import extraction as bx

    dev = bx.read_split(a.data / "json" / "dev.json")  # sorted by SkillSpan idx
    import eval_skill_model as ev

    parity = {
        p.text: int(p.pid.split(":")[1]) % 2 for p in ev.read_postings(a.data / "json" / "dev.json")
    }
    items = []
    for model, held_parity in zip(a.models, (1, 0), strict=True):
        items += predictions(model, [p for p in dev if parity[p.text] == held_parity])
    report("2-fold", items)
    for base in a.baseline:
        report(base.parent.name, predictions(base, dev))


if __name__ == "__main__":
    main()
