"""``briefgen ingest``: a draft session model from a plain-text meeting summary (議事概要).

The stages, each a module: ``text`` decodes and repairs PDF damage, ``blocks`` cuts the
lines into blocks, ``structure`` finds the parts, ``cast`` and ``people`` the participants,
``opening`` the presentations, ``draft`` assembles the model and ``emit`` writes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .blocks import read_blocks
from .cast import Cast
from .draft import build_draft
from .emit import account, to_yaml
from .structure import find_parts
from ..errors import SourceError
from ..sourcetext import decode, source_lines
from .text import leading_label

__all__ = ["Draft", "ingest"]


@dataclass(frozen=True)
class Draft:
    """The draft model as YAML text, and the one-line account of what it holds."""

    yaml: str
    account: str


def ingest(path: Path, target: Optional[Path] = None) -> Draft:
    """Draft the model of the summary in ``path``, to be written at ``target`` (else stdout)."""
    name = str(path)
    try:
        text = decode(path.read_bytes(), name)
    except OSError as error:
        raise SourceError(f"{name}: cannot read ({(error.strerror or str(error)).lower()})") from None
    lines = source_lines(text)
    blocks = read_blocks(lines)
    parts = find_parts(blocks)
    if parts.summary is None and not parts.exchange:
        raise SourceError(f"{name}: not a meeting summary: no numbered items or 【総括】/【まとめ】 section found")
    source = os.path.relpath(path.resolve(), (target.parent if target else Path()).resolve())
    data, unplaced = build_draft(parts, Cast(block.whole for block in blocks), leading_label(text), source)
    return Draft(to_yaml(data, source), account(name, data, unplaced))
