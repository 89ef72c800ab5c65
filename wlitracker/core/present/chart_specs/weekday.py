"""Weekday patterns: each metric's mean and spread by day of the week."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...model.entities import Better, metric_label
from ...services.journal import Journal
from .days import check_range, metric_named

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class WeekdayStat:
    weekday: int  # 0 = Monday
    name: str
    n: int
    mean: float | None
    sd: float | None  # None below two values
    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class WeekdaySeries:
    metric: str
    label: str  # the metric as people read it (``metric_label``)
    better: Better
    min_value: int
    max_value: int
    stats: tuple[WeekdayStat, ...]  # Monday to Sunday


@dataclass(frozen=True)
class WeekdaySpec:
    title: str
    start: dt.date
    end: dt.date
    series: tuple[WeekdaySeries, ...]

    @property
    def is_empty(self) -> bool:
        return not any(s.n for series in self.series for s in series.stats)


def weekday_stat(weekday: int, values: Sequence[float]) -> WeekdayStat:
    name = WEEKDAY_NAMES[weekday]
    if not values:
        return WeekdayStat(weekday, name, 0, None, None, None, None, None, None, None)
    ordered = sorted(values)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        sd: float | None = statistics.stdev(ordered)
    else:
        q1 = q3 = ordered[0]
        sd = None
    return WeekdayStat(
        weekday,
        name,
        len(ordered),
        statistics.fmean(ordered),
        sd,
        float(statistics.median(ordered)),
        float(q1),
        float(q3),
        float(ordered[0]),
        float(ordered[-1]),
    )


def weekday(
    journal: Journal, start: dt.date, end: dt.date, metrics: Iterable[str] | None = None
) -> WeekdaySpec:
    """Each metric's mean and spread by weekday; unusual days are left out."""
    check_range(start, end)
    chosen = (
        [metric_named(journal, name) for name in metrics]
        if metrics is not None
        else journal.metrics.list()
    )
    check_ins = [c for c in journal.check_ins.history(start, end) if not c.is_unusual]
    series: list[WeekdaySeries] = []
    for metric in chosen:
        by_day: list[list[float]] = [[] for _ in range(7)]
        for c in check_ins:
            value = c.ratings.get(metric.name)
            if value is not None:
                by_day[c.date.weekday()].append(float(value))
        series.append(
            WeekdaySeries(
                metric.name,
                metric_label(metric),
                metric.better,
                metric.min_value,
                metric.max_value,
                tuple(weekday_stat(i, values) for i, values in enumerate(by_day)),
            )
        )
    return WeekdaySpec(
        f"By weekday, {start.isoformat()} to {end.isoformat()}", start, end, tuple(series)
    )
