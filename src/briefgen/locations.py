"""Where a model file says what: the line of every node, found by its path from the root.

A path (``Loc``) is a tuple of mapping keys and list indexes, as pydantic reports error
locations, so schema errors and semantic problems are located the same way.
"""

from __future__ import annotations

from typing import NamedTuple, Optional, Union

from .errors import Problem

Loc = tuple[Union[str, int], ...]


def dotted(loc: Loc) -> str:
    """The path as a reader of the YAML would write it: ``summary.conclusions[2].evidence[0]``."""
    parts: list[str] = []
    for step in loc:
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}" if parts else step)
    return "".join(parts)


class Locator(NamedTuple):
    """A model file as the user named it, with the line of each node it holds."""

    file: str
    lines: dict[Loc, int]

    def line(self, loc: Loc) -> Optional[int]:
        """The line of the node at ``loc``, else of its nearest ancestor (a field that is missing)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.file, self.line(loc), dotted(loc), message)
