"""Parsed TrueType metrics kept between processes, so a build does not re-parse its fonts.

reportlab parses a CJK font in pure Python (~0.08 s each). The face it builds — glyph map,
widths, table directory, names — is plain data, stored here with ``marshal`` (no code is
run on load, unlike pickle) in the user cache (``briefgen.usercache``), one entry per font
content (SHA-256) and reportlab version: a missing, corrupt or unwritable cache means
parsing as before, never an error.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional
from weakref import WeakKeyDictionary

from reportlab import Version
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from .. import usercache

FORMAT = 1
UNSTORED = ("_ttf_data", "_pdfScale", "filename")  # the file's bytes, a function, where it lies
FONT_OWN = ("fontName", "face", "encoding", "state")  # TTFont attributes made afresh


def _name(data: bytes) -> str:
    """The cache entry for the font ``data``: another font, reportlab or layout gets another entry."""
    return f"font-{hashlib.sha256(data).hexdigest()}-rl{Version}-{FORMAT}.marshal"


def _state(font: TTFont) -> dict:
    """The parsed font as plain data: face attributes, names as text, the font's own flags."""
    face = vars(font.face)
    return {
        "face": {key: value for key, value in face.items() if key not in UNSTORED and not isinstance(value, TTFNameBytes)},
        "names": {key: value.ustr for key, value in face.items() if isinstance(value, TTFNameBytes)},
        "font": {key: value for key, value in vars(font).items() if key not in FONT_OWN},
    }


def store_font(font: TTFont, data: bytes) -> None:
    """Cache ``font`` (parsed from ``data``); a state that will not serialise is passed over."""
    try:
        payload = marshal.dumps(_state(font))
    except ValueError:
        return
    usercache.store(_name(data), payload)


def _load(data: bytes) -> Optional[dict]:
    """The cached state for the font ``data``, or None if absent or damaged."""
    payload = usercache.load(_name(data))
    if payload is None:
        return None
    try:
        with _collection_paused():
            state = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return state if isinstance(state, dict) and state.keys() == {"face", "names", "font"} else None


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: loading makes ~80,000 objects, none of them
    garbage, and the collections they would trigger double the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scale(units_per_em: int):
    """reportlab's font-unit to 1/1000-em scaling, as its parser makes it."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def cached_font(name: str, path: Path, data: bytes) -> Optional[TTFont]:
    """The font ``data`` (read from ``path``) as ``TTFont(name, path)`` would make it, from the
    cache; None on a cache miss."""
    state = _load(data)
    if state is None:
        return None
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(state["face"], _ttf_data=data, filename=str(path), _pdfScale=_scale(state["face"]["unitsPerEm"]))
    vars(face).update({key: TTFNameBytes(text.encode("utf-8")) for key, text in state["names"].items()})
    font = TTFont.__new__(TTFont)
    vars(font).update(state["font"], fontName=name, face=face, encoding=TTEncoding(), state=WeakKeyDictionary())
    return font
