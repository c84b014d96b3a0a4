"""Atomic output: files are written beside their targets and renamed into place only when whole.

``write_set`` stages every file of a set before it renames any, so a failure while writing
(disk full, a bad folder) leaves all the earlier files exactly as they were.
"""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    write_set({path: data})


def write_set(files: dict[Path, bytes]) -> None:
    """Write several files so that either all are replaced or, on an error, none is."""
    staged: dict[Path, str] = {}
    for path in files:
        _remove_leftovers(path)
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
        for path, tmp in staged.items():
            try:
                os.replace(tmp, path)
            except OSError as error:
                raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        for tmp in staged.values():
            if os.path.exists(tmp):
                os.unlink(tmp)


def check_folder(folder: Path) -> None:
    """An OutputError unless ``folder`` exists: checked before rendering too, to fail at once."""
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files a killed earlier write of ``path`` left beside it."""
    if path.parent.is_dir():
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` whole and synced to a temporary file beside ``path``; its name."""
    folder = path.parent
    check_folder(folder)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as error:
        os.unlink(tmp)
        raise OutputError(f"{path}: cannot write: {error.strerror}") from None
    return tmp
