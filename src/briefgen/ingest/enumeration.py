"""Split a passage at its enumeration (①②③, (1)(2), ア イ ウ) into lead, items and tail.

The separator after an item (、) is not part of it. The last item ends where the sentence
turns back to the list as a whole (…の3点, …という点, …について報告), which opens the tail.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from .text import Span

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_KANA = "アイウエオカキクケコサシスセソ"
_STYLES: tuple[Callable[[int], str], ...] = (
    lambda i: chr(0x2460 + i) if i < 20 else "(?!)",
    lambda i: rf"[（(]\s*(?:{i + 1}|{str(i + 1).translate(_FULL_WIDTH)})\s*[）)]",
    lambda i: rf"[（(]{_KANA[i]}[）)]|(?<![ァ-ヶー]){_KANA[i]}[.．）)]" if i < len(_KANA) else "(?!)",
)
_SEPARATOR = re.compile(r"(?:\s|[、，,]|及び|および|並びに|ならびに|又は|または)+$")
_TAIL = re.compile(r"の\s*[0-9０-９一二三四五六七八九十]+\s*(?:点|つ)|という点|(?:など|等)?について(?:報告|説明|紹介|発表|言及|述べ|発言)")

Passage = tuple[Span, list[Span], Optional[Span]]


def split_passage(span: Span) -> Passage:
    """Lead, enumerated items and tail of a passage; a passage without a list is all lead."""
    for style in _STYLES:
        markers = _markers(span.text, style)
        if len(markers) < 2 or not span.text[: markers[0].start()].strip():
            continue
        ends = [m.start() for m in markers[1:]] + [len(span)]
        items = [span[m.end() : end] for m, end in zip(markers, ends)]
        last, tail = _split_tail(items[-1])
        items = [_trim(item) for item in items[:-1] + [last]]
        if all(item.text for item in items):
            return span[: markers[0].start()].strip(), items, tail
    return span, [], None


def _markers(text: str, style: Callable[[int], str]) -> list[re.Match]:
    """The markers of one style that number 1, 2, 3… in order, from the first one on."""
    found: list[re.Match] = []
    position = 0
    while True:
        match = re.compile(style(len(found))).search(text, position)
        if match is None:
            return found
        found.append(match)
        position = match.end()


def _split_tail(item: Span) -> tuple[Span, Optional[Span]]:
    """The last item up to where its first sentence turns back to the list, and the rest."""
    sentence = item.text.split("。", 1)[0]
    found = _TAIL.search(sentence)
    if found is None or found.start() == 0:
        return item, None
    return item[: found.start()], item[found.start() :].strip()


def _trim(item: Span) -> Span:
    """An item without the separator that joins it to the next one."""
    found = _SEPARATOR.search(item.text)
    return (item[: found.start()] if found else item).strip()
