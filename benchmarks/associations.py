"""How often "what goes with my good days" flags a factor with no real link, and finds a real one.

Run: uv run python -m benchmarks.associations [--reps N] [--seed S] [--workers W] [--quick]

Simulated journals, our own generator, run through the app's own code
(``insights.gather`` and ``insights.compute``, the window's and the command line's path):

- three outcome metrics (satisfaction, guilt, one custom "energy"), each an AR(1)
  series with lag-1 autocorrelation ``phi`` around a level with a spread, rounded and
  clipped to 0-10, independent of everything else;
- six factors: four tags drawn afresh each day (on 15%, 25%, 35% and 45% of days),
  and two routines kept in runs (on and off for a week or two at a time, marked done
  or not done every day), plus "energy" itself as a metric factor (split at its
  median) for the other two outcomes;
- 20 factor-metric pairs in all, every one without a real link.

Counted, per cell of (phi, level and spread, days): the share of pairs with p < 0.05
(uncorrected), of pairs with q <= 0.05, and of journals with *any* pair q <= 0.05
(without real links every strong association is a false one, so that is the false
discovery rate). With a known link (satisfaction 0.8 standard deviations higher on the
days of the 25% tag, or on the days a routine was kept) the share of journals in which
that pair is found strong (power), and the share of strong pairs that are false.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from wlitracker.core.model.entities import Adherence, CheckIn, Experiment, Metric, Schedule
from wlitracker.core.model.repository import BUILTIN_METRICS
from wlitracker.core.services.insights import compute, gather
from wlitracker.core.stats.associations import STRONG_Q

PHIS = (0.0, 0.3, 0.6, 0.8)
SHAPES = ((5.0, 2.0), (7.5, 1.5), (2.5, 1.0))  # (level, spread): middle, high, low
DAYS = (90, 365)
TAG_SHARES = (0.15, 0.25, 0.35, 0.45)
LINK_SD = 0.8
FIRST = dt.date(2024, 1, 1)
ENERGY = Metric("energy", 0, 10, "higher", id=3)
METRICS = (*BUILTIN_METRICS, ENERGY)
ROUTINES = (
    Experiment("Walk at lunch", Schedule((), FIRST), kind="routine", id=1),
    Experiment("No email after 9", Schedule((), FIRST), kind="routine", id=2),
)


def ar1(rng: random.Random, days: int, phi: float, level: float, spread: float) -> list[float]:
    """An AR(1) series with marginal SD ``spread`` (before rounding), not yet clipped."""
    innovation = spread * (1.0 - phi * phi) ** 0.5
    value = rng.gauss(0.0, spread)
    out = []
    for _ in range(days):
        out.append(level + value)
        value = phi * value + rng.gauss(0.0, innovation)
    return out


def rating(value: float) -> int:
    return max(0, min(10, round(value)))


def runs(rng: random.Random, days: int) -> list[bool]:
    """On and off in runs: each run lasts 7 to 14 days."""
    out: list[bool] = []
    state = rng.random() < 0.5
    while len(out) < days:
        out += [state] * rng.randint(7, 14)
        state = not state
    return out[:days]


def journal(
    rng: random.Random, days: int, phi: float, level: float, spread: float, link: str | None
) -> list[CheckIn]:
    """One simulated journal; ``link`` plants a real one: "tag" or "routine" (or None)."""
    tags = [[rng.random() < share for _ in range(days)] for share in TAG_SHARES]
    kept = [runs(rng, days) for _ in ROUTINES]
    series = {m.name: ar1(rng, days, phi, level, spread) for m in METRICS}
    if link is not None:
        present = tags[1] if link == "tag" else kept[0]
        series["satisfaction"] = [
            v + (LINK_SD * spread if on else 0.0)
            for v, on in zip(series["satisfaction"], present, strict=True)
        ]
    check_ins = []
    for t in range(days):
        check_ins.append(
            CheckIn(
                FIRST + dt.timedelta(days=t),
                ratings={name: rating(values[t]) for name, values in series.items()},
                adherence={
                    r.id or 0: Adherence.DONE if kept[i][t] else Adherence.NOT_DONE
                    for i, r in enumerate(ROUTINES)
                },
                tags=tuple(f"tag {i + 1}" for i, on in enumerate(tags) if on[t]),
            )
        )
    return check_ins


LINKED = {"tag": ("tag:tag 2", "satisfaction"), "routine": ("adherence:1", "satisfaction")}


@dataclass(frozen=True)
class Cell:
    phi: float
    level: float
    spread: float
    days: int
    link: str | None = None


@dataclass(frozen=True)
class Tally:
    """What one cell's journals showed."""

    cell: Cell
    journals: int
    pairs: int
    p_below: int  # pairs with p < 0.05
    strong: int  # pairs with q <= 0.05 (false ones only, in a cell with a link)
    journals_flagged: int  # journals with at least one false strong pair
    found: int  # journals in which the planted link was strong

    def share(self, count: int, of: int) -> float:
        return count / of if of else 0.0


def run_cell(cell: Cell, reps: int, seed: int) -> Tally:
    rng = random.Random(f"{seed}-{cell}")
    last = FIRST + dt.timedelta(days=cell.days - 1)
    pairs = p_below = strong = flagged = found = 0
    for _ in range(reps):
        days = journal(rng, cell.days, cell.phi, cell.level, cell.spread, cell.link)
        result = compute(gather(days, METRICS, ROUTINES, FIRST, last))
        linked = LINKED.get(cell.link or "")
        false_strong = 0
        for item in result.items:
            if linked is not None and (item.factor.key, item.metric.name) == linked:
                found += item.strong
                continue
            pairs += 1
            p_below += item.comparison.p_value < 0.05
            false_strong += item.q_value <= STRONG_Q
        strong += false_strong
        flagged += false_strong > 0
    return Tally(cell, reps, pairs, p_below, strong, flagged, found)


def cells(quick: bool = False) -> list[Cell]:
    phis = (0.0, 0.6) if quick else PHIS
    shapes = SHAPES[:1] if quick else SHAPES
    lengths = DAYS[:1] if quick else DAYS
    made = [Cell(phi, lv, sp, n) for phi in phis for lv, sp in shapes for n in lengths]
    for link in ("tag", "routine"):
        made += [Cell(phi, 5.0, 2.0, n, link) for phi in (0.0, 0.6) for n in lengths]
    return made


def simulate(reps: int, seed: int = 4, workers: int = 1, quick: bool = False) -> list[Tally]:
    todo = cells(quick)
    if workers <= 1:
        return [run_cell(cell, reps, seed) for cell in todo]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(run_cell, todo, [reps] * len(todo), [seed] * len(todo)))


def report(tallies: Sequence[Tally]) -> str:
    lines = [
        "No real link (20 pairs per journal):",
        "  phi  level spread days | p<0.05 per pair | q<=0.05 per pair | journals with any",
    ]
    for t in tallies:
        if t.cell.link is None:
            c = t.cell
            lines.append(
                f"  {c.phi:.1f}  {c.level:4.1f}  {c.spread:4.1f}  {c.days:4d} |"
                f"      {t.share(t.p_below, t.pairs):6.1%}     |"
                f"      {t.share(t.strong, t.pairs):6.2%}      |"
                f"   {t.share(t.journals_flagged, t.journals):6.1%}"
            )
    lines += [
        "",
        f"A real link ({LINK_SD} SD higher satisfaction with the factor):",
        "  link     phi  days | found strong | false strong pairs per journal",
    ]
    for t in tallies:
        if t.cell.link is not None:
            c = t.cell
            lines.append(
                f"  {c.link:<8} {c.phi:.1f}  {c.days:4d} |"
                f"    {t.share(t.found, t.journals):6.1%}    |"
                f"   {t.strong / t.journals:.3f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tallies = simulate(args.reps, args.seed, args.workers, args.quick)
    print(report(tallies))
    print(f"\n{args.reps} journals per cell, seed {args.seed}, {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
