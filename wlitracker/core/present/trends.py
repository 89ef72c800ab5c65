"""What the Trends page shows: the range and metric chosen, the chart of the tab in view,
what goes with good days, and the check-ins of the range as a table.

Only the chart of the tab in view is built; another tab's chart is built when that tab
is opened (``with_tab``) and kept until the next change. A ten-year journal makes one
chart per change, not four. What goes with good days (``insights``) is the slowest part
on a long range, so it is left for the window to work out off its GUI thread
(``insight_inputs`` gives it what to work from, ``with_insights`` puts the answer in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..model.entities import GUILT, CheckIn, Experiment, Metric
from ..model.record import replace
from ..services.insights import Insights
from ..services.journal import Journal
from .chart_specs import (
    TREND_RANGES,
    CalendarSpec,
    ChartSpec,
    ScatterSpec,
    TrendSpec,
    WeekdaySpec,
    calendar,
    scatter,
    trend,
    trend_range,
    weekday,
)
from .insights import InsightsView, insights_view

__all__ = [
    "DEFAULT_RANGE",
    "RANGE_NAMES",
    "TRENDS_TABS",
    "InsightInputs",
    "TrendsCharts",
    "TrendsState",
    "TrendsTab",
    "build_trends_state",
    "insight_inputs",
    "with_insights",
    "with_tab",
]

TrendsTab = Literal["trend", "calendar", "weekday", "scatter", "insights", "table"]
TRENDS_TABS: tuple[TrendsTab, ...] = (
    "trend",
    "calendar",
    "weekday",
    "scatter",
    "insights",
    "table",
)
RANGE_NAMES: tuple[str, ...] = tuple(TREND_RANGES)  # "4 weeks", "3 months", "a year", "all"
DEFAULT_RANGE = "3 months"


@dataclass(frozen=True)
class TrendsCharts:
    """The charts built so far for one range and metric; None: not built (tab not shown)."""

    trend: TrendSpec | None = None
    calendar: CalendarSpec | None = None
    weekday: WeekdaySpec | None = None
    scatter: ScatterSpec | None = None


@dataclass(frozen=True)
class TrendsState:
    range_name: str  # one of RANGE_NAMES
    start: dt.date
    end: dt.date
    metric: str | None  # the metric chosen; None: satisfaction and guilt together
    metrics: tuple[Metric, ...]  # what the metric list offers (archived ones left out)
    tab: TrendsTab  # the tab in view, whose chart is built
    charts: TrendsCharts
    rows: tuple[CheckIn, ...]  # the range's check-ins, newest first
    columns: tuple[Metric, ...]  # the table's metric columns (archived ones too)
    today: dt.date
    insights: InsightsView | None = None  # None: not worked out yet (or tab not shown)

    def chart(self, tab: TrendsTab) -> ChartSpec | None:
        """The spec of ``tab``'s chart, if built (the table has none)."""
        spec: ChartSpec | None = getattr(self.charts, tab, None)
        return spec

    def can_save(self, tab: TrendsTab) -> bool:
        """Whether ``tab`` has a chart with something on it to save (not an empty one)."""
        spec = self.chart(tab)
        return spec is not None and not spec.is_empty


def _with_chart(journal: Journal, state: TrendsState, tab: TrendsTab) -> TrendsCharts:
    """The charts with ``tab``'s built for the state's range and metric.

    The calendar shows the chosen metric (satisfaction when none is) over the range; the
    scatter puts the chosen metric against guilt (guilt itself, or both, as satisfaction
    against guilt). What each chart shows by default is its spec's own
    (``core.present.chart_specs``).
    """
    charts, metric, start, end = state.charts, state.metric, state.start, state.end
    if tab == "trend":
        made = trend(journal, start, end, (metric,)) if metric else trend(journal, start, end)
        return replace(charts, trend=made)
    if tab == "calendar":
        made_calendar = (
            calendar(journal, start, end, metric) if metric else calendar(journal, start, end)
        )
        return replace(charts, calendar=made_calendar)
    if tab == "weekday":
        return replace(charts, weekday=weekday(journal, start, end, (metric,) if metric else None))
    if tab == "scatter":
        if metric in (None, GUILT):
            return replace(charts, scatter=scatter(journal, start, end))
        return replace(charts, scatter=scatter(journal, start, end, x_metric=metric))
    return charts


def with_tab(journal: Journal, state: TrendsState, tab: TrendsTab) -> TrendsState:
    """``state`` with ``tab`` in view, its chart built if it was not yet."""
    shown = replace(state, tab=tab)
    if state.chart(tab) is not None:
        return shown
    return replace(shown, charts=_with_chart(journal, shown, tab))


@dataclass(frozen=True)
class InsightInputs:
    """What ``insights.gather`` needs, as plain frozen values: safe for another thread."""

    check_ins: tuple[CheckIn, ...]
    metrics: tuple[Metric, ...]
    experiments: tuple[Experiment, ...]
    start: dt.date
    end: dt.date


def insight_inputs(journal: Journal, state: TrendsState) -> InsightInputs:
    """The range's check-ins the state already holds, and the metrics and experiments."""
    return InsightInputs(
        check_ins=state.rows,
        metrics=tuple(journal.metrics.list(include_archived=True)),
        experiments=tuple(journal.experiments.all()),
        start=state.start,
        end=state.end,
    )


def with_insights(state: TrendsState, insights: Insights) -> TrendsState:
    """``state`` showing ``insights`` for its metric (satisfaction and guilt when none)."""
    return replace(state, insights=insights_view(insights, state.metric, state.today))


def build_trends_state(
    journal: Journal, range_name: str, metric: str | None, tab: TrendsTab = "trend"
) -> TrendsState:
    """The page for ``range_name`` (a name of ``RANGE_NAMES``) ending today.

    A ``metric`` no longer offered (archived, renamed) falls back to satisfaction and
    guilt together.
    """
    today = journal.today()
    start, end = trend_range(journal, range_name, today)
    offered = tuple(journal.metrics.list())
    chosen = metric if any(m.name == metric for m in offered) else None
    rows = journal.check_ins.history(start, end)
    state = TrendsState(
        range_name=range_name,
        start=start,
        end=end,
        metric=chosen,
        metrics=offered,
        tab=tab,
        charts=TrendsCharts(),
        rows=tuple(sorted(rows, key=lambda c: c.date, reverse=True)),
        columns=tuple(journal.metrics.list(include_archived=True)),
        today=today,
    )
    return with_tab(journal, state, tab)
