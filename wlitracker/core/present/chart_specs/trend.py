"""The trend: metrics over a range, with rolling means and the experiments' periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ...model.entities import (
    GUILT,
    SATISFACTION,
    Better,
    DecisionKind,
    first_capital,
    metric_label,
)
from ...services.journal import Journal
from .days import (
    DayPoint,
    SeriesPoint,
    check_range,
    dates_between,
    day_points,
    metric_named,
    rolling_mean,
    weekly_means,
)

TREND_SHORT_DAYS = 7
TREND_SHORT_MIN = 3
TREND_LONG_DAYS = 28
TREND_LONG_MIN = 10
WEEKLY_AFTER_DAYS = 731  # a trend spanning more than about two years shows weekly means
MAX_LANES = 4  # experiment bands in a trend; more overlapping ones share the last lane


@dataclass(frozen=True)
class TrendSeries:
    metric: str
    label: str  # the metric as people read it (``metric_label``)
    better: Better
    min_value: int
    max_value: int
    granularity: Literal["day", "week"]
    points: tuple[SeriesPoint, ...]  # rated days, or weekly means (dated on the week's Thursday)
    days: tuple[DayPoint, ...]  # every calendar day in the range (for the lines and hover)
    short: tuple[float | None, ...]  # 7-day rolling mean, aligned with days; () for weekly
    long: tuple[float | None, ...]  # 28-day rolling mean, aligned with days


@dataclass(frozen=True)
class ExperimentBand:
    """An experiment's period inside a trend range (clipped to it), in a lane of its own."""

    experiment_id: int
    title: str
    start: dt.date
    end: dt.date
    lane: int = 0  # overlapping experiments go in different lanes (at most MAX_LANES)


@dataclass(frozen=True)
class TrendSpec:
    title: str
    start: dt.date
    end: dt.date
    granularity: Literal["day", "week"]
    series: tuple[TrendSeries, ...]
    bands: tuple[ExperimentBand, ...]

    @property
    def is_empty(self) -> bool:
        return not any(s.points for s in self.series)

    @property
    def lanes(self) -> int:
        return max((b.lane for b in self.bands), default=-1) + 1


def _bands(journal: Journal, start: dt.date, end: dt.date) -> tuple[ExperimentBand, ...]:
    """Experiment periods within the range; a decision other than persist ends one early."""
    found: list[tuple[dt.date, dt.date, int, str]] = []
    for view in journal.experiments.views():
        if not view.phases:
            continue
        first, last = view.phases[0].start, view.phases[-1].end
        closing = view.closing
        if closing is not None and closing.kind is not DecisionKind.PERSIST:
            last = min(last, closing.decided_on)
        first, last = max(first, start), min(last, end)
        if first <= last:
            found.append((first, last, view.id, view.experiment.title))
    return assign_lanes(found)


def assign_lanes(
    periods: Iterable[tuple[dt.date, dt.date, int, str]],
) -> tuple[ExperimentBand, ...]:
    """Each period in the first lane free on its first day; the last lane takes the rest."""
    lane_ends: list[dt.date] = []
    bands: list[ExperimentBand] = []
    for first, last, experiment_id, title in sorted(periods, key=lambda p: (p[0], p[2])):
        lane = next((i for i, e in enumerate(lane_ends) if e < first), len(lane_ends))
        if lane >= MAX_LANES:
            lane = MAX_LANES - 1
        if lane == len(lane_ends):
            lane_ends.append(last)
        else:
            lane_ends[lane] = max(lane_ends[lane], last)
        bands.append(ExperimentBand(experiment_id, title, first, last, lane))
    return tuple(bands)


def trend(
    journal: Journal,
    start: dt.date,
    end: dt.date,
    metrics: Iterable[str] = (SATISFACTION, GUILT),
) -> TrendSpec:
    """Metrics over a range: daily points and 7-/28-day rolling means, weekly beyond ~2 years."""
    check_range(start, end)
    chosen = [metric_named(journal, name) for name in metrics]
    check_ins = {c.date: c for c in journal.check_ins.history(start, end)}
    dates = dates_between(start, end)
    weekly = len(dates) > WEEKLY_AFTER_DAYS
    granularity: Literal["day", "week"] = "week" if weekly else "day"
    series: list[TrendSeries] = []
    for metric in chosen:
        days = day_points(dates, check_ins, metric.name)
        values = [d.value for d in days]
        points = (
            weekly_means(days)
            if weekly
            else tuple(SeriesPoint(d.date, d.value) for d in days if d.value is not None)
        )
        series.append(
            TrendSeries(
                metric.name,
                metric_label(metric),
                metric.better,
                metric.min_value,
                metric.max_value,
                granularity,
                points,
                days,
                () if weekly else rolling_mean(values, TREND_SHORT_DAYS, TREND_SHORT_MIN),
                rolling_mean(values, TREND_LONG_DAYS, TREND_LONG_MIN),
            )
        )
    names = first_capital(" and ".join(metric_label(m) for m in chosen))
    return TrendSpec(
        f"{names}, {start.isoformat()} to {end.isoformat()}",
        start,
        end,
        granularity,
        tuple(series),
        _bands(journal, start, end),
    )
