from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tailor.errors import PostingError
from tailor.posting.read import MAX_POSTING_BYTES, parse_posting, read_posting


def test_reads_utf8_and_normalises_newlines(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(b"Data Engineer\r\nAcme\r\n\r\nPython and SQL.\r\n")
    posting = read_posting(path)
    assert posting.text == "Data Engineer\nAcme\n\nPython and SQL.\n"
    assert posting.source == str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Café – naïve".encode(), "Café – naïve"),
        ("Café – naïve".encode("utf-16"), "Café – naïve"),
        ("Café – naïve".encode("cp1252"), "Café – naïve"),
        ("Café".encode("latin-1"), "Café"),
    ],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert parse_posting(data, source="x").text == expected


def test_front_matter_sets_fields_and_is_removed_from_text() -> None:
    data = b"---\ntitle: Staff Nurse\ncompany: Riverside NHS\n---\nJob summary:\nCare.\n"
    posting = parse_posting(data, source="x")
    assert (posting.title, posting.company) == ("Staff Nurse", "Riverside NHS")
    assert posting.text == "Job summary:\nCare.\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x: the posting is empty; paste the job ad's text into it"),
        (b"  \n\t\n", "x: the posting is empty; paste the job ad's text into it"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "x: looks like a binary file, not text; save the posting as plain text",
        ),
        (
            b"---\ntitle: [oops\n---\nbody\n",
            "x: line 3: the front matter between '---' lines is not valid YAML",
        ),
    ],
)
def test_refuses_with_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(PostingError) as info:
        parse_posting(data, source="x")
    assert str(info.value) == message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PostingError, match=r"nope\.txt: file not found; check the path"):
        read_posting(tmp_path / "nope.txt")
    with pytest.raises(PostingError, match="is a folder"):
        read_posting(tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_POSTING_BYTES + 1)
    with pytest.raises(PostingError, match="over the 1,000,000-byte limit"):
        read_posting(path)
