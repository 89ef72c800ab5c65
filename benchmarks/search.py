"""Search speed: finding days by words in 10,000 notes, through the search service.

The journal holds 10,000 days, each with a note of 10 to 40 words drawn from a
vocabulary of about 2,000 words (a few common, most rare, as in real notes) and one
to three tags. Each query is timed from the text typed to the hits with their
excerpts, as the window and ``wlitracker search`` get them. Budget: under 50 ms.

Run: uv run python -m benchmarks.search [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.results import Result, under
from wlitracker.core.model.entities import CheckIn

TODAY = dt.date(2026, 3, 16)
NOTES = 10_000
BUDGET_MS = 50.0
COMMON = ("the", "a", "day", "work", "home", "walk", "meeting", "family", "tired", "good")
TAGS = ("gym", "family dinner", "deadline", "late meeting", "friends", "travel", "home office")
QUERIES = (
    ("a common word (most days; the newest 100)", "day"),
    ("a rare word", "w1234"),
    ("two words, the start of each", "fam wal"),
    ("a tag", "deadline"),
    ("nothing found", "zebra"),
)


def build(path: Path, notes: int = NOTES, seed: int = 7) -> None:
    from wlitracker.storage.database import open_database
    from wlitracker.storage.repository import SqliteRepository

    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(2000)]
    repo = SqliteRepository(open_database(path), path)
    try:
        with repo.atomic():
            for offset in range(notes):
                words = [
                    rng.choice(COMMON) if rng.random() < 0.4 else rng.choice(vocabulary)
                    for _ in range(rng.randint(10, 40))
                ]
                repo.save_check_in(
                    CheckIn(
                        TODAY - dt.timedelta(days=offset),
                        ratings={"satisfaction": rng.randint(0, 10)},
                        tags=tuple(rng.sample(TAGS, rng.randint(1, 3))),
                        note=" ".join(words).capitalize() + ".",
                    )
                )
    finally:
        repo.close()


def timings(path: Path, runs: int) -> dict[str, list[float]]:
    from wlitracker.app import open_journal

    journal, repo = open_journal(path)
    samples: dict[str, list[float]] = {label: [] for label, _ in QUERIES}
    try:
        for _, text in QUERIES:
            journal.search.days(text)  # the first look warms SQLite's page cache
        for _ in range(runs):
            for label, text in QUERIES:
                started = time.perf_counter()
                journal.search.days(text)
                samples[label].append((time.perf_counter() - started) * 1000)
    finally:
        repo.close()
    return samples


def measure(runs: int = 20, quick: bool = False) -> list[Result]:
    notes = 1000 if quick else NOTES
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.db"
        build(path, notes)
        samples = timings(path, 1 if quick else runs)
    return [
        under(f"search.{index}", f"search {notes:,} notes: {label}", values, BUDGET_MS)
        for index, (label, values) in enumerate(samples.items())
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="1,000 notes, one run")
    args = parser.parse_args(argv)
    results = measure(args.runs, args.quick)
    print("(median, min, max of each query; budget < 50 ms)")
    for r in results:
        verdict = "ok" if r.met else "MISSED"
        print(f"{r.label:<62} {r.value:7.2f} {r.unit}  ({r.low:.2f} to {r.high:.2f})  {verdict}")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
