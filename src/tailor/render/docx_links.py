"""Web addresses in a rendered DOCX made into links, their readable text kept.

Templates show an address as a reader wants it ("github.com/ada", see
`context.readable_url`); the link behind it must still go to the full address, in
Word and in the PDF LibreOffice makes of it. docxtpl can only insert links through
RichText values, which templates users edit could not filter or join, so the
rendered document is post-processed instead: every run holding the readable form
of an address the context names is split around it, and that part is wrapped in a
`w:hyperlink` to the address. The run's formatting is kept, so the page looks the
same; only the link is added.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from lxml import etree

from tailor.render.context import readable_url


def context_urls(context: Any) -> list[str]:
    """Every web address (`url` field) in a template context, in order, once each."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key == "url" and isinstance(item, str) and item.startswith(("http", "HTTP")):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(context.model_dump() if hasattr(context, "model_dump") else context)
    return list(dict.fromkeys(found))


def link_urls(data: bytes, urls: Iterable[str]) -> bytes:
    """`data` (a DOCX) with each readable form of `urls` in its body made a link.

    Only the body and its relationships are rewritten; every other member of the
    package is copied as it is, with its date, so the output is as reproducible as
    the input (the same bytes for the same document).
    """
    shown = {readable_url(url): url for url in urls if readable_url(url)}
    if not shown:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        body = etree.fromstring(package.read(_BODY), parser=_PARSER)
        rels = etree.fromstring(package.read(_RELS), parser=_PARSER)
        contents = {info.filename: package.read(info) for info in members}
    # Longest first: "a.com/x/y" must not be taken for the "a.com/x" it contains.
    texts = sorted(shown, key=len, reverse=True)
    relate = _Relations(rels)
    changed = False
    for run in list(body.iter(qn("w:r"))):
        if run.getparent() is None or run.getparent().tag == qn("w:hyperlink"):
            continue
        changed |= _link_run(run, texts, shown, relate)
    if not changed:
        return data
    contents[_BODY] = etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True)
    contents[_RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in members:
            package.writestr(info, contents[info.filename])
    return out.getvalue()


_BODY = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


class _Relations:
    """The body's relationships, to which external links are added."""

    def __init__(self, rels: Any) -> None:
        self.rels = rels
        taken = [r.get("Id", "") for r in rels]
        numbers = [int(i[3:]) for i in taken if i.startswith("rId") and i[3:].isdigit()]
        self.next = max(numbers, default=0) + 1
        self.made: dict[str, str] = {}

    def link(self, url: str) -> str:
        if url not in self.made:
            rid = f"rId{self.next}"
            self.next += 1
            etree.SubElement(
                self.rels,
                f"{{{_PACKAGE_RELS}}}Relationship",
                Id=rid,
                Type=RELATIONSHIP_TYPE.HYPERLINK,
                Target=url,
                TargetMode="External",
            )
            self.made[url] = rid
        return self.made[url]


def _link_run(run: Any, texts: list[str], shown: dict[str, str], relate: _Relations) -> bool:
    """Split `run` around the first address it shows, link that part, and go on with
    the rest; False when it shows none (or holds more than plain text)."""
    children = [c for c in run if c.tag != qn("w:rPr")]
    if len(children) != 1 or children[0].tag != qn("w:t"):
        return False  # tabs, breaks, fields: not touched
    text = children[0].text or ""
    hit = min(
        ((text.find(t), t) for t in texts if t in text),
        default=None,
        key=lambda found: (found[0], -len(found[1])),
    )
    if hit is None:
        return False
    start, shown_text = hit
    before, after = text[:start], text[start + len(shown_text) :]
    parent = run.getparent()
    position = parent.index(run)
    pieces = []
    if before:
        pieces.append(_copy(run, before))
    link = etree.Element(qn("w:hyperlink"))
    link.set(qn("r:id"), relate.link(shown[shown_text]))
    link.append(_unbroken(_copy(run, shown_text)))
    pieces.append(link)
    rest = _copy(run, after) if after else None
    if rest is not None:
        pieces.append(rest)
    parent.remove(run)
    for offset, piece in enumerate(pieces):
        parent.insert(position + offset, piece)
    if rest is not None:
        _link_run(rest, texts, shown, relate)
    return True


def _unbroken(run: Any) -> Any:
    """`run` (one `w:t`) with each hyphen a `w:noBreakHyphen`: an address such as
    "nmc-register.example.org/check" moves to the next line whole instead of ending a
    line at "nmc-", which reads as a word broken by hyphenation. Word, LibreOffice and
    python-docx all read the element as a hyphen, so the text an ATS extracts is the
    same."""
    text_element = run.find(qn("w:t"))
    pieces = (text_element.text or "").split("-")
    if len(pieces) == 1:
        return run
    run.remove(text_element)
    for number, piece in enumerate(pieces):
        if number:
            etree.SubElement(run, qn("w:noBreakHyphen"))
        if piece:
            t = etree.SubElement(run, qn("w:t"))
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _copy(run: Any, text: str) -> Any:
    """A run with `run`'s formatting and `text`."""
    new = etree.Element(qn("w:r"))
    properties = run.find(qn("w:rPr"))
    if properties is not None:
        new.append(copy.deepcopy(properties))
    t = etree.SubElement(new, qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new
