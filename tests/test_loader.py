"""The loader: reading the file, YAML with lines, and the schema, on copies of the real model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen import loader
from briefgen.errors import ModelError
from briefgen.loader import load_session

LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def yaml_loader(request, monkeypatch):
    """Run a test with PyYAML's C loader, which the loader prefers, and with its fallback."""
    monkeypatch.setattr(loader, "_YamlLoader", request.param)
    return request.param


def test_the_bundled_model_loads(session):
    assert len(session.summary.conclusions) == 4
    assert len(session.exchange) == 11
    assert len(session.people) == 6


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is built without libyaml")
def test_both_yaml_loaders_read_the_same_model(model, monkeypatch):
    monkeypatch.setattr(loader, "_YamlLoader", yaml.SafeLoader)
    python = load_session(model.path)
    monkeypatch.setattr(loader, "_YamlLoader", yaml.CSafeLoader)
    assert load_session(model.path) == python


# Each case: text to replace, its replacement, text that starts on the line the problem is
# reported at (after the edit), and the problem's path and message.
SCHEMA_CASES = {
    "wrong type, integer": (
        "- id: c1\n      number: 1\n",
        '- id: c1\n      number: "1"\n',
        'number: "1"',
        "summary.conclusions[0].number: expected an integer",
    ),
    "wrong type, string": (
        "romanised: null  # the reading of 衣目川 is not certain",
        "romanised: 3",
        "romanised: 3",
        "people[2].romanised: expected a string",
    ),
    "missing required field": (
        "    role: panelist\n    group: academia\n",
        "    group: academia\n",
        "- id: p-ibaraki",
        "people[0].role: missing required field",
    ),
    "missing English": (
        '\n      en: "Ministry of the Environment"',
        "",
        '    name:\n      ja: "環境省"',
        "organisations[0].name.en: missing required field",
    ),
    "empty text": ('name: "三村"', 'name: "  "', 'name: "  "', "people[0].name: text is empty"),
    "control character, escaped": (
        'name: "三村"',
        'name: "三\\a村"',
        'name: "三\\a村"',
        "people[0].name: control character U+0007 is not allowed",
    ),
    "unknown field": (
        '    name: "三村"\n',
        '    name: "三村"\n    colour: red\n',
        "colour: red",
        "people[0].colour: unknown field",
    ),
    "bad id": (
        "- id: c1\n",
        "- id: C1\n",
        "- id: C1",
        "summary.conclusions[0].id: not a valid id (lower-case letters, digits, '-' and at most one '.')",
    ),
    "not one of": ("role: moderator", "role: chair", "role: chair", "people[5].role: expected 'panelist' or 'moderator'"),
    "wrong schema version": ("schema_version: 1", "schema_version: 2", "schema_version", "schema_version: expected 1"),
    "too few items": (
        "evidence: [ex-10.p1, ex-10.p2, ex-11.p1]",
        "evidence: []",
        "evidence: []",
        "summary.conclusions[3].evidence: expected at least 1 item",
    ),
    "too many items": ("lines: [7, 11]", "lines: [7, 9, 11]", "lines: [7, 9, 11]", "summary.intro.lines: expected at most 2 items"),
    "lines reversed": ("lines: [7, 11]", "lines: [11, 7]", "lines: [11, 7]", "summary.intro.lines: first line 11 is after last line 7"),
    "number below 1": (
        "- id: c1\n      number: 1\n",
        "- id: c1\n      number: 0\n",
        "number: 0",
        "summary.conclusions[0].number: expected 1 or more",
    ),
    "expected a mapping": (
        '    title:\n      ja: "パネルディスカッション概要（別添資料 4）"\n      en: "Summary of the Panel Discussion (Attachment 4)"\n',
        '    title: "概要"\n',
        'title: "概要"',
        "document.source.title: expected a mapping",
    ),
    "expected a list": ("organisers: []", "organisers: moe", "organisers: moe", "document.organisers: expected a list"),
    "quoted date": (
        "  moderator: p-iclei\n",
        '  moderator: p-iclei\n  date: "2024-11-20"\n',
        "date:",
        "document.date: expected a date (YYYY-MM-DD)",
    ),
    "impossible date": (
        "  moderator: p-iclei\n",
        "  moderator: p-iclei\n  date: 2024-13-01\n",
        "date:",
        "document.date: cannot read '2024-13-01' (month must be in 1..12)",
    ),
    "unknown tag": (
        "moderator: p-iclei",
        "moderator: !person p-iclei",
        "moderator: !person",
        "document.moderator: could not determine a constructor for the tag '!person'",
    ),
    "alias inside itself": (
        "materials:\n  - id: mat-1-1",
        "materials: &m\n  - *m\n  - id: mat-1-1",
        "materials: &m",
        "materials[0]: alias refers to a node that contains it",
    ),
    "key that is a list": (
        "  moderator: p-iclei\n",
        "  moderator: p-iclei\n  ? [a, b]\n  : c\n",
        "? [a, b]",
        "document: a key must be a plain value, not a list or mapping",
    ),
}


@pytest.mark.parametrize("old, new, anchor, problem", SCHEMA_CASES.values(), ids=SCHEMA_CASES.keys())
def test_a_bad_model_gives_one_located_problem(yaml_loader, model, old, new, anchor, problem):
    model.replace(old, new)
    assert model.problems() == [model.at(model.line_of(anchor), problem)]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  moderator: p-iclei", "  moderator: p-iclei: x", {"python": "mapping values are not allowed here", "libyaml": "mapping values are not allowed in this context"}),
        ("  moderator: p-iclei", "\tmoderator: p-iclei", {"python": "found character '\\t' that cannot start any token", "libyaml": "found character that cannot start any token"}),
    ],
    ids=["mapping value", "tab"],
)
def test_a_yaml_syntax_error_is_located(model, yaml_loader, old, new, message):
    line = model.replace(old, new)
    flavour = "python" if yaml_loader is yaml.SafeLoader else "libyaml"
    assert model.problems() == [model.at(line, f"YAML syntax error: {message[flavour]}")]


def test_a_duplicate_key_is_an_error(yaml_loader, model):
    first = model.replace('    name: "三村"\n', '    name: "三村"\n    name: "三村"\n')
    assert model.problems() == [model.at(first + 1, f"people[0].name: duplicate key (first defined at line {first})")]


def test_a_control_character_in_the_file_is_located(yaml_loader, model):
    line = model.replace('name: "三村"', 'name: "三\x07村"')
    assert model.problems() == [model.at(line, "control character U+0007 is not allowed")]


def test_a_file_that_is_not_utf8_is_one_problem(model):
    line = model.line_of('name: "三村"')
    raw = model.path.read_bytes()
    offset = raw.index("三村".encode())
    model.path.write_bytes(raw[:offset] + b"\x82" + raw[offset:])
    assert model.problems() == [model.at(line, f"not UTF-8 (invalid byte 0x82 at offset {offset})")]


@pytest.mark.parametrize(
    "text, found, line",
    [("- a\n- b\n", "a list", 1), ("\n\njust words\n", "a single value", 3), ("# nothing here\n", "nothing", None)],
    ids=["list", "scalar", "empty"],
)
def test_a_model_that_is_not_a_mapping_is_an_error(yaml_loader, model, text, found, line):
    model.path.write_text(text, encoding="utf-8")
    assert model.problems() == [model.at(line, f"expected a mapping of the model's sections, found {found}")]


def test_a_missing_file_is_one_problem(tmp_path):
    with pytest.raises(ModelError) as caught:
        load_session(tmp_path / "absent.yaml")
    assert str(caught.value) == f"{tmp_path / 'absent.yaml'}: cannot read (no such file or directory)"


def test_a_directory_is_one_problem(tmp_path):
    with pytest.raises(ModelError) as caught:
        load_session(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot read (is a directory)"


def test_problems_name_the_file_as_the_user_gave_it(model, monkeypatch):
    line = model.replace('name: "三村"', 'name: ""')
    monkeypatch.chdir(model.path.parent)
    with pytest.raises(ModelError) as caught:
        load_session(Path("session.yaml"))
    assert str(caught.value) == f"session.yaml:{line}: people[0].name: text is empty"


def test_every_schema_problem_is_reported_in_file_order(model):
    unknown = model.replace('    name: "三村"\n', '    name: "三村"\n    colour: red\n') + 1
    empty = model.replace('ja: "環境省"', 'ja: ""')
    wrong = model.replace("- id: c1\n      number: 1\n", '- id: c1\n      number: "1"\n') + 1
    assert model.problems() == [
        model.at(empty, "organisations[0].name.ja: text is empty"),
        model.at(unknown, "people[0].colour: unknown field"),
        model.at(wrong, "summary.conclusions[0].number: expected an integer"),
    ]


def test_yaml_and_semantic_problems_are_reported_together(model):
    duplicate = model.replace('    name: "三村"\n', '    name: "三村"\n    name: "三村"\n') + 1
    audience = model.replace("- id: act-cities-5\n    audience: cities", "- id: act-cities-5\n    audience: ministries") + 1
    assert model.problems() == [
        model.at(duplicate, f"people[0].name: duplicate key (first defined at line {duplicate - 1})"),
        model.at(audience, "actions[9].audience: unknown audience 'ministries'"),
    ]


def test_an_error_pydantic_may_add_is_still_worded_as_a_sentence():
    error = {"type": "bool_type", "loc": ("x",), "msg": "Input should be a valid boolean", "input": 1}
    assert loader._schema_message(error) == "input should be a valid boolean"
