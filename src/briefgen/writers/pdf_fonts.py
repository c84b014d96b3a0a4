"""Typefaces: each font file is parsed once per process, and every character is checked.

Parsing one of the bundled fonts takes ~0.08 s, so a batch build must not repeat it:
``_LOADED`` keeps each registered TrueType font for the life of the process, and
``pdf_fontcache`` keeps the parsed metrics between processes. Subsets are
numbered from the first character used (no reserved ASCII block) and written without
hinting (``pdf_subset``), which keeps the embedded fonts small. Text is cut
into runs by the face that will draw it; a character the style's face lacks goes to the
first fallback face that has it, and one no face has is a LayoutError, never a blank.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import LayoutError, TemplateError
from ..resources import Resources, fonts_dir
from .pdf_fontcache import cached_font, store_font
from .pdf_style import Stylesheet
from .pdf_subset import lean

_LOADED: dict[Path, TTFont] = {}
SNIPPET = 30


def _register(path: Path) -> TTFont:
    """The TrueType font at ``path``, parsed and registered with reportlab on first use only."""
    font = _LOADED.get(path)
    if font is None:
        taken = {f.fontName for f in _LOADED.values()}
        name = path.stem if path.stem not in taken else f"{path.stem}-{len(_LOADED)}"
        font = _parsed(name, path)
        lean(font.face)
        pdfmetrics.registerFont(font)
        _LOADED[path] = font
    return font


def _parsed(name: str, path: Path) -> TTFont:
    """The font at ``path`` from the per-user cache, else parsed (and then cached)."""
    try:
        data = path.read_bytes()
        font = cached_font(name, path, data)
        if font is None:
            font = TTFont(name, str(path), asciiReadable=False)
            store_font(font, data)
    except (TTFError, OSError) as error:
        raise TemplateError(f"{path}: not a usable TrueType font: {error}") from None
    return font


def _snippet(text: str) -> str:
    return text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")


class Faces:
    """The stylesheet's faces as registered fonts, each loaded when first drawn with."""

    def __init__(self, sheet: Stylesheet, resources: Resources):
        self.sheet = sheet
        self.folders = [*resources.search_path(), fonts_dir()]
        self._fonts: dict[str, TTFont] = {}

    def _file(self, face: str) -> Path:
        name = self.sheet.face_file(face)
        for folder in self.folders:
            if (folder / name).is_file():
                return (folder / name).resolve()
        raise TemplateError(f"{name}: font not found in {', '.join(map(str, self.folders))}")

    def font(self, face: str) -> TTFont:
        if face not in self._fonts:
            self._fonts[face] = _register(self._file(face))
        return self._fonts[face]

    def name(self, face: str) -> str:
        """The reportlab font name that draws ``face``."""
        return self.font(face).fontName

    def _drawing(self, char: str, face: str, where: str) -> str:
        """The face that draws ``char``: ``face`` if it has the glyph, else the first fallback."""
        code = ord(char)
        for candidate in (face, *self.sheet.fallback):
            if code in self.font(candidate).face.charToGlyph:
                return candidate
        raise LayoutError(f"no font has U+{code:04X} '{char}' (in: {_snippet(where)})")

    def runs(self, text: str, face: str, where: str) -> list[tuple[str, str]]:
        """``text`` cut into (text, face) runs by the face that has each glyph.

        ``where`` is the whole paragraph, quoted when a character has no glyph anywhere;
        a newline is a line break and drawn by no face.
        """
        cmap = self.font(face).face.charToGlyph
        if all(ord(char) in cmap or char == "\n" for char in text):
            return [(text, face)] if text else []
        drawn_by = [face if char == "\n" else self._drawing(char, face, where) for char in text]
        pairs = groupby(zip(text, drawn_by), key=itemgetter(1))
        return [("".join(char for char, _ in group), run_face) for run_face, group in pairs]
