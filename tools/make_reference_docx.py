"""Build templates/reference.docx, the house style of the Word brief, reproducibly.

Run from the repository root after changing the style:

    .venv/bin/python tools/make_reference_docx.py

It starts from python-docx's blank document and replaces everything that made it python-docx's
(US Letter, the theme's ＭＳ 明朝, its styles, numbering, fonts and properties): A4 with 25 mm
margins, BIZ UD明朝 Medium / Times New Roman for text, BIZ UDゴシック / Arial for headings, the
styles the Word writer needs (element styles and one per doctree role, see ROLE_STYLES in
briefgen/writers/docx.py), list numbering, a header paragraph the writer fills and a footer with
the page number. The same python-docx gives the same bytes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from briefgen.writers.docx import EAST_ASIAN_TEXT_LANGUAGE, LATIN_TEXT_LANGUAGE
from briefgen.writers.docx_package import package_bytes, set_package_dates

TARGET = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"

# --- fonts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """A font as the font table describes it, so Word can substitute a close one if missing."""

    name: str
    alt: Optional[str]
    panose: str
    charset: str  # 80 = SHIFTJIS, 00 = ANSI
    family: str
    pitch: str
    sig: tuple[str, str, str, str, str, str]  # usb0-3, csb0-1 of the font's OS/2 table


# Windows 10+ ships the BIZ UD families under these names; the OFL release names them
# "BIZ UDMincho" / "BIZ UDGothic" (the alternate names). PANOSE numbers and signatures are from
# the fonts' OS/2 tables; the Windows Mincho is the Medium weight (PANOSE weight 5).
MINCHO = Face("BIZ UD明朝 Medium", "BIZ UDMincho", "02020500000000000000", "80", "roman", "fixed",
              ("E00002F7", "2AC7EDF8", "00000012", "00000000", "20020009", "00000000"))
GOTHIC = Face("BIZ UDゴシック", "BIZ UDGothic", "020B0400000000000000", "80", "modern", "fixed",
              ("E00002F7", "2AC7EDF8", "00000012", "00000000", "20020009", "00000000"))
SERIF = Face("Times New Roman", None, "02020603050405020304", "00", "roman", "variable",
             ("E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000"))
SANS = Face("Arial", None, "020B0604020202020204", "00", "swiss", "variable",
            ("E0002AFF", "C0007843", "00000009", "00000000", "000001FF", "00000000"))
BODY = (SERIF, MINCHO)  # (Latin, East Asian)
HEADING = (SANS, GOTHIC)

# --- page and colours ---------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN = Mm(25)
HEADER_DISTANCE = Mm(12)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = "1F3A5F"  # headings, labels, rules
GREY = "595959"  # evidence, notes, header and footer
SOFT = "404040"  # secondary text
BAND_FILL = "DCE6F0"
CONTEXT_FILL = "F2F2F2"
HEADER_FILL = "D9E2F3"
RULE = "7F7F7F"

INDENT = 420  # twips: two full-width characters of 10.5 pt, one list level
# Line pitch is "at least" so many points: lines with Latin text (Times New Roman is taller
# than BIZ UD明朝, whose line is 1 em) keep the pitch of pure Japanese ones.
LINE = 16  # points, for 10.5 pt text


# --- paragraph and character styles -------------------------------------------------


@dataclass(frozen=True)
class Look:
    """The properties a paragraph or character style sets; None leaves them inherited."""

    based_on: Optional[str] = "Normal"
    faces: Optional[tuple[Face, Face]] = BODY
    size: Optional[float] = None
    bold: Optional[bool] = None
    color: Optional[str] = None
    before: Optional[float] = None
    after: Optional[float] = None
    line: Optional[float] = None  # points, at least
    align: Optional[WD_ALIGN_PARAGRAPH] = None
    keep_next: bool = False
    outline: Optional[int] = None
    rule_below: bool = False
    fill: Optional[str] = None
    tabs: tuple[tuple[int, WD_TAB_ALIGNMENT], ...] = ()
    builtin: bool = False
    priority: Optional[int] = None
    next: Optional[str] = None


PARAGRAPH_STYLES: dict[str, Look] = {
    "Normal": Look(based_on=None, size=10.5, after=6, line=LINE, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                   builtin=True, priority=0),
    "Title": Look(faces=HEADING, size=18, bold=True, color=INK, after=6, line=26, keep_next=True,
                  align=WD_ALIGN_PARAGRAPH.LEFT, builtin=True, priority=10, next="Subtitle"),
    "Subtitle": Look(faces=HEADING, size=12, color=SOFT, after=12, line=18, keep_next=True,
                     align=WD_ALIGN_PARAGRAPH.LEFT, builtin=True, priority=11),
    "Heading 1": Look(faces=HEADING, size=14, bold=True, color=INK, before=18, after=8, line=21,
                      keep_next=True, outline=0, rule_below=True, align=WD_ALIGN_PARAGRAPH.LEFT,
                      builtin=True, priority=9),
    "Heading 2": Look(faces=HEADING, size=12, bold=True, color=INK, before=14, after=4, line=18,
                      keep_next=True, outline=1, align=WD_ALIGN_PARAGRAPH.LEFT, builtin=True,
                      priority=9),
    "Heading 3": Look(faces=HEADING, size=10.5, bold=True, before=10, after=2, line=16,
                      keep_next=True, outline=2, align=WD_ALIGN_PARAGRAPH.LEFT, builtin=True,
                      priority=9),
    "List Bullet": Look(after=3, builtin=True, next="List Bullet"),
    "List Number": Look(after=3, builtin=True, next="List Number"),
    "Header": Look(faces=HEADING, size=8, color=GREY, after=0, line=12,
                   align=WD_ALIGN_PARAGRAPH.RIGHT, builtin=True,
                   tabs=((TEXT_WIDTH // 2, WD_TAB_ALIGNMENT.CENTER), (TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT))),
    "Footer": Look(size=9, color=GREY, after=0, line=12, align=WD_ALIGN_PARAGRAPH.CENTER,
                   builtin=True),
    "Table Text": Look(size=9.5, after=2, line=14, align=WD_ALIGN_PARAGRAPH.LEFT),
    "Table Heading": Look(based_on="Table Text", faces=HEADING, bold=True),
    # One per doctree role (ROLE_STYLES in briefgen/writers/docx.py).
    "Band": Look(faces=HEADING, size=10, bold=True, color=INK, before=0, after=6, line=15,
                 fill=BAND_FILL, align=WD_ALIGN_PARAGRAPH.LEFT),
    "Label": Look(faces=HEADING, size=9, bold=True, color=INK, before=6, after=2, line=13,
                  keep_next=True, align=WD_ALIGN_PARAGRAPH.LEFT),
    "Headline": Look(faces=HEADING, size=11, bold=True, after=4, line=17, keep_next=True,
                     align=WD_ALIGN_PARAGRAPH.LEFT),
    "Conclusion": Look(faces=HEADING, size=10.5, bold=True, color=INK, before=4, after=6, line=16),
    "Context": Look(size=9.5, color=SOFT, after=4, line=14),
    "Action": Look(after=4, keep_next=True),
    "Rationale": Look(size=9.5, color=SOFT, after=4, line=14, keep_next=True),
    "Evidence": Look(size=8.5, color=GREY, after=4, line=12.5),
    "Attribution": Look(size=8.5, color=GREY, before=6, after=1, line=12.5, keep_next=True,
                        align=WD_ALIGN_PARAGRAPH.LEFT),
    "Note": Look(size=9, color=SOFT, after=4, line=13.5),
    "Footer Note": Look(size=8.5, color=GREY, before=12, after=0, line=12.5),
    "Small": Look(size=8, after=2, line=12),
}

CHARACTER_BASE = "Default Paragraph Font"
CHARACTER_STYLES: dict[str, Look] = {
    # Emphasis and Strong change face rather than slant: Japanese has no italics.
    "Emphasis": Look(based_on=CHARACTER_BASE, faces=HEADING, builtin=True, priority=20),
    "Strong": Look(based_on=CHARACTER_BASE, faces=HEADING, bold=True, builtin=True, priority=22),
    "Citation": Look(based_on=CHARACTER_BASE, faces=None, size=8.5, color=GREY),
}

# --- table styles -------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """A table style: borders (side → (size in eighths of a point, colour)), fill, cell margins."""

    borders: dict[str, tuple[int, str]]
    fill: Optional[str] = None
    # (top, bottom, left and right), twips; a box's last paragraph adds its space after at the bottom
    margins: tuple[int, int, int] = (57, 57, 113)
    header_fill: Optional[str] = None
    builtin: bool = False


BOX_MARGINS = (113, 28, 170)
ALL_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
TABLE_STYLES: dict[str, Frame] = {
    "Table Grid": Frame({side: (4, RULE) for side in ALL_SIDES}, header_fill=HEADER_FILL,
                        builtin=True),
    "Box": Frame({side: (4, RULE) for side in ALL_SIDES}, margins=BOX_MARGINS),
    "Band Box": Frame({}, fill=BAND_FILL, margins=BOX_MARGINS),
    "Context Box": Frame({"left": (24, INK)}, fill=CONTEXT_FILL, margins=BOX_MARGINS),
    "Conclusion Box": Frame({side: (8, INK) for side in ALL_SIDES}, margins=BOX_MARGINS),
    "Footer Band": Frame({"top": (6, INK)}, margins=(113, 0, 0)),
}

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
KEPT_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List")


def main() -> None:
    """Write the reference document to templates/reference.docx."""
    TARGET.write_bytes(build())
    print(TARGET, file=sys.stderr)


def build() -> bytes:
    """The reference document's bytes."""
    document = docx.Document()
    drop_foreign_parts(document)
    set_page(document.sections[0])
    set_doc_defaults(document)
    restyle(document)
    set_numbering(document)
    set_header_and_footer(document.sections[0])
    replace_font_table(document)
    replace_theme_fonts(document)
    clean_settings(document)
    clean_properties(document)
    return package_bytes(document)


# --- package ------------------------------------------------------------------------


def drop_foreign_parts(document) -> None:
    """Remove parts a house style has no use for: thumbnail, app properties, custom XML, web settings."""
    package = document.part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rId]
    dropped = (RT.CUSTOM_XML, RT.WEB_SETTINGS, STYLES_WITH_EFFECTS)
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype in dropped:
            document.part.drop_rel(rId)


def replace_part(document, reltype: str, element) -> None:
    """Relate the document to a new XML part of ``element`` in place of the part of ``reltype``."""
    old = document.part.part_related_by(reltype)
    rId = next(rId for rId, rel in document.part.rels.items() if rel.reltype == reltype)
    document.part.drop_rel(rId)
    document.part.relate_to(XmlPart(old.partname, old.content_type, element, old.package), reltype)


# --- page ---------------------------------------------------------------------------


def set_page(section) -> None:
    """A4 portrait, 25 mm margins, header and footer 12 mm from the edge."""
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.gutter = 0
    sectPr = section._sectPr
    for name in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sectPr.attrib.pop(qn(name), None)
    sectPr.find(qn("w:cols")).set(qn("w:space"), str(INDENT))
    sectPr.find(qn("w:docGrid")).set(qn("w:linePitch"), str(LINE * 20))


# --- styles -------------------------------------------------------------------------


def set_doc_defaults(document) -> None:
    """Body fonts, size and language tags (as the writer sets them) as the document defaults."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rPr.remove(rPr.find(qn("w:rFonts")))
    rPr.insert(0, fonts_element(BODY))
    rPr.find(qn("w:sz")).set(qn("w:val"), "21")
    rPr.find(qn("w:szCs")).set(qn("w:val"), "21")
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:val"), LATIN_TEXT_LANGUAGE)
    lang.set(qn("w:eastAsia"), EAST_ASIAN_TEXT_LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def fonts_element(faces: tuple[Face, Face]):
    """``w:rFonts`` naming the Latin face for ASCII, high ANSI and complex script, and the East Asian one."""
    latin, east_asian = faces
    return OxmlElement("w:rFonts", {qn("w:ascii"): latin.name, qn("w:hAnsi"): latin.name,
                                    qn("w:eastAsia"): east_asian.name, qn("w:cs"): latin.name})


def restyle(document) -> None:
    """Replace python-docx's styles with the house styles."""
    styles = document.styles
    for style in list(styles):
        if style.name not in KEPT_STYLES:
            style.element.getparent().remove(style.element)
    normal = styles["Normal"].element
    for child in normal.findall(qn("w:pPr")) + normal.findall(qn("w:rPr")) + normal.findall(qn("w:rsid")):
        normal.remove(child)
    kinds = [(PARAGRAPH_STYLES, WD_STYLE_TYPE.PARAGRAPH), (CHARACTER_STYLES, WD_STYLE_TYPE.CHARACTER),
             (TABLE_STYLES, WD_STYLE_TYPE.TABLE)]
    for table, kind in kinds:
        for name, spec in table.items():
            if name not in styles:
                styles.add_style(name, kind, builtin=spec.builtin).style_id = name.replace(" ", "")
    for name, look in {**PARAGRAPH_STYLES, **CHARACTER_STYLES}.items():
        apply_look(styles, styles[name], look)
    for name, frame in TABLE_STYLES.items():
        apply_frame(styles, styles[name], frame)


def apply_look(styles, style, look: Look) -> None:
    """Set a paragraph or character style's properties from ``look``."""
    style.base_style = styles[look.based_on] if look.based_on else None
    style.quick_style = True
    if look.priority is not None:
        style.priority = look.priority
    set_run_look(style, look)
    if style.type == WD_STYLE_TYPE.PARAGRAPH:
        style.next_paragraph_style = styles[look.next or "Normal"]
        set_paragraph_look(style, look)


def set_run_look(style, look: Look) -> None:
    """Fonts (Latin and East Asian, explicitly), size, weight and colour."""
    if look.faces:
        rPr = style.element.get_or_add_rPr()
        rPr._remove_rFonts()
        rPr.insert_element_before(fonts_element(look.faces), *RPR_AFTER_FONTS)
    if look.size:
        style.font.size = Pt(look.size)
    if look.bold is not None:
        style.font.bold = look.bold
    if look.color:
        style.font.color.rgb = RGBColor.from_string(look.color)


def set_paragraph_look(style, look: Look) -> None:
    """Spacing, alignment, keeping, outline level, rule, fill and tab stops."""
    fmt = style.paragraph_format
    if look.before is not None:
        fmt.space_before = Pt(look.before)
    if look.after is not None:
        fmt.space_after = Pt(look.after)
    if look.line is not None:
        fmt.line_spacing = Pt(look.line)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if look.align is not None:
        fmt.alignment = look.align
    if look.keep_next:
        fmt.keep_with_next = True
        fmt.keep_together = True
    pPr = style.element.get_or_add_pPr()
    if look.outline is not None:
        pPr.get_or_add_outlineLvl().val = look.outline
    if look.rule_below:
        border = border_element("w:bottom", 6, INK, space=4)
        pPr.insert_element_before(wrapped("w:pBdr", [border]), *PPR_AFTER_BORDERS)
    if look.fill:
        pPr.insert_element_before(shading_element(look.fill), *PPR_AFTER_SHADING)
    for position, alignment in look.tabs:
        fmt.tab_stops.add_tab_stop(position, alignment)


def apply_frame(styles, style, frame: Frame) -> None:
    """Set a table style's body fonts, borders, cell margins, fill and header-row fill."""
    style.base_style = styles["Normal Table"]
    style.quick_style = True
    set_run_look(style, Look(faces=BODY))
    element = style.element
    table = OxmlElement("w:tblPr")
    if frame.borders:
        sides = [border_element(f"w:{side}", *frame.borders[side]) for side in ALL_SIDES if side in frame.borders]
        table.append(wrapped("w:tblBorders", sides))
    table.append(cell_margins(*frame.margins))
    element.append(table)
    if frame.fill:
        element.append(wrapped("w:tcPr", [shading_element(frame.fill)]))
    if frame.header_fill:
        header = OxmlElement("w:tblStylePr", {qn("w:type"): "firstRow"})
        header.append(wrapped("w:tcPr", [shading_element(frame.header_fill)]))
        element.append(header)


def border_element(side: str, size: int, color: str, space: int = 0):
    """A single-line border of ``size`` eighths of a point."""
    return OxmlElement(side, {qn("w:val"): "single", qn("w:sz"): str(size), qn("w:space"): str(space),
                              qn("w:color"): color})


def shading_element(fill: str):
    """A solid background of ``fill``."""
    return OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})


def cell_margins(top: int, bottom: int, sides: int):
    """``w:tblCellMar`` with the given top, bottom and left/right margins in twips."""
    sides = [OxmlElement(f"w:{side}", {qn("w:w"): str(width), qn("w:type"): "dxa"})
             for side, width in (("top", top), ("left", sides), ("bottom", bottom), ("right", sides))]
    return wrapped("w:tblCellMar", sides)


def wrapped(tag: str, children: list):
    """A new ``tag`` element holding ``children``."""
    element = OxmlElement(tag)
    element.extend(children)
    return element


PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
             "w:pPrChange")
PPR_AFTER_BORDERS = PPR_ORDER[PPR_ORDER.index("w:pBdr") + 1:]
PPR_AFTER_SHADING = PPR_ORDER[PPR_ORDER.index("w:shd") + 1:]
RPR_AFTER_FONTS = ("w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                   "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
                   "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
                   "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                   "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                   "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


# --- numbering ----------------------------------------------------------------------

LEVELS = 9  # as many as Word has; the writer nests lists that deep
BULLETS = [("bullet", ("•", "–", "◦")[ilvl % 3]) for ilvl in range(LEVELS)]
NUMBERS = [("decimal", ("{}.", "({})", "{})")[ilvl % 3].format(f"%{ilvl + 1}")) for ilvl in range(LEVELS)]


def set_numbering(document) -> None:
    """One bullet and one decimal list definition, linked to List Bullet and List Number."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    numbering.append(abstract_list(0, "0B1E0001", "ListBullet", BULLETS))
    numbering.append(abstract_list(1, "0B1E0002", "ListNumber", NUMBERS))
    for style_name, abstract_id in (("List Bullet", 0), ("List Number", 1)):
        num = numbering.add_num(abstract_id)
        numPr = document.styles[style_name].element.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_numId().val = num.numId


def abstract_list(abstract_id: int, nsid: str, style_id: str, levels: list[tuple[str, str]]):
    """A ``w:abstractNum`` of ``levels`` (format, text), each indented one more step."""
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(abstract_id)})
    abstract.append(OxmlElement("w:nsid", {qn("w:val"): nsid}))
    abstract.append(OxmlElement("w:multiLevelType", {qn("w:val"): "hybridMultilevel"}))
    for ilvl, (fmt, text) in enumerate(levels):
        level = OxmlElement("w:lvl", {qn("w:ilvl"): str(ilvl)})
        level.append(OxmlElement("w:start", {qn("w:val"): "1"}))
        level.append(OxmlElement("w:numFmt", {qn("w:val"): fmt}))
        if ilvl == 0:
            level.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
        level.append(OxmlElement("w:lvlText", {qn("w:val"): text}))
        level.append(OxmlElement("w:lvlJc", {qn("w:val"): "left"}))
        indent = OxmlElement("w:ind", {qn("w:left"): str(INDENT * (ilvl + 1)), qn("w:hanging"): str(INDENT)})
        level.append(wrapped("w:pPr", [indent]))
        abstract.append(level)
    return abstract


# --- header and footer --------------------------------------------------------------


def set_header_and_footer(section) -> None:
    """An empty Header paragraph for the writer to fill, and a footer with a centred PAGE field."""
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    field = OxmlElement("w:fldSimple", {qn("w:instr"): " PAGE "})
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- fonts and theme ----------------------------------------------------------------


def replace_font_table(document) -> None:
    """A font table describing the four faces the styles use, for substitution where missing."""
    fonts = OxmlElement("w:fonts")
    for face in (SERIF, MINCHO, SANS, GOTHIC):
        fonts.append(font_element(face))
    replace_part(document, RT.FONT_TABLE, fonts)


def font_element(face: Face):
    """A ``w:font`` entry: alternate name, PANOSE, charset, family, pitch and signature."""
    font = OxmlElement("w:font", {qn("w:name"): face.name})
    if face.alt:
        font.append(OxmlElement("w:altName", {qn("w:val"): face.alt}))
    font.append(OxmlElement("w:panose1", {qn("w:val"): face.panose}))
    font.append(OxmlElement("w:charset", {qn("w:val"): face.charset}))
    font.append(OxmlElement("w:family", {qn("w:val"): face.family}))
    font.append(OxmlElement("w:pitch", {qn("w:val"): face.pitch}))
    usb0, usb1, usb2, usb3, csb0, csb1 = face.sig
    font.append(OxmlElement("w:sig", {qn("w:usb0"): usb0, qn("w:usb1"): usb1, qn("w:usb2"): usb2,
                                      qn("w:usb3"): usb3, qn("w:csb0"): csb0, qn("w:csb1"): csb1}))
    return font


def replace_theme_fonts(document) -> None:
    """Theme fonts: Arial/BIZ UDゴシック for headings, Times New Roman/BIZ UD明朝 Medium for text."""
    theme = parse_xml(document.part.part_related_by(RT.THEME).blob)
    theme.set("name", "Briefgen")
    scheme = theme.find(f".//{qn('a:fontScheme')}")
    scheme.set("name", "Briefgen")
    for tag, (latin, east_asian) in (("a:majorFont", HEADING), ("a:minorFont", BODY)):
        fonts = scheme.find(qn(tag))
        fonts.find(qn("a:latin")).set("typeface", latin.name)
        fonts.find("a:font[@script='Jpan']", {"a": fonts.nsmap["a"]}).set("typeface", east_asian.name)
    replace_part(document, RT.THEME, theme)


# --- settings and properties --------------------------------------------------------


def clean_settings(document) -> None:
    """Drop revision ids, the document id and proofing state; Word 2013 compatibility, in which
    a justified line ending in a line break is not stretched."""
    settings = document.settings.element
    for tag in ("w:rsids", "w14:docId", "w:proofState", "w:savePreviewPicture", "w:zoom"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    settings.find(qn("w:defaultTabStop")).set(qn("w:val"), str(2 * INDENT))
    mode = settings.find(f"{qn('w:compat')}/{qn('w:compatSetting')}[@{qn('w:name')}='compatibilityMode']")
    mode.set(qn("w:val"), "15")
    compat = settings.find(qn("w:compat"))
    compat.insert(compat.index(compat.find(qn("w:useFELayout"))), OxmlElement("w:doNotExpandShiftReturn"))


def clean_properties(document) -> None:
    """Empty core properties: no creator, description or dates."""
    properties = document.core_properties
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.title = properties.subject = properties.keywords = properties.category = ""
    properties.revision = 1
    set_package_dates(document, None)


if __name__ == "__main__":
    main()
