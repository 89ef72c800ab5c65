"""Timing helpers shared by the benchmarks: a warm-up, then median, min and max."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured quantity in milliseconds (or another unit), with its budget."""

    name: str
    median: float
    low: float
    high: float
    unit: str = "ms"
    budget: str = ""
    reference: str = ""
    ok: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def time_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def pace_ms() -> float:
    """How long a fixed pure-Python loop takes now: on a shared machine this changes
    from minute to minute, and every other figure of the run changes with it."""
    started = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i * i
    return (time.perf_counter() - started) * 1000


def figure(name: str, samples: list[float], **extra: Any) -> Figure:
    return Figure(name, statistics.median(samples), min(samples), max(samples), **extra)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def table(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures) + 2
    lines = [f"{'':<{width}}{'median':>10}{'min':>10}{'max':>10}  budget"]
    for f in figures:
        verdict = "" if f.ok is None else ("  ok" if f.ok else "  MISSED")
        lines.append(
            f"{f.name:<{width}}{f.median:>8.1f}{f.unit:<2}{f.low:>8.1f}{f.unit:<2}"
            f"{f.high:>8.1f}{f.unit:<2}  {f.budget}{verdict}"
        )
    return "\n".join(lines)
