"""How often the decision rule is fooled, and how often it finds a real change.

Run: uv run python -m benchmarks.honesty [--reps N] [--seed S] [--workers W] [--quick]

Simulated daily ratings, our own generator: an AR(1) process with lag-1
autocorrelation phi and marginal standard deviation ``sd`` around a ``level``,
rounded to whole numbers and clipped to 0-10, as people's ratings are. Levels 3,
5 and 7 and spreads (SD) 1, 2 and 3 are mixed in equal shares, so the rule is not
tuned to one kind of series; levels near the ends of the scale give heavy ties.

- No effect: the trial continues the same process. An experiment counts as
  fooled when ``judge`` ever says "improved": once at the planned end, or at any
  daily look from trial day 5 to the end (interim looks, then the final one).
  Both directions: "higher is better" and "lower is better" on the same kind of
  data.
- Power: from the first trial day the level moves by 1.25 marginal standard
  deviations of the daily values (1.25 x ``sd``, before rounding) in the better
  direction; how often "improved" is said at the planned end.

``judge`` itself is called (pure Python); numpy only makes the series. Work is
split over ``--workers`` processes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import product

import numpy as np

from wlitracker.core.services.evaluation import judge
from wlitracker.core.stats.decision_rule import MIN_DAYS_PER_PHASE
from wlitracker.core.stats.effect_sizes import Improvement

LEVELS = (3.0, 5.0, 7.0)
SPREADS = (1.0, 2.0, 3.0)
PHIS = (0.0, 0.3, 0.6, 0.8)
DESIGNS = ((7, 14), (14, 14), (21, 28))
POWER_ROWS = (((14, 14), 0.0, 0.60), ((14, 14), 0.5, 0.45), ((28, 28), 0.5, 0.75))
SHIFT_SD = 1.25
NO_EFFECT_LIMIT = 0.05
DIRECTIONS: tuple[Improvement, ...] = ("increase", "decrease")


def ratings(
    rng: np.random.Generator,
    reps: int,
    days: int,
    phi: float,
    level: float,
    sd: float,
    shift_from: int | None = None,
    shift: float = 0.0,
) -> np.ndarray:
    """``reps`` series of ``days`` ratings: AR(1), rounded, clipped to 0-10.

    The process starts in its stationary distribution, so the first day is
    like any other. ``shift`` (in rating points) is added from day ``shift_from``.
    """
    noise = rng.standard_normal((reps, days))
    z = np.empty((reps, days))
    z[:, 0] = noise[:, 0]
    scale = np.sqrt(1.0 - phi * phi)
    for t in range(1, days):
        z[:, t] = phi * z[:, t - 1] + scale * noise[:, t]
    latent = level + sd * z
    if shift_from is not None:
        latent[:, shift_from:] += shift
    return np.clip(np.rint(latent), 0, 10)


@dataclass(frozen=True)
class Task:
    design: tuple[int, int]
    phi: float
    direction: Improvement
    level: float
    sd: float
    reps: int
    seed: int
    shift_sd: float = 0.0  # 0: no effect, daily looks; else final look only


@dataclass(frozen=True)
class Outcome:
    task: Task
    at_end: int  # experiments with "improved" at the planned end
    ever: int  # ... at any daily look from trial day 5


def run_task(task: Task) -> Outcome:
    baseline_days, trial_days = task.design
    rng = np.random.default_rng(task.seed)
    sign = 1.0 if task.direction == "increase" else -1.0
    series = ratings(
        rng,
        task.reps,
        baseline_days + trial_days,
        task.phi,
        task.level,
        task.sd,
        shift_from=baseline_days,
        shift=sign * task.shift_sd * task.sd,
    )
    at_end = ever = 0
    for row in series.tolist():
        baseline, trial = row[:baseline_days], row[baseline_days:]
        final = judge(baseline, trial, improvement=task.direction, planned_trial_days=None)
        fooled = final == "improved"
        at_end += fooled
        if task.shift_sd == 0.0 and not fooled:
            for day in range(MIN_DAYS_PER_PHASE, trial_days):
                look = judge(
                    baseline,
                    trial[:day],
                    improvement=task.direction,
                    planned_trial_days=trial_days,
                )
                if look == "improved":
                    fooled = True
                    break
        ever += fooled
    return Outcome(task, at_end, ever)


def _mixes(reps: int) -> Iterator[tuple[float, float, int]]:
    """Levels and spreads in equal shares; ``reps`` spread over them as evenly as can be."""
    mixes = list(product(LEVELS, SPREADS))
    for i, (level, sd) in enumerate(mixes):
        yield level, sd, reps // len(mixes) + (1 if i < reps % len(mixes) else 0)


def tasks(reps: int, seed: int) -> list[Task]:
    out: list[Task] = []
    counter = 0
    for design, phi, direction in product(DESIGNS, PHIS, DIRECTIONS):
        for level, sd, n in _mixes(reps):
            counter += 1
            out.append(Task(design, phi, direction, level, sd, n, seed * 100_003 + counter))
    power_cells = {(design, phi) for design in DESIGNS for phi in (0.0, 0.5)}
    power_cells |= {(design, phi) for design, phi, _ in POWER_ROWS}
    for (design, phi), direction in product(sorted(power_cells), DIRECTIONS):
        for level, sd, n in _mixes(reps):
            counter += 1
            task = Task(design, phi, direction, level, sd, n, seed * 100_003 + counter, SHIFT_SD)
            out.append(task)
    return out


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{100 * self.share:.1f}%"


def _rate(outcomes: Sequence[Outcome], attr: str) -> Rate:
    return Rate(sum(getattr(o, attr) for o in outcomes), sum(o.task.reps for o in outcomes))


@dataclass(frozen=True)
class Results:
    outcomes: tuple[Outcome, ...]

    def select(self, **want: object) -> list[Outcome]:
        return [o for o in self.outcomes if all(getattr(o.task, k) == v for k, v in want.items())]

    def no_effect(self, design: tuple[int, int], phi: float, direction: str, look: str) -> Rate:
        chosen = self.select(design=design, phi=phi, direction=direction, shift_sd=0.0)
        return _rate(chosen, "at_end" if look == "end" else "ever")

    def power(self, design: tuple[int, int], phi: float, direction: str | None = None) -> Rate:
        chosen = self.select(design=design, phi=phi, shift_sd=SHIFT_SD)
        if direction is not None:
            chosen = [o for o in chosen if o.task.direction == direction]
        return _rate(chosen, "at_end")

    def worst_no_effect(self, max_phi: float = 0.6) -> Rate:
        rates = [
            self.no_effect(design, phi, direction, look)
            for design, phi, direction, look in product(DESIGNS, PHIS, DIRECTIONS, ("end", "daily"))
            if phi <= max_phi
        ]
        return max(rates, key=lambda r: r.share)


def simulate(reps: int, seed: int, workers: int) -> Results:
    work = tasks(reps, seed)
    if workers <= 1:
        return Results(tuple(run_task(t) for t in work))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return Results(tuple(pool.map(run_task, work, chunksize=1)))


def _design_name(design: tuple[int, int]) -> str:
    return f"{design[0]}+{design[1]}"


def report(results: Results, reps: int) -> str:
    lines = [
        f"No effect: share of experiments in which judge ever says 'improved' "
        f"({reps} per cell; limit {100 * NO_EFFECT_LIMIT:.0f}% for phi up to 0.6)",
        "",
        "| days (baseline+trial) | phi | at the planned end (higher / lower is better) "
        "| every day from trial day 5 (higher / lower) |",
        "|---|---|---|---|",
    ]
    for design, phi in product(DESIGNS, PHIS):
        end = " / ".join(str(results.no_effect(design, phi, d, "end")) for d in DIRECTIONS)
        daily = " / ".join(str(results.no_effect(design, phi, d, "daily")) for d in DIRECTIONS)
        lines.append(f"| {_design_name(design)} | {phi:.1f} | {end} | {daily} |")
    worst = results.worst_no_effect()
    lines += [
        "",
        f"Worst cell with phi up to 0.6: {worst} "
        f"({'within' if worst.share <= NO_EFFECT_LIMIT else 'OVER'} the limit)",
        "",
        f"Power: a true shift of {SHIFT_SD} SD (marginal SD of the daily values) found as "
        "'improved' at the planned end",
        "",
        "| days (baseline+trial) | phi | found (higher / lower is better) | both | target |",
        "|---|---|---|---|---|",
    ]
    targets = {(design, phi): target for design, phi, target in POWER_ROWS}
    cells = sorted({(o.task.design, o.task.phi) for o in results.select(shift_sd=SHIFT_SD)})
    for design, phi in cells:
        split = " / ".join(str(results.power(design, phi, d)) for d in DIRECTIONS)
        both = results.power(design, phi)
        target = targets.get((design, phi))
        mark = ""
        if target is not None:
            mark = f">= {100 * target:.0f}% ({'met' if both.share >= target else 'MISSED'})"
        lines.append(f"| {_design_name(design)} | {phi:.1f} | {split} | {both} | {mark} |")
    return "\n".join(lines)


def judge_ms(calls: int = 2000) -> float:
    """Median time of one ``judge`` call on 28 + 28 days, in milliseconds (budget: 2 ms)."""
    rng = np.random.default_rng(28)
    rows = ratings(rng, 20, 56, 0.5, 5.0, 2.0, shift_from=28, shift=1.0).tolist()
    per_row = max(1, calls // len(rows))
    samples = []
    for row in rows:
        started = time.perf_counter()
        for _ in range(per_row):
            judge(row[:28], row[28:], improvement="increase")
        samples.append((time.perf_counter() - started) * 1000 / per_row)
    return float(np.median(samples))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=900, help="experiments per cell and direction")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="few repetitions, for a smoke run")
    args = parser.parse_args(argv)
    reps = 36 if args.quick else args.reps
    started = time.perf_counter()
    results = simulate(reps, args.seed, args.workers)
    elapsed = time.perf_counter() - started
    print(report(results, reps))
    print(f"\njudge on 28 + 28 days: {judge_ms():.2f} ms per call (budget 2 ms)")
    print(f"({elapsed:.0f} s, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
