"""Arguments that are not UTF-8 text get one line naming the argument, never an internal
error, and nothing is written: not by a command run in this process, nor by the real
``wlitracker`` given the raw bytes by another process."""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wlitracker import app

BYTES = b"\xff\xfe"
AS_PYTHON_GETS_THEM = os.fsdecode(BYTES)  # lone surrogates, as in sys.argv
LATIN_1_NAME = os.fsdecode(b"caf\xe9.csv")  # a file name written in Latin-1


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = app.main(list(args), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _dump(db_path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return sorted(conn.execute("SELECT date, note FROM check_ins").fetchall())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--note", AS_PYTHON_GETS_THEM], "--note: '\\xff\\xfe' is not UTF-8 text"),
        (["log", f"--note=ok{AS_PYTHON_GETS_THEM}"], "--note: 'ok\\xff\\xfe' is not UTF-8 text"),
        (["log", "--tag", "gym", "--tag", AS_PYTHON_GETS_THEM], "--tag: '\\xff\\xfe' is not"),
        (["log", "--unusual", AS_PYTHON_GETS_THEM], "--unusual: '\\xff\\xfe' is not UTF-8"),
        (["log", "--rate", f"energy{AS_PYTHON_GETS_THEM}=3"], "--rate: 'energy\\xff\\xfe=3'"),
        (["import", LATIN_1_NAME], "argument 4: 'caf\\xe9.csv' is not"),
    ],
)
def test_a_non_utf8_argument_is_refused_naming_it(
    db_path: Path, args: list[str], message: str
) -> None:
    assert _run("--db", str(db_path), "log", "--note", "kept")[0] == 0
    before = _dump(db_path)

    status, out, err = _run("--db", str(db_path), *args)

    assert (status, out) == (2, "")
    assert err.startswith("wlitracker: error: ") and err.count("\n") == 1, err
    assert message in err and "Nothing was changed" in err
    assert "internal error" not in err
    assert _dump(db_path) == before


def test_a_non_utf8_database_path_is_refused_before_anything_is_created(tmp_path: Path) -> None:
    target = tmp_path / f"journal{AS_PYTHON_GETS_THEM}.db"
    status, _, err = _run("--db", str(target), "show")
    assert status == 2 and "--db: '" in err and "is not UTF-8 text" in err
    assert list(tmp_path.iterdir()) == []


def test_the_real_command_given_raw_bytes_says_which_argument(db_path: Path) -> None:
    command = [os.fsencode(sys.executable), b"-m", b"wlitracker", b"--db", os.fsencode(db_path)]
    env = {**os.environ, "WLITRACKER_DB": ""}
    first = subprocess.run(
        [*command, b"log", b"--note", b"kept"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert first.returncode == 0, first.stderr

    done = subprocess.run(
        [*command, b"log", b"--note", BYTES], capture_output=True, env=env, timeout=120, check=False
    )

    assert done.returncode == 2, done.stderr
    assert done.stdout == b""
    line = done.stderr.decode("utf-8")
    assert line == (
        "wlitracker: error: --note: '\\xff\\xfe' is not UTF-8 text; give it as UTF-8. "
        "Nothing was changed.\n"
    )
    assert [note for _, note in _dump(db_path)] == ["kept"]
