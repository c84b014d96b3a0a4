"""Writer registry: an output format is one writer module plus one entry here.

A writer module exposes ``render(document: Document, resources: Resources) -> bytes`` and
``SUFFIX``; it sees only the document tree. It may expose ``prepare(resources: Resources)``
to load what every document needs (fonts) ahead of the first one, as a forked writer does.
Modules are imported on first use so that commands which write nothing never pay for
reportlab or python-docx.
"""

from __future__ import annotations

import importlib
from types import ModuleType

WRITERS: dict[str, str] = {
    "docx": "briefgen.writers.docx",
    "pdf": "briefgen.writers.pdf",
    "md": "briefgen.writers.markdown",
}


def get(fmt: str) -> ModuleType:
    """The writer module for ``fmt`` (a key of WRITERS)."""
    return importlib.import_module(WRITERS[fmt])
