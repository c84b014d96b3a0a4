"""The source text as extracted from its PDF, and the normalisation that makes it comparable.

PDF extraction breaks lines mid-sentence, scatters spaces and leaves page furniture (a lone
attachment label, a page number) between the lines of one sentence, so statements are
compared with all whitespace removed (``key``) and furniture blanked. Files in UTF-8 (with or
without BOM) and Shift_JIS are read. Line numbers are 1-based, as editors show them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import NamedTuple

from .errors import SourceError

_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DIGITS = r"[0-9０-９]"
_DASH = r"[-－–—‐]"
LABEL = re.compile(rf"[一-龥]{{0,8}}資料\s*{_DIGITS}+(?:\s*{_DASH}\s*{_DIGITS}+)*")
_PAGE_NUMBER = re.compile(
    rf"{_DASH}?\s*{_DIGITS}{{1,3}}\s*{_DASH}?|{_DIGITS}{{1,3}}\s*/\s*{_DIGITS}{{1,3}}|(?i:p\.|page)\s*{_DIGITS}{{1,3}}"
)
END = r"[（(]了[）)]|以上"
_LONE_END = re.compile(END)


def decode(data: bytes, name: str) -> str:
    """The text of a file in UTF-8 (with or without BOM) or Shift_JIS (cp932), as offices write them."""
    if not data.strip():
        raise SourceError(f"{name}: empty file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text
    raise SourceError(f"{name}: not a text file (binary data)")


def source_lines(text: str) -> tuple[str, ...]:
    """The lines as traceability reads them: page furniture blanked, numbering kept."""
    return tuple("" if is_furniture(line) else line for line in text.splitlines())


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture: a lone attachment label, page number or end mark (了)."""
    stripped = line.strip()
    return any(pattern.fullmatch(stripped) for pattern in (LABEL, _PAGE_NUMBER, _LONE_END))




def key(text: str) -> str:
    """Text with every whitespace character removed: the form statements are compared in."""
    return _WHITESPACE.sub("", text)


class SourceText(NamedTuple):
    """The lines of a source file, page furniture blanked so that a statement may span a page break.

    ``keys`` holds each line in the form statements are compared in, normalised once for all.
    """

    path: Path
    lines: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> "SourceText":
        lines = source_lines(decode(path.read_bytes(), str(path)))
        return cls(path, lines, tuple(key(line) for line in lines))

    def span_key(self, first: int, last: int) -> str:
        """The normalised text of lines ``first``..``last`` inclusive."""
        return "".join(self.keys[first - 1 : last])

    def holds(self, text: str, first: int, last: int) -> bool:
        """Whether ``text`` stands in lines first..last, starting on ``first`` and ending on ``last``."""
        if not 1 <= first <= last <= len(self.lines):
            return False
        needle, before, after = key(text), self.keys[first - 1], self.keys[last - 1]
        span = self.span_key(first, last)
        start = span.find(needle)
        while start != -1:
            starts_on_first = start < len(before) or not before
            ends_on_last = start + len(needle) > len(span) - len(after)
            if starts_on_first and (ends_on_last or first == last):
                return True
            start = span.find(needle, start + 1)
        return False
