"""The usual route to the same files: Markdown → pandoc → .docx, then LibreOffice → .pdf.

The Markdown comes from briefgen's md writer, so both routes typeset the same content. Only
the conversions are timed (the Markdown is taken as already written, as it would be by hand).
A document wanted both as .docx and as .pdf (the brief) goes through pandoc once.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from measure import Run, run


def tools() -> dict[str, str | None]:
    """Where pandoc and soffice are, or None for a tool that is absent."""
    return {"pandoc": shutil.which("pandoc"), "soffice": shutil.which("soffice")}


def version(tool: str) -> str:
    """The first line of a tool's ``--version``."""
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=120)
    return (result.stdout.strip().splitlines() or ["?"])[0]


@dataclass(frozen=True)
class Route:
    """The usual route over one folder of Markdown files, with its own LibreOffice profile."""

    markdown: Path
    profile: Path
    converted: tuple[str, ...]  # every Markdown file, each made a .docx once
    printed: tuple[str, ...]  # the Markdown files whose .docx LibreOffice turns into a .pdf

    def pandoc(self, out: Path, names: tuple[str, ...]) -> list[Run]:
        """pandoc, one call per file, each Markdown file to a .docx in ``out``."""
        return [run(["pandoc", "-f", "markdown", "-o", str(out / docx_name(n)), str(self.markdown / n)]) for n in names]

    def soffice(self, out: Path, docx: list[Path]) -> Run:
        """One LibreOffice call converting every file of ``docx`` to PDF in ``out``."""
        command = [
            "soffice", f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out), *map(str, docx),
        ]
        return run(command)

    def warm(self, out: Path) -> None:
        """Create the LibreOffice profile and fill the disk cache with one unrecorded conversion."""
        self.pandoc(out, self.printed[:1])
        self.soffice(out, [out / docx_name(self.printed[0])])

    def best(self, out: Path) -> dict:
        """pandoc for every file, then one soffice call for all the PDFs."""
        pandoc = self.pandoc(out, self.converted)
        soffice = self.soffice(out, [out / docx_name(n) for n in self.printed])
        return _totals(pandoc, [soffice])

    def per_pdf(self, out: Path) -> dict:
        """pandoc for every file, then one soffice call per PDF."""
        pandoc = self.pandoc(out, self.converted)
        soffice = [self.soffice(out, [out / docx_name(n)]) for n in self.printed]
        return _totals(pandoc, soffice)


def docx_name(markdown_name: str) -> str:
    """The .docx pandoc makes from a Markdown file (and LibreOffice then names the PDF after)."""
    return markdown_name.removesuffix(".md") + ".docx"


def _totals(pandoc: list[Run], soffice: list[Run]) -> dict:
    """Seconds spent in each tool, and the highest peak RSS of any one call."""
    calls = pandoc + soffice
    return {
        "wall_s": sum(r.wall for r in calls),
        "pandoc_s": sum(r.wall for r in pandoc),
        "soffice_s": sum(r.wall for r in soffice),
        "peak_rss_bytes": max(r.peak_rss for r in calls),
    }
