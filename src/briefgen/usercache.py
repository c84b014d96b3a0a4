"""The per-user cache: work one process can hand to the next (parsed fonts, compiled templates).

Entries live in ``$XDG_CACHE_HOME/briefgen`` (else ``~/.cache/briefgen``). Each is written
whole through a temporary file and carries the SHA-256 of its payload, checked on load: a
missing, damaged or unwritable cache only costs the time it would have saved, never an error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Optional

DIGEST = 32  # bytes of SHA-256 before the payload


def cache_dir() -> Path:
    """The per-user cache folder (XDG base directory rules: a relative setting is ignored)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return Path(base if os.path.isabs(base) else Path.home() / ".cache") / "briefgen"


def load(name: str) -> Optional[bytes]:
    """The payload stored under ``name``, or None if it is absent or damaged."""
    try:
        stored = (cache_dir() / name).read_bytes()
    except OSError:
        return None
    payload = stored[DIGEST:]
    return payload if hashlib.sha256(payload).digest() == stored[:DIGEST] else None


def store(name: str, payload: bytes) -> None:
    """Keep ``payload`` under ``name``; a cache that cannot be written is passed over."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)
