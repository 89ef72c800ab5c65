"""One measured figure with its reference and budget, as ``results.json`` stores it.

Every figure that has a budget is compared with something measured in the same run on the
same machine (a ratio), or with a fixed limit a person notices (an absolute budget): a shared
machine runs the same code at different speeds from minute to minute, and a ratio moves less.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    """``key`` is stable from run to run (README's table and the budgets look it up)."""

    key: str
    label: str
    value: float
    unit: str = "ms"
    low: float | None = None
    high: float | None = None
    reference: float | None = None
    reference_label: str = ""
    ratio: float | None = None
    budget: str = ""
    met: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def spread(samples: Sequence[float]) -> tuple[float, float, float]:
    return statistics.median(samples), min(samples), max(samples)


def plain(key: str, label: str, samples: Sequence[float], unit: str = "ms") -> Result:
    """A figure without a budget: a reference, or a figure reported for context."""
    value, low, high = spread(samples)
    return Result(key, label, value, unit, low, high)


def compared(
    key: str, label: str, samples: Sequence[float], reference: Sequence[float], reference_label: str
) -> Result:
    """A ratio reported for context, without a budget (what a floor costs, say)."""
    value, low, high = spread(samples)
    base = statistics.median(reference)
    return Result(key, label, value, "ms", low, high, base, reference_label, value / base)


def within_ratio(
    key: str,
    label: str,
    samples: Sequence[float],
    reference: Sequence[float],
    reference_label: str,
    limit: float,
    unit: str = "ms",
    absolute_limit: float | None = None,
) -> Result:
    """Met when median / reference median <= ``limit`` (and under ``absolute_limit`` if given)."""
    value, low, high = spread(samples)
    base = statistics.median(reference)
    ratio = value / base if base else float("inf")
    met = ratio <= limit and (absolute_limit is None or value < absolute_limit)
    budget = f"<= {limit:g}x"
    if absolute_limit is not None:
        budget += f" and < {absolute_limit:g} {unit}"
    return Result(key, label, value, unit, low, high, base, reference_label, ratio, budget, met)


def under(key: str, label: str, samples: Sequence[float], limit: float, unit: str = "ms") -> Result:
    """Met when the median is under a fixed limit (what a person notices, not a ratio)."""
    value, low, high = spread(samples)
    return Result(
        key, label, value, unit, low, high, budget=f"< {limit:g} {unit}", met=value < limit
    )
