"""`tailor bulk --profiles` and `--pairs`: many profiles × many postings, one manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from helpers.postings import posting
from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
LETTER_MD = ["--kind", "letter", "--format", "md", "--jobs", "1"]


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text(posting("Data Engineer", "Acme"))
    (folder / "b.md").write_text(posting("ML Engineer", "Lumen"))
    return folder


@pytest.fixture
def people(tmp_path: Path) -> Path:
    folder = tmp_path / "people"
    folder.mkdir()
    shutil.copy(ROOT / "profiles" / "example.yaml", folder / "Alice Smith.yaml")
    shutil.copy(ROOT / "profiles" / "example-nurse.yaml", folder / "bob.yaml")
    (folder / "notes.txt").write_text("not a profile")
    return folder


def bulk(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["bulk", *args, *LETTER_MD])


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def test_every_profile_is_paired_with_every_posting(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert result.exit_code == 0, result.output
    a, b = str(postings / "a.txt"), str(postings / "b.md")
    lines = manifest(out)
    assert [(e["id"], e["profile"], e["status"], e["folder"]) for e in lines] == [
        (f"alice-smith/{a}", "alice-smith", "ok", "alice-smith/acme-data-engineer"),
        (f"bob/{a}", "bob", "ok", "bob/acme-data-engineer"),
        (f"alice-smith/{b}", "alice-smith", "ok", "alice-smith/lumen-ml-engineer"),
        (f"bob/{b}", "bob", "ok", "bob/lumen-ml-engineer"),
    ]
    assert all(e["input"] in (a, b) for e in lines)
    # Each profile has its own settings hash; a posting's hash is the same for both.
    assert lines[0]["settings_hash"] != lines[1]["settings_hash"]
    assert lines[0]["input_hash"] == lines[1]["input_hash"]
    alice = (out / "alice-smith" / "acme-data-engineer" / "cover-letter.md").read_text()
    bob = (out / "bob" / "acme-data-engineer" / "cover-letter.md").read_text()
    assert alice != bob  # each letter is its own profile's
    assert lines[0]["outputs"] == [
        "alice-smith/acme-data-engineer/cover-letter.md",
        "alice-smith/acme-data-engineer/cover-letter.provenance.json",
        "alice-smith/acme-data-engineer/report.md",
        "alice-smith/acme-data-engineer/report.html",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["alice-smith", "bob", "manifest.jsonl"]

    again = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "4 postings up to date, skipped" in again.stderr
    assert [e["status"] for e in manifest(out)] == ["skipped"] * 4


def test_one_changed_profile_redoes_only_its_pairs(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert bulk(runner, str(postings), "--profiles", str(people), "--out", str(out)).exit_code == 0
    bob = people / "bob.yaml"
    bob.write_text(bob.read_text() + "\n# edited\n")
    result = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [(e["profile"], e["status"]) for e in manifest(out)] == [
        ("alice-smith", "skipped"),
        ("bob", "ok"),
        ("alice-smith", "skipped"),
        ("bob", "ok"),
    ]


def test_an_edited_document_is_protected_per_pair(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert bulk(runner, str(postings), "--profiles", str(people), "--out", str(out)).exit_code == 0
    letter = out / "bob" / "acme-data-engineer" / "cover-letter.md"
    letter.write_text("my own words")
    (postings / "a.txt").write_text(posting("Data Engineer", "Acme") + "- Kubernetes\n")
    result = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert result.exit_code == 1
    assert letter.read_text() == "my own words"
    status = {e["id"].split("/")[0] + ":" + Path(e["input"]).name: e for e in manifest(out)}
    assert status["bob:a.txt"]["status"] == "failed"
    assert "edited" in status["bob:a.txt"]["error"]
    assert status["alice-smith:a.txt"]["status"] == "ok"


def test_a_bad_profile_fails_its_own_pairs_only(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    (people / "broken.yaml").write_text("basics: [not, a, mapping\n")
    out = tmp_path / "out"
    result = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert result.exit_code == 1
    lines = manifest(out)
    assert len(lines) == 6
    broken = [e for e in lines if e["profile"] == "broken"]
    assert [e["status"] for e in broken] == ["failed", "failed"]
    assert all(e["error"].startswith(f"the profile {people / 'broken.yaml'} ") for e in broken)
    assert all("\n" not in e["error"] for e in broken)
    assert [e["status"] for e in lines if e["profile"] != "broken"] == ["ok"] * 4
    assert "Traceback" not in result.output
    assert not (out / "broken").exists()


def test_explicit_pairs_from_a_csv(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "posting,profile\n"
        "postings/a.txt,people/bob.yaml\n"
        "postings/b.md,people/Alice Smith.yaml\n"
        "postings/a.txt,people/bob.yaml\n"  # the same pair twice: once
        "postings/b.md,\n"
    )
    out = tmp_path / "out"
    result = bulk(runner, "--pairs", str(pairs), "--out", str(out))
    assert result.exit_code == 1, result.output  # the row without a profile
    lines = manifest(out)
    assert [(e.get("profile"), Path(e["input"]).name, e["status"]) for e in lines] == [
        ("bob", "a.txt", "ok"),
        ("alice-smith", "b.md", "ok"),
        (None, "pairs.csv:5", "failed"),
    ]
    assert lines[2]["error"] == "the row needs a posting and a profile"
    assert (out / "bob" / "acme-data-engineer" / "cover-letter.md").is_file()
    assert not (out / "bob" / "lumen-ml-engineer").exists()


def test_a_pairs_file_without_its_columns_is_one_clear_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("job,person\na.txt,me.yaml\n")
    result = bulk(runner, "--pairs", str(pairs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {pairs}: header: needs the columns posting and profile (one pair a row)\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--profile", "p.yaml", "--profiles", "."],
            "give one of --profile, --profiles and --pairs",
        ),
        ([], "give one of --profile, --profiles and --pairs"),
    ],
)
def test_profile_options_are_exclusive(
    runner: CliRunner, postings: Path, extra: list[str], message: str
) -> None:
    result = bulk(runner, str(postings), *extra)
    assert result.exit_code == 2
    assert message in result.output


def test_a_profile_folder_linked_outside_out_is_refused(
    runner: CliRunner, postings: Path, people: Path, tmp_path: Path
) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "bob").symlink_to(elsewhere)
    result = bulk(runner, str(postings), "--profiles", str(people), "--out", str(out))
    assert result.exit_code == 1
    assert list(elsewhere.iterdir()) == []
    bob = [e for e in manifest(out) if e["profile"] == "bob"]
    assert all(e["status"] == "failed" and "symbolic link" in e["error"] for e in bob)


def test_batches_keep_a_postings_pairs_together() -> None:
    from tailor.bulk.inputs import Item
    from tailor.bulk.pairs import pair_all
    from tailor.bulk.runner import batches

    items = [Item(id=f"p{n}", input=f"p{n}", digest="") for n in range(10)]
    pairs = pair_all(items, ["a", "b", "c"])
    cut = batches(pairs, workers=2)  # 30 pairs, 2 workers: about 4 pairs a batch
    assert [pair for batch in cut for pair in batch] == pairs  # all, once, in order
    assert all(len({pair.input for pair in batch}) * 3 == len(batch) for batch in cut)
    assert max(len(batch) for batch in cut) == 6
    single = batches(items, workers=2)  # one profile: plain slices, as before
    assert [len(batch) for batch in single] == [2, 2, 2, 2, 2]
