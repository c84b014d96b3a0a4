"""The Markdown writer: structure, escaping of model text, determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from briefgen import writers
from briefgen.doctree import (
    Box,
    Cell,
    Document,
    Heading,
    LineBreak,
    ListBlock,
    Meta,
    PageBreak,
    Paragraph,
    Span,
    Table,
    Text,
)
from briefgen.resources import Resources
from briefgen.writers import markdown

needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None, reason="pandoc is not installed: the round-trip checks read the Markdown with it"
)

# Text that is markup somewhere in Markdown; each must come back literally.
MARKUP = (
    r"*a* _b_ **c** `d` <e> &amp; [f](g) ![h](i) {#j} \k ~l~ ^m^ $n$ @o p|q # r C# <!-- s -->",
    "# heading?",
    "1. ordered?",
    "2) ordered?",
    "a. lettered?",
    "(iv) roman?",
    "#. example?",
    "- bullet?",
    "+ bullet?",
    "* bullet?",
    "> quote?",
    ": definition?",
    "% title?",
    "---",
    "===",
    "| line block?",
    "```",
    "~~~",
    "::: div?",
    "[^1]: note?",
    "[x]: http://example.com",
    "<div>",
    "終わり\\",
)


def doc(*blocks, **meta) -> Document:
    """A Japanese document of ``blocks``; ``meta`` overrides the metadata fields."""
    return Document(lang="ja", meta=Meta(title=meta.pop("title", "題"), **meta), blocks=tuple(blocks))


def para(*children, role=None) -> Paragraph:
    """A paragraph; plain strings stand for Text nodes."""
    return Paragraph(tuple(Text(c) if isinstance(c, str) else c for c in children), role)


def item(*blocks) -> tuple:
    """A list item holding ``blocks``."""
    return blocks


def md(document: Document) -> str:
    """The document as Markdown text."""
    return markdown.render(document, Resources()).decode("utf-8")


def pandoc(text: str, to: str, *options: str) -> str:
    """pandoc's reading of Markdown ``text``, written as ``to``."""
    result = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", to, "--wrap=none", *options],
        input=text.encode("utf-8"), capture_output=True, check=True,
    )
    return result.stdout.decode("utf-8")


def ast(document: Document) -> list:
    """The pandoc AST of the document's Markdown: the blocks, as JSON."""
    return json.loads(pandoc(md(document), "json"))["blocks"]


def lines_between_breaks(texts) -> tuple:
    """One paragraph holding each text on a line of its own."""
    children = []
    for text in texts:
        children += [Text(text), LineBreak()]
    return tuple(children[:-1])


SAMPLE = doc(
    Heading(0, (Text("政策提言"),)),
    Heading(1, (Text("1. 結論"),)),
    para("本文は", Span("strong", (Text("強調"),)), "と", Span("em", (Text("「引用」"),)), "を含む。"),
    ListBlock(False, (item(para("a"), ListBlock(True, (item(para("b")), item(para("c"))))), item(para("d")))),
    Table(
        ((Cell((para("項目"),), header=True), Cell((para("内容"),), header=True)),
         (Cell((para("x"),)), Cell((para("y"), ListBlock(False, (item(para("z1")), item(para("z2"))))))),),
        widths=(1, 3),
    ),
    Box((para("枠内"), para("二段落目")), role="context"),
    PageBreak(),
    para(Span("cite", (Text("別添資料 2"),))),
    subject="件名", author="著者", keywords="気候, 都市",
)


def test_renders_each_kind_of_block():
    assert md(SAMPLE) == (
        "---\n"
        "lang: ja\n"
        "pagetitle: '題'\n"
        "subject: '件名'\n"
        "author: '著者'\n"
        "keywords: ['気候, 都市']\n"
        "---\n\n"
        "# 政策提言\n\n"
        "## 1. 結論\n\n"
        "本文は**強調**と*「引用」*を含む。\n\n"
        "- a\n"
        "  1. b\n"
        "  2. c\n"
        "- d\n\n"
        "| 項目 | 内容 |\n"
        "|------------------|------------------------------------------------------|\n"
        "| x | y z1; z2 |\n\n"
        "> 枠内\n"
        ">\n"
        "> 二段落目\n\n"
        "*別添資料 2*\n"
    )


def test_escapes_markup_characters():
    assert markdown.escape("a*b_c`d<e&f[g]h|i#j") == r"a\*b\_c\`d\<e\&f\[g\]h\|i\#j"
    assert md(doc(para(*lines_between_breaks(["1. x", "- y", "a) z"])))).endswith("1\\. x\\\n\\- y\\\na\\) z\n")


def test_loose_list_when_an_item_has_paragraphs():
    text = md(doc(ListBlock(True, (item(para("a"), para("b")), item(para("c"))))))
    assert text.endswith("1. a\n\n   b\n\n2. c\n")


def test_header_row_is_blank_when_the_table_has_none():
    text = md(doc(Table(((Cell((para("a"),)), Cell((para("b"),))),))))
    assert text.endswith("|  |  |\n|---|---|\n| a | b |\n")


def test_nested_spans_with_one_delimiter_add_none():
    nested = Span("em", (Text("a "), Span("cite", (Text("b"),)), Text(" c")))
    assert md(doc(para(nested))).endswith("*a b c*\n")


def test_output_is_deterministic_and_registered():
    assert md(SAMPLE) == md(SAMPLE)
    assert writers.get("md") is markdown
    assert markdown.SUFFIX == ".md"


@needs_pandoc
def test_pandoc_reads_the_structure():
    blocks = ast(SAMPLE)
    kinds = [block["t"] for block in blocks]
    assert kinds == ["Header", "Header", "Para", "BulletList", "Table", "BlockQuote", "Para"]
    assert [blocks[0]["c"][0], blocks[1]["c"][0]] == [1, 2]
    assert [i["t"] for i in blocks[2]["c"] if i["t"] in ("Strong", "Emph")] == ["Strong", "Emph"]
    first_item = blocks[3]["c"][0]
    assert first_item[1]["t"] == "OrderedList"


@needs_pandoc
def test_markup_at_line_starts_survives_a_pandoc_round_trip():
    plain = pandoc(md(doc(para(*lines_between_breaks(MARKUP)))), "plain")
    assert plain.splitlines() == list(MARKUP)


@needs_pandoc
@pytest.mark.parametrize("text", MARKUP)
def test_markup_survives_a_pandoc_round_trip_everywhere(text, tmp_path):
    """In the metadata, a heading, a paragraph, a list item, a box and a table cell."""
    document = doc(
        Heading(1, (Text(text),)),
        para(text),
        ListBlock(True, (item(para(text)),)),
        Box((para(text),)),
        Table(((Cell((para(text),)), Cell((para("x"),))),)),
        title=text,
    )
    template = tmp_path / "title-and-body.plain"
    template.write_text("$pagetitle$\n$body$\n", encoding="utf-8")
    plain = pandoc(md(document), "plain", "--standalone", f"--template={template}", "--columns=1000")
    lines = [line.strip() for line in plain.splitlines()]
    assert lines.count(text) == 4  # title, heading, paragraph, box
    assert "1.  " + text in lines
    assert any(re.fullmatch(re.escape(text) + r" +x", line) for line in lines)
