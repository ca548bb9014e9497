"""Hostile inputs through the single-posting commands: what breaks, and the worst case.

Builds a corpus of hostile postings (empty, binary, oversized, odd encodings,
100k-character lines, hostile front matter), profiles (malformed YAML,
duplicate keys, wrong types, impossible dates, alias bombs, deep nesting, huge
numbers, JSON Resume extras), company/title values, output folders (symlinks
out of the tree, a full or read-only disk, simulated) and user edits, plus
`--fuzz` seeded mutations of the example posting. Each input runs through the
CLI in-process (click's CliRunner) in a forked child, so that a crash, a hang
or a memory blow-up in one cannot stop the rest; the parent has spaCy loaded
already, so a child starts in milliseconds.

Prints the inputs tried; tracebacks, crashes (killed by a signal) and hangs
(over `--timeout`), which must all be 0; unclear errors (an exit code 2 whose
standard error is not one `Error: …` line per problem); writes outside the
output folder and user files lost (both must be 0); and the time and peak
memory of the worst case, then one line per problem found. Exits 1 if any of
the must-be-0 figures is not 0.

Run from the repository root after `pip install -e .`:

    python benchmarks/robustness.py                  # 3 to 12 minutes: each hang costs --timeout
    python benchmarks/robustness.py --timeout 10 --fuzz 50
    python benchmarks/robustness.py --list           # the corpus, without running it
"""

from __future__ import annotations

import os

# One BLAS thread: the children are forked from a process that has numpy loaded.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import codecs
import contextlib
import errno
import io
import json
import random
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
EXAMPLE_PROFILE = ROOT / "profiles" / "example.yaml"
MIB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")

Setup = Callable[[Path], None]


@dataclass
class Case:
    """One input: files to create under the sandbox, then one CLI call.

    Strings in `args` may use {root}, {out} and {outside}: the sandbox, the
    output folder and a decoy folder beside it.
    """

    name: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    setup: Setup | None = None
    stdin: bytes | None = None
    fault: str | None = None
    """Simulated write failure in the child: enospc, enospc-mid or erofs."""
    before: list[tuple[list[str], str | None]] = field(default_factory=list)
    """CLI calls (args, fault) run first, unmeasured: a previous run, say."""
    edits: dict[str, bytes] = field(default_factory=dict)
    """Files the user changes after `before` and before the call; never to be lost."""
    protect: tuple[str, ...] = ()
    """More files (relative to the sandbox) that must be byte-identical afterwards."""


@dataclass
class Outcome:
    case: Case
    exit: int | None = None
    stdout: str = ""
    stderr: str = ""
    crash: str | None = None
    """The exception type and message of a traceback."""
    where: str = ""
    signal: int | None = None
    hang: bool = False
    seconds: float = 0.0
    peak: int = 0
    """Peak resident memory of the child beyond the parent's, in bytes."""
    outside: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    unclear: bool = False


# --------------------------------------------------------------------------- the corpus


def _text() -> str:
    return EXAMPLE_POSTING.read_text(encoding="utf-8")


def _sparse(name: str, size: int) -> Setup:
    def make(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def _symlink(name: str, target: str, *, directory: bool = False) -> Setup:
    def make(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(root / target, target_is_directory=directory)

    return make


def _docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _laughs(levels: int, width: int = 10) -> list[str]:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return lines


def posting_cases() -> list[Case]:
    text = _text()
    body = text.encode()
    windows = "Data Analyst\nNorthwind — Seattle\n\n“Must have” SQL – 2+ years; €40k.\n"
    postings: dict[str, bytes] = {
        "empty": b"",
        "whitespace-only": b" \n\t\r\n\x0c\n  \r",
        "utf8-bom-only": codecs.BOM_UTF8,
        "utf16-bom-only": codecs.BOM_UTF16_LE,
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "elf": b"\x7fELF\x02\x01\x01" + bytes(400),
        "gzip": b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4,
        "nul-in-the-middle": body[:900] + b"\x00" + body[900:],
        "control-characters": b"\x01\x02\x03 Python and SQL " * 100,
        "high-bytes": bytes(range(128, 256)) * 20,
        "broken-utf16": codecs.BOM_UTF16_LE + b"a\x00\x00\xd8",
        "latin-1": text.replace("—", "-").replace("’", "'").encode("latin-1", "replace"),
        "cp1252": windows.encode("cp1252"),
        "utf-16": text.encode("utf-16"),
        "utf-16-le-no-bom": text.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf-32": text.encode("utf-32"),
        "utf-8-bom": codecs.BOM_UTF8 + body,
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr-only": text.replace("\n", "\r").encode(),
        "form-feeds-and-vertical-tabs": text.replace("\n\n", "\n\x0c\x0b\n").encode(),
        "line-separators": text.replace("\n", "\u2028").encode(),
        "right-to-left": ("مهندس بيانات\nשלום עולם\n\u202eevil.exe\n" + text).encode(),
        "emoji-only": "🚀🎉✨\n🔥🔥\n👩‍💻\n".encode(),
        "zero-width-spam": ("\u200b\u200d\ufeff" * 3000 + "Python").encode(),
        "combining-marks": ("Pyt" + "\u0301" * 5000 + "hon and SQL\n").encode(),
        "markdown-and-html": (
            "# <script>alert(1)</script>\n**{{ 7*7 }}** {% x %}\n" + text
        ).encode(),
        "only-front-matter": b"---\ntitle: Data Engineer\ncompany: Acme\n---\n",
        "unterminated-front-matter": b"---\ntitle: Data Engineer\n" + body,
        "empty-front-matter": b"---\n---\n" + body,
        # 100k-character lines
        "line-of-capitals": b"A" * 100_000,
        "line-of-words": b"Python " * 15_000,
        "line-of-skills": b"Python SQL " * 9_100,
        "line-of-initials": b"A." * 50_000,
        "line-of-brackets": b"(" * 100_000,
        "line-of-stars": b"*" * 100_000,
        "line-of-emoji": "😀".encode() * 25_000,
        "line-of-x": b"x" * 100_000,
        "line-of-digits": b"1" * 100_000,
        "line-of-url": b"https://example.com/" + b"a" * 100_000,
        "line-of-accents": "é".encode() * 100_000,
        "line-of-titles": b"Mr. " * 25_000,
        "line-of-tabs-then-word": b"\t" * 1000 + b"Python" * 16_000,
        "line-of-a": b"a " * 50_000,
        # the largest text accepted: realistic text just under the limit
        "limit-sized": (body * (999_000 // len(body) + 1))[:999_000],
        # other formats (read by suffix)
        "deep.html": b"<html><body>" + b"<div>" * 100_000 + b"Data Engineer" + b"</div>" * 100_000,
        "script-only.html": b"<html><script>" + b"x" * 50_000 + b"</script></html>",
        "truncated.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + bytes(range(256)),
        "not-a-zip.docx": b"PK\x03\x04" + bytes(200),
        "empty-zip.docx": _docx({"readme.txt": b"hello"}),
        "broken-xml.docx": _docx({"word/document.xml": b"<w:document><w:body><w:p>"}),
    }
    cases = []
    for name, data in postings.items():
        file = f"in/{name}" if "." in name else f"in/{name}.txt"
        cases.append(
            Case(
                f"posting/{name}: analyze", ["analyze", f"{{root}}/{file}", "--json"], {file: data}
            )
        )
        cases.append(Case(f"posting/{name}: letter", _letter(f"{{root}}/{file}"), {file: data}))
    for size, suffix in (
        (1_000_001, ".txt"),
        (50 * MIB, ".txt"),
        (50 * MIB, ".html"),
        (50 * MIB, ".pdf"),
        (50 * MIB, ".docx"),
    ):
        file = f"in/huge{suffix}"
        cases.append(
            Case(
                f"posting/sparse {size:,} bytes{suffix}",
                _letter(f"{{root}}/{file}"),
                setup=_sparse(file, size),
            )
        )
    cases.append(Case("posting/stdin 5 MB", ["analyze", "-"], stdin=b"Python and SQL. " * 330_000))
    cases.append(Case("posting/stdin empty", _letter("-"), stdin=b""))
    cases.append(Case("posting/stdin binary", _letter("-"), stdin=bytes(range(256)) * 10))
    if Path("/dev/zero").exists():
        cases.append(Case("posting//dev/zero", ["analyze", "/dev/zero"]))
    cases.append(Case("posting/a folder", _letter("{root}/in"), {"in/x.txt": b"x"}))
    cases.append(Case("posting/missing", _letter("{root}/in/missing.txt")))
    return cases


def _letter(posting: str, *extra: str, profile: str = str(EXAMPLE_PROFILE)) -> list[str]:
    return ["letter", posting, "--profile", profile, "--out", "{out}", "--format", "all", *extra]


HOSTILE_NAMES = [
    ("traversal", "../../etc/passwd", "..\\..\\boot.ini"),
    ("drive-and-colons", "C:\\Users\\Public:evil", "/dev/null"),
    ("500-characters", "x" * 500, "y" * 500),
    ("emoji-only", "🚀🚀", "👩‍💻"),
    ("nul", "Acme\x00 Corp", "R\x00"),
    ("escape-sequences", "Acme\x1b[31m\x1b[2J", "Dev\x07"),
    ("line-breaks", "Acme\r\nCorp", "Java\x0bDev"),
    ("line-separator", "Initech\u2028Labs", "Rust\u2029Engineer"),
    ("bidi-override", "\u202eproC emcA", "Dev"),
    ("blank", "   ", "\t"),
    ("template-syntax", "{{ 7*7 }}", "{% include '/etc/passwd' %}"),
    ("markdown", "**Acme** [x](http://evil)", "# Dev\n---"),
    ("digits", "20", "0"),
    ("one-letter", "e", "on"),
    ("dots", ".", ".."),
]


def name_cases() -> list[Case]:
    cases = []
    for label, company, title in HOSTILE_NAMES:
        for kind in ("letter", "resume", "bullets"):
            args = _letter("{root}/in/p.txt", "--company", company, "--title", title)
            args[0] = kind
            cases.append(
                Case(
                    f"names/{label} as options: {kind}",
                    args,
                    {"in/p.txt": EXAMPLE_POSTING.read_bytes()},
                )
            )
        front = f"---\ntitle: {json.dumps(title)}\ncompany: {json.dumps(company)}\n---\n"
        cases.append(
            Case(
                f"names/{label} in front matter: letter",
                _letter("{root}/in/p.txt"),
                {"in/p.txt": front.encode() + EXAMPLE_POSTING.read_bytes()},
            )
        )
    surrogate = _letter("{root}/in/p.txt", "--title", "Ruby\udcff")
    cases.append(
        Case("names/undecodable --title", surrogate, {"in/p.txt": EXAMPLE_POSTING.read_bytes()})
    )
    fronts = {
        "yaml-1.1-types": "company: On\ntitle: 010\n",
        "impossible-date": "company: Acme\ntitle: 2021-02-30\n",
        "bigint": "company: Acme\ntitle: " + "9" * 5000 + "\n",
        "list-and-mapping": "title: [a, b]\ncompany: {x: 1}\n",
        "binary-tag": "company: !!binary QWNtZQ==\ntitle: Dev\n",
        "python-tag": "company: !!python/object/apply:os.system ['echo pwned']\n",
        "nested-5000": "title: " + "[" * 5000 + "]" * 5000 + "\n",
        "alias-bomb-10^6": "\n".join(_laughs(5)) + "\ntitle: *a5\ncompany: Acme\n",
    }
    for label, front in fronts.items():
        data = f"---\n{front}---\n".encode() + EXAMPLE_POSTING.read_bytes()
        cases.append(
            Case(f"front-matter/{label}: letter", _letter("{root}/in/p.txt"), {"in/p.txt": data})
        )
    return cases


def _work(start: str, end: str | None = None) -> str:
    text = "basics:\n  name: Ada Lovelace\nwork:\n  - name: Initech\n    position: Engineer\n"
    text += f"    startDate: {start}\n"
    if end:
        text += f"    endDate: {end}\n"
    return text + "    highlights: [Built data pipelines in Python]\n"


def profile_cases() -> list[Case]:
    example = EXAMPLE_PROFILE.read_text(encoding="utf-8")
    highlights = "".join(
        f"      - Built pipeline {i} in Python for team {i % 97}\n" for i in range(10_000)
    )
    near_limit = "".join(
        f"      - Built data pipeline number {i} in Python and SQL for team {i % 97}\n"
        for i in range(27_000)
    )
    head = "basics:\n  name: Ada Lovelace\nwork:\n  - name: Initech\n    position: Engineer\n    startDate: 2019-04\n    highlights:\n"
    long = "Built pipelines in Python. " * 4_000
    resume = {
        "basics": {"name": "Ada", "pronouns": "she/her"},
        "work": [{"name": "Initech", "team": "Data", "highlights": ["Built it in Python"]}],
        "x-custom": {"a": 1},
    }
    profiles: dict[str, bytes] = {
        "malformed": b"basics:\n  name: [Ada\n",
        "tab-indent": b"basics:\n\tname: Ada\n",
        "duplicate-key": b"basics:\n  name: Ada\n  name: Bob\n",
        "duplicate-section": (example + "\nbasics:\n  name: X\n").encode(),
        "wrong-types": b"basics:\n  name: [Ada]\nwork: {a: 1}\nskills: 3\n",
        "february-30": _work("2021-02-30").encode(),
        "month-13": _work("2021-13").encode(),
        "month-00": _work("2021-00").encode(),
        "year-0000": _work("'0000'").encode(),
        "end-before-start": _work("2023-05", "2020-01").encode(),
        "10k-highlights": (head + highlights).encode(),
        "near-size-limit": (head + near_limit).encode(),
        "billion-laughs": ("\n".join(_laughs(9, 9)) + "\nbasics:\n  name: Ada\n").encode(),
        "aliases-of-a-long-string": (
            "basics:\n  name: Ada\nwork:\n  - name: X\n    position: Y\n"
            f'    highlights: [&s "{long}", {", ".join(["*s"] * 10_000)}]\n'
        ).encode(),
        "nested-50": b"basics:\n  name: Ada\nmeta: " + b"[" * 50 + b"]" * 50 + b"\n",
        "nested-1000": b"basics:\n  name: Ada\nmeta: " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "nested-100000": b"basics:\n  name: Ada\nmeta: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "bigint": b"basics:\n  name: Ada\n  phone: " + b"9" * 5000 + b"\n",
        "octal-phone": example.replace('phone: "+1 206 555 0142"', "phone: 01234567").encode(),
        "control-character": b"basics:\n  name: Ada\x1f\n",
        "python-tag": b"basics: !!python/object/apply:os.system ['echo pwned']\n",
        "merge-key": b"x: &x {name: Ada}\nbasics:\n  <<: *x\n",
        "self-alias": b"a: &a [*a]\nbasics: {name: Ada}\n",
        "complex-key": b"? [a, b]\n: c\nbasics: {name: Ada}\n",
        "empty": b"",
        "a-list": b"- basics\n",
        "binary": b"\x00\x01\x02basics",
        "latin-1": "basics:\n  name: Zoë\n".encode("latin-1"),
        "json-resume-extras.json": json.dumps(resume, indent=2).encode(),
        "json-nested-100000.json": b'{"basics": {"name": "Ada"}, "meta": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}",
        "json-bigint.json": b'{"basics": {"name": "Ada", "phone": ' + b"9" * 5000 + b"}}",
    }
    cases = []
    for name, data in profiles.items():
        file = f"in/{name}" if name.endswith(".json") else f"in/{name}.yaml"
        posting = str(EXAMPLE_POSTING)
        cases.append(
            Case(f"profile/{name}: check", ["profile", "check", f"{{root}}/{file}"], {file: data})
        )
        cases.append(
            Case(
                f"profile/{name}: letter",
                _letter(posting, profile=f"{{root}}/{file}"),
                {file: data},
            )
        )
        if name.endswith(".json"):
            args = ["profile", "import", f"{{root}}/{file}", "-o", "{out}/me.yaml"]
            cases.append(Case(f"profile/{name}: import", args, {file: data}))
    cases.append(
        Case(
            "profile/sparse 2 MB + 1",
            ["profile", "check", "{root}/in/huge.yaml"],
            setup=_sparse("in/huge.yaml", 2_000_001),
        )
    )
    return cases


FOLDER = "lumen-health-analytics-senior-nlp-engineer"


def output_cases() -> list[Case]:
    posting = str(EXAMPLE_POSTING)
    first = (_letter(posting), None)
    cases = [
        Case(
            "output/posting folder is a symlink out",
            _letter(posting),
            setup=_symlink(f"out/{FOLDER}", "outside", directory=True),
        ),
        Case(
            "output/output file is a symlink out",
            _letter(posting),
            {"outside/victim.md": b"precious"},
            setup=_symlink(f"out/{FOLDER}/cover-letter.md", "outside/victim.md"),
        ),
        Case(
            "output/state file is a symlink out",
            _letter(posting),
            {"outside/state.json": b"{}"},
            setup=_symlink(f"out/{FOLDER}/.tailor-state.json", "outside/state.json"),
        ),
        Case(
            "output/--out is a symlink",
            _letter(posting),
            setup=_symlink("out", "outside", directory=True),
        ),
        Case(
            "output/--out is a dangling symlink",
            _letter(posting),
            setup=_symlink("out", "gone", directory=True),
        ),
        Case(
            "output/--out is under a file",
            [
                "letter",
                posting,
                "--profile",
                str(EXAMPLE_PROFILE),
                "--out",
                "{root}/in/file.txt/sub",
            ],
            {"in/file.txt": b"mine"},
        ),
        Case(
            "output/a folder where a file goes",
            _letter(posting),
            {f"out/{FOLDER}/cover-letter.md/mine.txt": b"mine"},
        ),
        Case("output/full disk on the first write", _letter(posting), fault="enospc"),
        Case("output/read-only disk", _letter(posting), fault="erofs"),
        Case(
            "output/full disk mid-run over an earlier run",
            _letter(posting, "--tone", "warm"),
            before=[first],
            fault="enospc-mid",
        ),
        Case(
            "output/rerun after a full disk",
            _letter(posting, "--tone", "warm"),
            before=[(_letter(posting), "enospc-mid")],
        ),
    ]
    for name in ("cover-letter.md", "cover-letter.docx", "report.md"):
        for state in ("kept", "deleted", "corrupted"):
            edits = {f"out/{FOLDER}/{name}": b"my careful edits\n"}
            if state == "deleted":
                edits[f"out/{FOLDER}/.tailor-state.json"] = b""
            elif state == "corrupted":
                edits[f"out/{FOLDER}/.tailor-state.json"] = b"{not json\x00"
            cases.append(
                Case(
                    f"edits/{name} edited, state {state}",
                    _letter(posting, "--tone", "warm"),
                    before=[first],
                    edits=edits,
                )
            )
    cases.append(
        Case(
            "edits/a report.md tailor never wrote",
            _letter(posting),
            edits={f"out/{FOLDER}/report.md": b"my own report"},
        )
    )
    cases.append(
        Case(
            "edits/notes beside the outputs with --force",
            _letter(posting, "--force"),
            before=[first],
            edits={f"out/{FOLDER}/notes.txt": b"my notes"},
        )
    )
    cases.append(
        Case(
            "edits/docx edited, --format md",
            _letter(posting, "--format", "md"),
            before=[first],
            edits={f"out/{FOLDER}/cover-letter.docx": b"edited in Word"},
        )
    )
    return cases


TOKENS = [
    "\x00", "\r", "\r\n", "\x0b", "\u2028", "\ufeff", "😀", "e\u0301", "((((", "****", "A." * 20,
    "Requirements:\n", "Benefits\n", "- ", "5+ years of ", "Kubernetes", "C++", "{{ x }}",
    "---\ntitle: [x\n---\n", "\n\n\n", "\t" * 8, "https://example.com/?a=" + "b" * 200,
]  # fmt: skip


def fuzz_cases(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    text = _text()
    commands = ["analyze", "letter", "resume", "bullets"]
    cases = []
    for i in range(count):
        mutated = text
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(mutated) + 1)
            action = rng.choice(["insert", "delete", "repeat", "truncate", "flip"])
            if action == "insert":
                mutated = mutated[:at] + rng.choice(TOKENS) * rng.randint(1, 50) + mutated[at:]
            elif action == "delete":
                mutated = mutated[:at] + mutated[at + rng.randint(1, 500) :]
            elif action == "repeat":
                mutated = mutated[:at] + mutated[at : at + 80] * rng.randint(2, 100) + mutated[at:]
            elif action == "truncate":
                mutated = mutated[:at]
            else:
                mutated = mutated[:at] + chr(rng.randrange(1, 0x3000)) + mutated[at + 1 :]
        data = mutated.encode(rng.choice(["utf-8", "utf-16", "utf-8-sig"]), "surrogatepass")
        command = commands[i % len(commands)]
        if command == "analyze":
            args = ["analyze", "{root}/in/p.txt", "--json"]
        else:
            args = [command, *_letter("{root}/in/p.txt", "--format", "md")[1:]]
        cases.append(Case(f"fuzz/{i:03d}: {command}", args, {"in/p.txt": data}))
    return cases


# --------------------------------------------------------------------------- running


@contextlib.contextmanager
def fault(kind: str | None) -> Iterator[None]:
    """Writes in tailor.output fail the way a full or read-only disk makes them fail."""
    if kind is None:
        yield
        return
    from tailor import output

    code = errno.EROFS if kind == "erofs" else errno.ENOSPC
    after = 1 if kind == "enospc-mid" else 0
    calls = [0]
    real = os.fsync

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] > after:
            raise OSError(code, os.strerror(code))
        real(fd)

    output.os.fsync = fsync  # type: ignore[attr-defined]
    try:
        yield
    finally:
        output.os.fsync = real  # type: ignore[attr-defined]


def _resolve(args: list[str], root: Path) -> list[str]:
    """Fill in {root}, {out} and {outside} (and nothing else: names may hold braces)."""
    places = {"{root}": root, "{out}": root / "out", "{outside}": root / "outside"}
    resolved = []
    for arg in args:
        for place, path in places.items():
            arg = arg.replace(place, str(path))
        resolved.append(arg)
    return resolved


def _invoke(args: list[str], stdin: bytes | None) -> tuple[int, str, str, BaseException | None]:
    from click.testing import CliRunner

    from tailor.cli.app import cli

    result = CliRunner().invoke(cli, args, input=stdin)
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    return result.exit_code, result.stdout, result.stderr, exc


def _snapshot(root: Path, skip: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here.resolve() == skip or skip in here.resolve().parents:
            dirnames[:] = []
            continue
        for name in [*filenames, *[d for d in dirnames if (here / d).is_symlink()]]:
            path = here / name
            if path.is_symlink():
                found[str(path)] = "-> " + str(path.readlink())
            elif path.is_file():
                found[str(path)] = path.read_bytes()
    return found


def _rss() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE


def _vm() -> int:
    return int(Path("/proc/self/statm").read_text().split()[0]) * PAGE


def _prepare(case: Case, root: Path) -> None:
    for directory in ("in", "outside", "cwd"):
        (root / directory).mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if case.setup is not None:
        case.setup(root)
    for args, kind in case.before:
        with fault(kind), contextlib.chdir(root / "cwd"):
            _invoke(_resolve(args, root), None)
    for name, data in case.edits.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".tailor-state.json") and data == b"":
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def run_case(case: Case, sandbox: Path, *, timeout: float, memory: int) -> Outcome:
    root = Path(tempfile.mkdtemp(prefix="case-", dir=sandbox))
    outcome = Outcome(case)
    try:
        _prepare(case, root)
        out = (root / "out").resolve()
        mine = [n for n in (*case.edits, *case.protect) if not n.endswith(".tailor-state.json")]
        keep = {name: (root / name).read_bytes() for name in mine if (root / name).is_file()}
        before = _snapshot(root, out)
        args = _resolve(case.args, root)
        _run_child(outcome, args, case, root, timeout=timeout, memory=memory)
        after = _snapshot(root, (root / "out").resolve())
        outcome.outside = sorted(
            str(Path(p).relative_to(root))
            for p in set(after) | set(before)
            if after.get(p) != before.get(p)
        )
        for name, data in keep.items():
            path = root / name
            if path.is_symlink() or not path.is_file() or path.read_bytes() != data:
                outcome.lost.append(name)
        if outcome.exit == 0 and args[0] in ("letter", "resume", "bullets"):
            for line in outcome.stdout.splitlines():  # the paths written
                if not Path(line).resolve().is_relative_to(out):
                    outcome.outside.append(line)
        if outcome.exit == 2:
            lines = outcome.stderr.splitlines()
            usage = (
                bool(lines) and lines[0].startswith("Usage:") and lines[-1].startswith("Error: ")
            )
            outcome.unclear = not usage and (
                not lines or not all(line.startswith("Error: ") for line in lines)
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return outcome


def _run_child(
    outcome: Outcome, args: list[str], case: Case, root: Path, *, timeout: float, memory: int
) -> None:
    read_end, write_end = os.pipe()
    baseline = _rss()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: run the case, report as JSON, never return
        os.close(read_end)
        os.write(write_end, f"{_rss()}\n".encode())  # the baseline: what a fork starts with
        report: dict[str, Any] = {}
        try:
            limit = _vm() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            os.chdir(root / "cwd")
            with fault(case.fault):
                code, stdout, stderr, exc = _invoke(args, case.stdin)
            report = {"exit": code, "stdout": stdout[-4000:], "stderr": stderr[-4000:]}
            if exc is not None:
                frames = traceback.extract_tb(exc.__traceback__)
                last = frames[-1] if frames else None
                report["crash"] = f"{type(exc).__name__}: {str(exc)[:300]}"
                report["where"] = f"{Path(last.filename).name}:{last.lineno}" if last else ""
        except BaseException as exc:  # noqa: BLE001 - anything at all is a finding
            report = {"exit": 1, "crash": f"{type(exc).__name__}: {str(exc)[:300]}"}
        with contextlib.suppress(BaseException):
            os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = started + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            outcome.hang = True
            break
        ready, _, _ = select.select([read_end], [], [], left)
        if ready:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    outcome.seconds = time.perf_counter() - started
    if os.WIFSIGNALED(status) and not outcome.hang:
        outcome.signal = os.WTERMSIG(status)
    first, _, rest = b"".join(chunks).partition(b"\n")
    if first:
        baseline = int(first)
    outcome.peak = max(0, usage.ru_maxrss * 1024 - baseline)
    if rest and not outcome.hang:
        report = json.loads(rest)
        outcome.exit = report.get("exit")
        outcome.stdout = report.get("stdout", "")
        outcome.stderr = report.get("stderr", "")
        outcome.crash = report.get("crash")
        outcome.where = report.get("where", "")
    elif not outcome.hang and outcome.signal is None:
        outcome.crash = "the child died without a report"


def _warm_up() -> None:
    """Load spaCy, the taxonomy and the templates once, so forked children start warm."""
    with tempfile.TemporaryDirectory() as temp:
        for kind in ("letter", "resume", "bullets"):
            args = _resolve(_letter(str(EXAMPLE_POSTING)), Path(temp))
            args[0] = kind
            _invoke(args, None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds before an input counts as a hang"
    )
    parser.add_argument(
        "--memory", type=float, default=4.0, help="GiB a child may add before MemoryError"
    )
    parser.add_argument(
        "--fuzz", type=int, default=200, help="seeded mutations of the example posting"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    parser.add_argument("--list", action="store_true", help="print the corpus and exit")
    args = parser.parse_args()

    cases = (
        posting_cases()
        + name_cases()
        + profile_cases()
        + output_cases()
        + fuzz_cases(args.fuzz, args.seed)
    )
    cases = [c for c in cases if args.only in c.name]
    if args.list:
        for case in cases:
            print(case.name)
        return 0

    _warm_up()
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tailor-robustness-") as temp:
        sandbox = Path(temp)
        for number, case in enumerate(cases, 1):
            outcome = run_case(
                case, sandbox, timeout=args.timeout, memory=int(args.memory * 1024**3)
            )
            outcomes.append(outcome)
            if sys.stderr.isatty():
                print(f"\r{number}/{len(cases)} {case.name[:60]:<60}", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return report(outcomes, time.perf_counter() - started, args)


def report(outcomes: list[Outcome], seconds: float, args: argparse.Namespace) -> int:
    tracebacks = [o for o in outcomes if o.crash or (o.exit not in (0, 2, None) and not o.signal)]
    crashes = [o for o in outcomes if o.signal]
    hangs = [o for o in outcomes if o.hang]
    unclear = [o for o in outcomes if o.unclear]
    outside = sum(len(o.outside) for o in outcomes)
    lost = sum(len(o.lost) for o in outcomes)
    finished = [o for o in outcomes if not o.hang] or outcomes
    slowest = max(finished, key=lambda o: o.seconds)
    hungriest = max(outcomes, key=lambda o: o.peak)
    print(f"robustness: {len(outcomes)} inputs tried in {seconds:.0f} s "
          f"(timeout {args.timeout:g} s, memory cap +{args.memory:g} GiB per input)")  # fmt: skip
    rows = [
        ("tracebacks", len(tracebacks), "must be 0"),
        ("crashes (killed by a signal)", len(crashes), "must be 0"),
        (f"hangs (over {args.timeout:g} s)", len(hangs), "must be 0"),
        ("unclear errors (exit 2, not one 'Error:' line each)", len(unclear), ""),
        ("writes outside the output folder", outside, "must be 0"),
        ("user files lost", lost, "must be 0"),
    ]
    for label, count, goal in rows:
        print(f"  {label:<52} {count:>5}   {goal}")
    print(f"  worst time (finished inputs)  {slowest.seconds:8.1f} s    {slowest.case.name}")
    print(f"  worst peak memory (added)     {hungriest.peak / MIB:8.0f} MiB  {hungriest.case.name}")
    problems = []
    for o in tracebacks:
        problems.append(f"traceback  {o.case.name}: {o.crash} ({o.where})")
    for o in crashes:
        problems.append(f"crash      {o.case.name}: signal {signal.Signals(o.signal).name}")  # type: ignore[arg-type]
    for o in hangs:
        problems.append(
            f"hang       {o.case.name}: killed after {o.seconds:.0f} s, {o.peak / MIB:.0f} MiB"
        )
    for o in unclear:
        problems.append(f"unclear    {o.case.name}: {o.stderr.strip()[:200]!r}")
    for o in outcomes:
        for path in o.outside:
            problems.append(f"outside    {o.case.name}: {path}")
        for path in o.lost:
            problems.append(f"lost       {o.case.name}: {path}")
    if problems:
        print("problems:")
        for line in problems:
            print(f"  {line}")
    must_be_zero = len(tracebacks) + len(crashes) + len(hangs) + outside + lost
    return 1 if must_be_zero else 0


if __name__ == "__main__":
    sys.exit(main())
