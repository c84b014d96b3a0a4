"""Typed errors of the library. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


class BriefgenError(Exception):
    """An error in the input or the build that the user can fix; the CLI exits 1 on it."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as ``file:line: path: message``."""

    file: str
    line: Optional[int]
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ModelError(BriefgenError):
    """The session model is invalid; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.path))
        super().__init__("\n".join(str(p) for p in self.problems))


class SourceError(BriefgenError):
    """A source text that cannot be read (empty, binary) or is not a meeting summary."""


class TemplateError(BriefgenError):
    """A template is missing, malformed, misspells a field or breaks the sandbox."""


class LayoutError(BriefgenError):
    """A document cannot be laid out as required (overflowing one page, a missing glyph)."""


class OutputError(BriefgenError):
    """An output cannot be written (missing or unwritable folder, bad reference file)."""
