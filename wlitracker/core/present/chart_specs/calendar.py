"""The calendar: one metric's days over a range, as heat-map bands of days.

A range of up to a year (``MONTHS_UP_TO_DAYS``) has a band per month, its days 1-31
across; a longer one a band per year, its days of the year 1-366 across, so the same
season lines up from year to year and no year has a gap at 29 February. A cell outside
the range is None, as is one that is no date (31 April): the chart covers the range
exactly, and never shows days to come as days missed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ...model.entities import SATISFACTION, Better, first_capital, metric_label
from ...services.journal import Journal
from .days import DayPoint, check_range, dates_between, day_points, metric_named

MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
CalendarLayout = Literal["months", "years"]
MONTHS_UP_TO_DAYS = 366  # a longer range has a band per year
CALENDAR_COLUMNS: dict[CalendarLayout, int] = {"months": 31, "years": 366}


@dataclass(frozen=True)
class CalendarBand:
    """One row of the calendar: a month or a year of the range."""

    label: str  # "Mar 2026" (the year on the first band and each January), "Apr"; "2026"
    first: dt.date  # the date of its first cell: the 1st of the month, or 1 January
    cells: tuple[DayPoint | None, ...]  # 31 or 366; None: outside the range, or no such date


@dataclass(frozen=True)
class CalendarSpec:
    title: str
    start: dt.date
    end: dt.date
    metric: str
    label: str  # the metric as people read it (``metric_label``)
    better: Better
    min_value: int
    max_value: int
    layout: CalendarLayout
    bands: tuple[CalendarBand, ...]  # oldest first
    rated_days: int

    @property
    def columns(self) -> int:
        return CALENDAR_COLUMNS[self.layout]

    @property
    def is_empty(self) -> bool:
        return self.rated_days == 0


def calendar(
    journal: Journal, start: dt.date, end: dt.date, metric: str = SATISFACTION
) -> CalendarSpec:
    """``metric``'s days from ``start`` to ``end``: a band per month, or per year beyond a year."""
    check_range(start, end)
    chosen = metric_named(journal, metric)
    check_ins = {c.date: c for c in journal.check_ins.history(start, end)}
    dates = dates_between(start, end)
    points = day_points(dates, check_ins, chosen.name)
    layout: CalendarLayout = "months" if len(dates) <= MONTHS_UP_TO_DAYS else "years"
    return CalendarSpec(
        f"{first_capital(metric_label(chosen))}, {start.isoformat()} to {end.isoformat()}",
        start,
        end,
        chosen.name,
        metric_label(chosen),
        chosen.better,
        chosen.min_value,
        chosen.max_value,
        layout,
        _bands(points, layout),
        sum(p.value is not None for p in points),
    )


def _bands(points: Sequence[DayPoint], layout: CalendarLayout) -> tuple[CalendarBand, ...]:
    """The points placed in their bands: a day's column is its day of the month, or of the year."""
    columns = CALENDAR_COLUMNS[layout]
    bands: list[CalendarBand] = []
    first: dt.date | None = None
    base = 0  # the ordinal of the band's first cell's date
    cells: list[DayPoint | None] = []
    for point in points:
        day = point.date
        starts = day.replace(day=1) if layout == "months" else day.replace(month=1, day=1)
        if starts != first:
            if first is not None:
                bands.append(CalendarBand(_label(first, layout, not bands), first, tuple(cells)))
            first, base, cells = starts, starts.toordinal(), [None] * columns
        cells[day.toordinal() - base] = point
    if first is not None:
        bands.append(CalendarBand(_label(first, layout, not bands), first, tuple(cells)))
    return tuple(bands)


def _label(first: dt.date, layout: CalendarLayout, opening: bool) -> str:
    if layout == "years":
        return str(first.year)
    name = MONTH_NAMES[first.month - 1]
    return f"{name} {first.year}" if opening or first.month == 1 else name
