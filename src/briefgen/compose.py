"""Compose: render a kind's template against the session model into a document tree.

Templates run in Jinja2's sandbox with StrictUndefined and autoescaped XML output, so model
text is always text, never markup, and a misspelt field is an error; ``briefgen.treexml``
reads the XML. Every template problem becomes a TemplateError naming file and line.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
import traceback
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Union

import jinja2
import jinja2.bccache
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from . import treexml, usercache
from .doctree import Document
from .errors import BriefgenError, TemplateError
from .model import Action, Audience, Conclusion, ExchangeItem, Lang, Person, Point, Session
from .resources import Resources
from .typeset import typeset


# The document being composed: templates compile once per process and are shared, so the
# filters and lookups they call find the current session and language here.
_HELPERS: ContextVar["_Helpers"] = ContextVar("briefgen_compose_helpers")


class Cite(NamedTuple):
    """Evidence from the exchange: the item a point belongs to and who made it."""

    item: ExchangeItem
    speaker: Person


def compose(session: Session, kind: str, lang: Lang, resources: Resources, audience: Optional[str] = None) -> Document:
    """The document tree of ``kind`` (brief, onepager, actions) in ``lang``; actions are for one audience."""
    name = f"{kind}.xml.j2"
    resources.path(name)  # a missing template is reported with the folders searched
    env = _environment(tuple(resources.search_path()))
    context: dict[str, Any] = {"session": session, "lang": lang}
    if audience is not None:
        context["audience"] = _audience(session, audience)
    token = _HELPERS.set(_Helpers(session, lang))
    try:
        xml = env.get_template(name).render(context)
    except Exception as error:  # whatever a template does wrong is reported at its line
        raise TemplateError(_describe(error, resources.search_path())) from None
    finally:
        _HELPERS.reset(token)
    return treexml.parse(xml, name)


def _audience(session: Session, ident: str) -> Audience:
    """The audience an action list is for; one the model lacks is an error naming those it has."""
    for audience in session.audiences:
        if audience.id == ident:
            return audience
    known = ", ".join(a.id for a in session.audiences)
    raise BriefgenError(f"no audience '{ident}' in the model (it has {known})")


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> SandboxedEnvironment:
    """A sandbox that escapes all output, refuses undefined names and printing None.

    One per template search path, so templates compile once per process however many
    documents a build composes; its filters and lookups find the document being composed
    through ``_HELPERS``.
    """
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        bytecode_cache=_CompiledTemplates(),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_refuse_none,
    )
    env.tests.update(conclusion=lambda value: isinstance(value, Conclusion))
    env.filters.update(t=lambda value: _HELPERS.get().t(value), name=lambda person: _HELPERS.get().name(person))
    env.globals.update({key: _delegate(key) for key in _Helpers.LOOKUPS})
    return env


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in the user cache, so a new process need not compile them again.

    Jinja checks each entry against its template's source and Python version, and the cache
    checks it is whole; anything else falls back to compiling.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = usercache.load(f"template-{bucket.key}.jinja")
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        usercache.store(f"template-{bucket.key}.jinja", bucket.bytecode_to_string())


def _delegate(key: str) -> Callable:
    """A template global that calls the lookup ``key`` of the document being composed."""
    return lambda *args: _HELPERS.get().lookups[key](*args)


def _refuse_none(value: Any) -> Any:
    """None printed would put the word 'None' in a document; the model has nothing there."""
    if value is None:
        raise jinja2.UndefinedError("the value is None: the model has nothing to print here")
    return value


class _Helpers:
    """What templates get besides the session: text in the current language and lookups by id."""

    LOOKUPS = ("person", "organisation", "material", "conclusion", "point", "item_of", "actions_for", "action_groups", "cited")

    def __init__(self, session: Session, lang: Lang):
        self.session, self.lang = session, lang
        self.items = {p.id: item for item in session.exchange for p in item.points}
        self.points = {p.id: p for item in session.exchange for p in item.points}
        self.conclusions = {c.id: c for c in session.summary.conclusions}
        self.people = {p.id: p for p in session.people}
        self.lookups = self._lookups()

    def t(self, value: Any) -> Markup:
        """Model text (corrected) or a ``{ja, en}`` label in the current language, typeset.

        The result is escaped already, so it stays text even where a template turns
        autoescaping off, and ``format`` escapes what is filled into a label.
        """
        text = value[self.lang] if isinstance(value, dict) else value.text(self.lang)
        return escape(typeset(text, self.lang))

    def name(self, person: Person) -> Markup:
        """The person's name as written in this language (romanised in English where known)."""
        return escape(person.display_name(self.lang))

    def _lookups(self) -> dict[str, Callable]:
        """The template globals: entities by id, and the selections the templates share."""
        return {
            "person": _finder("person", self.people),
            "organisation": _finder("organisation", {o.id: o for o in self.session.organisations}),
            "material": _finder("material", {m.id: m for m in self.session.materials}),
            "conclusion": _finder("conclusion", self.conclusions),
            "point": _finder("point", self.points),
            "item_of": lambda point: self.items[point.id],
            "actions_for": self.actions_for,
            "action_groups": self.action_groups,
            "cited": self.cited,
        }

    def actions_for(self, audience: Audience) -> list[Action]:
        """The audience's actions, in model order."""
        return [action for action in self.session.actions if action.audience == audience.id]

    def action_groups(self, audience: Audience) -> list[tuple[Conclusion, list[Action]]]:
        """The audience's actions grouped under the first conclusion each cites, in conclusion order."""
        groups: dict[str, list[Action]] = {}
        for action in self.actions_for(audience):
            first = next((c for c in self.cited(action.evidence) if isinstance(c, Conclusion)), None)
            if first is None:
                raise ValueError(f"action '{action.id}' cites no conclusion")
            groups.setdefault(first.id, []).append(action)
        return [(c, groups[c.id]) for c in self.session.summary.conclusions if c.id in groups]

    def cited(self, ids: list[str]) -> list[Union[Conclusion, Cite]]:
        """Evidence ids as conclusions and exchange citations, in order, each citation once."""
        found: list[Union[Conclusion, Cite]] = []
        for ident in ids:
            entry = self.conclusions.get(ident) or Cite(self.items[ident], self.people[self.points[ident].speaker])
            if entry not in found:
                found.append(entry)
        return found


def _finder(kind: str, by_id: dict[str, Any]) -> Callable[[str], Any]:
    """A lookup by id; an unknown id is undefined, so using it fails at the template's line."""

    def find(ident: str) -> Any:
        return by_id[ident] if ident in by_id else jinja2.StrictUndefined(hint=f"no {kind} with id {ident!r}")

    return find


_LABELS: tuple[tuple[type, str], ...] = (
    (jinja2.TemplateSyntaxError, "template syntax error"),
    (SecurityError, "template not allowed"),
    (jinja2.UndefinedError, "undefined"),
    (jinja2.TemplateNotFound, "template not found"),
)


def _describe(error: Exception, folders: list[Path]) -> str:
    """``template:line: what: message`` for an error raised while compiling or rendering."""
    label = next((text for kind, text in _LABELS if isinstance(error, kind)), "template error")
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"{error.name} (searched {', '.join(map(str, folders))})"
    elif isinstance(error, jinja2.TemplateError):
        message = str(error.message)
    else:
        message = f"{type(error).__name__}: {error}"
    return f"{_template_line(error, folders)}: {label}: {message}"


def _template_line(error: Exception, folders: list[Path]) -> str:
    """``name:line`` of the innermost template frame (or of a syntax error)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.name}:{error.lineno}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        for folder in folders:
            path = Path(frame.filename)
            if path.is_relative_to(folder):
                return f"{path.relative_to(folder).as_posix()}:{frame.lineno}"
    return "template"
