"""Company and role names as tailor prints them: one line of visible text.

Names come from front matter, scraped CSV columns and command-line options,
and go into letters, file names and terminal output, so every source is
cleaned the same way here.
"""

from __future__ import annotations

import os
import re
import unicodedata

_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")


def clean_name(value: str | None) -> str | None:
    """Line breaks and tabs become spaces, other control characters go, spaces fold.

    Returns None for a name with nothing visible left, so that the caller falls
    back to what the posting says.
    """
    if value is None:
        return None
    value = _BREAKS.sub(" ", value)
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cs"))
    return " ".join(value.split()) or None


def is_valid_text(value: str) -> bool:
    """False for strings carrying undecodable bytes (lone surrogates from argv)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 (a
    Latin-1 `caf\xe9.txt`, which Python holds as a lone surrogate) become U+FFFD, so a
    report, a manifest or a provenance file never fails to encode. Open the file by
    its real path; show and record this."""
    return os.fsencode(path).decode("utf-8", "replace")


def folded(text: str) -> str:
    """The words of `text`, case-folded and space-joined: names compared whatever their
    case and punctuation ("MyEdSpace Ltd." and "myedspace ltd")."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def other_employer(text: str, company: str | None, named: str | None) -> str | None:
    """The employer the posting `text` names (`named`, from its metadata) when the
    `--company` given is written nowhere in it: a listing's company field is often a
    recruiter or a job board ("Acquire4Hire" for a post at YWCA Richmond), and a letter
    addressed to it reads as invented to the employer. None when the posting has the
    given name, names no employer, or names the same one."""
    if not company or not named:
        return None
    given, posted, body = folded(company), folded(named), folded(text)
    if not given or f" {given} " in f" {body} " or given in posted or posted in given:
        return None
    return named
