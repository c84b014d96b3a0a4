"""Find the parts of a summary among its blocks: title, 【総括】, opening, exchange items.

A part runs from its heading to the next one. Under 【総括】/【まとめ】, the text after the
heading (else the paragraph after it, else the heading itself) introduces the conclusions,
its numbered items. Numbered items under an exchange heading, or under no heading at all,
are the exchange items.
Whatever fits no part is kept with its line, for the person reviewing the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .blocks import EXCHANGE_WORDS, OPENING_WORDS, Block
from .text import Span



@dataclass
class Item:
    """A numbered exchange item: the question (its own text) and the answers that follow it."""

    block: Block
    answers: list[Block] = field(default_factory=list)


@dataclass
class Parts:
    """The parts of a summary, each as the blocks that make it up."""

    title: Optional[Span] = None
    summary: Optional[Block] = None
    intro: Optional[Span] = None
    conclusions: list[Block] = field(default_factory=list)
    opening: list[Block] = field(default_factory=list)
    exchange: list[Item] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def find_parts(blocks: list[Block]) -> Parts:
    """Sort each block into the part its heading opens."""
    parts, section = Parts(), "preamble"
    for block in blocks:
        if block.kind == "summary":
            parts.summary, parts.intro, section = block, block.text if block.text.text else None, "summary"
        elif block.kind == "heading":
            section = _section(block, parts)
        else:
            _place(parts, section, block)
    if parts.summary is not None and parts.intro is None:
        parts.intro = parts.summary.whole  # 【まとめ】 alone, with no paragraph before the conclusions
    return parts


def _section(heading: Block, parts: Parts) -> str:
    """The part a heading opens; one that names no known part is reported."""
    if EXCHANGE_WORDS.search(heading.text.text):
        return "exchange"
    if OPENING_WORDS.search(heading.text.text):
        return "opening"
    parts.unplaced.append((heading.line, "heading of no known part"))
    return "other"


def _place(parts: Parts, section: str, block: Block) -> None:
    """Put a block into the part of its section, or report it as not placed."""
    if not block.text.text:
        parts.unplaced.append((block.line, f"{block.kind} without text"))
    elif section == "summary" and block.kind == "numbered":
        parts.conclusions.append(block)
    elif section == "summary" and block.kind == "para" and parts.intro is None and not parts.conclusions:
        parts.intro = block.text
    elif section == "opening":
        parts.opening.append(block)
    elif section in ("exchange", "preamble") and block.kind == "numbered":
        parts.exchange.append(Item(block))
    elif section == "exchange" and parts.exchange:
        parts.exchange[-1].answers.append(block)
    elif block.kind == "title":
        parts.title = block.whole
    else:
        parts.unplaced.append((block.line, f"{block.kind} outside any part"))

