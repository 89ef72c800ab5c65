"""The before-and-after chart: each target's baseline and trial days side by side."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ...model.entities import Better, PhaseKind
from ...services.evaluation import Evaluation, MetricResult, nap_in_words
from ...services.journal import Journal
from .days import DayPoint
from .experiment import experiment_chart


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
    label: str  # the metric as people read it (``metric_label``)
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
                series.label,
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
