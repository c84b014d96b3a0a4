"""The PDF stylesheet (``pdf-style.toml``): page geometry, faces, and the look of each element.

Sections are named after document-tree elements (``p``, ``h0``–``h3``, ``li``, ``th``,
``td``, ``box``, ``table``, ``list``, ``em``, ``strong``, ``cite``) and page furniture
(``header``, ``footer``, ``page-number``); ``[element.role]`` refines ``[element]``,
``[element.role.in.container]`` refines it inside a box, list or table of role
``container``, and a ``ja`` or ``en`` sub-table applies in that language only. Every text
style starts from ``[text]``; ``li``, ``th`` and ``td`` also inherit ``p``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..errors import TemplateError
from ..resources import Resources

STYLESHEET = "pdf-style.toml"
LANGS = ("ja", "en")
TEXT_KINDS = ("text", "p", "li", "th", "td", "h0", "h1", "h2", "h3", "header", "footer", "page-number")
INHERITS_P = ("li", "th", "td")


class _Invalid(ValueError):
    """A value of the wrong kind; the loader adds the section and key."""


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise _Invalid(f"expected a number ≥ 0, got {value!r}")
    return float(value)


def _positive(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise _Invalid(f"expected a number > 0, got {value!r}")
    return float(value)


def _fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise _Invalid(f"expected a number between 0 and 1, got {value!r}")
    return float(value)


def _colour(value: Any) -> Optional[Color]:
    if value == "none":
        return None
    if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return HexColor(value)
    raise _Invalid(f"expected a colour \"#rrggbb\" or \"none\", got {value!r}")


def _choice(*allowed: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if value not in allowed:
            raise _Invalid(f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    return convert


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid(f"expected text, got {value!r}")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {value!r}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _Invalid(f"expected a list of text, got {value!r}")
    return tuple(_text(v) for v in value)


def _number_format(value: Any) -> str:
    try:
        if isinstance(value, str) and "{n}" in value and value.format(n=1):
            return value
    except (KeyError, IndexError, ValueError):
        pass
    raise _Invalid(f"expected text with {{n}} where the number goes, got {value!r}")


def _key(convert: Callable[[Any], Any], default: Any = None, scales: bool = False, required: bool = False):
    """A stylesheet key: its converter, default, and whether one-page fitting scales it."""
    meta = {"convert": convert, "scales": scales, "required": required}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class TextStyle:
    """How a run of text is set: face, size, line pitch (× size), colour and spacing."""

    font: str = _key(_text, required=True)
    size: float = _key(_positive, 10.0, scales=True)
    leading: float = _key(_positive, 1.5)
    color: Optional[Color] = _key(_colour, HexColor("#000000"))
    align: str = _key(_choice("left", "right", "center", "justify"), "left")
    space_before: float = _key(_number, 0.0, scales=True)
    space_after: float = _key(_number, 0.0, scales=True)
    indent: float = _key(_number, 0.0, scales=True)
    first_indent: float = _key(_number, 0.0)
    keep_with_next: bool = _key(_flag, False)


@dataclass(frozen=True)
class SpanStyle:
    """What an inline span changes: face, colour, size factor."""

    font: Optional[str] = _key(_text)
    color: Optional[Color] = _key(_colour)
    scale: float = _key(_positive, 1.0)


@dataclass(frozen=True)
class BoxStyle:
    """A framed or banded group: fill, border, left accent bar, corner radius, padding;
    ``pin_bottom`` stands it at the foot of a one-pager's page."""

    background: Optional[Color] = _key(_colour)
    border_color: Optional[Color] = _key(_colour)
    border_width: float = _key(_number, 0.0)
    accent_color: Optional[Color] = _key(_colour)
    accent_width: float = _key(_number, 0.0)
    radius: float = _key(_number, 0.0)
    padding_x: float = _key(_number, 0.0, scales=True)
    padding_y: float = _key(_number, 0.0, scales=True)
    space_before: float = _key(_number, 0.0, scales=True)
    space_after: float = _key(_number, 0.0, scales=True)
    pin_bottom: bool = _key(_flag, False)


@dataclass(frozen=True)
class TableStyle:
    """Rules, header fill, row stripes and cell padding of a table."""

    border_color: Optional[Color] = _key(_colour)
    border_width: float = _key(_number, 0.0)
    grid_color: Optional[Color] = _key(_colour)
    grid_width: float = _key(_number, 0.0)
    header_background: Optional[Color] = _key(_colour)
    stripe: Optional[Color] = _key(_colour)
    padding_x: float = _key(_number, 0.0, scales=True)
    padding_y: float = _key(_number, 0.0, scales=True)
    space_before: float = _key(_number, 0.0, scales=True)
    space_after: float = _key(_number, 0.0, scales=True)


@dataclass(frozen=True)
class ListStyle:
    """Markers (bullets by depth, number format), marker column, indent and item spacing."""

    bullets: tuple[str, ...] = _key(_texts, ("•",))
    number: str = _key(_number_format, "{n}.")
    marker_font: Optional[str] = _key(_text)
    marker_color: Optional[Color] = _key(_colour)
    marker_gap: float = _key(_number, 0.5)
    indent: float = _key(_number, 0.0, scales=True)
    item_space: float = _key(_number, 0.0, scales=True)
    space_before: float = _key(_number, 0.0, scales=True)
    space_after: float = _key(_number, 0.0, scales=True)


@dataclass(frozen=True)
class PageStyle:
    """A4 geometry (mm): margins, and how far running header and footer stand from the page's
    top and bottom edges; the rule under the header."""

    margin_top_mm: float = _key(_number, 20.0)
    margin_bottom_mm: float = _key(_number, 20.0)
    margin_left_mm: float = _key(_number, 20.0)
    margin_right_mm: float = _key(_number, 20.0)
    header_mm: float = _key(_number, 10.0)
    footer_mm: float = _key(_number, 10.0)
    rule_color: Optional[Color] = _key(_colour)
    rule_width: float = _key(_number, 0.0)

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the text frame in points."""
        width, height = A4
        x, y = self.margin_left_mm * mm, self.margin_bottom_mm * mm
        return x, y, width - x - self.margin_right_mm * mm, height - y - self.margin_top_mm * mm


@dataclass(frozen=True)
class FitStyle:
    """One-page fitting: the body-size floor and the factor of each shrinking step."""

    floor: float = _key(_positive, 8.0)
    step: float = _key(_fraction, 0.95)


SECTIONS: dict[str, type] = {
    **{kind: TextStyle for kind in TEXT_KINDS},
    **{kind: SpanStyle for kind in ("em", "strong", "cite")},
    "box": BoxStyle,
    "table": TableStyle,
    "list": ListStyle,
    "page": PageStyle,
    "fit": FitStyle,
}


def _build(cls: type, name: str, layers: list[tuple[str, dict]], source: str):
    """An instance of ``cls`` from section layers, later layers winning; errors name the key."""
    names = {f.name.replace("_", "-"): f for f in fields(cls)}
    values: dict[str, Any] = {}
    for section, table in layers:
        for key, raw in table.items():
            if isinstance(raw, dict):
                continue
            if key not in names:
                raise TemplateError(f"{source}: [{section}]: unknown key {key!r}")
            try:
                values[names[key].name] = names[key].metadata["convert"](raw)
            except _Invalid as error:
                raise TemplateError(f"{source}: [{section}]: {key}: {error}") from None
    missing = [n for n, f in names.items() if f.metadata["required"] and f.name not in values]
    if missing:
        raise TemplateError(f"{source}: [{name}]: {missing[0]!r} is missing")
    return cls(**values)


def _chain(name: str) -> tuple[str, ...]:
    """The sections a style is built from, most general first."""
    if name not in TEXT_KINDS or name == "text":
        return (name,)
    return ("text", "p", name) if name in INHERITS_P else ("text", name)


def scaled(style, factor: float):
    """``style`` with every length that one-page fitting shrinks multiplied by ``factor``."""
    changes = {f.name: getattr(style, f.name) * factor for f in fields(style) if f.metadata["scales"]}
    return replace(style, **changes)


class Stylesheet:
    """The parsed stylesheet for one language, optionally scaled down to fit one page."""

    def __init__(self, data: dict, source: str, lang: str, factor: float = 1.0):
        self.data, self.source, self.lang, self.factor = data, source, lang, factor
        self._cache: dict[tuple, Any] = {}

    @classmethod
    def load(cls, resources: Resources, lang: str) -> "Stylesheet":
        """The checked stylesheet found through ``resources``, read once per process and version."""
        path = resources.path(STYLESHEET)
        stat = path.stat()
        return _load(str(path), stat.st_mtime_ns, stat.st_size, lang)

    def with_factor(self, factor: float) -> "Stylesheet":
        return Stylesheet(self.data, self.source, self.lang, factor)

    @cached_property
    def faces(self) -> dict[str, str]:
        """Face name → font file name."""
        faces = self.data.get("fonts", {})
        if not faces or not all(isinstance(v, str) for v in faces.values()):
            raise TemplateError(f"{self.source}: [fonts]: expected face = \"file.ttf\" entries")
        return faces

    @cached_property
    def fallback(self) -> tuple[str, ...]:
        """Faces tried in order for a character the style's own face lacks."""
        faces = self.data.get("fallback", {}).get("faces")
        try:
            return () if faces is None else _texts(faces)
        except _Invalid as error:
            raise TemplateError(f"{self.source}: [fallback]: faces: {error}") from None

    def check(self) -> None:
        """Refuse unknown sections and faces, and build every style once to check its keys."""
        for name in self.data:
            if name not in SECTIONS and name not in ("fonts", "fallback"):
                raise TemplateError(f"{self.source}: unknown section [{name}]")
        styles = [
            self.style(name, role, within)
            for name in SECTIONS
            for role in (None, *self._subtables(name))
            for within in (None, *self._subtables(name, role, "in"))
        ]
        faces = [s.font for s in styles if isinstance(s, (TextStyle, SpanStyle)) and s.font]
        faces += [s.marker_font for s in styles if isinstance(s, ListStyle) and s.marker_font]
        for face in faces + list(self.fallback):
            self.face_file(face)

    def face_file(self, face: str) -> str:
        if face not in self.faces:
            raise TemplateError(f"{self.source}: face {face!r} is not declared in [fonts]")
        return self.faces[face]

    def _table(self, name: str, *path: Optional[str]) -> Optional[dict]:
        """The table at ``name`` then ``path`` (None steps are skipped), if there is one."""
        table = self.data.get(name, {})
        for key in filter(None, path):
            table = table.get(key) if isinstance(table, dict) else None
        return table if isinstance(table, dict) else None

    def _subtables(self, name: str, *path: Optional[str]) -> list[str]:
        """Role names (or, under ``in``, container roles) below ``name`` and ``path``."""
        table = self._table(name, *path) or {}
        return [k for k, v in table.items() if isinstance(v, dict) and k not in (*LANGS, "in")]

    def _section(self, name: str, role: Optional[str] = None, within: Optional[str] = None) -> list[tuple[str, dict]]:
        """Section ``name[.role][.in.within]`` followed by its sub-table for the language."""
        path = (role, *(("in", within) if within else ()))
        table = self._table(name, *path)
        if table is None:
            return []
        label = ".".join([name, *filter(None, path)])
        lang = table.get(self.lang)
        return [(label, table)] + ([(f"{label}.{self.lang}", lang)] if isinstance(lang, dict) else [])

    def style(self, name: str, role: Optional[str] = None, within: Optional[str] = None):
        """The style of section ``name`` with ``role`` inside a container of role ``within``.

        Layers, later winning: the chain's plain sections, then their ``role`` sections,
        then their ``role`` sections' ``in.within`` (``name.in.within`` without a role).
        """
        key = (name, role, within)
        if key not in self._cache:
            chain = _chain(name)
            layers = [layer for n in chain for layer in self._section(n)]
            if role is not None:
                layers += [layer for n in chain for layer in self._section(n, role)]
            if within is not None:
                layers += [layer for n in chain for layer in self._section(n, role, within)]
            style = _build(SECTIONS[name], name, layers, self.source)
            self._cache[key] = scaled(style, self.factor) if self.factor != 1.0 else style
        return self._cache[key]

    def text(self, kind: str, role: Optional[str] = None, within: Optional[str] = None) -> TextStyle:
        """The text style of ``kind`` (a TEXT_KINDS name) with ``role``, inside ``within``."""
        return self.style(kind, role, within)

    def span(self, kind: str) -> SpanStyle:
        return self.style(kind)

    def box(self, role: Optional[str], within: Optional[str] = None) -> BoxStyle:
        return self.style("box", role, within)

    def table(self, role: Optional[str], within: Optional[str] = None) -> TableStyle:
        return self.style("table", role, within)

    def list(self, role: Optional[str], within: Optional[str] = None) -> ListStyle:
        return self.style("list", role, within)

    @property
    def page(self) -> PageStyle:
        return self.style("page")

    @property
    def fit(self) -> FitStyle:
        return self.style("fit")


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int, lang: str) -> Stylesheet:
    """Parse and check the stylesheet at ``path`` (its mtime and size key the cache)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TemplateError(f"{path}: {error}") from None
    sheet = Stylesheet(data, path, lang)
    sheet.check()
    return sheet
