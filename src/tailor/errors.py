"""User errors vs bugs.

A `TailorError` is something the user can fix (a missing file, a typo in the
profile, an unknown template); the CLI prints it as one line
`Error: <file>: <where>: <what and how to fix it>` and exits with 2. Anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located problem: which file, where in it, and what to do."""

    file: str | None
    where: str | None
    what: str

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.where, self.what) if part)


class TailorError(Exception):
    """A problem the user can fix; may carry several located problems at once."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str | Path | None, where: str | None, what: str) -> TailorError:
        return cls(Problem(str(file) if file is not None else None, where, what))


class PostingError(TailorError):
    """The posting cannot be read: missing, empty, binary, too large."""


class ProfileError(TailorError):
    """The profile is missing, malformed or fails validation."""


class TemplateError(TailorError):
    """A template is unknown, has a syntax error, or fails while rendering."""


class OutputError(TailorError):
    """An output cannot be written without losing the user's work, or at all."""


class PdfError(TailorError):
    """PDF output was asked for and LibreOffice is missing or fails."""


class GroundingError(Exception):
    """A generated document claims something the profile does not support.

    Deliberately not a TailorError: the composer must never produce this, so
    reaching it is a bug that must fail loudly with its traceback.
    """
