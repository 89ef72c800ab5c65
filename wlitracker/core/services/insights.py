"""What goes with my good days: every factor against every metric, corrected for how many.

A factor is one of:

- a **tag**: the days tagged with it, against the other check-in days;
- an experiment's **adherence**: the days marked done or partly, against the days
  marked not done (days not scheduled, or not marked, are left out);
- a custom **metric**: for a yes/no metric (a scale of two values) the yes days, for
  any other the days above its own median over the range, against the days at or
  below it. A metric is never tested against itself.

Each factor is compared on satisfaction, guilt and every other metric (archived ones
left out), over the usual days of the range (unusual days are left out, as in the
evaluation). A pair is tested only with ``MIN_DAYS_EACH_SIDE`` days on each side;
the q-values (Benjamini-Hochberg) are over every pair tested.

The work is split so that the window can do the slow part off its GUI thread:
``gather`` turns check-ins already read into plain data (fast), ``compute`` does the
statistics on that data alone (no journal, no repository: safe in another thread).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model.entities import Adherence, CheckIn, Experiment, Metric, metric_label
from ..model.errors import ValidationError
from ..stats.associations import (
    MIN_DAYS_EACH_SIDE,
    STRONG_Q,
    Comparison,
    benjamini_hochberg,
    compare,
)
from .context import Context

FactorKind = Literal["tag", "adherence", "metric"]
FACTOR_KINDS: tuple[FactorKind, ...] = ("tag", "adherence", "metric")

__all__ = [
    "FACTOR_KINDS",
    "MIN_DAYS_EACH_SIDE",
    "STRONG_Q",
    "Factor",
    "FactorKind",
    "Insight",
    "InsightData",
    "InsightService",
    "Insights",
    "compute",
    "gather",
]


@dataclass(frozen=True)
class Factor:
    """Something present on some days and absent on others.

    ``days`` maps each day that counts to whether the factor was there; a day it
    says nothing about (an experiment not scheduled, a metric not rated) is absent.
    ``threshold`` is the median a metric factor was split at (None otherwise).
    ``label``: the factor as people read it (a metric's ``metric_label``), else ``name``.
    """

    kind: FactorKind
    name: str  # the tag, the experiment's title, the metric's name
    days: Mapping[dt.date, bool]
    experiment_id: int | None = None
    metric: str | None = None  # a metric factor's metric
    threshold: float | None = None
    yes_no: bool = False  # a metric factor on a yes/no scale
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name)

    @property
    def key(self) -> str:
        """Unique among the factors of one journal: ``tag:gym``, ``adherence:3``."""
        if self.kind == "adherence":
            return f"adherence:{self.experiment_id}"
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class InsightData:
    """Everything ``compute`` needs, as plain values read once."""

    start: dt.date
    end: dt.date
    outcomes: tuple[Metric, ...]  # the metrics compared
    series: Mapping[str, tuple[tuple[dt.date, float], ...]]  # by metric: usual days, in order
    factors: tuple[Factor, ...]


@dataclass(frozen=True)
class Insight:
    """One factor against one metric, with its place among everything tested."""

    factor: Factor
    metric: Metric
    comparison: Comparison
    q_value: float

    @property
    def difference(self) -> float:
        return self.comparison.difference

    @property
    def strong(self) -> bool:
        return self.q_value <= STRONG_Q

    @property
    def better_with(self) -> bool:
        """Whether the metric was better (by its own direction) on the days with the factor."""
        difference = self.comparison.difference
        return difference > 0 if self.metric.better == "higher" else difference < 0

    @property
    def size(self) -> float:
        """The difference as a share of the metric's scale, for ranking ties."""
        span = self.metric.max_value - self.metric.min_value
        return abs(self.comparison.difference) / span if span else 0.0


@dataclass(frozen=True)
class Insights:
    """Every pair tested, strongest first, and how many factors were too rare to test."""

    start: dt.date
    end: dt.date
    items: tuple[Insight, ...]
    factors: int  # factors found in the range
    untested: int  # factor-metric pairs with too few days on a side

    @property
    def tested(self) -> int:
        return len(self.items)

    @property
    def strong(self) -> tuple[Insight, ...]:
        return tuple(i for i in self.items if i.strong)

    def for_metric(self, metric: str | None) -> tuple[Insight, ...]:
        """The pairs of one metric (q-values stay those over everything tested)."""
        if metric is None:
            return self.items
        return tuple(i for i in self.items if i.metric.name == metric)


def _yes_no(metric: Metric) -> bool:
    return metric.max_value - metric.min_value == 1


def gather(
    check_ins: Iterable[CheckIn],
    metrics: Sequence[Metric],
    experiments: Sequence[Experiment],
    start: dt.date,
    end: dt.date,
) -> InsightData:
    """The factors and the metrics' series of the usual days from ``start`` to ``end``."""
    usual = sorted(
        (c for c in check_ins if start <= c.date <= end and not c.is_unusual),
        key=lambda c: c.date,
    )
    outcomes = tuple(m for m in metrics if not m.archived)
    series = {
        m.name: tuple((c.date, float(c.ratings[m.name])) for c in usual if m.name in c.ratings)
        for m in outcomes
    }
    factors: list[Factor] = []
    for tag in sorted({tag for c in usual for tag in c.tags}):
        factors.append(Factor("tag", tag, {c.date: tag in c.tags for c in usual}))
    for experiment in experiments:
        if experiment.id is None:
            continue
        marks: dict[dt.date, bool] = {}
        for c in usual:
            mark = c.adherence.get(experiment.id)
            if mark in (Adherence.DONE, Adherence.PARTLY):
                marks[c.date] = True
            elif mark is Adherence.NOT_DONE:
                marks[c.date] = False
        if marks:
            factors.append(
                Factor("adherence", experiment.title, marks, experiment_id=experiment.id)
            )
    for metric in outcomes:
        if metric.builtin or not series[metric.name]:
            continue
        values = [value for _, value in series[metric.name]]
        yes_no = _yes_no(metric)
        threshold = float(metric.min_value) if yes_no else float(statistics.median(values))
        factors.append(
            Factor(
                "metric",
                metric.name,
                {day: value > threshold for day, value in series[metric.name]},
                metric=metric.name,
                threshold=threshold,
                yes_no=yes_no,
                label=metric_label(metric),
            )
        )
    return InsightData(start, end, outcomes, series, tuple(factors))


def compute(data: InsightData) -> Insights:
    """Every factor against every metric, with q-values over everything tested.

    Strongest first: by q-value, then p-value, then the size of the difference on
    the metric's scale. Pure: reads nothing but ``data``.
    """
    tested: list[tuple[Factor, Metric, Comparison]] = []
    untested = 0
    for factor in data.factors:
        for metric in data.outcomes:
            if factor.metric == metric.name:
                continue  # a metric against itself says nothing
            values: list[float] = []
            flags: list[bool] = []
            for day, value in data.series[metric.name]:
                present = factor.days.get(day)
                if present is not None:
                    values.append(value)
                    flags.append(present)
            with_days = sum(flags)
            if min(with_days, len(flags) - with_days) < MIN_DAYS_EACH_SIDE:
                untested += 1
                continue
            tested.append((factor, metric, compare(values, flags)))
    q_values = benjamini_hochberg([comparison.p_value for _, _, comparison in tested])
    items = [
        Insight(factor, metric, comparison, q)
        for (factor, metric, comparison), q in zip(tested, q_values, strict=True)
    ]
    items.sort(
        key=lambda i: (
            i.q_value,
            i.comparison.p_value,
            -i.size,
            i.factor.key,
            i.metric.name,
        )
    )
    return Insights(data.start, data.end, tuple(items), len(data.factors), untested)


class InsightService:
    """The associations of a range of days, read through the repository."""

    def __init__(self, context: Context) -> None:
        self._ctx = context

    def data(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        check_ins: Iterable[CheckIn] | None = None,
    ) -> InsightData:
        """The plain data of ``start`` to ``end`` (default: the first check-in to today).

        ``check_ins`` already read for that range (the Trends page has them) are used
        instead of reading them again.
        """
        repo = self._ctx.repo
        end = end or self._ctx.today()
        if start is not None and start > end:
            raise ValidationError("from", f"{start} is after the last day asked for, {end}")
        days = list(check_ins) if check_ins is not None else repo.list_check_ins(start, end)
        if start is None:
            start = min((c.date for c in days), default=end)
        return gather(days, repo.list_metrics(), repo.list_experiments(), start, end)

    def insights(self, start: dt.date | None = None, end: dt.date | None = None) -> Insights:
        return compute(self.data(start, end))
