"""The letter's wording is data: templates/letter/voices.yaml, which a user's file overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli.app import cli
from tailor.compose.wording import VOICES_FILE, builtin_voices, load_voices
from tailor.errors import TemplateError

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "staff-nurse-riverside.txt"
PROFILE = ROOT / "profiles" / "example-nurse.yaml"


def _voices(folder: Path, text: str) -> Path:
    path = folder / VOICES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_wording_has_every_tone_with_its_lengths() -> None:
    voices = builtin_voices()
    assert set(voices) == {"formal", "warm", "concise"}
    assert (voices["concise"].min_words, voices["concise"].max_words) == (180, 250)
    assert (voices["formal"].min_words, voices["formal"].max_words) == (250, 400)
    assert voices["concise"].points < voices["formal"].points
    assert "{ask}" in voices["formal"].noun_topics[0]


def test_a_user_file_changes_only_what_it_names(tmp_path: Path) -> None:
    _voices(tmp_path, 'formal:\n  closings: ["Thank you, {whom}."]\n  points: 2\n')
    voices = load_voices([tmp_path])
    assert voices["formal"].closings == ("Thank you, {whom}.",)
    assert voices["formal"].points == 2
    assert voices["formal"].noun_topics == builtin_voices()["formal"].noun_topics
    assert voices["warm"] == builtin_voices()["warm"]


def test_the_first_folder_on_the_path_wins(tmp_path: Path) -> None:
    mine, team = tmp_path / "mine", tmp_path / "team"
    _voices(mine, 'formal:\n  closings: ["Mine."]\n')
    _voices(team, 'formal:\n  closings: ["Team."]\n  applying: "Applying for {role}{at}."\n')
    voices = load_voices([mine, team])
    assert voices["formal"].closings == ("Mine.",)
    assert voices["formal"].applying == "Applying for {role}{at}."


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        ('formal:\n  closings: ["Thanks, {who}."]\n', "formal.closings", "{whom}"),
        ('formal:\n  noun_topics: ["You ask for {ask.upper}."]\n', "formal.noun_topics", "{ask}"),
        ('formal:\n  verb_topics: ["{ask!r}"]\n', "formal.verb_topics", "plainly"),
        ('formal:\n  closings: ["Thanks {whom"]\n', "formal.closings", "literal brace"),
        ("formal:\n  closings: []\n", "formal.closings", "at least 1"),
        ("formal:\n  min_words: 500\n", "formal", "over max_words"),
        ("formall:\n  closings: []\n", "formall", "no such tone"),
        ("formal:\n  closing: []\n", "formal.closing", "no such field"),
        ("formal: [\n", "line 2", "YAML"),
        ("- formal\n", None, "expected tones"),
    ],
)
def test_a_mistake_is_one_error_naming_the_file_and_the_field(
    tmp_path: Path, text: str, where: str | None, says: str
) -> None:
    path = _voices(tmp_path, text)
    with pytest.raises(TemplateError) as caught:
        load_voices([tmp_path])
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    if where is not None:
        assert problem.where is not None
        assert problem.where.startswith(where)
    assert says in problem.what


def _letter(runner: CliRunner, out: Path, *more: str) -> object:
    return runner.invoke(
        cli,
        ["letter", str(POSTING), "--profile", str(PROFILE), "--format", "md",
         "--out", str(out), *more],
    )  # fmt: skip


def test_a_letter_is_written_in_the_users_wording(tmp_path: Path) -> None:
    runner = CliRunner()
    mine = tmp_path / "mine"
    _voices(
        mine,
        "formal:\n"
        '  applying: "Please consider me for {role}{at}."\n'
        '  closings: ["With thanks to {whom} for reading."]\n'
        "  visit_closings: []\n",
    )
    result = _letter(runner, tmp_path / "out", "--templates", str(mine))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    letter = next((tmp_path / "out").glob("*/cover-letter.md")).read_text()
    assert "Please consider me for the " in letter
    assert "With thanks to the team at" in letter
    assert "I am writing to apply" not in letter
    plain = _letter(runner, tmp_path / "plain")
    assert plain.exit_code == 0, plain.output  # type: ignore[attr-defined]
    assert (
        "I am writing to apply" in next((tmp_path / "plain").glob("*/cover-letter.md")).read_text()
    )


def test_a_bad_voices_file_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    path = _voices(mine, 'warm:\n  closings: ["Thanks, {who}."]\n')
    result = _letter(CliRunner(), tmp_path / "out", "--templates", str(mine))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Error: {path}: warm.closings[0]: 'Thanks, {{who}}.' uses {{who}}; "
        "this field takes only {whom}\n"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.md"))


def test_the_gap_sentence_is_said_in_the_users_words(tmp_path: Path) -> None:
    from tailor.compose.gaps import Gap, say

    _voices(tmp_path, 'formal:\n  gap_not_taught: "Teaching {subject} would be new to me."\n')
    voice = load_voices([tmp_path])["formal"]
    assert say(Gap("not_taught", {"subject": "art"}), voice) == "Teaching art would be new to me."
    assert say(Gap("not_taught", {"subject": "art"})) == (
        "I should say plainly that I have not yet taught art."
    )
    bad = tmp_path / "bad"
    path = _voices(bad, 'formal:\n  gap_new_field: "{subject} would be new to me."\n')
    with pytest.raises(TemplateError) as caught:
        load_voices([bad])
    assert caught.value.problems[0].file == str(path)
    assert caught.value.problems[0].where == "formal.gap_new_field"
