"""What the Today page shows: one day's check-in form, the calendar's marks, tag suggestions.

The page keeps what only it can know (the edits not saved yet, the save timer, the
status line); everything it reads from the journal comes in one ``TodayState``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..services.checkins import DayForm, RunningExperiment
from ..services.journal import Journal

__all__ = [
    "TAG_SUGGESTION_DAYS",
    "CalendarMarks",
    "DayForm",
    "RunningExperiment",
    "TodayState",
    "build_today_state",
    "calendar_span",
]

TAG_SUGGESTION_DAYS = 120  # tags used in the last four months are offered as you type


@dataclass(frozen=True)
class CalendarMarks:
    """The days of the date picker's page that have a check-in, for marking them."""

    year: int
    month: int
    first: dt.date  # the picker's page shows some days of the months either side
    last: dt.date
    checked: frozenset[dt.date]


@dataclass(frozen=True)
class TodayState:
    form: DayForm  # the day's stored check-in, its metrics, the experiments running that day
    today: dt.date
    calendar: CalendarMarks
    tag_suggestions: tuple[str, ...]  # sorted

    @property
    def day(self) -> dt.date:
        return self.form.check_in.date

    @property
    def editable(self) -> bool:
        """False for a day in the future (the clock moved back since it was shown)."""
        return self.form.editable

    @property
    def has_next_day(self) -> bool:
        return self.day < self.today


def calendar_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The dates a month's calendar page can show: six weeks around the month."""
    return (
        dt.date(year, month, 1) - dt.timedelta(days=7),
        dt.date(year, month, 28) + dt.timedelta(days=14),
    )


def build_today_state(
    journal: Journal, day: dt.date, month: tuple[int, int] | None = None
) -> TodayState:
    """``day``'s form; the calendar marks ``month`` (year, month), by default the day's own."""
    year, number = month or (day.year, day.month)
    first, last = calendar_span(year, number)
    since = day - dt.timedelta(days=TAG_SUGGESTION_DAYS)
    tags = journal.check_ins.tags(since, day)
    return TodayState(
        form=journal.check_ins.form(day),
        today=journal.today(),
        calendar=CalendarMarks(
            year, number, first, last, frozenset(journal.check_ins.dates(first, last))
        ),
        tag_suggestions=tuple(tags),
    )
