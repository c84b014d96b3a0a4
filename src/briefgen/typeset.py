"""Typographic normalisation of model text, applied as templates print it.

The source is PDF-extracted and mixes half-width brackets into Japanese prose; Japanese
typesetting wants full-width ones there (and kinsoku rules know only those). English text
is written with straight quotes, which the Japanese fonts draw as closing quotes on both
sides; it is set with curly ones.
"""

from __future__ import annotations

import re

from .model import Lang

_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]")
_PAIR = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_FULL_WIDTH = {"(": "（", ")": "）", "[": "［", "]": "］"}
_DOUBLE_QUOTED = re.compile(r'"([^"\n]*)"')
_APOSTROPHE = re.compile(r"(?<=\w)'")


def typeset(text: str, lang: Lang) -> str:
    """Japanese text with each half-width () or [] pair that holds or touches Japanese made
    full-width （）［］; English text with paired double quotes and apostrophes curled."""
    if lang != "ja":
        return _APOSTROPHE.sub("\u2019", _DOUBLE_QUOTED.sub("\u201c\\1\u201d", text))

    def widen(match: re.Match) -> str:
        pair = match.group()
        touched = text[max(match.start() - 1, 0) : match.end() + 1]
        if not _JAPANESE.search(touched):
            return pair
        return _FULL_WIDTH[pair[0]] + pair[1:-1] + _FULL_WIDTH[pair[-1]]

    return _PAIR.sub(widen, text)
