"""Flow across pages: stacking heights, headings kept with what follows, indented list items.

reportlab's own keep-with-next moves a heading *and the whole next block* to a new page
when the block does not fit, which leaves most of a page blank before a long list or
table. ``KeepWithNext`` only asks that the first piece of the next block fit after the
heading; the rest of the block flows on as usual.
"""

from __future__ import annotations

from typing import Optional

from reportlab.platypus import Flowable

TALL = 1e7


def stack_height(flowables: list[Flowable], width: float) -> float:
    """The height a frame needs for ``flowables``: each block and the spaces between them."""
    height, after = 0.0, None
    for flowable in flowables:
        _, h = flowable.wrap(width, TALL)
        if after is not None:
            height += after + flowable.getSpaceBefore()
        height += h
        after = flowable.getSpaceAfter()
    return height


class KeepWithNext(Flowable):
    """Heads (headings, labels) that go to the next page unless what follows starts here."""

    def __init__(self, heads: list[Flowable], follower: Flowable):
        super().__init__()
        self.heads, self.follower = heads, follower
        self.spaceBefore = heads[0].getSpaceBefore()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, TALL  # always placed through split(), as reportlab's KeepTogether is

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        gap = self.heads[-1].getSpaceAfter() + self.follower.getSpaceBefore()
        rest = availHeight - stack_height(self.heads, availWidth) - gap
        parts: list[Flowable] = []
        if rest > 0:
            _, height = self.follower.wrap(availWidth, rest)
            parts = [self.follower] if height <= rest else self.follower.split(availWidth, rest)
        if parts or getattr(getattr(self, "_frame", None), "_atTop", False):
            return [*self.heads, *(parts or [self.follower])]
        return []


def keep_with_next(story: list[Flowable]) -> list[Flowable]:
    """``story`` with each run of keep-with-next blocks bound to the block after it."""
    grouped: list[Flowable] = []
    heads: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, "keep", False):
            heads.append(flowable)
        elif heads:
            grouped.append(KeepWithNext(heads, flowable))
            heads = []
        else:
            grouped.append(flowable)
    return grouped + heads


class Indent(Flowable):
    """A block set ``left`` points in, with an optional marker (a list's bullet) hanging at ``marker_x``.

    The marker is set in the style of the item's first paragraph, so both share a first
    baseline. A split keeps the marker on the first part only.
    """

    def __init__(self, inner: Flowable, left: float, marker: Optional[Flowable] = None, marker_x: float = 0.0, before: float = 0.0):
        super().__init__()
        self.inner, self.left, self.marker, self.marker_x, self.before = inner, left, marker, marker_x, before
        self.spaceBefore = inner.getSpaceBefore() + before
        self.spaceAfter = inner.getSpaceAfter()
        self.keep = getattr(inner, "keep", False)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = self.inner.wrap(availWidth - self.left, availHeight)
        if self.marker is not None:
            height = max(height, self.marker.wrap(self.left - self.marker_x, availHeight)[1])
        self.width, self.height = availWidth, height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.inner.split(availWidth - self.left, availHeight)
        if not parts:
            return []
        first = Indent(parts[0], self.left, self.marker, self.marker_x, self.before)
        return [first, *(Indent(part, self.left) for part in parts[1:])]

    def draw(self) -> None:
        _, inner_height = self.inner.wrap(self.width - self.left, self.height)
        self.inner.drawOn(self.canv, self.left, self.height - inner_height)
        if self.marker is not None:
            self.marker.drawOn(self.canv, self.marker_x, self.height - self.marker.height)
