"""Read a session model: YAML, then the schema, then the semantic checks.

This is the only module that reads YAML. It keeps the line of every node so that each
problem is reported as ``file:line: path: message``, and collects every problem it can
find before raising them together as one ``ModelError``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import ValidationError

from .checks import check
from .errors import ModelError, Problem
from .locations import Loc, Locator, dotted
from .model import Session

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TEXT = "tag:yaml.org,2002:str"  # a scalar YAML reads as text: its value as written, no constructor needed

_SCHEMA_WORDS = {
    "missing": "missing required field",
    "extra_forbidden": "unknown field",
    "string_type": "expected a string",
    "int_type": "expected an integer",
    "list_type": "expected a list",
    "model_type": "expected a mapping",
    "date_type": "expected a date (YYYY-MM-DD)",
    "string_pattern_mismatch": "not a valid id (lower-case letters, digits, '-' and at most one '.')",
}


def load_session(path: Path) -> Session:
    """The session model in ``path``, valid against the schema, itself and its source text."""
    data, where, problems = _parse(_read(path), str(path))
    try:
        session = Session.model_validate(data)
    except ValidationError as error:
        unread = {problem.path for problem in problems}  # a value YAML could not give is not also mistyped
        schema = [_schema_problem(where, e) for e in error.errors()]
        raise ModelError(problems + [p for p in schema if p.path not in unread]) from None
    problems += check(session, where, path.parent)
    if problems:
        raise ModelError(problems)
    return session


def _read(path: Path) -> str:
    """The text of the file; a file that cannot be read or is not UTF-8 is one problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ModelError([Problem(str(path), None, "", f"cannot read ({reason})")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 (invalid byte 0x{raw[error.start]:02x} at offset {error.start})"
        raise ModelError([Problem(str(path), line, "", message)]) from None


def _parse(text: str, name: str) -> tuple[dict, Locator, list[Problem]]:
    """The YAML as plain data with the line of every node, and the problems found on the way."""
    try:
        root, yaml_loader = _compose(text)
    except yaml.reader.ReaderError as error:
        raise ModelError([_character_problem(name, text, error.character)]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise ModelError([Problem(name, line, "", f"YAML syntax error: {error.problem}")]) from None
    builder = _Builder(yaml_loader, name)
    data = builder.build(root, ()) if root is not None else None
    if not isinstance(data, dict):
        found = "nothing" if data is None else "a list" if isinstance(data, list) else "a single value"
        line = root.start_mark.line + 1 if root is not None else None
        raise ModelError([Problem(name, line, "", f"expected a mapping of the model's sections, found {found}")])
    return data, Locator(name, builder.lines), builder.problems


def _compose(text: str) -> tuple[Optional[yaml.Node], Any]:
    """The YAML's node tree, and the loader whose constructors turn its scalars into values."""
    yaml_loader = _YamlLoader(text)
    try:
        return yaml_loader.get_single_node(), yaml_loader
    finally:
        yaml_loader.dispose()


def _character_problem(name: str, text: str, code: int) -> Problem:
    """YAML refuses some characters outright (C0 and C1 controls among them) before parsing."""
    line = text.count("\n", 0, max(text.find(chr(code)), 0)) + 1
    kind = "control character" if code < 0x20 or 0x7F <= code < 0xA0 else "character"
    return Problem(name, line, "", f"{kind} U+{code:04X} is not allowed")


class _Builder:
    """Builds plain data from a composed YAML node tree, noting the line of each node.

    A mapping entry's line is its key's, a list item's is where the item starts, and an
    alias is located at its anchor. Keys are taken as written; a key given twice is a
    problem (YAML loaders silently keep one of the two).
    """

    def __init__(self, loader: Any, name: str):
        self.loader, self.name = loader, name
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self._open: set[int] = set()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        """The data of ``node``, found at ``loc``; an alias to a list or mapping being built is a problem."""
        self.lines.setdefault(loc, _line(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if id(node) in self._open:
            return self._problem(node, loc, "alias refers to a node that contains it")
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        """A dict keyed by the keys as written, each key's line noted."""
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, loc, "a key must be a plain value, not a list or mapping")
                continue
            here = loc + (key_node.value,)
            if key_node.value in data:
                self._problem(key_node, here, f"duplicate key (first defined at line {self.lines[here]})")
                continue
            self.lines[here] = _line(key_node)
            data[key_node.value] = self.build(value_node, here)
        return data

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        """The value YAML reads in a scalar (text, number, date), or None and a problem."""
        if node.tag == _TEXT:
            return node.value
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError as error:
            return self._problem(node, loc, str(error.problem))
        except ValueError as error:  # a scalar that looks like a date but is none: 2024-13-01
            return self._problem(node, loc, f"cannot read '{node.value}' ({error})")

    def _problem(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.problems.append(Problem(self.name, _line(node), dotted(loc), message))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _schema_problem(where: Locator, error: Any) -> Problem:
    """A pydantic error, located and put in the model's own short words."""
    return where.problem(tuple(error["loc"]), _schema_message(error))


def _schema_message(error: Any) -> str:
    """Short human wording for a pydantic error type; pydantic's own text only as a fallback."""
    kind, context = error["type"], error.get("ctx", {})
    if kind == "value_error":
        return str(context["error"])
    if kind == "literal_error":
        return f"expected {context['expected']}"
    if kind == "too_short":
        return f"expected at least {_items(context['min_length'])}"
    if kind == "too_long":
        return f"expected at most {_items(context['max_length'])}"
    if kind == "greater_than_equal":
        return f"expected {context['ge']} or more"
    return _SCHEMA_WORDS.get(kind) or error["msg"][:1].lower() + error["msg"][1:]


def _items(count: int) -> str:
    """``1 item``, ``2 items``."""
    return f"{count} item" if count == 1 else f"{count} items"
