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

Then, for the six classes of issue #17 (1 parser tracebacks, 2 unbounded work, 3 wrong
results, 4 bulk and the manifest, 5 concurrency and faults, 6 leaks), hostile DOCX/PDF/HTML
postings, templates, devices, bulk folders, stdin lists and manifests, two bulk runs at
once, a killed pool worker and a full disk are run through the real CLI, each call its
own process (`python -c ... main()` with the case's arguments; peak memory from `wait4`),
and it prints the counters tracebacks, bad exits (not the exit code a correct tailor
gives), over 20 s or 1 GiB, hangs, writes outside the output folder, leaked (a file from
outside the templates folder in an output), lost (a document or manifest entry that
should exist) and wrong results, all of which must be 0, then the worst time and peak
memory of each class. Faults a test cannot cause without root (a full disk, a read-only
folder for root) are simulated in the child: fsync or open fails with ENOSPC or EACCES.

Run from the repository root after `pip install -e .`:

    python benchmarks/robustness.py                  # 3 to 12 minutes: each hang costs --timeout
    python benchmarks/robustness.py --suite issue17  # the #17 classes only, 2 to 3 minutes
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


# --------------------------------------------------------------------------- issue 17, as CLI subprocesses

SECRET = "SECRET-7f3a-do-not-leak"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AD_HTML = "<main><h1>Data Engineer</h1><p>We need Python and SQL, 3+ years.</p></main>"
NO_AES = (
    "import pypdf._encryption as e, pypdf._crypt_providers._fallback as f\n"
    "for n in ('aes_cbc_decrypt', 'aes_ecb_decrypt', 'aes_cbc_encrypt', 'aes_ecb_encrypt',"
    " 'CryptAES'): setattr(e, n, getattr(f, n))\n"
)


@dataclass
class CliCase:
    """One call of the real `tailor` in a child process, in a sandbox of its own.

    `expect` is the exit code a correct tailor gives (0, or 2 for a refusal); `wanted`
    a text its standard output must hold (class 3: the right result, not just no crash).
    """

    kind: str
    """The class of #17: 1 tracebacks, 2 unbounded work, 3 wrong results, 4 bulk and the
    manifest, 5 concurrency and faults, 6 leaks."""
    name: str
    args: list[str]
    expect: int
    build: Callable[[Path], None] | None = None
    wanted: str | None = None
    prelude: str = ""
    """Python run in the child before the CLI (to take a library away, say)."""
    stdin: str | None = None
    """Standard input of the call ({root} filled in)."""
    before: list[list[str]] = field(default_factory=list)
    """CLI calls run first, unmeasured, each its own process: a previous run, say."""
    edit: Callable[[Path], None] | None = None
    """Changes made after `before` and before the call (a hand-edited manifest, say)."""
    twin: list[str] | None = None
    """A second call started at the same moment (two runs into one OUT)."""
    check: Callable[[Path, CliOutcome], list[tuple[str, str]]] | None = None
    """After the call: ("lost" | "wrong", what) for each document missing or result wrong."""


@dataclass
class CliOutcome:
    case: CliCase
    exit: int | None = None
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    peak: int = 0
    """Peak resident memory of the child (ru_maxrss from wait4), in bytes."""
    hang: bool = False
    outside: list[str] = field(default_factory=list)
    leaked: bool = False
    lost: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return make


def _all(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        for step in steps:
            step(root)

    return make


def _word(document: bytes) -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = document if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, body)
    return out.getvalue()


def _word_body(body: bytes) -> bytes:
    return _word(f"<w:document {W_NS}><w:body>".encode() + body + b"</w:body></w:document>")


def _zip_header(data: bytes, name: str, *, flags: int = 0, method: int | None = None) -> bytes:
    import re
    import struct

    raw = bytearray(data)
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(name).header_offset
    central = next(
        m.start()
        for m in re.finditer(rb"PK\x01\x02", data)
        if data[m.start() + 46 : m.start() + 46 + len(name)] == name.encode()
    )
    if flags:
        struct.pack_into("<H", raw, local + 6, flags)
        struct.pack_into("<H", raw, central + 8, flags)
    if method is not None:
        struct.pack_into("<H", raw, local + 8, method)
        struct.pack_into("<H", raw, central + 10, method)
    return bytes(raw)


def _zip_bomb(name: str, size: int) -> Callable[[Path], None]:
    """A Word file whose document.xml inflates to `size` bytes, streamed (never in memory)."""

    def make(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", b"<Types/>")
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(f"<w:document {W_NS}><w:body>".encode())
                chunk = b" " * (1 << 20)
                for _ in range(size >> 20):
                    member.write(chunk)
                member.write(b"</w:body></w:document>")

    return make


def _raw_pdf(kids: list[str], count: int, extra: dict[int, bytes] | None = None) -> bytes:
    """A PDF written by hand: a page tree root with `kids` declaring `count` pages."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode(),
    }
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
    highest = max([int(k.split()[0]) for k in kids] + list(extra or {}) + [2])
    for number in range(3, highest + 1):
        objects[number] = (extra or {}).get(number, page)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for number in sorted(objects):
        out.write(f"{offsets[number]:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.getvalue() + trailer.encode()


def _text_pdf(content: bytes, *, encrypt: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt:
        writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _flate_pdf(size: int, operators: bytes = b"") -> bytes:
    import zlib

    content = zlib.compress(
        b"BT /F1 12 Tf (Data Engineer) Tj " + operators + b"ET " + b" " * size, 9
    )
    stream = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"
    return _raw_pdf(["3 0 R"], 1, {3: page, 4: stream + content + b"\nendstream"})


def _fifo(name: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)

    return make


def _template(body: str, name: str = "letter/classic.md.j2") -> Callable[[Path], None]:
    return _write(f"tpl/{name}", body.encode())


def _secret_link(link: str, *, folder: bool = False) -> Callable[[Path], None]:
    """A template (or a whole kind folder) in tpl/ that is a link to a file outside it."""

    def make(root: Path) -> None:
        secret = root / "outside" / "letter"
        secret.mkdir(parents=True, exist_ok=True)
        (secret / "classic.md.j2").write_text(f"{SECRET} {{{{ applicant.name }}}}\n")
        (secret / "classic.docx").write_bytes(_word_body(
            f"<w:p><w:r><w:t>{SECRET}</w:t></w:r></w:p>".encode()))  # fmt: skip
        path = root / "tpl" / link
        path.parent.mkdir(parents=True, exist_ok=True)
        target = secret if folder else secret / Path(link).name
        path.symlink_to(target, target_is_directory=folder)

    return make


def _claiming_template(root: Path) -> None:
    from tailor.render.templates import builtin_dir

    source = (builtin_dir() / "letter" / "classic.md.j2").read_text(encoding="utf-8")
    _template(source + "P.S. You can find me at 1377 Main Street.\n")(root)


def _latin1_name(root: Path) -> None:
    name = os.fsdecode(os.fsencode(root / "in") + b"/caf\xe9.txt")  # not UTF-8: a surrogate
    (root / "in").mkdir(exist_ok=True)
    Path(name).write_bytes(EXAMPLE_POSTING.read_bytes())


def _dense(lines: int) -> bytes:
    """Requirement lines of 70 skill words each: as much analysis work as text can ask."""
    rng = random.Random(1)
    words = ["python", "sql", "docker", "kubernetes", "data", "engineer", "experience", "years",
             "team", "build", "pipelines", "machine", "learning", "cloud", "aws", "azure", "spark",
             "airflow", "java", "scala", "rust", "testing"]  # fmt: skip
    body = "\n".join("- " + " ".join(rng.choice(words) for _ in range(70)) for _ in range(lines))
    return f"Data Engineer\n\nRequirements:\n{body}\n".encode()


def _sandbox_letter(posting: str, *extra: str) -> list[str]:
    return ["letter", posting, "--profile", str(EXAMPLE_PROFILE), "--out", "{out}",
            "--format", "md", *extra]  # fmt: skip


def issue17_cases() -> list[CliCase]:
    """Classes 1, 2, 3 and 6 of #17 (4 and 5, bulk and faults: `bulk_cases`)."""
    posting = str(EXAMPLE_POSTING)
    plain = _word_body(b"<w:p><w:r><w:t>Data Engineer. We need Python and SQL.</w:t></w:r></w:p>")
    loop = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + f"]><w:document {W_NS}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body>"
        "</w:document>".encode()
    )
    broken = {
        "malformed XML": _word(b"<w:document><w:body><w:p>"),
        "entity bomb": _word(loop),
        "300k-deep": _word(f"<w:document {W_NS}><w:body>".encode() + b"<w:p>" * 300_000),
        "encrypted entry": _zip_header(plain, "word/document.xml", flags=0x1),
        "compression 99": _zip_header(plain, "word/document.xml", method=99),
    }
    cases: list[CliCase] = []
    for label, data in broken.items():
        cases.append(CliCase("1", f"docx posting: {label}", _sandbox_letter("{root}/in/job.docx"),
                             2, _write("in/job.docx", data)))  # fmt: skip
    broken["16,000 templated paragraphs"] = _word_body(
        b"".join(b"<w:p><w:r><w:t>{{ applicant.name }} %d</w:t></w:r></w:p>" % i
                 for i in range(16_000)))  # fmt: skip
    for label in ("malformed XML", "entity bomb", "16,000 templated paragraphs"):
        docx_args = [*_sandbox_letter(posting, "--templates", "{root}/tpl")]
        docx_args[docx_args.index("md")] = "docx"
        build = _write("tpl/letter/classic.docx", broken[label])
        kind = "2" if label.startswith("16,000") else "1"
        cases.append(CliCase(kind, f"docx template: {label}: letter", docx_args, 2, build))
        check = ["templates", "check", "{root}/tpl/letter/classic.docx"]
        cases.append(CliCase(kind, f"docx template: {label}: templates check", check, 2, build))
    example = b"BT /F1 12 Tf 20 200 Td (Data Engineer. We need Python and SQL.) Tj ET"
    cases += [
        CliCase("1", "pdf: AES-256 without an AES library", _sandbox_letter("{root}/in/job.pdf"),
                2, _write("in/job.pdf", _text_pdf(example, encrypt=True)), prelude=NO_AES),
        CliCase("1", "pdf: [ x 100k in a content stream", _sandbox_letter("{root}/in/job.pdf"),
                2, _write("in/job.pdf", _text_pdf(example + b" " + b"[" * 100_000))),
        CliCase("1", "pdf: 300k-entry /Kids", _sandbox_letter("{root}/in/job.pdf"), 2,
                _write("in/job.pdf", _raw_pdf(["3 0 R"] * 300_000, 1))),
        CliCase("1", "pdf: 200 MB FlateDecode stream", _sandbox_letter("{root}/in/job.pdf"), 2,
                _write("in/job.pdf", _flate_pdf(200_000_000))),
        CliCase("1", "template: a literal number: letter",
                _sandbox_letter(posting, "--templates", "{root}/tpl"), 2, _claiming_template),
        CliCase("1", "template: a literal number: templates check",
                ["templates", "check", "{root}/tpl/letter/classic.md.j2"], 0, _claiming_template),
    ]  # fmt: skip
    for label in ("base64", "rot13", "hex", "zlib"):
        page = f'<html><head><meta charset="{label}"></head><body>{AD_HTML}</body></html>'
        cases.append(CliCase("1", f"html: <meta charset={label}>", ["analyze", "{root}/in/job.html"],
                             0, _write("in/job.html", page.encode()), wanted="Python"))  # fmt: skip

    varied = b"".join(f"<w:p><w:r><w:t>line {i}</w:t></w:r></w:p>".encode() for i in range(60_000))
    cases += [
        CliCase("2", "docx: zip bomb (1.1 GB of XML)", _sandbox_letter("{root}/in/job.docx"), 2,
                _zip_bomb("in/job.docx", 1_100_000_000)),
        CliCase("2", "docx: 300k empty paragraphs", _sandbox_letter("{root}/in/job.docx"), 2,
                _write("in/job.docx", _word_body(b"<w:p/>" * 300_000))),
        CliCase("2", "docx: 60k varied paragraphs", _sandbox_letter("{root}/in/job.docx"), 2,
                _write("in/job.docx", _word_body(varied))),
        CliCase("2", "pdf: 90k pages", _sandbox_letter("{root}/in/job.pdf"), 2,
                _write("in/job.pdf", _raw_pdf([f"{n} 0 R" for n in range(3, 90_003)], 90_000))),
        CliCase("2", "pdf: 1,000 pages under /Count 1", _sandbox_letter("{root}/in/job.pdf"), 2,
                _write("in/job.pdf", _raw_pdf([f"{n} 0 R" for n in range(3, 1_003)], 1))),
        CliCase("2", "docx: a table cell spanning 10^9 columns", ["analyze", "{root}/in/job.docx"],
                0, _write("in/job.docx", _word_body(
                    b"<w:p><w:r><w:t>Data Engineer, Python</w:t></w:r></w:p><w:tbl><w:tr><w:tc>"
                    b'<w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p><w:r><w:t>SQL</w:t>'
                    b"</w:r></w:p></w:tc></w:tr></w:tbl>")), wanted="Python"),
        CliCase("2", "pdf: 20 KB unpacking to 14 MB of operators", _sandbox_letter(
                "{root}/in/job.pdf"), 2, _write("in/job.pdf", _flate_pdf(0, b"(x) Tj " * 2_000_000))),
        CliCase("2", "html: 3M <br>", ["analyze", "{root}/in/job.html"], 2,
                _write("in/job.html", b"<html><body><p>Data</p>" + b"<br>" * 3_000_000)),
        CliCase("2", "analyze: 100k one-word lines", ["analyze", "{root}/in/job.txt"], 2,
                _write("in/job.txt", b"Python\n" * 100_000)),
        CliCase("2", "analyze: 100k distinct lines", ["analyze", "{root}/in/job.txt"], 2,
                _write("in/job.txt", b"".join(b"skill%d\n" % i for i in range(100_000)))),
        CliCase("2", "analyze: 990 KB of dense requirement lines", ["analyze", "{root}/in/job.txt"],
                2, _write("in/job.txt", _dense(1_960))),
        CliCase("2", "analyze: 29,600 words (just under the caps)", ["analyze", "{root}/in/job.txt"],
                0, _write("in/job.txt", _dense(420)), wanted="Python"),
        CliCase("2", "letter: 29,600 words (just under the caps)", _sandbox_letter(
                "{root}/in/job.txt"), 0, _write("in/job.txt", _dense(420))),
        CliCase("2", "--profile /dev/zero", _sandbox_letter(posting, "--profile", "/dev/zero"), 2),
        CliCase("2", "--profile a FIFO", _sandbox_letter(posting, "--profile", "{root}/in/me.yaml"),
                2, _fifo("in/me.yaml")),
        CliCase("2", "posting a FIFO", _sandbox_letter("{root}/in/job.txt"), 2, _fifo("in/job.txt")),
    ]  # fmt: skip
    templates = {
        "'ab' * 1e9": "{{ 'ab' * 1000000000 }}",
        "nested range(100000)": "{% for a in range(100000) %}{% for b in range(100000) %}x"
        "{% endfor %}{% endfor %}",
        "nested loops over a 1M list": "{% set l = [0] * 1000000 %}{% for a in l %}"
        "{% for b in l %}x{% endfor %}{% endfor %}",
        "a string doubled 40 times": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "ljust(1e9)": "{{ 'a'.ljust(1000000000) }}",
        "format width 1e9": "{{ '{:>999999999}'.format(1) }}",
        "printf width 1e9": "{{ '%0999999999d' % 1 }}",
        "replace that multiplies": "{{ ('a' * 1000000)|replace('', 'bbbbbbbbbb') }}",
        "tojson(indent=1e6)": "{{ ([0] * 1000000)|tojson(1000000) }}",
        "20 MB of output": "{% for i in range(10000) %}{{ 'x' * 999999 }}{% endfor %}",
        "endless recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "a 1 MB value in 300,000 % fields": "{{ ('%s' * 300000) % (('a' * 1000000,) * 300000) }}",
        "lipsum(1000000)": "{{ lipsum(1000000) }}",
    }
    for label, body in templates.items():
        cases.append(CliCase("2", f"template: {label}",
                             _sandbox_letter(posting, "--templates", "{root}/tpl"), 2,
                             _template(body)))  # fmt: skip

    huge = {
        "11 MB data URI": '<img src="data:image/png;base64,' + "A" * 11_000_000 + '">',
        "11 MB <script>": "<script>" + "x=1;" * 2_750_000 + "</script>",
        "11 MB <style>": "<style>" + "a{}" * 3_700_000 + "</style>",
        "11 MB unquoted data URI": "<img src=data:image/png;base64," + "A" * 11_000_000 + ">",
        "11 MB comment": "<!--" + "c" * 11_000_000 + "-->",
    }
    for label, before in huge.items():
        page = f"<html><body>{before}{AD_HTML}</body></html>".encode()
        cases.append(CliCase("3", f"html: {label} before the ad", ["analyze", "{root}/in/job.html"],
                             0, _write("in/job.html", page), wanted="Python"))  # fmt: skip
    ebcdic = f'<html><head><meta charset="cp037"></head><body>{AD_HTML}</body></html>'.encode()
    cases += [
        CliCase("3", "html: <meta charset=cp037> on ASCII", ["analyze", "{root}/in/job.html"], 0,
                _write("in/job.html", ebcdic), wanted="Python"),
        CliCase("3", "a Latin-1 file name: letter", _sandbox_letter("{root}/in/caf\udce9.txt"), 0,
                _latin1_name),
        CliCase("3", "a Latin-1 file name: analyze", ["analyze", "{root}/in/caf\udce9.txt"], 0,
                _latin1_name, wanted="Python"),
    ]  # fmt: skip

    docx_letter = _sandbox_letter(posting, "--templates", "{root}/tpl")
    docx_letter[docx_letter.index("md")] = "docx"
    cases += [
        CliCase("6", "template file linking out", _sandbox_letter(posting, "--templates",
                "{root}/tpl"), 2, _secret_link("letter/classic.md.j2")),
        CliCase("6", "template folder linking out", _sandbox_letter(posting, "--templates",
                "{root}/tpl"), 2, _secret_link("letter", folder=True)),
        CliCase("6", "docx template linking out", docx_letter, 2,
                _secret_link("letter/classic.docx")),
    ]  # fmt: skip
    return cases


# --------------------------------------------------------------------------- issue 17: bulk (4, 5)

ROLES = [("Data Engineer", "Acme"), ("ML Engineer", "Lumen"), ("Data Analyst", "Northwind"),
         ("NLP Engineer", "Globex")]  # fmt: skip
KILL_ONCE = (
    "import os, signal\n"
    "from tailor.compose import letter as _letter\n"
    "_compose, _marker = _letter.compose, os.environ['TAILOR_PEAK'] + '.killed'\n"
    "def _dies_once(prepared, options):\n"
    "    if prepared.company == 'Lumen' and not os.path.exists(_marker):\n"
    "        open(_marker, 'w').close()\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "    return _compose(prepared, options)\n"
    "_letter.compose = _dies_once\n"
)
"""SIGKILL of the pool worker tailoring one posting, once, as the OOM killer would
(the marker sits beside the sandbox: not an outside write)."""
FULL_DISK = (
    "import errno, os\n"
    "def _full(fd):\n"
    "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "os.fsync = _full\n"
)
"""A full disk, simulated without root: every fsync (the atomic writes of documents
and state, the manifest journal's close) fails with ENOSPC, in the run and in the
workers it forks."""
FILLS_MID_RUN = (
    "import errno, os\n"
    "_fsync, _calls = os.fsync, [0]\n"
    "def _fills(fd):\n"
    "    _calls[0] += 1\n"
    "    if _calls[0] > 12:\n"
    "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "    _fsync(fd)\n"
    "os.fsync = _fills\n"
)
"""The disk fills mid-run: the first 12 fsyncs of each process succeed (in a
--jobs 1 run, the first posting's documents), the rest fail with ENOSPC."""
READ_ONLY_CWD = (
    "import errno, os\n"
    "_cwd, _mkdir, _open = os.path.realpath(os.getcwd()), os.mkdir, os.open\n"
    "def _ro(path):\n"
    "    here = os.path.realpath(os.path.join(_cwd, os.fsdecode(path)))\n"
    "    if here == _cwd or here.startswith(_cwd + os.sep):\n"
    "        raise OSError(errno.EACCES, os.strerror(errno.EACCES), path)\n"
    "def _mk(path, *a, **k):\n"
    "    _ro(path)\n"
    "    return _mkdir(path, *a, **k)\n"
    "def _op(path, flags, *a, **k):\n"
    "    if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):\n"
    "        _ro(path)\n"
    "    return _open(path, flags, *a, **k)\n"
    "if os.geteuid() == 0:\n"
    "    os.mkdir, os.open = _mk, _op\n"
)
"""A read-only working folder: chmod 555 stops any user but root; as root (a
container), mkdir and open-for-writing under it fail with EACCES instead."""


def _posting(title: str, company: str, skill: str = "Kubernetes") -> bytes:
    return (f"---\ntitle: {title}\ncompany: {company}\n---\n{title} at {company}\n\n"
            f"Requirements:\n- Python and SQL\n- {skill}\n").encode()  # fmt: skip


def _postings(folder: str, skill: str = "Kubernetes", count: int = 2) -> Callable[[Path], None]:
    return _all(*(_write(f"{folder}/{n}.txt", _posting(title, company, skill))
                  for n, (title, company) in enumerate(ROLES[:count])))  # fmt: skip


def _bulk(*inputs: str, out: str = "{out}", jobs: str = "1") -> list[str]:
    return ["bulk", *inputs, "--profile", str(EXAMPLE_PROFILE), "--out", out, "--kind", "letter",
            "--format", "md", "--jobs", jobs]  # fmt: skip


def _manifest(root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The manifest's entries, and its lines that are not one JSON object each."""
    path = root / "out" / "manifest.jsonl"
    entries: list[dict[str, Any]] = []
    bad: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if isinstance(entry, dict):
            entries.append(entry)
        else:
            bad.append(line[:60])
    return entries, bad


Check = Callable[[Path, CliOutcome], list[tuple[str, str]]]


def _manifest_holds(*names: str, status: tuple[str, ...] = ("ok",)) -> Check:
    """Each posting file in `names` once in the manifest, its status one of `status` and
    its documents on disk (a rerun records an up-to-date posting as skipped)."""

    def check(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
        entries, bad = _manifest(root)
        found: list[tuple[str, str]] = [
            ("wrong", f"manifest line not an object: {b!r}") for b in bad
        ]
        inputs = [str(e.get("input", "")) for e in entries]
        for name in names:
            mine = [e for e in entries if str(e.get("input", "")).endswith(name)]
            if len(mine) != 1:
                found.append(
                    ("lost" if not mine else "wrong", f"{name}: {len(mine)} manifest entries")
                )
                continue
            if mine[0].get("status") not in status:
                found.append(("wrong", f"{name}: {mine[0].get('status')}, not {status}"))
            for output in mine[0].get("outputs") or []:
                if not (root / "out" / str(output)).is_file():
                    found.append(("lost", f"{name}: {output} missing"))
        if not names:
            found.append(("wrong", f"no postings named; manifest has {inputs}"))
        return found

    return check


def _same_twice(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    found = _manifest_holds("out/0.txt", "out/1.txt", status=("ok", "skipped"))(root, outcome)
    entries, _ = _manifest(root)
    folders = sorted(p.name for p in (root / "out").iterdir() if p.is_dir())
    if len(entries) != 2 or len(folders) != 2:
        junk = f"own outputs read as postings: {len(entries)} entries, folders {folders}"
        found.append(("wrong", junk))
    return found


def _twins_kept(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    names = [f"{side}/{n}.txt" for side in ("one", "two") for n in range(3)]
    found = _manifest_holds(*names)(root, outcome)
    entries, _ = _manifest(root)
    folders = [str(e.get("folder")) for e in entries]
    if len(set(folders)) != len(folders):
        found.append(("lost", f"two postings share a folder: {sorted(folders)}"))
    for entry in entries:  # each letter is its own posting's, not overwritten by the other run
        skill = "Kubernetes" if "/one/" in str(entry.get("input")) else "Tableau"
        for output in entry.get("outputs") or []:
            path = root / "out" / str(output)
            other = "Tableau" if skill == "Kubernetes" else "Kubernetes"
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            if other in text and skill not in text:
                found.append(
                    ("lost", f"{entry.get('input')}: {output} holds the other run's letter")
                )
    return found


def _manifest_consistent(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    entries, bad = _manifest(root)
    found = [("wrong", f"manifest line not an object: {b!r}") for b in bad]
    errors = [line for line in outcome.stderr.splitlines() if line.startswith("Error:")]
    if len(errors) != 1 or "No space left" not in errors[0]:
        found.append(("wrong", f"a full disk not reported in one line: {errors[:4]}"))
    for entry in entries:
        for output in entry.get("outputs") or []:
            if entry.get("status") == "ok" and not (root / "out" / str(output)).is_file():
                found.append(("lost", f"{entry.get('input')}: ok but {output} missing"))
    return found


def _disk_full(count: int) -> Check:
    """The manifest stays one entry a line, each posting in it once (ok with its documents,
    or failed), and the full disk is one `Error:` line."""

    def check(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
        names = [f"in/{n}.txt" for n in range(count)]
        return _manifest_consistent(root, outcome) + _manifest_holds(
            *names, status=("ok", "failed"))(root, outcome)  # fmt: skip

    return check


def _reports_bad_lines(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    found = _manifest_holds("in/0.txt", "in/1.txt", status=("ok", "skipped"))(root, outcome)
    reported = [n for n in range(3, 7) if f"manifest.jsonl:{n}: " in outcome.stderr]
    if reported != [3, 4, 5, 6]:
        found.append(("wrong", f"bad manifest lines 3 to 6, reported: {reported}"))
    return found


def _killed_once(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    found = _manifest_holds(*(f"in/{n}.txt" for n in range(4)))(root, outcome)
    if not (root.parent / f"{root.name}.peak.killed").exists():
        found.append(("wrong", "no worker was killed: the case tested nothing"))
    return found


def _untouched(root: Path, outcome: CliOutcome) -> list[tuple[str, str]]:
    if (root / "outside" / "log.jsonl").read_bytes() != b'{"mine": true}\n':
        return [("lost", "outside/log.jsonl changed")]
    return []


def _hand_edit(root: Path) -> None:
    path = root / "out" / "manifest.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    lines += [
        json.dumps({**first, "folder": ["x"]}),
        json.dumps({**first, "outputs": 5}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({**first, "id": {"a" * 50: [[[[[[[[[[[[{}]]]]]]]]]]]]}}),
        lines[-1],  # a good last line: the bad ones are not a kill's half-written append
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _outside_manifest(root: Path) -> None:
    (root / "outside" / "log.jsonl").write_bytes(b'{"mine": true}\n')
    (root / "out").mkdir()
    (root / "out" / "manifest.jsonl").symlink_to(root / "outside" / "log.jsonl")


def _read_only_cwd(root: Path) -> None:
    (root / "cwd").chmod(0o555)


def bulk_cases() -> list[CliCase]:
    """Class 4 (bulk and the manifest) and 5 (concurrency and faults) of #17."""
    one = _postings("in")
    return [
        CliCase("4", "bulk --out a-file/sub", _bulk("{root}/in", out="{root}/a-file/sub"), 2,
                _all(one, _write("a-file", b"a file, not a folder\n"))),
        CliCase("4", "bulk in a read-only working folder",
                [*_bulk("{root}/in", out="out")], 2, _all(one, _read_only_cwd),
                prelude=READ_ONLY_CWD),
        CliCase("4", "a FIFO named b.txt in a bulk folder", _bulk("{root}/in"), 0,
                _all(one, _fifo("in/b.txt")), check=_manifest_holds("in/0.txt", "in/1.txt")),
        CliCase("4", "stdin list: a NUL and a 5,000-character line", _bulk("-"), 1, one,
                stdin="{root}/in/0.txt\n{root}/in/x\x00y.txt\n" + "z" * 5_000 + "\n{root}/in/1.txt\n",
                check=_manifest_holds("in/0.txt", "in/1.txt")),
        CliCase("4", "bulk same --out same, twice", _bulk("{out}"), 0, _postings("out"),
                before=[_bulk("{out}")], check=_same_twice),
        CliCase("4", "hand-edited manifest lines, then a rerun", _bulk("{root}/in"), 0, one,
                before=[_bulk("{root}/in")], edit=_hand_edit, check=_reports_bad_lines),
        CliCase("4", "OUT/manifest.jsonl a symlink out of OUT", _bulk("{root}/in"), 2,
                _all(one, _outside_manifest), check=_untouched),
        CliCase("5", "two bulk runs into one OUT, same folders", _bulk("{root}/one"), 0,
                _all(_postings("one", "Kubernetes", 3), _postings("two", "Tableau", 3)),
                twin=_bulk("{root}/two"), check=_twins_kept),
        CliCase("5", "SIGKILL of a pool worker mid-run", _bulk("{root}/in", jobs="2"), 0,
                _postings("in", count=4), prelude=KILL_ONCE,
                check=_killed_once),
        CliCase("5", "a full disk during bulk (ENOSPC on fsync)", _bulk("{root}/in"), 2, one,
                prelude=FULL_DISK, check=_disk_full(2)),
        CliCase("5", "a disk that fills mid-run (ENOSPC after 12 fsyncs)",
                _bulk("{root}/in"), 2, _postings("in", count=4), prelude=FILLS_MID_RUN,
                check=_disk_full(4)),
    ]  # fmt: skip


def run_cli_case(case: CliCase, sandbox: Path, *, timeout: float) -> CliOutcome:
    root = Path(tempfile.mkdtemp(prefix="cli-", dir=sandbox))
    outcome = CliOutcome(case)
    try:
        for folder in ("in", "outside", "cwd"):
            (root / folder).mkdir(exist_ok=True)
        if case.build is not None:
            case.build(root)

        def fill(args: list[str]) -> list[str]:
            return [a.replace("{root}", str(root)).replace("{out}", str(root / "out"))
                    for a in args]  # fmt: skip

        code = (
            case.prelude + _PEAK + "import sys\nfrom tailor.cli.app import main\nsys.exit(main())\n"
        )
        for number, args in enumerate(case.before):
            earlier = CliOutcome(case)
            peak = root.parent / f"{root.name}.before{number}.peak"
            _run_process(earlier, [sys.executable, "-c", _PEAK + _MAIN, *fill(args)],
                         root / "cwd", timeout, peak)  # fmt: skip
        if case.edit is not None:
            case.edit(root)
        out = (root / "out").resolve()
        before = _snapshot(root, out)
        stdin = None if case.stdin is None else case.stdin.replace("{root}", str(root))
        command = [sys.executable, "-c", code, *fill(case.args)]
        peak = root.parent / f"{root.name}.peak"  # beside the sandbox: not an outside write
        if case.twin is None:
            _run_process(outcome, command, root / "cwd", timeout, peak, stdin)
        else:
            _run_twins(outcome, command, [sys.executable, "-c", code, *fill(case.twin)],
                       root, timeout)  # fmt: skip
        after = _snapshot(root, out)
        outcome.outside = sorted(
            str(Path(p).relative_to(root)) for p in set(after) | set(before)
            if after.get(p) != before.get(p)
        )  # fmt: skip
        written = [p.read_bytes() for p in out.rglob("*") if p.is_file()] if out.is_dir() else []
        outcome.leaked = SECRET in outcome.stdout or any(SECRET.encode() in w for w in written)
        if case.check is not None and not outcome.hang:
            for counter, what in case.check(root, outcome):
                (outcome.lost if counter == "lost" else outcome.wrong).append(what)
    finally:
        for path in (root, *root.rglob("*")):  # a case may have made a folder read-only
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    path.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)
    return outcome


def _run_twins(outcome: CliOutcome, first: list[str], second: list[str], root: Path,
               timeout: float) -> None:  # fmt: skip
    """Run two calls at once; the outcome is the worse of the two, with both outputs."""
    import threading

    other = CliOutcome(outcome.case)
    threads = [
        threading.Thread(
            target=_run_process,
            args=(o, c, root / "cwd", timeout, root.parent / f"{root.name}.{n}.peak"),
        )
        for n, (o, c) in enumerate(((outcome, first), (other, second)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = max(outcome.seconds, other.seconds)
    outcome.peak = max(outcome.peak, other.peak)
    outcome.hang = outcome.hang or other.hang
    if other.exit != outcome.case.expect:
        outcome.exit = other.exit
    outcome.stdout += other.stdout
    outcome.stderr += other.stderr


_MAIN = "import sys\nfrom tailor.cli.app import main\nsys.exit(main())\n"


_PEAK = (
    "import atexit, os, resource\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as s, open(os.environ['TAILOR_PEAK'], 'w') as o:\n"
    "        o.write(s.read())\n"
    "        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "        o.write(f'ChildHWM: {kids} kB\\n')\n"
    "if os.path.exists('/proc/self/status'): atexit.register(_peak)\n"
)
"""The child writes its own /proc status at exit: VmHWM is the peak of the child's
own memory since exec (ru_maxrss from wait4 would also count the benchmark's pages
the child held between fork and exec). ChildHWM is the largest of the processes it
waited for (bulk's pool workers): the figure reported is the larger of the two, the
peak of any one process of the call."""


def _run_process(
    outcome: CliOutcome,
    command: list[str],
    cwd: Path,
    timeout: float,
    peak: Path,
    stdin: str | None = None,
) -> None:
    """Run `command`, collecting its output and its peak memory (VmHWM, else wait4's)."""
    import subprocess
    import threading

    env = {**os.environ, "TAILOR_PEAK": str(peak), "PYTHONPATH": os.pathsep.join(filter(None, [
        str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(
        [os.fsencode(c) for c in command], cwd=cwd, env=env,
        stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True)
               for n, s in (("out", process.stdout), ("err", process.stderr))]  # fmt: skip
    for reader in readers:
        reader.start()
    if stdin is not None and process.stdin is not None:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(os.fsencode(stdin))
        process.stdin.close()
    timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    outcome.seconds = time.perf_counter() - started
    outcome.peak = usage.ru_maxrss * 1024
    if peak.is_file():
        marks = [int(line.split()[1]) * 1024 for line in peak.read_text().splitlines()
                 if line.startswith(("VmHWM:", "ChildHWM:"))]  # fmt: skip
        outcome.peak = max(marks, default=outcome.peak)
    outcome.hang = os.WIFSIGNALED(status) and outcome.seconds >= timeout
    outcome.exit = None if outcome.hang else process.returncode
    outcome.stdout = chunks.get("out", b"").decode("utf-8", "replace")
    outcome.stderr = chunks.get("err", b"").decode("utf-8", "replace")


def report_issue17(outcomes: list[CliOutcome], seconds: float, timeout: float) -> int:
    """The #17 counters (each must be 0), then the worst time and peak memory per class."""
    slow_limit, memory_limit = 20.0, 1024**3
    tracebacks = [o for o in outcomes if "Traceback (most recent call last)" in o.stderr]
    bad_exits = [o for o in outcomes if not o.hang and o.exit != o.case.expect]
    over = [o for o in outcomes if o.seconds > slow_limit or o.peak > memory_limit]
    hangs = [o for o in outcomes if o.hang]
    outside = [o for o in outcomes if o.outside]
    leaked = [o for o in outcomes if o.leaked]
    wrong = [o for o in outcomes
             if (o.case.wanted and o.case.wanted not in o.stdout) or o.wrong]  # fmt: skip
    lost = [o for o in outcomes if o.lost]
    print(f"\nissue 17 (classes 1 to 6): {len(outcomes)} CLI calls, each its own process, "
          f"in {seconds:.0f} s (hang = killed after {timeout:g} s)")  # fmt: skip
    rows = [
        ("tracebacks", tracebacks),
        ("bad exits (not the exit code a correct tailor gives)", bad_exits),
        ("over 20 s or 1 GiB", over),
        ("hangs", hangs),
        ("writes outside the output folder", outside),
        ("leaked (a file outside the templates folder in an output)", leaked),
        ("lost (a document or manifest entry that should exist)", lost),
        ("wrong results (the posting's text missing, a bad manifest)", wrong),
    ]
    for label, found in rows:
        print(f"  {label:<60} {len(found):>4}   must be 0")
    names = {"1": "1 tracebacks", "2": "2 unbounded work", "3": "3 wrong results",
             "4": "4 bulk, manifest", "5": "5 concurrency, faults", "6": "6 leaks"}  # fmt: skip
    print(f"  {'class':<22} {'cases':>5} {'worst time':>11} {'peak memory':>12}   worst case")
    for kind, label in names.items():
        mine = [o for o in outcomes if o.case.kind == kind]
        if not mine:
            continue
        slowest = max(mine, key=lambda o: o.seconds)
        hungriest = max(mine, key=lambda o: o.peak)
        print(f"  {label:<22} {len(mine):>5} {slowest.seconds:>9.1f} s {hungriest.peak / MIB:>8.0f} MiB"
              f"   {slowest.case.name} / {hungriest.case.name}")  # fmt: skip
    problems = []
    for label, found in rows:
        for o in found:
            detail = [*o.lost, *o.wrong][:1] or o.stderr.strip().splitlines()[-1:] or [""]
            problems.append(f"{label.split(' (')[0]}: [{o.case.kind}] {o.case.name}: exit {o.exit}, "
                            f"{o.seconds:.1f} s, {o.peak / MIB:.0f} MiB {detail[0][:160]!r}")  # fmt: skip
    if problems:
        print("problems:")
        for line in problems:
            print(f"  {line}")
    return 1 if problems else 0


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
    parser.add_argument(
        "--suite",
        choices=["all", "inputs", "issue17"],
        default="all",
        help="inputs: the forked in-process corpus; issue17: the #17 classes as CLI processes",
    )
    parser.add_argument(
        "--cli-timeout", type=float, default=60, help="seconds before a CLI process is a hang"
    )
    args = parser.parse_args()

    cases = (
        posting_cases()
        + name_cases()
        + profile_cases()
        + output_cases()
        + fuzz_cases(args.fuzz, args.seed)
    )
    cases = [c for c in cases if args.only in c.name] if args.suite != "issue17" else []
    cli_cases = (
        [c for c in issue17_cases() + bulk_cases() if args.only in c.name]
        if args.suite != "inputs"
        else []
    )
    if args.list:
        for case in cases:
            print(case.name)
        for cli_case in cli_cases:
            print(f"issue17/{cli_case.kind}/{cli_case.name}")
        return 0
    status = run_issue17(cli_cases, args.cli_timeout) if cli_cases else 0
    if not cases:
        return status

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
    return max(status, report(outcomes, time.perf_counter() - started, args))


def run_issue17(cases: list[CliCase], timeout: float) -> int:
    started = time.perf_counter()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="tailor-issue17-") as temp:
        for number, case in enumerate(cases, 1):
            if sys.stderr.isatty():
                print(f"\r{number}/{len(cases)} {case.name[:60]:<60}", end="", file=sys.stderr)
            outcomes.append(run_cli_case(case, Path(temp), timeout=timeout))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return report_issue17(outcomes, time.perf_counter() - started, timeout)


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
