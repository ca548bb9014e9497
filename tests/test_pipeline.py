"""Properties of the posting reader, the extractor, the renderers and the writer.

For any input: no exception other than a `TailorError` whose problems are one
line each; every offset inside the text it points into; every output path
inside the output folder; the same input gives the same output; and an edited
file is never overwritten without `force`.

The strategies leave out input classes with known bugs, each pinned by an
xfail test in tests/hostile/: control and line-separator characters in
company/title (normalisation), company/title that occur inside other words or
numbers (the grounding guard's substring removal), control characters and
huge integers in YAML (the profile loader).
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tailor.analysis.extract import analyze
from tailor.analysis.sections import skill_free
from tailor.compose.conventions import clean_title
from tailor.compose.inputs import DocumentOptions, Prepared
from tailor.errors import PostingError, ProfileError, TailorError
from tailor.output import STATE_FILE, output_folder, write_outputs
from tailor.pipeline import Request, prepare, prepare_analysis, tailor_posting
from tailor.posting.read import parse_posting, posting_from_text
from tailor.profile.load import parse_profile
from tailor.profile.model import Profile
from tailor.render.templates import search_path

ROOT = Path(__file__).resolve().parents[1]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of job ads, with the characters and markup that break naive parsers.
AD_PIECES = [
    *("Requirements", "Requirements:", "Responsibilities", "What you'll do:", "About us"),
    *("Benefits", "Nice to have:", "Preferred qualifications", "Salary: $100,000", "401(k)"),
    *("- ", "* ", "• ", "1. ", "**", "# ", "|", ":", ",", ".", "(", ")", "/", "&", "—"),
    *("\n", "\n\n", "\t", " ", "  ", "\r\n", "\r", "\x0b", "\x0c", "\u2028", "\u00a0"),
    *("Python", "SQL", "Kubernetes", "C++", "C#", ".NET", "Go", "R", "machine learning"),
    *("5+ years", "3-5 years of", "10 years", "experience", "Bachelor's degree", "PhD"),
    *("Master's", "in Computer Science", "or equivalent", "Senior", "Engineer", "at", "Acme"),
    *("We are hiring a", "Join us at", "is an equal opportunity employer", "Location: Remote"),
    *("é", "e\u0301", "ß", "İ", "ﬁ", "Σ", "中文", "😀", "👩‍💻", "\ufeff", "\u200b", "<b>", "{{"),
]
ad_text = st.one_of(
    st.lists(st.sampled_from(AD_PIECES), max_size=60).map(" ".join),
    st.lists(st.sampled_from(AD_PIECES), max_size=60).map("".join),
    st.text(max_size=300),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
posting_bytes = st.one_of(
    st.binary(max_size=400),
    st.tuples(ad_text, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], "ignore")),
    ad_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"---\n"]), st.binary()).map(
        b"".join
    ),
)
# Printable text: no control, surrogate or line/paragraph separator characters.
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))


@functools.cache
def _base() -> Prepared:
    """The example posting and profile, prepared once (not a fixture: no giant reprs)."""
    return prepare(POSTING, PROFILE)


def _one_line_problems(error: TailorError, source: str) -> None:
    assert error.problems
    for problem in error.problems:
        assert "\n" not in str(problem)
        assert str(problem).startswith(f"{source}")


# --------------------------------------------------------------------------- reader


@SETTINGS
@given(data=posting_bytes)
@example(data=b"")
@example(data=codecs.BOM_UTF8)
@example(data=b"---\ntitle: [unclosed\n---\nbody\n")
@example(data=b"\xff\xfe\x00\xd8")
@example(data=b"a\x00b")
def test_reader_returns_clean_text_or_one_line_errors(data: bytes) -> None:
    try:
        posting = parse_posting(data, source="p.txt")
    except PostingError as error:
        _one_line_problems(error, "p.txt")
        return
    assert posting.text.strip()
    assert "\r" not in posting.text
    assert "\x00" not in posting.text
    assert parse_posting(data, source="p.txt") == posting


@SETTINGS
@given(
    title=st.text(alphabet=PRINTABLE, max_size=40),
    company=st.text(alphabet=PRINTABLE, max_size=40),
    body=ad_text.filter(lambda s: s.strip() and "\x00" not in s),
)
@example(title="../../etc/passwd", company="C:\\x:y", body="Data Engineer\n")
@example(title="On", company="010", body="Data Engineer\n")
@example(title="---", company="...", body="---\nnot front matter\n---\n")
def test_front_matter_names_are_read_as_written(title: str, company: str, body: str) -> None:
    front = yaml.safe_dump({"title": title, "company": company}, allow_unicode=True, width=10**6)
    data = f"---\n{front}---\n{body}".encode()
    try:
        posting = parse_posting(data, source="p.txt")
    except PostingError as error:
        _one_line_problems(error, "p.txt")
        return
    assert posting.title == (title.strip() or None)
    assert posting.company == (company.strip() or None)
    assert posting.text == body.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- extractor


@pytest.mark.model
@SETTINGS
@given(text=ad_text)
@example(text="Requirements:\n- 5+ years of Python\n\nBenefits\n- Python lunch club\n")
@example(text="e\u0301" * 40 + " Python")
@example(text="😀 Python 😀\r\nSQL\u2028Go")
def test_extractor_offsets_point_into_the_text(text: str) -> None:
    try:
        posting = posting_from_text(text, source="p.txt")
    except PostingError as error:
        _one_line_problems(error, "p.txt")
        return
    result = analyze(posting)
    text = result.posting.text
    previous_end = 0
    kinds = []
    for section in result.sections:
        assert previous_end <= section.start <= section.end <= len(text)
        previous_end = section.end
        kinds.append(section)
    for skill in result.skills:
        assert skill.mentions
        for mention in skill.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
            inside = [s for s in kinds if s.start <= mention.start < s.end]
            assert not any(skill_free(s.kind) for s in inside), (skill.name, inside)
    for item in [*result.responsibilities, *result.requirements]:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
    assert analyze(posting) == result
    json.dumps(result.model_dump(mode="json"))


# --------------------------------------------------------------------------- renderers

# A name that cannot occur inside another word of a document (see the module docstring).
names = st.one_of(
    st.none(),
    st.text(alphabet=PRINTABLE, max_size=40).map(lambda s: "Zqxv " + s),
    st.lists(st.sampled_from(["C++", "&", "<b>", "{{ x }}", "{%", "*", "_", "`", "\\", "|", "😀"]))
    .map(" ".join)
    .map(lambda s: "Globex " + s),
)
phrases = st.one_of(
    st.text(alphabet=PRINTABLE, min_size=1, max_size=60),
    st.lists(
        st.sampled_from(["Built", "led", "a", "team", "of", "5", "38%", "$310K", "Python", "C++"])
        | st.sampled_from(["SQL", "&", "<", ">", "{{", "}}", "{%", "*", "_", "#", "|", "é", "😀"]),
        min_size=1,
        max_size=12,
    ).map(" ".join),
)


@settings(SETTINGS, max_examples=40)
@given(
    kind=st.sampled_from(["letter", "resume", "bullets"]),
    tone=st.sampled_from(["formal", "warm", "concise"]),
    company=names,
    title=names,
    highlights=st.lists(phrases, min_size=1, max_size=4),
)
@example(kind="letter", tone="formal", company=None, title=None, highlights=["Built it"])
def test_documents_render_and_are_deterministic(
    kind: str,
    tone: str,
    company: str | None,
    title: str | None,
    highlights: list[str],
) -> None:
    base = _base()
    data = base.profile.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["work"][0]["highlights"] = highlights
    profile = Profile.model_validate(data)

    def build() -> dict[str, bytes]:
        # The names exactly as given (not cleaned): documents must carry any text.
        prepared = replace(prepare_analysis(base.analysis, profile), company=company, title=title)
        request = Request(
            kinds=(kind,),  # type: ignore[arg-type]
            formats=("md", "docx"),
            template_dirs=tuple(search_path(None)),
            options=DocumentOptions(tone=tone),  # type: ignore[arg-type]
        )
        return tailor_posting(prepared, request).files

    files = build()
    assert {Path(name).suffix for name in files} >= {".md", ".docx"}
    markdown = next(data for name, data in files.items() if name.endswith(".md"))
    # A letter names the role cleaned of a posting title's noise (codes, years, " | site"
    # tails: `compose.conventions.clean_title`); bullets carry the text as given. A résumé
    # is the applicant's record and names neither (no "Application for … at …" line).
    if kind != "resume":
        shown_title = clean_title(title) if kind == "letter" else title
        for value in (company, shown_title):
            if value:  # Markdown lines lose trailing spaces, nothing else
                assert value.strip() in markdown.decode("utf-8")
    else:
        assert "Application for" not in markdown.decode("utf-8")
    assert build() == files


# --------------------------------------------------------------------------- writer

FILE_NAMES = ["cover-letter.md", "cover-letter.docx", "report.md"]


@SETTINGS
@given(company=st.one_of(st.none(), st.text()), title=st.one_of(st.none(), st.text()))
@example(company="../../..", title="/etc/passwd")
@example(company="..\\..\\x", title="C:\\Windows")
@example(company="\x00\x1b[2J", title="\udcff\u202e")
@example(company="😀" * 300, title="." * 300)
def test_output_paths_stay_inside_the_output_folder(company: str | None, title: str | None) -> None:
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"
        folder = output_folder(out, company, title)
        assert folder.parent == out
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", folder.name)
        assert len(folder.name) <= 121
        paths = write_outputs(folder, {name: b"x" for name in FILE_NAMES})
        for path in paths:
            assert path.resolve().parent == out.resolve() / folder.name
        assert sorted(p.name for p in (out / folder.name).iterdir()) == sorted(
            [*FILE_NAMES, STATE_FILE]
        )


contents = st.sampled_from([b"", b"one", b"two", b"three"]) | st.binary(max_size=20)


@SETTINGS
@given(
    first=contents,
    second=contents,
    edits=st.dictionaries(st.sampled_from(FILE_NAMES), contents, max_size=3),
    state=st.sampled_from(["kept", "deleted", "corrupted"]),
)
@example(first=b"one", second=b"two", edits={"report.md": b"mine"}, state="kept")
@example(first=b"one", second=b"two", edits={"report.md": b"one"}, state="deleted")
@example(first=b"one", second=b"two", edits={"report.md": b"two"}, state="corrupted")
def test_edited_files_are_never_lost_without_force(
    first: bytes, second: bytes, edits: dict[str, bytes], state: str
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "out" / "acme-engineer"
        write_outputs(folder, {name: first for name in FILE_NAMES})
        for name, data in edits.items():
            (folder / name).write_bytes(data)
        if state == "deleted":
            (folder / STATE_FILE).unlink()
        elif state == "corrupted":
            (folder / STATE_FILE).write_bytes(b"\x00{")
        before = {name: (folder / name).read_bytes() for name in FILE_NAMES}
        try:
            write_outputs(folder, {name: second for name in FILE_NAMES})
        except TailorError as error:
            _one_line_problems(error, str(folder))
            assert {name: (folder / name).read_bytes() for name in FILE_NAMES} == before
            # Refused only when something would have been lost.
            assert any(data != second for data in before.values())
            return
        for name in FILE_NAMES:
            assert (folder / name).read_bytes() == second
            # What was overwritten was tailor's recorded output, or the new output itself.
            assert before[name] == second or (state == "kept" and before[name] == first)


# --------------------------------------------------------------------------- profiles

PROFILE_KEYS = ["basics", "name", "email", "emial", "work", "highlights", "startDate", "endDate"]
PROFILE_KEYS += ["position", "skills", "keywords", "education", "meta", "url", "<<", "$schema"]
yaml_text = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=30)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    yaml_text,
    st.sampled_from(["2021", "2021-02-30", "2021-13", "2021-06-14", "present", "9999-12-31"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(PROFILE_KEYS), inner, max_size=4)
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(PROFILE_KEYS), values, max_size=5)
YAML_PIECES = ["basics:", "\n", "  ", "name:", " Ada", "- ", "&a ", "*a", "[", "]", "{", "}"]
YAML_PIECES += [",", ":", "'", '"', "#", "!!str ", "!!python/object:os.system ", "<<: *a", "---"]
YAML_PIECES += ["...", "|", ">", "\t", "? ", "%YAML 1.1\n", "2021-02-30", "\ufeff", "é"]
profile_text = st.one_of(
    documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    documents.map(json.dumps),
    st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join),
    yaml_text,
)


@SETTINGS
@given(text=profile_text)
@example(text="basics:\n  name: Ada\n  name: Bob\n")
@example(text="a: &a [*a]\n")
@example(text="basics: {name: Ada}\nwork: [{startDate: 2021-02-30}]\n")
def test_profile_loader_returns_a_profile_or_one_line_problems(text: str) -> None:
    data = text.encode("utf-8")
    try:
        profile = parse_profile(data, source="p.yaml")
    except ProfileError as error:
        _one_line_problems(error, "p.yaml")
        return
    assert parse_profile(data, source="p.yaml") == profile
