"""Chart specifications: what each chart shows, computed from the journal without drawing.

Charts (``wlitracker.charts``) only draw what a spec says; every decision that
can be tested without matplotlib lives here: which days are usable, rolling
means and where they break, when a long range is shown as weekly means, the
weekday statistics, the calendar grid, the trend line of a scatter, and the
text of the one-page report.

A day that was not rated has ``value=None``: it is drawn as a gap, never as 0.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from . import schedules
from .errors import NotFoundError, ValidationError
from .evaluation import (
    DEFAULT_TARGETS,
    Evaluation,
    MetricResult,
    change_in_words,
    nap_in_words,
)
from .experiments import ExperimentView
from .journal import Journal
from .models import (
    GUILT,
    SATISFACTION,
    Adherence,
    Better,
    CheckIn,
    DecisionKind,
    Metric,
    PhaseKind,
    Target,
)
from .words import DECISION_WORDS, STATUS_WORDS, VERDICT_WORDS

# --- tuning -------------------------------------------------------------------

EXPERIMENT_ROLLING_DAYS = 7  # rolling mean in the experiment chart, restarted in each phase
EXPERIMENT_ROLLING_MIN = 3
EXPERIMENT_PATH_MAX_DAYS = 120  # longer experiments: no day-to-day line, a 28-day mean
EXPERIMENT_LONG_ROLLING_DAYS = 28
EXPERIMENT_LONG_ROLLING_MIN = 10
TREND_SHORT_DAYS = 7
TREND_SHORT_MIN = 3
TREND_LONG_DAYS = 28
TREND_LONG_MIN = 10
WEEKLY_AFTER_DAYS = 731  # a trend spanning more than about two years shows weekly means
MAX_LANES = 4  # experiment bands in a trend; more overlapping ones share the last lane
SCATTER_RECENT_DAYS = 28  # emphasised
SCATTER_INDIVIDUAL_DAYS = 365  # older days are drawn as one bubble per (x, y) pair
SCATTER_JITTER = 0.32  # ratings are whole numbers; spread points a little so they do not hide
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
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

TREND_RANGES: Mapping[str, int | None] = MappingProxyType(
    {"4 weeks": 28, "3 months": 91, "a year": 365, "all": None}
)

ChartKind = Literal["experiment", "compare", "trend", "calendar", "weekday", "scatter"]
CHART_KINDS: tuple[ChartKind, ...] = (
    "experiment",
    "compare",
    "trend",
    "calendar",
    "weekday",
    "scatter",
)
EMPTY_MESSAGE = "No check-ins in this range yet"

_ONE_DAY = dt.timedelta(days=1)


# --- values -------------------------------------------------------------------


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
class PhaseBand:
    """A phase on the calendar, with this metric's mean over its usable days."""

    label: str
    kind: PhaseKind
    start: dt.date
    end: dt.date
    mean: float | None
    usable_days: int


@dataclass(frozen=True)
class MetricSeries:
    """One target metric of an experiment, day by day over the schedule."""

    metric: str
    better: Better
    min_value: int
    max_value: int
    days: tuple[DayPoint, ...]  # every day from the first phase's start to the last day shown
    phases: tuple[PhaseBand, ...]
    rolling: tuple[float | None, ...]  # aligned with ``days``; restarts in each phase

    @property
    def usable_days(self) -> tuple[DayPoint, ...]:
        return tuple(d for d in self.days if d.usable)

    @property
    def unusual_days(self) -> tuple[DayPoint, ...]:
        return tuple(d for d in self.days if d.unusual)


@dataclass(frozen=True)
class AdherenceMark:
    date: dt.date
    mark: Adherence


@dataclass(frozen=True)
class ExperimentChartSpec:
    experiment_id: int
    title: str
    subtitle: str
    start: dt.date | None  # the schedule's first day; None when not scheduled
    end: dt.date | None  # the schedule's last day (it may lie in the future)
    last_day: dt.date | None  # the last day with data that counts (today, or the decision day)
    phases: tuple[PhaseBand, ...]  # without means: the schedule itself
    metrics: tuple[MetricSeries, ...]
    adherence: tuple[AdherenceMark, ...]  # trial days with a check-in
    notes: tuple[DayPoint, ...]  # days with a note (value is None here)
    connect_days: bool = True  # join the days with a line (off when they would be a scribble)
    rolling_days: int = EXPERIMENT_ROLLING_DAYS  # the window of every MetricSeries.rolling

    @property
    def is_empty(self) -> bool:
        return not any(m.usable_days or m.unusual_days for m in self.metrics)


@dataclass(frozen=True)
class BoxStats:
    """A box plot's numbers: quartiles, and whiskers at the furthest values within 1.5 IQR."""

    q1: float
    median: float
    q3: float
    low: float
    high: float


@dataclass(frozen=True)
class CompareMetric:
    metric: str
    better: Better
    min_value: int
    max_value: int
    baseline: tuple[DayPoint, ...]  # usable baseline days
    trial: tuple[DayPoint, ...]  # usable trial days
    baseline_mean: float | None
    trial_mean: float | None
    nap: float | None
    nap_ci: tuple[float, float] | None
    nap_words: str
    status: str
    baseline_box: BoxStats | None = None
    trial_box: BoxStats | None = None


@dataclass(frozen=True)
class CompareSpec:
    experiment_id: int
    title: str
    subtitle: str
    baseline_label: str  # "A" or "A + A2"
    trial_label: str
    metrics: tuple[CompareMetric, ...]

    @property
    def is_empty(self) -> bool:
        return not any(m.baseline or m.trial for m in self.metrics)


@dataclass(frozen=True)
class SeriesPoint:
    """A drawn point: one day's rating, or a week's mean when ``count`` days were averaged."""

    date: dt.date
    value: float
    count: int = 1


@dataclass(frozen=True)
class TrendSeries:
    metric: str
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


@dataclass(frozen=True)
class CalendarSpec:
    title: str
    year: int
    metric: str
    better: Better
    min_value: int
    max_value: int
    months: tuple[tuple[DayPoint | None, ...], ...]  # 12 rows of 31; None: no such date
    rated_days: int

    @property
    def is_empty(self) -> bool:
        return self.rated_days == 0


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


# --- statistics ---------------------------------------------------------------


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


def box_stats(values: Sequence[float]) -> BoxStats | None:
    """Tukey's box: quartiles (inclusive method) and 1.5 IQR whiskers; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        v = float(ordered[0])
        return BoxStats(v, v, v, v, v)
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    reach = 1.5 * (q3 - q1)
    low = min(v for v in ordered if v >= q1 - reach)
    high = max(v for v in ordered if v <= q3 + reach)
    return BoxStats(float(q1), float(median), float(q3), float(low), float(high))


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


def jitter(day: dt.date, salt: int = 0) -> float:
    """A small offset in [-SCATTER_JITTER/2, SCATTER_JITTER/2), the same for a day every time."""
    h = (day.toordinal() * 2654435761 + salt * 40503) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 2246822519) & 0xFFFFFFFF
    h ^= h >> 13
    return (h / 0x100000000 - 0.5) * SCATTER_JITTER


# --- helpers --------------------------------------------------------------------


def _dates(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _metric(journal: Journal, name: str) -> Metric:
    """The metric called ``name``; ``NotFoundError`` names the known ones."""
    return journal.metrics.get(name)


def _target_metric(journal: Journal, target: Target) -> Metric:
    try:
        return _metric(journal, target.metric)
    except NotFoundError:  # a target whose metric has gone: keep drawing on a 0-10 scale
        return Metric(target.metric, 0, 10, target.better)


def _day_points(
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


def _targets(view: ExperimentView) -> tuple[Target, ...]:
    return view.experiment.targets or DEFAULT_TARGETS


def _design_words(view: ExperimentView) -> str:
    return "A-B-A-B" if schedules.design_of(view.experiment.schedule) == "abab" else "A-B"


def _subtitle(view: ExperimentView) -> str:
    if not view.phases:
        return f"{_design_words(view)}, not scheduled yet"
    first, last = view.phases[0].start, view.phases[-1].end
    return f"{_design_words(view)}, {first.isoformat()} to {last.isoformat()}, {view.status.value}"


def _check_range(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ValidationError("from", f"{start} is after --to {end}")


# --- experiment and compare ------------------------------------------------------


def experiment_chart(journal: Journal, experiment_id: int) -> ExperimentChartSpec:
    """Each target metric day by day over the experiment's schedule."""
    view = journal.experiments.view(experiment_id)
    title = view.experiment.title
    phases = view.phases
    if not phases:
        return ExperimentChartSpec(
            experiment_id, title, _subtitle(view), None, None, None, (), (), (), ()
        )
    start, end = phases[0].start, phases[-1].end
    last = min(end, view.counted_until(journal.today()))
    check_ins = {c.date: c for c in journal.check_ins.history(start, last)} if last >= start else {}
    dates = _dates(start, last) if last >= start else []
    short = (end - start).days + 1 <= EXPERIMENT_PATH_MAX_DAYS
    phase_of = {d: p for p in phases for d in _dates(p.start, min(p.end, last)) if p.start <= last}
    labels = {d: p.label for d, p in phase_of.items()}
    series: list[MetricSeries] = []
    for target in _targets(view):
        metric = _target_metric(journal, target)
        days = _day_points(dates, check_ins, metric.name, experiment_id, labels)
        bands: list[PhaseBand] = []
        rolling: list[float | None] = []
        for phase in phases:  # days run day by day from the first phase's start
            in_phase = days[(phase.start - start).days : (phase.end - start).days + 1]
            usable = [p.value for p in in_phase if p.usable and p.value is not None]
            bands.append(
                PhaseBand(
                    phase.label,
                    phase.kind,
                    phase.start,
                    phase.end,
                    statistics.fmean(usable) if usable else None,
                    len(usable),
                )
            )
            rolling.extend(
                rolling_mean(
                    [p.value if p.usable else None for p in in_phase],
                    EXPERIMENT_ROLLING_DAYS if short else EXPERIMENT_LONG_ROLLING_DAYS,
                    EXPERIMENT_ROLLING_MIN if short else EXPERIMENT_LONG_ROLLING_MIN,
                )
            )
        series.append(
            MetricSeries(
                metric.name,
                target.better,
                metric.min_value,
                metric.max_value,
                days,
                tuple(bands),
                tuple(rolling),
            )
        )
    adherence = tuple(
        AdherenceMark(d, mark)
        for d in dates
        if d in phase_of
        and phase_of[d].kind is PhaseKind.TRIAL
        and (c := check_ins.get(d)) is not None
        and (mark := c.adherence.get(experiment_id, Adherence.NOT_DONE))
        is not Adherence.NOT_SCHEDULED
    )
    notes = _day_points(
        [d for d in dates if (c := check_ins.get(d)) and c.note], check_ins, "", experiment_id
    )
    return ExperimentChartSpec(
        experiment_id,
        title,
        _subtitle(view),
        start,
        end,
        last if last >= start else None,
        tuple(PhaseBand(p.label, p.kind, p.start, p.end, None, 0) for p in phases),
        tuple(series),
        adherence,
        notes,
        short,
        EXPERIMENT_ROLLING_DAYS if short else EXPERIMENT_LONG_ROLLING_DAYS,
    )


def compare(
    journal: Journal, experiment_id: int, evaluation: Evaluation | None = None
) -> CompareSpec:
    """Baseline and trial values of each target side by side, with NAP in words."""
    chart = experiment_chart(journal, experiment_id)
    evaluation = evaluation or journal.evaluations.evaluate(experiment_id)
    results: dict[str, MetricResult] = {m.metric: m for m in evaluation.metrics}
    baseline_labels = [p.label for p in chart.phases if p.kind is PhaseKind.BASELINE]
    trial_labels = [p.label for p in chart.phases if p.kind is PhaseKind.TRIAL]
    metrics: list[CompareMetric] = []
    for series in chart.metrics:
        kinds = {p.label: p.kind for p in series.phases}
        baseline = tuple(
            d for d in series.days if d.usable and kinds.get(d.phase) is PhaseKind.BASELINE
        )
        trial = tuple(d for d in series.days if d.usable and kinds.get(d.phase) is PhaseKind.TRIAL)
        result = results.get(series.metric)
        nap = result.nap if result is not None else None
        ci = (
            (nap.ci_low, nap.ci_high)
            if nap is not None and nap.ci_low is not None and nap.ci_high is not None
            else None
        )
        metrics.append(
            CompareMetric(
                series.metric,
                series.better,
                series.min_value,
                series.max_value,
                baseline,
                trial,
                statistics.fmean(d.value for d in baseline if d.value is not None)
                if baseline
                else None,
                statistics.fmean(d.value for d in trial if d.value is not None) if trial else None,
                nap.value if nap is not None else None,
                ci,
                nap_in_words(result) if result is not None else "not enough days to compare",
                result.status if result is not None else "not enough data",
                box_stats([d.value for d in baseline if d.value is not None]),
                box_stats([d.value for d in trial if d.value is not None]),
            )
        )
    return CompareSpec(
        experiment_id,
        chart.title,
        chart.subtitle,
        " + ".join(baseline_labels) or "A",
        " + ".join(trial_labels) or "B",
        tuple(metrics),
    )


# --- trends and the other overviews ---------------------------------------------


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
    _check_range(start, end)
    chosen = [_metric(journal, name) for name in metrics]
    check_ins = {c.date: c for c in journal.check_ins.history(start, end)}
    dates = _dates(start, end)
    weekly = len(dates) > WEEKLY_AFTER_DAYS
    granularity: Literal["day", "week"] = "week" if weekly else "day"
    series: list[TrendSeries] = []
    for metric in chosen:
        days = _day_points(dates, check_ins, metric.name)
        values = [d.value for d in days]
        points = (
            weekly_means(days)
            if weekly
            else tuple(SeriesPoint(d.date, d.value) for d in days if d.value is not None)
        )
        series.append(
            TrendSeries(
                metric.name,
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
    names = " and ".join(m.name.capitalize() if i == 0 else m.name for i, m in enumerate(chosen))
    return TrendSpec(
        f"{names}, {start.isoformat()} to {end.isoformat()}",
        start,
        end,
        granularity,
        tuple(series),
        _bands(journal, start, end),
    )


def calendar(journal: Journal, year: int, metric: str = SATISFACTION) -> CalendarSpec:
    """A year in pixels: 12 rows of 31 cells; a missing day's value is None, 31 April is None."""
    if not 1970 <= year <= 9998:
        raise ValidationError("year", f"{year} is out of range")
    chosen = _metric(journal, metric)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    check_ins = {c.date: c for c in journal.check_ins.history(first, last)}
    dates = _dates(first, last)
    points = dict(zip(dates, _day_points(dates, check_ins, chosen.name), strict=True))
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
        f"{chosen.name.capitalize()} in {year}",
        year,
        chosen.name,
        chosen.better,
        chosen.min_value,
        chosen.max_value,
        tuple(months),
        rated,
    )


def weekday(
    journal: Journal, start: dt.date, end: dt.date, metrics: Iterable[str] | None = None
) -> WeekdaySpec:
    """Each metric's mean and spread by weekday; unusual days are left out."""
    _check_range(start, end)
    chosen = (
        [_metric(journal, name) for name in metrics]
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
                metric.better,
                metric.min_value,
                metric.max_value,
                tuple(weekday_stat(i, values) for i, values in enumerate(by_day)),
            )
        )
    return WeekdaySpec(
        f"By weekday, {start.isoformat()} to {end.isoformat()}", start, end, tuple(series)
    )


def scatter(
    journal: Journal,
    start: dt.date,
    end: dt.date,
    x_metric: str = SATISFACTION,
    y_metric: str = GUILT,
) -> ScatterSpec:
    """One point per day (unusual days left out); older days aggregated when a range is long."""
    _check_range(start, end)
    mx, my = _metric(journal, x_metric), _metric(journal, y_metric)
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
        f"{my.name.capitalize()} against {mx.name}, {start.isoformat()} to {end.isoformat()}",
        start,
        end,
        mx.name,
        my.name,
        mx.better,
        my.better,
        (mx.min_value, mx.max_value),
        (my.min_value, my.max_value),
        tuple(points),
        tuple(ScatterCell(x, y, n) for (x, y), n in sorted(cells.items())),
        fit,
        len(pairs),
    )


# --- the one-page report -------------------------------------------------------------


@dataclass(frozen=True)
class ReportSpec:
    """The words of a one-page experiment report; charts lay them out as PDF or HTML."""

    experiment_id: int
    title: str
    meta: str  # version, status, domains
    intention: str
    shift: str
    hypothesis: str
    schedule: tuple[str, ...]  # the design and each phase's dates
    adherence: str
    results: tuple[str, ...]  # the verdict's reason first, then one line per metric
    caveats: tuple[str, ...]
    decision: str
    made_on: dt.date


def _metric_line(m: MetricResult) -> str:
    better = "higher" if m.improvement == "increase" else "lower"
    line = f"{m.metric.capitalize()} ({better} is better): {STATUS_WORDS[m.status]}"
    if m.baseline_mean is None or m.trial_mean is None or m.difference is None:
        return line + "; not enough rated days to compare."
    line += f"; {m.baseline_mean:.1f} before, {m.trial_mean:.1f} during the trial "
    line += f"({m.difference:+.1f})"
    if m.change is not None:
        line += f"; change {change_in_words(m)}"
    line += f"; {nap_in_words(m)}"
    if m.nap is not None and m.nap.ci_low is not None and m.nap.ci_high is not None:
        line += f" (NAP {m.nap.value:.2f}, 95% CI {m.nap.ci_low:.2f} to {m.nap.ci_high:.2f})"
    return line + f"; {m.n_baseline} baseline and {m.n_trial} trial days."


def report(
    journal: Journal, experiment_id: int, evaluation: Evaluation | None = None
) -> ReportSpec:
    """Everything a one-page report says about an experiment, in plain words."""
    view = journal.experiments.view(experiment_id)
    experiment = view.experiment
    evaluation = evaluation or journal.evaluations.evaluate(experiment_id)
    meta = [f"Version {experiment.version}", f"status: {view.status.value}"]
    if experiment.domains:
        meta.append("touches " + ", ".join(d.value for d in experiment.domains))
    if experiment.parent_id is not None:
        parent = journal.repo.get_experiment(experiment.parent_id)
        if parent is not None:
            meta.append(f"adjusted from “{parent.title}”")
    targets = ", ".join(f"{t.metric} ({t.better} is better)" for t in _targets(view))
    schedule = [f"{_design_words(view)} schedule; targets: {targets}."]
    if view.phases:
        schedule.append(
            "; ".join(
                f"{p.label} ({p.kind.value}) {p.start.isoformat()} to {p.end.isoformat()}, "
                f"{p.days} days"
                for p in view.phases
            )
            + "."
        )
    else:
        schedule.append("Not scheduled yet.")
    if evaluation.adherence is None:
        adherence = "No trial days checked in yet."
    else:
        adherence = (
            f"The change was done on about {round(evaluation.adherence * 100)}% of the trial "
            "days checked in (partly counts half)."
        )
    results = [evaluation.reason]
    results.extend(_metric_line(m) for m in evaluation.metrics)
    results.extend(f"Trade-off: {t}." for t in evaluation.tradeoffs)
    caveats = list(evaluation.caveats)
    if evaluation.design != "ab":
        caveats.insert(
            0,
            "Even a result that repeats is a pattern in your own data, not proof: "
            "other things in your life changed too.",
        )
    if not evaluation.confounders:
        caveats.append("No other experiment was in its trial during these days.")
    closing = view.closing
    if closing is not None:
        decision = (
            f"{DECISION_WORDS[closing.kind]}, decided on {closing.decided_on.isoformat()}. "
            f"Reason: {closing.reason}"
        )
    else:
        decision = (
            f"Not decided yet. The app suggests: {VERDICT_WORDS[evaluation.verdict]}. "
            "You decide; the app records."
        )
    return ReportSpec(
        experiment_id,
        experiment.title,
        ", ".join(meta),
        experiment.intention,
        experiment.shift,
        experiment.hypothesis,
        tuple(schedule),
        adherence,
        tuple(results),
        tuple(caveats),
        decision,
        journal.today(),
    )
