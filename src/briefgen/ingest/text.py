"""A meeting summary as extracted from its PDF: decoding, page furniture and spacing.

A ``Span`` is text that remembers the source line of each of its characters, so that every
statement cut from it knows the lines it stands on in the original file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

from ..errors import BriefgenError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z0-9]")
_SPACES = re.compile(r"\s+")
_DIGITS = r"[0-9０-９]"
_DASH = r"[-－–—‐]"
LABEL = re.compile(rf"[一-龥]{{0,8}}資料\s*{_DIGITS}+(?:\s*{_DASH}\s*{_DIGITS}+)*")
_PAGE_NUMBER = re.compile(
    rf"{_DASH}?\s*{_DIGITS}{{1,3}}\s*{_DASH}?|{_DIGITS}{{1,3}}\s*/\s*{_DIGITS}{{1,3}}|(?i:p\.|page)\s*{_DIGITS}{{1,3}}"
)
_END = r"[（(]了[）)]|以上"
END_MARK = re.compile(rf"(?<=[。．])\s*(?:{_END})$")
_LONE_END = re.compile(_END)
_SENTENCE_END = re.compile(r"[。．.！？!?][）)」』】\]]*$")


class IngestError(BriefgenError):
    """A file that cannot be read as a meeting summary."""


def decode(data: bytes, name: str) -> str:
    """The text of a file in UTF-8 (with or without BOM) or Shift_JIS (cp932)."""
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text
    raise IngestError(f"{name}: not a text file (binary data)")


def source_lines(text: str) -> tuple[str, ...]:
    """The lines as traceability reads them: page furniture blanked, numbering kept."""
    return tuple("" if is_furniture(line) else line for line in text.splitlines())


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture: a lone attachment label, page number or end mark (了)."""
    stripped = line.strip()
    return any(pattern.fullmatch(stripped) for pattern in (LABEL, _PAGE_NUMBER, _LONE_END))


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
