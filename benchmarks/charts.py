"""Chart drawing with ten years of daily data: build each spec, draw it, render it with Agg.

"draw" is the chart function plus ``canvas.draw()`` on a fresh 10 x 6 inch, 100 dpi
Figure (what the window pays on every refresh); "spec" is building the spec from an
in-memory journal filled by ``demo.fill(..., days=3650)``. One warm-up run first,
then the median, min and max of ``--runs`` runs.

Run: uv run python -m benchmarks.charts [--runs N] [--days N] [--theme light|dark] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BUDGET_MS = 150.0
TODAY = dt.date(2026, 3, 16)


def _time(fn: Callable[[], Any], runs: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")

    from wlitracker.charts import calendar, compare, experiment, scatter, trend, weekday
    from wlitracker.charts.render import new_figure
    from wlitracker.charts.theme import theme_named
    from wlitracker.core import chart_specs, demo
    from wlitracker.core.journal import Journal
    from wlitracker.core.repository import InMemoryRepository

    repo = InMemoryRepository()
    counts = demo.fill(repo, TODAY, days=args.days)
    journal = Journal(repo, lambda: TODAY)
    theme = theme_named(args.theme)
    first, last = chart_specs.trend_range(journal, "all")
    longest = max(  # the longest demo experiment
        journal.experiments.views(),
        key=lambda v: (v.phases[-1].end - v.phases[0].start).days if v.phases else -1,
    )
    # The longest experiment the app allows: A-B-A-B with 365-day phases, over old data.
    from wlitracker.core import schedules
    from wlitracker.core.models import Experiment

    longest_allowed = journal.experiments.create(
        Experiment("A year per phase", schedules.abab(365, TODAY - dt.timedelta(days=1500)))
    )
    assert longest_allowed.id is not None
    long_id = longest_allowed.id
    cases: dict[str, tuple[Callable[[], Any], Callable[..., Any]]] = {
        "experiment": (
            lambda: chart_specs.experiment_chart(journal, longest.id),
            experiment.draw_experiment,
        ),
        "experiment (4 x 365 d)": (
            lambda: chart_specs.experiment_chart(journal, long_id),
            experiment.draw_experiment,
        ),
        "compare": (lambda: chart_specs.compare(journal, longest.id), compare.draw_compare),
        "trend (all, weekly)": (
            lambda: chart_specs.trend(journal, first, last),
            trend.draw_trend,
        ),
        "trend (a year)": (
            lambda: chart_specs.trend(journal, *chart_specs.trend_range(journal, "a year")),
            trend.draw_trend,
        ),
        "calendar": (
            lambda: chart_specs.calendar(journal, TODAY.year - 1, "satisfaction"),
            calendar.draw_calendar,
        ),
        "weekday (all)": (
            lambda: chart_specs.weekday(journal, first, last),
            weekday.draw_weekday,
        ),
        "scatter (all)": (lambda: chart_specs.scatter(journal, first, last), scatter.draw_scatter),
    }
    results: dict[str, dict[str, float]] = {}
    print(
        f"{counts['check_ins']} check-ins over {args.days} days, {args.runs} runs, "
        f"theme {theme.name}, Figure 10x6 in at 100 dpi, Agg"
    )
    print(f"{'chart':<24} {'spec ms':>8} {'draw median':>12} {'min':>7} {'max':>7}  budget")
    for name, (build, draw) in cases.items():
        spec_times = _time(build, args.runs)
        spec = build()

        def render(draw: Callable[..., Any] = draw, spec: Any = spec) -> None:
            fig = new_figure()
            draw(fig, spec, theme)
            fig.canvas.draw()

        figures: list[Any] = []
        draw_times = []
        render()  # warm-up
        for _ in range(args.runs):
            fig = new_figure()
            figures.append(fig)
            started = time.perf_counter()
            draw(fig, spec, theme)
            fig.canvas.draw()
            draw_times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(draw_times)
        results[name] = {
            "spec_median_ms": round(statistics.median(spec_times), 2),
            "draw_median_ms": round(median, 2),
            "draw_min_ms": round(min(draw_times), 2),
            "draw_max_ms": round(max(draw_times), 2),
        }
        verdict = "ok" if median < BUDGET_MS else "OVER"
        print(
            f"{name:<24} {statistics.median(spec_times):8.1f} {median:12.1f} "
            f"{min(draw_times):7.1f} {max(draw_times):7.1f}  {verdict}"
        )
    # What this machine needs for the least a chart can be: one empty Axes with dates.
    from wlitracker.charts.common import date_axis

    def reference() -> None:
        fig = new_figure()
        ax = fig.add_subplot()
        ax.set_xlim(19000, 22650)
        date_axis(ax)
        fig.canvas.draw()

    reference_times = _time(reference, args.runs)
    results["reference: 1 empty Axes"] = {
        "draw_median_ms": round(statistics.median(reference_times), 2),
        "draw_min_ms": round(min(reference_times), 2),
        "draw_max_ms": round(max(reference_times), 2),
    }
    print(
        f"{'(1 empty Axes, dates)':<24} {'':>8} {statistics.median(reference_times):12.1f} "
        f"{min(reference_times):7.1f} {max(reference_times):7.1f}  reference"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "days": args.days,
                    "runs": args.runs,
                    "theme": theme.name,
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
