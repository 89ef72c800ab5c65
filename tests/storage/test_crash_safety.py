"""A process killed while writing never loses a check-in it reported as saved.

A child process writes check-ins through the real service layer (``Journal``
over ``SqliteRepository``) and prints each day once ``update`` has returned.
The parent kills it with SIGKILL at a random moment, again and again, then
checks that every acknowledged day is stored whole and the file is sound.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wlitracker.core.services.journal import Journal
from wlitracker.storage.backups import integrity_problems
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

ROUNDS = 20
TIME_BUDGET_S = 25.0
DAYS_PER_ROUND = 600  # 20 rounds fit between 1990 and the fixed today

WRITER = r"""
import datetime as dt
import sys
from pathlib import Path

from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

path = Path(sys.argv[1])
first = dt.date.fromisoformat(sys.argv[2])
count = int(sys.argv[3])
today = dt.date(2026, 3, 16)
journal = Journal(SqliteRepository(open_database(path), path), lambda: today)
print("READY", flush=True)
for i in range(count):
    day = first + dt.timedelta(days=i)
    journal.check_ins.update(
        day,
        ratings={"satisfaction": i % 11, "guilt": (i * 7) % 11},
        add_tags=["killed", f"tag{i % 5}"],
        note=f"day {i} " + "x" * (i % 300),
    )
    print(day.isoformat(), flush=True)
"""


def _expected(day: dt.date, first: dt.date) -> tuple[dict[str, int], str]:
    i = (day - first).days
    return {"satisfaction": i % 11, "guilt": (i * 7) % 11}, f"day {i} " + "x" * (i % 300)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_writes_never_loses_an_acknowledged_check_in(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    open_database(path).close()  # created and migrated up front: children only write
    rng = random.Random(20260316)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    acknowledged: dict[dt.date, dt.date] = {}  # day -> first day of its round
    started = time.monotonic()
    rounds = killed = 0
    while rounds < ROUNDS and time.monotonic() - started < TIME_BUDGET_S:
        first = dt.date(1990, 1, 1) + dt.timedelta(days=rounds * DAYS_PER_ROUND)
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), first.isoformat(), str(DAYS_PER_ROUND)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"READY\n", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.1))  # kill at a random moment while it writes
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        # A fast disk may let a child finish its days before the kill lands.
        assert child.returncode in (-signal.SIGKILL, 0), err.decode()[-2000:]
        killed += child.returncode == -signal.SIGKILL
        for line in out.decode().splitlines(keepends=True):
            if line.endswith("\n"):  # a line cut short by the kill was not acknowledged
                acknowledged[dt.date.fromisoformat(line.strip())] = first
        rounds += 1
    assert rounds >= 10, f"only {rounds} rounds fit in the time budget"
    assert killed >= rounds // 2, f"only {killed} of {rounds} children were killed mid-way"
    assert acknowledged, "no check-in was acknowledged before the kills"

    repo = SqliteRepository(open_database(path), path)
    try:
        assert integrity_problems(repo.db.conn) == []
        journal = Journal(repo, lambda: dt.date(2026, 3, 16))
        stored = {c.date: c for c in journal.check_ins.history()}
        missing = sorted(set(acknowledged) - set(stored))
        assert missing == [], f"{len(missing)} acknowledged check-ins were lost"
        for day, first in acknowledged.items():
            ratings, note = _expected(day, first)
            check_in = stored[day]
            assert (check_in.ratings, check_in.note) == (ratings, note)
            assert "killed" in check_in.tags
        # Days written but not yet acknowledged may be stored; they must be whole too.
        for check_in in stored.values():
            assert set(check_in.ratings) == {"satisfaction", "guilt"}
            assert len(check_in.tags) == 2
    finally:
        repo.close()
