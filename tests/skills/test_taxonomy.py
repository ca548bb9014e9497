"""The shipped skill taxonomy: aliases, case rules, blocklist, offsets and the API.

These tests use the artefact in src/tailor/resources; only the last one, which checks
that the artefact is up to date, needs ../shared/data and skips without it.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

import tailor
from tailor.skills.taxonomy import Skill, Taxonomy, load_taxonomy, normalize, tokenize

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
SHIPPED = ROOT / "src" / "tailor" / "resources" / "taxonomy.json.gz"
ESCO = "http://data.europa.eu/esco/skill/"


@pytest.fixture(scope="module")
def tx() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def words_of() -> Any:
    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.text for t in tokenizer(text)]


@pytest.fixture(scope="module")
def found(tx: Taxonomy, words_of: Any) -> Any:
    """text -> [(matched text, skill)], tokenized as a posting is."""

    def run(text: str) -> list[tuple[str, Skill]]:
        words = words_of(text)
        return [(" ".join(words[s:e]), skill) for s, e, skill in tx.find(words)]

    return run


def ids(matches: list[tuple[str, Skill]]) -> list[str]:
    return [skill.id for _, skill in matches]


def test_pytorch_spellings_share_one_id(tx: Taxonomy, found: Any) -> None:
    matches = found("PyTorch, pytorch and torch")
    assert ids(matches) == ["onet:pytorch"] * 3
    assert {tx.link(s) for s in ["PyTorch", "pytorch", "torch", "PYTORCH"]} == {
        Skill("onet:pytorch", "PyTorch", "tool")
    }


def test_k8s_is_kubernetes(found: Any) -> None:
    assert [(t, s.name) for t, s in found("k8s or Kubernetes")] == [
        ("k8s", "Kubernetes"),
        ("Kubernetes", "Kubernetes"),
    ]


def test_go_counts_only_capitalised(tx: Taxonomy, found: Any) -> None:
    assert ids(found("Services in Go and Rust.")) == ["onet:go", "onet:rust-programming-language"]
    assert found("You will be ready to go, and go-to person for the team.") == []
    assert found("Go to market with us.") == []
    assert tx.link("go") is None
    assert tx.link("Go") == Skill("onet:go", "Go", "tool")
    assert tx.link("golang") == tx.link("Go")


def test_excel_the_verb_is_not_microsoft_excel(found: Any) -> None:
    assert found("You will excel at building teams.") == []
    assert found("Excel at building teams and excel in a fast-paced role.") == []
    assert ids(found("Advanced Excel skills")) == ["onet:microsoft-excel"]
    assert ids(found("MS-Excel, Microsoft® Excel")) == ["onet:microsoft-excel"] * 2


def test_office_words_only_as_products(found: Any) -> None:
    assert [s.name for _, s in found("Word, Excel and Outlook")] == [
        "Microsoft Word",
        "Microsoft Excel",
        "Microsoft Outlook",
    ]
    assert found("access to training, work in teams, a positive outlook, word of mouth") == []
    assert [s.name for _, s in found("Microsoft Access and MS Teams")] == [
        "Microsoft Access",
        "Microsoft Teams",
    ]


def test_c_family_ids_differ(found: Any) -> None:
    matches = found("C, C++ and C# developers; C/C++")
    assert [text for text, _ in matches] == ["C", "C++", "C #", "C", "C++"]
    c, cpp, csharp = (skill.id for _, skill in matches[:3])
    assert len({c, cpp, csharp}) == 3
    assert cpp == ESCO + "b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f"


@pytest.mark.parametrize(
    "text",
    [
        "GCSE English and Maths at grades A-C",
        "Grade C or above",
        "Vitamin C",
        "reporting to the C-suite",
        "a C of E primary school",
    ],
)
def test_letter_c_outside_programming(found: Any, text: str) -> None:
    assert "C" not in [skill.name for _, skill in found(text)]


def test_r_as_a_language(found: Any) -> None:
    assert [(t, s.name) for t, s in found("Python or R.")] == [("Python", "Python"), ("R.", "R")]
    assert [s.name for _, s in found("R, SAS and Stata")] == ["R", "SAS", "Stata"]
    assert found("R&D and R & D budgets") == []


def test_machine_learning_algorithms(found: Any) -> None:
    assert [(t, s.name, s.kind) for t, s in found("machine learning algorithms")] == [
        ("machine learning", "machine learning", "hard"),
        ("algorithms", "algorithms", "knowledge"),
    ]


def test_acronyms(found: Any) -> None:
    assert [s.name for _, s in found("Experience with NLP/CV and ML/AI")] == [
        "natural language processing",
        "machine learning",
        "artificial intelligence",
    ]
    # "CV" is the résumé in UK postings; "ml" is millilitres.
    assert found("Please send your CV and cover letter.") == []
    assert found("Add 5 ml of saline.") == []
    assert [s.name for _, s in found("computer vision")] == ["computer vision"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("excellent communication skills", "communication"),
        ("written and verbal communication", "communication"),
        ("leadership", "leadership"),
        ("a team player", "teamwork"),
        ("strong attention to detail", "attention to detail"),
        ("problem-solving", "problem solving"),
    ],
)
def test_soft_skills(found: Any, text: str, name: str) -> None:
    assert [(s.name, s.kind) for _, s in found(text)] == [(name, "soft")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("patient care", "patient care"),
        ("lesson plans", "lesson planning"),
        ("safeguarding children", "safeguarding"),
        ("cash handling", "cash handling"),
        ("linear algebra", "linear algebra"),
        ("statistics", "statistics"),
        ("reinforcement learning", "reinforcement learning"),
        ("TensorFlow", "TensorFlow"),
        ("scikit-learn", "scikit-learn"),
        ("sklearn", "scikit-learn"),
        ("Postgres", "PostgreSQL"),
        ("NodeJS", "Node.js"),
        ("CI/CD", "CI/CD"),
        (".NET", ".NET"),
        ("JS", "JavaScript"),
    ],
)
def test_common_skills_across_fields(found: Any, text: str, name: str) -> None:
    assert [s.name for _, s in found(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "We offer medical and dental coverage, a 401(k) retirement plan and stock options.",
        "Medical, dental, vision and life insurance; tuition and education assistance.",
        (
            "We celebrate diversity and inclusion. We do not discriminate on the basis of race, "
            "religion, colour, sex, gender identity, sexual orientation, age, disability or "
            "veteran status."
        ),
    ],
)
def test_benefits_and_legal_text_name_no_skill(found: Any, text: str) -> None:
    assert found(text) == []


def test_longest_match_wins(found: Any) -> None:
    assert [t for t, _ in found("deep learning")] == ["deep learning"]
    assert [t for t, _ in found("stock control and stock options")] == ["stock control"]
    assert [s.name for _, s in found("computer vision and vision insurance")] == ["computer vision"]


def test_offsets_are_token_indices(tx: Taxonomy, words_of: Any) -> None:
    words = words_of("Strong Python (3+ years), machine-learning and SQL skills.")
    matches = tx.find(words)
    assert [(s, e) for s, e, _ in matches] == [(1, 2), (8, 11), (12, 13)]
    assert [words[s:e] for s, e, _ in matches] == [
        ["Python"],
        ["machine", "-", "learning"],
        ["SQL"],
    ]


def test_matches_do_not_cross_line_breaks(found: Any) -> None:
    assert [t for t, _ in found("machine\n\nlearning")] == []


def test_link_agrees_on_formal_and_short_names(tx: Taxonomy) -> None:
    sql = tx.link("SQL")
    assert sql is not None
    assert sql.name == "SQL"
    assert tx.link("Structured query language SQL") == sql
    assert tx.link("sql") == sql
    assert tx.link("(SQL)") == sql
    assert tx.link("Oracle Java") == tx.link("Java")
    assert tx.link("Microsoft Excel") == tx.link("Excel")


def test_link_needs_the_whole_surface(tx: Taxonomy) -> None:
    assert tx.link("Python developer") is None
    assert tx.link("excel at") is None
    assert tx.link("") is None
    assert tx.link("C#") != tx.link("C")


def test_normalize_folds_case_hyphens_and_plurals() -> None:
    assert normalize("Machine-Learning  Algorithms") == "machine learning algorithm"
    assert normalize("Databases") == normalize("database")
    assert normalize("APIs") == "api"
    assert normalize("economics") != normalize("economic")
    assert normalize("HCPCS") != normalize("HCPC")


@pytest.mark.parametrize(
    "text",
    [
        "C++",
        "C#",
        ".NET",
        "Node.js",
        "scikit-learn",
        "CI/CD",
        "k8s",
        "(SQL)",
        "Python,",
        "R.",
        "A/B testing",
        "Microsoft® Excel",
        "T-SQL",
        "Node.JS",
        "Python's",
        "e.g. Python",
    ],
)
def test_tokenize_splits_like_spacy(words_of: Any, text: str) -> None:
    assert tokenize(text) == words_of(text)


def test_get_returns_the_linked_skill(tx: Taxonomy) -> None:
    for name in ["Python", "communication", "Kubernetes", "patient care"]:
        skill = tx.link(name)
        assert skill is not None
        assert tx.get(skill.id) == skill
    assert tx.get("onet:no-such-tool") is None


def test_size_and_kinds(tx: Taxonomy) -> None:
    assert 3000 < len(tx) < 30000
    assert tx.n_phrases < 40000
    assert SHIPPED.stat().st_size < 3_000_000
    data = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    assert set(data["kinds"]) <= {"h", "t", "s", "k"}


def test_shipped_taxonomy_is_loaded_once() -> None:
    assert load_taxonomy() is load_taxonomy()


def test_importing_the_module_does_not_import_spacy() -> None:
    code = "import sys, tailor.skills.taxonomy; sys.exit('spacy' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(tailor.__file__).parents[1])}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def _artefact(tmp_path: Path, **changes: Any) -> Path:
    data = {
        "version": 1,
        "ids": "tailor:go\ntailor:c\ntailor:excel",
        "names": "Go\nC\nMicrosoft Excel",
        "kinds": "ttt",
        "phrases": {"golang": 0, "go": -1, "excel": -1, "excel at": -1, "vitamin c": -1},
        "cased": {"Go": 0, "C": 1, "Excel": 2},
        "first": {"golang": 1, "go": 1, "excel": 2, "vitamin": 2},
        "first_cased": {"Go": 1, "C": 1, "Excel": 1},
        "max_len": 2,
    }
    path = tmp_path / "taxonomy.json.gz"
    path.write_bytes(gzip.compress(json.dumps({**data, **changes}).encode()))
    return path


def test_stop_phrases_and_case_rules_in_a_custom_artefact(tmp_path: Path) -> None:
    tx = load_taxonomy(_artefact(tmp_path))
    assert len(tx) == 3
    words = ["Go", "or", "go", ";", "Excel", "at", "Excel", ";", "Vitamin", "C", ",", "C"]
    assert [(s, e, k.name) for s, e, k in tx.find(words)] == [
        (0, 1, "Go"),
        (6, 7, "Microsoft Excel"),
        (11, 12, "C"),
    ]
    assert tx.link("golang") == Skill("tailor:go", "Go", "tool")


def test_unknown_format_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        load_taxonomy(_artefact(tmp_path, version=99))


def test_shipped_artefact_is_up_to_date(tmp_path: Path) -> None:
    """Rebuilding from ../shared/data and curated.yaml gives the committed bytes."""
    if not (SHARED_DATA / "taxonomy").is_dir():
        pytest.skip("../shared/data is not present")
    out = tmp_path / "taxonomy.json.gz"
    script = ROOT / "scripts" / "build_taxonomy.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(SHARED_DATA), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == SHIPPED.read_bytes(), "run: python scripts/build_taxonomy.py"
