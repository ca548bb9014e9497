"""DOCX bytes as tailor reads them back: their body text, and the zip date tailor writes.

Light on purpose (zipfile and regexes, no python-docx): the grounding guard and
the provenance sidecar read every DOCX tailor writes.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_TEXT_RUN = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp, so that the same input gives the same bytes."""


def docx_text(data: bytes) -> str:
    """The body text of a DOCX, one paragraph a line (cheaper than opening it with python-docx)."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    lines = [
        b"".join(_TEXT_RUN.findall(paragraph)).decode("utf-8")
        for paragraph in _PARAGRAPH.findall(xml)
    ]
    return html.unescape("\n".join(lines))
