"""PDF rows -> lines for layouts other résumé tools make (RenderCV's Typst themes):
dates in a cell beside the first bullet, a text cell narrower than the page, a header
wrapped before its dates, words cut where the font changes, a bullet glyph set tight
against its text, and a running "Page 1 of 2" footer."""

from __future__ import annotations

from typing import Any

from tailor.importer.entries import split_entries
from tailor.importer.pdf_lines import _page_lines, _unglued
from tailor.importer.roles import read_role

SIZE = 10.0
CHAR = 5.0
"""Width of one character in these made-up rows."""


def _word(text: str, x0: float, top: float, *, bold: bool = False) -> dict[str, Any]:
    return {
        "text": text, "x0": x0, "x1": x0 + CHAR * len(text), "top": top, "bottom": top + SIZE,
        "size": SIZE, "fontname": "Source-Bold" if bold else "Source-Regular",
    }  # fmt: skip


def _row(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    """Words set left to right with an ordinary space (a quarter of the size) between them."""
    out = []
    for token in text.split():
        out.append(_word(token, x0, top))
        x0 = out[-1]["x1"] + SIZE / 4
    return out


def _justified(text: str, x0: float, x1: float, top: float) -> list[dict[str, Any]]:
    """Words set with a normal space and letters wide enough that the row ends exactly at
    x1: a full row of justified text."""
    tokens = text.split()
    char = (x1 - x0 - SIZE / 4 * (len(tokens) - 1)) / sum(len(t) for t in tokens)
    out = []
    for token in tokens:
        word = _word(token, x0, top)
        word["x1"] = x0 + char * len(token)
        out.append(word)
        x0 = word["x1"] + SIZE / 4
    return out


LEAD = "Led the team of five engineers that planned, built and then"


def _grid_page() -> list[dict[str, Any]]:
    """RenderCV classic: "Employer, Title | Place", then the dates beside the first bullet;
    bullets in a cell that ends at x=429, the page's text at x=550."""
    words = [*_row("Acme Labs, Senior Engineer", 62, 100), *_row("Seattle, WA", 495, 100)]
    top = 112.0
    for n, (middle, last) in enumerate(
        [
            ("shipped a memory feature that surfaces old notes in context and", "lifts recall."),
            ("cut the ranking latency by distilling a large transformer into a", "small model."),
            ("reduced the inference cost by moving embedding generation into", "batched jobs."),
        ]
    ):
        words.append(_word("•", 74, top))
        words.extend(_justified(LEAD, 82, 429, top))
        if n == 0:
            words.extend(_row("Sept 2023 – present", 455, top))
        words.extend(_justified(middle, 82, 429, top + 12))
        words.extend(_row(last, 82, top + 24))
        top += 36
    return words


def test_dates_beside_the_first_bullet_are_the_entrys_and_bullets_rejoin() -> None:
    lines = _page_lines(_grid_page(), 1, 612.0, [])
    assert [line.text for line in lines[:2]] == [
        "Acme Labs, Senior Engineer Seattle, WA", "Sept 2023 – present",
    ]  # fmt: skip
    bullets = [line.text for line in lines if line.bullet]
    assert bullets == [
        f"{LEAD} shipped a memory feature that surfaces old notes in context and lifts recall.",
        f"{LEAD} cut the ranking latency by distilling a large transformer into a small model.",
        f"{LEAD} reduced the inference cost by moving embedding generation into batched jobs.",
    ]
    assert lines[2].where == "page 1, lines 2-4"  # the line numbers are the page's rows
    [entry] = split_entries(lines)
    role = read_role(entry).values
    assert (role["name"], role["position"]) == ("Acme Labs", "Senior Engineer")
    assert (role["location"], role["startDate"], role["endDate"]) == (
        "Seattle, WA", "2023-09", "present",
    )  # fmt: skip


def test_a_word_cut_where_its_font_changes_is_not_given_a_space() -> None:
    words = [_word("Acme", 62, 100, bold=True), _word("Labs", 87, 100, bold=True)]
    words.append(_word(",", words[-1]["x1"], 100))  # the regular comma touches the bold word
    words.extend(_row("Senior Engineer", words[-1]["x1"] + SIZE / 4, 100))
    [line] = _page_lines(words, 1, 612.0, [])
    assert line.text == "Acme Labs, Senior Engineer"


def test_a_bullet_glyph_set_against_its_text_is_a_word_of_its_own() -> None:
    word = _word("•Led", 186, 100)
    word["chars"] = chars = [{"x0": 186.0, "x1": 189.5}] + [
        {"x0": 193.0 + CHAR * i, "x1": 198.0 + CHAR * i} for i in range(3)
    ]
    bullet, text = _unglued([word, _word("•", 300, 100)])[:2]
    assert (bullet["text"], bullet["x1"], text["text"], text["x0"]) == ("•", 189.5, "Led", 193.0)
    assert "chars" not in bullet
    assert "chars" not in text
    # A glued bullet's wrapped rows line up with its text, and rejoin it.
    words = [_word("•Led", 186, 100)]
    words[0]["chars"] = chars
    words = _unglued(words)
    words.extend(_justified("a team of five that planned and then shipped the", 210, 555, 100))
    words.extend(_justified("memory feature that surfaces notes in the context and", 193, 555, 112))
    words.extend(_row("lifts recall.", 193, 124))
    [line] = _page_lines(words, 1, 612.0, [])
    assert line.bullet
    assert line.text.endswith("notes in the context and lifts recall.")


def test_a_header_wrapped_before_its_dates_is_one_line_and_page_footers_are_dropped() -> None:
    title = "Staff Nurse (Band 5), Acute Medical Unit, Aire Valley Hospitals NHS"
    words = [
        *_justified(title, 58, 440, 100),
        *_row("Sept 2019 – Oct 2022", 452, 100),
        *_row("Trust – Leeds", 58, 112),
        *_row("Bethan Clarke - Page 1 of 2", 250, 140),
    ]  # fmt: skip
    lines = _page_lines(words, 1, 612.0, [])
    assert [line.segments for line in lines] == [
        [
            "Staff Nurse (Band 5), Acute Medical Unit, Aire Valley Hospitals NHS Trust – Leeds",
            "Sept 2019 – Oct 2022",
        ]
    ]
    # A contact row's parts are no wrapped cell: the row below stays a line of its own.
    words = [
        *_row("Leeds, West Yorkshire", 58, 100), *_row("bethan@example.com", 175, 100),
        *_row("bethan-clarke-rn", 58, 112),
    ]  # fmt: skip
    assert [line.text for line in _page_lines(words, 1, 612.0, [])] == [
        "Leeds, West Yorkshire bethan@example.com", "bethan-clarke-rn",
    ]  # fmt: skip
