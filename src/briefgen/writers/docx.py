"""The Word writer: a document tree rendered in the house style of ``reference.docx``.

The reference document gives page setup, styles, list numbering, header and footer; its body is
replaced by the tree. Elements take built-in Word styles (Title, Heading 1–3, List Bullet, List
Number, Table Grid, Emphasis, Strong) and the house styles Box and Citation; a ``role`` takes the
style ROLE_STYLES names for it when the reference has that style, else the element's style. The
element styles a tree needs are checked before anything is rendered.

Lists take their numbering from List Bullet's and List Number's numbering in the reference; each
numbered list is a numbering instance of its own, so it restarts at 1 in Word and LibreOffice.
An item's paragraphs keep their roles: the first is numbered, the others are indented to the
item's text; a list's own role is not rendered.

The body is built element by element (python-docx's oxml elements, each put in its place
directly), giving the XML python-docx's own methods give at a cost that does not grow with
the document: those search the body for the insertion point and every numbering instance
for a free id, and set run text a character at a time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional, Union

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.numbering import CT_Num
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Length, Mm, Twips
from docx.table import _Cell

from ..doctree import (
    Block,
    Box,
    Document,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    PageBreak,
    Paragraph,
    Span,
    Table,
    Text,
)
from ..errors import OutputError, TemplateError
from ..resources import Resources
from .docx_package import open_reference, package_bytes, set_package_dates

SUFFIX = ".docx"


@dataclass(frozen=True)
class RoleStyle:
    """The styles a role takes: a paragraph style for ``<p>``, a table style for ``<box>``/``<table>``."""

    paragraph: Optional[str] = None
    frame: Optional[str] = None


# The one coupling between templates and reference.docx: role name → style names.
ROLE_STYLES: dict[str, RoleStyle] = {
    "band": RoleStyle("Band", "Band Box"),
    "subtitle": RoleStyle("Subtitle"),
    "label": RoleStyle("Label"),
    "conclusion": RoleStyle("Conclusion", "Conclusion Box"),
    "headline": RoleStyle("Headline"),
    "context": RoleStyle("Context", "Context Box"),
    "action": RoleStyle("Action"),
    "rationale": RoleStyle("Rationale"),
    "evidence": RoleStyle("Evidence"),
    "attribution": RoleStyle("Attribution"),
    "note": RoleStyle("Note"),
    "footer": RoleStyle("Footer Note", "Footer Band"),
    "small": RoleStyle("Small"),
}

TITLE_STYLE = "Title"
BULLET_STYLE = "List Bullet"
NUMBER_STYLE = "List Number"
LIST_LEVELS = 9  # Word's list levels; deeper lists share the last
TABLE_STYLE = "Table Grid"
BOX_STYLE = "Box"
CELL_STYLE = "Table Text"  # optional: Normal where the reference lacks it
HEADER_CELL_STYLE = "Table Heading"  # optional, likewise
SPAN_STYLES = {"em": "Emphasis", "strong": "Strong", "cite": "Citation"}
# The document's language, and the languages Word proofs its text in. Latin text is English in
# both documents, British as the model writes it (organisation, behaviour); tagged Japanese,
# LibreOffice would break Latin words anywhere. East Asian text is Japanese in both.
LANGUAGE_TAGS = {"ja": "ja-JP", "en": "en-GB"}
LATIN_TEXT_LANGUAGE = "en-GB"
EAST_ASIAN_TEXT_LANGUAGE = "ja-JP"
FRAME_PADDING = Mm(6)  # width a frame's cell margins take from the blocks inside it
RUN_BREAKS = re.compile(r"([\t\r\n])")  # characters python-docx's run.text turns into elements

PARAGRAPH, CHARACTER, TABLE = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE
Container = Union[WordDocument, _Cell]


def render(document: Document, resources: Resources) -> bytes:
    """The Word file of ``document`` in the house style of the reference document."""
    path = resources.path("reference.docx")
    word = open_reference(path)
    sheet = Stylesheet(word)
    check_styles(path, sheet, document)
    clear_body(word)
    Renderer(word, sheet).blocks(word, document.blocks, text_width(word))
    fill_header_and_footer(word, document, sheet.ids)
    set_properties(word, document)
    return package_bytes(word)


# --- the reference's styles -----------------------------------------------------------


class Stylesheet:
    """The reference document's styles, as elements and roles resolve to them."""

    def __init__(self, word: WordDocument):
        self.word = word
        self.kinds = {style.name: style.type for style in word.styles}
        self.ids = {style.name: style.style_id for style in word.styles}

    def has(self, name: str, kind: WD_STYLE_TYPE) -> bool:
        """Whether the reference has a style ``name`` of type ``kind``."""
        return self.kinds.get(name) == kind

    def paragraph(self, role: Optional[str], default: Optional[str] = None) -> Optional[str]:
        """The role's paragraph style, else ``default``, else None (the document's default)."""
        for name in (ROLE_STYLES.get(role, RoleStyle()).paragraph, default):
            if name and self.has(name, PARAGRAPH):
                return name
        return None

    def frame(self, role: Optional[str], default: str) -> str:
        """The role's table style if the reference has it, else ``default``."""
        name = ROLE_STYLES.get(role, RoleStyle()).frame
        return name if name and self.has(name, TABLE) else default

    def list_num_id(self, style: str) -> Optional[int]:
        """The numbering instance the list style ``style`` is linked to, if any."""
        pPr = self.word.styles[style].element.pPr
        numPr = pPr.numPr if pPr is not None else None
        return numPr.numId.val if numPr is not None and numPr.numId is not None else None


def check_styles(path: Path, sheet: Stylesheet, document: Document) -> None:
    """A TemplateError listing every style the tree needs that the reference lacks."""
    needed = dict.fromkeys([*block_styles(document.blocks, sheet), *inline_styles(document.header),
                            *inline_styles(document.footer)])
    problems = [f"{path}: reference document lacks style '{name}'"
                for name, kind in needed if not sheet.has(name, kind)]
    problems += [f"{path}: reference document's style '{name}' has no list numbering"
                 for name, kind in needed
                 if name in (BULLET_STYLE, NUMBER_STYLE) and sheet.has(name, kind) and sheet.list_num_id(name) is None]
    if problems:
        raise TemplateError("\n".join(problems))


def block_styles(blocks: tuple[Block, ...], sheet: Stylesheet) -> Iterator[tuple[str, WD_STYLE_TYPE]]:
    """The element styles rendering ``blocks`` uses, as (name, type), in document order."""
    for block in blocks:
        if isinstance(block, Heading):
            yield heading_style(block.level), PARAGRAPH
            yield from inline_styles(block.children)
        elif isinstance(block, Paragraph):
            yield from inline_styles(block.children)
        elif isinstance(block, ListBlock):
            yield from list_styles(block, sheet)
        elif isinstance(block, Table):
            yield sheet.frame(block.role, TABLE_STYLE), TABLE
            for row in block.rows:
                for cell in row:
                    yield from block_styles(cell.blocks, sheet)
        elif isinstance(block, Box):
            yield sheet.frame(block.role, BOX_STYLE), TABLE
            yield from block_styles(block.blocks, sheet)


def list_styles(block: ListBlock, sheet: Stylesheet) -> Iterator[tuple[str, WD_STYLE_TYPE]]:
    """The list style (whose numbering the list takes), then the styles of its items' blocks."""
    yield list_style(block), PARAGRAPH
    for item in block.items:
        yield from block_styles(item, sheet)


def inline_styles(nodes: tuple[Inline, ...]) -> Iterator[tuple[str, WD_STYLE_TYPE]]:
    """The character styles of the spans in ``nodes``."""
    for node in nodes:
        if isinstance(node, Span):
            yield SPAN_STYLES[node.kind], CHARACTER
            yield from inline_styles(node.children)


def heading_style(level: int) -> str:
    """Level 0 is the document title; 1–3 are Heading 1–3."""
    return TITLE_STYLE if level == 0 else f"Heading {level}"


def list_style(block: ListBlock) -> str:
    """The style whose numbering a list takes, and which its role-less first paragraphs take."""
    return NUMBER_STYLE if block.ordered else BULLET_STYLE


def split_item(item: tuple[Block, ...]) -> tuple[Paragraph, tuple[Block, ...]]:
    """An item's numbered paragraph (its first block if that is a paragraph, else an empty one) and the rest."""
    if item and isinstance(item[0], Paragraph):
        return item[0], item[1:]
    return Paragraph(()), item


# --- rendering --------------------------------------------------------------------


class Renderer:
    """Appends blocks to a Word document or table cell; holds list numbering and a pending page break."""

    def __init__(self, word: WordDocument, sheet: Stylesheet):
        self.sheet = sheet
        self.numbering = Numbering(word.part.numbering_part.element)
        self.body = word.element.body
        self.body_end = self.body.sectPr
        self.break_pending = False

    def blocks(self, container: Container, blocks: tuple[Block, ...], width: Length,
               default: Optional[str] = None) -> None:
        """Render ``blocks`` into ``container`` (``width`` wide); ``default`` styles role-less paragraphs."""
        for block in blocks:
            if isinstance(block, Heading):
                self.paragraph(container, block.children, heading_style(block.level))
            elif isinstance(block, Paragraph):
                self.paragraph(container, block.children, self.sheet.paragraph(block.role, default))
            elif isinstance(block, ListBlock):
                self.list(container, block, width, depth=0)
            elif isinstance(block, Table):
                self.table(container, block, width)
            elif isinstance(block, Box):
                self.box(container, block, width)
            elif isinstance(block, PageBreak):
                self.break_pending = True

    def paragraph(self, container: Container, nodes: tuple[Inline, ...], style: Optional[str]) -> CT_P:
        """A new paragraph of ``style`` holding ``nodes``; it starts a page if a break is pending.

        Styles are set by id: python-docx's lookup by name scans every style for each call.
        """
        p = self.add_block(container, OxmlElement("w:p"))
        set_paragraph_properties(p, self.sheet.ids[style] if style else None, self.break_pending)
        self.break_pending = False
        inlines(p, nodes, self.sheet.ids)
        return p

    def add_block(self, container: Container, element):
        """``element`` put at the end of ``container``: in the body just before its final section
        properties, held from the start since python-docx would search the whole body for them."""
        if isinstance(container, _Cell):
            container._tc.append(element)
        elif self.body_end is not None:
            self.body_end.addprevious(element)
        else:
            self.body.append(element)
        return element

    def list(self, container: Container, block: ListBlock, width: Length, depth: int) -> None:
        """A bulleted or numbered list at ``depth`` (0 outermost); each numbered list restarts at 1."""
        style = list_style(block)
        level = min(depth, LIST_LEVELS - 1)
        num_id = self.sheet.list_num_id(style)
        if block.ordered:
            num_id = self.numbering.restarted(num_id, level)
        item_list = ItemList(style, num_id, level, self.numbering.level_indent(num_id, level))
        for item in block.items:
            self.list_item(container, item, item_list, width, depth)

    def list_item(self, container: Container, item: tuple[Block, ...], item_list: "ItemList", width: Length,
                  depth: int) -> None:
        """The item's first paragraph numbered, its other paragraphs indented to its text; nested
        lists one level deeper; other blocks as they are."""
        lead, rest = split_item(item)
        numbered = self.paragraph(container, lead.children, self.sheet.paragraph(lead.role, item_list.style))
        set_numbering(numbered, item_list.num_id, item_list.level)
        for block in rest:
            if isinstance(block, Paragraph):
                paragraph = self.paragraph(container, block.children, self.sheet.paragraph(block.role))
                set_indent(paragraph, item_list.indent)
            elif isinstance(block, ListBlock):
                self.list(container, block, width, depth + 1)
            else:
                self.blocks(container, (block,), width)

    def table(self, container: Container, table: Table, width: Length) -> None:
        """A table in the role's table style (else Table Grid): rows kept whole on a page, leading
        header rows repeated on each page, and the whole table on one page where it fits (each
        row but the last kept with the next)."""
        columns = max(len(row) for row in table.rows)
        widths = column_widths(table.widths, columns, width)
        grid = self.frame(container, len(table.rows), widths, self.sheet.frame(table.role, TABLE_STYLE))
        leading_header = True
        for index, (word_row, row) in enumerate(zip(grid.rows, table.rows)):
            leading_header = leading_header and all(cell.header for cell in row)
            row_properties = word_row._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            if leading_header:
                row_properties.append(OxmlElement("w:tblHeader"))
            for word_cell, cell, cell_width in zip(word_row.cells, row, widths):
                style = HEADER_CELL_STYLE if cell.header else CELL_STYLE
                self.cell(word_cell, cell.blocks, cell_width, self.sheet.paragraph(None, style))
                if index < len(table.rows) - 1:
                    for paragraph in word_cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True

    def box(self, container: Container, box: Box, width: Length) -> None:
        """A one-cell table in the role's table style (else Box) holding the box's blocks."""
        frame = self.frame(container, 1, [width], self.sheet.frame(box.role, BOX_STYLE))
        self.cell(frame.cell(0, 0), box.blocks, width)

    def frame(self, container: Container, rows: int, widths: list[Length], style: str):
        """An empty fixed-layout table of ``style`` with columns of ``widths``."""
        if self.break_pending:
            page_break = add_run(self.add_block(container, OxmlElement("w:p")), None)
            page_break.append(OxmlElement("w:br", {qn("w:type"): "page"}))
            self.break_pending = False
        table = container.add_table(rows=rows, cols=len(widths))
        table.style = style
        table.autofit = False
        for column, column_width in zip(table.columns, widths):
            column.width = column_width
            for cell in column.cells:
                cell.width = column_width
        return table

    def cell(self, cell: _Cell, blocks: tuple[Block, ...], width: Length, default: Optional[str] = None) -> None:
        """Fill an empty table cell with ``blocks``, dropping the paragraph a new cell starts with."""
        placeholder = cell.paragraphs[0]._p
        self.blocks(cell, blocks, Length(width - FRAME_PADDING), default)
        if len(cell._tc.inner_content_elements) > 1:
            cell._tc.remove(placeholder)


@dataclass(frozen=True)
class ItemList:
    """How a list's items are set: the list style, numbering instance and level, and text indent."""

    style: str
    num_id: int
    level: int
    indent: Optional[Length]


def set_paragraph_properties(p: CT_P, style_id: Optional[str], page_break: bool) -> None:
    """Give the new paragraph ``p`` its style and page break, built directly in schema order."""
    if not (style_id or page_break):
        return
    pPr = p.get_or_add_pPr()
    if style_id:
        pPr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    if page_break:
        pPr.append(OxmlElement("w:pageBreakBefore"))


def inlines(p: CT_P, nodes: tuple[Inline, ...], style_ids: dict[str, str], style: Optional[str] = None) -> None:
    """Runs for ``nodes``: text literally, spans in their character style (the innermost wins)."""
    for node in nodes:
        if isinstance(node, Text):
            set_run_text(add_run(p, style_ids[style] if style else None), node.text)
        elif isinstance(node, LineBreak):
            add_run(p, style_ids[style] if style else None).append(OxmlElement("w:br"))
        else:
            inlines(p, node.children, style_ids, SPAN_STYLES[node.kind])


def add_run(p: CT_P, style_id: Optional[str]) -> CT_R:
    """A new run at the end of ``p``, in the character style ``style_id`` if given."""
    r = OxmlElement("w:r")
    if style_id:
        rPr = OxmlElement("w:rPr")
        rPr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
        r.append(rPr)
    p.append(r)
    return r


def set_run_text(r: CT_R, text: str) -> None:
    """``text`` into the empty run ``r`` as python-docx's ``run.text`` puts it, a piece at a time
    rather than a character: each tab a ``w:tab``, each CR or LF a ``w:br``, the rest ``w:t``."""
    for piece in RUN_BREAKS.split(text):
        if piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece in ("\r", "\n"):
            r.append(OxmlElement("w:br"))
        elif piece:
            r.append(text_element(piece))


def text_element(text: str):
    """A ``w:t`` holding ``text``, marked to keep its spaces when it starts or ends with whitespace."""
    t = OxmlElement("w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(qn("xml:space"), "preserve")
    return t


class Numbering:
    """The numbering part's list instances; a new one takes the lowest unused id, as python-docx
    picks it, from a counter and a map of ids, where python-docx would search every instance."""

    def __init__(self, element):
        self.element = element
        self.abstract_ids = {num.numId: num.abstractNumId.val for num in element.num_lst}
        self.next_id = 1
        self.end = element.find(qn("w:numIdMacAtCleanup"))

    def restarted(self, num_id: int, level: int) -> int:
        """A new numbering instance of the same list definition as ``num_id``, restarting ``level`` at 1."""
        while self.next_id in self.abstract_ids:
            self.next_id += 1
        num = CT_Num.new(self.next_id, self.abstract_ids[num_id])
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
        if self.end is not None:
            self.end.addprevious(num)
        else:
            self.element.append(num)
        self.abstract_ids[self.next_id] = self.abstract_ids[num_id]
        return self.next_id

    def level_indent(self, num_id: int, level: int) -> Optional[Length]:
        """Where the text of ``level`` of the list ``num_id`` starts, as its list definition says."""
        abstract_id = self.abstract_ids[num_id]
        level_path = f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{level}"]'
        found = self.element.xpath(f"{level_path}/w:pPr/w:ind/@w:left")
        return Twips(int(found[0])) if found else None


def set_numbering(p: CT_P, num_id: int, level: int) -> None:
    """Number the new paragraph ``p`` as an item of list instance ``num_id`` at ``level``; appended,
    as ``p`` has at most a style and a page break, which come before it (no schema search needed)."""
    ilvl, numId = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    ilvl.val, numId.val = level, num_id
    numPr = OxmlElement("w:numPr")
    numPr.extend((ilvl, numId))
    p.get_or_add_pPr().append(numPr)


def set_indent(p: CT_P, indent: Optional[Length]) -> None:
    """Indent the new paragraph ``p`` by ``indent`` (appended, as for numbering); with no indent its
    properties stay, empty, as python-docx's ``left_indent = None`` leaves them."""
    pPr = p.get_or_add_pPr()
    if indent is not None:
        ind = OxmlElement("w:ind")
        ind.left = indent
        pPr.append(ind)


def column_widths(weights: tuple[float, ...], columns: int, width: Length) -> list[Length]:
    """``width`` shared among ``columns`` in proportion to ``weights`` (equally without them)."""
    weights = weights if len(weights) == columns else (1.0,) * columns
    return [Length(int(width * weight / sum(weights))) for weight in weights]


# --- the document around the body -----------------------------------------------------


def clear_body(word: WordDocument) -> None:
    """Remove the reference's body content, keeping its final section (page setup, header, footer)."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def text_width(word: WordDocument) -> Length:
    """The width between the margins of the document's last section."""
    section = word.sections[-1]
    return Length(section.page_width - section.left_margin - section.right_margin)


def fill_header_and_footer(word: WordDocument, document: Document, style_ids: dict[str, str]) -> None:
    """The header text into the header's first paragraph; footer text above the footer's first paragraph."""
    section = word.sections[0]
    if document.header:
        paragraph = section.header.paragraphs[0]
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
        inlines(paragraph._p, document.header, style_ids)
    if document.footer:
        first = section.footer.paragraphs[0]
        inlines(first.insert_paragraph_before(style=first.style)._p, document.footer, style_ids)


def set_properties(word: WordDocument, document: Document) -> None:
    """Title, subject, author, keywords and language from the tree; no clock, user or host."""
    properties = word.core_properties
    meta = document.meta
    properties.title, properties.subject = meta.title, meta.subject
    properties.author = properties.last_modified_by = meta.author
    properties.keywords = meta.keywords
    properties.language = LANGUAGE_TAGS[document.lang]
    properties.comments = ""
    properties.revision = 1
    set_package_dates(word, source_date())
    set_default_languages(word)


def set_default_languages(word: WordDocument) -> None:
    """Tag Latin and East Asian text in the document defaults, whatever the reference says."""
    defaults = child(word.styles.element, "w:docDefaults")
    rPr = child(child(defaults, "w:rPrDefault"), "w:rPr")
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = rPr.insert_element_before(OxmlElement("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), LATIN_TEXT_LANGUAGE)
    lang.set(qn("w:eastAsia"), EAST_ASIAN_TEXT_LANGUAGE)


def child(parent, tag: str):
    """The ``tag`` child of ``parent``, added as its first child if missing (where these belong)."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(0, found)
    return found


def source_date() -> Optional[datetime]:
    """SOURCE_DATE_EPOCH as a date, or None when it is unset (the document then has no dates)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise OutputError(f"SOURCE_DATE_EPOCH: not a number of seconds since 1970: {value!r}") from None
