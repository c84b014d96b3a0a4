"""briefgen build: twelve files and a manifest, byte-reproducible, atomic, and hostile input
refused with one clear line while every earlier output stays exactly as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document as WordDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bad_models import BAD_MODELS
from briefgen.cli import main
from conftest import MODEL, ROOT, SOURCE, ModelCopy

NAMES = [
    f"{stem}.{lang}.{fmt}"
    for lang in ("ja", "en")
    for stem, fmt in [("brief", "docx"), ("brief", "pdf"), ("onepager", "pdf"),
                      ("actions-national", "pdf"), ("actions-cities", "pdf"), ("actions-intermediaries", "pdf")]
]
HEADLINE = 'ja: "日本の都市の取組を分析し対外発信する"'


def build(*args: str):
    result = CliRunner().invoke(main, ["build", "-q", *args], prog_name="briefgen")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A complete build of the bundled model: the outputs a failed build must leave alone."""
    folder = tmp_path_factory.mktemp("previous")
    assert build("--model", str(MODEL), "--out", str(folder)).exit_code == 0
    return folder


@pytest.fixture
def out(previous, tmp_path) -> Path:
    return Path(shutil.copytree(previous, tmp_path / "out"))


def test_build_writes_twelve_files_and_a_manifest(previous):
    manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in manifest["files"]] == NAMES
    for entry in manifest["files"]:
        data = (previous / entry["name"]).read_bytes()
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert manifest["model_sha256"] == hashlib.sha256(MODEL.read_bytes()).hexdigest()
    assert sorted(p.name for p in previous.iterdir()) == sorted([*NAMES, "manifest.json"])


def test_build_prints_each_written_path_on_stdout(tmp_path):
    result = build("--model", str(MODEL), "--out", str(tmp_path), "--lang", "en", "--only", "actions")
    assert result.stdout.splitlines() == [str(tmp_path / f"actions-{a}.en.pdf") for a in ("national", "cities", "intermediaries")]


def test_build_with_no_arguments_uses_the_bundled_model_and_out(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "source", tmp_path / "source")
    monkeypatch.chdir(tmp_path)
    result = build("--only", "docx")
    assert (result.exit_code, result.stdout) == (0, "out/brief.ja.docx\nout/brief.en.docx\n")


# --- reproducible -------------------------------------------------------------------

FAKE_CLOCK = """
import datetime, sys, time
shift = float(sys.argv.pop(1))
real_time = time.time
time.time = lambda: real_time() + shift
class FakeDateTime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.fromtimestamp(time.time(), tz)
    @classmethod
    def utcnow(cls):
        return datetime.datetime.utcfromtimestamp(time.time())
datetime.datetime = FakeDateTime
from briefgen.cli import main
sys.exit(main())
"""


def build_at(shift_days: float, out: Path, cwd: Path, env: dict[str, str]) -> None:
    """Build in a subprocess whose clock runs ``shift_days`` ahead of the real one."""
    command = [sys.executable, "-c", FAKE_CLOCK, str(shift_days * 86400), "build", "-q", "--model", str(MODEL), "--out", str(out)]
    subprocess.run(command, cwd=cwd, env={**os.environ, **env}, check=True, capture_output=True, timeout=300)


@pytest.mark.parametrize("epoch", [None, "1735689600"], ids=["no SOURCE_DATE_EPOCH", "SOURCE_DATE_EPOCH"])
def test_builds_days_apart_in_other_folders_are_byte_identical(tmp_path, epoch):
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    first, second = tmp_path / "a", tmp_path / "elsewhere" / "b"
    first.mkdir(), second.mkdir(parents=True)
    build_at(0, first, tmp_path, {**env, "TZ": "UTC", "USER": "alice"})
    build_at(9.5, second, second, {**env, "TZ": "Asia/Tokyo", "USER": "bob"})
    assert snapshot(first) == snapshot(second)


# --- atomic -------------------------------------------------------------------------


def test_a_build_killed_midway_leaves_every_file_old_or_wholly_new(previous, tmp_path):
    """Kill builds of a changed model at several moments; no file is ever torn or mixed."""
    changed = ModelCopy(tmp_path)
    changed.replace(HEADLINE, 'ja: "日本の都市の取組を分析し世界に発信する"')
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert build("--model", str(changed.path), "--out", str(fresh)).exit_code == 0
    old, new = snapshot(previous), snapshot(fresh)
    assert all(old[name] != new[name] for name in ("onepager.ja.pdf", "brief.ja.docx"))
    killed = 0
    for delay in (0.2, 0.6, 1.0, 1.4, 1.8, 2.2, 2.6):
        out = Path(shutil.copytree(previous, tmp_path / f"out-{delay}"))
        process = subprocess.Popen([sys.executable, "-m", "briefgen.cli", "build", "-q", "--model", str(changed.path), "--out", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
        after = {name: data for name, data in snapshot(out).items() if not name.endswith(".tmp")}
        assert set(after) == set(old)
        assert all(after[name] in (old[name], new[name]) for name in after)
    assert killed, "every build finished before it could be killed"


# --- hostile and broken input ---------------------------------------------------------


@pytest.mark.parametrize("spoil", BAD_MODELS, ids=[spoil.__name__ for spoil in BAD_MODELS])
def test_a_bad_model_is_refused_before_anything_is_written(model, out, spoil):
    before = snapshot(out)
    expected = spoil(model)
    result = build("--model", str(model.path), "--out", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {expected}\n")
    assert snapshot(out) == before


def _text_layout(model: ModelCopy, text: str) -> None:
    model.replace(HEADLINE, f'ja: "{text}"')


HOSTILE_TEXT = [
    pytest.param("日本😀の都市", "brief.ja.pdf: no font has U+1F600 '😀' (in: 1．日本😀の都市)", id="emoji"),
    pytest.param("𠮷野家の都市", "brief.ja.pdf: no font has U+20BB7 '𠮷' (in: 1．𠮷野家の都市)", id="rare kanji"),
    pytest.param("مرحبا بالمدن", "brief.ja.pdf: no font has U+0645 'م' (in: 1．مرحبا بالمدن)", id="right-to-left"),
]


@pytest.mark.parametrize("text, message", HOSTILE_TEXT)
def test_a_character_no_font_has_is_named_and_nothing_is_written(model, out, text, message):
    before = snapshot(out)
    _text_layout(model, text)
    result = build("--model", str(model.path), "--out", str(out))
    assert (result.exit_code, result.stderr) == (1, f"error: {message}\n")
    assert snapshot(out) == before


def test_a_200kb_text_overflows_the_one_pager_but_the_brief_and_lists_build(model, out):
    before = snapshot(out)
    model.replace('en: "While a wide range', 'en: "' + "Cities act. " * 17000 + 'While a wide range')
    result = build("--model", str(model.path), "--out", str(out), "--only", "pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: onepager.en.pdf: one-pager overflows one A4 page by ")
    assert result.stderr.endswith("% at the 8 pt floor\n") and result.stderr.count("\n") == 1
    assert snapshot(out) == before
    for only in ("docx", "actions"):
        assert build("--model", str(model.path), "--out", str(out), "--only", only).exit_code == 0


MARKUP = "<b>x</b> & &amp; \\\" ' {{ x }} {% raw %} ** 1. 日本"
LITERAL = "<b>x</b> & &amp; \" ' {{ x }} {% raw %} ** 1. 日本"


def test_markup_in_model_text_appears_literally_in_every_output(model, tmp_path):
    model.replace(HEADLINE, f'ja: "{MARKUP}"')
    assert build("--model", str(model.path), "--out", str(tmp_path)).exit_code == 0
    word = "\n".join(p.text for p in WordDocument(tmp_path / "brief.ja.docx").paragraphs)
    assert LITERAL in word
    for name in [n for n in NAMES if n.endswith(".ja.pdf")]:
        text = "".join(page.extract_text() for page in PdfReader(tmp_path / name).pages)
        assert "".join(LITERAL.split()) in "".join(text.split()), name


def test_five_hundred_actions_for_one_audience_paginate(model, tmp_path):
    action = model.text[model.text.index("  - id: act-cities-1\n"):model.text.index("  - id: act-cities-2\n")]
    copies = "".join(action.replace("act-cities-1", f"act-cities-x{n}") for n in range(500))
    model.replace("  - id: act-cities-1\n", copies + "  - id: act-cities-1\n")
    assert build("--model", str(model.path), "--out", str(tmp_path), "--only", "actions", "--lang", "en").exit_code == 0
    pages = PdfReader(tmp_path / "actions-cities.en.pdf").pages
    assert len(pages) > 20
    assert f"{len(pages)} / {len(pages)}" in pages[-1].extract_text().splitlines()


def _templates(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / name).write_bytes(content)
    return folder


BROKEN_TEMPLATES = [
    pytest.param("brief.xml.j2", b"{% if %}", "brief.xml.j2:1: template syntax error: Expected an expression, got 'end of statement block'", id="syntax error"),
    pytest.param("brief.xml.j2", b"{{ ''.__class__.__mro__ }}", "brief.xml.j2:1: template not allowed: access to attribute '__class__' of 'str' object is unsafe.", id="sandbox"),
    pytest.param("brief.xml.j2", b'{% include "absent.xml.j2" %}', "brief.xml.j2:1: template not found: absent.xml.j2 (searched {folder}, " + str(ROOT / "templates") + ")", id="missing template"),
    pytest.param("reference.docx", b"not a zip", "{folder}/reference.docx: not a Word document (.docx)", id="reference not a docx"),
]


@pytest.mark.parametrize("name, content, message", BROKEN_TEMPLATES)
def test_a_broken_template_is_refused_before_anything_is_written(out, tmp_path, name, content, message):
    before = snapshot(out)
    folder = _templates(tmp_path, name, content)
    result = build("--model", str(MODEL), "--out", str(out), "--templates", str(folder))
    assert (result.exit_code, result.stderr) == (1, f"error: {message.format(folder=folder)}\n")
    assert snapshot(out) == before


def test_a_missing_output_folder_is_an_error(tmp_path):
    result = build("--model", str(MODEL), "--out", str(tmp_path / "absent"))
    assert (result.exit_code, result.stderr) == (1, f"error: {tmp_path / 'absent'}: output folder does not exist\n")


def test_an_unwritable_output_folder_is_an_error():
    try:
        Path("/sys/briefgen-probe").touch()
    except OSError:
        pass
    else:
        pytest.skip("/sys is writable here, so it cannot stand for an unwritable folder")
    result = build("--model", str(MODEL), "--out", "/sys", "--only", "docx")
    assert (result.exit_code, result.stderr) == (1, "error: /sys: cannot write: Permission denied\n")


def test_a_console_that_cannot_show_a_character_gets_an_escape_not_a_crash(model):
    """A Japanese Windows console (cp932) has no emoji: the message must still arrive whole."""
    model.replace(HEADLINE, 'ja: "日本😀の都市"')
    env = {**os.environ, "PYTHONIOENCODING": "cp932"}
    result = subprocess.run([sys.executable, "-m", "briefgen.cli", "build", "-q", "--model", str(model.path), "--out", str(model.path.parent)],
                            capture_output=True, env=env, timeout=300)
    assert result.returncode == 1
    assert result.stderr.decode("cp932") == "error: brief.ja.pdf: no font has U+1F600 '\\U0001f600' (in: 1．日本\\U0001f600の都市)\n"


# --- any text ------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=ANY_TEXT, action=ANY_TEXT, english=ANY_TEXT)
def test_any_text_in_a_model_builds_every_output_or_fails_cleanly(tmp_path, headline, action, english):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    data = yaml.safe_load(MODEL.read_text(encoding="utf-8"))
    data["summary"]["conclusions"][0]["headline"]["ja"] = headline
    data["actions"][0]["text"]["ja"] = action
    data["actions"][0]["text"]["en"] = english
    shutil.copy(SOURCE, folder / SOURCE.name)
    model = folder / "session.yaml"
    model.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build("--model", str(model), "--out", str(folder))
    if result.exit_code == 0:
        assert sorted(p.name for p in folder.iterdir()) == sorted([*NAMES, "manifest.json", SOURCE.name, "session.yaml"])
    else:
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
        assert sorted(p.name for p in folder.iterdir()) == [SOURCE.name, "session.yaml"]


def test_progress_is_one_line_per_file_on_stderr_outside_a_terminal(tmp_path):
    result = CliRunner().invoke(main, ["build", "--model", str(MODEL), "--out", str(tmp_path), "--only", "docx"])
    sizes = [(tmp_path / f"brief.{lang}.docx").stat().st_size for lang in ("ja", "en")]
    assert result.stderr.splitlines() == [
        f"wrote {tmp_path / f'brief.{lang}.docx'} ({size:,} bytes)" for lang, size in zip(("ja", "en"), sizes)
    ]


def test_a_missing_output_folder_is_found_before_the_model_is_loaded(tmp_path, model):
    model.path.write_text("not: [a, model", encoding="utf-8")
    result = build("--model", str(model.path), "--out", str(tmp_path / "absent"))
    assert (result.exit_code, result.stderr) == (1, f"error: {tmp_path / 'absent'}: output folder does not exist\n")
