"""What an experiment's page shows once it is a routine: how well it is kept up.

The score in words and as a share, the days done lately, a calendar of the last weeks,
whether satisfaction and guilt held up since it became a routine, its pauses, and
which of pause, resume and retire it offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..model.entities import (
    Adherence,
    RoutineChangeKind,
    first_capital,
    metric_label,
    rating_text,
)
from ..model.words import ROUTINE_CHANGE_WORDS
from ..services.routines import RECENT_DAYS, MetricSince, RoutineView
from ..stats.decision_rule import MIN_DAYS_PER_PHASE

__all__ = [
    "CALENDAR_WEEKS",
    "CalendarCell",
    "CellMark",
    "RoutinePanel",
    "RoutineRequest",
    "held_up_text",
    "routine_panel",
]

CALENDAR_WEEKS = 18  # about four months, Monday to Sunday
CellMark = Literal["done", "partly", "not done", "missed", "paused", "open", "outside"]


@dataclass(frozen=True)
class CalendarCell:
    """One day of the calendar: done, partly, not done, missed (unmarked), paused,
    open (nothing to say yet: today, a day not scheduled), outside (not a routine day)."""

    date: dt.date
    mark: CellMark
    text: str  # the day and what happened, for a tooltip


@dataclass(frozen=True)
class RoutineRequest:
    """Pause, resume or retire, as the person asked, with their reason."""

    experiment_id: int
    kind: RoutineChangeKind
    reason: str = ""


@dataclass(frozen=True)
class RoutinePanel:
    view: RoutineView
    score_percent: int
    headline: str
    recent: str
    state_text: str
    held_up: tuple[str, ...]
    history: tuple[str, ...]  # pauses, resumes, retirement, newest last
    calendar: tuple[CalendarCell, ...]  # CALENDAR_WEEKS weeks, Monday first
    can_pause: bool
    can_resume: bool
    can_retire: bool


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _number(value: float | None) -> str:
    return "-" if value is None else rating_text(round(value, 1))


def held_up_text(item: MetricSince) -> str:
    """'Satisfaction has held up: 7.2 a day since, 7.4 in the trial.'"""
    name = first_capital(metric_label(item.metric))
    since, trial = _number(item.since_mean), _number(item.trial_mean)
    if item.judgement == "no trial":
        return f"{name}: no rated trial days to compare with."
    if item.judgement == "too early":
        return (
            f"{name}: too early to say; {item.since_days} rated days since it became a "
            f"routine, {MIN_DAYS_PER_PHASE} needed."
        )
    numbers = (
        f"{since} a day since, {trial} in the trial ({item.since_days} and {item.trial_days} days)"
    )
    if item.judgement == "better":
        return f"{name} is better still: {numbers}."
    if item.judgement == "slipped":
        return f"{name} has slipped back: {numbers}."
    return f"{name} has held up: {numbers}."


_MARKS: dict[Adherence, CellMark] = {
    Adherence.DONE: "done",
    Adherence.PARTLY: "partly",
    Adherence.NOT_DONE: "not done",
}


def _calendar(view: RoutineView, today: dt.date) -> tuple[CalendarCell, ...]:
    by_date = {d.date: d for d in view.days}
    last = today + dt.timedelta(days=6 - today.weekday())  # the Sunday of this week
    first = last - dt.timedelta(days=7 * CALENDAR_WEEKS - 1)
    cells: list[CalendarCell] = []
    for offset in range(7 * CALENDAR_WEEKS):
        day = first + dt.timedelta(days=offset)
        known = by_date.get(day)
        mark: CellMark
        if known is None:
            mark = "outside"
        elif known.mark in _MARKS:
            mark = _MARKS[known.mark]
        elif known.state == "paused":
            mark = "paused"
        elif known.counted == 0.0:
            mark = "missed"
        else:
            mark = "open"
        words = {
            "outside": "not a routine day",
            "missed": "nothing marked",
            "open": "nothing to say yet",
        }.get(mark, mark)
        cells.append(CalendarCell(day, mark, f"{day:%a} {_day(day)}: {words}"))
    return tuple(cells)


def routine_panel(view: RoutineView, today: dt.date) -> RoutinePanel:
    percent = round(view.score * 100)
    if view.score >= 0.8:
        strength = "firmly kept"
    elif view.score >= 0.5:
        strength = "taking hold"
    elif view.score >= 0.2:
        strength = "on and off"
    else:
        strength = "hardly kept yet"
    latest = view.changes[-1] if view.changes else None
    if view.retired_on is not None and latest is not None:
        state_text = f"Retired on {_day(latest.changed_on)}: {latest.reason}"
    elif view.state == "paused" and latest is not None:
        state_text = f"Paused since {_day(latest.changed_on)}: {latest.reason}"
    elif view.since > today:
        state_text = f"A routine from {_day(view.since)}"
    elif view.persisted:
        state_text = f"A routine since {_day(view.since)}, when it was persisted"
    else:
        state_text = f"A routine since {_day(view.since)}"
    partly = f" ({view.partly_recent} partly)" if view.partly_recent else ""
    history = tuple(
        f"{ROUTINE_CHANGE_WORDS[c.kind]} on {_day(c.changed_on)}"
        + (f": {c.reason}" if c.reason else "")
        for c in view.changes
    )
    started = view.since <= today and view.retired_on is None
    return RoutinePanel(
        view=view,
        score_percent=percent,
        headline=f"Kept up: {percent}% ({strength})",
        recent=f"Done on {view.done_recent} of the last {RECENT_DAYS} days{partly}.",
        state_text=state_text,
        held_up=tuple(held_up_text(item) for item in view.held_up),
        history=history,
        calendar=_calendar(view, today),
        can_pause=started and view.state == "kept",
        can_resume=started and view.state == "paused",
        can_retire=started,
    )
