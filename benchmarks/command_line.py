"""The command line as a person runs it, against Python doing the same SQL.

Each command (``log``, ``show``, ``history --json``) runs as the installed
``wlitracker`` script of this environment, a fresh process each time, with ``.pyc``
files written (as an installed package has them). Its reference in the same run is
``python -c`` with sqlite3 executing the very statements the command executed: they
are recorded once from the command itself (sqlite3's trace callback) and replayed
on the same journal file, so the floor opens the journal, reads and writes what the
command does, and nothing else. The two are taken in turn, so a slow spell on a
shared machine hits both. Budget: each command within 2x its floor.

Run: uv run python -m benchmarks.command_line [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import tenyear
from benchmarks.result_table import table
from benchmarks.results import Result, within_ratio


# The journal ends today (the commands run on the real clock); the day shown and logged
# is a recent one with a check-in.
def _day() -> str:
    return (dt.date.today() - dt.timedelta(days=6)).isoformat()


COMMANDS: dict[str, tuple[str, ...]] = {
    "log": ("log", "--date", "{day}", "--satisfaction", "{value}"),
    "show": ("show", "--date", "{day}"),
    "history": ("history", "--json"),
}


def _arguments(name: str, value: int) -> list[str]:
    return [part.format(day=_day(), value=value) for part in COMMANDS[name]]


def script() -> list[str]:
    """The installed console script (what a person types), else ``python -m``."""
    installed = Path(sys.executable).with_name("wlitracker")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "wlitracker"]


def environment(home: Path) -> dict[str, str]:
    """The user's environment with ``.pyc`` writing on, and settings and logs kept in ``home``."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "WLITRACKER_DB")
    }
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return env


@contextlib.contextmanager
def _private_home(home: Path) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(environment(home))
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
            handler.close()
        os.environ.clear()
        os.environ.update(saved)


def record_sql(db: Path, arguments: list[str], home: Path) -> list[str]:
    """The statements (values filled in) that the command executes, run in this process."""
    from wlitracker import app

    statements: list[str] = []
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    try:
        with _private_home(home):
            err = io.StringIO()
            code = app.main(["--db", str(db), *arguments], out=io.StringIO(), err=err)
    finally:
        sqlite3.connect = real
    if code != 0:
        raise RuntimeError(f"{arguments}: {err.getvalue()}")
    return statements


def floor_code(db: Path, statements: list[str]) -> str:
    return (
        "import sqlite3\n"
        f"c = sqlite3.connect({str(db)!r}, timeout=5, isolation_level=None)\n"
        f"for s in {statements!r}:\n"
        "    c.execute(s).fetchall()\n"
    )


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]}...: {result.stderr.decode()[-2000:]}")
    return elapsed


def measure(runs: int = 15, quick: bool = False) -> list[Result]:
    from benchmarks.startup import compile_package

    compile_package()
    days = 60 if quick else tenyear.DAYS
    runs = 1 if quick else runs
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = tenyear.build(home / "journal.db", days, today=dt.date.today())
        env = environment(home)
        wlitracker = [*script(), "--db", str(db)]
        for name in COMMANDS:
            if name == "log":  # recorded from a run that changes the day, so it writes
                record_sql(db, _arguments(name, 9), home)
            statements = record_sql(db, _arguments(name, 5), home)
            floor = [sys.executable, "-c", floor_code(db, statements)]
            samples: list[float] = []
            reference: list[float] = []
            for run in range(runs + 1):  # the first of each writes .pyc and warms the cache
                # ``log`` changes the value every time, so every run writes the day.
                app_time = _timed([*wlitracker, *_arguments(name, 6 + run % 2)], env)
                floor_time = _timed(floor, env)
                if run:
                    samples.append(app_time)
                    reference.append(floor_time)
            if quick:
                samples, reference = [app_time], [floor_time]
            label = " ".join(COMMANDS[name][:1] + (("--json",) if name == "history" else ()))
            results.append(
                within_ratio(
                    f"cli.{name}",
                    f"wlitracker {label} ({days} days)",
                    samples,
                    reference,
                    "python -c, sqlite3 running the same statements",
                    2.0,
                )
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="tiny data, one run each")
    args = parser.parse_args(argv)
    print(table(measure(args.runs, args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
