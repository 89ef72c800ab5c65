"""Placing an experiment's phases on the calendar and reading its status from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .model.entities import (
    STATUS_AFTER_DECISION,
    Decision,
    DecisionKind,
    Experiment,
    Phase,
    PhaseKind,
    PhasePlan,
    RoutineChange,
    Schedule,
    Status,
)
from .model.errors import ValidationError
from .routines import routine_since, state_on

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Literal

    Design = Literal["ab", "abab"]
else:  # other modules import the name for their annotations only
    Design = str
DESIGNS: tuple[Design, ...] = ("ab", "abab")

MAX_PHASE_DAYS = 365


def _check_days(field: str, days: int) -> None:
    if not 1 <= days <= MAX_PHASE_DAYS:
        raise ValidationError(field, f"must be a whole number of days from 1 to {MAX_PHASE_DAYS}")


def ab(baseline_days: int, trial_days: int, start: dt.date | None = None) -> Schedule:
    """A baseline (the usual way), then a trial (the change)."""
    _check_days("baseline days", baseline_days)
    _check_days("trial days", trial_days)
    return Schedule(
        (PhasePlan(PhaseKind.BASELINE, baseline_days), PhasePlan(PhaseKind.TRIAL, trial_days)),
        start,
    )


def abab(block_days: int, start: dt.date | None = None) -> Schedule:
    """Alternating blocks: a result that repeats across pairs is stronger than one A-B."""
    _check_days("block days", block_days)
    kinds = (PhaseKind.BASELINE, PhaseKind.TRIAL) * 2
    return Schedule(tuple(PhasePlan(kind, block_days) for kind in kinds), start)


def design_of(schedule: Schedule) -> Design:
    return "abab" if len(schedule.plan) > 2 else "ab"


@lru_cache(maxsize=4096)
def phases(schedule: Schedule) -> tuple[Phase, ...]:
    """The phases with dates and labels A, B, A2, B2; empty until a start is set."""
    if schedule.start is None:
        return ()
    placed: list[Phase] = []
    counts = {PhaseKind.BASELINE: 0, PhaseKind.TRIAL: 0}
    day = schedule.start
    for part in schedule.plan:
        counts[part.kind] += 1
        letter = "A" if part.kind is PhaseKind.BASELINE else "B"
        label = letter if counts[part.kind] == 1 else f"{letter}{counts[part.kind]}"
        end = day + dt.timedelta(days=part.days - 1)
        placed.append(Phase(label, part.kind, day, end))
        day = end + dt.timedelta(days=1)
    return tuple(placed)


def planned_days(schedule: Schedule) -> int:
    return sum(part.days for part in schedule.plan)


def end_date(schedule: Schedule) -> dt.date | None:
    placed = phases(schedule)
    return placed[-1].end if placed else None


def phase_on(schedule: Schedule, day: dt.date) -> Phase | None:
    return next((phase for phase in phases(schedule) if phase.contains(day)), None)


def decisions_by_experiment(decisions: Iterable[Decision]) -> dict[int, list[Decision]]:
    """Decisions grouped by their experiment's id, read once instead of filtered per experiment."""
    grouped: dict[int, list[Decision]] = {}
    for decision in decisions:
        grouped.setdefault(decision.experiment_id, []).append(decision)
    return grouped


def closing_decision(decisions: Sequence[Decision]) -> Decision | None:
    """The decision that closed the experiment, if any (the latest one)."""
    return max(decisions, key=lambda d: (d.decided_on, d.id or 0), default=None)


def status(experiment: Experiment, decisions: Sequence[Decision], today: dt.date) -> Status:
    closing = closing_decision(decisions)
    if closing is not None:
        return STATUS_AFTER_DECISION[closing.kind]
    schedule = experiment.schedule
    if schedule.start is None or today < schedule.start:
        return Status.PLANNED
    if experiment.kind == "routine":
        return Status.ROUTINE
    current = phase_on(schedule, today)
    if current is None:
        return Status.READY_TO_REVIEW
    return Status.BASELINE if current.kind is PhaseKind.BASELINE else Status.TRIAL


def days_left(schedule: Schedule, today: dt.date) -> int | None:
    """Days still to go, today included; None when not started or already over."""
    end = end_date(schedule)
    if end is None or schedule.start is None or today < schedule.start or today > end:
        return None
    return (end - today).days + 1


def running_on(
    experiment: Experiment,
    decisions: Sequence[Decision],
    day: dt.date,
    changes: Sequence[RoutineChange] = (),
) -> bool:
    """Whether a check-in on ``day`` should ask about this experiment.

    It is asked about within its schedule until a decision closes it; a
    persisted change has become part of the routine, so it keeps being asked.
    A routine has no end: it is asked about from its start until stopped.
    A routine that is paused or retired on ``day`` (``changes``) is not asked about.
    """
    since = routine_since(experiment, decisions)
    if since is not None and day >= since and changes and state_on(changes, day) != "kept":
        return False
    schedule = experiment.schedule
    if experiment.kind == "routine":
        if schedule.start is None or day < schedule.start:
            return False
        stop = closing_decision(decisions)
        return stop is None or stop.kind is DecisionKind.PERSIST or day <= stop.decided_on
    end = end_date(schedule)
    if schedule.start is None or end is None or day < schedule.start:
        return False
    closing = closing_decision(decisions)
    if closing is not None and closing.kind is DecisionKind.PERSIST:
        return True
    if closing is not None and day > closing.decided_on:
        return False
    return day <= end
