"""Build the built-in DOCX templates: letter, résumé and bullets, in each style.

Why generated: there is no Word in CI, and a .docx saved by Word is a zip of XML
nobody can review in a diff. Building the templates from this script makes them
reproducible (same script, same bytes: fixed zip timestamps, no creation dates,
no thumbnail) and reviewable (a change of style or wording is a change to this
file). The .docx files it writes are committed next to it.

They are only the starting point. Users copy a template out (`tailor templates
copy`), open it in Word or LibreOffice and restyle it there: change the fonts,
sizes, colours and spacing of the named styles (Title, Heading 1, Heading 2,
List Bullet, Normal, Contact, Entry Details), keeping the `{{ ... }}` and
`{%p ... %}` tags as they are.

What the templates follow, so that applicant tracking systems parse them:
one column; no tables, text boxes, images, columns or header/footer content;
real Word styles for the name (Title), section headings (Heading 1), entries
(Heading 2) and bullets (List Bullet, a real Word list). Every paragraph-level
`{%p ... %}` tag sits in a paragraph of its own, and every section whose list is
empty disappears, heading included.

Usage:
    python scripts/build_docx_templates.py [--out-dir templates]
"""

from __future__ import annotations

import argparse
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT_DIR = ROOT / "templates"


class Theme(NamedTuple):
    """What differs between styles: fonts, colours, the title and the section headings."""

    font: str = "Calibri"
    ink: RGBColor = RGBColor(0x1A, 0x1A, 0x1A)  # body text: near-black
    accent: RGBColor = RGBColor(0x1F, 0x3A, 0x5F)  # headings: dark navy, prints well in grey
    muted: RGBColor = RGBColor(0x55, 0x5B, 0x66)  # contact line, dates, answers
    rule: str = "9AA3AE"  # thin rules under headings
    rule_size: int = 4  # eighths of a point
    title_size: float = 22
    caps_headings: bool = True  # SMALL CAPITALS, letter-spaced section headings


CLASSIC = Theme()
# Modern: a sans-serif every machine has, a deep teal accent (dark enough for
# greyscale printing), a larger name, and headings in normal case over a
# heavier rule in the accent colour.
MODERN = Theme(
    font="Arial",
    accent=RGBColor(0x0B, 0x5C, 0x5C),
    rule="0B5C5C",
    rule_size=8,
    title_size=26,
    caps_headings=False,
)

# Fixed so that two builds give identical bytes (zip entries default to "now").
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")

# Elements that must follow w:pBdr inside w:pPr (the schema fixes the order and
# Word rejects a document whose pPr children are out of order).
_PBDR_SUCCESSORS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# Elements that must follow w:spacing (character spacing) inside w:rPr.
_RPR_SPACING_SUCCESSORS = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


# --------------------------------------------------------------------------- styles


def _set_font(
    style: ParagraphStyle, *, size: float, color: RGBColor, bold: bool = False, name: str
) -> None:
    """Give a style an explicit font, dropping theme fonts (they would win over it)."""
    font = style.font
    font.name = name
    font.size = Pt(size)
    font.bold = True if bold else None
    font.italic = None
    font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:bCs", "w:iCs"):  # complex-script twins of b/i, from the default styles
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is not None:
        size_cs.set(qn("w:val"), str(round(size * 2)))
    rfonts = rpr.find(qn("w:rFonts"))
    assert rfonts is not None
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:cs"), name)
    for el in rpr.findall(qn("w:kern")):  # Title's kerning from the default
        rpr.remove(el)
    _no_letter_spacing(style)


def _set_spacing(
    style: ParagraphStyle, *, before: float, after: float, line: float | None = None
) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _letter_spacing(style: ParagraphStyle, points: float) -> None:
    _no_letter_spacing(style)
    rpr = style.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(points * 20)))
    rpr.insert_element_before(spacing, *_RPR_SPACING_SUCCESSORS)


def _no_rule(style: ParagraphStyle) -> None:
    ppr = style.element.get_or_add_pPr()
    for el in ppr.findall(qn("w:pBdr")):
        ppr.remove(el)


def _bottom_rule(style: ParagraphStyle, theme: Theme, *, space: int = 1) -> None:
    """A line under the paragraphs of `style`, `space` points below the text."""
    _no_rule(style)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(theme.rule_size)),
        ("w:space", str(space)),
    ):
        bottom.set(qn(key), value)
    bottom.set(qn("w:color"), theme.rule)
    border.append(bottom)
    style.element.get_or_add_pPr().insert_element_before(border, *_PBDR_SUCCESSORS)


def _no_letter_spacing(style: ParagraphStyle) -> None:
    rpr = style.element.get_or_add_rPr()
    for el in rpr.findall(qn("w:spacing")):
        rpr.remove(el)


def _paragraph_style(doc: DocumentObject, name: str) -> ParagraphStyle:
    style = doc.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _custom_style(doc: DocumentObject, name: str) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return style


def _base_styles(
    doc: DocumentObject, theme: Theme, *, body_size: float, body_after: float, line: float
) -> None:
    """Styles shared by all templates; each builder adjusts a few afterwards."""
    font = theme.font
    # Document defaults first: anything not styled explicitly falls back to these.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rfonts = rpr_default.find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), font)

    normal = _paragraph_style(doc, "Normal")
    _set_font(normal, size=body_size, color=theme.ink, name=font)
    _set_spacing(normal, before=0, after=body_after, line=line)

    title = _paragraph_style(doc, "Title")
    _set_font(title, size=theme.title_size, color=theme.accent, bold=True, name=font)
    _set_spacing(title, before=0, after=2, line=1.0)
    _no_rule(title)

    subtitle = _paragraph_style(doc, "Subtitle")
    _set_font(subtitle, size=body_size + 1.5, color=theme.ink, name=font)
    subtitle.font.italic = False  # italic in the default Subtitle
    _set_spacing(subtitle, before=6, after=0, line=1.0)

    contact = _custom_style(doc, "Contact")
    _set_font(contact, size=body_size - 1, color=theme.muted, name=font)
    _set_spacing(contact, before=0, after=0, line=1.0)
    # Space after the block of contact lines, none between them.
    contact.element.get_or_add_pPr().insert_element_before(
        OxmlElement("w:contextualSpacing"),
        *_PBDR_SUCCESSORS[_PBDR_SUCCESSORS.index("w:mirrorIndents") :],
    )

    heading1 = _paragraph_style(doc, "Heading 1")
    _set_font(heading1, size=body_size + 1, color=theme.accent, bold=True, name=font)
    if theme.caps_headings:
        heading1.font.all_caps = True
        _letter_spacing(heading1, 0.6)
    _set_spacing(heading1, before=14, after=5, line=1.0)
    _bottom_rule(heading1, theme)

    heading2 = _paragraph_style(doc, "Heading 2")
    _set_font(heading2, size=body_size, color=theme.ink, bold=True, name=font)
    _set_spacing(heading2, before=8, after=0, line=1.0)

    details = _custom_style(doc, "Entry Details")
    _set_font(details, size=body_size - 1, color=theme.muted, name=font)
    _set_spacing(details, before=0, after=2, line=1.0)
    details.paragraph_format.keep_with_next = True

    bullet = _paragraph_style(doc, "List Bullet")
    _set_spacing(bullet, before=0, after=2, line=line)


def _bullet_numbering(doc: DocumentObject, font: str) -> None:
    """Make the List Bullet list use a plain "•" with a small hanging indent.

    The default list uses a Symbol-font glyph and a deep indent; "•" in the body
    font looks the same everywhere (Word, LibreOffice, PDF converters, ATS).
    """
    numbering = doc.part.numbering_part.element
    (lvl,) = numbering.xpath('w:abstractNum[w:lvl/w:pStyle/@w:val="ListBullet"]/w:lvl[@w:ilvl="0"]')
    lvl.find(qn("w:lvlText")).set(qn("w:val"), "•")
    ppr = lvl.find(qn("w:pPr"))
    ppr.find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), "284")
    ind = ppr.find(qn("w:ind"))
    ind.set(qn("w:left"), "284")
    ind.set(qn("w:hanging"), "227")
    rfonts = lvl.find(qn("w:rPr")).find(qn("w:rFonts"))
    rfonts.set(qn("w:ascii"), font)
    rfonts.set(qn("w:hAnsi"), font)


# ----------------------------------------------------------------- document basics


def _new_document(
    *, body_size: float, body_after: float, line: float, theme: Theme = CLASSIC
) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    _base_styles(doc, theme, body_size=body_size, body_after=body_after, line=line)
    _bullet_numbering(doc, theme.font)
    _clean_metadata(doc)
    # python-docx's blank document starts with no paragraphs; keep it that way.
    return doc


def _clean_metadata(doc: DocumentObject) -> None:
    """No author, comment, dates, thumbnail or stale styles from the python-docx default."""
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.title = ""
    props.revision = 1
    core = props._element  # python-docx has no API to delete a date
    for tag in ("dcterms:created", "dcterms:modified"):
        for el in core.findall(qn(tag)):
            core.remove(el)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    # Word 2010 reads stylesWithEffects.xml instead of styles.xml when it exists;
    # it holds the unedited default styles, so drop it.
    document_rels = doc.part.rels
    for rid, rel in list(document_rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document_rels[rid]


def _text(
    doc: DocumentObject,
    style: str,
    *runs: str | tuple[str, dict[str, bool]],
    theme: Theme = CLASSIC,
) -> Paragraph:
    """A paragraph in `style`: each run is a string or (string, {"bold": True, ...})."""
    paragraph = doc.add_paragraph(style=style)
    for run in runs:
        text, formatting = (run, {}) if isinstance(run, str) else run
        r = paragraph.add_run(text)
        for key, value in formatting.items():
            setattr(r.font, key, value)
        if formatting.get("italic"):
            r.font.color.rgb = theme.muted
    return paragraph


def _tag(doc: DocumentObject, tag: str) -> None:
    """A docxtpl paragraph tag (`{%p ... %}`), alone in its own paragraph."""
    assert tag.startswith("{%p "), tag
    assert tag.endswith(" %}"), tag
    doc.add_paragraph(tag, style="Normal")


_LINKS = (
    "{% if applicant.url %}{{ applicant.url_text }}{% endif %}"
    "{% if applicant.url and applicant.links %}\u00a0· {% endif %}"
    "{% for link in applicant.links %}{{ link.label }}:\u00a0{{ link.text }}"
    "{% if not loop.last %}\u00a0· {% endif %}{% endfor %}"
)


def _header(doc: DocumentObject) -> None:
    """Name and contact details: the same at the top of every classic document."""
    _text(doc, "Title", "{{ applicant.name }}")
    _text(doc, "Contact", "{{ applicant.contact_line }}")
    _links(doc)


def _links(doc: DocumentObject) -> None:
    """The applicant's web site and profiles, a Contact line gone when there are none."""
    _tag(doc, "{%p if applicant.url or applicant.links %}")
    _text(doc, "Contact", _LINKS)
    _tag(doc, "{%p endif %}")


# ----------------------------------------------------------------------- templates


def build_letter() -> DocumentObject:
    doc = _new_document(body_size=11, body_after=9, line=1.15)
    contact = _paragraph_style(doc, "Contact")
    _bottom_rule(contact, CLASSIC, space=4)
    contact.paragraph_format.space_after = Pt(20)
    _header(doc)
    _tag(doc, "{%p if date %}")
    _text(doc, "Normal", "{{ date }}")
    _tag(doc, "{%p endif %}")
    _text(doc, "Normal", "{{ greeting }}")
    _tag(doc, "{%p for paragraph in paragraphs %}")
    _text(doc, "Normal", "{{ paragraph }}")
    _tag(doc, "{%p endfor %}")
    _text(doc, "Normal", "{{ closing }}")
    sign_off = doc.add_paragraph("{{ sign_off }}", style="Normal")
    sign_off.paragraph_format.space_before = Pt(6)
    sign_off.paragraph_format.space_after = Pt(30)  # room for a handwritten signature
    sign_off.paragraph_format.keep_with_next = True
    _text(doc, "Normal", "{{ applicant.name }}")
    return doc


def _entry_section(
    doc: DocumentObject, *, heading: str, items: str, var: str, theme: Theme = CLASSIC
) -> None:
    """A résumé section of dated entries, gone entirely when its list is empty.

    Each entry opens with one paragraph: its title in bold, a line break, then the
    details in the muted colour (organization, dates, place, link). One paragraph,
    because LibreOffice does not always honour "keep with next" from a heading to a
    details line, and left a role's title alone at the foot of a page with everything
    else on the next; and the organization on the details line, because a long title
    with the organization beside it wrapped with the separator dangling at a line end.
    """
    _tag(doc, f"{{%p if {items} %}}")
    _text(doc, "Heading 1", heading)
    _tag(doc, f"{{%p for {var} in {items} %}}")
    # The heading keeps with the entry's text, but an entry with no text must not
    # chain itself to the next entry: with every such entry linked by "keep with
    # next", a run of short entries (degrees) would move to the next page as one
    # block and leave a gap.
    _tag(doc, f"{{%p if {var}.summary or {var}.bullets %}}")
    link = items != "work"
    _entry_heading(doc, var, theme, link=link)
    _tag(doc, "{%p else %}")
    _entry_heading(doc, var, theme, link=link).paragraph_format.keep_with_next = False
    _tag(doc, "{%p endif %}")
    # The summary keeps with the first bullet, and the last bullet never starts a page
    # alone: the one before it keeps with it (a lone bullet reads as a stray line).
    _tag(doc, f"{{%p if {var}.summary %}}")
    _tag(doc, f"{{%p if {var}.bullets %}}")
    _text(doc, "Normal", f"{{{{ {var}.summary }}}}").paragraph_format.keep_with_next = True
    _tag(doc, "{%p else %}")
    _text(doc, "Normal", f"{{{{ {var}.summary }}}}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")
    _tag(doc, f"{{%p for item in {var}.bullets %}}")
    _tag(doc, "{%p if loop.revindex == 2 %}")
    _text(doc, "List Bullet", "{{ item }}").paragraph_format.keep_with_next = True
    _tag(doc, "{%p else %}")
    _text(doc, "List Bullet", "{{ item }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _entry_heading(doc: DocumentObject, var: str, theme: Theme, *, link: bool) -> Paragraph:
    """An entry's title (Heading 2) and, after a line break, its details line, muted: each
    separator held to the part after it, so a wrapped line never ends with one; with
    `link`, the entry's address last (a project's repository, not an employer's site)."""
    paragraph = _text(doc, "Heading 2", f"{{{{ {var}.title }}}}")
    parts = f"{var}.details + [{var}.url_text]|select|list" if link else f"{var}.details"
    paragraph.add_run(f"{{% if {parts} %}}")
    paragraph.add_run().add_break()
    muted = paragraph.add_run(f"{{{{ ({parts})|map('nobreak')|join(' ·\u00a0') }}}}")
    muted.font.bold = False
    muted.font.color.rgb = theme.muted
    muted.font.size = doc.styles["Entry Details"].font.size
    paragraph.add_run("{% endif %}")
    return paragraph


HANGING_CM = 0.4
"""How far a compact entry's wrapped lines are indented."""


def _compact_section(
    doc: DocumentObject,
    *,
    heading: str,
    items: str,
    between: str,
    when: str = "",
    theme: Theme = CLASSIC,
) -> None:
    """A section of short entries, one paragraph each (certificates): the name in bold,
    then who issued it and when; where to check it, if anywhere, on a line of its own
    in the muted colour. `when` is a further condition ("certificates_first").

    A separator is held to the part after it (a no-break space follows it), so a long
    entry wraps before "— University of West Riding", never leaving "—" or "·" at a
    line's end; the hanging indent shows the wrapped line as the same entry's. The
    address has its own line because, run on after the date, it wrapped alone with a
    separator before it ("· nmc-register.example.org/check") in every résumé a blind
    reader saw."""
    _tag(doc, f"{{%p if {items}{f' and {when}' if when else ''} %}}")
    _text(doc, "Heading 1", heading)
    _tag(doc, f"{{%p for entry in {items} %}}")
    paragraph = _text(
        doc,
        "Normal",
        ("{{ entry.title }}", {"bold": True}),
        f"{{% if entry.organization %}}{between.rstrip()}\u00a0"
        "{{ entry.organization|nobreak }}{% endif %}"
        "{% if entry.dates %} ·\u00a0{{ entry.dates|nobreak }}{% endif %}"
        "{% if entry.url_text %}",
    )
    paragraph.add_run().add_break()
    address = paragraph.add_run("{{ entry.url_text }}")
    address.font.color.rgb = theme.muted
    address.font.size = doc.styles["Entry Details"].font.size
    paragraph.add_run("{% endif %}")
    paragraph.paragraph_format.left_indent = Cm(HANGING_CM)
    paragraph.paragraph_format.first_line_indent = Cm(-HANGING_CM)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def build_resume() -> DocumentObject:
    doc = _new_document(body_size=10.5, body_after=3, line=1.05)
    _header(doc)

    _tag(doc, "{%p if headline %}")
    _text(doc, "Subtitle", "{{ headline }}")
    _tag(doc, "{%p endif %}")

    _tag(doc, "{%p if summary %}")
    _text(doc, "Heading 1", "Summary")
    _text(doc, "Normal", "{{ summary }}")
    _tag(doc, "{%p endif %}")

    # A required licence or registration is checked first: straight after the summary.
    _compact_section(
        doc, heading="Certificates", items="certificates", between=" — ", when="certificates_first"
    )

    _tag(doc, "{%p if skills or matched_skills %}")
    _text(doc, "Heading 1", "Skills")
    _tag(doc, "{%p for group in skills %}")
    _text(doc, "Normal", ("{{ group.name }}:", {"bold": True}), " {{ group.keywords|join(', ') }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if not skills %}")
    _text(doc, "Normal", "{{ matched_skills|join(', ') }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")

    _entry_section(doc, heading="Experience", items="work", var="job")
    _entry_section(doc, heading="Education", items="education", var="entry")
    _entry_section(doc, heading="Projects", items="projects", var="entry")
    _entry_section(doc, heading="Publications", items="publications", var="entry")
    _entry_section(doc, heading="Awards", items="awards", var="entry")
    _entry_section(doc, heading="Volunteering", items="volunteer", var="entry")
    _compact_section(
        doc,
        heading="Certificates",
        items="certificates",
        between=" — ",
        when="not certificates_first",
    )

    _tag(doc, "{%p if languages %}")
    _text(doc, "Heading 1", "Languages")
    _text(doc, "Normal", "{{ languages|join(', ') }}")
    _tag(doc, "{%p endif %}")
    _interests(doc)
    return doc


def build_bullets() -> DocumentObject:
    doc = _new_document(body_size=11, body_after=4, line=1.1)
    _header(doc)
    _text(
        doc,
        "Heading 1",
        "Tailored bullets{% if target.title %} for {{ target.title }}{% endif %}"
        "{% if target.company %} at {{ target.company }}{% endif %}",
    )
    _tag(doc, "{%p for bullet in bullets %}")
    _text(
        doc,
        "List Bullet",
        "{{ bullet.text }}",
        (
            # A no-break space keeps the dash on the same line as "answers".
            "{% if bullet.answers %} —\u00a0answers: {{ bullet.answers|join(', ') }}{% endif %}",
            {"italic": True},
        ),
    )
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if not bullets %}")
    _text(doc, "Normal", "No bullets matched this posting.")
    _tag(doc, "{%p endif %}")
    heading = _paragraph_style(doc, "Heading 1")
    heading.font.all_caps = False  # the heading holds a company name: keep its case
    heading.font.size = Pt(13)
    _no_letter_spacing(heading)
    bullet = _paragraph_style(doc, "List Bullet")
    bullet.paragraph_format.space_after = Pt(6)
    for el in bullet.element.get_or_add_pPr().findall(qn("w:contextualSpacing")):
        el.getparent().remove(el)  # space between bullets: each one is a separate idea
    return doc


def build_modern_letter() -> DocumentObject:
    """The modern letter: a larger name, headline in the contact line, a "Re:" subject."""
    doc = _new_document(body_size=10.5, body_after=9, line=1.2, theme=MODERN)
    contact = _paragraph_style(doc, "Contact")
    _bottom_rule(contact, MODERN, space=6)
    contact.paragraph_format.space_after = Pt(22)
    _text(doc, "Title", "{{ applicant.name }}")
    _text(
        doc,
        "Contact",
        "{% if applicant.headline %}{{ applicant.headline }} · {% endif %}"
        "{{ applicant.contact_line }}",
    )
    _links(doc)
    _tag(doc, "{%p if date %}")
    _text(doc, "Normal", "{{ date }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if target.title %}")
    _text(
        doc,
        "Normal",
        (
            "Re: {{ target.title }}{% if target.company %}, {{ target.company }}{% endif %}",
            {"bold": True},
        ),
    )
    _tag(doc, "{%p endif %}")
    _text(doc, "Normal", "{{ greeting }}")
    _tag(doc, "{%p for paragraph in paragraphs %}")
    _text(doc, "Normal", "{{ paragraph }}")
    _tag(doc, "{%p endfor %}")
    _text(doc, "Normal", "{{ closing }}")
    sign_off = doc.add_paragraph("{{ sign_off }}", style="Normal")
    sign_off.paragraph_format.space_before = Pt(6)
    sign_off.paragraph_format.space_after = Pt(30)  # room for a handwritten signature
    sign_off.paragraph_format.keep_with_next = True
    _text(doc, "Normal", ("{{ applicant.name }}", {"bold": True}))
    return doc


def build_modern_resume() -> DocumentObject:
    """The modern résumé: the skills this posting asks for first, then experience."""
    doc = _new_document(body_size=10, body_after=3, line=1.1, theme=MODERN)
    _text(doc, "Title", "{{ applicant.name }}")
    _tag(doc, "{%p if headline %}")
    _text(doc, "Subtitle", "{{ headline }}")
    _tag(doc, "{%p endif %}")
    _text(doc, "Contact", "{{ applicant.contact_line }}")
    _links(doc)

    _tag(doc, "{%p if summary %}")
    _text(doc, "Heading 1", "Profile")
    _text(doc, "Normal", "{{ summary }}")
    _tag(doc, "{%p endif %}")

    _tag(doc, "{%p if matched_skills %}")
    _text(doc, "Heading 1", "Key skills for this role")
    _text(doc, "Normal", "{{ matched_skills|join(' · ') }}")
    _tag(doc, "{%p endif %}")
    _compact_section(
        doc,
        heading="Certificates",
        items="certificates",
        between=" · ",
        when="certificates_first",
        theme=MODERN,
    )

    for heading, items in (
        ("Experience", "work"),
        ("Projects", "projects"),
        ("Education", "education"),
        ("Publications", "publications"),
        ("Certificates", "certificates"),
        ("Awards", "awards"),
        ("Volunteering", "volunteer"),
    ):
        if items == "certificates":
            _compact_section(
                doc,
                heading=heading,
                items=items,
                between=" · ",
                when="not certificates_first",
                theme=MODERN,
            )
        else:
            _entry_section(doc, heading=heading, items=items, var="entry", theme=MODERN)

    _tag(doc, "{%p if skills %}")
    _text(doc, "Heading 1", "Skills")
    _tag(doc, "{%p for group in skills %}")
    _text(doc, "Normal", ("{{ group.name }}:", {"bold": True}), " {{ group.keywords|join(', ') }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")

    _tag(doc, "{%p if languages %}")
    _text(doc, "Heading 1", "Languages")
    _text(doc, "Normal", "{{ languages|join(' · ') }}")
    _tag(doc, "{%p endif %}")
    _interests(doc)
    return doc


def _interests(doc: DocumentObject) -> None:
    """The profile's interests, one line per group ("Community: Youth soccer coach, …"):
    a volunteer coach or a club is something a school or a ward may ask about."""
    _tag(doc, "{%p if interests %}")
    _text(doc, "Heading 1", "Interests")
    _tag(doc, "{%p for group in interests %}")
    _text(
        doc,
        "Normal",
        ("{{ group.name }}{% if group.name and group.keywords %}:{% endif %}", {"bold": True}),
        "{% if group.name and group.keywords %} {% endif %}{{ group.keywords|join(', ') }}",
    )
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "letter/classic.docx": build_letter,
    "resume/classic.docx": build_resume,
    "bullets/classic.docx": build_bullets,
    "letter/modern.docx": build_modern_letter,
    "resume/modern.docx": build_modern_resume,
}


# ---------------------------------------------------------------------- writing


def docx_bytes(doc: DocumentObject) -> bytes:
    """The document as .docx bytes that depend only on its content."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_all(out_dir: Path) -> list[Path]:
    written = []
    for name, builder in BUILDERS.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(docx_bytes(builder()))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)
    for path in build_all(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
