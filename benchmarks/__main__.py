"""Run every benchmark and print one table; write the same figures as JSON.

Run: uv run python -m benchmarks [--runs N] [--json PATH] [--quick]

Every figure has a stable key, its value, the reference it is compared with (measured in
the same run), the ratio, the budget and whether it was met. README's Performance table
is made from the JSON by ``python -m benchmarks.readme``, so the two cannot disagree.
``--quick`` is a smoke run (small data, one run each) that the test suite uses so the
benchmarks cannot rot; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks import tenyear
from benchmarks.measure import Figure, pace_ms
from benchmarks.result_table import table
from benchmarks.results import Result, plain


def machine() -> str:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}"


def from_figure(group: str, figure: Figure) -> Result:
    """A figure of the older groups, under a key made from its name."""
    key = re.sub(r"[^a-z0-9]+", "_", figure.name.strip().lower()).strip("_")
    return Result(
        f"{group}.{key}",
        figure.name.strip(),
        figure.median,
        figure.unit,
        figure.low,
        figure.high,
        budget=figure.budget,
        met=figure.ok,
    )


def groups(runs: int, quick: bool) -> list[tuple[str, Callable[[], list[Result]]]]:
    from benchmarks import (
        charts,
        checkin,
        command_line,
        importing,
        interaction,
        scaling,
        search,
        startup,
        sync,
        workloads,
    )

    days = 150 if quick else tenyear.DAYS
    saves = 20 if quick else 1000

    def old(name: str, measure: Callable[[], list[Figure]]) -> Callable[[], list[Result]]:
        return lambda: [from_figure(name, f) for f in measure()]

    return [
        ("start", lambda: startup.measure(runs, days)),
        ("gui", lambda: interaction.measure(max(1, runs // 2), quick)),
        ("save", old("save", lambda: checkin.measure(saves, days))),
        ("work", old("work", lambda: workloads.measure(runs, days))),
        ("chart", old("chart", lambda: charts.measure(runs, days))),
        ("import", old("import", lambda: importing.measure(runs, days))),
        ("search", lambda: search.measure(20 if not quick else 1, quick)),
        ("scale", lambda: scaling.measure(max(1, runs // 2), quick)),
        ("cli", lambda: command_line.measure(runs, quick)),
        ("sync", lambda: sync.measure(max(1, runs // 2), quick)),
    ]


def run(runs: int, quick: bool) -> list[Result]:
    results: list[Result] = []
    pace = [pace_ms()]
    for _name, measure in groups(runs, quick):
        results += measure()
        pace.append(pace_ms())
    results.append(plain("machine.pace", "machine pace: a fixed Python loop, between groups", pace))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="a few seconds, for the tests")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.quick and args.runs < 5:
        parser.error("--runs must be at least 5")
    results = run(1 if args.quick else args.runs, args.quick)
    print(f"machine: {machine()}")
    print(table(results))
    missed = [r.label for r in results if r.met is False]
    if missed and not args.quick:
        print("budgets missed: " + "; ".join(missed))
    if args.json:
        data = {
            "machine": machine(),
            "quick": args.quick,
            "figures": [r.as_dict() for r in results],
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
