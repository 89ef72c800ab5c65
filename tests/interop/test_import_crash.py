"""A window killed in the middle of an import leaves no half import.

A child process opens the journal as the window does (``app.open_journal`` and the
window's ``Imports``), previews a long Daylio export and applies it. Once it has
written hundreds of days inside the import's transaction it says so and waits; the
parent kills it with SIGKILL. A third process then reads the journal: it holds
exactly what it held before, no day and no metric of the import, and is sound.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

TODAY = dt.date(2026, 3, 16)
DAYS = 2000
MIDWAY = 800

IMPORTER = r"""
import datetime as dt
import sys
import time
from pathlib import Path

from wlitracker import app
from wlitracker.core.services.journal import Journal
from wlitracker.storage.repository import SqliteRepository

db_path, export, midway = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
opened, repo = app.open_journal(db_path)
journal = Journal(repo, lambda: dt.date(2026, 3, 16))
imports = app.Imports()
plan = imports.preview(journal, export, {})
written = 0
real_write = SqliteRepository._write_check_in  # each day, whether one or many are saved


def write_check_in(self, check_in, previous, **options):
    global written
    real_write(self, check_in, previous, **options)
    written += 1
    if written == midway:
        print("MIDWAY", self.db.conn.in_transaction, flush=True)
        time.sleep(60)  # killed here, with the import's transaction open


SqliteRepository._write_check_in = write_check_in
imports.apply(journal, plan)
print("FINISHED", flush=True)
"""

READER = r"""
import json
import sys
from pathlib import Path

from wlitracker.storage.backups import integrity_problems
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

path = Path(sys.argv[1])
repo = SqliteRepository(open_database(path), path)
print(json.dumps({
    "days": [c.date.isoformat() for c in repo.list_check_ins()],
    "metrics": [m.name for m in repo.list_metrics()],
    "notes": [c.note for c in repo.list_check_ins()],
    "problems": integrity_problems(repo.db.conn),
    "integrity": [r[0] for r in repo.db.execute("PRAGMA integrity_check")],
    "search": [r[0] for r in repo.db.execute(
        "SELECT date FROM day_search WHERE day_search MATCH 'saved OR morning OR evening'"
    )],
    "triggers": [r[0] for r in repo.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    )],
}))
"""


def _daylio_export(path: Path) -> None:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(DAYS):
        day = TODAY - dt.timedelta(days=1 + i)
        lines.append(
            f"{day.isoformat()},x,x,08:00,{('rad', 'good', 'meh', 'bad')[i % 4]},"
            f'"walk | work","","morning {i} {"z" * 3000}"'
        )
        lines.append(f'{day.isoformat()},x,x,21:00,good,"family","","evening {i}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read(db_path: Path) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", READER, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_an_import_killed_midway_leaves_nothing_of_itself(tmp_path: Path) -> None:
    db_path = tmp_path / "journal.db"
    repo = SqliteRepository(open_database(db_path), db_path)
    Journal(repo, lambda: TODAY).check_ins.update(
        TODAY, ratings={"satisfaction": 6}, note="saved before the import"
    )
    repo.close()
    triggers = _read(db_path)["triggers"]
    assert "day_search_insert" in triggers  # set aside while an import writes its days
    export = tmp_path / "daylio_export.csv"
    _daylio_export(export)

    child = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db_path), str(export), str(MIDWAY)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.split() == ["MIDWAY", "True"], (
            line,
            child.stderr.read() if child.stderr else "",
        )
        # More than SQLite's page cache holds: uncommitted pages have spilled into the WAL.
        assert Path(f"{db_path}-wal").stat().st_size > 0
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    after = _read(db_path)

    assert after["days"] == [TODAY.isoformat()]
    assert after["notes"] == ["saved before the import"]
    assert "mood" not in after["metrics"]
    assert after["problems"] == [] and after["integrity"] == ["ok"]
    assert after["triggers"] == triggers and after["search"] == [TODAY.isoformat()]


def test_the_same_import_not_killed_lands_whole(tmp_path: Path) -> None:
    """The killed run above was stopped inside an import that otherwise completes."""
    db_path = tmp_path / "journal.db"
    open_database(db_path).close()
    export = tmp_path / "daylio_export.csv"
    _daylio_export(export)

    done = subprocess.run(
        [sys.executable, "-c", IMPORTER, str(db_path), str(export), str(DAYS + 1)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.stdout.split() == ["FINISHED"], done.stderr
    after = _read(db_path)
    assert len(after["days"]) == DAYS
    assert "mood" in after["metrics"]
    assert after["integrity"] == ["ok"]
    assert len(after["search"]) == DAYS and "day_search_insert" in after["triggers"]
