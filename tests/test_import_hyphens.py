"""Words hyphenated at a line break are joined back as the résumé spells them: a word
broken by hyphenation loses its hyphen ("classi-" over "fication"), a compound keeps it
("cross-" over "functional"), the document's own spelling wins over the word list, a
soft hyphen is always a break, and an undecidable word is kept as printed and marked
`# review:`. Invisible characters never reach the draft."""

from __future__ import annotations

from typing import Any

import pytest

from tailor.importer.build import build_draft
from tailor.importer.hyphens import Spellings, join_lines, visible
from tailor.importer.lines import Line
from tailor.importer.pdf_lines import _page_lines, _unglued
from tailor.importer.text_lines import text_lines
from tailor.importer.yaml_writer import draft_yaml

SIZE = 10.0
CHAR = 5.0
NOTHING = Spellings()


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("for image classi-", "fication at scale", "for image classification at scale"),
        ("distilling a trans-", "former into", "distilling a transformer into"),
        ("led a cross-", "functional team", "led a cross-functional team"),
        ("Bach\u00ad", "elor of Science", "Bachelor of Science"),
        ("Bach-e-", "lor of Science", "Bachelor of Science"),  # a word over three rows
        ("Bach-", "e-", "Bach-e-"),  # its middle piece waits for the piece after it
        ("records and e-Roster-", "ing", "records and e-Rostering"),
        ("a COVID-", "19 ward", "a COVID-19 ward"),
        ("Fifth Grade-", "Level Team Lead", "Fifth Grade-Level Team Lead"),
        ("dates from 2019 -", "present", "dates from 2019 - present"),
        ("and runbooks", "for on-call", "and runbooks for on-call"),
    ],
)  # fmt: skip
def test_a_broken_word_is_joined_by_the_word_list(head: str, tail: str, joined: str) -> None:
    result = join_lines(head, tail, NOTHING)
    assert (result.text, result.guess) == (joined, None)


def test_the_documents_own_spelling_decides_before_the_word_list() -> None:
    # "coworker" is an English word, yet this résumé writes "co-worker" on one line.
    hyphenated = Spellings.of(["Trained each new co-worker on the ward."])
    assert join_lines("mentored a co-", "worker", hyphenated).text == "mentored a co-worker"
    closed = Spellings.of(["Trained each new coworker on the ward."])
    assert join_lines("mentored a co-", "worker", closed).text == "mentored a coworker"
    # A hyphen at a row's end is a break, not evidence of how the word is spelt.
    assert Spellings.of(["mentored a co-", "worker"]).hyphenated["co-worker"] == 0


def test_an_unknown_broken_word_is_kept_as_printed_and_reported() -> None:
    result = join_lines("migrated to Zorb-", "liquent clusters", NOTHING)
    assert result.text == "migrated to Zorb-liquent clusters"
    assert result.guess == "Zorb-liquent"
    # "the" is in no word list of content words: kept, and reported, not glued.
    result = join_lines("a state-of-the-", "art ward", NOTHING)
    assert (result.text, result.guess) == ("a state-of-the-art ward", "the-art")


def test_invisible_characters_are_removed() -> None:
    assert visible("Bach\u00adelor\u200b of\u2060 Science\ufeff") == "Bachelor of Science"


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {
        "text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + SIZE,
        "size": SIZE, "fontname": "Source-Regular",
    }  # fmt: skip


def _row(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    out = []
    for token in text.split():
        out.append(_word(token, x0, top))
        x0 = out[-1]["x1"] + SIZE / 4
    return out


SKILLS = "MLOps and Infrastructure: Docker, Airflow, MLflow, AWS, GitHub Actions, Terraform"


def test_a_bullet_wrapped_at_a_hyphen_in_a_short_block_is_one_word_again() -> None:
    """RenderCV's classic theme on a page's last two bullets: the text cell ends well short
    of the page, and too few rows reach its edge to show it, so only the hyphen (and the
    lowercase rest) tell that the row wrapped."""
    words = [
        _word("•", 74, 100), *_row("Migrated 14 services to Docker and rebuilt the classi-", 82, 100),
        *_row("fication service in 2 months, cutting deploys to 15 minutes.", 82, 112),
        _word("•", 74, 126), *_row("Reduced on-call incidents by adding structured", 82, 126),
        *_row("logging and runbooks.", 82, 138),
        *_row(SKILLS, 58, 160),
    ]  # fmt: skip
    lines = _page_lines(words, 1, 612.0, [])
    assert [line.text for line in lines] == [
        "Migrated 14 services to Docker and rebuilt the classification service in 2 months, "
        + "cutting deploys to 15 minutes.",
        "Reduced on-call incidents by adding structured logging and runbooks.",
        SKILLS,
    ]


def test_a_wrapped_header_cell_drops_a_soft_hyphen() -> None:
    """Typst writes its hyphenation point as a soft hyphen: "Respira\u00ad" | "Leeds" over
    "tory Medicine" | dates is one header whose word is whole again."""
    words = [
        *_row("Senior Staff Nurse, Ward 14 Respira\u00ad", 58, 100), *_row("Leeds", 495, 100),
        *_row("tory Medicine", 58, 112), *_row("Nov 2022 – present", 455, 112),
    ]  # fmt: skip
    [line] = _page_lines(words, 1, 612.0, [])
    assert line.segments == [
        "Senior Staff Nurse, Ward 14 Respiratory Medicine", "Leeds Nov 2022 – present",
    ]  # fmt: skip


RESUME = """\
Jane Moreau
jane@example.org

Experience
Data Engineer, Fernhill Analytics
Mar 2021 – Present
- Moved nightly jobs to a Zorb-
  liquent pipeline, cutting the data latency to 5 minutes.
- Wrote the on-call guide for the cross-
  functional team and the Bach\u00adelor interns.
"""


def test_a_guessed_word_is_marked_for_review_and_the_rest_is_not() -> None:
    draft = build_draft(text_lines(RESUME, markdown=False), "cv.txt")
    [role] = draft.sections["work"]
    assert role.values["highlights"] == [
        "Moved nightly jobs to a Zorb-liquent pipeline, cutting the data latency to 5 minutes.",
        "Wrote the on-call guide for the cross-functional team and the Bachelor interns.",
    ]
    assert "'Zorb-liquent'" in role.review["highlights"]
    yaml_text = draft_yaml(draft)
    assert "# review: highlights: 'Zorb-liquent' was hyphenated at a line break" in yaml_text
    assert "\u00ad" not in yaml_text


def test_lines_of_every_reader_lose_invisible_characters() -> None:
    lines = [
        Line("Jane\u200b Moreau", "line 1"), Line("jane@example.org", "line 2"),
        Line("Education", "line 3", heading=True),
        Line("Bach\u00adelor of Science, University of Exeter", "line 4"),
        Line("2014 – 2017", "line 5"),
    ]  # fmt: skip
    draft = build_draft(lines, "cv.txt")
    assert draft.basics.values["name"] == "Jane Moreau"
    assert "\u00ad" not in draft_yaml(draft)


def _at(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return _row(text, x0, top)


def test_a_narrow_cells_wrapped_words_go_back_into_its_row() -> None:
    """RenderCV: the degree in a narrow cell left of the school, hyphenated with soft
    hyphens and wrapped onto rows of its own; the school's cell wraps too."""
    words = [
        *_at("Bach\u00ad", 62, 100), *_at("Evergreen Coast University, Computer Science", 100, 100),
        *_at("Sept 2011 – June 2015", 457, 100),
        *_at("elor", 62, 112), *_at("of Sci\u00ad", 62, 124), *_at("ence", 62, 136),
        *_at("Post\u00ad", 62, 160), *_at("University of West Riding, Leadership (Level 7, 20", 100, 160),
        *_at("Jan 2023 – June 2023", 457, 160),
        *_at("grad\u00ad", 62, 172), *_at("credits)", 100, 172), *_at("uate", 62, 184),
    ]  # fmt: skip
    lines = _page_lines(words, 1, 612.0, [])
    assert [line.segments for line in lines] == [
        ["Bachelor of Science", "Evergreen Coast University, Computer Science",
         "Sept 2011 – June 2015"],
        ["Postgraduate", "University of West Riding, Leadership (Level 7, 20 credits)",
         "Jan 2023 – June 2023"],
    ]  # fmt: skip


def test_a_paragraphs_short_last_row_is_no_cell() -> None:
    """A wide space in a row over one short row is no narrow cell that wrapped: the short
    row is not pulled into the first words of the row above."""
    words = [
        *_at("Led the team", 62, 100), *_at("that planned and shipped the memory feature", 140, 100),
        *_at("on time.", 62, 112),
    ]  # fmt: skip
    assert [line.text for line in _page_lines(words, 1, 612.0, [])] == [
        "Led the team that planned and shipped the memory feature", "on time.",
    ]  # fmt: skip


def test_a_hyphen_before_a_gap_ends_a_word_pdfplumber_glued() -> None:
    """ "Bach-" closing a narrow cell's row and "Blue" opening the next cell's, 2.8 pt apart:
    pdfplumber makes one word of them; the hyphen and the gap cut it back in two."""
    word = _word("Bach-Blue", 62.36, 100)
    xs = [62.36, 69.16, 74.9, 80.54, 86.58, 93.54, 100.34, 103.51, 109.69, 115.68]
    word["x1"] = xs[-1]
    word["chars"] = [
        {"text": c, "x0": xs[i], "x1": xs[i + 1] if i != 4 else 90.76, "size": SIZE}
        for i, c in enumerate("Bach-Blue")
    ]
    cut = _unglued([word])
    assert [(w["text"], w["x0"], w["x1"]) for w in cut] == [
        ("Bach-", 62.36, 90.76), ("Blue", 93.54, 115.68),
    ]  # fmt: skip
    joined = _word("Grade-Level", 62, 100)  # a compound set tight is left alone
    joined["chars"] = [
        {"text": c, "x0": 62 + 5.0 * i, "x1": 67 + 5.0 * i, "size": SIZE}
        for i, c in enumerate("Grade-Level")
    ]
    assert [w["text"] for w in _unglued([joined])] == ["Grade-Level"]
