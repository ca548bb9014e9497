"""LinkedIn's data export: a ZIP of CSV files, built here with zipfile and csv."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tailor.cli.app import cli
from tailor.profile.load import load_profile

DESCRIPTION = (
    "Lead designer for the banking app.\n• Redesigned onboarding, raising completion "
    "from 61% to 78%.\n• Built the design system used by 4 teams."
)
TABLES: dict[str, list[list[str]]] = {
    "Profile.csv": [
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
         "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
         "Instant Messengers"],
        ["Noor", "Haddad", "", "", "", "Product Designer at Cedar Apps",
         "Designer of calm, accessible mobile apps.", "Design", "", "Amman, Jordan", "",
         "[PORTFOLIO:https://noor.example.com]", ""],
    ],
    "Positions.csv": [
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        ["Cedar Apps", "Product Designer",
         DESCRIPTION, "Amman", "Mar 2021", ""],
        ["Olive Studio", "UX Designer", "", "", "Jun 2018", "Feb 2021"],
    ],
    "Education.csv": [
        ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
        ["German Jordanian University", "2013", "2017", "", "BSc Industrial Design", ""],
    ],
    "Skills.csv": [["Name"], ["Figma"], ["User Research"], ["Prototyping"]],
    "Certifications.csv": [
        ["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
        ["Google UX Design Certificate", "https://cert.example.com/1", "Google", "Aug 2020", "", ""],
    ],
    "Languages.csv": [["Name", "Proficiency"], ["Arabic", "Native or bilingual proficiency"]],
    "Projects.csv": [
        ["Title", "Description", "Url", "Started On", "Finished On"],
        ["Souq Lite", "A light shopping app for slow networks.", "", "Jan 2022", "Jun 2022"],
    ],
    "Email Addresses.csv": [
        ["Email Address", "Confirmed", "Primary", "Updated On"],
        ["old@example.com", "Yes", "No", ""],
        ["noor.haddad@example.com", "Yes", "Yes", ""],
    ],
}  # fmt: skip


def export(tables: dict[str, list[list[str]]], folder: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            text = io.StringIO()
            csv.writer(text).writerows(rows)
            archive.writestr(folder + name, text.getvalue())
    return out.getvalue()


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_linkedin_export_becomes_a_profile_with_each_row_named() -> None:
    Path("export.zip").write_bytes(export(TABLES, folder="Basic_LinkedInDataExport/"))
    result = run("profile", "import", "export.zip", "-o", "me.yaml")
    assert result.exit_code == 0, result.output
    profile = load_profile("me.yaml")
    basics = profile.basics
    assert (basics.name, basics.label, basics.email) == (
        "Noor Haddad", "Product Designer at Cedar Apps", "noor.haddad@example.com",
    )  # fmt: skip
    assert basics.url == "https://noor.example.com"
    assert basics.location is not None
    assert (basics.location.city, basics.location.region) == ("Amman", "Jordan")
    current, earlier = profile.work
    assert (current.name, current.position, current.startDate, current.endDate) == (
        "Cedar Apps", "Product Designer", "2021-03", None,
    )  # fmt: skip
    assert current.summary == "Lead designer for the banking app."
    assert current.highlights == [
        "Redesigned onboarding, raising completion from 61% to 78%.",
        "Built the design system used by 4 teams.",
    ]
    assert (earlier.startDate, earlier.endDate) == ("2018-06", "2021-02")
    (school,) = profile.education
    assert (school.institution, school.studyType, school.startDate, school.endDate) == (
        "German Jordanian University", "BSc Industrial Design", "2013", "2017",
    )  # fmt: skip
    assert [s.name for s in profile.skills] == ["Figma", "User Research", "Prototyping"]
    (certificate,) = profile.certificates
    assert (certificate.name, certificate.issuer, certificate.date, certificate.url) == (
        "Google UX Design Certificate", "Google", "2020-08", "https://cert.example.com/1",
    )  # fmt: skip
    assert [(x.language, x.fluency) for x in profile.languages] == [
        ("Arabic", "Native or bilingual proficiency")
    ]
    (project,) = profile.projects
    assert (project.name, project.startDate, project.endDate) == ("Souq Lite", "2022-01", "2022-06")
    text = Path("me.yaml").read_text(encoding="utf-8")
    assert "  # from Positions.csv row 3\n  - name: Olive Studio\n" in text
    assert "  # from Profile.csv row 2\n" in text
    assert "work: 2 (2 highlights)" in result.stderr


def test_a_preamble_before_the_header_row_is_skipped() -> None:
    tables = {
        "Profile.csv": TABLES["Profile.csv"],
        "Skills.csv": [["Notes:"], ["Exported skills, one per row"], [], ["Name"], ["Figma"]],
    }
    Path("export.zip").write_bytes(export(tables))
    result = run("profile", "import", "export.zip")
    assert result.exit_code == 0, result.output
    assert "  # from Skills.csv row 5\n  - name: Figma\n" in result.stdout


def test_a_zip_that_is_no_linkedin_export_is_refused() -> None:
    Path("photos.zip").write_bytes(export({"notes.csv": [["a", "b"]]}))
    result = run("profile", "import", "photos.zip", "-o", "me.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        (
            "Error: photos.zip: is a ZIP but neither a .docx nor a LinkedIn export "
            "(no Profile.csv inside)"
        )
    ]
    assert not Path("me.yaml").exists()


def test_an_export_without_name_or_contact_or_dates_is_refused() -> None:
    Path("export.zip").write_bytes(
        export({"Skills.csv": [["Name"], ["Figma"]], "Profile.csv": [["First Name", "Last Name"]]})
    )
    result = run("profile", "import", "export.zip")
    assert result.exit_code == 2
    assert "does not look like a résumé" in result.output
