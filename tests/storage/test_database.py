"""Opening databases: safe defaults, old versions upgraded, bad files refused untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from wlitracker.core.model.errors import DatabaseError
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database, schema_version
from wlitracker.storage.migrations import KNOWN
from wlitracker.storage.repository import SqliteRepository

DATA = Path(__file__).parent / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "journal.db"
    db = open_database(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert schema_version(db) == list(KNOWN)
        names = set(db.table_names())
        assert {
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
        } <= names
    finally:
        db.close()


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_database(db_path).close()
    db = open_database(db_path)
    try:
        assert schema_version(db) == list(KNOWN)
        assert db.execute("SELECT count(*) FROM metrics").fetchone()[0] == 2
    finally:
        db.close()


def test_database_made_by_the_first_schema_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "schema_0001.sql").read_text())
    conn.close()
    db = open_database(path)
    repo = SqliteRepository(db, path)
    try:
        journal = Journal(repo, lambda: dt.date(2026, 3, 16))
        assert len(journal.check_ins.history()) > 20
        assert {m.name for m in journal.metrics.list()} >= {"satisfaction", "guilt", "energy"}
        assert journal.experiments.views()
        assert schema_version(db) == list(KNOWN)
    finally:
        repo.close()


def test_experiments_of_the_first_schema_become_kind_experiment(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "schema_0001.sql").read_text())
    conn.close()
    db = open_database(path)
    repo = SqliteRepository(db, path)
    try:
        kinds = {row[0] for row in db.execute("SELECT kind FROM experiments")}
        assert kinds == {"experiment"}
        experiments = repo.list_experiments()
        assert experiments and all(e.kind == "experiment" for e in experiments)
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE experiments SET kind = 'habit'")
    finally:
        repo.close()


def test_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('wlitracker', '0099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path) -> None:
    db_path.write_text("my shopping list\n" * 100)
    before = _digest(db_path)
    with pytest.raises(DatabaseError, match="not a wlitracker database"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_another_programs_database_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(DatabaseError, match="another program"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder"):
        open_database(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_database_gets_a_clear_message(db_path: Path) -> None:
    open_database(db_path).close()
    db_path.chmod(0o400)
    with pytest.raises(DatabaseError, match="read-only"):
        db = open_database(db_path)
        SqliteRepository(db, db_path).set_setting("x", "y")


def test_locked_database_gets_a_clear_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wlitracker.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    repo = SqliteRepository(open_database(db_path), db_path)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError, match="locked"):
            blocked = SqliteRepository(open_database(db_path), db_path)
            blocked.set_setting("x", "y")
    finally:
        other.rollback()
        other.close()
        repo.close()


def test_unwritable_location_gets_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="Cannot create"):
        open_database(blocker / "journal.db")


def test_read_only_error_is_described(db_path: Path) -> None:
    from wlitracker.storage.database import describe_sqlite_error

    open_database(db_path).close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    finally:
        conn.close()
    message = str(describe_sqlite_error(db_path, caught.value))
    assert "read-only" in message and str(db_path) in message
