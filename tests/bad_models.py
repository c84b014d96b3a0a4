"""Single-edit spoilers of the bundled model, each returning the exact problem it causes.

Shared by the validate and build tests, which must report the same line for the same fault.
"""

from __future__ import annotations

import yaml

from conftest import ModelCopy


def syntax(model: ModelCopy) -> str:
    line = model.replace("  moderator: p-iclei", "  moderator: p-iclei: x")
    problem = "mapping values are not allowed " + ("in this context" if yaml.__with_libyaml__ else "here")
    return model.at(line, f"YAML syntax error: {problem}")


def wrong_type(model: ModelCopy) -> str:
    line = model.replace("- id: c1\n      number: 1\n", '- id: c1\n      number: "1"\n') + 1
    return model.at(line, "summary.conclusions[0].number: expected an integer")


def missing_field(model: ModelCopy) -> str:
    model.replace("    role: panelist\n    group: academia\n", "    group: academia\n")
    return model.at(model.line_of("- id: p-ibaraki"), "people[0].role: missing required field")


def unknown_id(model: ModelCopy) -> str:
    line = model.replace("evidence: [c1, ex-2.p2]", "evidence: [c1, ex-12]")
    return model.at(line, "actions[14].evidence[1]: unknown id 'ex-12'")


def unknown_audience(model: ModelCopy) -> str:
    line = model.replace("- id: act-cities-5\n    audience: cities", "- id: act-cities-5\n    audience: ministries") + 1
    return model.at(line, "actions[9].audience: unknown audience 'ministries'")


def empty_text(model: ModelCopy) -> str:
    line = model.replace('name: "三村"', 'name: ""')
    return model.at(line, "people[0].name: text is empty")


def duplicate_id(model: ModelCopy) -> str:
    first = model.line_of("- id: act-cities-4")
    line = model.replace("- id: act-cities-5", "- id: act-cities-4")
    return model.at(line, f"actions[9].id: duplicate id 'act-cities-4' (first defined at line {first})")


def missing_english(model: ModelCopy) -> str:
    line = model.replace('    name:\n      ja: "環境省"\n      en: "Ministry of the Environment"', '    name:\n      ja: "環境省"')
    return model.at(line, "organisations[0].name.en: missing required field")


def duplicate_key(model: ModelCopy) -> str:
    line = model.replace('    name: "三村"\n', '    name: "三村"\n    name: "三村"\n')
    return model.at(line + 1, f"people[0].name: duplicate key (first defined at line {line})")


def not_utf8(model: ModelCopy) -> str:
    line = model.line_of('name: "三村"')
    raw = model.path.read_bytes()
    offset = raw.index("三村".encode())
    model.path.write_bytes(raw[:offset] + b"\x82" + raw[offset:])
    return model.at(line, f"not UTF-8 (invalid byte 0x82 at offset {offset})")


def control_character(model: ModelCopy) -> str:
    line = model.replace('name: "三村"', 'name: "三\x07村"')
    return model.at(line, "control character U+0007 is not allowed")


BAD_MODELS = [
    syntax,
    wrong_type,
    missing_field,
    unknown_id,
    unknown_audience,
    empty_text,
    duplicate_id,
    missing_english,
    duplicate_key,
    not_utf8,
    control_character,
]
