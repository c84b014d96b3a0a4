"""Page furniture: the running header and footer, and "n / N" page numbers.

The page count is not known while a page is drawn, so each page shows a form XObject
``page-number-n`` that the canvas defines when the document is saved; the number is then
exactly aligned as the ``page-number`` style says. A document of one page shows none.
"""

from __future__ import annotations

from typing import Optional

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .. import doctree as dt
from ..errors import LayoutError
from .pdf_build import Builder
from .pdf_style import Stylesheet
from .pdf_text import Ink

DIGITS = "0123456789 /"
WIDEST = "999 / 999"


def _form(page: int) -> str:
    return f"page-number-{page}"


class NumberedCanvas(Canvas):
    """A canvas that, as it saves, writes "n / N" into the form page n shows.

    ``outline`` opens the viewer's bookmark pane on documents of more than one page.
    """

    def __init__(self, *args, ink: Optional[Ink] = None, align: str = "right", outline: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.number_ink, self.number_align, self.outline = ink, align, outline

    def save(self) -> None:
        total = self._doc.pageCounter - 1
        if self.number_ink is not None:
            for page in range(1, total + 1):
                self._define_number(page, total)
        if self.outline and total > 1:
            self.showOutline()
        super().save()

    def _define_number(self, page: int, total: int) -> None:
        ink, width = self.number_ink, A4[0]
        self.beginForm(_form(page), -width, -ink.size, width, 2 * ink.size)
        if total > 1:
            self.setFont(ink.font, ink.size)
            if ink.color is not None:
                self.setFillColor(ink.color)
            draw = {"left": self.drawString, "center": self.drawCentredString}.get(self.number_align, self.drawRightString)
            draw(0, 0, f"{page} / {total}")
        self.endForm()


class Furniture:
    """Draws one document's running header, footer and page number on each page."""

    def __init__(self, document: dt.Document, sheet: Stylesheet, builder: Builder, numbered: bool):
        self.page = sheet.page
        self.header = builder.text_block(document.header, sheet.text("header")) if document.header else None
        self.footer = builder.text_block(document.footer, sheet.text("footer")) if document.footer else None
        style = sheet.text("page-number")
        self.align, self.ink, self.reserve = style.align, None, 0.0
        if numbered:
            runs = builder.runs((dt.Text(DIGITS),), style, DIGITS)
            if len(runs) > 1:
                raise LayoutError(f"the page-number face lacks some of the characters {DIGITS!r}")
            self.ink = runs[0][1]
            self.reserve = stringWidth(WIDEST, self.ink.font, self.ink.size) + style.size

    def __call__(self, canvas: Canvas, doc) -> None:
        x, _, width, _ = self.page.frame
        if self.header is not None:
            self._draw_header(canvas, x, width)
        bottom = self.page.footer_mm * mm
        if self.footer is not None:
            self.footer.wrapOn(canvas, width - self.reserve, A4[1])
            self.footer.drawOn(canvas, x, bottom)
        if self.ink is not None:
            anchor = {"left": x, "center": x + width / 2}.get(self.align, x + width)
            canvas.saveState()
            canvas.translate(anchor, bottom + self.ink.size * 0.25)
            canvas.doForm(_form(doc.page))
            canvas.restoreState()

    def _draw_header(self, canvas: Canvas, x: float, width: float) -> None:
        """The header block hanging from its top line, with the rule under it."""
        page = self.page
        _, height = self.header.wrapOn(canvas, width, A4[1])
        bottom = A4[1] - page.header_mm * mm - height
        self.header.drawOn(canvas, x, bottom)
        if page.rule_color and page.rule_width:
            canvas.setStrokeColor(page.rule_color)
            canvas.setLineWidth(page.rule_width)
            canvas.line(x, bottom - 2 * page.rule_width, x + width, bottom - 2 * page.rule_width)
