"""A DOCX template opened once per process and rendered many times, written reproducibly.

docxtpl re-opens its template for every render (python-docx parses every part,
the built-in templates' 350 KB styles.xml included), patches the body XML with
the same regexes each time, then python-docx zips the result, which tailor
used to unzip and zip again with fixed dates. A bulk run renders the same few
templates thousands of times, so here:

- each template is opened once (`opened`, keyed by a digest of its bytes);
- before each render, the parts docxtpl changes are put back as they were
  opened: the document body, the header and footer parts, the core
  properties and the footnotes (`_Pristine`);
- `patch_xml` is remembered per input (it is a pure function of the XML);
- the package is zipped once, with fixed dates (`package_bytes`).

The bytes are the same as a fresh `DocxTemplate(...).render(...).save(...)`
rezipped with fixed dates: `tests/render/test_docx_template.py` checks that for
every built-in template, rendered several times in a row.
"""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docxtpl import DocxTemplate

from tailor.limits import MAX_TEMPLATE_ELEMENTS, check_zip, too_many_elements
from tailor.render.docx_bytes import FIXED_DATE
from tailor.render.templates import read_template

MAX_OPEN = 16
"""Templates kept open per process (a run uses a few: one per kind and format)."""
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FILE_MODE = 0o600 << 16
"""The mode zipfile gives a member written by name, as python-docx writes them."""


@dataclass
class _Pristine:
    """What rendering changes in an opened template, as it was before the first render."""

    body: Any
    targets: dict[str, Any]
    """Header and footer relationships -> the parts they pointed to."""
    core: Any
    footnotes: dict[Any, bytes]

    @classmethod
    def take(cls, document: Any) -> _Pristine:
        part = document.part
        targets = {
            key: rel._target
            for key, rel in part.rels.items()
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external
        }
        core = part.package._core_properties_part._element
        footnotes = {
            p: p._blob
            for p in part.package.parts
            if p.content_type == _FOOTNOTES and hasattr(p, "_blob")
        }
        return cls(copy.deepcopy(document.element.body), targets, copy.deepcopy(core), footnotes)

    def restore(self, document: Any) -> None:
        """Undo a render: docxtpl replaces the body, points header and footer
        relationships at new parts, sets core properties and footnote blobs."""
        part = document.part
        root = document.element
        root.replace(root.body, copy.deepcopy(self.body))
        for key, target in self.targets.items():
            part.rels[key]._target = target
        part.package._core_properties_part._element = copy.deepcopy(self.core)
        for footnotes, blob in self.footnotes.items():
            footnotes._blob = blob


# docxtpl is untyped: its class is Any to mypy.
class ReusableTemplate(DocxTemplate):  # type: ignore[misc]
    """A `DocxTemplate` that opens its file once and starts every render from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        super().init_docx()
        self._pristine = _Pristine.take(self.docx)
        self._patched: dict[str, str] = {}
        package = self.docx.part.package
        changing = {self.docx.part, package._core_properties_part, *self._pristine.footnotes}
        # Every other part of the file as opened (styles, theme, numbering, the header
        # and footer parts docxtpl reads but replaces) is the same after any render:
        # serialised once. Parts a render creates are new objects, never found here.
        self._frozen = [part for part in package.parts if part not in changing]
        """Kept alive, so that no part a render creates can take one of their ids."""
        self._frozen_ids = {id(part) for part in self._frozen}
        self._blobs: dict[int, bytes] = {}

    def init_docx(self, reload: bool = True) -> None:
        """Never re-open: `render` restores the opened template instead."""

    def render(
        self, context: dict[str, Any], jinja_env: Any = None, autoescape: bool = False
    ) -> None:
        self._pristine.restore(self.docx)
        self.is_rendered = False
        super().render(context, jinja_env=jinja_env, autoescape=autoescape)

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched

    def package_bytes(self) -> bytes:
        """The rendered document as a .docx, every member dated `FIXED_DATE`, in the
        order and with the contents python-docx's own `save` writes."""
        package = self.docx.part.package
        parts = list(package.parts)
        for part in parts:
            part.before_marshal()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            writer = _FixedDates(archive)
            PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
            PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
            for part in parts:  # as PackageWriter._write_parts, with the frozen blobs
                writer.write(part.partname, self._blob(part))
                if len(part.rels):
                    writer.write(part.partname.rels_uri, part.rels.xml)
        return out.getvalue()

    def _blob(self, part: Any) -> bytes:
        if id(part) not in self._frozen_ids:
            blob: bytes = part.blob
            return blob
        if id(part) not in self._blobs:
            self._blobs[id(part)] = part.blob
        return self._blobs[id(part)]


_opened: OrderedDict[bytes, ReusableTemplate] = OrderedDict()
TOO_MANY_ELEMENTS = (
    f"over {MAX_TEMPLATE_ELEMENTS:,} elements in its body; a template needs far fewer"
)


def opened(template: Path, refuse: Callable[[str], Exception]) -> ReusableTemplate:
    """The template file, opened once per process for each content it has: keyed by a
    digest of its bytes (a few kilobytes to read), so an edit is never missed. A file
    past `tailor.limits` is refused with `refuse(reason)` before it is parsed."""
    data = read_template(template)
    key = hashlib.blake2b(data, digest_size=16).digest()
    found = _opened.get(key)
    if found is None:
        check_zip(data, refuse)
        found = ReusableTemplate(data)
        if too_many_elements(found.docx.element, MAX_TEMPLATE_ELEMENTS):
            raise refuse(TOO_MANY_ELEMENTS)
        _opened[key] = found
        while len(_opened) > MAX_OPEN:
            _opened.popitem(last=False)
    _opened.move_to_end(key)
    return found


class _FixedDates:
    """python-docx's physical package writer interface, writing members with fixed dates."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = _FILE_MODE
        self.archive.writestr(info, blob)
