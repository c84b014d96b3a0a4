"""A one-line account of what a session model holds, for ``briefgen validate`` to print."""

from __future__ import annotations

from .model import Session


def describe(session: Session) -> str:
    """Counts of the model's main entities, so a passing validate shows what it accepted."""
    points = sum(len(item.points) for item in session.exchange)
    per_audience = ", ".join(
        f"{audience.id} {sum(action.audience == audience.id for action in session.actions)}"
        for audience in session.audiences
    )
    return ", ".join(
        [
            _count(len(session.summary.conclusions), "conclusion"),
            _count(len(session.opening.presentations) if session.opening else 0, "presentation"),
            f"{_count(len(session.exchange), 'exchange item')} ({_count(points, 'point')})",
            _count(len(session.people), "person", "people"),
            f"{_count(len(session.actions), 'action')} ({per_audience})",
            _count(len(session.corrections), "correction"),
        ]
    )


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
