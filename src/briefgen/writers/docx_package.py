"""The Word package: a reference .docx in, reproducible .docx bytes out.

python-docx stamps every zip entry with the clock and writes entries in the order it walks the
parts; ``package_bytes`` rewrites the package with a fixed entry order, fixed timestamps and
fixed compression, so the same document always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Optional

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from ..errors import OutputError

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
LEADING_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def open_reference(path: Path) -> WordDocument:
    """The Word document at ``path``; any other file is an OutputError naming it."""
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise OutputError(f"{path}: not a Word document (.docx)") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror}") from None


def set_package_dates(document: WordDocument, when: Optional[datetime]) -> None:
    """Make ``when`` the document's created and modified dates; None removes both."""
    if when is not None:
        document.core_properties.created = document.core_properties.modified = when
        return
    core = next(p for p in document.part.package.iter_parts() if p.content_type == CT.OPC_CORE_PROPERTIES)
    for tag in ("dcterms:created", "dcterms:modified"):
        for element in core.element.findall(qn(tag)):
            core.element.remove(element)


def package_bytes(document: WordDocument) -> bytes:
    """``document`` saved as a .docx whose bytes depend on its content only."""
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=_entry_order):
            target.writestr(_entry_info(name), entries[name])
    return out.getvalue()


def _entry_order(name: str) -> tuple[int, str]:
    """Content types and package relationships first, as Word writes them; then by name."""
    return (LEADING_ENTRIES.index(name) if name in LEADING_ENTRIES else len(LEADING_ENTRIES), name)


def _entry_info(name: str) -> zipfile.ZipInfo:
    """A zip entry header with nothing from the clock or the host system in it."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info
