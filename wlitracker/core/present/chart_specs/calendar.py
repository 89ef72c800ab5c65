"""A year in pixels: one metric's days as twelve rows of 31 cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.entities import SATISFACTION, Better, first_capital, metric_label
from ...model.errors import ValidationError
from ...services.journal import Journal
from .days import DayPoint, dates_between, day_points, metric_named

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


@dataclass(frozen=True)
class CalendarSpec:
    title: str
    year: int
    metric: str
    label: str  # the metric as people read it (``metric_label``)
    better: Better
    min_value: int
    max_value: int
    months: tuple[tuple[DayPoint | None, ...], ...]  # 12 rows of 31; None: no such date
    rated_days: int

    @property
    def is_empty(self) -> bool:
        return self.rated_days == 0


def calendar(journal: Journal, year: int, metric: str = SATISFACTION) -> CalendarSpec:
    """A year in pixels: 12 rows of 31 cells; a missing day's value is None, 31 April is None."""
    if not 1970 <= year <= 9998:
        raise ValidationError("year", f"{year} is out of range")
    chosen = metric_named(journal, metric)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    check_ins = {c.date: c for c in journal.check_ins.history(first, last)}
    dates = dates_between(first, last)
    points = dict(zip(dates, day_points(dates, check_ins, chosen.name), strict=True))
    months: list[tuple[DayPoint | None, ...]] = []
    rated = 0
    for month in range(1, 13):
        row: list[DayPoint | None] = []
        for day in range(1, 32):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                row.append(None)
                continue
            point = points[date]
            rated += point.value is not None
            row.append(point)
        months.append(tuple(row))
    return CalendarSpec(
        f"{first_capital(metric_label(chosen))} in {year}",
        year,
        chosen.name,
        metric_label(chosen),
        chosen.better,
        chosen.min_value,
        chosen.max_value,
        tuple(months),
        rated,
    )
