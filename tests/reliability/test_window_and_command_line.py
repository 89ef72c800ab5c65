"""The window and the command line on one journal, as separate processes.

For every action of the window that touches files (each file dialog, browsed in
the journal's folder and cancelled; import, the journal offered as an import,
report, chart, backup, restore, the demo and back), then a command-line run on
the same journal, then a save in the window: the window keeps its SQLite locks,
its write-ahead log is never deleted under it, and after ``kill -9`` a third
process reads every save back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc for locks and descriptors"),
]

HERE = Path(__file__).parent
DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2026-01-05,January 5,Monday,20:00,good,work | family,,A calm day\n"
    "2026-01-06,January 6,Tuesday,21:10,meh,work,,\n"
)


class Window:
    """The child process of ``window_process.py``, one command and one answer a line."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "window_process.py"), str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=db.parent,
            env=env,
        )
        first = self._answer()
        assert first["ok"] == "ready", first
        self.pid = int(str(first["pid"]))

    def _answer(self) -> dict[str, object]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(10)
            assert self.proc.stderr is not None
            raise AssertionError(f"the window process ended: {self.proc.stderr.read()[-3000:]}")
        answer: dict[str, object] = json.loads(line)
        return answer

    def ask(self, command: str) -> object:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self._answer()
        assert "error" not in answer, f"{command}: {answer['error']}"
        return answer["ok"]

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.proc.wait(10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    values = dict(os.environ)
    values.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        MPLCONFIGDIR=str(home / "mpl"),
    )
    return values


@pytest.fixture
def journal_path(tmp_path: Path, env: dict[str, str]) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir()
    db = folder / "journal.db"
    # A little history, an experiment and an import file beside the journal.
    cli(db, env, "log", "--date", "2026-01-10", "--satisfaction", "6", "--note", "first")
    cli(db, env, "experiment", "add", "--title", "Midday walk", "--start", "2026-01-11")
    (folder / "daylio.csv").write_text(DAYLIO, encoding="utf-8")
    return db


@pytest.fixture
def window(journal_path: Path, env: dict[str, str]) -> Iterator[Window]:
    win = Window(journal_path, env)
    yield win
    if win.proc.poll() is None:
        win.kill()


def cli(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "wlitracker", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


ACTIONS = (
    "dialog import-file",
    "dialog import-folder",
    "dialog save-chart",
    "dialog export-report",
    "dialog restore-from-file",
    "dialog backup-folder",
    "action import {folder}/daylio.csv",
    "action import-journal {db}",
    "action report {folder}/report.pdf",
    "action chart {folder}/trend.png",
    "action backup",
    "action restore",
    "action demo",
)


def test_nothing_the_window_does_with_files_lets_the_command_line_lose_its_saves(
    window: Window, journal_path: Path, env: dict[str, str]
) -> None:
    folder = journal_path.parent
    held = window.ask("locks")
    assert isinstance(held, list)
    assert held, "the window holds SQLite locks on its journal"
    saved: dict[str, str] = {}
    day = dt.date(2026, 2, 1)
    for number, action in enumerate(ACTIONS):
        command = action.format(folder=folder, db=journal_path)
        answer = window.ask(command)
        if "import-journal" in command:
            assert str(answer).startswith("refused:"), answer
        if command == "action restore":  # back to the backup: the save made after it goes
            saved.pop((day - dt.timedelta(days=1)).isoformat())
        now = window.ask("locks")
        assert isinstance(now, list)
        assert set(held) <= set(now), f"the window lost its locks after {command!r}"
        cli(journal_path, env, "show", "--date", "2026-01-10")  # opens and closes the journal
        cli(journal_path, env, "log", "--date", "2026-01-31", "--note", f"cli {number}")
        if number % 4 == 0:  # and now and then an export, into the journal's folder
            cli(journal_path, env, "export", "--format", "json", "-o", str(folder / "all.json"))
        assert window.ask("wal-deleted") is False, f"the log was deleted after {command!r}"
        note = f"window save after {action.split()[1]}"
        window.ask(f"save {day.isoformat()} {note}")
        saved[day.isoformat()] = note
        day += dt.timedelta(days=1)

    window.kill()

    history = json.loads(cli(journal_path, env, "history", "--json").stdout)
    notes = {entry["date"]: entry["note"] for entry in history}
    for date, note in saved.items():
        assert notes.get(date) == note, f"{date}: the save {note!r} was lost"
    with closing(sqlite3.connect(journal_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
