"""Line breaking with Japanese kinsoku (禁則処理) for one paragraph of measured characters.

A line may break between two characters when either is a full-width (CJK) character, or
after a space; never before a character of ``NO_START`` (closing brackets, 、。, small
kana, ー…), never after one of ``NO_END`` (opening brackets), never inside a Latin word or
number, never between the halves of a doubled dash or leader. A character that would start
a line against these rules pulls the previous character down with it (追い出し), so no line
is ever wider than its measure, and a paragraph's last line is not left with one or two
characters. reportlab's own CJK wrap lacks ！？，．, never checks the
end of a line and lets several prohibited characters pile up, hence this module.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

NO_START = frozenset(
    "、。，．,.：；:;！？!?‼⁇⁈⁉・･"  # punctuation
    "）〕］｝〉》」』】〙〗〟’”｠»)]}"  # closing brackets and quotes
    "ーｰ―‐–〜～ヽヾゝゞ々〻〳〴〵"  # prolonged sound, iteration marks, dashes
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｯｬｭｮ"  # small kana
    "％‰℃°′″"  # postfix units
)
NO_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{￥＄£＃$#")
INSEPARABLE = frozenset("…‥—―")
FUZZ = 1e-6
MIN_LAST = 3  # characters: a paragraph's last line takes some from the line above to reach this


@dataclass(frozen=True)
class Line:
    """Characters ``text[start:end]`` (trailing spaces excluded); ``hard`` ends at a line break."""

    start: int
    end: int
    hard: bool


@lru_cache(maxsize=None)
def _wide(char: str) -> bool:
    """Whether ``char`` is full width; cached, as each character is asked about twice."""
    return unicodedata.east_asian_width(char) in "WF"


def can_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` and the next start with ``after``."""
    if after.isspace() or after in NO_START or before in NO_END:
        return False
    if before == after and before in INSEPARABLE:
        return False
    return before.isspace() or _wide(before) or _wide(after)


@lru_cache(maxsize=4096)
def opportunities(text: str) -> tuple[bool, ...]:
    """For each index, whether a line may start there (never at 0: a line holds something).

    Cached: a one-pager sets the same paragraphs again at each trial size."""
    return (False, *(can_break(a, b) for a, b in zip(text, text[1:])))


class Breaker:
    """Breaks one paragraph into lines; what depends only on the text is worked out once."""

    def __init__(self, text: str, widths: Sequence[float]):
        self.text = text
        self.ok = opportunities(text)
        self.prefix = list(accumulate(widths, initial=0.0))

    def _fit(self, start: int, measure: float) -> tuple[int, bool]:
        """Where the line from ``start`` ends within ``measure``, and whether a line break ends it."""
        text, prefix = self.text, self.prefix
        end = bisect_right(prefix, prefix[start] + measure + FUZZ, lo=start + 1) - 1
        newline = text.find("\n", start, end)
        if newline >= 0:
            return newline, True
        if end >= len(text):
            return len(text), False
        if text[end] == " ":
            return end, False
        cut = next((j for j in range(end, start, -1) if self.ok[j]), None)
        return (cut if cut is not None else max(end, start + 1)), False

    def _trimmed(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return end

    def lines(self, first: float, rest: float) -> list[Line]:
        """The lines: the first ``first`` wide, the others ``rest``; ``\n`` forces a break, and
        spaces that open the paragraph or meet a soft break are dropped."""
        text, lines, start = self.text, [], self._past_spaces(0)
        while start < len(text):
            end, hard = self._fit(start, rest if lines else first)
            lines.append(Line(start, self._trimmed(start, end), hard))
            start = end + 1 if hard else self._past_spaces(end)
        return self._without_short_last(lines, rest)

    def _past_spaces(self, index: int) -> int:
        while index < len(self.text) and self.text[index] == " ":
            index += 1
        return index

    def _without_short_last(self, lines: list[Line], measure: float) -> list[Line]:
        """Lines whose last holds at least MIN_LAST characters, taken from the line before it
        where a break allows and the last line still fits."""
        if len(lines) < 2 or lines[-2].hard or lines[-1].end - lines[-1].start >= MIN_LAST:
            return lines
        before, last = lines[-2], lines[-1]
        for cut in range(before.end - 1, before.start, -1):
            fits = self.prefix[last.end] - self.prefix[cut] <= measure + FUZZ
            if self.ok[cut] and last.end - cut >= MIN_LAST and fits:
                return lines[:-2] + [Line(before.start, self._trimmed(before.start, cut), False), Line(cut, last.end, last.hard)]
        return lines
