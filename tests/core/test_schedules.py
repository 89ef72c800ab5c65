from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import Decision, DecisionKind, Experiment, PhaseKind, Status
from wlitracker.core.model.errors import ValidationError

START = dt.date(2026, 3, 2)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def test_ab_phases_are_consecutive_and_labelled() -> None:
    placed = schedules.phases(schedules.ab(7, 14, START))
    assert [(p.label, p.kind, p.start, p.end) for p in placed] == [
        ("A", PhaseKind.BASELINE, START, START + _days(6)),
        ("B", PhaseKind.TRIAL, START + _days(7), START + _days(20)),
    ]
    assert [p.days for p in placed] == [7, 14]


def test_abab_alternates_blocks_with_numbered_labels() -> None:
    schedule = schedules.abab(5, START)
    assert [p.label for p in schedules.phases(schedule)] == ["A", "B", "A2", "B2"]
    assert schedules.design_of(schedule) == "abab"
    assert schedules.end_date(schedule) == START + _days(19)
    assert schedules.planned_days(schedule) == 20


def test_unstarted_schedule_has_no_dates() -> None:
    schedule = schedules.ab(7, 14)
    assert schedules.phases(schedule) == ()
    assert schedules.end_date(schedule) is None
    assert schedules.days_left(schedule, START) is None


@pytest.mark.parametrize("days", [0, -1, 366])
def test_phase_lengths_are_checked(days: int) -> None:
    with pytest.raises(ValidationError):
        schedules.ab(days, 7)
    with pytest.raises(ValidationError):
        schedules.abab(days)


def _experiment(start: dt.date | None = START) -> Experiment:
    return Experiment(title="t", schedule=schedules.ab(7, 14, start), id=1)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1, Status.PLANNED),
        (0, Status.BASELINE),
        (6, Status.BASELINE),
        (7, Status.TRIAL),
        (20, Status.TRIAL),
        (21, Status.READY_TO_REVIEW),
        (400, Status.READY_TO_REVIEW),
    ],
)
def test_status_follows_the_schedule(offset: int, expected: Status) -> None:
    assert schedules.status(_experiment(), [], START + _days(offset)) is expected


def test_status_without_start_is_planned() -> None:
    assert schedules.status(_experiment(None), [], START) is Status.PLANNED


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (DecisionKind.PERSIST, Status.PERSISTED),
        (DecisionKind.ADJUST, Status.ADJUSTED),
        (DecisionKind.SWITCH, Status.SWITCHED),
        (DecisionKind.STOP, Status.STOPPED),
    ],
)
def test_status_after_a_decision(kind: DecisionKind, expected: Status) -> None:
    decision = Decision(1, kind, "why", START + _days(3), id=1)
    assert schedules.status(_experiment(), [decision], START + _days(3)) is expected


def test_days_left_counts_today() -> None:
    schedule = schedules.ab(7, 14, START)
    assert schedules.days_left(schedule, START) == 21
    assert schedules.days_left(schedule, START + _days(20)) == 1
    assert schedules.days_left(schedule, START + _days(21)) is None
    assert schedules.days_left(schedule, START - _days(1)) is None


def test_running_on_stops_at_the_end_or_a_decision_but_not_after_persist() -> None:
    experiment = _experiment()
    assert not schedules.running_on(experiment, [], START - _days(1))
    assert schedules.running_on(experiment, [], START)
    assert schedules.running_on(experiment, [], START + _days(20))
    assert not schedules.running_on(experiment, [], START + _days(21))
    stop = Decision(1, DecisionKind.STOP, "why", START + _days(5), id=1)
    assert schedules.running_on(experiment, [stop], START + _days(5))
    assert not schedules.running_on(experiment, [stop], START + _days(6))
    persist = Decision(1, DecisionKind.PERSIST, "why", START + _days(25), id=1)
    assert schedules.running_on(experiment, [persist], START + _days(300))
