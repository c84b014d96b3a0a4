"""Cut a summary's lines into blocks: headings, numbered items, bullets and paragraphs.

PDF extraction breaks lines mid-sentence, so a line opens a new block only with a marker,
or as a paragraph indented after a sentence ends; otherwise it continues the block before.
The first line with text stands alone: it is the title, unless it opens with a marker.
A marker that also occurs mid-sentence (1. ・ -) counts only on an indented line or after
a sentence ends; a Roman numeral heading (II. 意見交換) counts anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .text import END_MARK, Span, ends_sentence, is_japanese

_SUMMARY = re.compile(r"【(?:総括|まとめ)】")
_ROMAN = re.compile(r"(?:[IVX]{1,4}|[Ⅰ-Ⅻ])\s*[.．、]")
_CHAPTER = re.compile(r"第[0-9０-９一二三四五六七八九十]+(?:部|章|節)?")
_NUMBER = re.compile(r"(?P<n>[0-9０-９]{1,2})\s*[.．](?![0-9０-９])")
_BULLET = re.compile(r"[⚫●◆◇■□○◯•]")
_LOOSE_BULLET = re.compile(r"[・\-－]")
OPENING_WORDS = re.compile(r"冒頭|発表|講演|報告")
EXCHANGE_WORDS = re.compile(r"意見交換|質疑|討議|議論|ディスカッション")
_HEADING_LENGTH = 25
_PART_NAME_LENGTH = 12
_PUNCTUATION = re.compile(r"[。、，]")
_BRACKETS = re.compile(r"[()（）「」]")


@dataclass(frozen=True)
class Block:
    """A unit of the summary: ``kind`` is title, summary, heading, numbered, bullet or para.

    ``whole`` is the block as written, ``text`` what follows its marker.
    """

    kind: str
    whole: Span
    text: Span
    number: Optional[int] = None

    @property
    def line(self) -> int:
        return self.whole.first

    def join(self, span: Span) -> "Block":
        return Block(self.kind, self.whole.join(span), self.text.join(span), self.number)


def read_blocks(lines: Iterable[str]) -> list[Block]:
    """The blocks of a summary whose lines (furniture blanked) are numbered from 1."""
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        span = Span.of_line(raw, number)
        if not span.text:
            continue
        previous = blocks[-1] if blocks else None
        block = _opening(raw, span, previous)
        if block is not None:
            blocks.append(block)
        else:
            blocks[-1] = previous.join(span)
    return blocks[:-1] + [_without_end_mark(blocks[-1])] if blocks else blocks


def _without_end_mark(block: Block) -> Block:
    """The last block without the mark that ends the document after its last sentence: (了), 以上."""
    found = END_MARK.search(block.text.text)
    if found is None:
        return block
    cut = len(block.text) - found.start()
    return Block(block.kind, block.whole[: len(block.whole) - cut], block.text[: found.start()], block.number)


def _opening(raw: str, span: Span, previous: Optional[Block]) -> Optional[Block]:
    """The block this line opens, or None where it continues the previous block."""
    found = _SUMMARY.match(span.text)
    if found:
        return _block("summary", span, found)
    found = _BULLET.match(span.text)
    if found and _has_japanese(span.text):
        return _block("bullet", span, found)
    if _stands_alone(previous):
        return _marked(span) or Block("para" if previous else "title", span, span)
    indented, after_sentence = raw[:1].isspace(), ends_sentence(previous.text.text)
    marked = _marked(span) if indented or after_sentence or _ROMAN.match(span.text) else None
    if marked is None and indented and after_sentence:
        return Block("para", span, span)
    return marked


def _stands_alone(block: Optional[Block]) -> bool:
    """Whether a block ends with its line: a title, a heading, 【まとめ】 without text."""
    return block is None or block.kind in ("title", "heading") or (block.kind == "summary" and not block.text.text)


def _marked(span: Span) -> Optional[Block]:
    """A heading, numbered item or loose bullet opened by this line, if it has the marker."""
    text = span.text
    for pattern in (_ROMAN, _CHAPTER, _NUMBER):
        found = pattern.match(text)
        if found and _is_heading(text[found.end() :], pattern is _NUMBER):
            return _block("heading", span, found)
    found = _NUMBER.match(text)
    if found and _has_japanese(text):
        return _block("numbered", span, found, int(found.group("n")))
    found = _LOOSE_BULLET.match(text)
    if found and _has_japanese(text):
        return _block("bullet", span, found)
    return None


def _is_heading(rest: str, numbered: bool) -> bool:
    """A short line without a sentence in it; a numbered one is a part's name alone (意見交換)."""
    rest = rest.strip()
    if not rest or len(rest) > _HEADING_LENGTH or _PUNCTUATION.search(rest):
        return False
    names_part = OPENING_WORDS.search(rest) or EXCHANGE_WORDS.search(rest)
    return not numbered or bool(names_part and len(rest) <= _PART_NAME_LENGTH and not _BRACKETS.search(rest))


def _block(kind: str, span: Span, found: re.Match, number: Optional[int] = None) -> Block:
    return Block(kind, span, span[found.end() :].strip(), number)


def _has_japanese(text: str) -> bool:
    return any(is_japanese(char) for char in text)

