"""One metric against another, a point per day, with the least-squares line."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ...model.entities import GUILT, SATISFACTION, Better, first_capital, metric_label
from ...services.journal import Journal
from .days import check_range, jitter, metric_named

SCATTER_RECENT_DAYS = 28  # emphasised
SCATTER_INDIVIDUAL_DAYS = 365  # older days are drawn as one bubble per (x, y) pair


@dataclass(frozen=True)
class ScatterPoint:
    date: dt.date
    x: float
    y: float
    dx: float  # deterministic jitter, in rating units, to add when drawing
    dy: float
    age_days: int  # days before the range's last day
    recent: bool


@dataclass(frozen=True)
class ScatterCell:
    """Older days with the same pair of ratings, drawn as one bubble."""

    x: float
    y: float
    count: int


@dataclass(frozen=True)
class LinearFit:
    slope: float
    intercept: float
    r: float
    n: int
    x_min: float  # the line is drawn over the x values it was fitted to
    x_max: float


@dataclass(frozen=True)
class ScatterSpec:
    title: str
    start: dt.date
    end: dt.date
    x_metric: str
    y_metric: str
    x_label: str  # the metrics as people read them (``metric_label``)
    y_label: str
    x_better: Better
    y_better: Better
    x_range: tuple[int, int]
    y_range: tuple[int, int]
    points: tuple[ScatterPoint, ...]  # drawn one by one
    cells: tuple[ScatterCell, ...]  # older days, aggregated
    fit: LinearFit | None
    days: int  # days with both ratings (points plus the days in cells)

    @property
    def is_empty(self) -> bool:
        return self.days == 0


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> LinearFit | None:
    """Least-squares line y = slope * x + intercept, and Pearson's r; None if x never varies."""
    n = len(xs)
    if n < 3 or n != len(ys):
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    if sxx == 0:
        return None
    slope = sxy / sxx
    r = sxy / math.sqrt(sxx * syy) if syy > 0 else 0.0
    return LinearFit(slope, my - slope * mx, r, n, min(xs), max(xs))


def scatter(
    journal: Journal,
    start: dt.date,
    end: dt.date,
    x_metric: str = SATISFACTION,
    y_metric: str = GUILT,
) -> ScatterSpec:
    """One point per day (unusual days left out); older days aggregated when a range is long."""
    check_range(start, end)
    mx, my = metric_named(journal, x_metric), metric_named(journal, y_metric)
    pairs = [
        (c.date, float(c.ratings[mx.name]), float(c.ratings[my.name]))
        for c in journal.check_ins.history(start, end)
        if not c.is_unusual and mx.name in c.ratings and my.name in c.ratings
    ]
    points: list[ScatterPoint] = []
    cells: dict[tuple[float, float], int] = {}
    for date, x, y in pairs:
        age = (end - date).days
        if age < SCATTER_INDIVIDUAL_DAYS:
            points.append(
                ScatterPoint(
                    date, x, y, jitter(date, 1), jitter(date, 2), age, age < SCATTER_RECENT_DAYS
                )
            )
        else:
            cells[(x, y)] = cells.get((x, y), 0) + 1
    fit = linear_fit([p[1] for p in pairs], [p[2] for p in pairs])
    return ScatterSpec(
        f"{first_capital(metric_label(my))} against {metric_label(mx)}, "
        f"{start.isoformat()} to {end.isoformat()}",
        start,
        end,
        mx.name,
        my.name,
        metric_label(mx),
        metric_label(my),
        mx.better,
        my.better,
        (mx.min_value, mx.max_value),
        (my.min_value, my.max_value),
        tuple(points),
        tuple(ScatterCell(x, y, n) for (x, y), n in sorted(cells.items())),
        fit,
        len(pairs),
    )
