"""On a real SQLite journal, a write failing halfway through a use case leaves no trace.

A trigger makes one chosen insert (or update) fail inside the use case's
transaction, after some of its writes have been made. A fresh connection then
reads the whole file back: it holds exactly what it held before, and nobody was
told of a change. Every way in is covered: check-ins, experiments, decisions,
metrics, the imports of each format, the demo and the welcome.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import TODAY
from wlitracker import app
from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, CheckIn, DecisionKind
from wlitracker.core.model.errors import WliError
from wlitracker.core.model.record import replace
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.interop import importing, native
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

DATA = Path(__file__).parents[1] / "interop" / "data"


def dump(db_path: Path) -> list[str]:
    """Everything in the file, read through a connection of its own."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def fail_on(
    db_path: Path, table: str, *, event: str = "INSERT", after: int = 0, when: str = "1"
) -> None:
    """Make the write to ``table`` after the first ``after`` ones (that match ``when``) fail."""
    conn = sqlite3.connect(db_path)
    try:
        conn.executescript(
            f"""
            CREATE TABLE test_writes (n INTEGER NOT NULL);
            INSERT INTO test_writes VALUES (0);
            CREATE TRIGGER test_interrupt BEFORE {event} ON {table} WHEN ({when}) BEGIN
                UPDATE test_writes SET n = n + 1;
                SELECT RAISE(ABORT, 'interrupted halfway')
                WHERE (SELECT n FROM test_writes) > {after};
            END;
            """
        )
    finally:
        conn.close()


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    repo = SqliteRepository(open_database(db_path), db_path)
    journal = Journal(repo, lambda: TODAY, protected=(db_path,))
    journal.metrics.add("energy", 0, 10, "higher")
    journal.experiments.create(template("short-breaks").to_experiment(TODAY))
    journal.check_ins.update(
        TODAY - dt.timedelta(days=1), ratings={"satisfaction": 6, "energy": 4}, add_tags=["gym"]
    )
    journal.preferences.set_intentions(["Less stress"])
    yield journal
    repo.close()


def _running(journal: Journal) -> int:
    return journal.experiments.views()[0].id


def _import(path: Path, **mood_map: int | None) -> Callable[[Journal], object]:
    def run(journal: Journal) -> object:
        plan = importing.preview(journal, path, "auto", mood_map)
        assert not plan.adds_nothing
        return importing.apply_import(journal, plan)

    return run


def _own_csv(folder: Path) -> Path:
    source = Journal(
        SqliteRepository(open_database(folder / "source.db"), folder / "source.db"),
        lambda: TODAY,
    )
    source.metrics.add("focus", 1, 5, "higher")
    for offset in range(5):
        day = TODAY - dt.timedelta(days=offset + 2)
        source.check_ins.update(day, ratings={"focus": 3, "guilt": offset}, note=f"day {offset}")
    return native.write_csv(source, folder / "export.csv")


def _json_export(folder: Path) -> Path:
    source = Journal(
        SqliteRepository(open_database(folder / "source.db"), folder / "source.db"),
        lambda: TODAY,
    )
    source.metrics.add("focus", 1, 5, "higher")
    experiment = source.experiments.create(template("commute-call").to_experiment(TODAY))
    assert experiment.id is not None
    source.check_ins.update(TODAY, ratings={"focus": 4}, adherence={experiment.id: Adherence.DONE})
    source.experiments.decide(experiment.id, DecisionKind.STOP, "Not for me")
    source.preferences.set_theme("dark")
    return native.write_json(source, folder / "export.json")


# name: (the failing write, the use case); the write chosen comes after others of it.
CASES: dict[str, tuple[dict[str, object], Callable[[Path], Callable[[Journal], object]]]] = {
    "check-in save": (
        {"table": "adherence"},  # after the day, its ratings and its tags
        lambda _: (
            lambda j: j.check_ins.save(
                CheckIn(
                    TODAY,
                    ratings={"satisfaction": 8, "energy": 5},
                    adherence={_running(j): Adherence.DONE},
                    tags=("late",),
                    note="new",
                )
            )
        ),
    ),
    "experiment create": (
        {"table": "experiment_phases", "after": 1},  # its second phase
        lambda _: lambda j: j.experiments.create(template("midday-exercise").to_experiment(TODAY)),
    ),
    "experiment update": (
        {"table": "experiment_phases", "after": 2},
        lambda _: (
            lambda j: j.experiments.update(
                replace(
                    j.experiments.get(_running(j)),
                    title="Short breaks, twice a day",
                    schedule=schedules.abab(5, TODAY),
                )
            )
        ),
    ),
    "decision (adjust)": (
        {"table": "decisions"},  # after the new version is stored
        lambda _: (
            lambda j: j.experiments.decide(
                _running(j), DecisionKind.ADJUST, "Twice a day is enough"
            )
        ),
    ),
    "metric add": (
        {"table": "metrics"},
        lambda _: lambda j: j.metrics.add("stress", 0, 10, "lower"),
    ),
    "metric rename": (
        {"table": "metrics", "event": "UPDATE"},
        lambda _: lambda j: j.metrics.rename("energy", "vigour"),
    ),
    "import Daylio": (
        {"table": "check_ins", "after": 2},  # the mood metric and two days are in
        lambda folder: _import(Path(shutil.copy(DATA / "daylio" / "year_english.csv", folder))),
    ),
    "import Loop Habit Tracker": (
        {"table": "decisions"},  # its routines and their days are in; the archived one stops
        lambda folder: _import(shutil.copytree(DATA / "loop" / "v3", folder / "loop")),
    ),
    "import own CSV": (
        {"table": "check_ins", "after": 3},
        lambda folder: _import(_own_csv(folder)),
    ),
    "import own JSON (into an empty journal)": (
        {"table": "settings", "when": "NEW.key = 'theme'"},  # the very last write
        lambda folder: _import(_json_export(folder)),
    ),
    "demo (replacing the journal)": (
        {"table": "decisions", "after": 3},
        lambda _: lambda j: j.demo.fill(force=True),
    ),
    "welcome": (
        {"table": "settings", "when": "NEW.key = 'welcome_done'"},  # after all the rest
        lambda _: (
            lambda j: j.welcome.finish(
                ["Less stress", "Caring for family"], (4, 2, 5, 3, 4, 2, 4), "commute-call", None
            )
        ),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_write_failing_halfway_leaves_the_file_as_it_was(
    name: str, journal: Journal, db_path: Path, tmp_path: Path
) -> None:
    failing, make = CASES[name]
    folder = tmp_path / "files"
    folder.mkdir()
    use_case = make(folder)
    if name.startswith("import own JSON"):
        journal.repo.clear()  # a whole journal is imported only into an empty one
    fail_on(db_path, **failing)  # type: ignore[arg-type]
    before = dump(db_path)
    announced: list[None] = []
    journal.changed.connect(lambda: announced.append(None))

    with pytest.raises(WliError, match="interrupted halfway"):
        use_case(journal)

    assert dump(db_path) == before
    assert announced == []
    conn = sqlite3.connect(db_path)
    try:
        conn.executescript("DROP TRIGGER test_interrupt; DROP TABLE test_writes;")
    finally:
        conn.close()
    use_case(journal)  # the same use case, undisturbed, lands and says so once
    assert dump(db_path) != before
    assert len(announced) == 1


def test_a_restore_is_announced_once(journal: Journal, db_path: Path) -> None:
    backups = app.LazyBackups(db_path, journal)
    backup = backups.back_up()
    journal.check_ins.update(TODAY, ratings={"guilt": 9})
    announced: list[None] = []
    journal.changed.connect(lambda: announced.append(None))

    backups.restore(backup.path)

    assert announced == [None]
    # What the window refreshes to: the journal as backed up.
    assert journal.check_ins.get(TODAY).ratings == {}
    assert journal.check_ins.get(TODAY - dt.timedelta(days=1)).ratings["energy"] == 4
