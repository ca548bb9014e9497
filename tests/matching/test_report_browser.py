"""report.html in a real browser (Debian's headless `chromium`; skipped when absent).

Checked structurally, never pixel by pixel: the screenshot has the asked width, the
page never scrolls sideways on a phone, every requirement line's label is drawn,
the evidence sits beside the lines on a wide screen and behind a tap on a phone,
and no script of a hostile posting runs. The numbers come from a small probe script
added to a test copy of the page (the report itself has none) that posts them to a
parent page, whose DOM `--dump-dom` prints: a parent, because headless chromium's
window is at least 500 px wide, and an iframe can be any width.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from tailor.cli.app import cli

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / "postings" / "nlp-engineer-lumen.txt"
PROFILE = ROOT / "profiles" / "example.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs a headless chromium (Debian: apt-get install chromium)"
)

PROBE = """<script>
(() => {
  const shown = (selector) =>
    [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility()).length;
  parent.postMessage({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: innerWidth,
    labels: shown(".row .lab"),
    evidence: shown(".row details > ul, .row details > p.none"),
    scripts: document.scripts.length,
    pwned: document.body.dataset.pwned || null,
  }, "*");
})();
</script>
"""
FRAME = """<!DOCTYPE html>
<html><body>
<script>addEventListener("message", (e) => { document.body.dataset.result = JSON.stringify(e.data); });</script>
<iframe src="probed.html" style="width: WIDTHpx; height: 3000px; border: 0"></iframe>
</body></html>
"""
LONG_URL = "https://example.com/" + "a" * 300
HOSTILE_POSTING = f"""Data Engineer <script>document.body.dataset.pwned = "title"</script>
Acme Analytics <img src=missing.png onerror="document.body.dataset.pwned = 'img'">

Requirements:
- 3+ years of Python and SQL <script>document.body.dataset.pwned = "line"</script>
- Experience with Docker, see {LONG_URL}
- {"Supercalifragilistic" * 12}

Apply at {LONG_URL}
"""


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless chromium run, offline and in its own throw-away profile."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",  # root in CI containers; the pages are the test's own
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def write_report(posting: Path, target: Path) -> Path:
    args = ["analyze", str(posting), "-p", str(PROFILE), "--html", str(target)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(POSTING, tmp_path_factory.mktemp("example") / "report.html")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    posting = folder / "posting.txt"
    posting.write_text(HOSTILE_POSTING, encoding="utf-8")
    return write_report(posting, folder / "report.html")


def probe(report: Path, width: int, tmp_path: Path) -> dict[str, object]:
    """What the page looks like laid out `width` CSS pixels wide (see the module docstring)."""
    page = report.read_text(encoding="utf-8")
    assert page.count("</body>") == 1
    (tmp_path / "probed.html").write_text(page.replace("</body>", PROBE + "</body>"), "utf-8")
    (tmp_path / "frame.html").write_text(FRAME.replace("WIDTH", str(width)), "utf-8")
    done = chromium(
        tmp_path / "profile",
        "--window-size=1400,3000",
        "--virtual-time-budget=5000",
        "--dump-dom",
        (tmp_path / "frame.html").as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    body = lxml.html.document_fromstring(done.stdout).find(".//body")
    assert body is not None
    assert body.get("data-result"), done.stderr[-2000:]
    result: dict[str, object] = json.loads(body.get("data-result"))
    return result


def labels_in(report: Path) -> int:
    page = lxml.html.document_fromstring(report.read_bytes())
    return sum(len(row.find_class("lab")) for row in page.find_class("row"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshot_has_the_asked_size(example: Path, tmp_path: Path, width: int) -> None:
    shot = tmp_path / "shot.png"
    done = chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        f"--window-size={width},2000",
        example.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert png_size(shot) == (width, 2000)
    assert shot.stat().st_size > 20_000  # drawn, not blank


def test_on_a_phone_every_line_is_labelled_and_nothing_scrolls_sideways(
    example: Path, tmp_path: Path
) -> None:
    seen = probe(example, 390, tmp_path)
    assert seen["innerWidth"] == 390
    assert seen["scrollWidth"] == 390
    assert seen["labels"] == labels_in(example) == 19
    assert seen["evidence"] == 0  # behind a tap
    assert seen["scripts"] == 1  # the probe's own


def test_on_a_wide_screen_the_evidence_is_beside_each_line(example: Path, tmp_path: Path) -> None:
    seen = probe(example, 1280, tmp_path)
    assert seen["innerWidth"] == 1280
    assert seen["scrollWidth"] == 1280
    assert seen["labels"] == 19
    assert seen["evidence"] == 19


def test_a_hostile_posting_runs_nothing_and_long_words_wrap(hostile: Path, tmp_path: Path) -> None:
    seen = probe(hostile, 390, tmp_path)
    assert seen["scripts"] == 1
    assert seen["pwned"] is None
    assert seen["scrollWidth"] == seen["innerWidth"] == 390
    assert seen["labels"] == labels_in(hostile) >= 2
