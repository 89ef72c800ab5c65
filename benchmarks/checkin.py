"""Check-in latency: saving one day's check-in through the service layer, durable on disk.

Compared with a bare sqlite3 insert-and-commit of one row in a database with the same
settings (WAL, synchronous=FULL), in the same run. Budget: p95 under 20 ms and at most
3x the bare p95.

Run: uv run python -m benchmarks.checkin [--saves N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import tenyear
from benchmarks.measure import Figure, percentile


def service_saves(db: Path, saves: int) -> list[float]:
    from wlitracker.app import open_journal

    journal, repo = open_journal(db)
    journal.context.today = lambda: tenyear.TODAY
    samples = []
    try:
        for i in range(saves + 10):
            day = tenyear.TODAY - dt.timedelta(days=i % 365)
            started = time.perf_counter()
            journal.check_ins.update(day, ratings={"satisfaction": i % 11}, note=f"save {i}")
            if i >= 10:  # the first saves warm the caches
                samples.append((time.perf_counter() - started) * 1000)
    finally:
        repo.close()
    return samples


def bare_saves(db: Path, saves: int) -> list[float]:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT, value INTEGER, note TEXT)")
    samples = []
    for i in range(saves + 10):
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (day, value, note) VALUES (?, ?, ?)", ("2026-03-16", i, "x"))
        conn.execute("COMMIT")
        if i >= 10:
            samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    return samples


def measure(saves: int = 1000, days: int = tenyear.DAYS) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        db = tenyear.build(Path(folder) / "ten-years.db", days)
        app = service_saves(db, saves)
        bare = bare_saves(Path(folder) / "bare.db", saves)
    app50, app95 = percentile(app, 0.5), percentile(app, 0.95)
    bare50, bare95 = percentile(bare, 0.5), percentile(bare, 0.95)
    ratio = app95 / bare95
    return [
        Figure(
            "check-in save p50 / p95",
            app50,
            min(app),
            app95,
            budget=f"p95 < 20 ms and <= 3x bare (ratio {ratio:.2f})",
            reference="bare sqlite3 insert+commit",
            ok=app95 < 20 and ratio <= 3,
        ),
        Figure("  bare sqlite3 p50 / p95", bare50, min(bare), bare95, reference="same settings"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=1000)
    args = parser.parse_args(argv)
    from benchmarks.measure import table

    print("(columns: p50, min, p95)")
    print(table(measure(args.saves)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
