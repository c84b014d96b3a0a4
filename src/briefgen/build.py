"""``briefgen build``: every output in one process, rendered whole before anything is written.

The model is loaded and validated once; every document is rendered in memory; only then are
the files written, staged whole beside their targets and renamed into place together, so a
failure at any point leaves the earlier outputs as they were.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from .model import LANGS, Session
from .output import write_set
from .pipeline import AUDIENCES, Output, action_list, brief, brief_pdf, onepager, render_output
from .resources import Resources

MANIFEST = "manifest.json"
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
    """Render every output in memory; nothing touches the disk here."""
    rendered = []
    for output in outputs:
        rendered.append((output, render_output(session, output, resources)))
        progress(output)
    return rendered


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
