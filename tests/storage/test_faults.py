"""Faults from outside: a full disk, a read-only or locked database, a second window.

Each gets a clear message, and nothing is half-written: what was saved stays
saved, and the write that failed left no trace.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wlitracker import app
from wlitracker.core.model.errors import DatabaseError
from wlitracker.core.services.journal import Journal
from wlitracker.storage import backup_files, database
from wlitracker.storage.backups import BackupError, BackupManager, integrity_problems
from wlitracker.storage.connection import Connection
from wlitracker.storage.database import open_database
from wlitracker.storage.instance_lock import InstanceLock, held_elsewhere, lock_path
from wlitracker.storage.repository import SqliteRepository

TODAY = dt.date(2026, 3, 16)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    repo = SqliteRepository(open_database(db_path), db_path)
    journal = Journal(repo, lambda: TODAY)
    journal.check_ins.update(TODAY, ratings={"satisfaction": 7}, add_tags=["gym"], note="kept")
    yield journal
    repo.close()


def _cli(db_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = app.main(["--db", str(db_path), *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _rows_for(db_path: Path, day: dt.date) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return sum(
            conn.execute(
                f"SELECT count(*) FROM {table} WHERE date = ?", (day.isoformat(),)
            ).fetchone()[0]
            for table in ("check_ins", "ratings", "check_in_tags")
        )
    finally:
        conn.close()


# --- a full disk -------------------------------------------------------------------------


def test_a_full_disk_keeps_what_was_saved_and_leaves_no_half_day(
    journal: Journal, db_path: Path
) -> None:
    assert isinstance(journal.repo, SqliteRepository)
    db = journal.repo.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk with almost no room left
    failed: dt.date | None = None
    saved: list[dt.date] = []
    for back in range(1, 400):
        day = TODAY - dt.timedelta(days=back)
        try:
            journal.check_ins.update(
                day,
                ratings={"satisfaction": 5, "guilt": 3},
                add_tags=["travel", "deadline"],
                note="a long note " * 300,
            )
        except DatabaseError as error:
            assert "full" in str(error) and str(db_path) in str(error)
            failed = day
            break
        saved.append(day)
    assert failed is not None, "the tiny disk never filled up"

    db.execute("PRAGMA max_page_count = 1073741823")
    assert journal.repo.get_check_in(failed) is None
    assert _rows_for(db_path, failed) == 0
    assert journal.check_ins.get(TODAY).note == "kept"
    assert all(journal.repo.get_check_in(day) is not None for day in saved)
    assert integrity_problems(db.conn) == []
    journal.check_ins.update(failed, ratings={"guilt": 1})  # room again: writing works


# --- read-only -----------------------------------------------------------------------------


def test_a_read_only_database_says_so_and_changes_nothing(journal: Journal, db_path: Path) -> None:
    before = _digest(db_path)
    conn = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
    repo = SqliteRepository(Connection(conn, db_path), db_path)
    try:
        read_only = Journal(repo, lambda: TODAY)
        assert read_only.check_ins.get(TODAY).note == "kept"  # reading still works
        with pytest.raises(DatabaseError, match="read-only") as caught:
            read_only.check_ins.update(TODAY, ratings={"satisfaction": 1})
        assert str(db_path) in str(caught.value)
    finally:
        repo.close()
    assert journal.check_ins.get(TODAY).ratings == {"satisfaction": 7}
    assert isinstance(journal.repo, SqliteRepository)
    assert integrity_problems(journal.repo.db.conn) == []
    assert _digest(db_path) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_file_and_folder_get_clear_messages(tmp_path: Path) -> None:
    folder = tmp_path / "locked-up"
    folder.mkdir()
    path = folder / "journal.db"
    open_database(path).close()
    path.chmod(0o400)
    folder.chmod(0o500)
    try:
        status, _out, err = _cli(path, "log", "--satisfaction", "3")
        assert status == 2 and err.count("\n") == 1
        assert "read-only" in err or "cannot" in err.lower()
        with pytest.raises(BackupError, match="Cannot"):
            BackupManager(path, folder / "backups").back_up()
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)


def test_a_backup_folder_that_cannot_be_written_leaves_nothing(
    journal: Journal, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup_files, "_create_private", refuse)
    manager = BackupManager(db_path, tmp_path / "backups")
    with pytest.raises(BackupError, match="Permission denied"):
        manager.back_up()
    assert list((tmp_path / "backups").iterdir()) == []


# --- locked ----------------------------------------------------------------------------------


@pytest.fixture
def holder(db_path: Path, journal: Journal) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock, mid-transaction."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings (key, value) VALUES ('other', 'program')")
    yield other
    other.rollback()
    other.close()


def test_a_locked_database_says_so_and_nothing_is_half_written(
    journal: Journal, db_path: Path, holder: sqlite3.Connection
) -> None:
    assert isinstance(journal.repo, SqliteRepository)
    journal.repo.db.execute("PRAGMA busy_timeout = 50")
    day = TODAY - dt.timedelta(days=1)
    with pytest.raises(DatabaseError, match="locked by another program"):
        journal.check_ins.update(day, ratings={"satisfaction": 4}, note="blocked")
    assert journal.check_ins.get(TODAY).note == "kept"  # reading is not blocked (WAL)
    holder.rollback()
    assert journal.repo.get_check_in(day) is None
    journal.check_ins.update(day, ratings={"satisfaction": 4})  # free again: it works
    assert _rows_for(db_path, day) == 2


def test_the_cli_reports_a_locked_database_in_one_line(
    db_path: Path, holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    status, _out, err = _cli(db_path, "log", "--satisfaction", "2")
    assert status == 2 and err.count("\n") == 1 and "locked" in err


def test_a_backup_is_made_while_another_program_holds_the_lock(
    db_path: Path, holder: sqlite3.Connection
) -> None:
    made = BackupManager(db_path).back_up()
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'other'").fetchone() == (0,)
    finally:
        conn.close()


def test_a_restore_into_a_locked_database_changes_nothing(
    db_path: Path, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = BackupManager(db_path)
    made = manager.back_up()
    journal.check_ins.update(TODAY, ratings={"satisfaction": 2})
    monkeypatch.setattr(backup_files, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError, match="locked"):
            manager.restore(made.path)
    finally:
        other.rollback()
        other.close()
    assert journal.check_ins.get(TODAY).ratings == {"satisfaction": 2}


# --- one window per journal ---------------------------------------------------------------


def test_only_one_lock_holder_per_journal(db_path: Path) -> None:
    first, second = InstanceLock(db_path), InstanceLock(db_path)
    try:
        assert first.acquire()
        assert not second.acquire()
        assert held_elsewhere(db_path)
        assert lock_path(db_path) == db_path.with_name("journal.db.lock")
        assert (lock_path(db_path).stat().st_mode & 0o777) == 0o600
    finally:
        first.release()
    assert second.acquire()
    second.release()
    assert not held_elsewhere(db_path)


def test_an_unwritable_lock_location_does_not_stop_the_window(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    lock = InstanceLock(blocker / "journal.db")
    assert lock.acquire() and not lock.held


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_lock_held_by_a_killed_process_is_released(db_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from wlitracker.storage.instance_lock import InstanceLock\n"
        "lock = InstanceLock(Path(sys.argv[1]))\n"
        "print(lock.acquire(), flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "True"
        assert not InstanceLock(db_path).acquire()
        assert held_elsewhere(db_path)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
    assert not held_elsewhere(db_path)  # the OS let go when the process died


def test_the_command_line_is_not_blocked_by_an_open_window(db_path: Path) -> None:
    window = InstanceLock(db_path)
    assert window.acquire()
    try:
        status, out, err = _cli(db_path, "log", "--satisfaction", "6")
        assert (status, err) == (0, "") and "Satisfaction 6" in out
        status, out, err = _cli(db_path, "backup")
        assert (status, err) == (0, "")
        made = out.split("Backed up to ", 1)[1].split(" (", 1)[0]
        before = _digest(db_path)
        status, out, err = _cli(db_path, "restore", made)
        assert status == 2 and out == "" and err.count("\n") == 1
        assert "open in a wlitracker window" in err
        assert _digest(db_path) == before
    finally:
        window.release()
