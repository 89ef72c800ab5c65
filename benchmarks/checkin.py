"""Check-in latency: saving one day's check-in through the service layer, durable on disk.

Compared with a bare sqlite3 insert-and-commit of one row in a database with the same
settings (WAL, synchronous=FULL), taken in turn with the service saves in the same
run. Budget: p95 under 20 ms and at most 3x the bare p95.

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


def saves_side_by_side(db: Path, bare_db: Path, saves: int) -> tuple[list[float], list[float]]:
    """Service saves and bare saves taken in turn, so a slow spell hits both alike."""
    from wlitracker.app import open_journal

    journal, repo = open_journal(db)
    journal.context.today = lambda: tenyear.TODAY
    conn = sqlite3.connect(bare_db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT, value INTEGER, note TEXT)")
    app: list[float] = []
    bare: list[float] = []
    try:
        for i in range(saves + 10):
            day = tenyear.TODAY - dt.timedelta(days=i % 365)
            started = time.perf_counter()
            journal.check_ins.update(day, ratings={"satisfaction": i % 11}, note=f"save {i}")
            middle = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO t (day, value, note) VALUES (?, ?, ?)", (day.isoformat(), i, "x")
            )
            conn.execute("COMMIT")
            ended = time.perf_counter()
            if i >= 10:  # the first saves warm the caches
                app.append((middle - started) * 1000)
                bare.append((ended - middle) * 1000)
    finally:
        repo.close()
        conn.close()
    return app, bare


def measure(saves: int = 1000, days: int = tenyear.DAYS) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        db = tenyear.build(Path(folder) / "ten-years.db", days)
        app, bare = saves_side_by_side(db, Path(folder) / "bare.db", saves)
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
