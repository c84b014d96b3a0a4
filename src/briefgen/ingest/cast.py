"""Who is who in a summary: mentions merged into participants, later mentions resolved.

A mention that names the organisation introduces a participant; one by surname and title
alone (伊藤部長) refers back to the participant introduced with that surname.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from .people import Mention, find_mentions, moderates
from .text import Span


@dataclass(eq=False)
class Participant:
    """A person of the summary, with the line and order of their first mention."""

    name: str
    title: str
    organisation: Optional[str]
    line: int
    first: int
    moderator: bool = False


class Cast:
    """The participants of a summary, in the order they are first mentioned."""

    def __init__(self, spans: Iterable[Span]):
        found = [(span, mention) for span in spans for mention in find_mentions(span.text)]
        self.participants: list[Participant] = []
        for introduces in (True, False):
            for order, (span, mention) in enumerate(found):
                if (mention.organisation is not None) is introduces:
                    self._meet(span, mention, order)
        self.participants.sort(key=lambda person: person.first)

    def _meet(self, span: Span, mention: Mention, order: int) -> None:
        """Note a mention: of a known participant, else of a newly introduced one."""
        person = self.find(mention)
        if person is None:
            person = Participant(mention.name, mention.title, mention.organisation, span.lines[mention.start], order)
            self.participants.append(person)
        elif order < person.first:
            person.first, person.line = order, span.lines[mention.start]
        person.moderator |= moderates(span.text, mention)

    def find(self, mention: Mention) -> Optional[Participant]:
        """The participant a mention names: same surname and organisation, else title."""
        named = [p for p in self.participants if p.name == mention.name]
        if mention.organisation is not None:
            return next((p for p in named if p.organisation == mention.organisation), None)
        return next((p for p in named if p.title == mention.title), named[0] if named else None)

    def mentioned(self, text: str) -> list[Participant]:
        """The participants a text names, each once, in order."""
        found = (self.find(mention) for mention in find_mentions(text))
        return list(dict.fromkeys(person for person in found if person is not None))

    def of_organisations(self, text: str) -> list[Participant]:
        """The participants whose organisation a text names, in the order it names them."""
        named = [p for p in self.participants if p.organisation and p.organisation in text]
        return sorted(named, key=lambda person: text.index(person.organisation))
