"""Fit the mapper's two logistic models (`src/tailor/matching/model.py`) and measure them
honestly, with leave-one-profile-out cross-validation.

Data (not shipped, read from the team's shared folder): `../shared/data/alignment/gold.jsonl`
(real postings x profiles, every requirement line labelled with the profile facts that back
it, directly or in part), the postings it points into, and the profiles it names. See
`../shared/data/alignment/README.md` for the labelling rules.

- The *fact* model: one row per (gold line, profile fact) with the features of
  `tailor.matching.features`; the label is whether the gold lists that fact for the line
  (direct or partial, as the scorer agrees refs).
- The *line* model: one row per gold line that is backed (a direct ref) or unbacked (no
  ref); partial-only lines are left out, as they decide neither recall nor false claims.
  Features: the best fact score, the share of the line the profile has, the best cosine
  and the best word share (`tailor.matching.model.line_probability`).

Cross-validation: for each of the profiles, both models are fitted on the pairs of the
other profiles and the full mapper (with its years, degree, role and publication checks)
is run on the held-out profile's pairs; the scorer's own functions
(`../shared/tools/eval_alignment.py`) turn the outputs into line recall, false gaps,
evidence precision, false claims and score-fit Spearman, pooled over the folds. Then both
models are fitted on everything and printed, ready to paste into `model.py`.

    pip install -e '.[train]'
    python training/align_model.py [--shared ../shared] [--c 1.0]

Takes about a minute (the postings are analysed once; fitting is instant).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from tailor.analysis.models import Analysis
from tailor.matching import model
from tailor.matching.align import skill_ids
from tailor.matching.features import FEATURES, ProfileIndex
from tailor.pipeline import analyze_posting, prepare_analysis
from tailor.profile.facts import iter_facts
from tailor.profile.load import load_profile
from tailor.skills.taxonomy import load_taxonomy
from tailor.skills.vectors import load_word_vectors

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    sys.path.insert(0, str(args.shared / "tools"))
    import eval_alignment as ev  # the scorer itself, so that the figures are its figures

    gold = ev.load_gold(args.shared / "data/alignment/gold.jsonl")
    postings = ev.load_postings(
        args.shared / "data/postings/postings-dev.jsonl",
        args.shared / "postings",
        {pid for pid, _ in gold},
    )
    analyses = {pid: _analyse(post, args) for pid, post in postings.items()}
    lines = _line_rows(gold, analyses, ev.agrees)
    profiles = sorted({row["profile"] for row in lines})

    pooled: list[dict[str, Any]] = []
    for held in profiles:
        fitted = _fit(lines, lambda prof, held=held: prof != held, args.c)  # type: ignore[misc]
        _install(*fitted)
        pooled += [
            _score_pair(ev, key, gold[key], postings, analyses) for key in gold if key[1] == held
        ]
    _report(ev, pooled, f"leave-one-profile-out ({len(profiles)} folds)")

    fitted = _fit(lines, lambda prof: True, args.c)
    _install(*fitted)
    _report(ev, [_score_pair(ev, k, gold[k], postings, analyses) for k in gold], "in-sample")
    weights, bias, line_weights, line_bias = fitted
    _out("\n# paste into src/tailor/matching/model.py")
    _out("WEIGHTS: dict[str, float] = {")
    for name, value in zip(FEATURES, weights, strict=True):
        _out(f'    "{name}": {value:.3f},')
    _out("}")
    _out(f"BIAS = {bias:.3f}")
    _out(f"LINE_WEIGHTS = ({', '.join(f'{v:.3f}' for v in line_weights)})")
    _out(f"LINE_BIAS = {line_bias:.3f}")


def _out(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def _analyse(posting: dict[str, Any], args: argparse.Namespace) -> Analysis:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posting.txt"
        path.write_text(posting["description"], encoding="utf-8", newline="")
        return analyze_posting(
            path,
            recogniser=True,
            company=posting.get("company") or None,
            title=posting.get("title") or None,
        )


def _line_rows(
    gold: dict[tuple[str, str], list[dict[str, Any]]],
    analyses: dict[str, Analysis],
    agrees: Callable[[str, set[str]], bool],
) -> list[dict[str, Any]]:
    """Each gold line's feature rows against its profile's facts, with the labels."""
    taxonomy, vectors = load_taxonomy(), load_word_vectors()
    out = []
    for (pid, prof), records in gold.items():
        facts = list(iter_facts(load_profile(ROOT / prof)))
        index = ProfileIndex(
            facts, [frozenset(skill_ids(f.text, taxonomy)) for f in facts], vectors
        )
        analysis = analyses[pid]
        for rec in records:
            refs = {s["ref"] for s in rec["support"]}
            concepts = frozenset(
                s.id
                for s in analysis.skills
                if s.id
                for m in s.mentions
                if m.start >= rec["start"] and m.end <= rec["end"]
            )
            direct = any(s["strength"] == "direct" for s in rec["support"])
            out.append(
                {
                    "profile": prof,
                    "rows": index.line(rec["text"], concepts).rows,
                    "cited": np.array([agrees(f.ref, refs) for f in facts], dtype=bool),
                    "line": "backed" if direct else "partial" if refs else "unbacked",
                }
            )
    return out


def _fit(
    lines: list[dict[str, Any]], keep: Callable[[str], bool], c: float
) -> tuple[np.ndarray, float, np.ndarray, float]:
    chosen = [row for row in lines if keep(row["profile"])]
    facts = LogisticRegression(C=c, max_iter=5000).fit(
        np.vstack([row["rows"] for row in chosen]), np.concatenate([row["cited"] for row in chosen])
    )
    weights, bias = facts.coef_[0], float(facts.intercept_[0])
    decided = [row for row in chosen if row["line"] != "partial"]
    line_x = np.array([_line_features(row["rows"], weights, bias) for row in decided])
    line_y = np.array([row["line"] == "backed" for row in decided])
    line = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(line_x, line_y)
    return weights, bias, line.coef_[0], float(line.intercept_[0])


def _line_features(rows: np.ndarray, weights: np.ndarray, bias: float) -> list[float]:
    return [float(v) for v in model.line_features(rows, rows @ weights + bias)]


def _install(weights: np.ndarray, bias: float, line_weights: np.ndarray, line_bias: float) -> None:
    """Put fitted numbers where the mapper reads them (this process only)."""
    model._VECTOR[:] = weights
    model.BIAS = bias
    model._LINE_VECTOR[:] = line_weights
    model.LINE_BIAS = line_bias


def _score_pair(
    ev: Any,
    key: tuple[str, str],
    records: list[dict[str, Any]],
    postings: dict[str, dict[str, Any]],
    analyses: dict[str, Analysis],
) -> dict[str, Any]:
    """The mapper's output for one pair, judged line by line as the scorer judges it."""
    pid, prof = key
    prepared = prepare_analysis(analyses[pid], load_profile(ROOT / prof))
    doc = json.loads(
        analyses[pid].model_copy(update={"match": prepared.result.match}).model_dump_json()
    )
    desc, text = postings[pid]["description"], doc["posting"]["text"]
    norm = ev._normalised(text) if text != desc else None
    judged = []
    for rec in records:
        refs = {s["ref"] for s in rec["support"]}
        span = ev.place(rec, desc, text, norm)
        covered, cited, _ = ev.tailor_view(doc, text, span) if span else (False, [], "")
        agreeing = [r for r in cited if ev.agrees(r, refs)] if covered else []
        direct = any(s["strength"] == "direct" for s in rec["support"])
        judged.append((direct, bool(refs), covered, len(cited) if covered else 0, len(agreeing)))
    backed = sum(d for d, *_ in judged)
    return {"judged": judged, "coverage": backed / len(records), "score": doc["match"]["score"]}


def _report(ev: Any, pairs: list[dict[str, Any]], title: str) -> None:
    judged = [j for p in pairs for j in p["judged"]]
    backed = [j for j in judged if j[0]]
    unbacked = [j for j in judged if not j[1]]
    cited = sum(j[3] for j in judged)
    _out(
        f"{title}: line_recall={sum(j[2] and j[4] > 0 for j in backed) / len(backed):.3f} "
        f"false_gap={sum(not j[2] for j in backed) / len(backed):.3f} "
        f"evidence_precision={sum(j[4] for j in judged) / max(cited, 1):.3f} "
        f"false_claim={sum(j[2] for j in unbacked) / max(len(unbacked), 1):.3f} "
        f"score_spearman={ev.spearman([float(p['score']) for p in pairs], [p['coverage'] for p in pairs]):.3f}"
    )


if __name__ == "__main__":
    main()
