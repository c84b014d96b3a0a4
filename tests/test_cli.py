"""The validate and schema commands: output, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen import __version__
from briefgen.cli import main
from briefgen.model import Session
from conftest import ROOT, ModelCopy

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


def _syntax(model: ModelCopy) -> str:
    line = model.replace("  moderator: p-iclei", "  moderator: p-iclei: x")
    problem = "mapping values are not allowed " + ("in this context" if yaml.__with_libyaml__ else "here")
    return model.at(line, f"YAML syntax error: {problem}")


def _wrong_type(model: ModelCopy) -> str:
    line = model.replace("- id: c1\n      number: 1\n", '- id: c1\n      number: "1"\n') + 1
    return model.at(line, "summary.conclusions[0].number: expected an integer")


def _missing_field(model: ModelCopy) -> str:
    model.replace("    role: panelist\n    group: academia\n", "    group: academia\n")
    return model.at(model.line_of("- id: p-ibaraki"), "people[0].role: missing required field")


def _unknown_id(model: ModelCopy) -> str:
    line = model.replace("evidence: [c1, ex-2.p2]", "evidence: [c1, ex-12]")
    return model.at(line, "actions[14].evidence[1]: unknown id 'ex-12'")


def _unknown_audience(model: ModelCopy) -> str:
    line = model.replace("- id: act-cities-5\n    audience: cities", "- id: act-cities-5\n    audience: ministries") + 1
    return model.at(line, "actions[9].audience: unknown audience 'ministries'")


def _empty_text(model: ModelCopy) -> str:
    line = model.replace('name: "三村"', 'name: ""')
    return model.at(line, "people[0].name: text is empty")


def _duplicate_id(model: ModelCopy) -> str:
    first = model.line_of("- id: act-cities-4")
    line = model.replace("- id: act-cities-5", "- id: act-cities-4")
    return model.at(line, f"actions[9].id: duplicate id 'act-cities-4' (first defined at line {first})")


def _missing_english(model: ModelCopy) -> str:
    line = model.replace('    name:\n      ja: "環境省"\n      en: "Ministry of the Environment"', '    name:\n      ja: "環境省"')
    return model.at(line, "organisations[0].name.en: missing required field")


def _duplicate_key(model: ModelCopy) -> str:
    line = model.replace('    name: "三村"\n', '    name: "三村"\n    name: "三村"\n')
    return model.at(line + 1, f"people[0].name: duplicate key (first defined at line {line})")


def _not_utf8(model: ModelCopy) -> str:
    line = model.line_of('name: "三村"')
    raw = model.path.read_bytes()
    offset = raw.index("三村".encode())
    model.path.write_bytes(raw[:offset] + b"\x82" + raw[offset:])
    return model.at(line, f"not UTF-8 (invalid byte 0x82 at offset {offset})")


def _control_character(model: ModelCopy) -> str:
    line = model.replace('name: "三村"', 'name: "三\x07村"')
    return model.at(line, "control character U+0007 is not allowed")


BAD_MODELS = [
    _syntax,
    _wrong_type,
    _missing_field,
    _unknown_id,
    _unknown_audience,
    _empty_text,
    _duplicate_id,
    _missing_english,
    _duplicate_key,
    _not_utf8,
    _control_character,
]


@pytest.mark.parametrize("spoil", BAD_MODELS, ids=[spoil.__name__.strip("_") for spoil in BAD_MODELS])
def test_validate_reports_a_bad_model_on_stderr_and_exits_1(model, spoil):
    expected = spoil(model)
    result = run("validate", str(model.path))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {expected}\n")


def test_validate_reports_every_problem_one_per_line_in_file_order(model):
    key = _duplicate_key(model)  # first: it adds a line
    audience = _unknown_audience(model)  # before the id it names is duplicated
    expected = [key, _duplicate_id(model), audience, _unknown_id(model)]
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
    expected = _unknown_audience(model)
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
