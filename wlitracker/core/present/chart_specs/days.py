"""What every chart spec is made of: days, rolling and weekly means, named ranges.

A day that was not rated has ``value=None``: it is drawn as a gap, never as 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from ...model.entities import Adherence, CheckIn, Metric
from ...model.errors import ValidationError
from ...services.journal import Journal

SCATTER_JITTER = 0.32  # ratings are whole numbers; spread points a little so they do not hide
TREND_RANGES: Mapping[str, int | None] = MappingProxyType(
    {"4 weeks": 28, "3 months": 91, "a year": 365, "all": None}
)
EMPTY_MESSAGE = "No check-ins in this range yet"


class DayPoint(NamedTuple):
    """One calendar day of one metric, with what the chart may want to show on hover.

    A named tuple, not a frozen dataclass like the rest: a ten-year chart makes one per
    day and metric, and a tuple is four times quicker to make.
    """

    date: dt.date
    value: float | None  # None: not rated that day (a gap, never zero)
    adherence: Adherence | None = None
    unusual: bool = False
    unusual_reason: str = ""
    has_note: bool = False
    note: str = ""
    phase: str = ""  # A, B, A2, B2 in an experiment chart

    @property
    def usable(self) -> bool:
        """Rated and not an unusual day: counted in an evaluation."""
        return self.value is not None and not self.unusual


@dataclass(frozen=True)
class SeriesPoint:
    """A drawn point: one day's rating, or a week's mean when ``count`` days were averaged."""

    date: dt.date
    value: float
    count: int = 1


def rolling_mean(
    values: Sequence[float | None], window: int, min_count: int
) -> tuple[float | None, ...]:
    """Trailing mean over ``window`` consecutive days (one value per day, None = missing).

    The mean is None where fewer than ``min_count`` days in the window were rated, so a
    long gap breaks the line instead of being bridged.
    """
    if window < 1 or min_count < 1:
        raise ValueError("window and min_count must be positive")
    out: list[float | None] = []
    total = 0.0
    count = 0
    for i, value in enumerate(values):
        if value is not None:
            total += value
            count += 1
        if i >= window:
            old = values[i - window]
            if old is not None:
                total -= old
                count -= 1
        out.append(total / count if count >= min_count and count > 0 else None)
    return tuple(out)


def weekly_means(days: Sequence[DayPoint]) -> tuple[SeriesPoint, ...]:
    """Mean of the rated days of each Monday-to-Sunday week, dated on its Thursday."""
    totals: dict[int, float] = {}  # by the Monday's ordinal: cheaper than dates
    counts: dict[int, int] = {}
    for day in days:
        if day.value is None:
            continue
        monday = day.date.toordinal() - day.date.weekday()
        totals[monday] = totals.get(monday, 0.0) + day.value
        counts[monday] = counts.get(monday, 0) + 1
    return tuple(
        SeriesPoint(
            dt.date.fromordinal(monday + 3), totals[monday] / counts[monday], counts[monday]
        )
        for monday in sorted(totals)
    )


def jitter(day: dt.date, salt: int = 0) -> float:
    """A small offset in [-SCATTER_JITTER/2, SCATTER_JITTER/2), the same for a day every time."""
    h = (day.toordinal() * 2654435761 + salt * 40503) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 2246822519) & 0xFFFFFFFF
    h ^= h >> 13
    return (h / 0x100000000 - 0.5) * SCATTER_JITTER


def trend_range(journal: Journal, name: str, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days a named range covers, ending ``end`` (default today).

    Names: "4 weeks", "3 months", "a year", "all" (from the first check-in).
    """
    if name not in TREND_RANGES:
        raise ValidationError("range", f"{name!r} is not one of: {', '.join(TREND_RANGES)}")
    last = end or journal.today()
    days = TREND_RANGES[name]
    if days is not None:
        return last - dt.timedelta(days=days - 1), last
    history = journal.check_ins.history(None, last)
    return (history[0].date if history else last), last


def dates_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def metric_named(journal: Journal, name: str) -> Metric:
    """The metric called ``name``; ``NotFoundError`` names the known ones."""
    return journal.metrics.get(name)


def check_range(start: dt.date, end: dt.date) -> None:
    """A range must not end before it starts."""
    if start > end:
        raise ValidationError("from", f"{start} is after the last day asked for, {end}")


def day_points(
    dates: Sequence[dt.date],
    check_ins: Mapping[dt.date, CheckIn],
    metric: str,
    experiment_id: int | None = None,
    phase_labels: Mapping[dt.date, str] | None = None,
) -> tuple[DayPoint, ...]:
    """Each date as a DayPoint of ``metric``. One plain loop making the tuples directly:
    ten years of days make a function call and keyword defaults per day count."""
    get, label, make = check_ins.get, (phase_labels or {}).get, DayPoint._make
    points: list[DayPoint] = []
    for day in dates:
        check_in = get(day)
        if check_in is None:
            points.append(make((day, None, None, False, "", False, "", label(day, ""))))
            continue
        value = check_in.ratings.get(metric)
        points.append(
            make(
                (
                    day,
                    None if value is None else float(value),
                    None if experiment_id is None else check_in.adherence.get(experiment_id),
                    check_in.is_unusual,
                    check_in.unusual or "",
                    bool(check_in.note),
                    check_in.note,
                    label(day, ""),
                )
            )
        )
    return tuple(points)
