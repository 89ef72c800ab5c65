"""Which spec each kind of chart is, and over which days when none are given.

The command line, the Trends page and the report ask for a chart by its kind; this
is the one place that turns a kind and its options into a spec, so the defaults
(the last three months for a trend, a year for the others) are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ...model.errors import ValidationError
from ...services.journal import Journal
from .calendar import CalendarSpec, calendar
from .compare import CompareSpec, compare
from .experiment import ExperimentChartSpec, experiment_chart
from .scatter import ScatterSpec, scatter
from .trend import TrendSpec, trend
from .weekday import WeekdaySpec, weekday

ChartKind = Literal["experiment", "compare", "trend", "calendar", "weekday", "scatter"]
CHART_KINDS: tuple[ChartKind, ...] = (
    "experiment",
    "compare",
    "trend",
    "calendar",
    "weekday",
    "scatter",
)
ChartSpec = ExperimentChartSpec | CompareSpec | TrendSpec | CalendarSpec | WeekdaySpec | ScatterSpec
DEFAULT_TREND_DAYS = 91
DEFAULT_OVERVIEW_DAYS = 365


def build(
    journal: Journal,
    kind: ChartKind,
    *,
    experiment_id: int | None = None,
    metric: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ChartSpec:
    """The spec of a chart of ``kind``.

    ``experiment_id``: the experiment and compare charts' experiment (they need one).
    ``metric``: trend and weekday show it alone, calendar shows it (else satisfaction),
    scatter puts it against guilt. Ranges end ``end`` (default today) and start
    ``start``, by default: trend, 3 months back; calendar, weekday and scatter, a year back.
    """
    if kind not in CHART_KINDS:
        raise ValidationError("chart", f"{kind!r} is not one of: {', '.join(CHART_KINDS)}")
    if kind in ("experiment", "compare"):
        if experiment_id is None:
            raise ValidationError("experiment", f"the {kind} chart is drawn for one experiment")
        if kind == "experiment":
            return experiment_chart(journal, experiment_id)
        return compare(journal, experiment_id)
    last = end or journal.today()
    days = DEFAULT_TREND_DAYS if kind == "trend" else DEFAULT_OVERVIEW_DAYS
    first = start or last - dt.timedelta(days=days - 1)
    if kind == "trend":
        return trend(journal, first, last, (metric,)) if metric else trend(journal, first, last)
    if kind == "weekday":
        return weekday(journal, first, last, (metric,) if metric else None)
    if kind == "calendar":
        return calendar(journal, first, last, metric) if metric else calendar(journal, first, last)
    if metric is not None:
        return scatter(journal, first, last, x_metric=metric)
    return scatter(journal, first, last)


def kind_of(spec: ChartSpec) -> ChartKind:
    """The kind of chart ``spec`` draws (to name it, in a file or for a screen reader)."""
    if isinstance(spec, ExperimentChartSpec):
        return "experiment"
    if isinstance(spec, CompareSpec):
        return "compare"
    if isinstance(spec, TrendSpec):
        return "trend"
    if isinstance(spec, CalendarSpec):
        return "calendar"
    if isinstance(spec, WeekdaySpec):
        return "weekday"
    return "scatter"
