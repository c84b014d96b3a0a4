"""The format-neutral document tree that compose builds and every writer renders.

Writers see only these nodes, never the session model. Templates produce the tree as an
XML subset (parsed by ``briefgen.compose``), one element per node:

    <document lang="ja|en" fit="flow|one-page">
      <meta title=".." subject=".." author=".." keywords=".." />
      <header>inline</header> <footer>inline</footer>
      <h0>title</h0> <h1>..</h1> <h2>..</h2> <h3>..</h3>   (h0 is the document title)
      <p role="..">inline</p>
      <ul>/<ol> <li> blocks </li> </ul>/</ol>
      <table widths="2,3,1" role=".."> <tr> <th>blocks</th> <td>blocks</td> </tr> </table>
      <box role="..">blocks</box>
      <pagebreak/>
    inline: text, <em>, <strong>, <cite>, <br/>

``role`` names a style in the writer's stylesheet (reference.docx, the PDF stylesheet);
unknown roles fall back to the element's default style.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Union

# --- inline -----------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Span:
    """Styled inline content: ``kind`` is emphasis, strong or a citation of evidence."""

    kind: Literal["em", "strong", "cite"]
    children: tuple["Inline", ...]


Inline = Union[Text, LineBreak, Span]

# --- blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """Level 0 is the document title; 1–3 are section headings."""

    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]
    role: Optional[str] = None


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple["Block", ...], ...]
    role: Optional[str] = None


@dataclass(frozen=True)
class Cell:
    blocks: tuple["Block", ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()
    role: Optional[str] = None


@dataclass(frozen=True)
class Box:
    """A framed or banded group of blocks (title band, context box, footer band)."""

    blocks: tuple["Block", ...]
    role: Optional[str] = None


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, ListBlock, Table, Box, PageBreak]


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str = ""
    author: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class Document:
    """A whole output document: language, page-fit rule, metadata, running header/footer."""

    lang: Literal["ja", "en"]
    meta: Meta
    blocks: tuple[Block, ...]
    fit: Literal["flow", "one-page"] = "flow"
    header: tuple[Inline, ...] = ()
    footer: tuple[Inline, ...] = ()
    outline: bool = field(default=True)


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text of inline nodes with markup dropped (line breaks become newlines)."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)
