"""The semantic checks of a schema-valid session: ids, references, coverage, source text.

Each rule yields every problem it finds, located through the model file's ``Locator``.
The corrections rule also applies each correction that holds, so outputs read the
corrected text through ``Statement.text('ja')``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional, TypeVar

from pydantic import BaseModel

from .errors import Problem, SourceError
from .locations import Loc, Locator
from .model import (
    Action,
    Audience,
    Conclusion,
    Correction,
    DocumentInfo,
    ExchangeItem,
    Material,
    Organisation,
    Person,
    Point,
    Presentation,
    Session,
    Statement,
    Theme,
)
from .review import MARKER, find_review_markers
from .sourcetext import SourceText

T = TypeVar("T", bound=BaseModel)

KINDS: dict[type, str] = {
    Organisation: "organisation",
    Person: "person",
    Material: "material",
    Conclusion: "conclusion",
    Presentation: "presentation",
    ExchangeItem: "exchange item",
    Point: "point",
    Audience: "audience",
    Action: "action",
    Theme: "theme",
    Correction: "correction",
}

# The fields that hold ids of other entities, and the kinds of entity each may name.
REFERENCES: dict[type, dict[str, tuple[type, ...]]] = {
    DocumentInfo: {"organisers": (Organisation,), "moderator": (Person,)},
    Person: {"organisation": (Organisation,)},
    Material: {"presenter": (Person,)},
    Presentation: {"presenter": (Person,), "materials": (Material,)},
    ExchangeItem: {"asked": (Person,)},
    Point: {"speaker": (Person,)},
    Theme: {"points": (Point,)},
    Conclusion: {"evidence": (ExchangeItem, Point)},
    Action: {"audience": (Audience,), "evidence": (Conclusion, Point)},
}


class _Model(NamedTuple):
    """A session with where its nodes are, each node with its path, and each id's entry."""

    session: Session
    where: Locator
    walked: list[tuple[Loc, BaseModel]]
    ids: dict[str, tuple[Loc, BaseModel]]

    def entity(self, ident: str) -> Optional[BaseModel]:
        """The entity with id ``ident``, or None if no entity has it."""
        return self.ids[ident][1] if ident in self.ids else None

    def statements(self) -> list[tuple[Loc, Statement]]:
        """Every statement of the model with its path, from the one walk."""
        return list(_only(self.walked, Statement))


def check(session: Session, where: Locator, folder: Path) -> list[Problem]:
    """Every semantic problem of ``session``, whose model file is in ``folder``."""
    walked = list(nodes(session))
    ids, problems = _identify(walked, where)
    model = _Model(session, where, walked, ids)
    for rule in (_references, _grounding, _themes, _numbering, _moderator, _corrections):
        problems += rule(model)
    problems += _traceability(model, folder)
    problems += find_review_markers(session, where)
    return problems


def nodes(node: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """``node`` and every model node under it, depth first, each with its path."""
    yield loc, node
    for name, value in vars(node).items():
        if isinstance(value, BaseModel):
            yield from nodes(value, loc + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from nodes(item, loc + (name, index))


def _field(loc: Loc, name: str, value: object) -> list[tuple[Loc, object]]:
    """A field's value with its path, or each item of a list field with its own."""
    if isinstance(value, list):
        return [(loc + (name, index), item) for index, item in enumerate(value)]
    return [(loc + (name,), value)]


def statements(session: Session) -> Iterator[tuple[Loc, Statement]]:
    """Every verbatim source statement of the model, with its path."""
    return _only(nodes(session), Statement)


def _only(pairs: Iterable[tuple[Loc, BaseModel]], kind: type[T]) -> Iterator[tuple[Loc, T]]:
    """The walked nodes of one kind."""
    return ((loc, node) for loc, node in pairs if isinstance(node, kind))


def _identify(
    walked: list[tuple[Loc, BaseModel]], where: Locator
) -> tuple[dict[str, tuple[Loc, BaseModel]], list[Problem]]:
    """Each id's path and node; an id defined a second time (in file order) is a problem."""
    ids: dict[str, tuple[Loc, BaseModel]] = {}
    problems = []
    entities = [(loc, node) for loc, node in walked if "id" in vars(node)]
    for loc, node in sorted(entities, key=lambda pair: where.line(pair[0]) or 0):
        ident = vars(node)["id"]
        if ident in ids:
            first = where.line(ids[ident][0] + ("id",))
            problems.append(where.problem(loc + ("id",), f"duplicate id '{ident}' (first defined at line {first})"))
        else:
            ids[ident] = (loc, node)
    return ids, problems


def _references(model: _Model) -> Iterator[Problem]:
    """Every reference names an entity of a kind its field allows (a review marker is reported once, elsewhere)."""
    for loc, ident, kinds in references(model.walked):
        if ident == MARKER:
            continue
        entity = model.entity(ident)
        if entity is None:
            noun = KINDS[kinds[0]] if len(kinds) == 1 else "id"
            yield model.where.problem(loc, f"unknown {noun} '{ident}'")
        elif not isinstance(entity, kinds):
            found = _a(KINDS[type(entity)])
            yield model.where.problem(loc, f"'{ident}' is {found}, expected {' or '.join(_a(KINDS[k]) for k in kinds)}")


def references(walked: Iterable[tuple[Loc, BaseModel]]) -> Iterator[tuple[Loc, str, tuple[type, ...]]]:
    """Every id the walked nodes refer to: where, which id, and the kinds of entity it may name."""
    for loc, node in walked:
        for name, kinds in REFERENCES.get(type(node), {}).items():
            for ref_loc, ident in _field(loc, name, getattr(node, name)):
                yield ref_loc, ident, kinds


def _a(noun: str) -> str:
    """The noun with its indefinite article."""
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _grounding(model: _Model) -> Iterator[Problem]:
    """Each action stands on a conclusion and an exchange point; each conclusion grounds an action."""
    cited: set[str] = set()
    for index, action in enumerate(model.session.actions):
        cited.update(action.evidence)
        if not all(ident in model.ids for ident in action.evidence):
            continue  # already reported as unknown ids
        kinds = {type(model.entity(ident)) for ident in action.evidence}
        for kind in (Conclusion, Point):
            if kind not in kinds:
                yield model.where.problem(("actions", index, "evidence"), f"evidence names no {KINDS[kind]}")
    for index, conclusion in enumerate(model.session.summary.conclusions):
        if conclusion.id not in cited:
            yield model.where.problem(("summary", "conclusions", index), "no action cites this conclusion as evidence")


def _themes(model: _Model) -> Iterator[Problem]:
    """Every exchange point is in exactly one theme."""
    themes_of: dict[str, list[str]] = defaultdict(list)
    for theme in model.session.themes:
        for ident in theme.points:
            themes_of[ident].append(theme.id)
    for loc, point in _only(model.walked, Point):
        if len(themes_of[point.id]) != 1:
            found = ", ".join(f"'{t}'" for t in themes_of[point.id]) or "none"
            yield model.where.problem(loc, f"expected the point in exactly one theme, found {found}")


def _numbering(model: _Model) -> Iterator[Problem]:
    """Conclusions and exchange items are numbered 1..n in order, as the source numbers them."""
    session = model.session
    for loc, items in ((("summary", "conclusions"), session.summary.conclusions), (("exchange",), session.exchange)):
        for index, item in enumerate(items):
            if item.number != index + 1:
                yield model.where.problem(loc + (index, "number"), f"expected number {index + 1}, found {item.number}")


def _moderator(model: _Model) -> Iterator[Problem]:
    """The document's moderator is a person with the role of moderator."""
    ident = model.session.document.moderator
    person = model.entity(ident)
    if isinstance(person, Person) and person.role != "moderator":
        yield model.where.problem(("document", "moderator"), f"'{ident}' has role '{person.role}', expected 'moderator'")


def _corrections(model: _Model) -> Iterator[Problem]:
    """Each correction's ``find`` occurs once in the statements covering its line; apply it there."""
    everything = model.statements()
    for index, correction in enumerate(model.session.corrections):
        covering = [s for _, s in everything if s.lines[0] <= correction.line <= s.lines[1]]
        count = sum(s.text("ja").count(correction.find) for s in covering)
        if count != 1:
            message = f"'{correction.find}' occurs {count} times in the statements covering line {correction.line}, expected once"
            yield model.where.problem(("corrections", index, "find"), message)
            continue
        target = next(s for s in covering if correction.find in s.text("ja"))
        target._corrected = target.text("ja").replace(correction.find, correction.replace)


def _traceability(model: _Model, folder: Path) -> Iterator[Problem]:
    """Every statement stands in its source lines; a source file that cannot be read is one problem."""
    name = model.session.document.source.file
    try:
        source = SourceText.read(folder / name)
    except (OSError, SourceError) as error:
        reason = error.strerror.lower() if isinstance(error, OSError) else str(error).rpartition(": ")[2]
        yield model.where.problem(("document", "source", "file"), f"cannot read source file '{name}': {reason}")
        return
    for loc, statement in model.statements():
        first, last = statement.lines
        if not source.holds(statement.ja, first, last):
            span = f"line {first}" if first == last else f"lines {first}-{last}"
            yield model.where.problem(loc, f"text does not match source {span}")
