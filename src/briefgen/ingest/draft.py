"""Assemble a draft session model from a summary's parts and participants.

Text found in the summary becomes statements with their source lines; what only a person
can write is ``MARKER``. Ids follow the scheme of the bundled model (c1, ex-3, ex-3.p1,
mat-1-2). Whatever cannot be placed is noted with its source line.
"""

from __future__ import annotations

import re
from typing import Optional

from ..review import MARKER
from .blocks import Block
from .cast import Cast, Participant
from .enumeration import split_passage
from .opening import Presentation, find_opening
from .people import group_of, opening_mention
from .structure import Item, Parts
from .text import Span

# The audiences `briefgen pdf --audience` writes, and the stakeholder group each addresses.
AUDIENCES = {"national": "national_government", "cities": "city", "intermediaries": "intermediary"}
_SUBJECT = re.compile(r"(.*?)(?:からは|は)、")
_REVIEW = {"ja": MARKER, "en": MARKER}
_DIGITS = re.compile(r"[0-9０-９]+")

Unplaced = list[tuple[Optional[int], str]]


def build_draft(parts: Parts, cast: Cast, label: Optional[Span], source: str) -> tuple[dict, Unplaced]:
    """The draft model's data, and what could not be placed (with its source line)."""
    builder = DraftBuilder(parts, cast)
    opening, materials = builder.opening()
    exchange = builder.exchange()
    data = {
        "schema_version": 1,
        "document": builder.document(label, source),
        "organisations": builder.organisations(),
        "people": builder.people(),
        "materials": materials,
        "summary": builder.summary(),
        "opening": opening,
        "exchange": exchange,
        **_placeholders([point["id"] for item in exchange for point in item["points"]]),
        "corrections": [],
    }
    return {key: value for key, value in data.items() if value is not None}, builder.unplaced


def _placeholders(points: list[str]) -> dict:
    """Themes, audiences and actions for a person to write: one theme holds every point."""
    return {
        "themes": [{"id": "t-1", "title": dict(_REVIEW), "points": points or [MARKER]}],
        "audiences": [{"id": ident, "name": dict(_REVIEW), "groups": [group]} for ident, group in AUDIENCES.items()],
        "actions": [
            {"id": f"act-{ident}-1", "audience": ident, "text": dict(_REVIEW), "rationale": dict(_REVIEW),
             "evidence": [MARKER, MARKER]}
            for ident in AUDIENCES
        ],
    }  # fmt: skip


def statement(span: Span) -> dict:
    """Source text verbatim, with the lines it stands on; its English is for a person to write."""
    return {"ja": span.text, "en": MARKER, "lines": [span.first, span.last]}


def passage(span: Span) -> dict:
    """A passage of the source, with its enumeration as a list of items."""
    lead, items, tail = split_passage(span)
    data = {"lead": statement(lead)}
    if items:
        data["items"] = [statement(item) for item in items]
    if tail:
        data["tail"] = statement(tail)
    return data


class DraftBuilder:
    """Builds the draft's data section by section, noting what it cannot place."""

    def __init__(self, parts: Parts, cast: Cast):
        self.parts, self.cast = parts, cast
        self.unplaced: Unplaced = list(parts.unplaced)
        self.org_ids = _organisation_ids(cast.participants)
        self.person_ids = {id(p): f"p-{n}" for n, p in enumerate(cast.participants, start=1)}

    def person(self, participant: Optional[Participant]) -> str:
        """The id of a participant; a marker where the summary does not say who."""
        return self.person_ids[id(participant)] if participant else MARKER

    def document(self, label: Optional[Span], source: str) -> dict:
        """What the summary says of itself: its title, attachment label and moderator."""
        title = self.parts.title.text if self.parts.title else MARKER
        moderator = next((p for p in self.cast.participants if p.moderator), None)
        if moderator is None:
            self.unplaced.append((None, "moderator not found"))
        return {
            "title": {"ja": title, "en": MARKER},
            "attachment_label": {"ja": label.text if label else MARKER, "en": MARKER},
            "subject": dict(_REVIEW),
            "organisers": [],
            "moderator": self.person(moderator),
            "source": {"file": source, "title": {"ja": title, "en": MARKER}},
        }

    def organisations(self) -> list[dict]:
        """Each organisation a participant belongs to, with its group where the name makes it clear."""
        return [
            {"id": ident, "name": {"ja": name, "en": MARKER}, "group": self.group(name)}
            for name, ident in self.org_ids.items()
        ]

    def group(self, organisation: str) -> str:
        """The organisation's stakeholder group; a marker, noted, where its name leaves it open."""
        found = group_of(organisation)
        if found is None:
            line = next(p.line for p in self.cast.participants if p.organisation == organisation)
            self.unplaced.append((line, f"group of {organisation} not clear"))
        return found or MARKER

    def people(self) -> list[dict]:
        return [self._person(p) for p in self.cast.participants]

    def _person(self, person: Participant) -> dict:
        if person.organisation is None:
            self.unplaced.append((person.line, f"organisation of {person.name}{person.title} not found"))
        return {
            "id": self.person(person),
            "name": person.name,
            "romanised": MARKER,
            "organisation": self.org_ids.get(person.organisation, MARKER),
            "title": {"ja": person.title, "en": MARKER},
            "role": "moderator" if person.moderator else "panelist",
            "group": group_of(person.organisation or "") or MARKER,
        }

    def summary(self) -> Optional[dict]:
        """【総括】: its intro and conclusions; a person writes each conclusion's headline and evidence."""
        if self.parts.summary is None:
            return None
        conclusions = [
            {"id": f"c{block.number}", "number": block.number, "headline": dict(_REVIEW),
             "text": statement(block.text), "evidence": [MARKER]}
            for block in self.parts.conclusions
        ]  # fmt: skip
        return {"intro": statement(self.parts.intro), "conclusions": conclusions}

    def opening(self) -> tuple[Optional[dict], list[dict]]:
        """The opening part, and the materials its presenters cited."""
        found = find_opening(self.parts.opening, self.cast)
        if found is None:
            return None, []
        self.unplaced += found.unplaced
        materials: dict[str, dict] = {}
        presentations = [self._presentation(n, p, materials) for n, p in enumerate(found.presentations, start=1)]
        return {"intro": statement(found.intro), "presentations": presentations}, list(materials.values())

    def _presentation(self, number: int, presentation: Presentation, materials: dict[str, dict]) -> dict:
        """A presentation; each label it cites becomes a material (mat-1-2), once."""
        presenter = self.person(presentation.presenter)
        data: dict = {"id": f"pres-{number}", "presenter": presenter}
        if presentation.report is not None:
            data["report"] = passage(presentation.report)
        for label in presentation.materials:
            ident = "mat-" + "-".join(str(int(digits)) for digits in _DIGITS.findall(label.text))
            materials.setdefault(ident, {"id": ident, "label": {"ja": label.text, "en": MARKER}, "presenter": presenter})
            cited = data.setdefault("materials", [])
            cited += [] if ident in cited else [ident]
        return data

    def exchange(self) -> list[dict]:
        return [self._item(item) for item in self.parts.exchange]

    def _item(self, item: Item) -> dict:
        """An exchange item: who was asked (named before は、), the question, each answer a point."""
        question = item.block.text
        asked = self._asked(question)
        if not asked:
            self.unplaced.append((item.block.line, f"who was asked in item {item.block.number} not found"))
        if not item.answers:
            self.unplaced.append((item.block.line, f"no answer to item {item.block.number} found"))
        points = [
            {"id": f"ex-{item.block.number}.p{n}", "speaker": self._speaker(answer, asked), **passage(answer.text)}
            for n, answer in enumerate(item.answers, start=1)
        ]
        ids = [self.person(p) for p in asked] or [MARKER]
        return {"id": f"ex-{item.block.number}", "number": item.block.number, "asked": ids,
                "question": statement(question), "points": points}  # fmt: skip

    def _asked(self, question: Span) -> list[Participant]:
        """The people the question is put to: named in its subject, else their organisations."""
        found = _SUBJECT.match(question.text)
        subject = found.group(1) if found else question.text
        return self.cast.mentioned(subject) or self.cast.of_organisations(subject)

    def _speaker(self, answer: Block, asked: list[Participant]) -> str:
        """Who gives an answer: the person it opens with, else the one person asked."""
        mention = opening_mention(answer.text.text)
        if mention is not None and self.cast.find(mention):
            return self.person(self.cast.find(mention))
        if len(asked) == 1:
            return self.person(asked[0])
        self.unplaced.append((answer.line, "speaker of the point not found"))
        return MARKER


def _organisation_ids(participants: list[Participant]) -> dict[str, str]:
    """An id for each organisation, in order of first mention: its Latin name, else org-N."""
    ids: dict[str, str] = {}
    for person in participants:
        name = person.organisation
        if name is not None and name not in ids:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            usable = name.isascii() and slug[:1].isalpha() and slug not in ids.values()
            ids[name] = slug if usable else f"org-{len(ids) + 1}"
    return ids
