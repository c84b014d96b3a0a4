"""The canonical session model: typed, bilingual, traceable to the source text.

Japanese is authoritative. A ``Statement`` is verbatim source text (``ja``) with the source
lines it stands on; ``Bilingual`` is text authored for briefgen (headlines, actions).
Cross-references between entities are plain ids, resolved by ``briefgen.checks``.

Annotations here are real objects, not postponed strings: pydantic would otherwise compile
and evaluate every annotation again for each model and each subclass on import.
"""

import datetime
import re
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator

from .langs import Lang

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(value: str) -> str:
    """Refuse text no output can hold: blank text, and C0 controls (illegal in XML)."""
    if not value.strip():
        raise ValueError("text is empty")
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(f"control character U+{ord(bad.group()):04X} is not allowed")
    return value


Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)?$")]
Text = Annotated[str, AfterValidator(_printable)]
Group = Literal["academia", "city", "national_government", "intermediary"]
Role = Literal["panelist", "moderator"]


class Strict(BaseModel):
    """Base for every model node: unknown fields are errors, ints are not strings."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Bilingual(Strict):
    """Text authored for briefgen in both languages (headlines, actions, labels)."""

    ja: Text
    en: Text

    def text(self, lang: Lang) -> str:
        return getattr(self, lang)


class Statement(Bilingual):
    """Verbatim Japanese text of the source, with the 1-based source lines it spans.

    ``lines`` is ``[first, last]``; the checker requires the text to stand in those lines
    once PDF line breaks and spacing are normalised. Outputs read ``text(lang)``, which gives
    the Japanese with the model's editorial corrections applied.
    """

    lines: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=2, max_length=2)]
    _corrected: Optional[str] = PrivateAttr(default=None)

    @field_validator("lines")
    @classmethod
    def _ordered(cls, lines: list[int]) -> list[int]:
        if lines[0] > lines[1]:
            raise ValueError(f"first line {lines[0]} is after last line {lines[1]}")
        return lines

    def text(self, lang: Lang) -> str:
        if lang == "ja" and self._corrected is not None:
            return self._corrected
        return getattr(self, lang)


class Passage(Strict):
    """A run of source text, optionally with an enumeration (①②③) kept as a list.

    ``lead`` comes before the list, ``items`` are the enumerated entries in order and
    ``tail`` is what follows the list in the same paragraph.
    """

    lead: Statement
    items: list[Statement] = []
    tail: Optional[Statement] = None

    def statements(self) -> list[Statement]:
        return [self.lead, *self.items, *([self.tail] if self.tail else [])]


class Point(Passage):
    """One bullet (⚫) of an exchange item: what one speaker said."""

    id: Id
    speaker: Id


class Organisation(Strict):
    id: Id
    name: Bilingual
    group: Group


class Person(Strict):
    """A participant; ``romanised`` is null where the reading of the name is not certain."""

    id: Id
    name: Text
    romanised: Optional[Text]
    organisation: Id
    title: Bilingual
    role: Role
    group: Group

    def display_name(self, lang: Lang) -> str:
        return self.name if lang == "ja" or self.romanised is None else self.romanised


class Material(Strict):
    """A presentation or annex the panel cited, labelled as the source labels it."""

    id: Id
    label: Bilingual
    presenter: Id


class Conclusion(Strict):
    """One of the numbered conclusions of 【総括】."""

    id: Id
    number: Annotated[int, Field(ge=1)]
    headline: Bilingual
    text: Statement
    evidence: list[Id] = Field(min_length=1)


class Summary(Strict):
    """【総括】: the sentence that introduces the conclusions, and the conclusions."""

    intro: Statement
    conclusions: list[Conclusion] = Field(min_length=1)


class Presentation(Strict):
    """An opening presentation (I.) with what the source says of it and what it cited."""

    id: Id
    presenter: Id
    report: Optional[Passage] = None
    materials: list[Id] = []


class Opening(Strict):
    intro: Statement
    presentations: list[Presentation] = Field(min_length=1)


class ExchangeItem(Strict):
    """A numbered item of II.: who was asked, the question as the source puts it, the answers."""

    id: Id
    number: Annotated[int, Field(ge=1)]
    asked: list[Id] = Field(min_length=1)
    question: Statement
    points: list[Point] = Field(min_length=1)


class Audience(Strict):
    """A stakeholder audience of the action lists and the organisations it comprises."""

    id: Id
    name: Bilingual
    groups: list[Group] = Field(min_length=1)


class Action(Strict):
    """A concrete action for one audience, grounded in conclusions and exchange points."""

    id: Id
    audience: Id
    text: Bilingual
    rationale: Bilingual
    evidence: list[Id] = Field(min_length=2)


class Theme(Strict):
    """An authored grouping of exchange points by subject, for the brief's discussion section."""

    id: Id
    title: Bilingual
    points: list[Id] = Field(min_length=1)


class Correction(Strict):
    """An editorial correction of an evident typo in the source: what, where and why."""

    id: Id
    line: Annotated[int, Field(ge=1)]
    find: Text
    replace: Text
    why: Bilingual


class SourceRef(Strict):
    """The source document: its file (relative to the model file) and how to cite it."""

    file: Text
    title: Bilingual


class DocumentInfo(Strict):
    title: Bilingual
    attachment_label: Bilingual
    subject: Bilingual
    organisers: list[Id] = []
    moderator: Id
    date: Optional[datetime.date] = None
    source: SourceRef


class Session(Strict):
    """The whole session: the root of ``source/session.yaml``."""

    schema_version: Literal[1]
    document: DocumentInfo
    organisations: list[Organisation] = Field(min_length=1)
    people: list[Person] = Field(min_length=1)
    materials: list[Material] = []
    summary: Summary
    opening: Optional[Opening] = None
    exchange: list[ExchangeItem] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)
    corrections: list[Correction] = []
