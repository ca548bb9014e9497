"""One line for why a posting failed, as the manifest and stderr show it."""

from __future__ import annotations

from tailor.errors import TailorError


def one_line(exc: BaseException, where: str) -> str:
    """`exc` on one line, without a leading `where: ` that the reader already sees.

    A `TailorError` reads as its problems joined by "; "; anything else is a bug
    in tailor and says so, with the exception's type.
    """
    if not isinstance(exc, TailorError):
        text = " ".join(str(exc).split())
        return f"internal error (a bug in tailor): {type(exc).__name__}: {text}"
    parts = []
    for problem in exc.problems:
        if problem.file == where:
            parts.append(": ".join(p for p in (problem.where, problem.what) if p))
        else:
            parts.append(str(problem))
    return " ".join("; ".join(parts).split())
