"""Charts with ten years of daily data: build each spec, draw it, render it with Agg.

A run is what a person waits for when a chart appears: the spec built from an
in-memory journal filled by ``demo.fill(..., days=3650)``, the chart function, and
``canvas.draw()`` on a fresh 10 x 6 inch, 100 dpi Figure (the first time a chart is
shown; later redraws reuse the Figure and its text measurements). The spec part is
also timed alone. One warm-up round, then ``--runs`` rounds that take every chart in
turn, so a slow spell on a shared machine falls on all charts alike. Budget: a run
under 150 ms (median). The reference in the same rounds is one empty Axes with date
ticks: the least any chart can cost on this machine.

Run: uv run python -m benchmarks.charts [--runs N] [--days N] [--theme light|dark] [--json PATH]
(``measure`` is what ``python -m benchmarks`` calls.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import Figure, figure, time_ms

BUDGET_MS = 150.0
REFERENCE = "(1 empty Axes, dates)"
TODAY = dt.date(2026, 3, 16)
DAYS = 3650


@dataclass(frozen=True)
class Row:
    chart: str
    spec: list[float]  # the spec alone
    total: list[float]  # spec, draw and render
    reference: bool = False


def _cases(days: int) -> tuple[dict[str, tuple[Callable[[], Any], Callable[..., Any]]], int]:
    from wlitracker.charts import calendar, compare, experiment, scatter, trend, weekday
    from wlitracker.core import schedules
    from wlitracker.core.model.entities import Experiment
    from wlitracker.core.model.repository import InMemoryRepository
    from wlitracker.core.present import chart_specs
    from wlitracker.core.services import demo
    from wlitracker.core.services.journal import Journal

    repo = InMemoryRepository()
    counts = demo.fill(repo, TODAY, days=days)
    journal = Journal(repo, lambda: TODAY)
    first, last = chart_specs.trend_range(journal, "all")
    longest = max(  # the longest demo experiment
        journal.experiments.views(),
        key=lambda v: (v.phases[-1].end - v.phases[0].start).days if v.phases else -1,
    )
    # The longest experiment the app allows: A-B-A-B with 365-day phases, over old data.
    longest_allowed = journal.experiments.create(
        Experiment(
            "A year per phase",
            schedules.abab(min(365, days // 4), TODAY - dt.timedelta(days=min(1500, days - 1))),
        )
    )
    long_id = longest_allowed.id or 0
    a_year = chart_specs.trend_range(journal, "a year")
    return {
        "experiment": (
            lambda: chart_specs.experiment_chart(journal, longest.id),
            experiment.draw_experiment,
        ),
        "experiment (4 x 365 d)": (
            lambda: chart_specs.experiment_chart(journal, long_id),
            experiment.draw_experiment,
        ),
        "compare": (lambda: chart_specs.compare(journal, longest.id), compare.draw_compare),
        "trend (all, weekly)": (lambda: chart_specs.trend(journal, first, last), trend.draw_trend),
        "trend (a year)": (lambda: chart_specs.trend(journal, *a_year), trend.draw_trend),
        "calendar (all)": (
            lambda: chart_specs.calendar(journal, first, last, "satisfaction"),
            calendar.draw_calendar,
        ),
        "calendar (a year)": (
            lambda: chart_specs.calendar(journal, *a_year, "satisfaction"),
            calendar.draw_calendar,
        ),
        "weekday (all)": (
            lambda: chart_specs.weekday(journal, first, last),
            weekday.draw_weekday,
        ),
        "scatter (all)": (lambda: chart_specs.scatter(journal, first, last), scatter.draw_scatter),
    }, counts["check_ins"]


def rows(runs: int = 7, days: int = DAYS, theme_name: str = "light") -> tuple[list[Row], int]:
    """Every chart's spec and total times, then the reference; and the number of check-ins."""
    from wlitracker.charts.render import new_figure
    from wlitracker.charts.theme import theme_named
    from wlitracker.charts.ticks import date_ticks, new_axes

    theme = theme_named(theme_name)
    cases, check_ins = _cases(days)

    def chart(build: Callable[[], Any], draw: Callable[..., Any]) -> Callable[[], None]:
        def run() -> None:
            fig = new_figure()
            draw(fig, build(), theme)
            fig.canvas.draw()

        return run

    def reference() -> None:
        fig = new_figure()
        ax = new_axes(fig, theme, fig.add_gridspec(1, 1)[0])
        ax.set_xlim(19000, 22650)
        date_ticks(ax, theme, 19000, 22650)
        fig.canvas.draw()

    runners = {name: chart(build, draw) for name, (build, draw) in cases.items()}
    runners[REFERENCE] = reference
    totals: dict[str, list[float]] = {name: [] for name in runners}
    for run in runners.values():  # a warm-up round
        run()
    for _ in range(runs):
        for name, run in runners.items():
            totals[name] += time_ms(run, 1, warmup=0)
    found = [Row(name, time_ms(build, runs), totals[name]) for name, (build, _) in cases.items()]
    found.append(Row(REFERENCE, [], totals[REFERENCE], reference=True))
    return found, check_ins


def measure(runs: int = 5, days: int = DAYS) -> list[Figure]:
    """The run times (spec, draw and render) as the shared benchmark table wants them."""
    found, _ = rows(runs, min(max(days, 120), DAYS))
    figures = []
    for row in found:
        if row.reference:
            figures.append(
                figure(f"chart: {row.chart}", row.total, reference="the least a chart costs")
            )
        else:
            median = statistics.median(row.total)
            figures.append(
                figure(
                    f"chart: {row.chart}",
                    row.total,
                    budget=f"< {BUDGET_MS:.0f} ms",
                    ok=median < BUDGET_MS,
                )
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    found, check_ins = rows(args.runs, args.days, args.theme)
    print(
        f"{check_ins} check-ins over {args.days} days, {args.runs} runs, "
        f"theme {args.theme}, Figure 10x6 in at 100 dpi, Agg"
    )
    print(f"{'chart':<24} {'spec ms':>8} {'run median':>11} {'min':>7} {'max':>7}  budget")
    results: dict[str, dict[str, float]] = {}
    for row in found:
        median = statistics.median(row.total)
        spec = f"{statistics.median(row.spec):8.1f}" if row.spec else f"{'':>8}"
        verdict = "reference" if row.reference else ("ok" if median < BUDGET_MS else "OVER")
        print(
            f"{row.chart:<24} {spec} {median:11.1f} {min(row.total):7.1f} "
            f"{max(row.total):7.1f}  {verdict}"
        )
        results[row.chart] = {
            **({"spec_median_ms": round(statistics.median(row.spec), 2)} if row.spec else {}),
            "median_ms": round(median, 2),
            "min_ms": round(min(row.total), 2),
            "max_ms": round(max(row.total), 2),
        }
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "days": args.days,
                    "runs": args.runs,
                    "theme": args.theme,
                    "budget_ms": BUDGET_MS,
                    "charts": results,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
