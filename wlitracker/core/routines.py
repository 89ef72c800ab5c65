"""Routines that last: which experiments are routines, whether one is kept on a day, its score.

A routine is an experiment that was persisted (from the day of the decision it is part
of the person's days) or one made as a routine from the start (``kind="routine"``, an
imported habit), until a decision stops it. It can be paused and resumed, and retired:

- a pause counts from its own day (not asked that day), a resume from its own day;
- a retirement, like stopping an experiment, leaves its own day askable and ends after it.

The score is Loop Habit Tracker's habit strength, in our own words: each counted day
moves it a fixed share of the way towards 1 (done) or 0 (missed), so that a daily
routine closes half its distance to either end in ``HALF_LIFE_DAYS`` days. "Partly"
counts as half. A day that says nothing (not scheduled, a baseline day, paused) leaves
it as it was. The score forgives a single miss and rewards keeping on; a streak would
reset to zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from .model.entities import (
    Adherence,
    Decision,
    DecisionKind,
    Experiment,
    RoutineChange,
    RoutineChangeKind,
)

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Literal

    RoutineState = Literal["kept", "paused", "retired"]
else:  # other modules import the name for their annotations only
    RoutineState = str
ROUTINE_STATES: tuple[RoutineState, ...] = ("kept", "paused", "retired")
HALF_LIFE_DAYS = 13
MULTIPLIER: float = 0.5 ** (1.0 / HALF_LIFE_DAYS)
MARK_VALUE: dict[Adherence, float] = {
    Adherence.DONE: 1.0,
    Adherence.PARTLY: 0.5,
    Adherence.NOT_DONE: 0.0,
}


def _closing(decisions: Sequence[Decision]) -> Decision | None:
    return max(decisions, key=lambda d: (d.decided_on, d.id or 0), default=None)


def routine_since(experiment: Experiment, decisions: Sequence[Decision]) -> dt.date | None:
    """The first day ``experiment`` is a routine, or None if it is not one.

    A persisted experiment: the day of the decision. A routine from the start: its first
    day, while no decision has closed it (persist keeps it a routine).
    """
    closing = _closing(decisions)
    if experiment.kind == "routine":
        if closing is not None and closing.kind is not DecisionKind.PERSIST:
            return None
        return experiment.schedule.start
    if closing is not None and closing.kind is DecisionKind.PERSIST:
        return closing.decided_on
    return None


def _ordered(changes: Iterable[RoutineChange]) -> list[RoutineChange]:
    return sorted(changes, key=lambda c: (c.changed_on, c.id or 0))


def state_on(changes: Iterable[RoutineChange], day: dt.date) -> RoutineState:
    """Whether the routine is kept, paused or retired on ``day``."""
    state: RoutineState = "kept"
    for change in _ordered(changes):
        if change.changed_on > day:
            break
        if change.kind is RoutineChangeKind.RETIRE:
            if change.changed_on < day:
                return "retired"
        elif change.kind is RoutineChangeKind.PAUSE:
            state = "paused"
        else:
            state = "kept"
    return state


def retired_on(changes: Iterable[RoutineChange]) -> dt.date | None:
    return next(
        (c.changed_on for c in _ordered(changes) if c.kind is RoutineChangeKind.RETIRE), None
    )


def next_score(score: float, value: float | None) -> float:
    """The score after one day: ``value`` 1 done, 0.5 partly, 0 missed; None leaves it."""
    if value is None:
        return score
    return score * MULTIPLIER + value * (1.0 - MULTIPLIER)


def scores(values: Iterable[float | None], start: float = 0.0) -> list[float]:
    """The score after each day of ``values``, from ``start``."""
    out: list[float] = []
    score = start
    for value in values:
        score = next_score(score, value)
        out.append(score)
    return out
