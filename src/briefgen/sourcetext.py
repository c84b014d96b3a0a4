"""The source text as extracted from its PDF, and the normalisation that makes it comparable.

PDF extraction breaks lines mid-sentence and scatters spaces, so statements are compared
with all whitespace removed (``key``). Line numbers are 1-based, as editors show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_WHITESPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """Text with every whitespace character removed: the form statements are compared in."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class SourceText:
    """The lines of a source file, read as UTF-8."""

    path: Path
    lines: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> "SourceText":
        return cls(path, tuple(path.read_text(encoding="utf-8").splitlines()))

    def span_key(self, first: int, last: int) -> str:
        """The normalised text of lines ``first``..``last`` inclusive."""
        return key("".join(self.lines[first - 1 : last]))

    def holds(self, text: str, first: int, last: int) -> bool:
        """Whether ``text`` stands in lines first..last, starting on ``first`` and ending on ``last``."""
        if not 1 <= first <= last <= len(self.lines):
            return False
        needle, before = key(text), self.span_key(first, first)
        span = self.span_key(first, last)
        start = span.find(needle)
        while start != -1:
            starts_on_first = start < len(before) or not before
            ends_on_last = start + len(needle) > len(span) - len(self.span_key(last, last))
            if starts_on_first and (ends_on_last or first == last):
                return True
            start = span.find(needle, start + 1)
        return False
