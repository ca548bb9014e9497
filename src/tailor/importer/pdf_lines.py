"""PDF -> lines in reading order, from pdfplumber's characters and their layout.

Words are grouped into rows by their baseline; a page whose rows leave a
vertical strip empty is read as two columns (the left one first, a header that
spans both before them); a wide gap inside a row splits it into segments (a date
at the right margin); a bullet's wrapped lines and a paragraph's wrapped lines
are joined back into one line, because a highlight is the sentence, not the
way it happened to wrap. A word hyphenated at a wrap is joined back as the
document spells it (`tailor.importer.hyphens`).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from tailor.importer.dates import find_range, rejoin_dates, split_trailing_dates
from tailor.importer.hyphens import Spellings, ends_broken, join_lines
from tailor.importer.lines import BULLETS, Line, clean, strip_bullet, where_span

MAX_PAGES = 20
"""A résumé is a few pages; a longer PDF is some other document."""
MIN_TEXT_CHARS = 40
"""Fewer characters than this in the text layer is a scan (or an empty page)."""


_TOUCHING = 0.08
"""Words closer than this share of the font size were set with no space between them."""
_CELL = "cell"
"""A word's key: the word starts a table cell (a segment of its own, whatever the gap)."""
_GUTTER = 0.5
"""A gap this share of the font size or wider is no word space: it is a cell's edge."""


_PAGE_MARK = re.compile(r"(?:^|[-–—|·]\s*)page\s+\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
"""A running footer or header: "Page 2", "Avery Lindqvist - Page 1 of 2"."""


class Refused(Exception):
    """The PDF cannot be read as text; the message says why and what to do."""


@dataclass
class _Row:
    words: list[dict[str, Any]]
    page: int
    drawn_bullet: bool = False
    """A small shape left of the text: a bullet drawn, not typed (browsers do this)."""
    guesses: list[str] = field(default_factory=list)
    """Words rejoined by guess while its cells were put together (see Line.guesses)."""

    @property
    def top(self) -> float:
        return float(min(w["top"] for w in self.words))

    @property
    def bottom(self) -> float:
        return float(max(w["bottom"] for w in self.words))

    @property
    def x0(self) -> float:
        return float(min(w["x0"] for w in self.words))

    @property
    def x1(self) -> float:
        return float(max(w["x1"] for w in self.words))

    @property
    def size(self) -> float:
        return float(statistics.median(w["size"] for w in self.words))


def pdf_lines(data: bytes) -> list[Line]:
    """The PDF's lines in reading order; raises Refused for scans, encryption, bad files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    _refuse_encrypted(data)
    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise Refused(
                    f"has {len(pdf.pages)} pages (a résumé has at most {MAX_PAGES}); "
                    "import the résumé alone"
                )
            pages = []
            for page in pdf.pages:
                words = _unglued(
                    page.extract_words(extra_attrs=["size", "fontname"], return_chars=True)
                )
                marks = [_box(o) for o in (*page.curves, *page.rects) if _small(o)]
                pages.append((words, float(page.width), marks))
            # How the whole document spells its words decides a word broken on any page.
            spellings = Spellings.of(w["text"] for words, _, _ in pages for w in words)
            chars = sum(len(w["text"]) for words, _, _ in pages for w in words)
            for number, (words, width, marks) in enumerate(pages, start=1):
                lines.extend(_page_lines(words, number, width, marks, spellings))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Refused("is encrypted; save an unprotected copy and import that") from None
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise Refused("is encrypted; save an unprotected copy and import that") from None
        raise Refused("is not a readable PDF; export it again from your word processor") from None
    if chars < MIN_TEXT_CHARS:
        raise Refused(
            "no text layer: export the PDF from your word processor or paste the text into a .txt"
        )
    return lines


_GLYPHS = "".join(c for c in BULLETS if c not in "-–—*")


def _unglued(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words without their characters; a bullet glyph set tight against its text ("•Led",
    Typst does this) made a word of its own, so the text's indent is where it starts."""
    out: list[dict[str, Any]] = []
    for word in words:
        chars = word.pop("chars", [])
        text = word["text"]
        if len(text) > 1 and text[0] in _GLYPHS and len(chars) == len(text):
            out.append({**word, "text": text[0], "x1": chars[0]["x1"]})
            out.append({**word, "text": text[1:], "x0": chars[1]["x0"]})
        elif (cut := _after_broken(chars)) and len(chars) == len(text):
            # "Bach-" ending a narrow cell's row, "Blue" starting the next cell's: pdfplumber
            # glued them across the small gap; a hyphen before a gap ends a word.
            out.append({**word, "text": text[:cut], "x1": chars[cut - 1]["x1"]})
            out.append({**word, "text": text[cut:], "x0": chars[cut]["x0"]})
        else:
            out.append(word)
    return out


def _after_broken(chars: list[dict[str, Any]]) -> int | None:
    """Where a word runs on after a hyphen and a gap (the hyphen's row ended there)."""
    for i in range(1, len(chars) - 1):
        if chars[i]["text"] in ("-", "\u00ad") and chars[i - 1]["text"].isalpha():
            gap = chars[i + 1]["x0"] - chars[i]["x1"]
            if gap > _TOUCHING * float(chars[i].get("size", 10.0)):
                return i + 1
    return None


def _refuse_encrypted(data: bytes) -> None:
    """pdfminer reads a PDF with an empty user password; anything more is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("is encrypted; save an unprotected copy and import that")
    except Refused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return  # pdfplumber decides whether it is readable
    except Exception as exc:  # noqa: BLE001 - pypdf raises plain errors for missing crypto
        if "crypt" in str(exc).lower():
            raise Refused("is encrypted; save an unprotected copy and import that") from None


def _small(shape: dict[str, Any]) -> bool:
    w = float(shape["x1"] - shape["x0"])
    h = float(shape["bottom"] - shape["top"])
    return 1.0 <= w <= 8.0 and 1.0 <= h <= 8.0 and abs(w - h) <= 1.5


def _box(shape: dict[str, Any]) -> tuple[float, float, float]:
    """(right edge, vertical middle, height) of a small drawn shape."""
    return shape["x1"], (shape["top"] + shape["bottom"]) / 2, shape["bottom"] - shape["top"]


def _mark_drawn_bullets(rows: list[_Row], marks: list[tuple[float, float, float]]) -> None:
    for row in rows:
        for right, middle, _ in marks:
            if row.top - 1 <= middle <= row.bottom + 1 and 0 <= row.x0 - right <= 3 * row.size:
                row.drawn_bullet = True
                break


def _page_lines(
    words: list[dict[str, Any]],
    page: int,
    width: float,
    marks: list[tuple[float, float, float]],
    spellings: Spellings | None = None,
) -> list[Line]:
    if spellings is None:
        spellings = Spellings.of(w["text"] for w in words)
    rows = _rows(words, page)
    if not rows:
        return []
    gap = _column_gap(rows, width)
    groups = [rows] if gap is None else list(_split_columns(rows, gap, page))
    ordered: list[list[tuple[int, int, Line]]] = []
    for number, group in enumerate(groups):
        _mark_drawn_bullets(group, marks)
        # The left column ends at the gap, whatever long address overflows it.
        limit = gap if gap is not None and number == 1 else None
        ordered.append(_joined(group, spellings, limit))
    out: list[Line] = []
    offset = 0
    for joined in ordered:
        for first, last, line in joined:
            if _PAGE_MARK.search(line.text):
                continue  # page furniture, not the résumé's text
            line.where = where_span(
                f"page {page}, line {first + offset}", f"page {page}, line {last + offset}"
            )
            out.append(line)
        offset += joined[-1][1] if joined else 0
    return out


def _rows(words: list[dict[str, Any]], page: int) -> list[_Row]:
    """Words sharing a baseline (within a third of their size), top to bottom."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        for row in rows[-3:]:
            if abs(row.words[-1]["bottom"] - word["bottom"]) <= max(2.0, word["size"] / 3):
                row.words.append(word)
                break
        else:
            rows.append(_Row([word], page))
    for row in rows:
        row.words.sort(key=lambda w: w["x0"])
    rows.sort(key=lambda r: r.top)
    return rows


def _column_gap(rows: list[_Row], width: float) -> float | None:
    """The x of an empty vertical strip with text on both sides, if the page has one.

    The strip may be crossed by a row or two (a name or an e-mail address that runs
    over); its middle is taken where the fewest rows cross it.
    """
    if len(rows) < 8:
        return None
    step = 2.0
    xs = [width * 0.15 + step * i for i in range(int(width * 0.7 / step) + 1)]
    counts = [sum(1 for r in rows if _crosses(r, x)) for x in xs]
    limit = max(1, len(rows) // 12)
    best: tuple[int, int] | None = None
    start: int | None = None
    for i, count in enumerate(counts):
        if count <= limit:
            start = i if start is None else start
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
        else:
            start = None
    if best is None or (best[1] - best[0]) * step < 6:
        return None
    low = min(counts[best[0] : best[1] + 1])
    clear = [i for i in range(best[0], best[1] + 1) if counts[i] == low]
    run = max(_runs(clear), key=len)
    middle = xs[(run[0] + run[-1]) // 2]
    left = sum(1 for r in rows if r.x1 <= middle)
    right = sum(1 for r in rows if r.x0 >= middle)
    both = sum(1 for r in rows if r.x1 > middle and r.x0 < middle and not _crosses(r, middle))
    # Two columns: many rows wholly on each side, or rows that have text on both sides.
    if min(left, right) + both >= len(rows) * 0.25 and (left + both) >= 4 and (right + both) >= 4:
        return middle
    return None


def _runs(indexes: list[int]) -> list[list[int]]:
    """Consecutive stretches of sorted indexes."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _crosses(row: _Row, x: float) -> bool:
    """A word truly spans x (one that ends a point or two past it only overflowed)."""
    return any(w["x0"] + 2 < x < w["x1"] - 2 for w in row.words)


def _split_columns(
    rows: list[_Row], gap: float, page: int
) -> tuple[list[_Row], list[_Row], list[_Row], list[_Row]]:
    """Rows crossing the gap above the columns, the two columns, and rows below."""
    head: list[_Row] = []
    tail: list[_Row] = []
    left: list[_Row] = []
    right: list[_Row] = []
    inside = [i for i, row in enumerate(rows) if not _crosses(row, gap)]
    for index, row in enumerate(rows):
        if index < inside[0]:
            head.append(row)
            continue
        if index > inside[-1]:
            tail.append(row)
            continue
        # A row in the columns: a long word overflowing the gap stays on its side.
        lw = [w for w in row.words if w["x0"] < gap]
        rw = [w for w in row.words if w["x0"] >= gap]
        if lw:
            left.append(_Row(lw, page))
        if rw:
            right.append(_Row(rw, page))
    return head, left, right, tail


def _line(row: _Row) -> Line:
    size = row.size
    segments: list[list[str]] = [[]]
    prev_x1: float | None = None
    for word in row.words:
        if prev_x1 is not None and _starts_segment(word, prev_x1, size):
            segments.append([])
        if prev_x1 is not None and segments[-1] and word["x0"] - prev_x1 < _TOUCHING * size:
            # pdfplumber cuts a word where its font changes ("**Labs**,"): no space was set.
            segments[-1][-1] += word["text"]
        else:
            segments[-1].append(word["text"])
        prev_x1 = word["x1"]
    parts = rejoin_dates([clean(" ".join(s)) for s in segments])
    if len(parts) == 1:
        parts = split_trailing_dates(parts[0])
    text, bullet = strip_bullet(" ".join(parts))
    if row.drawn_bullet and not bullet:
        text, bullet = clean(" ".join(parts)), True
    if bullet and len(parts) > 1 and len(parts[0]) == 1 and parts[0] in BULLETS:
        parts = parts[1:]  # the bullet glyph stood apart from its text
    if bullet:
        parts = [text] if len(parts) <= 1 else [strip_bullet(parts[0])[0], *parts[1:]]
        parts = [p for p in parts if p]
    bold = sum(len(w["text"]) for w in row.words if _is_bold(w["fontname"]))
    total = sum(len(w["text"]) for w in row.words)
    typed = bullet and not row.drawn_bullet and len(row.words) > 1
    indent = row.words[1]["x0"] if typed else row.x0
    return Line(
        text=text,
        where="",
        size=round(size, 1),
        bold=bold * 2 > total,
        bullet=bullet,
        indent=indent,
        segments=parts or [text],
        guesses=list(row.guesses),
    )


def _starts_segment(word: dict[str, Any], prev_x1: float, size: float) -> bool:
    return bool(word.get(_CELL)) or word["x0"] - prev_x1 > max(5.0, 0.8 * size)


def _is_bold(font: str) -> bool:
    name = font.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", "demi"))


def _joined(
    rows: list[_Row], spellings: Spellings, limit: float | None = None
) -> list[tuple[int, int, Line]]:
    """Rows as lines, a bullet's and a paragraph's wrapped rows joined to their first."""

    def join(head: str, tail: str, line: Line) -> str:
        joined = join_lines(head, tail, spellings)
        if joined.guess:
            line.guesses.append(joined.guess)
        return joined.text

    if not rows:
        return []
    inside = [r.x1 for r in rows if limit is None or r.x1 <= limit]
    right_edge = max(inside or [r.x1 for r in rows])
    numbered = [(i, part) for i, row in enumerate(rows, start=1) for part in _dates_apart(row)]
    numbered = _stacked_cells(numbered, spellings)
    rows = [row for _, row in numbered]
    out: list[tuple[int, int, Line]] = []
    prev_row: _Row | None = None
    for index, row in numbered:
        line = _line(row)
        if out and prev_row is not None and _wraps_by_cell(prev_row, row, out[-1][2], line):
            first, _, joined = out[-1]
            joined.segments = [
                join(a, b, joined) for a, b in zip(joined.segments, line.segments, strict=True)
            ]
            joined.text = " ".join(joined.segments)
            out[-1] = (first, index, joined)
        elif out and prev_row is not None and _wraps_before_aside(prev_row, row, out[-1][2], line):
            first, _, joined = out[-1]
            joined.segments = [join(joined.segments[0], line.text, joined), *joined.segments[1:]]
            joined.text = " ".join(joined.segments)
            out[-1] = (first, index, joined)
        elif (
            out
            and prev_row is not None
            and _continues(prev_row, row, out[-1][2], line, _block_edge(rows, row, right_edge))
        ):
            first, _, joined = out[-1]
            joined.text = join(joined.text, line.text, joined)
            joined.segments = [joined.text]
            out[-1] = (first, index, joined)
        else:
            out.append((index, index, line))
        prev_row = row
    return out


def _stacked_cells(
    numbered: list[tuple[int, _Row]], spellings: Spellings
) -> list[tuple[int, _Row]]:
    """Rows with a narrow cell's wrapped words put back into the row the cell starts on.

    RenderCV's themes set a degree in a narrow cell left of the school: "Bach-" |
    "Evergreen Coast University" over "elor of" over "Science". Read row by row, the
    degree's pieces would become lines of their own and the first run into the school;
    read as cells, the row is "Bachelor of Science" | "Evergreen Coast University".
    """
    out: list[tuple[int, _Row]] = []
    i = 0
    while i < len(numbered):
        index, row = numbered[i]
        merged, used = _stack(row, [r for _, r in numbered[i + 1 :]], spellings)
        out.append((index, merged))
        i += 1 + used
    return out


def _cell_edge(before: dict[str, Any], word: dict[str, Any], size: float) -> bool:
    """A gutter between the two words, or a word hyphenated at its cell's edge before it."""
    gap = word["x0"] - before["x1"]
    return gap >= _GUTTER * size or (ends_broken(before["text"]) and gap > _TOUCHING * size)


def _stack(row: _Row, below: list[_Row], spellings: Spellings) -> tuple[_Row, int]:
    """`row` with the cells of the rows under it that continue its narrow first cell, and
    how many rows that took (0: `row` unchanged)."""
    words, size = row.words, row.size
    cut = next((k for k in range(1, len(words)) if _cell_edge(words[k - 1], words[k], size)), None)
    if cut is None or row.drawn_bullet or strip_bullet(words[0]["text"] + " x")[1]:
        return row, 0
    edge = float(words[cut]["x0"])
    if edge - row.x0 > 0.25 * (row.x1 - row.x0):
        return row, 0  # a narrow first cell only: a label, a degree, a date
    lefts: list[str] = []
    rights: list[str] = []
    prev = row
    for nxt in below:
        if (
            nxt.page != row.page
            or nxt.drawn_bullet
            or abs(nxt.size - size) > 0.3
            or nxt.top - prev.bottom > 0.8 * size
        ):
            break
        left = [w for w in nxt.words if w["x1"] < edge - 0.5]
        right = [w for w in nxt.words if w["x0"] >= edge - 1]
        if (
            len(left) + len(right) != len(nxt.words)
            or (left and abs(left[0]["x0"] - row.x0) > 1)
            or (right and abs(right[0]["x0"] - edge) > 1)
        ):
            break
        if left:
            lefts.append(" ".join(w["text"] for w in left))
        if right:
            rights.append(" ".join(w["text"] for w in right))
        prev = nxt
    used = below.index(prev) + 1 if prev is not row else 0
    if not lefts or (len(lefts) < 2 and not rights):
        return row, 0  # the first cell did not wrap: nothing to put back
    guesses: list[str] = []

    def join(texts: list[str]) -> str:
        text = texts[0]
        for more in texts[1:]:
            joined = join_lines(text, more, spellings)
            text = joined.text
            guesses.extend([joined.guess] if joined.guess else [])
        return text

    first = words[:cut]
    cell = {**first[0], "text": join([" ".join(w["text"] for w in first), *lefts])}
    cell["x1"] = first[-1]["x1"]
    rest = [{**w} for w in words[cut:]]
    rest[0][_CELL] = True
    if rights:
        run_end = next(
            (k for k in range(1, len(rest)) if _starts_segment(rest[k], rest[k - 1]["x1"], size)),
            len(rest),
        )
        last = rest[run_end - 1]
        last["text"] = join([last["text"], *rights])
    merged = _Row([cell, *rest], row.page, row.drawn_bullet, [*row.guesses, *guesses])
    return merged, used


def _segments(row: _Row) -> list[list[dict[str, Any]]]:
    """The row's words in runs split at wide gaps (as _line cuts its segments)."""
    runs: list[list[dict[str, Any]]] = [[]]
    for word in row.words:
        if runs[-1] and _starts_segment(word, runs[-1][-1]["x1"], row.size):
            runs.append([])
        runs[-1].append(word)
    return runs


def _dates_apart(row: _Row) -> list[_Row]:
    """A bullet row with a date range at the right margin, as two rows: dates, then bullet.

    Some layouts set an entry's dates in a right-hand cell level with its first bullet
    (RenderCV's classic theme), not with its header: the dates are the entry's, and
    the bullet's wrapped rows continue its text, not the dates.
    """
    runs = _segments(row)
    if len(runs) < 2:
        return [row]
    first = runs[0][0]["text"]
    if not (row.drawn_bullet or strip_bullet(first + " x")[1]):
        return [row]
    tail = clean(" ".join(w["text"] for w in runs[-1]))
    found = find_range(tail)
    if found is None or len(tail) - (found.span[1] - found.span[0]) > 3:
        return [row]
    body = [w for run in runs[:-1] for w in run]
    return [_Row(runs[-1], row.page), _Row(body, row.page, row.drawn_bullet)]


def _block_edge(rows: list[_Row], row: _Row, page_edge: float) -> float:
    """Where the text block `row` starts in ends on the right.

    Usually the page's right edge; but a block set in a cell narrower than the page
    (dates or places in a column right of it) ends where its full rows end: three or
    more rows at the same indent reaching the same x, short of the page's edge.
    """
    ends = sorted(
        (float(_segments(r)[0][-1]["x1"]) for r in rows if abs(r.x0 - row.x0) <= 2),
        reverse=True,
    )
    if len(ends) >= 3 and ends[2] >= ends[0] - row.size / 2 and ends[0] < page_edge - row.size:
        return ends[0]
    return page_edge


def _wraps_before_aside(prev_row: _Row, row: _Row, prev: Line, line: Line) -> bool:
    """ "Title, Employer that | Nov 2022 – present" over "wraps here": the first part of a
    row with dates at its right wrapped, because its next word would have run into them."""
    if line.bullet or prev.bullet or len(line.segments) != 1 or len(prev.segments) != 2:
        return False
    if find_range(prev.segments[1]) is None:
        return False  # a contact row's parts, a degree beside its school: no wrapped cell
    runs = _segments(prev_row)
    if len(runs) != len(prev.segments):
        return False
    if abs(prev_row.size - row.size) > 0.3 or row.top - prev_row.bottom > 0.8 * row.size:
        return False
    if abs(row.x0 - runs[0][0]["x0"]) > 2:
        return False
    if _is_bold(row.words[0]["fontname"]) != _is_bold(runs[0][-1]["fontname"]):
        return False
    first = row.words[0]
    room = runs[1][0]["x0"] - runs[0][-1]["x1"]
    return bool(first["x1"] - first["x0"] + row.size * 0.6 >= room - row.size)


def _wraps_by_cell(prev_row: _Row, row: _Row, prev: Line, line: Line) -> bool:
    """ "Employer name that | Sep 2019 –" over "wraps here | Present": a two-part row wrapped."""
    if len(prev.segments) != 2 or len(line.segments) != 2 or line.bullet or prev.bullet:
        return False
    if abs(prev_row.size - row.size) > 0.3 or row.top - prev_row.bottom > 0.8 * row.size:
        return False
    return abs(row.x0 - prev_row.x0) <= 2 and prev.bold == line.bold


def _continues(prev_row: _Row, row: _Row, prev: Line, line: Line, right_edge: float) -> bool:
    """Whether `row` is the wrapped rest of the line before it."""
    if line.bullet or len(line.segments) > 1 or (len(prev.segments) > 1 and not prev.bullet):
        return False
    if _is_bold(row.words[0]["fontname"]) and not _is_bold(prev_row.words[-1]["fontname"]):
        return False  # "Group: a, b" after a line of plain items starts a new line
    if abs(prev_row.size - row.size) > 0.3:
        return False
    if row.top - prev_row.bottom > 0.8 * row.size:
        return False
    if line.bold and not prev.bold:
        return False
    # Wrapped only if the next row's first word would not have fitted on this row; the
    # fit is not asked of a bullet's lowercase continuation nor of the rest of a word
    # hyphenated at the row's end (the edge a short block of rows gives can be too far).
    first = row.words[0]
    lower = line.text[:1].islower()
    if not (lower and (prev.bullet or ends_broken(prev.text))) and (
        prev_row.x1 + (first["x1"] - first["x0"]) + row.size * 0.6 < right_edge - row.size
    ):
        return False
    if prev.bullet:
        return row.x0 > prev_row.x0 + 2 or abs(row.x0 - prev.indent) <= 2
    return abs(row.x0 - prev_row.x0) <= 2
