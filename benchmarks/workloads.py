"""Evaluation, what goes with good days, and export on the ten-year journal.

Budgets: evaluating one experiment with a year of data under 50 ms (all 40 are timed too);
what goes with good days over ten years is reported (the window works it out in a thread
of its own), and its part on the GUI thread (gathering the state's values, then putting the
answer into the state) under 100 ms; exporting the whole journal to JSON and to CSV under 1 s
each. The reference in the same
run is reading every check-in from the repository (what any export must at least do).

Run: uv run python -m benchmarks.workloads [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from benchmarks import tenyear
from benchmarks.measure import Figure, figure, table, time_ms


def measure(runs: int = 5, days: int = tenyear.DAYS) -> list[Figure]:
    from wlitracker.app import open_journal
    from wlitracker.core import schedules
    from wlitracker.core.model.entities import Experiment
    from wlitracker.interop import native

    with tempfile.TemporaryDirectory() as folder:
        db = tenyear.build(Path(folder) / "ten-years.db", days)
        journal, repo = open_journal(db)
        journal.context.today = lambda: tenyear.TODAY
        try:
            experiments = journal.experiments.views()
            year_long = journal.experiments.create(
                Experiment(  # a year of data: 180 baseline and 185 trial days
                    title="A year-long trial",
                    schedule=schedules.ab(180, 185, tenyear.TODAY - dt.timedelta(days=364)),
                )
            ).id
            assert year_long is not None
            one = time_ms(lambda: journal.evaluations.evaluate(year_long), runs)
            every = time_ms(lambda: [journal.evaluations.evaluate(v.id) for v in experiments], runs)
            read = time_ms(repo.list_check_ins, runs)
            from wlitracker.core.present.trends import (
                build_trends_state,
                insight_inputs,
                with_insights,
            )
            from wlitracker.core.services.insights import compute, gather

            state = build_trends_state(journal, "all", None, "insights")
            inputs = insight_inputs(journal, state)
            result = compute(
                gather(inputs.check_ins, inputs.metrics, inputs.experiments, state.start, state.end)
            )
            worked = time_ms(
                lambda: compute(
                    gather(
                        inputs.check_ins, inputs.metrics, inputs.experiments, state.start, state.end
                    )
                ),
                runs,
            )
            gui = time_ms(
                lambda: with_insights(state, result) and insight_inputs(journal, state), runs
            )
            as_json = time_ms(lambda: native.write_json(journal, Path(folder) / "x.json"), runs)
            as_csv = time_ms(lambda: native.write_csv(journal, Path(folder) / "x.csv"), runs)
        finally:
            repo.close()
    return [
        figure(
            "evaluate one (a year)",
            one,
            budget="< 50 ms",
            ok=max(one) < 50 or sorted(one)[len(one) // 2] < 50,
        ),
        figure(f"evaluate all {len(experiments)}", every, budget="(reported)"),
        figure("read all check-ins", read, reference="reference for the exports"),
        figure("insights, ten years (worker thread)", worked, budget="(reported)"),
        figure(
            "insights, the GUI thread's part",
            gui,
            budget="< 100 ms",
            ok=sorted(gui)[len(gui) // 2] < 100,
        ),
        figure(
            "export JSON", as_json, budget="< 1000 ms", ok=sorted(as_json)[len(as_json) // 2] < 1000
        ),
        figure(
            "export CSV", as_csv, budget="< 1000 ms", ok=sorted(as_csv)[len(as_csv) // 2] < 1000
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(table(measure(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
