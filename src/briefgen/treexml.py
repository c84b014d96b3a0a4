"""The templates' XML vocabulary (described in ``briefgen.doctree``) read into document nodes.

Only that vocabulary is accepted: an unknown element or attribute, text outside a paragraph
or a DOCTYPE is a TemplateError naming the template and the line of its rendered XML, so a
template cannot say anything the writers would not render. Whitespace holding a line break
is template layout: one space inside a paragraph, nothing at its edges or around ``<br/>``.
"""

from __future__ import annotations

import re
from typing import Optional

from lxml import etree

from .doctree import (
    Block,
    Box,
    Cell,
    Document,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    Meta,
    PageBreak,
    Paragraph,
    Span,
    Table,
    Text,
)
from .errors import TemplateError

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=True, remove_pis=True
)
_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: frozenset(names)
    for tag, names in {
        "document": ("lang", "fit"),
        "meta": ("title", "subject", "author", "keywords"),
        "header": (), "footer": (),
        "h0": (), "h1": (), "h2": (), "h3": (),
        "p": ("role",), "ul": ("role",), "ol": ("role",), "li": (),
        "table": ("widths", "role"), "tr": (), "th": (), "td": (),
        "box": ("role",), "pagebreak": (),
        "em": (), "strong": (), "cite": (), "br": (),
    }.items()
}  # fmt: skip
_HEAD = frozenset({"meta", "header", "footer"})
_BLOCKS = frozenset({"h0", "h1", "h2", "h3", "p", "ul", "ol", "table", "box", "pagebreak"})
_INLINE = frozenset({"em", "strong", "cite", "br"})
_CHOICES = {"lang": ("ja", "en"), "fit": ("flow", "one-page")}
_LAYOUT = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_EDGE = " \t\r\n"


def parse(xml: str, template: str) -> Document:
    """The document tree that ``template`` rendered as ``xml``."""
    try:
        root = etree.fromstring(xml.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        message = f"{template}: rendered XML line {error.lineno}: not well-formed: {error.msg}"
        raise TemplateError(message) from None
    return _Reader(template).document(root)


class _Reader:
    """Reads one rendered template, reporting problems against its name."""

    def __init__(self, template: str):
        self.template = template

    def fail(self, element: etree._Element, message: str) -> TemplateError:
        return TemplateError(f"{self.template}: rendered XML line {element.sourceline}: {message}")

    def check(self, element: etree._Element, allowed: frozenset[str]) -> None:
        """The element is one of ``allowed`` and carries only the attributes its tag takes."""
        tag = element.tag
        if tag not in allowed:
            raise self.fail(element, f"<{tag}> is not allowed here" if tag in _ATTRIBUTES else f"unknown element <{tag}>")
        for name in element.attrib:
            if name not in _ATTRIBUTES[tag]:
                raise self.fail(element, f"<{tag}> has no attribute '{name}'")

    def document(self, root: etree._Element) -> Document:
        self.check(root, frozenset({"document"}))
        if root.getroottree().docinfo.doctype:
            raise self.fail(root, "a DOCTYPE is not allowed")
        self.only_elements(root)
        head: dict[str, etree._Element] = {}
        for child in root:
            if child.tag in _HEAD:
                if child.tag in head:
                    raise self.fail(child, f"more than one <{child.tag}>")
                head[child.tag] = child
        if "meta" not in head:
            raise self.fail(root, "<document> has no <meta>")
        return Document(
            lang=self.choice(root, "lang"),
            fit=self.choice(root, "fit", "flow"),
            meta=self.meta(head["meta"]),
            blocks=self.blocks([child for child in root if child.tag not in _HEAD]),
            header=self.inlines(head["header"]) if "header" in head else (),
            footer=self.inlines(head["footer"]) if "footer" in head else (),
        )

    def choice(self, element: etree._Element, name: str, default: Optional[str] = None) -> str:
        value = element.get(name, default)
        if value not in _CHOICES[name]:
            options = " or ".join(f"'{option}'" for option in _CHOICES[name])
            raise self.fail(element, f"<{element.tag}> {name} must be {options}, not {value!r}")
        return value

    def meta(self, element: etree._Element) -> Meta:
        self.empty(element)
        if not element.get("title"):
            raise self.fail(element, "<meta> has no title")
        return Meta(**{name: element.get(name, "") for name in _ATTRIBUTES["meta"]})

    def blocks(self, elements: list[etree._Element]) -> tuple[Block, ...]:
        return tuple(self.block(element) for element in elements)

    def block(self, element: etree._Element) -> Block:
        self.check(element, _BLOCKS)
        tag, role = element.tag, element.get("role")
        if tag == "p":
            return Paragraph(self.inlines(element), role)
        if tag in ("ul", "ol"):
            items = tuple(self.content(item) for item in self.children(element, "li"))
            return ListBlock(tag == "ol", items, role)
        if tag == "table":
            rows = tuple(self.row(row) for row in self.children(element, "tr"))
            return Table(rows, self.widths(element), role)
        if tag == "box":
            return Box(self.content(element), role)
        if tag == "pagebreak":
            self.empty(element)
            return PageBreak()
        return Heading(int(tag[1]), self.inlines(element))

    def row(self, row: etree._Element) -> tuple[Cell, ...]:
        return tuple(Cell(self.content(cell), cell.tag == "th") for cell in self.children(row, "th", "td"))

    def widths(self, table: etree._Element) -> tuple[float, ...]:
        value = table.get("widths")
        if value is None:
            return ()
        try:
            widths = tuple(float(part) for part in value.split(","))
        except ValueError:
            widths = ()
        if not widths or min(widths) <= 0:
            raise self.fail(table, f"<table> widths must be positive numbers separated by commas, not {value!r}")
        return widths

    def content(self, element: etree._Element) -> tuple[Block, ...]:
        """The blocks of a box, list item or cell; inline content alone makes one paragraph."""
        if any(child.tag in _BLOCKS for child in element):
            self.only_elements(element)
            return self.blocks(list(element))
        paragraph = Paragraph(self.inlines(element))
        return (paragraph,) if paragraph.children else ()

    def children(self, element: etree._Element, *tags: str) -> list[etree._Element]:
        """The child elements of a list, table or row, which must all be one of ``tags``."""
        self.only_elements(element)
        for child in element:
            self.check(child, frozenset(tags))
        return list(element)

    def only_elements(self, element: etree._Element) -> None:
        """No text stands directly in ``element``, between or around its child elements."""
        if (element.text or "").strip(_EDGE):
            raise self.fail(element, f"text outside a paragraph in <{element.tag}>: {element.text.strip()!r}")
        for child in element:
            if (child.tail or "").strip(_EDGE):
                raise self.fail(child, f"text outside a paragraph after <{child.tag}>: {child.tail.strip()!r}")

    def empty(self, element: etree._Element) -> None:
        if len(element) or (element.text or "").strip(_EDGE):
            raise self.fail(element, f"<{element.tag}> must be empty")

    def inlines(self, element: etree._Element) -> tuple[Inline, ...]:
        """The inline content of a paragraph, heading, header or footer, layout removed."""
        return _trim(self.runs(element))

    def runs(self, element: etree._Element) -> list[Inline]:
        nodes: list[Inline] = []
        _append_text(nodes, element.text)
        for child in element:
            self.check(child, _INLINE)
            if child.tag == "br":
                self.empty(child)
                nodes.append(LineBreak())
            else:
                nodes.append(Span(child.tag, tuple(self.runs(child))))
            _append_text(nodes, child.tail)
        return nodes


def _append_text(nodes: list[Inline], text: Optional[str]) -> None:
    """Add text to the runs, merged with a text run before it; line-break layout becomes a space."""
    if not text:
        return
    text = _LAYOUT.sub(" ", text)
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text + text)
    else:
        nodes.append(Text(text))


def _trim(nodes: list[Inline]) -> tuple[Inline, ...]:
    """The runs without whitespace at the paragraph's edges or around line breaks."""
    trimmed: list[Inline] = []
    for index, node in enumerate(nodes):
        if isinstance(node, Text):
            text = node.text
            if index == 0 or isinstance(nodes[index - 1], LineBreak):
                text = text.lstrip(_EDGE)
            if index == len(nodes) - 1 or isinstance(nodes[index + 1], LineBreak):
                text = text.rstrip(_EDGE)
            node = Text(text)
        if node != Text(""):
            trimmed.append(node)
    return tuple(trimmed)
