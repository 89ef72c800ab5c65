"""A reproducible ten-year journal for the benchmarks.

3,650 daily check-ins with notes and tags, 6 custom metrics, and 40 finished or running
experiments with adherence, written straight through the repository in one transaction
(the data obeys the same schema rules as a user's).

``experiments`` spreads more (or fewer) experiments over the same days, for measuring
what grows with their number (the ones that ended are persisted, adjusted or stopped in
turn, with at most ``MOST_PERSISTED`` persisted); the default journal is the same as ever.

Run: uv run python -m benchmarks.tenyear PATH [--seed S] [--days N] [--experiments N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Experiment,
    Metric,
    PhaseKind,
    Target,
)
from wlitracker.core.model.repository import Repository
from wlitracker.core.templates import TEMPLATES

TODAY = dt.date(2026, 3, 16)
DAYS = 3650
EXPERIMENTS = 40
# A persisted change is asked about every day from then on; a person keeps a handful of
# them, not hundreds. A journal with more experiments persists as many as the default
# one (13 of its 40) and stops the others, so that it differs in its history, not in
# what today asks.
MOST_PERSISTED = 13
CUSTOM = (
    Metric("energy", 0, 10, "higher"),
    Metric("stress", 0, 10, "lower"),
    Metric("sleep", 1, 5, "higher"),
    Metric("family time", 0, 5, "higher"),
    Metric("focus", 0, 10, "higher"),
    Metric("screen time", 0, 10, "lower"),
)
TAGS = ("gym", "family dinner", "deadline", "late meeting", "friends", "travel", "home office")
NOTES = (
    "Long day, but dinner together made up for it.",
    "Deadline pressure all afternoon.",
    "Great walk at noon, clear head afterwards.",
    "Too many meetings, nothing finished.",
    "Evening felt like mine.",
)


def fill(
    repo: Repository,
    today: dt.date = TODAY,
    days: int = DAYS,
    seed: int = 10,
    experiments_count: int = EXPERIMENTS,
) -> None:
    rng = random.Random(seed)
    first = today - dt.timedelta(days=days - 1)
    with repo.atomic():
        for metric in CUSTOM:
            repo.add_metric(metric)
        experiments: list[Experiment] = []
        spacing = max(1, days // experiments_count)
        for index in range(experiments_count):
            idea = TEMPLATES[index % len(TEMPLATES)]
            start = first + dt.timedelta(days=index * spacing)
            schedule = schedules.abab(7, start) if index % 3 == 0 else schedules.ab(14, 28, start)
            experiments.append(
                repo.add_experiment(
                    Experiment(
                        title=f"{idea.title} ({index + 1})",
                        intention=idea.intention,
                        shift=idea.shift,
                        hypothesis=idea.hypothesis,
                        domains=idea.domains,
                        targets=(Target(SATISFACTION, "higher"), Target(GUILT, "lower")),
                        schedule=schedule,
                        template=idea.key,
                        created_on=start,
                    )
                )
            )
        phases = {e.id: schedules.phases(e.schedule) for e in experiments}
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            adherence: dict[int, Adherence] = {}
            lift = 0.0
            for experiment in experiments:
                assert experiment.id is not None
                placed = phases[experiment.id]
                if not placed[0].start <= day <= placed[-1].end:
                    continue
                phase = next((p for p in placed if p.contains(day)), None)
                if phase is None:
                    continue
                if phase.kind is PhaseKind.BASELINE:
                    adherence[experiment.id] = Adherence.NOT_SCHEDULED
                else:
                    done = rng.random() < 0.8
                    adherence[experiment.id] = Adherence.DONE if done else Adherence.NOT_DONE
                    lift += 1.5 if done else 0.0
            ratings = {
                SATISFACTION: max(0, min(10, round(5.5 + lift + rng.gauss(0, 1.2)))),
                GUILT: max(0, min(10, round(4.5 - lift / 2 + rng.gauss(0, 1.2)))),
                "energy": rng.randint(3, 9),
                "stress": rng.randint(2, 8),
                "sleep": rng.randint(2, 5),
                "family time": rng.randint(0, 5),
                "focus": rng.randint(2, 9),
                "screen time": rng.randint(1, 9),
            }
            repo.save_check_in(
                CheckIn(
                    day,
                    ratings=ratings,
                    adherence=adherence,
                    tags=tuple(rng.sample(TAGS, k=rng.choice((0, 1, 1, 2)))),
                    note=rng.choice(NOTES) if rng.random() < 0.3 else "",
                    unusual="ill" if rng.random() < 0.01 else None,
                )
            )
        persisted = 0
        for experiment in experiments:
            end = schedules.end_date(experiment.schedule)
            if experiment.id is not None and end is not None and end < today:
                kind = (DecisionKind.PERSIST, DecisionKind.ADJUST, DecisionKind.STOP)[
                    experiment.id % 3
                ]
                if kind is DecisionKind.PERSIST and persisted == MOST_PERSISTED:
                    kind = DecisionKind.STOP
                persisted += kind is DecisionKind.PERSIST
                repo.add_decision(Decision(experiment.id, kind, "benchmark decision", end))


def build(
    path: Path,
    days: int = DAYS,
    seed: int = 10,
    today: dt.date = TODAY,
    experiments: int = EXPERIMENTS,
) -> Path:
    """Create the ten-year database at ``path`` (which must not exist yet)."""
    from wlitracker.storage.database import open_database
    from wlitracker.storage.repository import SqliteRepository

    repo = SqliteRepository(open_database(path), path)
    try:
        fill(repo, today, days, seed, experiments)
    finally:
        repo.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--experiments", type=int, default=EXPERIMENTS)
    args = parser.parse_args(argv)
    build(args.path, args.days, args.seed, experiments=args.experiments)
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
