"""Importing a ten-year Daylio export (several entries a day) through the importer.

Budget: under 2 s, and memory that does not grow with the file beyond the data itself:
the peak traced memory per megabyte of file is compared between a quarter of the
file and the whole file (a ratio near 1 means it grows linearly with the data).
The reference in the same run is Python's csv module reading the same file.

Run: uv run python -m benchmarks.importing [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks import tenyear
from benchmarks.measure import Figure, figure, table

MOODS = ("awful", "bad", "meh", "good", "rad")
ACTIVITIES = ("work", "family", "gym", "friends", "reading", "cooking", "travel")


def write_daylio(path: Path, days: int, per_day: int = 3, seed: int = 4) -> Path:
    """A Daylio CSV export: newest first, as Daylio writes it."""
    rng = random.Random(seed)
    rows = []
    for offset in range(days):
        day = tenyear.TODAY - dt.timedelta(days=offset)
        for entry in range(per_day):
            hour = 8 + entry * 5
            rows.append(
                [
                    day.isoformat(),
                    day.strftime("%B %d"),
                    day.strftime("%A"),
                    f"{hour % 12 or 12}:{rng.randint(0, 59):02d} {'am' if hour < 12 else 'pm'}",
                    rng.choice(MOODS),
                    " | ".join(rng.sample(ACTIVITIES, k=rng.randint(0, 3))),
                    "",
                    rng.choice(("", "", "Long day.", "<b>Good</b> talk with a friend")),
                ]
            )
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
        )
        writer.writerows(rows)
    return path


def import_once(folder: Path, source: Path, name: str) -> float:
    from wlitracker.app import open_journal
    from wlitracker.interop import importing

    db = folder / f"{name}.db"
    for leftover in folder.glob(f"{name}.db*"):
        leftover.unlink()
    journal, repo = open_journal(db)
    journal.context.today = lambda: tenyear.TODAY
    try:
        started = time.perf_counter()
        importing.apply_import(journal, importing.preview(journal, source))
        return (time.perf_counter() - started) * 1000
    finally:
        repo.close()


def peak_mib_per_file_mib(folder: Path, source: Path) -> float:
    tracemalloc.start()
    try:
        import_once(folder, source, "traced")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak / 2**20) / (source.stat().st_size / 2**20)


def measure(runs: int = 5, days: int = tenyear.DAYS) -> list[Figure]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        whole = write_daylio(folder / "daylio_export.csv", days)
        quarter = write_daylio(folder / "quarter.csv", max(30, days // 4))
        rows = sum(1 for _ in whole.open(encoding="utf-8")) - 1
        reading = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            with whole.open(encoding="utf-8", newline="") as handle:
                for _row in csv.DictReader(handle):
                    pass
            reading.append((time.perf_counter() - started) * 1000)
        times = [import_once(folder, whole, f"run{i}") for i in range(runs + 1)][1:]
        small = peak_mib_per_file_mib(folder, quarter)
        large = peak_mib_per_file_mib(folder, whole)
    growth = large / small
    return [
        figure(
            f"import Daylio ({rows} entries)",
            times,
            budget="< 2000 ms",
            ok=sorted(times)[len(times) // 2] < 2000,
        ),
        figure("  csv module reading it", reading[1:], reference="reference"),
        Figure(
            "  peak memory per MB of file",
            large,
            small,
            large,
            unit="x",
            budget=f"grows with the data (whole/quarter {growth:.2f})",
            ok=growth <= 1.5,
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
