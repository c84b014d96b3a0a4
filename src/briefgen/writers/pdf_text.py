"""``TextBlock``: a paragraph flowable set with briefgen's own line breaker.

Text is drawn character-exact from the tree — it never passes through a markup parser, so
``<b>`` or ``&amp;`` print as written. Justified lines spread their slack evenly between
characters (Japanese 均等割り, via the PDF character spacing); the last line of a
paragraph and lines ended by a line break stay flush left.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Iterator, Optional

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from .pdf_linebreak import Breaker, Line
from .pdf_style import TextStyle

MAX_SPACING = 0.5  # em: a justified line looser than this is set flush left instead
FUZZ = 1e-6


@dataclass(frozen=True)
class Ink:
    """How one character is drawn: reportlab font name, size and colour."""

    font: str
    size: float
    color: Optional[Color]


@dataclass(frozen=True)
class Bookmark:
    """An outline entry the block adds where it is drawn."""

    key: str
    title: str
    level: int


class _Advances(dict):
    """Advance widths of one font at one size, character → points; a line break has none.

    Each character's width is worked out when first met, so measuring a text is one C-level
    lookup per character."""

    def __init__(self, font: str, size: float):
        super().__init__()
        face = pdfmetrics.getFont(font).face
        self.widths, self.default, self.scale = face.charWidths, face.defaultWidth, size / 1000

    def __missing__(self, char: str) -> float:
        self[char] = advance = 0.0 if char == "\n" else self.widths.get(ord(char), self.default) * self.scale
        return advance


@lru_cache(maxsize=256)
def _advance_table(font: str, size: float) -> _Advances:
    """The advances of ``font`` at ``size``, kept across paragraphs and documents."""
    return _Advances(font, size)


def _advances(text: str, ink: Ink) -> list[float]:
    """The advance width of each character of ``text``."""
    return list(map(_advance_table(ink.font, ink.size).__getitem__, text))


def _merged(runs: list[tuple[str, Ink]]) -> tuple[list[int], list[Ink]]:
    """Where each stretch of one ink starts, and its ink: neighbours with equal inks merged."""
    starts: list[int] = []
    inks: list[Ink] = []
    for start, (text, ink) in zip(accumulate((len(t) for t, _ in runs), initial=0), runs):
        if text and not (inks and inks[-1] == ink):
            starts.append(start)
            inks.append(ink)
    return starts, inks


class _LineText(PDFTextObject):
    """A text object for one set line: its text is drawn without being measured again, as
    the line's layout is already known (reportlab's ``textOut`` measures every string)."""

    def textOut(self, text: str) -> None:
        self._code.append(self._formatText(text))


class TextBlock(Flowable):
    """One paragraph (or the part of one that a page break left): characters with their inks.

    The inks are kept as runs — ``starts[i]`` is where ``inks[i]`` begins — so a line is
    drawn by slicing, not by looking at each character. ``opens`` is false for the
    continuation of a split paragraph (no first-line indent, no space before) and
    ``closes`` false for the part before the split (last line justified, no space after).
    """

    def __init__(self, text: str, starts: list[int], inks: list[Ink], widths: list[float], style: TextStyle, bookmark: Optional[Bookmark] = None, opens: bool = True, closes: bool = True):
        super().__init__()
        self.text, self.starts, self.inks, self.widths, self.style = text, starts, inks, widths, style
        self.bookmark, self.opens, self.closes = bookmark, opens, closes
        self.leading = style.size * style.leading
        self.spaceBefore = style.space_before if opens else 0.0
        self.spaceAfter = style.space_after if closes else 0.0
        self.keep = style.keep_with_next and opens
        self.lines: list[Line] = []
        self._measured: Optional[float] = None
        self._breaker: Optional[Breaker] = None

    @classmethod
    def from_runs(cls, runs: list[tuple[str, Ink]], style: TextStyle, bookmark: Optional[Bookmark] = None) -> "TextBlock":
        text = "".join(t for t, _ in runs)
        widths = [w for t, ink in runs for w in _advances(t, ink)]
        return cls(text, *_merged(runs), widths, style, bookmark)

    def _first_indent(self) -> float:
        return self.style.first_indent * self.style.size if self.opens else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break into lines for ``availWidth`` (tables ask repeatedly; the last answer is kept)."""
        if availWidth != self._measured:
            self._breaker = self._breaker or Breaker(self.text, self.widths)
            measure = availWidth - self.style.indent
            self.lines = self._breaker.lines(measure - self._first_indent(), measure)
            self._measured = availWidth
        self.width, self.height = availWidth, len(self.lines) * self.leading
        return self.width, self.height

    def _part(self, start: int, end: int, opens: bool, closes: bool) -> "TextBlock":
        bookmark = self.bookmark if opens else None
        first, stop = bisect_right(self.starts, start) - 1, bisect_left(self.starts, end)
        starts = [max(at - start, 0) for at in self.starts[first:stop]]
        return TextBlock(self.text[start:end], starts, self.inks[first:stop], self.widths[start:end], self.style, bookmark, opens, closes)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between lines, leaving at least two lines on each side."""
        self.wrap(availWidth, availHeight)
        count = len(self.lines)
        fit = int((availHeight + FUZZ) // self.leading)
        if fit >= count:
            return []
        if count - fit == 1:
            fit -= 1
        if fit < 2:
            return []
        cut = self.lines[fit].start
        return [self._part(0, cut, self.opens, False), self._part(cut, len(self.text), False, self.closes)]

    def _baseline(self, index: int) -> float:
        """The baseline of line ``index``: the font's em box centred in the line's pitch."""
        ascent, descent = pdfmetrics.getAscentDescent(self.inks[0].font, self.style.size)
        half_leading = (self.leading - (ascent - descent)) / 2
        return self.height - index * self.leading - half_leading - ascent

    def _spacing(self, line: Line, slack: float, last: bool) -> float:
        """Character spacing that justifies ``line``, or 0 where it stays flush."""
        gaps = line.end - line.start - 1
        if self.style.align != "justify" or last or line.hard or gaps < 1:
            return 0.0
        spacing = slack / gaps
        return spacing if spacing <= MAX_SPACING * self.style.size else 0.0

    def _offset(self, slack: float) -> float:
        return {"center": slack / 2, "right": slack}.get(self.style.align, 0.0)

    def draw(self) -> None:
        if self.bookmark is not None:
            self.canv.bookmarkHorizontal(self.bookmark.key, 0, self.height)
            self.canv.addOutlineEntry(self.bookmark.title, self.bookmark.key, self.bookmark.level)
        for index, line in enumerate(self.lines):
            x = self.style.indent + (self._first_indent() if index == 0 else 0.0)
            slack = self.width - x - sum(self.widths[line.start : line.end])
            last = self.closes and index == len(self.lines) - 1
            spacing = self._spacing(line, slack, last)
            self._draw_line(line, x + (0.0 if spacing else self._offset(slack)), self._baseline(index), spacing)

    def _pieces(self, start: int, end: int) -> Iterator[tuple[str, Ink]]:
        """``text[start:end]`` cut where the ink changes, each piece with its ink."""
        if start >= end:
            return
        for run in range(bisect_right(self.starts, start) - 1, bisect_left(self.starts, end)):
            run_end = self.starts[run + 1] if run + 1 < len(self.starts) else len(self.text)
            yield self.text[max(self.starts[run], start) : min(run_end, end)], self.inks[run]

    def _draw_line(self, line: Line, x: float, y: float, spacing: float) -> None:
        text = _LineText(self.canv, x, y)
        text.setCharSpace(spacing)  # always: Tc outlives the text object it was set in
        for run, ink in self._pieces(line.start, line.end):
            text.setFont(ink.font, ink.size)
            if ink.color is not None:
                text.setFillColor(ink.color)
            text.textOut(run)
        self.canv.drawText(text)
