"""Known server-side template injection (SSTI) payloads get nowhere.

Each payload, in a Markdown or a DOCX template, is a one-line `Error:` naming the
file and line and exit code 2 from `tailor templates check`; rendering refuses
it too, and nothing it asks for (a shell command, a file) ever happens.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tailor.cli.app import cli
from tailor.errors import TemplateError
from tailor.render.context import example_letter
from tailor.render.docx import TemplateRenderError, render_docx
from tailor.render.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[2]
UNSAFE = "unsafe: templates run in a sandbox that keeps them away from Python internals and files"
CANNOT = "is not allowed: templates run in a sandbox that keeps them away from Python internals"
UNDEFINED = "is undefined"

# (payload, what the error says)
PAYLOADS = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", UNSAFE),
    ("{{ ().__class__.__bases__[0] }}", UNSAFE),
    ("{{ ''.__class__.__base__.__subclasses__()[59].__init__.__globals__ }}", UNSAFE),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", UNSAFE),
    ("{{ joiner.__init__.__globals__.os.popen('id').read() }}", UNSAFE),
    ("{{ namespace.__init__.__globals__.os.popen('id').read() }}", UNSAFE),
    ("{{ lipsum.__globals__ }}", UNSAFE),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", UNSAFE),
    ("{{ range.__self__ }}", UNSAFE),
    ("{{ dict.__base__.__subclasses__() }}", UNSAFE),
    ("{{ self._TemplateReference__context }}", UNSAFE),
    ("{{ self.__init__.__globals__.__builtins__ }}", UNSAFE),
    ("{{ applicant.__class__.__mro__ }}", UNSAFE),
    ("{{ applicant['__class__'] }}", UNSAFE),
    ("{{ applicant|attr('__class__') }}", UNSAFE),
    ("{{ lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f') }}", UNSAFE),
    ("{{ applicant|attr('__cla' ~ 'ss__') }}", "'__class__' of 'dict' object is unsafe"),
    ("{{ ''['__cla' ~ 'ss__'] }}", "access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ '{0.__class__}'.format(applicant) }}", "'__class__' of 'dict' object is unsafe"),
    ("{{ paragraphs.append('injected') }}", UNSAFE),
    ("{{ applicant.update({'name': 'x'}) }}", UNSAFE),
    ("{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}", UNSAFE),
    ("{% set x = cycler.__init__ %}{{ x }}", UNSAFE),
    ("{% import 'os' as os %}{{ os.popen('id').read() }}", f"'{{% import %}}' {CANNOT}"),
    ("{% from 'os' import popen %}", f"'{{% from … import %}}' {CANNOT}"),
    ("{% include '/etc/passwd' %}", f"'{{% include %}}' {CANNOT}"),
    ("{% extends '/etc/passwd' %}", f"'{{% extends %}}' {CANNOT}"),
    ("{{ config }}", "'config' is undefined"),
    ("{{ config.items() }}", "'config' is undefined"),
    ("{{ request }}", "'request' is undefined"),
    (
        "{{ request.application.__globals__.__builtins__.__import__('os').popen('id').read() }}",
        "'request' is undefined",
    ),
    ("{{ url_for.__globals__ }}", "'url_for' is undefined"),
    ("{{ get_flashed_messages.__globals__ }}", "'get_flashed_messages' is undefined"),
    (
        "{% for i in range(10**9) %}{% endfor %}",
        "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)",
    ),
]
IDS = [f"p{i}" for i in range(len(PAYLOADS))]


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def _markdown(payload: str) -> Path:
    path = Path("templates/letter/evil.md.j2")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{{{{ greeting }}}}\n{payload}\n{{{{ closing }}}}\n", encoding="utf-8")
    return path


def _docx(payload: str) -> Path:
    path = Path("templates/letter/evil.docx")
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in ("{{ greeting }}", payload, "{{ closing }}"):
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("payload", "message"), PAYLOADS, ids=IDS)
def test_check_refuses_payload_in_markdown(payload: str, message: str) -> None:
    path = _markdown(payload)
    result = CliRunner().invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: templates/letter/evil.md.j2:2: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(("payload", "message"), PAYLOADS, ids=IDS)
def test_check_refuses_payload_in_docx(payload: str, message: str) -> None:
    path = _docx(payload)
    result = CliRunner().invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    if "MAX_RANGE" in message:  # found only by rendering; docxtpl's renderer names the paragraph
        assert result.stderr.startswith("Error: templates/letter/evil.docx")
    else:
        assert result.stderr.startswith("Error: templates/letter/evil.docx, paragraph 2 (")
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("payload", [payload for payload, _ in PAYLOADS], ids=IDS)
def test_rendering_markdown_refuses_payload(payload: str) -> None:
    """The renderer behind `tailor letter` refuses too, with a TailorError (one `Error:` line)."""
    path = _markdown(payload)
    with pytest.raises(TemplateError) as caught:
        render_markdown(path, example_letter())
    assert len(caught.value.problems) == 1
    assert str(caught.value.problems[0]).startswith(f"{path}:")


@pytest.mark.parametrize("payload", [payload for payload, _ in PAYLOADS], ids=IDS)
def test_rendering_docx_refuses_payload(payload: str, tmp_path: Path) -> None:
    path = _docx(payload)
    dest = tmp_path / "out.docx"
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(path, example_letter(), dest)
    assert caught.value.line == 2
    assert not dest.exists()


def test_letter_command_refuses_payload(runner: CliRunner, tmp_path: Path) -> None:
    _markdown("{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}")
    result = runner.invoke(
        cli,
        [
            "letter",
            str(ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"),
            "--profile",
            str(ROOT / "profiles" / "example.yaml"),
            "--template",
            "evil",
            "--format",
            "md",
        ],
    )
    assert result.exit_code == 2
    # ./templates is searched as an absolute path today, so allow either form.
    assert re.fullmatch(
        r"Error: (\S*/)?templates/letter/evil\.md\.j2:2: .*unsafe.*\n", result.stderr
    )
    assert not (tmp_path / "pwned").exists()
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- resource limits

BOMBS = [
    pytest.param("{{ 'ab' * 1000000000 }}", "repetition", id="string-times-a-billion"),
    pytest.param("{{ [1, 2] * 1000000000 }}", "repetition", id="list-times-a-billion"),
    pytest.param("{{ 10 ** 1000000000 }}", "power", id="huge-power"),
    pytest.param(
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "range() loops",
        id="nested-ranges",
    ),
]


@pytest.mark.parametrize(("source", "said"), BOMBS)
def test_resource_bombs_are_refused_quickly(tmp_path: Path, source: str, said: str) -> None:
    import time
    import tracemalloc

    template = tmp_path / "letter" / "bomb.md.j2"
    template.parent.mkdir()
    template.write_text(source + "\n", encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        render_markdown(template, example_letter())
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert said in str(info.value)
    assert seconds < 5
    assert peak < 200 * 1024 * 1024


def test_small_ranges_and_repetitions_still_work_and_each_render_has_its_own_budget(
    tmp_path: Path,
) -> None:
    template = tmp_path / "letter" / "fine.md.j2"
    template.parent.mkdir()
    template.write_text(
        "{% for i in range(6000) %}{% endfor %}{{ '-' * 3 }}{{ 2 ** 10 }}\n", encoding="utf-8"
    )
    for _ in range(3):  # 3 × 6,000 steps: over one budget, but each render has its own
        assert render_markdown(template, example_letter()).strip() == "---1024"
