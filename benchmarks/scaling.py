"""Cost that grows with the data, and no faster.

Each figure is a ratio of the same work on a larger and a smaller journal (or file),
both measured in this run, in turn, so that a slow spell on a shared machine hits
both:

- evaluating every experiment, 400 experiments against 40 (budget: at most 11x);
- the screen states the window builds at start (Today and the tray, opening the
  journal included), with 400 experiments against 40: their number must not matter
  (at most 1.2x); the journals differ in their history, as many run today;
- ``wlitracker history --json`` as a person runs it, 30 years against 10 (at most
  3.3x), and under 300 ms for ten years;
- importing a Daylio export of 1,000,000 entries against one of 250,000 (the same
  ten years, more entries a day): the time (at most 4.4x) and the peak resident
  memory of the importing process (at most 1.2x: the file streams through).

Run: uv run python -m benchmarks.scaling [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import tenyear
from benchmarks.command_line import environment, script
from benchmarks.importing import ACTIVITIES, MOODS
from benchmarks.result_table import table
from benchmarks.results import Result, plain, under, within_ratio

IMPORT_PROBE = r"""
import json, resource, sys, time
from pathlib import Path
from wlitracker.app import open_journal
from wlitracker.interop import importing
journal, repo = open_journal(Path(sys.argv[1]))
today = __import__("datetime").date.fromisoformat(sys.argv[3])
journal.context.today = lambda: today
started = time.perf_counter()
plan = importing.preview(journal, Path(sys.argv[2]))
importing.apply_import(journal, plan)
elapsed = (time.perf_counter() - started) * 1000
repo.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ms": elapsed, "peak": peak, "days": plan.days_added}))
"""


def write_dense_daylio(path: Path, days: int, per_day: int, seed: int = 4) -> Path:
    """A Daylio export (newest first) with ``per_day`` entries a day: a mood and
    activities each, a note on the day's first only. More entries a day make a longer
    file, not more to import: the days, their mean mood, tags and notes stay alike, so
    what grows with the file is only what reading it costs."""
    import csv
    import random

    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]
        )
        for offset in range(days):
            day = tenyear.TODAY - dt.timedelta(days=offset)
            for entry in range(per_day):
                minute = 6 * 60 + (entry * 17 * 60 // per_day)
                writer.writerow(
                    [
                        day.isoformat(),
                        day.strftime("%B %d"),
                        day.strftime("%A"),
                        f"{minute // 60:02d}:{minute % 60:02d}",
                        rng.choice(MOODS),
                        " | ".join(rng.sample(ACTIVITIES, k=rng.randint(0, 2))),
                        "",
                        "Long day, but a good talk with a friend." if entry == 0 else "",
                    ]
                )
    return path


def _in_turn(
    small: Callable[[], float], large: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """Both measured ``runs`` times, alternately, after one warm-up each."""
    small()
    large()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(small())
        b.append(large())
    return a, b


def evaluate_all(db: Path) -> Callable[[], float]:
    from wlitracker.app import open_journal

    journal, _repo = open_journal(db)
    journal.context.today = lambda: tenyear.TODAY
    ids = [view.id for view in journal.experiments.views()]

    def run() -> float:
        fresh = type(journal)(journal.repo, journal.context.today)  # a cold evaluation service
        started = time.perf_counter()
        for experiment_id in ids:
            fresh.evaluations.evaluate(experiment_id)
        return (time.perf_counter() - started) * 1000

    return run


def start_up_states(db: Path) -> Callable[[], float]:
    """What the window asks of the core before its Today page can paint."""

    def run() -> float:
        from wlitracker.app import open_journal
        from wlitracker.core.present.today import build_today_state
        from wlitracker.core.present.tray import build_tray_state

        started = time.perf_counter()
        journal, repo = open_journal(db)
        journal.context.today = lambda: tenyear.TODAY
        prefs = journal.preferences
        prefs.theme()
        prefs.welcome_done()
        journal.repo.is_empty()
        build_today_state(journal, tenyear.TODAY)
        build_tray_state(journal, dt.datetime.combine(tenyear.TODAY, dt.time(21)), None)
        elapsed = (time.perf_counter() - started) * 1000
        repo.close()
        return elapsed

    return run


def history_command(db: Path, home: Path) -> Callable[[], float]:
    command = [*script(), "--db", str(db), "history", "--json"]
    env = environment(home)

    def run() -> float:
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
        return (time.perf_counter() - started) * 1000

    return run


def import_run(folder: Path, source: Path) -> dict[str, float]:
    """One import into a new journal, in a fresh process: its time and peak memory."""
    db = folder / "imported.db"
    for old in folder.glob("imported.db*"):
        old.unlink()
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, str(db), str(source), tenyear.TODAY.isoformat()],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    found: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def measure(runs: int = 5, quick: bool = False) -> list[Result]:
    runs = 1 if quick else runs
    days = 120 if quick else tenyear.DAYS
    few, many = (4, 40) if quick else (40, 400)
    rows_small, rows_large = (1_200, 4_800) if quick else (250_000, 1_000_000)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small_db = tenyear.build(folder / "few.db", days, experiments=few)
        large_db = tenyear.build(folder / "many.db", days, experiments=many)

        a, b = _in_turn(evaluate_all(small_db), evaluate_all(large_db), runs)
        results.append(
            within_ratio(
                "scale.evaluate_all_400_vs_40",
                f"evaluate all, {many} experiments",
                b,
                a,
                f"all {few}",
                11.0,
            )
        )
        a, b = _in_turn(start_up_states(small_db), start_up_states(large_db), runs * 6)
        results.append(
            within_ratio(
                "scale.startup_states_400_vs_40",
                f"start-up screen states, {many} experiments",
                b,
                a,
                f"with {few}",
                1.2,
            )
        )

        ten = tenyear.build(folder / "ten.db", days, today=dt.date.today())
        thirty = tenyear.build(folder / "thirty.db", days * 3, today=dt.date.today())
        a, b = _in_turn(history_command(ten, folder), history_command(thirty, folder), runs)
        label = "ten years" if not quick else f"{days} days"
        results.append(
            within_ratio(
                "scale.history_json_30y_vs_10y",
                f"history --json, three times {label}",
                b,
                a,
                label,
                3.3,
            )
        )
        results.append(under("scale.history_json_10y", f"history --json, {label}", a, 300.0))

        per_day = [max(1, rows // days) for rows in (rows_small, rows_large)]
        small = write_dense_daylio(folder / "small.csv", days, per_day[0])
        large = write_dense_daylio(folder / "large.csv", days, per_day[1])
        entries = [
            len(path.read_text(encoding="utf-8").splitlines()) - 1 for path in (small, large)
        ]
        small_runs: list[dict[str, float]] = []
        large_runs: list[dict[str, float]] = []
        for _ in range(max(1, runs // 2)):
            small_runs.append(import_run(folder, small))
            large_runs.append(import_run(folder, large))
    results += [
        within_ratio(
            "scale.import_time_1m_vs_250k",
            f"import Daylio, {entries[1]:,} entries",
            [r["ms"] for r in large_runs],
            [r["ms"] for r in small_runs],
            f"{entries[0]:,} entries",
            4.4,
        ),
        within_ratio(
            "scale.import_peak_memory_1m_vs_250k",
            f"  its peak memory, {entries[1]:,} entries",
            [r["peak"] for r in large_runs],
            [r["peak"] for r in small_runs],
            f"{entries[0]:,} entries",
            1.2,
            unit="MiB",
        ),
        plain(
            "scale.import_1m_seconds",
            f"  {entries[1]:,} entries, in seconds",
            [r["ms"] / 1000 for r in large_runs],
            unit="s",
        ),
    ]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny data, one run each")
    args = parser.parse_args(argv)
    print(table(measure(args.runs, args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
