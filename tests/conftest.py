"""Shared fixtures: the bundled session model, and copies of it that a test may break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefgen.errors import ModelError
from briefgen.loader import load_session
from briefgen.model import Session

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "source" / "session.yaml"
SOURCE = ROOT / "source" / "panel-discussion-summary.ja.txt"


class ModelCopy:
    """The bundled model and its source text, copied to a folder of their own to be edited."""

    def __init__(self, folder: Path):
        shutil.copy(SOURCE, folder / SOURCE.name)
        self.path = Path(shutil.copy(MODEL, folder / MODEL.name))

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def line_of(self, needle: str) -> int:
        """The line on which ``needle``, which must occur exactly once, starts."""
        text = self.text
        assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times in the model"
        return text[: text.index(needle)].count("\n") + 1

    def replace(self, old: str, new: str) -> int:
        """Replace the one occurrence of ``old`` with ``new``; the line on which it started."""
        line = self.line_of(old)
        self.path.write_text(self.text.replace(old, new), encoding="utf-8")
        return line

    def problems(self) -> list[str]:
        """The problems loading the copy reports, each as ``file:line: path: message``."""
        with pytest.raises(ModelError) as caught:
            load_session(self.path)
        return [str(problem) for problem in caught.value.problems]

    def at(self, line: int | None, rest: str) -> str:
        """A problem as the copy's problems give it: ``file:line: rest``."""
        return f"{self.path}:{line}: {rest}" if line else f"{self.path}: {rest}"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests and the processes they start share a font cache of their own, never the user's."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def model(tmp_path: Path) -> ModelCopy:
    return ModelCopy(tmp_path)


@pytest.fixture(scope="session")
def session() -> Session:
    """The bundled model, loaded once; tests must not change it."""
    return load_session(MODEL)
