"""The ranked ESCO linker: the whole of ESCO, searched on folded words."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from tailor.skills.concepts import load_concepts
from tailor.skills.words import label_words

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
SHIPPED = Path(str(files("tailor"))) / "resources" / "esco_labels.json.gz"


def labels(query: str, k: int = 5) -> list[str]:
    return [c.label for c in load_concepts().rank(query, k)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Experience with Java and C#", "Java (computer programming)"),
        ("Are you ready to work in a dynamic and international team?", "work in teams"),
        ("Manage challenging behaviour in the classroom", "perform classroom management"),
        ("Hands-on mass spectrometry for proteomics", "mass spectrometry"),
        # A tool is found as the ESCO skill it is an instance of (curated.yaml `esco`), and
        # "excellent", a job-ad word, does not take "Excel" with it when it is dropped.
        ("You are skilled in Excel and have an eye for numbers", "use spreadsheets software"),
        ("Comfortable presenting in PowerPoint", "use presentation software"),
    ],
)
def test_the_skill_a_text_expresses_ranks_near_the_top(query: str, expected: str) -> None:
    assert expected in labels(query)


def test_nothing_for_text_without_a_skill() -> None:
    assert labels("the and of a to") == []


def test_shipped_index_holds_all_of_esco_folded_as_the_code_folds() -> None:
    data = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    assert len(data["skills"]) == 13_412
    for _, names, folded in data["skills"][::97]:
        assert " ".join(label_words(names[0])) in folded, names[0]


def test_shipped_index_is_up_to_date(tmp_path: Path) -> None:
    """Rebuilding from ../shared/data gives the committed bytes."""
    if not (SHARED_DATA / "taxonomy" / "esco").is_dir():
        pytest.skip("../shared/data is not present")
    out = tmp_path / "esco_labels.json.gz"
    script = ROOT / "scripts" / "build_esco_index.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(SHARED_DATA), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == SHIPPED.read_bytes(), "run: python scripts/build_esco_index.py"


def test_meaning_orders_candidates_that_share_words_alike() -> None:
    """ "Teach children to read and write" shares "writing" with a networking skill as much
    as with teaching writing; the word vectors put the teaching skills first."""
    from tailor.skills.concepts import ConceptIndex

    index = load_concepts()
    assert index.vectors is not None
    by_words = ConceptIndex.__new__(ConceptIndex)
    by_words.__dict__.update(index.__dict__)
    by_words.vectors = None
    query = "Teach children to read and write"
    assert [c.label for c in by_words.rank(query, 1)] == ["network within the writing industry"]
    assert [c.label for c in index.rank(query, 2)] == ["teach writing", "teach reading strategies"]
