"""Sync speed and size: the first sync of the ten-year journal (sent by one computer,
merged into an empty journal on another), and an incremental sync of one day's check-in
(time and bytes written to the folder).

Run: uv run python -m benchmarks.sync [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import tenyear
from benchmarks.results import Result, under
from wlitracker.app import open_journal, sync_journal

PASSPHRASE = "benchmark passphrase"


def _sync(db: Path, folder: Path, name: str) -> tuple[float, int]:
    started = time.perf_counter()
    report = sync_journal(db, folder, PASSPHRASE, device_name=name)
    return (time.perf_counter() - started) * 1000, report.bytes_written


def measure(runs: int = 3, quick: bool = False) -> list[Result]:
    days = 365 if quick else tenyear.DAYS
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        source = tenyear.build(root / "tenyear.db", days)
        first_send, first_merge, one_day, one_day_bytes = [], [], [], []
        for run in range(runs):
            work = root / f"run{run}"
            work.mkdir()
            folder = work / "Sync"
            folder.mkdir()
            laptop = work / "laptop.db"
            shutil.copy(source, laptop)
            ms, _ = _sync(laptop, folder, "laptop")
            first_send.append(ms)
            ms, _ = _sync(work / "desktop.db", folder, "desktop")
            first_merge.append(ms)
            journal, repo = open_journal(laptop)
            for step in range(3):
                journal.check_ins.update(
                    tenyear.TODAY - dt.timedelta(days=step),
                    ratings={"satisfaction": 7, "guilt": 2},
                    note=f"An ordinary day ({run}, {step}).",
                    add_tags=["gym"],
                )
                ms, written = _sync(laptop, folder, "laptop")
                one_day.append(ms)
                one_day_bytes.append(float(written))
            repo.close()
    label = "ten-year" if not quick else "one-year"
    return [
        under(
            f"sync.first.send.{label}",
            f"first sync of the {label} journal: sending",
            first_send,
            5000,
        ),
        under(
            f"sync.first.merge.{label}",
            f"first sync of the {label} journal: merging it into an empty journal",
            first_merge,
            5000,
        ),
        under("sync.incremental.time", "incremental sync of one day's check-in", one_day, 200),
        under(
            "sync.incremental.bytes",
            "bytes written for one day's check-in",
            one_day_bytes,
            1000,
            unit="bytes",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a one-year journal")
    args = parser.parse_args(argv)
    for result in measure(args.runs, args.quick):
        verdict = "" if result.met is None else ("  met" if result.met else "  NOT MET")
        print(
            f"{result.label}: {result.value:.0f} {result.unit} "
            f"(min {result.low:.0f}, max {result.high:.0f}; budget {result.budget}){verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
