"""The one pipeline: session model → templates → document tree → writer → bytes.

An ``Output`` names one file briefgen makes; ``render_output`` (compose, then
``render_document``) is the only route from the model to a file's bytes, shared by every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from . import writers
from .errors import LayoutError

from .langs import Lang

if TYPE_CHECKING:  # at run time a forked writer needs none of these (see briefgen.forked)
    from .doctree import Document
    from .model import Session
    from .resources import Resources

AUDIENCES = ("national", "cities", "intermediaries")


@dataclass(frozen=True)
class Output:
    """One output file: what it is (kind, audience), its language and its format."""

    kind: str  # "brief" | "onepager" | "actions"
    fmt: str  # a key of writers.WRITERS
    lang: Lang
    audience: Optional[str] = None

    @property
    def filename(self) -> str:
        stem = f"actions-{self.audience}" if self.audience else self.kind
        return f"{stem}.{self.lang}.{self.fmt}"


def brief(lang: Lang) -> Output:
    return Output("brief", "docx", lang)


def brief_pdf(lang: Lang) -> Output:
    """The executive brief as PDF, for readers without Word."""
    return Output("brief", "pdf", lang)


def onepager(lang: Lang) -> Output:
    return Output("onepager", "pdf", lang)


def action_list(audience: str, lang: Lang) -> Output:
    return Output("actions", "pdf", lang, audience)


def render_output(session: Session, output: Output, resources: Resources) -> bytes:
    """Compose the output's document tree from the templates and render it to bytes."""
    return render_document(output, compose_output(session, output, resources), resources)


def compose_output(session: Session, output: Output, resources: Resources) -> Document:
    """The output's document tree, from the templates."""
    from .compose import compose  # jinja2 and the templates: a forked writer needs neither

    return compose(session, output.kind, output.lang, resources, audience=output.audience)


def render_document(output: Output, document: Document, resources: Resources) -> bytes:
    """Render a composed tree with the output's writer.

    A layout failure is prefixed with the file it concerns, since one model makes many.
    """
    try:
        return writers.get(output.fmt).render(document, resources)
    except LayoutError as error:
        raise LayoutError(f"{output.filename}: {error}") from None
