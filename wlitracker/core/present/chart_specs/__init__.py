"""Chart specifications: what each chart shows, computed from the journal without drawing.

Charts (``wlitracker.charts``) only draw what a spec says; every decision that
can be tested without matplotlib lives here, one module per chart: which days are
usable, rolling means and where they break, when a long range is shown as weekly
means, the weekday statistics, the calendar's bands, the trend line of a scatter, and
the text of the one-page report. ``days`` holds what the charts share, ``kinds``
which spec a kind of chart is (``build``).

A day that was not rated has ``value=None``: it is drawn as a gap, never as 0.
"""

from .calendar import (
    CALENDAR_COLUMNS,
    MONTH_NAMES,
    MONTHS_UP_TO_DAYS,
    CalendarBand,
    CalendarLayout,
    CalendarSpec,
    calendar,
)
from .compare import BoxStats, CompareMetric, CompareSpec, box_stats, compare
from .days import (
    EMPTY_MESSAGE,
    SCATTER_JITTER,
    TREND_RANGES,
    DayPoint,
    SeriesPoint,
    jitter,
    rolling_mean,
    trend_range,
    weekly_means,
)
from .experiment import (
    EXPERIMENT_LONG_ROLLING_DAYS,
    EXPERIMENT_LONG_ROLLING_MIN,
    EXPERIMENT_PATH_MAX_DAYS,
    EXPERIMENT_ROLLING_DAYS,
    EXPERIMENT_ROLLING_MIN,
    AdherenceMark,
    ExperimentChartSpec,
    MetricSeries,
    PhaseBand,
    experiment_chart,
)
from .kinds import (
    CHART_KINDS,
    DEFAULT_OVERVIEW_DAYS,
    DEFAULT_TREND_DAYS,
    ChartKind,
    ChartSpec,
    build,
    kind_of,
)
from .report import ReportSpec, report
from .scatter import (
    SCATTER_INDIVIDUAL_DAYS,
    SCATTER_RECENT_DAYS,
    LinearFit,
    ScatterCell,
    ScatterPoint,
    ScatterSpec,
    linear_fit,
    scatter,
)
from .trend import (
    MAX_LANES,
    TREND_LONG_DAYS,
    TREND_LONG_MIN,
    TREND_SHORT_DAYS,
    TREND_SHORT_MIN,
    WEEKLY_AFTER_DAYS,
    ExperimentBand,
    TrendSeries,
    TrendSpec,
    assign_lanes,
    trend,
)
from .weekday import WEEKDAY_NAMES, WeekdaySeries, WeekdaySpec, WeekdayStat, weekday, weekday_stat

__all__ = [
    "CALENDAR_COLUMNS",
    "CHART_KINDS",
    "DEFAULT_OVERVIEW_DAYS",
    "DEFAULT_TREND_DAYS",
    "EMPTY_MESSAGE",
    "EXPERIMENT_LONG_ROLLING_DAYS",
    "EXPERIMENT_LONG_ROLLING_MIN",
    "EXPERIMENT_PATH_MAX_DAYS",
    "EXPERIMENT_ROLLING_DAYS",
    "EXPERIMENT_ROLLING_MIN",
    "MAX_LANES",
    "MONTHS_UP_TO_DAYS",
    "MONTH_NAMES",
    "SCATTER_INDIVIDUAL_DAYS",
    "SCATTER_JITTER",
    "SCATTER_RECENT_DAYS",
    "TREND_LONG_DAYS",
    "TREND_LONG_MIN",
    "TREND_RANGES",
    "TREND_SHORT_DAYS",
    "TREND_SHORT_MIN",
    "WEEKDAY_NAMES",
    "WEEKLY_AFTER_DAYS",
    "AdherenceMark",
    "BoxStats",
    "CalendarBand",
    "CalendarLayout",
    "CalendarSpec",
    "ChartKind",
    "ChartSpec",
    "CompareMetric",
    "CompareSpec",
    "DayPoint",
    "ExperimentBand",
    "ExperimentChartSpec",
    "LinearFit",
    "MetricSeries",
    "PhaseBand",
    "ReportSpec",
    "ScatterCell",
    "ScatterPoint",
    "ScatterSpec",
    "SeriesPoint",
    "TrendSeries",
    "TrendSpec",
    "WeekdaySeries",
    "WeekdaySpec",
    "WeekdayStat",
    "assign_lanes",
    "box_stats",
    "build",
    "calendar",
    "compare",
    "experiment_chart",
    "jitter",
    "kind_of",
    "linear_fit",
    "report",
    "rolling_mean",
    "scatter",
    "trend",
    "trend_range",
    "weekday",
    "weekday_stat",
    "weekly_means",
]
