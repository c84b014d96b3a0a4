"""A non-editable install finds its templates, reference document, stylesheet and fonts."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

SHIPPED = [
    "briefgen/templates/brief.xml.j2",
    "briefgen/templates/onepager.xml.j2",
    "briefgen/templates/actions.xml.j2",
    "briefgen/templates/reference.docx",
    "briefgen/templates/pdf-style.toml",
    "briefgen/fonts/OFL.txt",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(folder)],
                           capture_output=True, text=True, timeout=600)
    if built.returncode != 0:
        pytest.skip(f"the wheel could not be built here: {built.stderr.strip().splitlines()[-1:]}")
    return next(folder.glob("briefgen-*.whl"))


def test_the_wheel_ships_templates_styles_and_fonts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert [name for name in SHIPPED if name not in names] == []
    assert any(name.startswith("briefgen/fonts/") and name.endswith(".ttf") for name in names)


def test_the_installed_package_builds_away_from_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    (work / "out").mkdir(parents=True)
    script = "import briefgen, sys; from briefgen.cli import main; print(briefgen.__file__, file=sys.stderr); main()"
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", script, "build", "-q", "--model", str(ROOT / "source" / "session.yaml"), "--lang", "en"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == str(site / "briefgen" / "__init__.py")
    assert len(result.stdout.splitlines()) == 6
