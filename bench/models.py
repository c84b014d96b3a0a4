"""Larger and more numerous session models, generated from the real one so they still validate.

A scaled model repeats exchange points and actions with new ids: a copy keeps its original's
text, source lines, speaker and evidence and joins its original's theme, so the source text
still holds every statement. Points whose lines carry an editorial correction are not copied,
since a correction must find its typo exactly once; the others are copied more to make up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


def read(model: Path) -> dict:
    """The model file as plain data."""
    return yaml.safe_load(model.read_text(encoding="utf-8"))


def write(data: dict, folder: Path, source: Path) -> Path:
    """Write ``data`` as ``folder/session.yaml`` beside a copy of the source text it cites."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / data["document"]["source"]["file"])
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def source_of(model: Path, data: dict) -> Path:
    """The source text file the model names (relative to the model file)."""
    return model.parent / data["document"]["source"]["file"]


def scaled(data: dict, factor: int) -> dict:
    """The model with ``factor`` times the actions and exchange points.

    Only points free of corrections are copied, round-robin, until the total is reached.
    """
    corrected = {c["line"] for c in data.get("corrections", [])}
    theme_of = {point: theme for theme in data["themes"] for point in theme["points"]}
    copyable = [(item, p) for item in data["exchange"] for p in item["points"] if not corrected & _lines(p)]
    total = sum(len(item["points"]) for item in data["exchange"])
    for n in range((factor - 1) * total):
        item, point = copyable[n % len(copyable)]
        copy = _copy(point, n // len(copyable) + 2)
        item["points"].append(copy)
        theme_of[point["id"]]["points"].append(copy["id"])
    data["actions"] += [_copy(action, n) for n in range(2, factor + 1) for action in data["actions"]]
    return data


def retitled(data: dict, number: int) -> dict:
    """The model with its title numbered, so each model of a batch makes different documents."""
    for lang in ("ja", "en"):
        data["document"]["title"][lang] += f" ({number})"
    return data


def counts(data: dict) -> dict:
    """How many exchange points and actions a model holds."""
    return {
        "points": sum(len(item["points"]) for item in data["exchange"]),
        "actions": len(data["actions"]),
    }


def _copy(entity: dict, number: int) -> dict:
    """A copy of a point or action under the id ``<id>-r<number>``."""
    return {**entity, "id": f"{entity['id']}-r{number}"}


def _lines(point: dict) -> set[int]:
    """Every source line a point's statements span."""
    statements = [point["lead"], *point.get("items", []), *([point["tail"]] if point.get("tail") else [])]
    return {line for s in statements for line in range(s["lines"][0], s["lines"][1] + 1)}
