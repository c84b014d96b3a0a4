"""Japanese typographic normalisation of model text, applied as templates print it.

The source is PDF-extracted and mixes half-width brackets into Japanese prose; Japanese
typesetting wants full-width ones there (and kinsoku rules know only those).
"""

from __future__ import annotations

import re

from .model import Lang

_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]")
_PAIR = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_FULL_WIDTH = {"(": "（", ")": "）", "[": "［", "]": "］"}


def typeset(text: str, lang: Lang) -> str:
    """Japanese text with each half-width () or [] pair that holds or touches Japanese made
    full-width （）［］; anything else, and any English text, is returned unchanged."""
    if lang != "ja":
        return text

    def widen(match: re.Match) -> str:
        pair = match.group()
        touched = text[max(match.start() - 1, 0) : match.end() + 1]
        if not _JAPANESE.search(touched):
            return pair
        return _FULL_WIDTH[pair[0]] + pair[1:-1] + _FULL_WIDTH[pair[-1]]

    return _PAIR.sub(widen, text)
