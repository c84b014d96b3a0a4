"""The PDF writer: A4 pages of a document tree, set in the bundled Japanese faces.

``pdf_build`` turns blocks into flowables, ``pdf_fit`` shrinks a one-pager until it fits
one page, ``pdf_page`` draws the running header, footer and page numbers. Output is
reproducible: the same tree gives the same bytes (creation date from SOURCE_DATE_EPOCH,
else fixed), and the only fonts in it are embedded subsets of the bundled TrueType faces.
"""

from __future__ import annotations

from functools import partial
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError as PlatypusLayoutError

from ..doctree import Document
from ..errors import LayoutError
from ..resources import Resources
from .pdf_build import Builder
from .pdf_fit import fit_one_page
from .pdf_flow import keep_with_next
from .pdf_fonts import Faces
from .pdf_page import Furniture, NumberedCanvas
from .pdf_style import Stylesheet

SUFFIX = ".pdf"
LANG_TAGS = {"ja": "ja-JP", "en": "en-US"}


def render(document: Document, resources: Resources) -> bytes:
    """The PDF of ``document``; a LayoutError if it overflows its one page or lacks a glyph."""
    sheet = Stylesheet.load(resources, document.lang)
    faces = Faces(sheet, resources)
    one_page = document.fit == "one-page"
    builder = Builder(sheet, faces, outline=document.outline and not one_page, one_page=one_page)
    if one_page:
        story = fit_one_page(sheet, partial(_one_page_story, document, faces))
    else:
        story = keep_with_next(builder.blocks(document.blocks))
    furniture = Furniture(document, sheet, builder, numbered=not one_page)
    return _write(document, sheet, faces, story, furniture, bool(builder.bookmarks))


def prepare(resources: Resources) -> None:
    """Load each language's stylesheet and every face it names, ahead of the first document.

    A forked writer (``briefgen.forked``) does this while the model is still being loaded.
    """
    for lang in LANG_TAGS:
        sheet = Stylesheet.load(resources, lang)
        faces = Faces(sheet, resources)
        for face in sheet.faces:
            faces.font(face)


def _one_page_story(document: Document, faces: Faces, sheet: Stylesheet) -> tuple[list[Flowable], float]:
    """The one-pager's flowables with ``sheet``, and the size of its body text."""
    builder = Builder(sheet, faces, outline=False, one_page=True)
    return builder.blocks(document.blocks), builder.body_size()


def _template(document: Document, sheet: Stylesheet, faces: Faces, out: BytesIO) -> BaseDocTemplate:
    """An A4 document template with the document's metadata and language, and fixed dates."""
    meta = document.meta
    return BaseDocTemplate(
        out,
        pagesize=A4,
        invariant=True,
        lang=LANG_TAGS[document.lang],
        initialFontName=faces.name(sheet.text("text").font),
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        creator="briefgen",
        displayDocTitle=True,
    )


def _write(document: Document, sheet: Stylesheet, faces: Faces, story: list[Flowable], furniture: Furniture, outline: bool) -> bytes:
    out = BytesIO()
    doc = _template(document, sheet, faces, out)
    x, y, width, height = sheet.page.frame
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=furniture)])
    canvasmaker = partial(NumberedCanvas, ink=furniture.ink, align=furniture.align, outline=outline)
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except PlatypusLayoutError:
        raise LayoutError(f"{document.meta.title}: a block is too large for an A4 page and cannot be split") from None
    if document.fit == "one-page" and doc.page != 1:
        raise LayoutError(f"one-pager took {doc.page} A4 pages")
    return out.getvalue()
