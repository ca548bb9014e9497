"""`tailor profile check|import|schema` and `tailor init`: exact output, exact error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from tailor.cli.app import cli
from tailor.cli.profile import profile
from tailor.profile.jsonresume import dump_yaml, profile_schema
from tailor.profile.load import load_profile

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "jsonresume.json"
SCHEMA = ROOT / "src" / "tailor" / "resources" / "profile.schema.json"
POSTING = ROOT / "examples" / "postings" / "data-analyst-northwind.txt"


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in an empty folder, with the commands registered (drop once cli.py does)."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def write(path: str, text: str) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


# ----------------------------------------------------------------------- check


@pytest.mark.parametrize("name", ["example.yaml", "example-nurse.yaml", "example-teacher.yaml"])
def test_check_accepts_the_examples(name: str) -> None:
    path = ROOT / "profiles" / name
    result = run("profile", "check", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{path}: ok\n", "")


def test_check_reports_every_problem_at_once() -> None:
    write(
        "me.yaml",
        "basics:\n"
        "  name: Ada\n"
        "  emial: ada@example.com\n"
        "work:\n"
        "  - name: Initech\n"
        '    startDate: "2021-13"\n'
        "    hilights:\n"
        "      - Built things\n"
        "skils:\n"
        "  - name: Python\n",
    )
    result = run("profile", "check", "me.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: me.yaml:3: basics.emial: unknown field; did you mean 'email'?\n"
        "Error: me.yaml:6: work[0].startDate: '2021-13' is not a real date; check the month and day\n"
        "Error: me.yaml:7: work[0].hilights: unknown field; did you mean 'highlights'?\n"
        "Error: me.yaml:9: skils: unknown field; did you mean 'skills'?\n"
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Error: me.yaml: the profile is empty; start from profiles/example.yaml\n"),
        (
            "basics:\n  name: [unclosed\n",
            (
                "Error: me.yaml:3: not valid YAML (did not find expected ',' or ']'); check "
                "indentation and quote values that contain ': ' or start with '*', '&' or '@'\n"
            ),
        ),
        ("work: []\n", "Error: me.yaml:1: basics: required field is missing\n"),
    ],
)
def test_check_other_problems(text: str, error: str) -> None:
    write("me.yaml", text)
    result = run("profile", "check", "me.yaml")
    assert (result.exit_code, result.stderr) == (2, error)


def test_check_a_missing_file() -> None:
    result = run("profile", "check", "nope.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: nope.yaml: profile not found; check the path (see profiles/example.yaml)\n",
    )


# ---------------------------------------------------------------------- schema


def test_schema_is_generated_and_committed() -> None:
    """src/tailor/resources/profile.schema.json is `tailor profile schema`; regenerate with
    `tailor profile schema > src/tailor/resources/profile.schema.json` when this fails."""
    result = run("profile", "schema")
    assert result.exit_code == 0
    assert result.stdout == profile_schema()
    assert result.stdout == SCHEMA.read_text(encoding="utf-8")


def test_schema_describes_the_profile() -> None:
    schema = json.loads(profile_schema())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["basics"]
    assert schema["additionalProperties"] is False
    assert {"$schema", "basics", "work", "education", "skills", "projects", "meta"} <= set(
        schema["properties"]
    )
    work = schema["$defs"]["Work"]
    assert work["additionalProperties"] is False
    assert {"name", "position", "startDate", "endDate", "highlights"} <= set(work["properties"])


# ---------------------------------------------------------------------- import


def test_import_writes_readable_yaml_to_stdout() -> None:
    result = run("profile", "import", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text = result.stdout
    assert text.startswith(
        "$schema: https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json\n"
        "\n"
        "basics:\n"
        "  name: Priya Raman\n"
    )
    assert '    startDate: "2022-03"\n' in text
    assert '    date: "2023-12-15"\n' in text
    assert "  summary: |-\n    Data analyst with 4 years" in text
    assert text.index("\nwork:") < text.index("\neducation:") < text.index("\nmeta:")
    assert text.rstrip().endswith("lastModified: '2025-01-10T09:30:00'")


def test_import_keeps_everything() -> None:
    result = run("profile", "import", str(SAMPLE), "-o", "profiles/me.yaml")
    assert (result.exit_code, result.stdout) == (0, "profiles/me.yaml\n")
    imported = load_profile("profiles/me.yaml")
    original = json.loads(SAMPLE.read_text(encoding="utf-8"))
    dumped = imported.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    assert _normalised(dumped) == _normalised(original)
    assert imported == load_profile(SAMPLE)


def _normalised(data: object) -> object:
    """What the profile model does to JSON values: numbers in text fields become text."""
    if isinstance(data, dict):
        return {k: _normalised(v) for k, v in data.items() if v not in (None, [])}
    if isinstance(data, list):
        return [_normalised(v) for v in data]
    return str(data) if isinstance(data, int | float) and not isinstance(data, bool) else data


@pytest.mark.parametrize("kind", ["letter", "resume", "bullets"])
def test_import_round_trips_into_identical_documents(kind: str, runner: CliRunner) -> None:
    """A JSON Resume and its imported YAML render the very same Markdown."""
    assert run("profile", "import", str(SAMPLE), "-o", "me.yaml").exit_code == 0
    outputs = []
    for source, out in ((str(SAMPLE), "from-json"), ("me.yaml", "from-yaml")):
        args = [kind, str(POSTING), "--profile", source, "--format", "md", "--out", out]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        outputs.append(Path(result.stdout.splitlines()[0]).read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert "Priya Raman" in outputs[0]


def test_import_renames_old_names_and_keeps_unknown_fields() -> None:
    write(
        "old.json",
        "{\n"
        '\t"basics": {"name": "Ada", "website": "https://ada.example", "pronouns": "she/her"},\n'
        '\t"work": [{"company": "Initech", "startDate": "2021-03", "hilights": ["Built it"]}],\n'
        '\t"meta": {"version": "v1"}\n'
        "}\n",
    )
    result = run("profile", "import", "old.json")
    assert result.exit_code == 0
    assert result.stderr == (
        "Note: old.json: basics.website: renamed to 'url' (its JSON Resume 1.0 name)\n"
        "Note: old.json: basics.pronouns: not a JSON Resume field; kept under meta.extra\n"
        "Note: old.json: work[0].company: renamed to 'name' (its JSON Resume 1.0 name)\n"
        "Note: old.json: work[0].hilights: not a JSON Resume field (did you mean 'highlights'?); "
        "kept under meta.extra\n"
    )
    assert result.stdout == (
        "basics:\n"
        "  name: Ada\n"
        "  url: https://ada.example\n"
        "\n"
        "work:\n"
        "  - name: Initech\n"
        '    startDate: "2021-03"\n'
        "\n"
        "meta:\n"
        "  version: v1\n"
        "  extra:\n"
        "    basics.pronouns: she/her\n"
        "    work[0].hilights:\n"
        "      - Built it\n"
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            '{\n  "basics": {"name": "Ada"},\n  "work": [{"name": "X" "position": "Y"}]\n}\n',
            "Error: r.json:3: not valid JSON (Expecting ',' delimiter, column 25)\n",
        ),
        (
            '{\n  "basics": {"name": "Ada"},\n  "work": [\n    {"startDate": "2021-13"}\n  ]\n}\n',
            (
                "Error: r.json:4: work[0].startDate: '2021-13' is not a real date; check the month "
                "and day\n"
            ),
        ),
        (
            '{"basics": {"name": "Ada"}, "basics": {"name": "Bo"}}',
            "Error: r.json:1: duplicate key 'basics' (first at line 1); keep only one\n",
        ),
        ('{"work": []}', "Error: r.json:1: basics: required field is missing\n"),
        ("[1, 2]", "Error: r.json: a JSON Resume document is an object ({ ... })\n"),
    ],
)
def test_import_errors(text: str, error: str) -> None:
    write("r.json", text)
    result = run("profile", "import", "r.json")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", error)


def test_import_does_not_overwrite() -> None:
    write("me.yaml", "mine")
    result = run("profile", "import", str(SAMPLE), "-o", "me.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: me.yaml: already exists; rerun with --force to overwrite it, or pick another -o\n",
    )
    assert Path("me.yaml").read_text(encoding="utf-8") == "mine"
    assert run("profile", "import", str(SAMPLE), "-o", "me.yaml", "--force").exit_code == 0
    assert load_profile("me.yaml").basics.name == "Priya Raman"


def test_import_a_missing_file() -> None:
    result = run("profile", "import", "nope.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: nope.json: file not found; check the path\n",
    )


@given(st.text() | st.text("a \n\r\t\x85\u2028-:#|>'\"", max_size=12))
def test_yaml_keeps_any_text_exactly(text: str) -> None:
    data = {
        "basics": {"name": text, "summary": f"{text}\n{text}"},
        "work": [{"highlights": [text, f"{text}\n", "2021-06"]}],
        "skills": [text],
    }
    assert yaml.safe_load(dump_yaml(data)) == data


# ------------------------------------------------------------------------ init


def test_init_scaffolds_a_working_folder() -> None:
    result = run("init", "job-hunt")
    assert result.exit_code == 0
    assert result.stdout == (
        "job-hunt/profiles/\njob-hunt/templates/\njob-hunt/out/\njob-hunt/profiles/me.yaml\n"
    )
    scaffold = Path("job-hunt/profiles/me.yaml").read_text(encoding="utf-8")
    assert scaffold.startswith("# Your profile:")
    assert load_profile("job-hunt/profiles/me.yaml").basics.name == "Your Name"
    assert run("profile", "check", "job-hunt/profiles/me.yaml").exit_code == 0


def test_init_leaves_existing_files_alone() -> None:
    write("profiles/me.yaml", "basics:\n  name: Me\n")
    result = run("init")
    assert result.exit_code == 0
    assert result.stdout == "templates/\nout/\n"
    assert result.stderr == "profiles/me.yaml: already exists; left as it is\n"
    assert Path("profiles/me.yaml").read_text(encoding="utf-8") == "basics:\n  name: Me\n"


def test_init_into_a_file() -> None:
    write("taken", "x")
    result = run("init", "taken")
    assert (result.exit_code, result.stderr) == (2, "Error: taken: is a file; name a folder\n")


@pytest.mark.parametrize(
    "args", [["profile", "--help"], ["profile", "check", "--help"], ["init", "--help"]]
)
def test_help(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage: " in result.stdout
    assert profile.commands["import"].help
    assert profile.commands["schema"].help
