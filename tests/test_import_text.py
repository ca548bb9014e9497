"""`tailor profile import` of text and Markdown résumés, its refusals, --force and
`tailor init --from`: the draft loads with tailor's own loader, every value is the
source's, and a refusal is one line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from tailor.cli.app import cli
from tailor.profile.load import load_profile

RESUME_TXT = """\
Jane Q. Moreau
Data Engineer
jane.moreau@example.org | +44 20 7946 0958 | Bristol, England
https://github.com/janemoreau

PROFESSIONAL SUMMARY
Data engineer with six years of building batch and streaming pipelines.

Work History
Senior Data Engineer — Fernhill Analytics
Mar 2021 – Present · Bristol, UK
• Moved 40 nightly batch jobs to a streaming pipeline on Kafka, cutting data latency
  from 24 hours to 5 minutes.
• Mentored four junior engineers.

Brightwater Energy          06/2017 - 02/2021
Data Analyst
• Built the weekly demand forecast used by 3 trading desks.

Education
University of Exeter
BSc in Mathematics
2014 – 2017

Skills
Languages: Python, SQL, Scala
Tools: Airflow, Kafka, dbt (core, cloud)

Certifications
Google Cloud Professional Data Engineer, 2022
"""

RESUME_MD = """\
# Tomás Ferreira

tomas.ferreira@example.net · +351 912 345 678 · Porto, Portugal

## Experience

### Backend Developer — Lumio

*Jan 2020 – Dec 2023*

- Wrote the billing service in Go, handling **2M** invoices a month.
- Cut build times by 60%.

## Education

### MSc in Informatics — University of Porto

*2018 – 2020*

## Languages

- Portuguese (native), English (C1)
"""


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def write(name: str, text: str) -> Path:
    path = Path(name)
    path.write_text(text, encoding="utf-8")
    return path


def _errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


def test_text_resume_becomes_a_profile_that_loads_with_every_value_from_the_source() -> None:
    write("cv.txt", RESUME_TXT)
    result = run("profile", "import", "cv.txt", "-o", "profiles/me.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "profiles/me.yaml"
    profile = load_profile("profiles/me.yaml")
    basics = profile.basics
    assert basics.name == "Jane Q. Moreau"
    assert basics.label == "Data Engineer"
    assert basics.email == "jane.moreau@example.org"
    assert basics.phone == "+44 20 7946 0958"
    assert basics.location is not None
    assert (basics.location.city, basics.location.region) == ("Bristol", "England")
    assert [(p.network, p.url) for p in basics.profiles] == [
        (None, "https://github.com/janemoreau")
    ]
    assert (
        basics.summary == "Data engineer with six years of building batch and streaming pipelines."
    )
    first, second = profile.work
    assert (first.name, first.position, first.startDate, first.endDate) == (
        "Fernhill Analytics", "Senior Data Engineer", "2021-03", "present",
    )  # fmt: skip
    assert first.location == "Bristol, UK"
    # The wrapped bullet is one highlight, joined with a space.
    assert first.highlights == [
        (
            "Moved 40 nightly batch jobs to a streaming pipeline on Kafka, cutting data latency "
            "from 24 hours to 5 minutes."
        ),
        "Mentored four junior engineers.",
    ]
    assert (second.name, second.position, second.startDate, second.endDate) == (
        "Brightwater Energy", "Data Analyst", "2017-06", "2021-02",
    )  # fmt: skip
    assert second.highlights == ["Built the weekly demand forecast used by 3 trading desks."]
    (school,) = profile.education
    assert (school.institution, school.studyType, school.area) == (
        "University of Exeter", "BSc", "Mathematics",
    )  # fmt: skip
    assert (school.startDate, school.endDate) == ("2014", "2017")
    assert [(s.name, s.keywords) for s in profile.skills] == [
        ("Languages", ["Python", "SQL", "Scala"]),
        ("Tools", ["Airflow", "Kafka", "dbt (core, cloud)"]),
    ]
    (certificate,) = profile.certificates
    assert (certificate.name, certificate.date) == (
        "Google Cloud Professional Data Engineer",
        "2022",
    )
    # Nothing invented: every text value is in the source, whitespace aside.
    flat = " ".join(RESUME_TXT.split())
    data = yaml.safe_load(Path("profiles/me.yaml").read_text(encoding="utf-8"))
    for value in _strings(data):
        if not value[:4].isdigit() and value != "present":
            assert value in flat, value


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_draft_comments_name_the_source_lines_and_mark_what_to_review() -> None:
    write("cv.txt", RESUME_TXT)
    result = run("profile", "import", "cv.txt")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "  # from lines 1-4\n" in text  # the header
    assert "  # from lines 10-14\n  - name: Fernhill Analytics\n" in text
    # "BSc in Mathematics" was split at " in ": both halves are marked.
    assert (
        "    # review: studyType: degree and subject split at ' in '\n    studyType: BSc\n" in text
    )
    # Summary on standard error: counts per section and the number to review.
    assert (
        "Found basics: name, label, email, phone, location, summary, 1 profile link(s); "
        "work: 2 (3 highlights); education: 1; certificates: 1; "
        "skills: 2 (5 of 6 in tailor's skill taxonomy)." in result.stderr
    )
    # Skills tailor's taxonomy does not know are named (the values stay as written).
    assert (
        "  # not in tailor's skill taxonomy (matched by words): dbt (core, cloud)\n"
        "  - name: Tools\n" in text
    )
    reviews = sum(1 for line in text.splitlines() if line.lstrip().startswith("# review: "))
    assert f"{reviews} value(s) to review" in result.stderr
    assert "Checks passed" in result.stderr


def test_markdown_resume() -> None:
    write("cv.md", RESUME_MD)
    result = run("profile", "import", "cv.md", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    profile = load_profile("me.yaml")
    assert profile.basics.name == "Tomás Ferreira"
    assert profile.basics.location is not None
    assert profile.basics.location.city == "Porto"
    (job,) = profile.work
    assert (job.position, job.name, job.startDate, job.endDate) == (
        "Backend Developer", "Lumio", "2020-01", "2023-12",
    )  # fmt: skip
    # Markdown marks go, the words stay.
    assert job.highlights == [
        "Wrote the billing service in Go, handling 2M invoices a month.",
        "Cut build times by 60%.",
    ]
    (school,) = profile.education
    assert (school.institution, school.studyType, school.area) == (
        "University of Porto", "MSc", "Informatics",
    )  # fmt: skip
    assert [(x.language, x.fluency) for x in profile.languages] == [
        ("Portuguese", "native"), ("English", "C1"),
    ]  # fmt: skip


def test_a_value_not_found_is_absent_never_a_placeholder() -> None:
    write("cv.txt", "Ana Lima\nana@example.com\n")
    result = run("profile", "import", "cv.txt")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data == {"basics": {"name": "Ana Lima", "email": "ana@example.com"}}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", "Shopping list\nmilk\neggs\nbread\n",
         "does not look like a résumé (no contact details and no dated entries)"),
        ("cv.rtf", "{\\rtf1 Jane}", "is not a format tailor imports"),
        ("cv.doc", "\xd0\xcf\x11\xe0", "is an old Word .doc; save it as .docx or PDF first"),
        ("cv.pdf", "not really a pdf", "is not a PDF"),
        ("cv.zip", "PK\x03\x04broken", "is a damaged ZIP or DOCX file"),
        ("nameless.txt", "jane@example.com\nExperience\nAcme 2019 - 2021\n",
         "found no name at the top"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_exit_2_and_write_nothing(
    name: str, content: str, message: str
) -> None:
    write(name, content)
    result = run("profile", "import", name, "-o", "profiles/me.yaml")
    assert result.exit_code == 2
    (line,) = _errors(result)
    assert line.startswith(f"Error: {name}: ")
    assert message in line
    assert not Path("profiles").exists()


def test_missing_file_and_folder_are_refused() -> None:
    result = run("profile", "import", "nowhere.pdf")
    assert result.exit_code == 2
    assert _errors(result) == ["Error: nowhere.pdf: file not found; check the path"]
    Path("folder.pdf").mkdir()
    result = run("profile", "import", "folder.pdf")
    assert _errors(result) == ["Error: folder.pdf: is a folder; name a file"]


def test_too_large_text_is_refused_before_reading_it_all() -> None:
    write("huge.txt", "Jane Doe\n" + "x" * (1024 * 1024 + 10))
    result = run("profile", "import", "huge.txt")
    assert result.exit_code == 2
    assert "is larger than 1 MB" in result.output


def test_existing_output_needs_force() -> None:
    write("cv.txt", RESUME_TXT)
    target = write("me.yaml", "# my own edits\n")
    result = run("profile", "import", "cv.txt", "-o", "me.yaml")
    assert result.exit_code == 2
    assert _errors(result) == [
        "Error: me.yaml: already exists; rerun with --force to overwrite it, or pick another -o"
    ]
    assert target.read_text(encoding="utf-8") == "# my own edits\n"
    result = run("profile", "import", "cv.txt", "-o", "me.yaml", "--force")
    assert result.exit_code == 0, result.output
    assert load_profile("me.yaml").basics.name == "Jane Q. Moreau"
    assert not [p for p in Path().iterdir() if p.name.endswith(".tmp")]


def test_json_resume_import_still_works() -> None:
    write("resume.json", '{"basics": {"name": "Ada", "website": "https://ada.example"}}')
    result = run("profile", "import", "resume.json", "-o", "ada.yaml")
    assert result.exit_code == 0, result.output
    assert load_profile("ada.yaml").basics.url == "https://ada.example"
    assert "renamed to 'url'" in result.stderr


def test_init_from_a_resume_scaffolds_the_workspace_with_it() -> None:
    write("cv.txt", RESUME_TXT)
    result = run("init", "ws", "--from", "cv.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "ws/profiles/", "ws/templates/", "ws/out/", "ws/profiles/me.yaml",
    ]  # fmt: skip
    profile = load_profile("ws/profiles/me.yaml")
    assert profile.basics.name == "Jane Q. Moreau"
    assert "value(s) to review" in result.stderr


def test_init_from_an_unreadable_resume_creates_nothing() -> None:
    write("notes.txt", "Shopping list\nmilk\n")
    result = run("init", "ws", "--from", "notes.txt")
    assert result.exit_code == 2
    (line,) = _errors(result)
    assert line.startswith("Error: notes.txt: does not look like a résumé")
    assert not Path("ws").exists()


COMMA_RESUME = """\
JOHN SMITH
john.smith@example.com | 07700 900123

Berufserfahrung / Experience
Software Engineer at Acme Corp, London            Jan 2019 - Present
- Built the payments API serving 3M requests a day.

Beispiel AG | Werkstudent Data | 10/2016 – 02/2018
- Dashboards in Tableau.

EDUCATION
BSc Computer Science, University of Leeds, 2014 - 2017
"""


def test_commas_and_organisation_words_tell_employer_title_and_town_apart() -> None:
    write("cv.txt", COMMA_RESUME)
    result = run("profile", "import", "cv.txt", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    profile = load_profile("me.yaml")
    assert profile.basics.label is None  # the bilingual heading is a heading, not a headline
    first, second = profile.work
    assert (first.name, first.position, first.location) == (
        "Acme Corp",
        "Software Engineer",
        "London",
    )
    assert (second.name, second.position) == ("Beispiel AG", "Werkstudent Data")
    (school,) = profile.education
    assert (school.institution, school.studyType) == ("University of Leeds", "BSc Computer Science")
    text = Path("me.yaml").read_text(encoding="utf-8")
    assert (
        "    # review: location: taken from after the employer's comma\n    location: London\n"
        in text
    )
