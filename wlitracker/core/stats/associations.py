"""Associations: how a metric differs on the days with a factor and the days without it.

A factor is anything that is there on some days and not on others (a tag, an
experiment done, another metric high). Days resemble their neighbours, and a
factor often comes in runs (a routine kept for weeks), so a plain t interval
would be far too sure of itself. The comparison is therefore the decision
rule's own model (``decision_rule.assess_series``) with the factor as the
regressor: a level difference with AR(1) errors, the autocorrelation integrated
out. One model, in one place, for "did it improve" and "what goes with it".

Many factors are tested against many metrics, so some would look strong by
chance alone. The q-values of Benjamini and Hochberg control the share of false
discoveries among the factors called strong (``benjamini_hochberg``).

Pure Python, like the rest of the core; the error rates are simulated in
``benchmarks/associations.py`` and written down in docs/insights.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .decision_rule import assess_series

MIN_DAYS_EACH_SIDE = 10  # fewer days with (or without) a factor: not tested
STRONG_Q = 0.05  # a q-value at or below this is called a strong association


@dataclass(frozen=True)
class Comparison:
    """One metric on the days with a factor against the days without it.

    ``difference`` is the model's estimate of (with) minus (without) in the metric's
    own units, with its 95% interval; ``mean_with`` and ``mean_without`` are the
    plain averages, for reading beside it. ``p_value`` is two-sided.
    """

    difference: float
    ci_low: float
    ci_high: float
    days_with: int
    days_without: int
    mean_with: float
    mean_without: float
    p_value: float
    autocorrelation: float


def compare(values: Sequence[float], with_factor: Sequence[bool]) -> Comparison:
    """The comparison for daily ``values`` in date order, ``with_factor`` marking each day.

    Raises ``ValueError`` with fewer than ``MIN_DAYS_EACH_SIDE`` days on either side.
    """
    if len(values) != len(with_factor):
        raise ValueError("values and with_factor must be as long as each other")
    days_with = sum(1 for flag in with_factor if flag)
    days_without = len(values) - days_with
    if min(days_with, days_without) < MIN_DAYS_EACH_SIDE:
        raise ValueError(
            f"a factor needs {MIN_DAYS_EACH_SIDE} days with it and {MIN_DAYS_EACH_SIDE} without"
        )
    assessment = assess_series(values, with_factor, "increase")
    one_sided = assessment.p_not_better
    with_total = math.fsum(v for v, flag in zip(values, with_factor, strict=True) if flag)
    without_total = math.fsum(v for v, flag in zip(values, with_factor, strict=True) if not flag)
    return Comparison(
        difference=assessment.change,
        ci_low=assessment.ci_low,
        ci_high=assessment.ci_high,
        days_with=days_with,
        days_without=days_without,
        mean_with=with_total / days_with,
        mean_without=without_total / days_without,
        p_value=min(1.0, 2.0 * min(one_sided, 1.0 - one_sided)),
        autocorrelation=assessment.autocorrelation,
    )


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """The q-value of each p-value, in the order given (as scipy's false_discovery_control).

    q_(j) = min over k >= j of m p_(k) / k for the p-values sorted ascending, at most 1:
    calling every factor with q <= 0.05 strong keeps the expected share of false ones
    among them at or below 5% (for independent or positively dependent tests).
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        q[index] = min(1.0, running)
    return q
