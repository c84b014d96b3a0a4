"""Document-tree blocks → platypus flowables, each styled by the stylesheet.

A paragraph without a role takes its container's: inside ``<box role="conclusion">`` it is
styled as ``p.conclusion``, inside a list item as ``li.<list role>``, inside a cell as
``th``/``td``. A list becomes its items' blocks, indented, with hanging markers, so it
flows like paragraphs; tables and boxes are reportlab Tables, which split across pages by
row and within a row. Every piece of text is a ``TextBlock``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional

from reportlab.platypus import Flowable, PageBreak, Spacer, Table
from reportlab.platypus import TableStyle as Commands

from .. import doctree as dt
from ..errors import LayoutError
from .pdf_flow import Indent
from .pdf_fonts import Faces
from .pdf_style import BoxStyle, ListStyle, Stylesheet, TableStyle, TextStyle
from .pdf_text import Bookmark, Ink, TextBlock

WHITESPACE = str.maketrans("\t\r\n", "   ")


@dataclass(frozen=True)
class Context:
    """What a block inherits from its container: role, paragraph kind, list depth, and the
    role of the nearest box, list or table around it (``within``)."""

    role: Optional[str] = None
    kind: str = "p"
    depth: int = 0
    within: Optional[str] = None


class Builder:
    """Builds the flowables of one document with one (possibly scaled) stylesheet."""

    def __init__(self, sheet: Stylesheet, faces: Faces, outline: bool, one_page: bool):
        self.sheet, self.faces = sheet, faces
        self.outline, self.one_page = outline, one_page
        self.bookmarks: list[Bookmark] = []
        self.sizes: Counter[float] = Counter()

    # --- text ---------------------------------------------------------------------

    def runs(self, nodes: tuple[dt.Inline, ...], style: TextStyle, where: str, spans: tuple = ()) -> list[tuple[str, Ink]]:
        """Inline nodes as (text, ink) runs, each drawn by a face that has its glyphs."""
        runs: list[tuple[str, Ink]] = []
        for node in nodes:
            if isinstance(node, dt.Span):
                runs += self.runs(node.children, style, where, spans + (self.sheet.span(node.kind),))
            else:
                text = "\n" if isinstance(node, dt.LineBreak) else node.text.translate(WHITESPACE)
                runs += self._inked(text, style, spans, where)
        return runs

    def _inked(self, text: str, style: TextStyle, spans: tuple, where: str) -> list[tuple[str, Ink]]:
        face, color, size = style.font, style.color, style.size
        for span in spans:
            face, color, size = span.font or face, span.color or color, size * span.scale
        return [(part, Ink(self.faces.name(f), size, color)) for part, f in self.faces.runs(text, face, where)]

    def text_block(self, nodes: tuple[dt.Inline, ...], style: TextStyle, bookmark: Optional[Bookmark] = None) -> TextBlock:
        block = TextBlock.from_runs(self.runs(nodes, style, dt.plain_text(nodes)), style, bookmark)
        self.sizes[style.size] += len(block.text)
        return block

    def body_size(self) -> float:
        """The size most of the text built so far is set in."""
        return self.sizes.most_common(1)[0][0] if self.sizes else self.sheet.text("p").size

    def _bookmark(self, heading: dt.Heading) -> Optional[Bookmark]:
        """An outline entry for ``heading``, its level at most one below the previous entry's."""
        if not self.outline:
            return None
        level = min(heading.level, self.bookmarks[-1].level + 1 if self.bookmarks else 0)
        mark = Bookmark(f"h{len(self.bookmarks)}", dt.plain_text(heading.children).replace("\n", " "), level)
        self.bookmarks.append(mark)
        return mark

    # --- blocks -------------------------------------------------------------------

    def blocks(self, blocks: tuple[dt.Block, ...], ctx: Context = Context()) -> list[Flowable]:
        return [flowable for block in blocks for flowable in self.block(block, ctx)]

    def block(self, block: dt.Block, ctx: Context) -> list[Flowable]:
        """The flowables of one block (a list gives one per item block, the others one)."""
        if isinstance(block, dt.ListBlock):
            return self.list_block(block, ctx)
        if isinstance(block, dt.Heading):
            style = self.sheet.text(f"h{block.level}", ctx.role, ctx.within)
            return [self.text_block(block.children, style, self._bookmark(block))]
        if isinstance(block, dt.Paragraph):
            return [self.text_block(block.children, self.sheet.text(ctx.kind, block.role or ctx.role, ctx.within))]
        if isinstance(block, dt.Table):
            return [self.table(block, ctx)]
        if isinstance(block, dt.Box):
            return [self.box(block, ctx)]
        if self.one_page:
            raise LayoutError("a one-page document cannot hold a page break")
        return [PageBreak()]

    def _marker(self, text: str, style: TextStyle, lstyle: ListStyle) -> TextBlock:
        marker = replace(
            style, font=lstyle.marker_font or style.font, color=lstyle.marker_color or style.color,
            align="left", space_before=0.0, space_after=0.0, indent=0.0, first_indent=0.0, keep_with_next=False,
        )
        return self.text_block((dt.Text(text),), marker)

    def list_block(self, block: dt.ListBlock, ctx: Context) -> list[Flowable]:
        """Each item's blocks indented past a marker column, the marker hanging on its first line."""
        role = block.role or ctx.role
        lstyle = self.sheet.list(role, ctx.within)
        inner = Context(role, "li", ctx.depth + 1, role)
        items = [self.blocks(item, inner) or [Spacer(0, 0)] for item in block.items]
        markers = [
            self._marker(self._label(block, lstyle, number, ctx.depth), self._first_style(item, role), lstyle)
            for number, item in enumerate(block.items, start=1)
        ]
        column = max((sum(m.widths) + lstyle.marker_gap * m.style.size for m in markers), default=0.0)
        flowables: list[Flowable] = []
        for index, (marker, item) in enumerate(zip(markers, items)):
            before = lstyle.item_space if index else lstyle.space_before
            flowables.append(Indent(item[0], lstyle.indent + column, marker, lstyle.indent, before))
            flowables += [Indent(f, lstyle.indent + column) for f in item[1:]]
        if flowables:
            flowables[-1].spaceAfter += lstyle.space_after
        return flowables

    def _first_style(self, item: tuple[dt.Block, ...], role: Optional[str]) -> TextStyle:
        """The style of a list item's first paragraph, which its marker shares."""
        own = getattr(item[0], "role", None) if item else None
        return self.sheet.text("li", own or role, role)

    @staticmethod
    def _label(block: dt.ListBlock, lstyle: ListStyle, number: int, depth: int) -> str:
        return lstyle.number.format(n=number) if block.ordered else lstyle.bullets[depth % len(lstyle.bullets)]

    def table(self, block: dt.Table, ctx: Context) -> Table:
        role = block.role or ctx.role
        tstyle = self.sheet.table(role, ctx.within)
        columns = max((len(row) for row in block.rows), default=1)
        rows = [
            [self.blocks(cell.blocks, Context(role, "th" if cell.header else "td", ctx.depth, role)) or [Spacer(0, 0)] for cell in row]
            + [[Spacer(0, 0)]] * (columns - len(row))
            for row in block.rows
        ]
        heads = next((i for i, row in enumerate(block.rows) if not all(c.header for c in row)), len(block.rows))
        weights = block.widths if len(block.widths) == columns else (1.0,) * columns
        widths = [f"{100 * w / sum(weights):.4f}%" for w in weights]
        return self._table(rows, widths, _table_commands(tstyle, heads, len(rows)), tstyle, heads)

    def box(self, block: dt.Box, ctx: Context) -> Table:
        """A one-cell table; a left accent bar is a narrow first column filled with its colour."""
        role = block.role or ctx.role
        bstyle = self.sheet.box(role, ctx.within)
        content = self.blocks(block.blocks, Context(role, "p", ctx.depth, role)) or [Spacer(0, 0)]
        accent = bool(bstyle.accent_color and bstyle.accent_width)
        rows, widths = ([[Spacer(0, 0), content]], [bstyle.accent_width, "*"]) if accent else ([[content]], ["100%"])
        table = self._table(rows, widths, _box_commands(bstyle, accent), bstyle)
        table.pin_bottom = bstyle.pin_bottom
        return table

    def _table(self, rows: list, widths: list, commands: list, style, heads: int = 0) -> Table:
        """A borderless, unpadded, top-aligned table drawn with our font, plus ``commands``."""
        base = [
            ("FONTNAME", (0, 0), (-1, -1), self.faces.name(self.sheet.text("text").font)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *[(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")],
        ]
        table = Table(rows, colWidths=widths, repeatRows=heads, splitInRow=1, style=Commands(base + commands))
        table.spaceBefore, table.spaceAfter = style.space_before, style.space_after
        return table


def _padding(px: float, py: float, cells=((0, 0), (-1, -1))) -> list:
    return [("LEFTPADDING", *cells, px), ("RIGHTPADDING", *cells, px), ("TOPPADDING", *cells, py), ("BOTTOMPADDING", *cells, py)]


def _table_commands(style: TableStyle, heads: int, count: int) -> list:
    commands = _padding(style.padding_x, style.padding_y)
    if style.border_color and style.border_width:
        commands.append(("BOX", (0, 0), (-1, -1), style.border_width, style.border_color))
    if style.grid_color and style.grid_width:
        commands.append(("INNERGRID", (0, 0), (-1, -1), style.grid_width, style.grid_color))
    if style.header_background and heads:
        commands.append(("BACKGROUND", (0, 0), (-1, heads - 1), style.header_background))
    if style.stripe and count > heads:
        commands.append(("ROWBACKGROUNDS", (0, heads), (-1, -1), [None, style.stripe]))
    return commands


def _box_commands(style: BoxStyle, accent: bool) -> list:
    commands = _padding(style.padding_x, style.padding_y, ((int(accent), 0), (-1, -1)))
    if style.background:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), style.background))
    if accent:
        commands.append(("BACKGROUND", (0, 0), (0, -1), style.accent_color))
    if style.border_color and style.border_width:
        commands.append(("BOX", (0, 0), (-1, -1), style.border_width, style.border_color))
    if style.radius:
        commands.append(("ROUNDEDCORNERS", [style.radius] * 4))
    return commands
