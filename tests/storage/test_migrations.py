"""Schema upgrades on real databases made by older versions: every row kept, and any
SQLite tool (the library in this process, the system's ``sqlite3``) calls the result sound."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from wlitracker.core.model.entities import DecisionKind, metric_label
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database, schema_version
from wlitracker.storage.migrations import KNOWN, migration_set
from wlitracker.storage.repository import SqliteRepository

DATA = Path(__file__).parent / "data"
TABLES = (
    "metrics",
    "check_ins",
    "ratings",
    "check_in_tags",
    "experiments",
    "experiment_targets",
    "experiment_phases",
    "adherence",
    "decisions",
    "settings",
)
DAY = dt.date(2026, 3, 10)


def _old_database(path: Path, last_step: str) -> None:
    """A database as the version whose newest migration was ``last_step`` made it."""
    later = KNOWN[KNOWN.index(last_step) + 1 :]
    conn = sqlite3.connect(path)
    try:
        migration_set().apply(Database(conn), stop_before=list(later) or None)
        conn.executescript(
            """
            INSERT INTO metrics (id, name, min_value, max_value, better)
                VALUES (3, 'energy', 1, 5, 'higher');
            INSERT INTO check_ins (date, note, unusual) VALUES
                ('2026-03-09', 'first', NULL), ('2026-03-10', 'second', 'ill');
            INSERT INTO ratings (date, metric_id, value) VALUES
                ('2026-03-09', 1, 7), ('2026-03-09', 2, 3), ('2026-03-09', 3, 4),
                ('2026-03-10', 1, 5);
            INSERT INTO check_in_tags (date, position, tag) VALUES
                ('2026-03-09', 0, 'gym'), ('2026-03-09', 1, 'family dinner'),
                ('2026-03-10', 0, 'travel'), ('2026-03-10', 1, 'deadline'),
                ('2026-03-10', 2, 'a');
            INSERT INTO experiments (id, title, start_date, created_on)
                VALUES (1, 'Short breaks', '2026-03-01', '2026-02-28');
            INSERT INTO experiment_targets (experiment_id, position, metric_id, better)
                VALUES (1, 0, 2, 'lower'), (1, 1, 1, 'higher'), (1, 2, 3, 'higher');
            INSERT INTO experiment_phases (experiment_id, position, kind, days)
                VALUES (1, 0, 'baseline', 7), (1, 1, 'trial', 7);
            INSERT INTO adherence (experiment_id, date, mark)
                VALUES (1, '2026-03-09', 'done'), (1, '2026-03-10', 'partly');
            INSERT INTO settings (key, value) VALUES ('theme', 'dark');
            """
        )
        conn.commit()
    finally:
        conn.close()


def _contents(path: Path) -> dict[str, set[tuple[tuple[str, Any], ...]]]:
    """Every row of every table, by column name (so a new column order compares equal).

    ``experiments.kind``, the ``uid`` columns of 0006_sync and ``metrics.label`` of
    0007_metric_labels are left out: the first schema had no such columns.
    """
    conn = sqlite3.connect(path)
    try:
        contents = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            kept = [
                (n != "kind" or table != "experiments") and n not in ("uid", "label") for n in names
            ]
            contents[table] = {
                tuple(sorted((n, v) for n, v, k in zip(names, row, kept, strict=True) if k))
                for row in cursor
            }
        return contents
    finally:
        conn.close()


@pytest.fixture(
    params=["0001_initial_schema", "0002_experiment_kind", "0003_key_columns_first", "0006_sync"]
)
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    _old_database(path, request.param)
    return path


def test_an_old_database_keeps_every_row_and_checks_ok(old_db: Path) -> None:
    before = _contents(old_db)
    db = open_database(old_db)
    try:
        assert schema_version(db) == list(KNOWN)
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    assert _contents(old_db) == before


def test_the_upgrade_gives_every_row_a_uid_every_computer_knows(old_db: Path) -> None:
    open_database(old_db).close()
    conn = sqlite3.connect(old_db)
    try:
        for table in ("metrics", "experiments", "decisions"):
            uids = [r[0] for r in conn.execute(f"SELECT uid FROM {table}")]
            assert None not in uids and len(set(uids)) == len(uids), table
        builtin = conn.execute("SELECT uid FROM metrics WHERE builtin = 1 ORDER BY id")
        assert [r[0] for r in builtin] == ["satisfaction", "guilt"]
    finally:
        conn.close()


def test_the_upgrade_labels_each_metric_with_its_name_the_built_in_ones_capitalised(
    old_db: Path,
) -> None:
    open_database(old_db).close()
    conn = sqlite3.connect(old_db)
    try:
        rows = conn.execute("SELECT name, label FROM metrics ORDER BY id").fetchall()
    finally:
        conn.close()
    assert rows == [("satisfaction", "Satisfaction"), ("guilt", "Guilt"), ("energy", "energy")]
    repo = SqliteRepository(open_database(old_db), old_db)
    try:
        journal = Journal(repo, lambda: DAY)
        assert [metric_label(m) for m in journal.metrics.list()] == [
            "Satisfaction",
            "Guilt",
            "energy",
        ]
        journal.metrics.rename("energy", "Energy Level")
        assert journal.metrics.get("ENERGY level").label == "Energy Level"
    finally:
        repo.close()


def test_the_upgraded_journal_reads_as_before(old_db: Path) -> None:
    db = open_database(old_db)
    repo = SqliteRepository(db, old_db)
    try:
        journal = Journal(repo, lambda: DAY)
        first = journal.check_ins.get(DAY - dt.timedelta(days=1))
        assert first.ratings == {"satisfaction": 7, "guilt": 3, "energy": 4}
        assert all(type(v) is int for v in first.ratings.values())
        assert first.tags == ("gym", "family dinner")
        second = journal.check_ins.get(DAY)
        assert second.tags == ("travel", "deadline", "a")  # the order given, not the key's
        assert second.unusual == "ill"
        experiment = journal.experiments.get(1)
        assert [t.metric for t in experiment.targets] == ["guilt", "satisfaction", "energy"]
        # Writing works on the new tables, the index included.
        journal.check_ins.update(DAY, ratings={"guilt": 2}, add_tags=["zebra"])
        assert journal.check_ins.get(DAY).tags == ("travel", "deadline", "a", "zebra")
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT date FROM ratings WHERE metric_id = 2"
        ).fetchall()
        assert any("ratings_by_metric" in str(row) for row in plan)
    finally:
        repo.close()


def test_the_schema_from_the_first_release_checks_ok(tmp_path: Path) -> None:
    """The dump of a database the first release wrote (tags and targets included)."""
    path = tmp_path / "first.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "schema_0001.sql").read_text())
    conn.close()
    before = _contents(path)
    open_database(path).close()
    assert _contents(path) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_ratings_hold_fractions_and_refuse_text(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_database(path)
    try:
        db.execute("INSERT INTO check_ins (date) VALUES ('2026-03-01')")
        db.execute("INSERT INTO ratings (date, metric_id, value) VALUES ('2026-03-01', 1, 3.5)")
        db.execute("INSERT INTO ratings (date, metric_id, value) VALUES ('2026-03-01', 2, 4.0)")
        rows = db.execute("SELECT metric_id, value, typeof(value) FROM ratings").fetchall()
        assert sorted(rows) == [(1, 3.5, "real"), (2, 4, "integer")]
        db.execute("INSERT INTO check_ins (date) VALUES ('2026-03-02')")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(
                "INSERT INTO ratings (date, metric_id, value) VALUES ('2026-03-02', 1, 'high')"
            )
    finally:
        db.close()


def test_the_systems_sqlite3_says_ok(old_db: Path) -> None:
    tool = shutil.which("sqlite3")
    if tool is None:
        pytest.skip("no sqlite3 command on this machine")
    open_database(old_db).close()
    done = subprocess.run(
        [tool, str(old_db), "PRAGMA integrity_check;"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_journal_from_before_routines_can_pause_one(tmp_path: Path) -> None:
    """0005_routines adds the table of pauses and retirements to a journal made before it."""
    path = tmp_path / "old.db"
    _old_database(path, "0003_key_columns_first")
    db = open_database(path)
    repo = SqliteRepository(db, path)
    try:
        journal = Journal(repo, lambda: DAY)
        journal.experiments.decide(1, DecisionKind.PERSIST, "It works")
        journal.routines.pause(1, "Travelling")
        assert [c.reason for c in repo.list_routine_changes(1)] == ["Travelling"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        repo.close()
