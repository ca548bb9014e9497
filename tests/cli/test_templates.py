"""`tailor templates list|show|copy|check|context`: exact output, exact error lines."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from tailor.cli.app import cli
from tailor.cli.templates import templates
from tailor.documents import KINDS
from tailor.render.catalog import parse_name
from tailor.render.context import Entry, LetterContext, ResumeContext
from tailor.render.context_doc import context_reference
from tailor.render.templates import builtin_dir

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = builtin_dir()
STYLES = ("classic", "modern")


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run in an empty folder."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["templates", *args])


def write(path: str, text: str) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def make_docx(path: str, *paragraphs: str | list[str | tuple[str, str]]) -> Path:
    """A DOCX template: each item a paragraph, or a list of runs ((text, "bold") is bold)."""
    document = docx.Document()
    for item in paragraphs:
        paragraph = document.add_paragraph()
        for run in [item] if isinstance(item, str) else item:
            text, bold = (run, False) if isinstance(run, str) else (run[0], True)
            paragraph.add_run(text).bold = bold or None
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(file))
    return file


# ------------------------------------------------------------------------ list


def test_list_built_ins() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout == (
        "NAME                  KIND     FORMAT  FROM\n"
        "bullets/classic.docx  bullets  docx    built-in\n"
        "bullets/classic.md    bullets  md      built-in\n"
        "letter/classic.docx   letter   docx    built-in\n"
        "letter/classic.md     letter   md      built-in\n"
        "letter/modern.docx    letter   docx    built-in\n"
        "letter/modern.md      letter   md      built-in\n"
        "resume/classic.docx   resume   docx    built-in\n"
        "resume/classic.md     resume   md      built-in\n"
        "resume/modern.docx    resume   docx    built-in\n"
        "resume/modern.md      resume   md      built-in\n"
    )


def test_list_shows_overrides_and_search_order(monkeypatch: pytest.MonkeyPatch) -> None:
    write("templates/letter/classic.md.j2", "{{ greeting }}\n")
    write("templates/letter/mine.md.j2", "{{ greeting }}\n")
    write("from-env/resume/mine.md.j2", "{{ summary }}\n")
    write("from-option/resume/mine.md.j2", "{{ summary }}\n")
    write("templates/letter/~$lock.docx", "Word's lock file")
    monkeypatch.setenv("TAILOR_TEMPLATES", "from-env")
    result = run("list", "--templates", "from-option")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        "letter/classic.md     letter   md      templates/letter/classic.md.j2 (overrides built-in)"
        in lines
    )
    assert "letter/mine.md        letter   md      templates/letter/mine.md.j2" in lines
    assert "resume/mine.md        resume   md      from-option/resume/mine.md.j2" in lines
    assert len(lines) == 13


# ------------------------------------------------------------------------ show


def test_show_one_markdown_file() -> None:
    result = run("show", "letter/classic.md")
    assert result.exit_code == 0
    assert result.stdout == (BUILT_IN / "letter" / "classic.md.j2").read_text(encoding="utf-8")


def test_show_every_format_with_headers() -> None:
    result = run("show", "letter/modern")
    assert result.exit_code == 0
    docx_header = f"==> {BUILT_IN / 'letter' / 'modern.docx'} <=="
    md_header = f"==> {BUILT_IN / 'letter' / 'modern.md.j2'} <=="
    lines = result.stdout.splitlines()
    assert lines[0] == docx_header
    assert lines[1] == "{{ applicant.name }}"
    assert md_header in lines
    assert lines[lines.index(md_header) - 1] == ""


def test_show_prefers_the_user_copy() -> None:
    write("templates/resume/classic.md.j2", "# {{ applicant.name }}\n")
    assert run("show", "resume/classic.md").stdout == "# {{ applicant.name }}\n"


@pytest.mark.parametrize(
    ("name", "error"),
    [
        (
            "lettre/classic",
            (
                "Error: lettre/classic: unknown kind 'lettre' (kinds are letter, resume and bullets); "
                "did you mean 'letter'?\n"
            ),
        ),
        (
            "letter/fancy",
            (
                "Error: letter/fancy: no template of that name; available: bullets/classic, "
                "letter/classic, letter/modern, resume/classic, resume/modern\n"
            ),
        ),
        (
            "letter/classic.pdf",
            (
                "Error: letter/classic.pdf: a template name is STYLE, KIND/STYLE or KIND/STYLE.FORMAT, "
                "such as classic, letter/classic or letter/classic.md\n"
            ),
        ),
        (
            "bullets/modern",
            (
                "Error: bullets/modern: no template of that name; available: bullets/classic, "
                "letter/classic, letter/modern, resume/classic, resume/modern\n"
            ),
        ),
    ],
)
def test_show_unknown_names(name: str, error: str) -> None:
    result = run("show", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == error


@pytest.mark.parametrize(
    ("name", "kind", "style", "fmt"),
    [
        ("classic", None, "classic", None),
        ("letter/classic", "letter", "classic", None),
        ("letter/classic.md", "letter", "classic", "md"),
        ("letter/classic.md.j2", "letter", "classic", "md"),
        ("resume/modern.docx", "resume", "modern", "docx"),
        ("modern.docx", None, "modern", "docx"),
    ],
)
def test_name_scheme(name: str, kind: str | None, style: str, fmt: str | None) -> None:
    parsed = parse_name(name)
    assert (parsed.kind, parsed.style, parsed.fmt) == (kind, style, fmt)


# ------------------------------------------------------------------------ copy


def test_copy_a_style_for_editing() -> None:
    result = run("copy", "letter/modern")
    assert result.exit_code == 0
    assert result.stdout == "templates/letter/modern.docx\ntemplates/letter/modern.md.j2\n"
    for name in ("modern.docx", "modern.md.j2"):
        copy = Path("templates/letter") / name
        assert copy.read_bytes() == (BUILT_IN / "letter" / name).read_bytes()
        assert copy.stat().st_mode & stat.S_IWUSR

    again = run("copy", "letter/modern")
    assert again.exit_code == 2
    assert again.stderr == (
        "Error: templates/letter/modern.docx: already exists; rerun with --force to overwrite it, "
        "or pick a new name with --as\n"
        "Error: templates/letter/modern.md.j2: already exists; rerun with --force to overwrite it, "
        "or pick a new name with --as\n"
    )
    Path("templates/letter/modern.md.j2").write_text("edited", encoding="utf-8")
    assert run("copy", "letter/modern.md", "--force").exit_code == 0
    assert (
        Path("templates/letter/modern.md.j2").read_bytes()
        == (BUILT_IN / "letter" / "modern.md.j2").read_bytes()
    )


def test_copy_makes_read_only_built_ins_writable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed = tmp_path / "site-packages" / "templates" / "letter"
    installed.mkdir(parents=True)
    source = installed / "classic.md.j2"
    source.write_text("{{ greeting }}\n", encoding="utf-8")
    source.chmod(0o444)
    monkeypatch.setattr("tailor.render.catalog.builtin_dir", lambda: installed.parent)
    previous = Path("templates/letter/classic.md.j2")
    previous.parent.mkdir(parents=True)
    previous.write_text("old", encoding="utf-8")
    previous.chmod(0o444)
    result = run("copy", "letter/classic.md", "--force")
    assert result.exit_code == 0, result.stderr
    assert previous.read_text(encoding="utf-8") == "{{ greeting }}\n"
    assert previous.stat().st_mode & stat.S_IWUSR


def test_copy_under_a_new_name_to_a_folder() -> None:
    result = run("copy", "classic", "--as", "mine", "--to", "custom")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"custom/{kind}/mine.{ext}"
        for kind in ("bullets", "letter", "resume")
        for ext in ("docx", "md.j2")
    ]
    assert run("check", "custom").exit_code == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["letter/fancy"],
            (
                "Error: letter/fancy: no template of that name; available: bullets/classic, "
                "letter/classic, letter/modern, resume/classic, resume/modern\n"
            ),
        ),
        (
            ["letter/classic", "--as", "resume/mine"],
            "Error: resume/mine: --as takes a plain style name such as mine\n",
        ),
    ],
)
def test_copy_errors(args: list[str], error: str) -> None:
    result = run("copy", *args)
    assert (result.exit_code, result.stderr) == (2, error)
    assert not Path("templates").exists()


def test_copied_and_edited_template_is_used(runner: CliRunner, tmp_path: Path) -> None:
    assert run("copy", "letter/classic.md", "--as", "short").exit_code == 0
    write("templates/letter/short.md.j2", "{{ greeting }}\n\n{{ sign_off }} {{ applicant.name }}\n")
    result = runner.invoke(
        cli,
        [
            "letter",
            str(ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"),
            "--profile",
            str(ROOT / "profiles" / "example.yaml"),
            "--template",
            "short",
            "--format",
            "md",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    letter = Path(result.stdout.splitlines()[0]).read_text(encoding="utf-8")
    assert letter == "Dear Hiring Manager:\n\nSincerely, Avery Lindqvist\n"


# ----------------------------------------------------------------------- check


@pytest.mark.parametrize("style", STYLES)
def test_built_ins_pass_the_check(style: str) -> None:
    result = run("check", style)
    assert result.exit_code == 0, result.stderr
    kinds = ("bullets", "letter", "resume") if style == "classic" else ("letter", "resume")
    assert result.stdout.splitlines() == [
        f"{BUILT_IN / kind / (style + suffix)}: ok"
        for kind in kinds
        for suffix in (".docx", ".md.j2")
    ]


def test_check_reports_every_markdown_problem_with_its_line() -> None:
    write(
        "templates/letter/typos.md.j2",
        "{{ applicant.name }}\n"
        "{{ applicant.nam }}\n"
        "{{ aplicant.email }}\n"
        "{% for p in paragraphs %}{{ p }}{{ loop.idx }}{% endfor %}\n"
        "{{ matched_skills | join_adn }}\n"
        "{{ paragraphs.title }}\n"
        "{{ salary }}\n",
    )
    result = run("check", "templates/letter/typos.md.j2")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: templates/letter/typos.md.j2:2: 'applicant' has no attribute 'nam'; "
        "did you mean 'name'?\n"
        "Error: templates/letter/typos.md.j2:3: 'aplicant' is undefined; did you mean 'applicant'?\n"
        "Error: templates/letter/typos.md.j2:4: 'loop' has no attribute 'idx'; "
        "did you mean 'index'?\n"
        "Error: templates/letter/typos.md.j2:5: no filter named 'join_adn'; "
        "did you mean 'join_and'?\n"
        "Error: templates/letter/typos.md.j2:6: 'paragraphs' is a list and has no attribute "
        "'title'; loop over it with {% for item in paragraphs %}\n"
        "Error: templates/letter/typos.md.j2:7: 'salary' is undefined; a letter template can use: "
        "applicant, closing, date, gap, greeting, matched_skills, opening, paragraphs, points, recipient, reference, sign_off, subject, target\n"
    )


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (
            "ok\n{{ applicant.name }\nmore\n",
            "templates/letter/bad.md.j2:2: template syntax: unexpected '}'",
        ),
        (
            "{% if date %}\n{{ date }}\n",
            (
                "templates/letter/bad.md.j2:2: template syntax: Unexpected end of template. Jinja was "
                "looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block "
                "that needs to be closed is 'if'."
            ),
        ),
        (
            "{% for job in work %}{{ job.titel }}{% endfor %}\n",
            (
                "templates/letter/bad.md.j2:1: 'work' is undefined; a letter template can use: "
                "applicant, closing, date, gap, greeting, matched_skills, opening, paragraphs, points, recipient, reference, sign_off, subject, target"
            ),
        ),
        (
            "{{ applicant.links | map(attribute='lable') | join(', ') }}\n",
            (
                "templates/letter/bad.md.j2:1: each item of 'applicant.links' has no attribute "
                "'lable'; did you mean 'label'?"
            ),
        ),
        ("\n\n{{ 1 / 0 }}\n", "templates/letter/bad.md.j2:3: division by zero"),
    ],
)
def test_check_markdown_errors(source: str, error: str) -> None:
    write("templates/letter/bad.md.j2", source)
    result = run("check", "templates/letter/bad.md.j2")
    assert (result.exit_code, result.stderr) == (2, f"Error: {error}\n")


def test_check_knows_the_types_of_loop_variables() -> None:
    write(
        "templates/resume/loops.md.j2",
        "{% for job in work %}{{ job.titel }}{% for b in job.bullets %}{{ b.upper() }}{% endfor %}"
        "{% endfor %}\n"
        "{% set first = work | first %}{{ first.organisation }}\n"
        "{{ foo | default('none') }}{% if bar is defined %}{{ bar }}{% endif %}\n",
    )
    result = run("check", "templates/resume/loops.md.j2")
    assert result.stderr == (
        "Error: templates/resume/loops.md.j2:1: 'job' has no attribute 'titel'; "
        "did you mean 'title'?\n"
        "Error: templates/resume/loops.md.j2:2: 'first' has no attribute 'organisation'; "
        "did you mean 'organization'?\n"
    )


def test_check_docx_problems_name_the_paragraph() -> None:
    make_docx(
        "templates/letter/typos.docx",
        "Dear team,",
        "{%p for p in paragraphs %}",
        "{{ p }}",
        "{%p endfor %}",
        "{{ applicant.nam }}",
        "{{ greting }}",
    )
    result = run("check", "templates/letter/typos.docx")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: templates/letter/typos.docx, paragraph 5 ('{{ applicant.nam }}'): "
        "'applicant' has no attribute 'nam'; did you mean 'name'?\n"
        "Error: templates/letter/typos.docx, paragraph 6 ('{{ greting }}'): "
        "'greting' is undefined; did you mean 'greeting'?\n"
    )


@pytest.mark.parametrize(
    ("paragraphs", "error"),
    [
        (
            [["Hi {{ applicant.", ("name }}", "bold"), " and more"]],
            (
                "paragraph 1 ('Hi {{ applicant.name }} and more'): the tag '{{ applicant.name }}' is "
                "split across differently formatted text; docxtpl would drop that formatting: select "
                "the whole tag and give it one format"
            ),
        ),
        (
            ["{{ applicant.name", "}}"],
            (
                "paragraph 1 ('{{ applicant.name'): the tag '{{ applicant.name' is not closed in this "
                "paragraph; a tag must start and end in the same paragraph"
            ),
        ),
        (
            ["{%p if date %} Date: {{ date }}", "{%p endif %}"],
            (
                "paragraph 1 ('{%p if date %} Date: {{ date }}'): a {%p … %} tag must be alone in its "
                "paragraph: docxtpl replaces the whole paragraph with it, deleting the rest"
            ),
        ),
        (
            ["ok", "{{ applicant.name + }}"],
            (
                "paragraph 2 ('{{ applicant.name + }}'): template syntax: unexpected 'end of print "
                "statement'"
            ),
        ),
        (
            ["{%p if date %}", "{{ date }}"],
            (
                "paragraph 2 ('{{ date }}'): template syntax: Unexpected end of template. Jinja was "
                "looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block "
                "that needs to be closed is 'if'."
            ),
        ),
    ],
)
def test_check_docx_structure(
    paragraphs: list[str | list[str | tuple[str, str]]], error: str
) -> None:
    make_docx("templates/letter/bad.docx", *paragraphs)
    result = run("check", "templates/letter/bad.docx")
    assert (result.exit_code, result.stderr) == (2, f"Error: templates/letter/bad.docx, {error}\n")


def test_check_docx_accepts_tags_split_across_same_format_runs() -> None:
    """Word splits runs for spell-checking and revision marks; docxtpl joins them safely."""
    make_docx("templates/letter/split.docx", [["Hi {", "{ applicant.", "name }", "} there"]])
    make_docx("templates/letter/quotes.docx", "{{ matched_skills|join(‘, ’) }}")
    result = run("check", "templates/letter")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "templates/letter/quotes.docx: ok\ntemplates/letter/split.docx: ok\n"


def test_check_docx_split_across_a_tracked_change() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("{{ applicant.")
    inserted = paragraph._p.makeelement("{{{}}}ins".format(paragraph._p.nsmap["w"]), {})
    run_element = paragraph.add_run("name }}")._r
    paragraph._p.remove(run_element)
    inserted.append(run_element)
    paragraph._p.append(inserted)
    Path("templates/letter").mkdir(parents=True)
    document.save("templates/letter/tracked.docx")
    result = run("check", "templates/letter/tracked.docx")
    assert result.stderr == (
        "Error: templates/letter/tracked.docx, paragraph 1 ('{{ applicant.name }}'): the tag "
        "'{{ applicant.name }}' runs across a link, field or tracked change; accept all changes, "
        "then retype the tag as plain text in one go\n"
    )


def test_check_a_folder_reports_good_and_bad() -> None:
    write("mine/letter/good.md.j2", "{{ greeting }}\n")
    write("mine/resume/bad.md.j2", "{{ applicant.nam }}\n")
    write("mine/resume/notes.txt", "ignored")
    result = run("check", "mine")
    assert result.exit_code == 2
    assert result.stdout == "mine/letter/good.md.j2: ok\n"
    assert result.stderr == (
        "Error: mine/resume/bad.md.j2:1: 'applicant' has no attribute 'nam'; did you mean 'name'?\n"
    )


def test_check_a_file_outside_a_kind_folder_needs_kind() -> None:
    write("draft.md.j2", "{{ summary }}\n")
    result = run("check", "draft.md.j2")
    assert (result.exit_code, result.stderr) == (
        2,
        (
            "Error: draft.md.j2: cannot tell which document this template is for; put it in a "
            "letter/, resume/ or bullets/ folder or pass --kind\n"
        ),
    )
    assert run("check", "draft.md.j2", "--kind", "resume").stdout == "draft.md.j2: ok\n"
    letter = run("check", "draft.md.j2", "--kind", "letter")
    assert letter.stderr.startswith("Error: draft.md.j2:1: 'summary' is undefined")


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("notes.txt", "Error: notes.txt: a template ends in .md.j2 or .docx\n"),
        (
            "empty",
            "Error: empty: no templates here; expected letter/, resume/ or bullets/ folders\n",
        ),
        (
            "letter/typo.docx",
            (
                "Error: letter/typo.docx: this is not a Word .docx file (it could not be opened: "
                "Package not found at 'letter/typo.docx')\n"
            ),
        ),
    ],
)
def test_check_input_errors(target: str, error: str) -> None:
    write("notes.txt", "hello")
    Path("empty").mkdir()
    write("letter/typo.docx", "not a zip")
    result = run("check", target)
    assert (result.exit_code, result.stderr) == (2, error)


# --------------------------------------------------------------------- context


def test_context_is_generated_from_the_models() -> None:
    result = run("context")
    assert result.exit_code == 0
    assert result.stdout == context_reference()
    for model in (kind.context_model() for kind in KINDS.values()):
        for name in model.model_fields:
            assert f"| `{name}` |" in result.stdout
    assert '| `join_and` | `["a", "b", "c"]` -> `"a, b and c"`' in result.stdout
    assert "| `paragraphs` | list of text |" in result.stdout
    assert '| `date` | text, or none | `"14 March 2025"` |' in result.stdout


def test_context_fill_in_examples_name_real_fields() -> None:
    from tailor.render import context_doc

    models = {m.__name__: m for m in (LetterContext, ResumeContext, Entry)}
    for model_name, field in context_doc._FILL:
        assert field in models[model_name].model_fields


def test_docs_hold_the_current_context_reference(update_golden: bool) -> None:
    """docs/templates.md embeds `tailor templates context` (`pytest --update-golden` rewrites it)."""
    path = ROOT / "docs" / "templates.md"
    docs = path.read_text(encoding="utf-8")
    start, end = "<!-- context:start -->\n", "<!-- context:end -->"
    before, rest = docs.split(start, 1)
    embedded, after = rest.split(end, 1)
    if update_golden:
        path.write_text(before + start + context_reference(level=2) + end + after, encoding="utf-8")
        return
    assert embedded == context_reference(level=2)


@pytest.mark.parametrize("command", ["list", "show", "copy", "check", "context"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert templates.commands[command].help


def test_templates_command_imports_no_heavy_modules() -> None:
    code = (
        "import sys; from tailor.cli import templates, profile, init; "
        "print(sorted(m for m in ('spacy', 'pydantic', 'jinja2', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
