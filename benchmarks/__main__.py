"""Run every benchmark and print one table; write the same figures as JSON.

Run: uv run python -m benchmarks [--runs N] [--json PATH] [--quick]

``--quick`` is a smoke run (small data, one run each, a few seconds) that the test
suite uses so the benchmarks cannot rot; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

from benchmarks import checkin, startup, tenyear, workloads
from benchmarks.measure import Figure, figure, pace_ms, table


def machine() -> str:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}"


def run(runs: int, days: int, saves: int) -> list[Figure]:
    from benchmarks import charts, importing

    figures: list[Figure] = []
    pace = [pace_ms()]
    for group in (startup, checkin, workloads, charts, importing):
        size = saves if group is checkin else runs
        figures += group.measure(size, days)
        pace.append(pace_ms())
    figures.append(
        figure("machine pace (a fixed Python loop)", pace, reference="taken between the groups")
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="a few seconds, for the tests")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.quick:
        figures = run(runs=1, days=150, saves=20)
    else:
        if args.runs < 5:
            parser.error("--runs must be at least 5")
        figures = run(args.runs, tenyear.DAYS, 1000)
    print(f"machine: {machine()}")
    print(table(figures))
    missed = [f.name.strip() for f in figures if f.ok is False]
    if missed and not args.quick:
        print("budgets missed: " + ", ".join(missed))
    if args.json:
        data = {
            "machine": machine(),
            "quick": args.quick,
            "figures": [f.as_dict() for f in figures],
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
