"""The résumé cuts by the requirement alignment: what backs a required ask goes last."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.analysis.models import LineEvidence, LineMatch
from tailor.cli.app import cli
from tailor.fitting.budget import Cut
from tailor.matching.relevance import Relevance, entry_relevance, fact_relevance
from tailor.pipeline import compose, prepare

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"


def _line(importance: str, status: str, cited: list[tuple[str, float]], more=()) -> LineMatch:  # type: ignore[no-untyped-def]
    def ev(ref: str, score: float) -> LineEvidence:
        return LineEvidence(ref=ref, text=ref, score=score, why="")

    return LineMatch(
        start=0,
        end=1,
        text="x",
        section="requirements",
        importance=importance,  # type: ignore[arg-type]
        kind="skill",
        status=status,  # type: ignore[arg-type]
        evidence=[ev(*c) for c in cited],
        alternatives=[ev(*c) for c in more],
    )


def test_a_fact_is_as_protected_as_the_strongest_line_it_backs() -> None:
    relevance = fact_relevance(
        [
            _line(
                "required",
                "backed",
                [("work[0].highlights[1]", 0.9)],
                [("projects[0].description", 0.5)],
            ),
            _line("unspecified", "partial", [("work[0].highlights[2]", 1.0)]),
            _line("required", "missing", []),
            _line("required", "not-scored", [("work[1].highlights[0]", 1.0)]),
        ]
    )
    assert relevance == {
        "work[0].highlights[1]": Relevance(2.7, 2),
        "projects[0].description": Relevance(1.5, 2),
        "work[0].highlights[2]": Relevance(0.9, 1),
    }
    assert entry_relevance("projects[0]", relevance) == Relevance(1.5, 2)
    assert entry_relevance("projects[1]", relevance) == Relevance(0.0, 0)


@pytest.fixture(scope="module")
def prepared():  # type: ignore[no-untyped-def]
    return prepare(POSTING, PROFILE)


def test_nothing_that_backs_a_required_ask_goes_before_what_backs_nothing(prepared) -> None:  # type: ignore[no-untyped-def]
    relevance = fact_relevance(prepared.result.match.lines)
    cuts = compose(prepared, "resume").cuts

    def backs(cut: Cut) -> int:
        if cut.section == "education":  # a degree's details: its grade and courses
            refs = [f"{cut.ref}.score", f"{cut.ref}.courses"]
            return max(entry_relevance(ref, relevance).backs for ref in refs)
        return entry_relevance(cut.ref, relevance).backs

    order = [backs(c) for c in cuts if c.section != "skills"]
    assert 2 in order, "the example must have a cut that backs a required ask"
    assert 0 in order, "the example must have a cut that backs nothing"
    assert order == sorted(order), [(c.ref, backs(c)) for c in cuts]


VOLUNTEER = """
volunteer:
  - organization: Seattle Food Bank
    position: Volunteer data analyst
    startDate: 2022-01
    highlights:
      - Built a Python dashboard of weekly deliveries to 300 households.
"""


def test_volunteer_roles_are_in_the_resume_or_listed_beside_it(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8") + VOLUNTEER, encoding="utf-8")
    runner = CliRunner()
    args = ["resume", str(POSTING), "-p", str(profile), "--format", "md", "--pages", "any"]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "a").iterdir()
    resume = (folder / "resume.md").read_text(encoding="utf-8")
    assert "## Volunteering" in resume
    assert "### Volunteer data analyst — Seattle Food Bank" in resume
    assert "- Built a Python dashboard of weekly deliveries to 300 households." in resume
    assert "volunteer[0]" not in (folder / "resume.left-out.md").read_text(encoding="utf-8")

    # A template of the user's own without the section: listed beside the résumé instead.
    mine = tmp_path / "templates" / "resume"
    mine.mkdir(parents=True)
    builtin = (ROOT / "templates" / "resume" / "classic.md.j2").read_text(encoding="utf-8")
    start = builtin.index("{% if volunteer %}")
    end = builtin.index("{% if awards %}")
    (mine / "classic.md.j2").write_text(builtin[:start] + builtin[end:], encoding="utf-8")
    templates = ["--templates", str(tmp_path / "templates")]
    result = runner.invoke(cli, [*args, *templates, "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "b").iterdir()
    assert "Volunteering" not in (folder / "resume.md").read_text(encoding="utf-8")
    left_out = (folder / "resume.left-out.md").read_text(encoding="utf-8")
    assert "- `volunteer[0]`: Volunteer data analyst, Seattle Food Bank" in left_out


def test_skills_are_shown_in_the_profile_words_and_key_skills_back_the_posting(
    prepared,  # type: ignore[no-untyped-def]
) -> None:
    context = compose(prepared, "resume").context
    profile_keywords = {k for group in prepared.profile.skills for k in group.keywords}
    shown = {k for group in context.skills for k in group.keywords}
    assert shown == profile_keywords  # nothing relabelled in the posting's words
    key = context.matched_skills
    assert 3 <= len(key) <= 8
    assert set(key) <= profile_keywords
    assert {"Python", "PyTorch", "Natural Language Processing"} <= set(key)
    assert "Conference Talks" not in key  # the NLP posting asks nothing of it


def _asked(text: str, importance: str = "required", status: str = "missing") -> LineMatch:
    return LineMatch(
        start=0,
        end=len(text),
        text=text,
        section="requirements",
        importance=importance,  # type: ignore[arg-type]
        kind="duty",
        status=status,  # type: ignore[arg-type]
        evidence=[],
    )


def test_a_keyword_is_said_by_a_line_holding_its_words_or_near_synonyms() -> None:
    from tailor.matching.relevance import said_weight
    from tailor.skills.vectors import load_word_vectors

    vectors = load_word_vectors()
    lines = [
        _asked("Administer medicines safely in line with Trust policy"),
        _asked("Good communication with families", "preferred"),
        _asked("Manage discharge planning for complex patients", status="not-scored"),
    ]
    # "administration" and "administer" fold apart; their vectors are near.
    assert said_weight("Medication administration", lines, vectors) == 3.0
    assert said_weight("Medication administration", lines, None) == 0.0
    assert said_weight("Communicating with patients and families", lines, vectors) == 2.0
    assert said_weight("Discharge planning", lines, vectors) == 0.0  # only a line not scored
    assert said_weight("Python", lines, vectors) == 0.0


def test_dates_do_not_break_and_an_entry_without_an_end_is_ongoing() -> None:
    from tailor.compose.common import date_range, show_date

    assert show_date("2023-06") == "Jun\u00a02023"
    assert date_range("2021-06", "2023-08") == "Jun\u00a02021\u00a0– Aug\u00a02023"
    assert date_range("2024-02", None) == "Feb\u00a02024\u00a0– Present"
    assert date_range("2024-02", None, ongoing=False) == "Feb\u00a02024"


def test_a_required_credential_the_profile_lacks_is_reported_on_the_terminal(
    tmp_path: Path,
) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Neonatal Nurse\nRiverside NHS Trust\n\nRequirements\n\n"
        "- Must hold a Qualified in Speciality (QIS) neonatal qualification.\n"
        "- Experience of acute medicine.\n",
        encoding="utf-8",
    )
    profile = ROOT / "profiles" / "example-nurse.yaml"
    result = CliRunner().invoke(
        cli, ["letter", str(posting), "-p", str(profile), "--format", "md", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    gap = "Gap: the posting requires “Must hold a Qualified in Speciality (QIS) neonatal"
    assert gap in result.stderr
    letter = next(tmp_path.glob("*/cover-letter.md")).read_text(encoding="utf-8")
    assert "QIS" not in letter  # documents never mention a gap


def test_a_thin_key_skills_band_is_filled_with_keywords_near_an_ask() -> None:
    """A blind read found bands of three ("Statistics · Python · SQL") where the profile had
    "Hypothesis Testing" beside the posting's "statistical testing": keywords the fact
    model puts near some ask fill the band, closest first; one nowhere near stays out."""
    from tailor.compose.resume import KEY_SKILL_NEAR, KEY_SKILLS, _key_skills
    from tailor.profile.load import parse_profile

    profile = parse_profile(
        b"basics: {name: Sam}\n"
        b"skills:\n"
        b"  - {name: Data, keywords: [Python, SQL, Hypothesis Testing, Regression, Origami]}\n",
        source="p.yaml",
    )
    relevance = {
        "skills[0].keywords[0]": Relevance(3.0, 2),
        "skills[0].keywords[2]": Relevance(0.3, 0),
        "skills[0].keywords[3]": Relevance(0.6, 0),
        "skills[0].keywords[4]": Relevance(KEY_SKILL_NEAR / 2, 0),
    }
    key = _key_skills(profile, {"sql": 3.0}, relevance, {})
    assert key == ["Python", "SQL", "Regression", "Hypothesis Testing"]
    assert len(key) <= KEY_SKILLS
