"""The draft as text: the YAML model, and the one-line account of what it holds."""

from __future__ import annotations

from typing import Optional

import yaml

from ..review import MARKER

_HEADER = """\
# Draft session model made by `briefgen ingest` from {source}.
# Statements are the source text with the lines they stand on. Every `{marker}` is for a
# person to write (English, headlines, evidence, themes, actions, romanised names);
# `briefgen validate` lists each one with its line.
"""


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists; a list of plain values on one line, as in [57, 61]."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flat = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(list, _list)


def to_yaml(data: dict, source: str) -> str:
    """The model as YAML, one blank line between its sections."""
    sections = [
        yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
        for key, value in data.items()
    ]
    return _HEADER.format(source=source, marker=MARKER) + "\n".join(sections)


def account(name: str, data: dict, unplaced: list[tuple[Optional[int], str]]) -> str:
    """What the draft holds and what could not be placed, with source lines."""
    exchange = data.get("exchange", [])
    counts = [
        _count(len(data.get("summary", {}).get("conclusions", [])), "conclusion"),
        _count(len(data.get("opening", {}).get("presentations", [])), "presentation"),
        _count(len(exchange), "exchange item"),
        _count(sum(len(item["points"]) for item in exchange), "point"),
        _count(len(data["people"]), "person", "people"),
    ]
    notes = [f"line {line}: {what}" if line else what for line, what in sorted(unplaced, key=lambda u: u[0] or 0)]
    return f"{name}: {', '.join(counts)}; {_markers(data)} to review; not placed: {'; '.join(notes) or 'none'}"


def _markers(value: object) -> int:
    if isinstance(value, dict):
        return sum(_markers(item) for item in value.values())
    if isinstance(value, list):
        return sum(_markers(item) for item in value)
    return int(value == MARKER)


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
