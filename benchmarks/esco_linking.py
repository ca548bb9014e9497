"""ESCO concept linking on the validation splits of a public ESCO skill-linking benchmark.

Needs ../shared/data/esco-linking/ (HOUSE and TECH validation sentences, labelled with
ESCO 1.1.0 preferred labels; see its README) and ../shared/data/taxonomy/esco/ (labels ->
URIs). For each sentence with a real gold label it ranks ESCO skills and prints, per
split, RP@5 and RP@10 as the benchmark defines them (gold skills among the top K /
min(K, gold skills), averaged over sentences), and micro precision / recall / F1 of the
skills a system commits to:

- `taxonomy`: today's high-precision linker, the skill spans the document pipeline
  finds (taxonomy phrases only), in order of appearance;
- `analyze`: the same with the trained recogniser (the `tailor analyze` pipeline);
- `concepts`: the ranked linker over all of ESCO (`tailor.skills.concepts`); it commits
  to its top 3.

Labels the ESCO v1.1.1 copy lacks stay in the gold as labels nothing can match, so the
denominators are the benchmark's. Run from the repository root:

    python benchmarks/esco_linking.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SPLITS = {"house": "house_validation_annotations.csv", "tech": "tech_validation_annotations.csv"}
MARKERS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
COMMIT = 3


def gold_sets(path: Path, uri_of: dict[str, str]) -> dict[str, set[str]]:
    """Sentence -> its gold ESCO URIs (an unmappable label stays as `label:<text>`)."""
    gold: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["label"].strip()
            if label in MARKERS:
                gold.setdefault(row["sentence"], set())
                continue
            uri = uri_of.get(label) or uri_of.get(label.casefold())
            gold[row["sentence"]].add(uri or f"label:{label}")
    return {sentence: labels for sentence, labels in gold.items() if labels}


def rp_at(ranked: list[str], gold: set[str], k: int) -> float:
    return len(set(ranked[:k]) & gold) / min(k, len(gold))


def main() -> None:
    folder = DATA / "esco-linking"
    aliases = DATA / "taxonomy" / "esco" / "esco_skills_aliases.jsonl"
    if not folder.is_dir() or not aliases.is_file():
        sys.exit(f"{folder} or {aliases} not found: this benchmark needs ../shared/data")
    from tailor.analysis.extract import analyze
    from tailor.posting.read import Posting
    from tailor.skills.concepts import load_concepts
    from tailor.skills.pipeline import get_nlp

    uri_of: dict[str, str] = {}
    for line in aliases.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        uri_of.setdefault(record["preferredLabel"], record["uri"])
        uri_of.setdefault(record["preferredLabel"].casefold(), record["uri"])
    started = time.perf_counter()
    concepts = load_concepts()
    print(f"concept index loaded in {time.perf_counter() - started:.2f} s")
    pipelines = {"taxonomy": get_nlp(recogniser=False), "analyze": get_nlp(recogniser=True)}
    print(
        f"{'split':<6} {'system':<9} {'n':>4} {'RP@5':>6} {'RP@10':>6} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for split, name in SPLITS.items():
        gold = gold_sets(folder / name, uri_of)
        ranked: dict[str, dict[str, list[str]]] = {
            system: {} for system in [*pipelines, "concepts"]
        }
        for sentence in gold:
            for system, nlp in pipelines.items():
                skills = analyze(Posting(source="s", text=sentence), nlp=nlp).skills
                ordered = sorted(skills, key=lambda s: s.mentions[0].start)
                ranked[system][sentence] = list(dict.fromkeys(s.id for s in ordered if s.id))
            ranked["concepts"][sentence] = [c.id for c in concepts.rank(sentence, k=10)]
        for system, by_sentence in ranked.items():
            rp5 = sum(rp_at(by_sentence[s], g, 5) for s, g in gold.items()) / len(gold)
            rp10 = sum(rp_at(by_sentence[s], g, 10) for s, g in gold.items()) / len(gold)
            committed = {
                s: set(r if system != "concepts" else r[:COMMIT]) for s, r in by_sentence.items()
            }
            hits = sum(len(committed[s] & g) for s, g in gold.items())
            said = sum(len(c) for c in committed.values())
            wanted = sum(len(g) for g in gold.values())
            p = hits / said if said else 0.0
            r = hits / wanted if wanted else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            print(
                f"{split:<6} {system:<9} {len(gold):>4} {rp5:6.3f} {rp10:6.3f} "
                f"{p:6.3f} {r:6.3f} {f1:6.3f}"
            )


if __name__ == "__main__":
    main()
