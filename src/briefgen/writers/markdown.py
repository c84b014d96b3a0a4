"""Markdown writer: a document tree as pandoc Markdown that CommonMark readers also follow.

Metadata goes into a YAML block (``lang``, ``pagetitle``, ``subject``, ``author``,
``keywords``); the title heading (level 0) is ``#`` and section levels 1–3 are ``##``–``####``.
Tables are pipe tables whose cells hold one line (blocks inside a cell are run together);
boxes are block quotes; em and cite are ``*…*`` and strong is ``**…**``. Every character that
Markdown could read as markup is escaped, so model text always comes back literally (runs of
hyphens too, which pandoc would make dashes; straight quotes and "..." are left to its
typography).
Running headers, footers and page breaks are page furniture and have no Markdown form.
"""

from __future__ import annotations

import re

from ..doctree import (
    Block,
    Box,
    Cell,
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
from ..resources import Resources

SUFFIX = ".md"

_NEWLINE = re.compile(r"\r\n?|\n")
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&#|~^$@{]|-(?=-))")
_LINE_START = re.compile(r"^[ \t]*(?:([-+=%:])|(\(?[0-9A-Za-z]+)([.)])(?=[ \t]|$))", re.MULTILINE)
_DELIMITERS = {"em": "*", "cite": "*", "strong": "**"}
_TABLE_WIDTH = 72  # dashes in a table's rule line, shared out by the column widths


def render(document: Document, resources: Resources) -> bytes:
    """The document as UTF-8 Markdown with a metadata block; ``resources`` is not needed."""
    parts = [_front_matter(document), *_blocks(document.blocks)]
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def escape(text: str) -> str:
    """Text with every character Markdown could take for markup backslash-escaped."""
    return _ANYWHERE.sub(r"\\\1", _NEWLINE.sub(" ", text))


def _safe_lines(markdown: str) -> str:
    """Escape what would open a block at a line start (list markers, ``:``, ``=``, ``%``)."""

    def fix(match: re.Match) -> str:
        if match.group(1):
            return "\\" + match.group(1)
        return f"{match.group(2)}\\{match.group(3)}"

    return _LINE_START.sub(fix, markdown)


def _front_matter(document: Document) -> str:
    """The YAML metadata block; values are single-quoted YAML holding escaped Markdown."""
    meta = document.meta
    fields = [("pagetitle", meta.title), ("subject", meta.subject), ("author", meta.author)]
    lines = [f"lang: {document.lang}"]
    lines += [f"{name}: {_yaml(value)}" for name, value in fields if value]
    if meta.keywords:
        lines.append(f"keywords: [{_yaml(meta.keywords)}]")
    return "---\n" + "\n".join(lines) + "\n---"


def _yaml(value: str) -> str:
    """A metadata value: Markdown-escaped (pandoc parses it as Markdown), then YAML-quoted."""
    return "'" + _safe_lines(escape(value)).replace("'", "''") + "'"


def _inline(nodes: tuple[Inline, ...], br: str, active: frozenset[str] = frozenset()) -> str:
    """Inline nodes as Markdown; ``br`` is what a line break becomes in this context."""
    return "".join(_inline_node(node, br, active) for node in nodes)


def _inline_node(node: Inline, br: str, active: frozenset[str]) -> str:
    """One inline node; ``active`` holds the delimiters already open around it."""
    if isinstance(node, Text):
        return escape(node.text)
    if isinstance(node, LineBreak):
        return br
    return _span(node, br, active)


def _span(span: Span, br: str, active: frozenset[str]) -> str:
    """A styled span; edge spaces stay outside the delimiters so these still open and close.

    A span inside one with the same delimiter adds none, as ``*a *b* c*`` would misparse.
    """
    mark = _DELIMITERS[span.kind]
    if mark in active:
        return _inline(span.children, br, active)
    inner = _inline(span.children, br, active | {mark})
    body = inner.strip(" ")
    if not body:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip(" "))], inner[len(inner.rstrip(" ")) :]
    return f"{lead}{mark}{body}{mark}{trail}"


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    """Each block's Markdown, leaving out blocks with nothing to show."""
    return [text for text in map(_block, blocks) if text]


def _block(block: Block) -> str:
    """One block as Markdown lines (empty when it has no Markdown form)."""
    if isinstance(block, Paragraph):
        return _paragraph(block.children)
    if isinstance(block, Heading):
        return ("#" * (block.level + 1) + " " + _inline(block.children, " ").strip()).rstrip()
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Box):
        return _quote("\n\n".join(_blocks(block.blocks)))
    assert isinstance(block, PageBreak)
    return ""


def _paragraph(children: tuple[Inline, ...]) -> str:
    """A paragraph: hard breaks as backslash-newline, no line able to start another block."""
    lines = _safe_lines(_inline(children, "\\\n")).split("\n")
    return "\n".join(line.strip(" \t") for line in lines).strip("\n")


def _quote(markdown: str) -> str:
    """Markdown inside a block quote."""
    return "\n".join(f"> {line}" if line else ">" for line in markdown.split("\n")) if markdown else ""


def _list(block: ListBlock) -> str:
    """A list, tight unless an item holds several paragraphs; nested content is indented."""
    items = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}. " if block.ordered else "- "
        items.append(_indent(marker, _item(item)))
    loose = any("\n\n" in item for item in items)
    return ("\n\n" if loose else "\n").join(items)


def _item(blocks: tuple[Block, ...]) -> str:
    """An item's blocks: a nested list follows its lead-in directly, anything else after a gap."""
    parts = []
    for block in blocks:
        if text := _block(block):
            gap = "\n" if isinstance(block, ListBlock) else "\n\n"
            parts.append(gap + text if parts else text)
    return "".join(parts)


def _indent(marker: str, body: str) -> str:
    """``body`` after a list marker, later lines indented to the item's content column."""
    pad = " " * len(marker)
    lines = body.split("\n")
    rest = [pad + line if line else "" for line in lines[1:]]
    return "\n".join([(marker + lines[0]).rstrip(), *rest])


def _table(table: Table) -> str:
    """A pipe table; a table without a header row gets a blank one, as pandoc requires."""
    columns = max((len(row) for row in table.rows), default=0)
    if not columns:
        return ""
    rows = [[_cell(cell) for cell in row] + [""] * (columns - len(row)) for row in table.rows]
    has_header = all(cell.header for cell in table.rows[0])
    header, body = (rows[0], rows[1:]) if has_header else ([""] * columns, rows)
    lines = [_row(header), _rule(table.widths, columns), *map(_row, body)]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    """One table row of already rendered cells."""
    return "| " + " | ".join(cells) + " |"


def _rule(widths: tuple[float, ...], columns: int) -> str:
    """The header rule; pandoc reads relative column widths from its dashes, if any are given."""
    if len(widths) != columns or sum(widths) <= 0:
        return "|" + "|".join(["---"] * columns) + "|"
    total = sum(widths)
    return "|" + "|".join("-" * max(3, round(_TABLE_WIDTH * w / total)) for w in widths) + "|"


def _cell(cell: Cell) -> str:
    """A cell's blocks run together on one line, list items separated by semicolons."""
    return " ".join(filter(None, map(_flat, cell.blocks)))


def _flat(block: Block) -> str:
    """A block as one line of inline Markdown, for places that hold no blocks (table cells)."""
    if isinstance(block, (Paragraph, Heading)):
        return _inline(block.children, " ").strip()
    if isinstance(block, ListBlock):
        return "; ".join(" ".join(filter(None, map(_flat, item))) for item in block.items)
    if isinstance(block, Table):
        return " ".join(_cell(cell) for row in block.rows for cell in row)
    if isinstance(block, Box):
        return " ".join(filter(None, map(_flat, block.blocks)))
    return ""
