from __future__ import annotations

import json
from pathlib import Path

import pytest

from tailor.errors import ProfileError
from tailor.profile.load import load_profile, parse_profile

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["example.yaml", "example-nurse.yaml", "example-teacher.yaml"])
def test_example_profiles_are_valid(name: str) -> None:
    profile = load_profile(ROOT / "profiles" / name)
    assert profile.basics.name
    assert profile.work
    assert all(job.highlights for job in profile.work)


def test_json_resume_document_is_a_profile(tmp_path: Path) -> None:
    doc = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": "Ada",
            "location": {"city": "Leeds", "countryCode": "GB"},
            "profiles": [{"network": "GitHub", "url": "https://example.com/ada"}],
        },
        "work": [
            {
                "name": "Initech",
                "position": "Engineer",
                "startDate": "2019-04",
                "highlights": ["Built things"],
            }
        ],
        "education": [
            {
                "institution": "Leeds",
                "studyType": "BSc",
                "area": "CS",
                "startDate": "2015",
                "endDate": "2018-06-30",
                "score": "3.9",
            }
        ],
        "meta": {"version": "v1.0.0"},
    }
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(doc, indent=2))
    profile = load_profile(path)
    assert profile.education[0].endDate == "2018-06-30"
    assert profile.work[0].startDate == "2019-04"


def test_unquoted_yaml_dates_and_numbers_are_accepted() -> None:
    profile = parse_profile(
        b"basics:\n  name: Ada\n  phone: 5550100\nwork:\n  - startDate: 2020-01-15\n"
        b"    endDate: 2021\n",
        source="p.yaml",
    )
    assert (profile.work[0].startDate, profile.work[0].endDate) == ("2020-01-15", "2021")
    assert profile.basics.phone == "5550100"


def test_every_problem_is_reported_at_once_with_lines_and_hints() -> None:
    data = (
        b"basics:\n"
        b"  name: Ada\n"
        b"  emial: a@example.com\n"
        b"work:\n"
        b"  - name: X\n"
        b"    startDate: 2020-13\n"
        b"    highlights: Built a thing\n"
        b"skils: []\n"
    )
    with pytest.raises(ProfileError) as info:
        parse_profile(data, source="me.yaml")
    assert [str(p) for p in info.value.problems] == [
        "me.yaml:3: basics.emial: unknown field; did you mean 'email'?",
        "me.yaml:6: work[0].startDate: '2020-13' is not a real date; check the month and day",
        "me.yaml:7: work[0].highlights: should be a list (items starting with '- ')",
        "me.yaml:8: skils: unknown field; did you mean 'skills'?",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "p.yaml: the profile is empty; start from profiles/example.yaml"),
        (b"basics:\n  name: [Ada\n", "p.yaml:3: not valid YAML"),
        (b"basics:\n  name: A\n  name: B\n", "p.yaml:3: duplicate key 'name' (first at line 2)"),
        (b"- a\n- b\n", "p.yaml:1: the profile should be a mapping"),
        (b"work: []\n", "p.yaml:1: basics: required field is missing"),
        (
            b"basics:\n  name: Ada\nwork:\n  - startDate: 2021-02-30\n",
            "p.yaml:4: work[0].startDate: '2021-02-30' is not a real date",
        ),
    ],
)
def test_malformed_profiles(data: bytes, message: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(data, source="p.yaml")
    assert str(info.value).startswith(message)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    data = ("\n".join(lines) + "\nbasics:\n  name: *a8\n").encode()
    with pytest.raises(ProfileError, match="expands to over 200,000 values"):
        parse_profile(data, source="bomb.yaml")


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"me\.yaml: profile not found"):
        load_profile(tmp_path / "me.yaml")
