#!/usr/bin/env python3
"""Train tailor's skill-span recogniser on SkillSpan and ship it into the package.

One command, reproducible (fixed seed, one thread)::

    python scripts/train_skill_model.py            # convert + train + select + ship
    python scripts/train_skill_model.py --no-ship  # experiment only
    # the shipped model: train + dev, a fixed 20 epochs, model-last (see training/README.md)
    python scripts/train_skill_model.py --train-splits train,dev --select last \
        --training.max_epochs 20

Steps:

1. Convert SkillSpan ``json/{train,dev}.json`` to spaCy DocBins under
   ``training/corpus/``. Text is built the way the product sees it: a posting's
   sentences' tokens joined by single spaces, one sentence a line, tokenized by
   ``spacy.blank("en")``. Gold spans are carried over by character offsets.
   Train docs are windows of ``--chunk`` consecutive sentences of a posting (better
   shuffling, same newline-joined form); dev docs are whole postings.
   Nested / overlapping SKILL and KNOWLEDGE spans (about 3 % of spans; nearly always a
   KNOWLEDGE span inside a SKILL span) are resolved for the single-layer NER by keeping
   the SKILL span (the longer, enclosing one): the loose metrics still count the nested
   KNOWLEDGE span as found, and strict metrics lose at most those few nested spans.
2. ``spacy train training/skills.cfg`` (seed 0) under ``nice``, one thread.
3. Score ``model-best`` and ``model-last`` with ``scripts/eval_skill_model.py`` (the
   product-like evaluation on dev) and keep the better one (mean of loose and strict F1).
4. Copy only the pipeline files that must ship to
   ``src/tailor/resources/skill_model/`` and add README/LICENSE attribution.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import eval_skill_model as ev

TRAINING = ROOT / "training"
CORPUS = TRAINING / "corpus"
OUTPUT = TRAINING / "output"
SHIP = ROOT / "src" / "tailor" / "resources" / "skill_model"


# ---------------------------------------------------------------- conversion
def resolve_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Greedy non-overlapping selection: SKILL before KNOWLEDGE, then longer first."""
    order = sorted(spans, key=lambda s: (s[2] != "SKILL", -(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for s in order:
        if all(s[1] <= k[0] or k[1] <= s[0] for k in kept):
            kept.append(s)
    return sorted(kept)


def posting_docs(nlp, p: ev.Posting, chunk: int, merged: bool):
    from spacy.tokens import Span

    """Yield Docs for a posting: whole posting (chunk<=0) or windows of `chunk` lines."""
    # gold spans as chars over the posting text
    spans = [(p.offsets[s][0], p.offsets[e - 1][1], "SKILL") for s, e in p.skill]
    spans += [
        (p.offsets[s][0], p.offsets[e - 1][1], "SKILL" if merged else "KNOWLEDGE")
        for s, e in p.knowledge
    ]
    spans = sorted(set(spans))
    lines = p.text.split("\n")
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    step = len(lines) if chunk <= 0 else chunk
    for i in range(0, len(lines), step):
        j = min(len(lines), i + step)
        c0 = starts[i]
        c1 = starts[j - 1] + len(lines[j - 1])
        doc = nlp.make_doc(p.text[c0:c1])
        ents = []
        for s, e, lab in spans:
            if s < c0 or e > c1:
                continue
            sp = doc.char_span(s - c0, e - c0, label=lab, alignment_mode="contract")
            if sp is None or len(sp) == 0:
                sp = doc.char_span(s - c0, e - c0, label=lab, alignment_mode="expand")
            if sp is not None and len(sp):
                a, b = sp.start, sp.end
                while b - a > 1 and doc[b - 1].is_punct:  # "code?" -> "code"
                    b -= 1
                while b - a > 1 and doc[a].is_punct:  # "(SQL" -> "SQL"
                    a += 1
                ents.append((a, b, lab))
        doc.spans["sc"] = [Span(doc, s, e, label=lab) for s, e, lab in sorted(set(ents))]
        ents = resolve_overlaps(ents)
        doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")
        doc.user_data["source"] = p.source
        yield doc


def mention_pool() -> list[str]:
    """Names to swap into KNOWLEDGE spans: the taxonomy's tools and fields of knowledge
    of up to four words ("Apache Flink", "genomics"), sorted for a stable sample."""
    from tailor.skills.taxonomy import load_taxonomy

    names = {s.name for s in load_taxonomy().skills() if s.kind in ("tool", "knowledge")}
    return sorted(n for n in names if len(n.split()) <= 4)


def augmented(nlp, doc, rng, pool: list[str]):
    """A copy of `doc` with every KNOWLEDGE span's words replaced by a random name
    from `pool`, labels kept: the model learns the contexts that announce a tool or a
    field ("experience with ___") rather than only the names train happens to hold;
    most KNOWLEDGE misses on held-out postings are names never seen in training.
    None when the doc has no KNOWLEDGE span."""
    from spacy.tokens import Doc

    if not any(e.label_ == "KNOWLEDGE" for e in doc.ents):
        return None
    words, spaces, tags = [], [], []

    def add(tokens, label, last_space):
        for k, t in enumerate(tokens):
            words.append(t.text)
            spaces.append(bool(t.whitespace_) if k < len(tokens) - 1 else last_space)
            tags.append("O" if label is None else ("B-" if k == 0 else "I-") + label)

    i = 0
    for e in sorted(doc.ents, key=lambda e: e.start):
        add(doc[i : e.start], None, bool(doc[e.start - 1].whitespace_) if e.start else False)
        last_space = bool(doc[e.end - 1].whitespace_)
        if e.label_ == "KNOWLEDGE":
            add(list(nlp.make_doc(rng.choice(pool))), "KNOWLEDGE", last_space)
        else:
            add(list(e), e.label_, last_space)
        i = e.end
    add(doc[i:], None, bool(doc[-1].whitespace_))
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)


def with_augmented(nlp, docs, copies: int, rng, pool: list[str]):
    """`docs`, each followed by up to `copies` augmented copies."""
    for doc in docs:
        yield doc
        for _ in range(copies):
            extra = augmented(nlp, doc, rng, pool)
            if extra is not None:
                yield extra


def convert(
    data: Path,
    chunk: int,
    merged: bool,
    corpus: Path = CORPUS,
    train_splits: tuple[str, ...] = ("train",),
    augment: int = 0,
) -> dict[str, int]:
    """Write train.spacy (from `train_splits`, in `chunk`-sentence windows) and dev.spacy."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    corpus.mkdir(parents=True, exist_ok=True)
    stats = {}
    for split, sources, ch in (("train", train_splits, chunk), ("dev", ("dev",), 0)):
        db = DocBin(store_user_data=False)
        n_ents = 0
        rng = random.Random(0)
        pool = mention_pool() if augment and split == "train" else []
        for source in sources:
            for p in ev.read_postings(data / "json" / f"{source}.json"):
                docs = posting_docs(nlp, p, ch, merged)
                if pool:
                    docs = with_augmented(nlp, docs, augment, rng, pool)
                for doc in docs:
                    n_ents += len(doc.ents)
                    db.add(doc)
        db.to_disk(corpus / f"{split}.spacy")
        stats[split] = len(db)
        stats[f"{split}_ents"] = n_ents
    return stats


# ---------------------------------------------------------------- training
def train(cfg: Path, out: Path, seed: int, overrides: list[str], corpus: Path = CORPUS) -> None:
    cmd = [
        "nice",
        "-n",
        "10",
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(cfg),
        "--output",
        str(out),
        "--paths.train",
        str(corpus / "train.spacy"),
        "--paths.dev",
        str(corpus / "dev.spacy"),
        "--system.seed",
        str(seed),
        *overrides,
    ]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def selection_key(res: dict) -> float:
    """Mean of the three targets on dev (all sources): loose F1, strict F1, KNOWLEDGE loose R."""
    a = res["all"]
    return (a["loose_f"] + a["strict_f"] + a["knowledge_loose_r"]) / 3


# The spancat decision knob, tuned on dev: the threshold of a multi-label spancat.
# (spancat_singlelabel's negative_weight is a training-loss weight, not a decision knob.)
KNOBS = {"spancat": ("threshold", [0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1])}


def recogniser(nlp):
    for name, pipe in nlp.pipeline:
        if name != "tok2vec":
            return name, pipe
    raise ValueError("no recogniser in pipeline")


def select(out: Path, data: Path, names: tuple[str, ...] = ("model-best", "model-last")):
    """Pick model-best / model-last (and the spancat knob) by `selection_key` on dev."""
    import spacy

    postings = ev.read_postings(data / "json" / "dev.json")
    best = None
    for name in names:
        nlp = spacy.load(out / name)
        rname, pipe = recogniser(nlp)
        factory = nlp.get_pipe_meta(rname).factory
        knob, grid = KNOBS.get(factory, (None, [None]))
        for v in grid:
            if knob:
                pipe.cfg[knob] = v
            res = ev.evaluate(nlp, postings)
            print(f"== {name}" + (f" {knob}={v}" if knob else ""))
            ev.print_table(res)
            key = selection_key(res)
            if best is None or key > best[0]:
                best = (key, out / name, {knob: v} if knob else {}, res)
    return best[1], best[2], best[3]


SHIP_README = """\
# tailor skill-span model

A small spaCy pipeline (tokenizer = English defaults, `tok2vec` CNN, `ner`) that marks
skill spans in job-posting text. Predictions are in `doc.ents`, labels `SKILL` and
`KNOWLEDGE` (see `meta.json` for the label set of this build).

Built by `scripts/train_skill_model.py` from `training/skills.cfg`; see
`training/README.md` for the figures. Loads with only spaCy installed:

    import importlib.resources, spacy
    nlp = spacy.load(importlib.resources.files("tailor") / "resources/skill_model")

## Training data and attribution

Trained on **SkillSpan** (Zhang, Jensen, Sonniks and Plank, 2022), whose annotations
and code are released under the MIT license (the postings under CC BY 4.0, as stated
by the upstream repository, https://github.com/kris927b/SkillSpan). See `LICENSE` in
this directory. The model weights are a derived work; no posting text is shipped
(the string table `vocab/strings.json` is cut down to the two labels).

    @inproceedings{zhang-etal-2022-skillspan,
      title     = "{S}kill{S}pan: Hard and Soft Skill Extraction from {E}nglish Job Postings",
      author    = "Zhang, Mike and Jensen, Kristian N{\\o}rgaard and Sonniks, Sif and Plank, Barbara",
      booktitle = "Proceedings of the 2022 Conference of the North American Chapter of the
                   Association for Computational Linguistics: Human Language Technologies",
      year      = "2022",
      address   = "Seattle, United States",
      publisher = "Association for Computational Linguistics",
      pages     = "4962--4984",
      url       = "https://aclanthology.org/2022.naacl-main.366",
    }
"""


def ship(
    model: Path, data: Path, res: dict, knobs: dict | None = None, train_splits: str = "train"
) -> None:
    """Write the selected pipeline (with its tuned knob) to SHIP, minus training leftovers."""
    import spacy

    postings = ev.read_postings(data / "json" / "dev.json")
    nlp = spacy.load(model)
    rname, pipe = recogniser(nlp)
    for k, v in (knobs or {}).items():
        pipe.cfg[k] = v
    ref = [ev.predicted_char_spans(d) for d in nlp.pipe(p.text for p in postings)]
    if SHIP.exists():
        shutil.rmtree(SHIP)
    nlp.to_disk(SHIP)
    # The string table holds every token string seen in training (and, for a sourced
    # tok2vec, en_core_web_sm's). Inference never needs it: keep only the labels.
    labels = sorted(pipe.labels)
    (SHIP / "vocab" / "strings.json").write_text(json.dumps(labels))
    cfg = (SHIP / "config.cfg").read_text()
    for split in ("train", "dev"):  # training-only paths
        cfg = cfg.replace(f'{split} = "{CORPUS / (split + ".spacy")}"', f"{split} = null")
    cfg = re.sub(r'(train|dev) = "[^"]*\.spacy"', r"\1 = null", cfg)
    for k, v in (knobs or {}).items():  # keep config.cfg in line with the pipe's cfg
        cfg = re.sub(rf"^{k} = .*$", f"{k} = {v}", cfg, flags=re.MULTILINE)
    (SHIP / "config.cfg").write_text(cfg)
    # the shipped copy must predict exactly what was selected
    nlp2 = spacy.load(SHIP)
    got = [ev.predicted_char_spans(d) for d in nlp2.pipe(p.text for p in postings)]
    assert got == ref, "shipped pipeline predicts differently from the selected one"
    assert nlp2.pipe_names == ["tok2vec", rname], nlp2.pipe_names
    meta = json.loads((SHIP / "meta.json").read_text())
    meta.update(
        {
            "name": "skill_model",
            "version": "0.1.0",
            "description": "tailor skill-span recogniser (SKILL, KNOWLEDGE) trained on SkillSpan",
            "author": "tailor developers",
            "license": "MIT (model); training data SkillSpan, MIT / CC BY 4.0",
            "sources": [
                {
                    "name": "SkillSpan",
                    "url": "https://github.com/kris927b/SkillSpan",
                    "license": "MIT / CC BY 4.0",
                    "author": "Zhang, Jensen, Sonniks and Plank (NAACL 2022)",
                }
            ],
            "tailor_training_splits": train_splits.split(","),
            # With dev among the training splits these are not held-out figures.
            "tailor_dev_metrics": {
                k: {m: round(v, 4) for m, v in d.items()} for k, d in res.items()
            },
        }
    )
    (SHIP / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    (SHIP / "README.md").write_text(SHIP_README)
    lic = data / "LICENSE"
    text = "The tailor skill model is trained on SkillSpan. Upstream license follows.\n\n" + (
        lic.read_text() if lic.exists() else "MIT License (SkillSpan authors)\n"
    )
    (SHIP / "LICENSE").write_text(text)
    size = sum(f.stat().st_size for f in SHIP.rglob("*") if f.is_file())
    print(f"shipped {model} -> {SHIP} ({size / 1e6:.2f} MB)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ev.DEFAULT_DATA)
    ap.add_argument("--config", type=Path, default=TRAINING / "skills.cfg")
    ap.add_argument("--name", default="final", help="run name under training/output/")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--chunk", type=int, default=10, help="sentences per training doc (0 = whole postings)"
    )
    ap.add_argument(
        "--merged", action="store_true", help="one label SKILL for both skill and knowledge spans"
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="where the DocBins go")
    ap.add_argument(
        "--train-splits",
        default="train",
        help="comma-separated SkillSpan splits to train on; 'train,dev' for the final model "
        "(then dev is no longer held out: use --select last and a fixed --training.max_epochs)",
    )
    ap.add_argument(
        "--select",
        choices=("dev", "last"),
        default="dev",
        help="dev: pick model-best/model-last on dev; last: take model-last (no dev selection)",
    )
    ap.add_argument(
        "--augment",
        type=int,
        default=0,
        help="add this many copies of each train doc with its KNOWLEDGE spans swapped for "
        "random taxonomy names (0: none)",
    )
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--no-ship", action="store_true")
    a, overrides = ap.parse_known_args(argv)

    if not a.skip_convert:
        splits = tuple(x for x in a.train_splits.split(",") if x)
        print(
            "corpus:", convert(a.data, a.chunk, a.merged, a.corpus, splits, a.augment), flush=True
        )
    out = OUTPUT / a.name
    if not a.skip_train:
        train(a.config, out, a.seed, overrides, a.corpus)
    names = ("model-last",) if a.select == "last" else ("model-best", "model-last")
    model, knobs, res = select(out, a.data, names)
    print(f"selected {model} {knobs}")
    (out / "dev_eval.json").write_text(
        json.dumps(
            {"model": str(model), "knobs": knobs, "train_splits": a.train_splits, "metrics": res},
            indent=2,
        )
    )
    if not a.no_ship:
        ship(model, a.data, res, knobs, a.train_splits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
