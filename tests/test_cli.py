"""The validate and schema commands: output, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import __version__
from briefgen.cli import main
from briefgen.model import Session
from bad_models import BAD_MODELS, duplicate_id, duplicate_key, unknown_audience, unknown_id
from conftest import ROOT

HOLDS = (
    "4 conclusions, 3 presentations, 11 exchange items (17 points), 6 people, "
    "15 actions (national 5, cities 5, intermediaries 5), 4 corrections"
)


def run(*args: str):
    result = CliRunner().invoke(main, list(args), prog_name="briefgen")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_validate_passes_on_the_bundled_model_and_says_what_it_holds(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"source/session.yaml: ok: {HOLDS}\n", "")


def test_validate_takes_the_model_as_an_argument():
    result = run("validate", str(ROOT / "source" / "session.yaml"))
    assert (result.exit_code, result.stdout) == (0, f"{ROOT / 'source' / 'session.yaml'}: ok: {HOLDS}\n")


@pytest.mark.parametrize("spoil", BAD_MODELS, ids=[spoil.__name__ for spoil in BAD_MODELS])
def test_validate_reports_a_bad_model_on_stderr_and_exits_1(model, spoil):
    expected = spoil(model)
    result = run("validate", str(model.path))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {expected}\n")


def test_validate_reports_every_problem_one_per_line_in_file_order(model):
    key = duplicate_key(model)  # first: it adds a line
    audience = unknown_audience(model)  # before the id it names is duplicated
    expected = [key, duplicate_id(model), audience, unknown_id(model)]
    result = run("validate", str(model.path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {problem}" for problem in expected]


def test_validate_reports_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate", "absent.yaml")
    assert (result.exit_code, result.stderr) == (1, "error: absent.yaml: cannot read (no such file or directory)\n")


@pytest.mark.parametrize("args", [["validate", "a.yaml", "b.yaml"], ["validate", "--strict"], ["validate", "."]], ids=["two models", "unknown option", "a folder"])
def test_validate_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage: briefgen validate [OPTIONS] [MODEL]" in result.stderr


def test_schema_prints_the_json_schema_of_the_model():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert schema["title"] == "Session"
    assert set(schema["properties"]) == set(Session.model_fields)
    assert schema["additionalProperties"] is False


def test_help_names_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "validate" in result.stdout and "schema" in result.stdout


def test_version():
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"briefgen, version {__version__}\n")


BRIEFGEN = Path(sys.executable).with_name("briefgen")


@pytest.mark.skipif(not BRIEFGEN.exists(), reason="the briefgen command is not installed beside this Python")
def test_the_installed_command_validates_and_fails_without_a_traceback(model):
    good = subprocess.run([BRIEFGEN, "validate"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (good.returncode, good.stdout) == (0, f"source/session.yaml: ok: {HOLDS}\n")
    expected = unknown_audience(model)
    bad = subprocess.run([BRIEFGEN, "validate", model.path], capture_output=True, text=True, timeout=60)
    assert (bad.returncode, bad.stdout, bad.stderr) == (1, "", f"error: {expected}\n")


def test_validate_imports_no_renderer():
    """validate must start fast: no document renderer or template engine on its path."""
    script = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "main(['validate'], standalone_mode=False)\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'reportlab', 'docx', 'jinja2', 'lxml'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr
