"""How long to plan an experiment, from the person's own recent days.

With at least ``MIN_HISTORY_DAYS`` rated days of the main target in the last
``HISTORY_DAYS``, their spread and their autocorrelation (how much a day
resembles the day before) say how many days are needed to notice a change of a
given size. The answer comes from simulating experiments like theirs: series
with the same level, spread and autocorrelation, rounded and clipped to the
metric's scale, with the change added from the first trial day, judged by the
decision rule itself at the planned end. The shortest length (baseline and
trial alike) at which the rule finds the change ``TARGET_POWER`` of the time
is offered, up to six weeks. With less history the usual 14 + 14 days stay.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .decision_rule import judge
from .effect_sizes import Improvement

HISTORY_DAYS = 90
MIN_HISTORY_DAYS = 28
TARGET_POWER = 0.8
DEFAULT_DAYS = 14
MAX_DAYS = 42  # six weeks: longer trials are rarely kept up
CANDIDATE_DAYS = (7, 10, 14, 21, 28, 35, 42)
SIMULATIONS = 200
_SEED = 14


@dataclass(frozen=True)
class LengthAdvice:
    """Days for the baseline and for the trial, and why, in plain words."""

    days: int
    change: float
    rated_days: int
    from_history: bool
    spread: float | None = None
    autocorrelation: float | None = None
    chance: float | None = None  # how often the rule finds the change with ``days`` + ``days``
    text: str = ""


def _autocorrelation(history: Sequence[float | None], mean: float) -> float:
    """Lag-1 autocorrelation over pairs of consecutive rated days, bias-corrected, in [0, 0.9]."""
    pairs = [(a, b) for a, b in itertools.pairwise(history) if a is not None and b is not None]
    values = [v for v in history if v is not None]
    spread = math.fsum((v - mean) ** 2 for v in values) / len(values)
    if len(pairs) < 10 or spread <= 0:
        return 0.0
    raw = math.fsum((a - mean) * (b - mean) for a, b in pairs) / len(pairs) / spread
    corrected = raw + (1.0 + 3.0 * raw) / len(values)  # Kendall's bias of the plain estimate
    return min(0.9, max(0.0, corrected))


def chance_of_finding(
    days: int,
    change: float,
    level: float,
    spread: float,
    rho: float,
    lowest: int,
    highest: int,
    improvement: Improvement,
    simulations: int = SIMULATIONS,
) -> float:
    """Share of simulated ``days`` + ``days`` experiments in which ``judge`` says "improved"."""
    rng = random.Random(_SEED * 1000 + days)
    sign = 1.0 if improvement == "increase" else -1.0
    scale = math.sqrt(1.0 - rho * rho)
    found = 0
    for _ in range(simulations):
        z = rng.gauss(0.0, 1.0)
        values: list[float] = []
        for t in range(2 * days):
            if t:
                z = rho * z + scale * rng.gauss(0.0, 1.0)
            latent = level + spread * z + (sign * change if t >= days else 0.0)
            values.append(float(min(highest, max(lowest, round(latent)))))
        found += judge(values[:days], values[days:], improvement=improvement) == "improved"
    return found / simulations


def advise_length(
    metric: str,
    history: Sequence[float | None],
    improvement: Improvement,
    lowest: int,
    highest: int,
    change: float = 1.0,
) -> LengthAdvice:
    """Advice for an experiment on ``metric``; ``history``: its last days, None where not rated."""
    if change <= 0:
        raise ValueError(f"the change to notice must be positive, got {change!r}")
    values = [v for v in history if v is not None]
    size = f"{change:g} point{'' if change == 1 else 's'}"
    if len(values) < MIN_HISTORY_DAYS:
        return LengthAdvice(
            DEFAULT_DAYS,
            change,
            len(values),
            from_history=False,
            text=(
                f"Plan {DEFAULT_DAYS} baseline and {DEFAULT_DAYS} trial days: {metric} has "
                f"{len(values)} rated day{'s' if len(values) != 1 else ''} in the last "
                f"{HISTORY_DAYS}, and {MIN_HISTORY_DAYS} are needed to size the experiment "
                "from your own days."
            ),
        )
    level = statistics.fmean(values)
    # Never below rounding noise: a series of identical ratings is not perfectly steady.
    spread = max(statistics.pstdev(values), math.sqrt(1.0 / 12.0))
    rho = _autocorrelation(history, level)
    chance = 0.0
    days = MAX_DAYS
    for candidate in CANDIDATE_DAYS:
        chance = chance_of_finding(
            candidate, change, level, spread, rho, lowest, highest, improvement
        )
        if chance >= TARGET_POWER:
            days = candidate
            break
    about = (
        f"Over the last {HISTORY_DAYS} days ({len(values)} rated) your {metric} varied by about "
        f"{spread:.1f} points from day to day, and a day resembled the day before "
        f"(autocorrelation about {rho:.1f})."
    )
    if chance >= TARGET_POWER:
        text = (
            f"{about} To notice a change of {size} {round(TARGET_POWER * 5)} times in 5, plan "
            f"{days} baseline and {days} trial days."
        )
    else:
        text = (
            f"{about} A change of {size} is hard to see in days like these: even {MAX_DAYS} "
            f"baseline and {MAX_DAYS} trial days would show it only {round(chance * 100)}% of "
            "the time. A bigger change is easier to notice."
        )
    return LengthAdvice(days, change, len(values), True, spread, rho, chance, text)
