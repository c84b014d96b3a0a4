"""One page means one page: shrink a one-pager step by step until it fits, or say by how much not.

Each try scales every size, space and padding of the stylesheet by one more ``step``; the
last try sets the body text (the size most of its characters are set in) exactly at the
``floor`` size. The overflow reported past
the floor is the height the content needs beyond the page's text frame, in percent. A box
styled ``pin-bottom`` (the footer) stands at the foot of the page, the spare height above it.
"""

from __future__ import annotations

import math
from typing import Callable, Iterator

from reportlab.platypus import Flowable, Spacer

from ..errors import LayoutError
from .pdf_flow import stack_height
from .pdf_style import Stylesheet

FUZZ = 1e-6
SAFETY = 0.5  # pt left free under a pinned block, so rounding never spills it onto a page 2


def factors(floor: float, step: float) -> Iterator[float]:
    """1, step, step², … while above ``floor`` (a factor ≤ 1), then ``floor`` itself."""
    factor = 1.0
    while factor > floor + FUZZ:
        yield factor
        factor *= step
    yield floor


def _pinned(flowables: list[Flowable], spare: float) -> list[Flowable]:
    """``flowables`` with the page's spare height put before the first block pinned to its foot."""
    for index, flowable in enumerate(flowables):
        if getattr(flowable, "pin_bottom", False):
            return flowables[:index] + [Spacer(0, max(spare - SAFETY, 0.0))] + flowables[index:]
    return flowables


Story = Callable[[Stylesheet], tuple[list[Flowable], float]]


def fit_one_page(sheet: Stylesheet, story: Story) -> list[Flowable]:
    """The story built at the largest scale at which it fits the page's frame.

    ``story`` builds the flowables with a (scaled) stylesheet and names the body size: the
    size most of the text is set in, which must stay at or above the floor.
    """
    _, _, width, height = sheet.page.frame
    flowables, body = story(sheet)
    for factor in factors(min(1.0, sheet.fit.floor / body), sheet.fit.step):
        if factor != 1.0:
            flowables, _ = story(sheet.with_factor(factor))
        needed = stack_height(flowables, width)
        if needed <= height + FUZZ:
            return _pinned(flowables, height - needed)
    over = math.ceil((needed / height - 1) * 100)
    raise LayoutError(f"one-pager overflows one A4 page by {over}% at the {sheet.fit.floor:g} pt floor")
