"""Two command lines creating the same new journal at the same moment both succeed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes

ROUNDS = 50

# Each child runs ``wlitracker --db j<N>.db log ...`` for every round as soon as that
# round's start file appears, so that the two children open each new journal together.
CHILD = textwrap.dedent(
    """
    import io, json, os, sys, time
    from pathlib import Path
    from wlitracker import app

    folder, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    results = []
    for number in range(rounds):
        go = folder / f"go-{number}"
        while not go.exists():
            time.sleep(0.0002)
        err = io.StringIO()
        code = app.main(
            ["--db", str(folder / f"j{number}.db"), "log", "--date", "2026-03-01",
             "--tag", name],
            out=io.StringIO(), err=err,
        )
        results.append([code, err.getvalue()])
    print(json.dumps(results), flush=True)
    """
)


def test_two_command_lines_creating_one_journal_at_once_both_succeed(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path), name, str(ROUNDS)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("first", "second")
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    for number in range(ROUNDS):
        (tmp_path / f"go-{number}").touch()
        time.sleep(0.05)
    outcomes = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        outcomes.append(json.loads(out.strip().splitlines()[-1]))

    failures = [(n, r) for results in outcomes for n, r in enumerate(results) if r[0] != 0]
    assert failures == []
    for number in range(ROUNDS):
        with closing(sqlite3.connect(tmp_path / f"j{number}.db")) as conn:
            tags = {row[0] for row in conn.execute("SELECT tag FROM check_in_tags")}
        assert tags == {"first", "second"}, number
