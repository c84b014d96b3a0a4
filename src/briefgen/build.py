"""``briefgen build``: every output from one model load, rendered whole before anything is written.

The model is loaded and validated once and the fonts parsed once; every document is rendered
in memory — the PDFs by a forked writer where a second core is free (``briefgen.forked``),
from the composed trees; only then are the files written, staged whole beside their targets
and renamed into place together, so a failure at any point leaves the earlier outputs as
they were.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from .langs import LANGS
from .output import write_set
from .pipeline import AUDIENCES, Output, action_list, brief, brief_pdf, compose_output, onepager, render_document

if TYPE_CHECKING:  # not imported at run time: a Renderer is made before the model is loaded
    from .doctree import Document
    from .forked import ForkedWriter
    from .model import Session
    from .resources import Resources

MANIFEST = "manifest.json"
FORKED_FORMAT = "pdf"  # the writer worth a core of its own: most files, heaviest imports, fonts
ONLY = ("docx", "pdf", "actions")


def plan(langs: Iterable[str], only: Optional[str] = None) -> list[Output]:
    """The outputs a build makes, in a fixed order: per language the brief (Word, PDF),
    the one-pager and the action lists."""
    outputs: list[Output] = []
    for lang in langs:
        if only in (None, "docx"):
            outputs.append(brief(lang))
        if only in (None, "pdf"):
            outputs.extend([brief_pdf(lang), onepager(lang)])
        if only in (None, "actions"):
            outputs.extend(action_list(audience, lang) for audience in AUDIENCES)
    return outputs


@dataclass(frozen=True)
class Written:
    path: Path
    size: int
    sha256: str


def render_all(session: Session, outputs: list[Output], resources: Resources,
               progress: Callable[[Output], None] = lambda o: None) -> list[tuple[Output, bytes]]:
    """Render every output in memory, in this process; nothing touches the disk here."""
    return Renderer(outputs, resources, use_second_core=False).render_all(session, progress)


class Renderer:
    """Renders a build's outputs in memory; with a second core free, the PDFs in a forked writer.

    Made before the model is loaded, so that the forked writer's imports and font loading
    run while the model loads. Close it (or use it as a context manager) to end the helper.
    """

    def __init__(self, outputs: list[Output], resources: Resources, use_second_core: bool = True):
        self.outputs, self.resources = outputs, resources
        self.helper = _helper(outputs, resources) if use_second_core else None

    def render_all(self, session: Session, progress: Callable[[Output], None] = lambda o: None) -> list[tuple[Output, bytes]]:
        """Every output's bytes, in plan order: the same bytes with or without the helper."""
        theirs = [o for o in self.outputs if self.helper is not None and o.fmt == self.helper.fmt]
        ours = [o for o in self.outputs if o not in theirs]
        documents: dict[Output, Document] = {}
        for output in theirs + ours:  # theirs first, each sent as soon as composed: the longer part
            documents[output] = compose_output(session, output, self.resources)
            if output in theirs:
                self.helper.send(output, documents[output])
        rendered: dict[Output, bytes] = {}
        for output in ours:
            rendered[output] = self._render(output, documents[output], progress)
        if self.helper is not None:
            for output, data in self.helper.received():
                rendered[output] = data
                progress(output)
        for output in theirs:  # whatever the helper did not deliver, with this process's errors
            if output not in rendered:
                rendered[output] = self._render(output, documents[output], progress)
        return [(o, rendered[o]) for o in self.outputs]

    def _render(self, output: Output, document: Document, progress: Callable[[Output], None]) -> bytes:
        data = render_document(output, document, self.resources)
        progress(output)
        return data

    def close(self) -> None:
        """End the forked writer, if there is one."""
        if self.helper is not None:
            self.helper.close()

    def __enter__(self) -> "Renderer":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _helper(outputs: list[Output], resources: Resources) -> Optional["ForkedWriter"]:
    """A forked PDF writer, where there are PDFs to make and a second core and fork to make them with."""
    from .forked import ForkedWriter, usable_cores

    if FORKED_FORMAT not in {o.fmt for o in outputs} or not hasattr(os, "fork") or usable_cores() < 2:
        return None
    try:
        return ForkedWriter(FORKED_FORMAT, resources)
    except OSError:  # no process or pipe to spare: everything is rendered here
        return None


def write_all(rendered: list[tuple[Output, bytes]], out_dir: Path, model_bytes: bytes) -> list[Written]:
    """Write every rendered file and the manifest into ``out_dir``, all replaced or none."""
    files = {out_dir / output.filename: data for output, data in rendered}
    written = [Written(path, len(data), hashlib.sha256(data).hexdigest()) for path, data in files.items()]
    files[out_dir / MANIFEST] = manifest(written, model_bytes)
    write_set(files)
    return written


def manifest(written: list[Written], model_bytes: bytes) -> bytes:
    """The manifest: the model's hash and each file's name, size and SHA-256, deterministic."""
    body = {
        "model_sha256": hashlib.sha256(model_bytes).hexdigest(),
        "files": [{"name": w.path.name, "size": w.size, "sha256": w.sha256} for w in written],
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def langs_for(option: str) -> tuple[str, ...]:
    """The languages a ``--lang`` value stands for."""
    return LANGS if option == "all" else (option,)
