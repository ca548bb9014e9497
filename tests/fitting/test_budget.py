"""Page budget: what is left out, in which order, and how it reaches the user."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from tailor.checks.ats import SECTIONS, expected_fields, missing_fields
from tailor.cli.app import cli
from tailor.compose.inputs import DocumentOptions
from tailor.fitting.budget import PROTECTION, apply_cuts, density, fit
from tailor.fitting.layout import Layout
from tailor.pipeline import Request, compose, prepare, tailor_posting
from tailor.profile.load import load_profile
from tailor.render.context import ResumeContext
from tailor.render.templates import search_path

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"


@pytest.fixture(scope="module")
def composed() -> tuple[ResumeContext, list]:
    composed = compose(prepare(POSTING, PROFILE), "resume")
    context, cuts = composed.context, composed.cuts
    assert isinstance(context, ResumeContext)
    return context, cuts


def _size(context: ResumeContext) -> int:
    """A stand-in for the layout: one unit per bullet, entry and skill."""
    entries = context.work + context.education + context.projects + context.publications
    return (
        sum(len(e.bullets) + 1 + bool(e.summary) for e in entries)
        + len(context.awards)
        + sum(len(g.keywords) for g in context.skills)
    )


def test_cuts_go_least_relevant_first_and_spare_the_recent_best(composed) -> None:
    _context, cuts = composed
    # Least protected first; within a level of protection, least relevant for its size.
    order = [(c.tier // PROTECTION, round(density(c), 1)) for c in cuts]
    assert order == sorted(order)
    refs = {c.ref for c in cuts}
    assert len(refs) == len(cuts)
    best_recent = {f"work[{i}].highlights" for i in (0, 1)}
    kept_first = [c for c in cuts if c.part == "bullet" and c.bullet == 0 and c.entry < 2]
    assert kept_first == [], "the best bullet of the two most recent roles is never cut"
    assert any(c.ref.startswith(tuple(best_recent)) for c in cuts)  # their other bullets are
    first = [c for c in cuts if c.tier // PROTECTION == 0]
    assert first
    # "to a tenth: closer than that is the mapper's noise" (`order_cuts`)
    assert round(density(first[0]), 1) == min(round(density(c), 1) for c in first)


def test_fit_leaves_out_the_fewest_parts(composed) -> None:
    context, cuts = composed
    full = _size(context)
    budget_units = full - 10

    def measure(candidate: ResumeContext) -> Layout:
        return Layout(pages=1, fill=min(1.0, _size(candidate) / budget_units * 0.985))

    fitted = fit(context, cuts, 1, measure)
    assert fitted.fits
    assert _size(fitted.context) <= budget_units
    fewer = apply_cuts(context, fitted.left_out[:-1])
    assert _size(fewer) > budget_units, "one cut fewer would not fit"
    assert fitted.left_out == cuts[: len(fitted.left_out)]
    assert _size(context) == full, "the composed context is not changed"


def test_fit_reports_when_nothing_is_enough(composed) -> None:
    context, cuts = composed
    fitted = fit(context, cuts, 1, lambda _c: Layout(pages=3, fill=0.5))
    assert not fitted.fits
    assert fitted.left_out == cuts


def test_fit_leaves_nothing_out_when_it_fits(composed) -> None:
    context, cuts = composed
    fitted = fit(context, cuts, 2, lambda _c: Layout(pages=1, fill=0.9))
    assert (fitted.fits, fitted.left_out, fitted.context) == (True, [], context)


def test_left_out_parts_are_whole_profile_facts(composed) -> None:
    """Leaving out never rewrites: every bullet left is a profile highlight, verbatim."""
    context, cuts = composed
    profile = load_profile(PROFILE)
    highlights = {h for job in profile.work for h in job.highlights}
    smaller = apply_cuts(context, cuts)
    for job in smaller.work:
        assert set(job.bullets) <= highlights
    assert all(job.bullets for job in smaller.work[:2]), "the two latest roles keep their best"
    assert all(job.title for job in smaller.work)
    assert len(smaller.work) == len(context.work)
    assert len(smaller.education) == len(context.education)
    assert smaller.certificates == context.certificates


@pytest.mark.parametrize("pages", [1, 2])
def test_resume_fits_its_estimated_budget(pages: int) -> None:
    from tailor.fitting.layout import measure

    prepared = prepare(POSTING, PROFILE)
    request = Request(
        kinds=("resume",),
        formats=("docx",),
        template_dirs=tuple(search_path(None)),
        options=DocumentOptions(pages=pages),
    )
    built = tailor_posting(prepared, request)
    files, fitted = built.files, built.fitted
    assert fitted is not None
    assert fitted.left_out
    layout = measure(files["resume.docx"])
    if fitted.fits:
        assert layout.extent <= pages
    text = "\n".join(p.text for p in Document(io.BytesIO(files["resume.docx"])).paragraphs)
    assert missing_fields(text, expected_fields(fitted.context, SECTIONS["classic"])) == []


def test_cli_pages_reports_what_was_left_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["resume", str(POSTING), "-p", str(PROFILE), "--out", str(tmp_path), "--pages", "2"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Left out ")
    assert "to fit 2 pages" in result.stderr
    assert "(listed in resume.left-out.md;" in result.stderr
    folder = next(tmp_path.iterdir())
    report = (folder / "resume.left-out.md").read_text(encoding="utf-8")
    assert report.startswith("# Left out of the résumé to fit 2 pages\n")
    assert "Left out" not in (folder / "report.md").read_text(encoding="utf-8")
    listed = [line for line in report.splitlines() if line.startswith("- `work[")]
    assert listed
    resume = (folder / "resume.md").read_text(encoding="utf-8")
    for line in listed:
        text = line.split("): ", 1)[1].removesuffix(" …")
        assert text not in resume


def test_cli_pages_any_keeps_everything(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["resume", str(POSTING), "-p", str(PROFILE), "--out", str(tmp_path), "--pages", "any"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    folder = next(tmp_path.iterdir())
    left_out = (folder / "resume.left-out.md").read_text(encoding="utf-8")
    assert left_out.startswith(
        "# Left out of the résumé\n\nNothing cut: no page budget (`--pages any`).\n"
    )
    # The built-in templates have a section for everything the example profile holds.
    assert "## Not in the résumé's template" not in left_out
    resume = (folder / "resume.md").read_text(encoding="utf-8")
    profile = load_profile(PROFILE)
    # Interests are shown (a blind read missed "Youth soccer coach" under a post that
    # asked for coaching, listed only in the left-out file).
    assert "## Interests" in resume
    for interest in profile.interests:
        assert ", ".join(interest.keywords) in resume
    for job in profile.work:
        for highlight in job.highlights:
            assert highlight in resume


def test_headline_is_the_label_alone_or_else_the_key_skills(composed) -> None:
    context, _ = composed
    profile = load_profile(PROFILE)
    assert context.headline == profile.basics.label
    bare = profile.model_copy(update={"basics": profile.basics.model_copy(update={"label": None})})
    prepared = prepare(POSTING, PROFILE)
    from dataclasses import replace

    headless = compose(replace(prepared, profile=bare), "resume").context
    assert isinstance(headless, ResumeContext)
    assert headless.headline == " · ".join(headless.matched_skills[:3])


def test_analysis_json_is_unchanged_by_budget(tmp_path: Path) -> None:
    """The budget changes the résumé, never the analysis (report.md's evidence table)."""
    outs = []
    for pages in ("1", "any"):
        out = tmp_path / pages
        result = CliRunner().invoke(
            cli, ["resume", str(POSTING), "-p", str(PROFILE), "--out", str(out), "--pages", pages]
        )
        assert result.exit_code == 0, result.output
        report = (next(out.iterdir()) / "report.md").read_text(encoding="utf-8")
        outs.append(report.split("## Gaps")[0])
    assert outs[0] == outs[1]


def test_a_later_letter_keeps_the_resume_budget_list(tmp_path: Path) -> None:
    """report.md is the posting's, rewritten by every document command; the list is not."""
    for command in ("resume", "letter"):
        result = CliRunner().invoke(
            cli, [command, str(POSTING), "-p", str(PROFILE), "--out", str(tmp_path)]
        )
        assert result.exit_code == 0, result.output
    folder = next(tmp_path.iterdir())
    assert "to fit 2 pages" in (folder / "resume.left-out.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("posting", ["nlp-engineer-lumen.txt", "data-analyst-northwind.txt"])
def test_a_trimmed_skill_group_keeps_two_keywords_or_goes_whole(posting: str) -> None:
    """A lone "Languages: Python" reads as a stub: a keywords cut leaves at least two."""
    composed = compose(prepare(ROOT / "examples" / "postings" / posting, PROFILE), "resume")
    context = composed.context
    assert isinstance(context, ResumeContext)
    keyword_cuts = [c for c in composed.cuts if c.section == "skills" and c.part == "keywords"]
    assert keyword_cuts
    for cut in keyword_cuts:
        assert cut.bullet >= 2, cut
    for group in apply_cuts(context, keyword_cuts).skills:
        assert len(group.keywords) >= 2, group


def test_a_shorter_part_cut_earlier_comes_back_when_the_last_page_has_room(composed) -> None:
    """The search cuts a prefix of the cut order; when the last part it cut is long, the
    room left may take back a shorter one cut before it, of the same protection."""
    from tailor.fitting.budget import _put_back

    context, cuts = composed

    def chars(candidate: ResumeContext) -> int:
        entries = candidate.work + candidate.projects + candidate.publications
        return sum(sum(len(b) + 60 for b in e.bullets) for e in entries)

    bullets = [c for c in cuts if c.part == "bullet"]
    level = bullets[0].tier // PROTECTION
    same = [c for c in bullets if c.tier // PROTECTION == level]
    small, big = min(same[:6], key=lambda c: c.size), max(same[:6], key=lambda c: c.size)
    assert big.size > small.size + 20
    chosen = [c for c in same[:6] if c in (small, big)]
    room = chars(apply_cuts(context, chosen)) + small.size  # room for the small one only

    def measure(candidate: ResumeContext) -> Layout:
        return Layout(pages=1, fill=chars(candidate) / room)

    kept, back, layout = _put_back(
        context,
        chosen,
        apply_cuts(context, chosen),
        measure(apply_cuts(context, chosen)),
        measure,
        lambda some: measure(apply_cuts(context, some)),
        1.0,
    )
    assert kept == [big]
    assert layout.extent <= 1.0
    assert chars(back) == chars(apply_cuts(context, [big]))


def test_interests_are_shown_and_are_the_first_thing_a_budget_leaves_out(composed) -> None:
    context, cuts = composed
    profile = load_profile(PROFILE)
    assert [(g.name, g.keywords) for g in context.interests] == [
        (i.name, i.keywords) for i in profile.interests
    ]
    interests = [c for c in cuts if c.section == "interests"]
    assert sorted(c.ref for c in interests) == [
        f"interests[{i}]" for i in range(len(profile.interests))
    ]
    assert all(c.tier < 0 and c.relevance == 0 for c in interests)
    # Nothing is protected less: they go before any other part.
    assert {c.section for c in cuts[: len(interests)]} == {"interests"}
    left = apply_cuts(context, [c for c in interests if c.entry == 0])
    assert [g.name for g in left.interests] == [g.name for g in context.interests[1:]]


def test_an_interest_is_found_by_its_whole_line_even_with_no_keywords() -> None:
    """A name-only interest ("Chess") must not match every paragraph (it did, as the
    empty string every text ends with) nor a keyword-only one swallow another's line."""
    from tailor.fitting.budget import interest_line, interests_cut, without
    from tailor.fitting.layout import parse
    from tailor.render.context import SkillGroup, example_resume
    from tailor.render.docx import render_docx_bytes

    groups = [
        SkillGroup(name="Chess", keywords=[]),
        SkillGroup(name="", keywords=["Woodworking"]),
        SkillGroup(name="Community", keywords=["Youth soccer coach"]),
    ]
    assert [interest_line(g) for g in groups] == [
        "Chess",
        "Woodworking",
        "Community: Youth soccer coach",
    ]
    context = example_resume().model_copy(update={"interests": groups})
    template = ROOT / "templates" / "resume" / "classic.docx"
    paragraphs = parse(render_docx_bytes(template, context)).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[-3:] == ["Chess", "Woodworking", "Community: Youth soccer coach"]
    left = [p.text for p in without(paragraphs, context, [interests_cut(0, groups[0])])]
    assert left == [t for t in texts if t != "Chess"]
