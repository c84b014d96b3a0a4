"""A meeting summary as extracted from its PDF: decoding, page furniture and spacing.

A ``Span`` is text that remembers the source line of each of its characters, so that every
statement cut from it knows the lines it stands on in the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..sourcetext import END, LABEL

_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z0-9]")
_SPACES = re.compile(r"\s+")
END_MARK = re.compile(rf"(?<=[。．])\s*(?:{END})$")
_SENTENCE_END = re.compile(r"[。．.！？!?][）)」』】\]]*$")


def is_japanese(char: str) -> bool:
    """Whether a character is Japanese script or full-width: kanji, kana, 、。「」（）."""
    return bool(_JAPANESE.match(char))


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence (。 and the like, closing brackets allowed after it)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _respace(match: re.Match) -> str:
    """A run of spaces between two Japanese characters is stray; elsewhere it is one space."""
    text, start, end = match.string, match.start(), match.end()
    if 0 < start and end < len(text) and is_japanese(text[start - 1]) and is_japanese(text[end]):
        return ""
    return " "


@dataclass(frozen=True)
class Span:
    """Text with the 1-based source line of each character."""

    text: str
    lines: tuple[int, ...]

    @classmethod
    def of_line(cls, raw: str, number: int) -> "Span":
        """One source line, trimmed, with the stray spaces between Japanese characters dropped."""
        text = _SPACES.sub(_respace, raw.strip())
        return cls(text, (number,) * len(text))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, where: slice) -> "Span":
        return Span(self.text[where], self.lines[where])

    def __add__(self, other: "Span") -> "Span":
        return Span(self.text + other.text, self.lines + other.lines)

    def join(self, other: "Span") -> "Span":
        """This line's text continued by the next line's: a space only between two words."""
        if self.text and other.text and _WORD.match(self.text[-1]) and _WORD.match(other.text[0]):
            return self + Span(" ", self.lines[-1:]) + other
        return self + other

    def strip(self) -> "Span":
        text = self.text.lstrip()
        start = len(self.text) - len(text)
        return self[start : start + len(text.rstrip())]

    @property
    def first(self) -> int:
        return self.lines[0]

    @property
    def last(self) -> int:
        return self.lines[-1]


def leading_label(text: str) -> Optional[Span]:
    """The attachment label (別添資料 4) standing alone on the first line with text, if any."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return Span.of_line(line, number) if LABEL.fullmatch(line.strip()) else None
    return None
