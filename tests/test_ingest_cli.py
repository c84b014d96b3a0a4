"""The `briefgen ingest` command: encodings it reads, files it refuses, where the draft goes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import main

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["ingest", *args])
    return result.exit_code, result.stdout, result.stderr


def draft_data(name: str) -> dict:
    """The draft of a test file, without the one field that names the file."""
    code, out, _ = run(str(DATA / name))
    assert code == 0
    data = yaml.safe_load(out)
    del data["document"]["source"]["file"]
    return data


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.txt", "empty file"),
        ("binary.png", "not a text file (binary data)"),
        ("english.txt", "not a meeting summary: no numbered items or 【総括】/【まとめ】 section found"),
    ],
)
def test_refused_file_is_one_line_on_stderr_and_exit_1(name, message, tmp_path):
    target = tmp_path / "draft.yaml"
    assert run(str(DATA / name), "-o", str(target)) == (1, "", f"error: {DATA / name}: {message}\n")
    assert not target.exists()


@pytest.mark.parametrize("name", ["nakaguro.sjis.txt", "nakaguro.bom.txt"])
def test_shift_jis_and_utf8_with_bom_read_as_the_utf8_file(name):
    assert (DATA / name).read_bytes() != (DATA / "nakaguro.txt").read_bytes()
    assert draft_data(name) == draft_data("nakaguro.txt")


def test_draft_goes_to_the_output_file_and_names_its_source_relative_to_it(tmp_path):
    source = tmp_path / "minutes" / "summary.txt"
    source.parent.mkdir()
    shutil.copy(DATA / "page-break.txt", source)
    (tmp_path / "models").mkdir()
    target = tmp_path / "models" / "draft.yaml"
    code, out, err = run(str(source), "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"{source}: 1 conclusion, 1 presentation, 2 exchange items, 2 points, 2 people; 48 to review; not placed: none\n"
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["document"]["source"]["file"] == "../minutes/summary.txt"


def test_draft_goes_to_stdout_without_output_file():
    code, out, err = run(str(DATA / "page-break.txt"))
    assert code == 0 and out.startswith("# Draft session model made by `briefgen ingest`")
    assert yaml.safe_load(out)["schema_version"] == 1 and err.endswith("not placed: none\n")


def test_output_folder_that_does_not_exist_is_an_error(tmp_path):
    target = tmp_path / "missing" / "draft.yaml"
    assert run(str(DATA / "page-break.txt"), "-o", str(target)) == (1, "", f"error: {target.parent}: output folder does not exist\n")
