"""The project's tasks, one session each: `nox -s test lint typecheck docs` (`pip install nox`).

Each runs the same commands as README's Development section and `.ci/run`.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "test"]
nox.options.reuse_existing_virtualenvs = True
PYTHON = "3.11"


@nox.session(python=PYTHON)
def test(session: nox.Session) -> None:
    """The test suite; `nox -s test -- -m "not model"` for the fast one."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff and codespell."""
    session.install("-e", ".[test]")
    session.run("ruff", "check", "src", "tests", "scripts", "benchmarks")
    session.run("codespell")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy: the whole package, strict on the pure core."""
    session.install("-e", ".[test]")
    session.run("mypy")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Regenerate the README's command table from the CLI, then check the docs' tests."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "tailor.cli.reference", "README.md")
    session.run("pytest", "tests/cli/test_reference.py", "tests/cli/test_templates.py")
