"""Where templates, the reference .docx, the PDF stylesheet and the fonts are found.

A user's ``--templates`` folder overrides the defaults file by file. The defaults are the
package's ``templates/`` (installed from the repository's ``templates/`` folder), so a
non-editable install finds them too.
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path
from typing import Optional

from .errors import TemplateError

_PACKAGE = Path(str(importlib_resources.files("briefgen")))


def default_templates_dir() -> Path:
    """The bundled templates: inside the installed package, else the source checkout's."""
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parents[1] / "templates"


def fonts_dir() -> Path:
    """The bundled fonts (OFL), shipped inside the package."""
    return _PACKAGE / "fonts"


class Resources:
    """Looks up named resource files: explicit overrides, then the user's folder, then defaults."""

    def __init__(self, user_dir: Optional[Path] = None, overrides: Optional[dict[str, Path]] = None):
        self.user_dir = user_dir
        self.overrides = dict(overrides or {})
        if user_dir is not None and not user_dir.is_dir():
            raise TemplateError(f"{user_dir}: templates folder does not exist")

    def search_path(self) -> list[Path]:
        """Folders to search in order, for the template loader."""
        return [d for d in (self.user_dir, default_templates_dir()) if d is not None]

    def path(self, name: str) -> Path:
        """The file that provides ``name``; a missing one is a TemplateError naming it."""
        if name in self.overrides:
            found = self.overrides[name]
            if not found.is_file():
                raise TemplateError(f"{found}: file not found")
            return found
        for folder in self.search_path():
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise TemplateError(f"{name}: template not found in {', '.join(map(str, self.search_path()))}")
