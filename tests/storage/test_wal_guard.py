"""The guard before each write: a write-ahead log deleted under the connection is noticed.

Its deletion means this process lost its SQLite locks and another one checkpointed
the log and removed it; writing on into the deleted file would lose the write at
the next crash. The connection reopens instead, and says so in the log.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

DAY = dt.date(2026, 3, 10)


def _notes(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(conn.execute("SELECT date, note FROM check_ins").fetchall())


def test_a_deleted_log_makes_the_next_write_reopen_the_journal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_path = tmp_path / "journal.db"
    db = open_database(db_path)
    journal = Journal(SqliteRepository(db, db_path), lambda: DAY + dt.timedelta(days=5))
    journal.check_ins.update(DAY, note="before")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as the process that deletes it does first
    for suffix in ("-wal", "-shm"):
        os.unlink(f"{db_path}{suffix}")

    with caplog.at_level(logging.WARNING):
        journal.check_ins.update(DAY + dt.timedelta(days=1), note="after")

    assert db.generation == 1
    assert "write-ahead log" in caplog.text and "deleted" in caplog.text
    assert Path(f"{db_path}-wal").exists()  # the new connection writes to a log on disk
    assert journal.check_ins.get(DAY).note == "before"  # and reads what was there
    db.close()
    assert _notes(db_path) == {"2026-03-10": "before", "2026-03-11": "after"}


def test_a_log_that_is_still_there_is_left_alone(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.db"
    db = open_database(db_path)
    journal = Journal(SqliteRepository(db, db_path), lambda: DAY + dt.timedelta(days=5))
    for offset in range(3):
        journal.check_ins.update(DAY + dt.timedelta(days=offset), note=str(offset))
    assert db.generation == 0
    db.close()


CHILD = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from wlitracker.app import open_journal

    db = Path(sys.argv[1])
    journal, _ = open_journal(db)
    for line in sys.stdin:
        word, _, rest = line.strip().partition(" ")
        if word == "save":
            day, note = rest.split(" ", 1)
            journal.check_ins.update(dt.date.fromisoformat(day), note=note)
        elif word == "stray-close":  # what Qt's file dialog did: read the file, close it
            with open(db, "rb") as handle:
                handle.read(100)
        print("done", flush=True)
    """
)


@pytest.mark.processes
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")
def test_after_a_stray_close_and_another_process_the_next_save_survives_kill_9(
    tmp_path: Path,
) -> None:
    db = tmp_path / "journal.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None

    def ask(line: str) -> None:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(line + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "done"

    try:
        ask("save 2026-03-10 first")
        ask("stray-close")  # the child's locks are gone now
        # Another process opens and closes the journal: believing itself alone, it
        # checkpoints the log into the journal and deletes it.
        with closing(sqlite3.connect(db)) as other:
            other.execute("SELECT count(*) FROM check_ins").fetchone()
        assert not Path(f"{db}-wal").exists()
        ask("save 2026-03-11 second")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdin.close()
        child.stdout.close()

    assert _notes(db) == {"2026-03-10": "first", "2026-03-11": "second"}
