"""The opening presentations: who presented, what the summary reports of each, what they cited.

The opening's first paragraph introduces the presenters; a later paragraph that opens with
a presenter (また衣目川課長補佐からは、…) reports their presentation. A material label
(発表資料 1-2) belongs to the presenter named last before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .blocks import Block
from .cast import Cast, Participant
from .people import find_mentions, opening_mention
from .text import LABEL, Span


@dataclass
class Presentation:
    presenter: Participant
    report: Optional[Span] = None
    materials: list[Span] = field(default_factory=list)


@dataclass
class Opening:
    intro: Span
    presentations: list[Presentation]
    unplaced: list[tuple[int, str]]


def find_opening(blocks: list[Block], cast: Cast) -> Optional[Opening]:
    """The opening part: its intro, then one presentation per presenter, in order of mention."""
    if not blocks:
        return None
    intro, *reports = blocks
    found: dict[int, Presentation] = {}
    for person, label in _introduced(intro.text, cast):
        presentation = found.setdefault(id(person), Presentation(person))
        presentation.materials += [label] if label else []
    unplaced = []
    for block in reports:
        mention = opening_mention(block.text.text)
        person = cast.find(mention) if mention else None
        presentation = found.setdefault(id(person), Presentation(person)) if person else None
        if presentation is None or presentation.report is not None:
            unplaced.append((block.line, "paragraph of the opening names no presenter"))
            continue
        presentation.report = block.text
        presentation.materials += _labels(block.text)
    return Opening(intro.text, list(found.values()), unplaced)


def _introduced(intro: Span, cast: Cast) -> list[tuple[Participant, Optional[Span]]]:
    """The presenters the intro names (not the moderator), each with a label cited after them."""
    pairs: list[tuple[Participant, Optional[Span]]] = []
    mentions = find_mentions(intro.text)
    for mention in mentions:
        person = cast.find(mention)
        if person is not None and not person.moderator:
            pairs.append((person, None))
    for label in LABEL.finditer(intro.text):
        before = [cast.find(m) for m in mentions if m.end <= label.start()]
        if before and before[-1] is not None and not before[-1].moderator:
            pairs.append((before[-1], intro[label.start() : label.end()]))
    return pairs


def _labels(text: Span) -> list[Span]:
    return [text[found.start() : found.end()] for found in LABEL.finditer(text.text)]
