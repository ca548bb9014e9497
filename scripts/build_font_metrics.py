"""Build `src/tailor/resources/font_metrics.json`: character widths of common fonts.

Why: `tailor resume --pages 1` must choose what fits on a page without a word
processor. `tailor.fitting.layout` wraps each paragraph the way Word and LibreOffice
do, and for that it needs each character's advance width and the font's line
height. The figures are read from metric-compatible open fonts (Carlito for
Calibri, Liberation for Arial / Times New Roman / Courier New, DejaVu), so the
estimate matches what LibreOffice draws and what Word draws with the original
fonts. Only numbers are shipped, no font data.

Fonts (all free licences; metrics are facts, not font software):
Carlito (SIL OFL 1.1, Google / tyPoland), Liberation 2 (SIL OFL 1.1, Red Hat),
DejaVu (Bitstream Vera licence).

Needs `fontTools` (a build-time tool only: `pip install fonttools`) and the
fonts (`apt-get install fonts-crosextra-carlito fonts-liberation2 fonts-dejavu-core`).

Usage:
    python scripts/build_font_metrics.py [--fonts /usr/share/fonts/truetype]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tailor" / "resources" / "font_metrics.json"

# family in the metrics file -> (regular file, bold file) under --fonts
FAMILIES: dict[str, tuple[str, str]] = {
    "carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    "liberation sans": (
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
    ),
    "liberation serif": (
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
    ),
    "liberation mono": (
        "liberation2/LiberationMono-Regular.ttf",
        "liberation2/LiberationMono-Bold.ttf",
    ),
    "dejavu sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
}

# The names templates use -> the family whose metrics they share.
ALIASES: dict[str, str] = {
    "calibri": "carlito",
    "arial": "liberation sans",
    "helvetica": "liberation sans",
    "times new roman": "liberation serif",
    "times": "liberation serif",
    "courier new": "liberation mono",
    "dejavu sans": "dejavu sans",
    "verdana": "dejavu sans",
}

# Printable ASCII, Latin-1 and the punctuation tailor and profiles use.
CHARS = (
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x180)]
    + list("–—‘’“”•·…€™←→✓")
)


def _widths(path: Path) -> tuple[dict[str, float], float]:
    font = TTFont(path)
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {}
    for char in CHARS:
        glyph = cmap.get(ord(char))
        if glyph is not None:
            widths[char] = round(hmtx[glyph][0] / upm, 4)
    hhea = font["hhea"]
    line = (hhea.ascent - hhea.descent + hhea.lineGap) / upm
    return widths, round(line, 4)


def build(fonts: Path) -> dict[str, object]:
    families: dict[str, object] = {}
    for family, (regular, bold) in FAMILIES.items():
        normal_widths, line = _widths(fonts / regular)
        bold_widths, _ = _widths(fonts / bold)
        families[family] = {"line": line, "regular": normal_widths, "bold": bold_widths}
    return {
        "about": "Advance widths (em) and line height (em) of metric-compatible open fonts; "
        "built by scripts/build_font_metrics.py.",
        "aliases": ALIASES,
        "default": "liberation sans",
        "families": families,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", type=Path, default=Path("/usr/share/fonts/truetype"))
    args = parser.parse_args()
    data = build(args.fonts)
    OUT.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
