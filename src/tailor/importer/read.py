"""A file -> a Draft: the format told by its bytes and name, its size bounded,
and every refusal one clear line (nothing is written when the import refuses).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tailor.errors import ProfileError
from tailor.importer.draft import Draft
from tailor.limits import check_zip, read_limited

MAX_IMPORT_BYTES = 20 * 1024 * 1024
"""A résumé PDF or DOCX with a photo is a few MB; a LinkedIn export without
messages is well under this."""
MAX_TEXT_BYTES = 1024 * 1024
"""A résumé as text is tens of KB."""
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
FORMATS = "a .pdf, .docx, .txt or .md résumé, a LinkedIn export .zip or a JSON Resume .json"


@dataclass
class Result:
    yaml_text: str
    draft: Draft | None = None
    """None for a JSON Resume import, which keeps its own notes."""
    notes: list[str] = field(default_factory=list)


def import_file(path: Path) -> Result:
    """The draft profile YAML for `path`; raises ProfileError (one line) when it cannot."""
    name = str(path)
    if not path.is_file():
        what = "is a folder; name a file" if path.is_dir() else "file not found; check the path"
        raise ProfileError.at(name, None, what)
    suffix = path.suffix.lower()
    if suffix == ".json":
        from tailor.profile.jsonresume import read_json_resume

        imported = read_json_resume(path)
        return Result(imported.yaml_text, None, imported.notes)
    limit = MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_IMPORT_BYTES
    try:
        data = read_limited(path, limit)
    except OSError as exc:
        raise ProfileError.at(name, None, f"cannot read: {exc.strerror or exc}") from None
    if data is None:
        raise ProfileError.at(
            name, None, f"is larger than {limit // (1024 * 1024)} MB; a résumé is far smaller"
        )
    draft = _draft(data, suffix, name)
    from tailor.importer.build import NotAResume, make_valid, require_resume
    from tailor.importer.yaml_writer import draft_yaml

    try:
        require_resume(draft)
    except NotAResume as exc:
        raise ProfileError.at(name, None, str(exc)) from None
    make_valid(draft)
    from tailor.importer.skill_links import link_skills

    draft.linked = link_skills(draft)
    return Result(draft_yaml(draft), draft)


def _draft(data: bytes, suffix: str, name: str) -> Draft:
    from tailor.importer.build import build_draft

    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        from tailor.importer.pdf_lines import Refused, pdf_lines

        try:
            return build_draft(pdf_lines(data), name)
        except Refused as exc:
            raise ProfileError.at(name, None, str(exc)) from None
    if data.startswith(b"PK"):
        return _zipped(data, name)
    if suffix in TEXT_SUFFIXES:
        from tailor.importer.text_lines import decode, text_lines

        text = decode(data)
        if "\x00" in text:
            raise ProfileError.at(name, None, "is not text; save the résumé as plain text")
        return build_draft(text_lines(text, markdown=suffix in (".md", ".markdown")), name)
    if suffix == ".pdf":
        raise ProfileError.at(name, None, "is not a PDF; export it again from your word processor")
    if suffix == ".doc":
        raise ProfileError.at(name, None, "is an old Word .doc; save it as .docx or PDF first")
    raise ProfileError.at(name, None, f"is not a format tailor imports; use {FORMATS}")


def _zipped(data: bytes, name: str) -> Draft:
    def refuse(reason: str) -> Exception:
        what = f"cannot be opened ({reason})" if reason else "is a damaged ZIP or DOCX file"
        return ProfileError.at(name, None, f"{what}; export or save it again")

    check_zip(data, refuse)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    if "word/document.xml" in names:
        from tailor.importer.build import build_draft
        from tailor.importer.docx_lines import Refused, docx_lines

        try:
            return build_draft(docx_lines(data), name)
        except Refused as exc:
            raise ProfileError.at(name, None, str(exc)) from None
    from tailor.importer.linkedin import is_linkedin, linkedin_draft

    if is_linkedin(archive):
        return linkedin_draft(archive, name)
    raise ProfileError.at(
        name, None, "is a ZIP but neither a .docx nor a LinkedIn export (no Profile.csv inside)"
    )
