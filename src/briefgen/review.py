"""Review markers: the value a draft model holds where only a person can write the content.

``MARKER`` is valid both as text and as an id, so a draft passes the schema while every
field that still needs a person stands out; validate reports each one where it is.
"""

from __future__ import annotations

from typing import Iterator, Union

from pydantic import BaseModel

from .errors import Problem
from .locations import Loc, Locator

MARKER = "to-review"


def find_review_markers(node: BaseModel, where: Locator, loc: Loc = ()) -> list[Problem]:
    """A ``to review`` problem for every field (or list item) under ``node`` that holds MARKER."""
    return [where.problem(found, "to review") for found in _marked(node, loc)]


def _marked(node: Union[BaseModel, list], loc: Loc) -> Iterator[Loc]:
    """The paths under a model node or list whose value is MARKER, in field order."""
    for step, value in enumerate(node) if isinstance(node, list) else vars(node).items():
        if isinstance(value, str):
            if value == MARKER:
                yield loc + (step,)
        elif isinstance(value, (BaseModel, list)):
            yield from _marked(value, loc + (step,))
