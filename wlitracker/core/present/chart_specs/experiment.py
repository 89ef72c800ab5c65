"""The experiment chart: each target metric day by day over the schedule's phases."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from ... import schedules
from ...model.entities import Adherence, Better, Metric, PhaseKind, Target, metric_label
from ...model.errors import NotFoundError
from ...services.evaluation import DEFAULT_TARGETS
from ...services.experiments import ExperimentView
from ...services.journal import Journal
from .days import DayPoint, dates_between, day_points, metric_named, rolling_mean

EXPERIMENT_ROLLING_DAYS = 7  # rolling mean in the experiment chart, restarted in each phase
EXPERIMENT_ROLLING_MIN = 3
EXPERIMENT_PATH_MAX_DAYS = 120  # longer experiments: no day-to-day line, a 28-day mean
EXPERIMENT_LONG_ROLLING_DAYS = 28
EXPERIMENT_LONG_ROLLING_MIN = 10


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
    label: str  # the metric as people read it (``metric_label``)
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


def _target_metric(journal: Journal, target: Target) -> Metric:
    try:
        return metric_named(journal, target.metric)
    except NotFoundError:  # a target whose metric has gone: keep drawing on a 0-10 scale
        return Metric(target.metric, 0, 10, target.better)


def targets_of(view: ExperimentView) -> tuple[Target, ...]:
    """The metrics an experiment is judged on (satisfaction and guilt unless it names others)."""
    return view.experiment.targets or DEFAULT_TARGETS


def design_words(view: ExperimentView) -> str:
    """The schedule's design as people write it."""
    return "A-B-A-B" if schedules.design_of(view.experiment.schedule) == "abab" else "A-B"


def _subtitle(view: ExperimentView) -> str:
    if not view.phases:
        return f"{design_words(view)}, not scheduled yet"
    first, last = view.phases[0].start, view.phases[-1].end
    return f"{design_words(view)}, {first.isoformat()} to {last.isoformat()}, {view.status.value}"


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
    dates = dates_between(start, last) if last >= start else []
    short = (end - start).days + 1 <= EXPERIMENT_PATH_MAX_DAYS
    phase_of = {
        d: p for p in phases if p.start <= last for d in dates_between(p.start, min(p.end, last))
    }
    labels = {d: p.label for d, p in phase_of.items()}
    series: list[MetricSeries] = []
    for target in targets_of(view):
        metric = _target_metric(journal, target)
        days = day_points(dates, check_ins, metric.name, experiment_id, labels)
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
                metric_label(metric),
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
    notes = day_points(
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
