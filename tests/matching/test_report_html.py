"""report.html: the posting highlighted by status, the evidence, the score, safely."""

from __future__ import annotations

import re

import lxml.html
import pytest

from tailor.analysis.models import (
    Analysis,
    DegreeCheck,
    LineEvidence,
    LineMatch,
    Match,
    PostingInfo,
    Section,
    YearsCheck,
)
from tailor.matching.report import report_markdown
from tailor.matching.report_html import (
    MAX_LINES,
    MAX_TEXT,
    STATUSES,
    is_unedited_report,
    report_html,
    seal,
)

POSTING = """Data Engineer
Acme Analytics, Leeds

Requirements:
- 3+ years of Python and SQL
- Experience with Docker and Kubernetes
- A team player

Nice to have:
- Experience with Spark
"""

# line text -> (status, importance, kind, evidence [(ref, text, why)])
LINES = {
    "3+ years of Python and SQL": (
        "backed",
        "required",
        "experience",
        [("work[0].highlights[1]", "Wrote Python and SQL pipelines for 4 years.", "words python")],
    ),
    "Experience with Docker and Kubernetes": (
        "partial",
        "required",
        "experience",
        [("skills[0].keywords[2]", "Docker", "concepts onet:docker")],
    ),
    "A team player": ("not-scored", "required", "trait", []),
    "Experience with Spark": ("missing", "preferred", "experience", []),
}


def make_analysis(
    text: str = POSTING,
    lines: dict[str, tuple[str, str, str, list[tuple[str, str, str]]]] = LINES,
    *,
    company: str | None = "Acme Analytics",
    title: str | None = "Data Engineer",
    checks: list[YearsCheck | DegreeCheck] | None = None,
) -> Analysis:
    """An analysis with a match, built by hand: the report's input without spaCy."""
    matches = []
    for line, (status, importance, kind, evidence) in lines.items():
        start = text.index(line)
        matches.append(
            LineMatch(
                start=start,
                end=start + len(line),
                text=line,
                section="requirements",
                importance=importance,  # type: ignore[arg-type]
                kind=kind,  # type: ignore[arg-type]
                status=status,  # type: ignore[arg-type]
                evidence=[LineEvidence(ref=r, text=t, score=0.8, why=w) for r, t, w in evidence],
                confidence=0.8,
            )
        )
    heading = text.find("Requirements:")
    return Analysis(
        tailor_version="0",
        posting=PostingInfo(source="posting.txt", text=text, title=title, company=company),
        sections=[
            Section(kind="requirements", heading="Requirements:", start=heading, end=len(text))
        ]
        if heading >= 0
        else [],
        skills=[],
        responsibilities=[],
        requirements=[],
        match=Match(
            score=56,  # round(100 × 4.5 / 8), as `matching.lines.line_score` has it
            skills=[],
            missing_required=[],
            missing_preferred=[],
            requirements=checks or [],
            lines=matches,
        ),
    )


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def marked_rows(page: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return page.find_class("row")


def test_each_requirement_line_is_marked_with_its_status_label() -> None:
    page = parse(report_html(make_analysis(), version="9.9"))
    rows = marked_rows(page)
    assert len(rows) == len(LINES)
    for row, (line, (status, *_)) in zip(rows, LINES.items(), strict=True):
        # displaCy's markup: one span per word of the line, the status label on its first
        words = [tok.text.strip() for tok in row.find_class("tok")]
        assert " ".join(words) == line
        assert len(row.find_class("bar")) == len(words)
        labels = [lab.text_content().strip() for lab in row.find_class("lab")]
        assert labels == [STATUSES[status].label]
        # the status is said in words too, not by colour alone
        assert STATUSES[status].word in labels[0]
        summary = row.find(".//details/summary").text_content()
        assert STATUSES[status].label in summary


def test_evidence_is_shown_with_each_line() -> None:
    page = parse(report_html(make_analysis(), version="9.9"))
    details = page.findall(".//details")
    by_id = {d.get("id"): d for d in details}
    python = by_id["line-1"].text_content()
    assert "work[0].highlights[1]" in python
    assert "Wrote Python and SQL pipelines for 4 years." in python
    assert "words python" in python
    assert "1 fact" in by_id["line-1"].find("summary").text_content()
    spark = by_id["line-4"].text_content()
    assert "Nothing in your profile backs this line." in spark
    assert "preferred experience" in spark


def test_the_score_is_broken_down_by_importance_and_checks() -> None:
    checks = [
        YearsCheck(
            text="3+ years of Python and SQL",
            importance="required",
            need=3,
            have=4.0,
            basis="roles that show the skills named",
            status="met",
        ),
        DegreeCheck(
            text="BSc in Computer Science",
            importance="required",
            need="bachelor",
            have=None,
            ref=None,
            or_equivalent=False,
            status="missing",
        ),
    ]
    page = parse(report_html(make_analysis(checks=checks), version="9.9"))
    assert page.find(".//p[@class='score']/strong").text == "56"
    table = page.find(".//table")
    rows = {
        tr.find("th").text_content(): [td.text_content() for td in tr.findall("td")]
        for tr in table.findall(".//tbody/tr")
    }
    # backed, partial, missing, not scored, points (required: 3 + 1.5 of 3 × 2 scored lines)
    assert rows["Required"] == ["1", "1", "0", "1", "4.5 / 6"]
    assert rows["Preferred"] == ["0", "0", "1", "0", "0 / 2"]
    assert rows["All lines"] == ["1", "1", "1", "1", "4.5 / 8"]
    assert "4.5 of 8 points: a score of 56." in page.find_class("formula")[0].text_content()
    items = [li.text_content() for li in page.find_class("checks")[0].findall("li")]
    assert "✓ met" in items[0]
    assert "need 3 years, have 4 years" in items[0]
    assert "✗ not met" in items[1]
    assert "have no degree" in items[1]


def test_shared_concepts_are_named_by_the_taxonomy() -> None:
    from tailor.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    assert taxonomy.get("onet:docker") is not None
    docker = "Experience with Docker and Kubernetes"
    why = "concepts onet:docker, x:unknown; words docker"
    lines = {docker: ("partial", "required", "experience", [("skills[0].name", "Docker", why)])}
    analysis = make_analysis(lines=lines)
    named = parse(report_html(analysis, version="9.9", taxonomy=taxonomy))
    said = named.find_class("why")[0].text_content()
    assert said == "concepts Docker, x:unknown; words docker"
    plain = parse(report_html(analysis, version="9.9"))
    assert plain.find_class("why")[0].text_content() == why


def test_the_page_is_self_contained_and_readable_on_a_phone() -> None:
    page = parse(report_html(make_analysis(), version="9.9"))
    viewport = page.find(".//meta[@name='viewport']")
    assert viewport is not None
    assert "width=device-width" in viewport.get("content")
    assert page.get("lang") == "en"
    assert page.findall(".//script") == []
    assert page.findall(".//link") == []
    assert page.findall(".//img") == []
    for element in page.iter():
        for attribute in ("src", "href", "srcset", "action", "data"):
            value = element.get(attribute)
            assert value is None or value.startswith("#"), (element.tag, attribute, value)
    css = "".join(style.text_content() for style in page.findall(".//style"))
    assert "@media (min-width" in css
    assert "url(" not in css
    assert "@import" not in css


HOSTILE = "<script>alert('posting')</script>"
IMAGE = '<img src="x" onerror="alert(1)">'


def test_a_hostile_posting_comes_out_as_inert_text() -> None:
    requirement = f"Experience with {HOSTILE} and {IMAGE}"
    text = (
        f"Data Engineer {HOSTILE}\n\n</div></details><style>body{{display:none}}</style>\n\n"
        f"Requirements:\n- {requirement}\n- Kubernetes & Go <3+ yrs>\n"
    )
    lines = {
        requirement: (
            "backed",
            "required",
            "experience",
            [("work[0].highlights[0]", f"Shipped {HOSTILE}", "why {{ 7*7 }} <b>")],
        ),
        "Kubernetes & Go <3+ yrs>": ("missing", "required", "skill", []),
    }
    analysis = make_analysis(text, lines, company=f"Evil {IMAGE}", title=HOSTILE)
    html = report_html(analysis, version="9.9")
    page = parse(html)
    assert page.findall(".//script") == []
    assert page.findall(".//img") == []
    assert len(page.findall(".//style")) == 1  # only the page's own
    assert not [e for e in page.iter() for a in e.attrib if a.lower().startswith("on")]
    text_content = page.text_content()
    assert HOSTILE in text_content  # shown, as text
    assert IMAGE in text_content
    assert "why {{ 7*7 }} <b>" in text_content  # no template evaluation of facts either
    assert "Kubernetes & Go <3+ yrs>" in text_content
    assert page.find(".//title").text_content() == f"Match report: {HOSTILE} at Evil {IMAGE}"
    rows = marked_rows(page)
    assert [len(row.find_class("lab")) for row in rows] == [1, 1]


def test_a_huge_posting_is_cut_with_a_note() -> None:
    count = MAX_LINES + 50
    body = "".join(f"- Requirement number {i} with some words\n" for i in range(count))
    text = "Requirements:\n" + body + "x " * MAX_TEXT
    lines = {
        f"Requirement number {i} with some words": ("missing", "required", "skill", [])
        for i in range(count)
    }
    html = report_html(make_analysis(text, lines), version="9.9")
    page = parse(html)
    assert len(marked_rows(page)) == MAX_LINES
    assert len(page.findall(".//details[@id]")) == MAX_LINES
    notes = [note.text_content() for note in page.find_class("note")]
    assert any("characters are not shown here" in note for note in notes)
    assert any(
        "50 more requirement lines are not shown; report.md lists them all." in n for n in notes
    )
    assert len(html) < 1_500_000


def test_lines_past_the_shown_text_are_listed_after_it() -> None:
    text = "Requirements:\n" + "filler words here\n" * (MAX_TEXT // 18 + 10) + "- Late ask\n"
    lines = {"Late ask": ("backed", "required", "skill", [("skills[0].name", "Late", "words")])}
    page = parse(report_html(make_analysis(text, lines), version="9.9"))
    assert marked_rows(page) == []
    late = page.find(".//details[@id='line-1']")
    assert "Late ask" in late.text_content()
    assert "skills[0].name" in late.text_content()


def test_a_report_is_sealed_so_an_edit_shows() -> None:
    html = report_html(make_analysis(), version="9.9")
    assert re.search(r"<!-- tailor report sha256:[0-9a-f]{64} -->\n\Z", html)
    data = html.encode()
    assert is_unedited_report(data)
    assert not is_unedited_report(data.replace(b"Data Engineer", b"Data Engineers", 1))
    assert not is_unedited_report(b"<html>mine</html>")
    assert seal("abc") == seal("abc\n")


def test_the_report_needs_a_match() -> None:
    analysis = make_analysis().model_copy(update={"match": None})
    with pytest.raises(ValueError, match="needs an analysis with a match"):
        report_html(analysis, version="9.9")


def test_report_md_never_says_none_above_missing_items() -> None:
    markdown = report_markdown(make_analysis())
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not [h for h in headings if "none" in h.lower()]
    gaps = markdown.split("## Gaps", 1)[1].split("##", 1)[0]
    assert "- Experience with Spark (preferred)" in gaps
    assert "No required or preferred line is unbacked." not in gaps


def test_report_md_says_no_gaps_only_when_there_are_none() -> None:
    backed = {line: ("backed", *rest[1:]) for line, rest in LINES.items()}
    markdown = report_markdown(make_analysis(lines=backed))
    gaps = markdown.split("## Gaps", 1)[1].split("##", 1)[0]
    assert "- No required or preferred line is unbacked." in gaps
    assert "| missing |" not in markdown


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb`."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("status", list(STATUSES))
def test_status_labels_have_strong_contrast_and_a_word(status: str) -> None:
    style = STATUSES[status]
    black = 0.0
    ratio = (_luminance(style.colour) + 0.05) / (black + 0.05)
    assert ratio >= 7, f"{status}: black on {style.colour} is {ratio:.1f}:1 (WCAG AAA is 7:1)"
    assert style.word.replace(" ", "-") == status
    assert style.label == f"{style.icon} {style.word}"
    assert len({s.icon for s in STATUSES.values()}) == len(STATUSES)  # told apart without colour
