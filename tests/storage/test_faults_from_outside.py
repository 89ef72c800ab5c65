"""Faults that come from the machine: a read-only journal or folder, a full disk or a
quota during a save, an import and a backup. Each gets one clear line, and nothing
stored is lost: a third process reads back exactly what was saved before.

Permissions mean nothing to root, and the suite runs as root in CI: there the
commands run in a forked child that has dropped to the unprivileged ``nobody``
user. A full disk is a child with ``RLIMIT_FSIZE`` (and SIGXFSZ ignored), so a
write past the limit fails as it does on a full disk or over a quota.
"""

from __future__ import annotations

import io
import json
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wlitracker import app

DAYLIO = "full_date,date,weekday,time,mood,activities,note_title,note\n" + "".join(
    f'2025-{month:02d}-{day:02d},x,x,08:00,good,"walk","","{"n" * 900}"\n'
    for month in range(1, 13)
    for day in range(1, 29)
)


def _read(db_path: Path) -> dict[str, Any]:
    """The journal as a third process sees it."""
    reader = (
        "import json, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "print(json.dumps({\n"
        "  'notes': dict(conn.execute('SELECT date, note FROM check_ins')),\n"
        "  'metrics': [r[0] for r in conn.execute('SELECT name FROM metrics')],\n"
        "  'integrity': [r[0] for r in conn.execute('PRAGMA integrity_check')],\n"
        "}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", reader, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# --- a full disk, a quota, a file-size limit -----------------------------------------------


def _limited(db_path: Path, limit: int | None, *args: str) -> subprocess.CompletedProcess[str]:
    """``wlitracker --db DB ARGS`` in another process that may not write past ``limit``."""

    def limit_files() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return subprocess.run(
        [sys.executable, "-m", "wlitracker", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=limit_files,
        env={**os.environ, "WLITRACKER_DB": ""},
    )


@pytest.fixture
def saved(db_path: Path) -> Path:
    first = _limited(db_path, None, "log", "--date", "2026-03-01", "--note", "saved before")
    assert first.returncode == 0, first.stderr
    return db_path


def _says_full(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and "internal error" not in done.stderr, done.stderr
    assert "is full, or a quota or file-size limit was reached" in done.stderr


def test_a_save_on_a_full_disk_says_so_and_keeps_what_was_saved(saved: Path) -> None:
    done = _limited(saved, 8192, "log", "--date", "2026-03-02", "--note", "x" * 19_000)

    _says_full(done)
    assert "this change was not saved" in done.stderr
    after = _read(saved)
    assert after["notes"] == {"2026-03-01": "saved before"}
    assert after["integrity"] == ["ok"]
    again = _limited(saved, None, "log", "--date", "2026-03-02", "--note", "x" * 19_000)
    assert again.returncode == 0, again.stderr  # with room again, the same save works


def test_an_import_on_a_full_disk_says_so_and_adds_nothing(saved: Path, tmp_path: Path) -> None:
    export = tmp_path / "daylio_export.csv"
    export.write_text(DAYLIO, encoding="utf-8")

    done = _limited(saved, 65536, "import", str(export))

    _says_full(done)
    after = _read(saved)
    assert after["notes"] == {"2026-03-01": "saved before"}
    assert "mood" not in after["metrics"]
    assert after["integrity"] == ["ok"]


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_part_of_a_copy(
    saved: Path, tmp_path: Path
) -> None:
    journal_size = saved.stat().st_size
    assert journal_size > 40_000

    done = _limited(saved, 40_000, "backup")

    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "internal error" not in done.stderr
    assert "is full, or a quota or file-size limit was reached; the backup was not made" in (
        done.stderr
    )
    folder = tmp_path / "backups"
    assert not folder.exists() or list(folder.iterdir()) == []
    assert _read(saved)["notes"] == {"2026-03-01": "saved before"}


def test_the_window_stack_on_a_full_disk_keeps_the_edit_unsaved_and_says_why(
    saved: Path,
) -> None:
    """The window saves through ``app.open_journal`` and the check-in service."""
    script = (
        "import datetime as dt, resource, signal, sys\n"
        "from pathlib import Path\n"
        "from wlitracker import app\n"
        "from wlitracker.core.model.errors import DatabaseError\n"
        "journal, repo = app.open_journal(Path(sys.argv[1]))\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "try:\n"
        "    journal.check_ins.update(dt.date(2026, 3, 2), note='y' * 19000)\n"
        "except DatabaseError as error:\n"
        "    print('REFUSED', error)\n"
        "print(journal.check_ins.get(dt.date(2026, 3, 1)).note)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(saved)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    refused, kept = done.stdout.splitlines()
    assert refused.startswith("REFUSED The disk holding") and "was not saved" in refused
    assert kept == "saved before"
    assert _read(saved)["notes"] == {"2026-03-01": "saved before"}


# --- read-only journal and read-only folder -------------------------------------------------


def _unprivileged() -> pwd.struct_passwd | None:
    """The user to drop to when running as root; ``None`` when not root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop to")


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder the unprivileged user owns, outside root's private temporary folders."""
    user = _unprivileged()
    base = Path(tempfile.mkdtemp(prefix="wlitracker-"))
    base.chmod(0o755)
    inner = base / "journal folder"
    inner.mkdir()
    if user is not None:
        os.chown(inner, user.pw_uid, user.pw_gid)
    try:
        yield inner
    finally:
        inner.chmod(0o700)
        shutil.rmtree(base)


def _run(db_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = app.main(["--db", str(db_path), *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _as_user(db_path: Path, *args: str) -> tuple[int, str, str]:
    """``wlitracker ARGS`` as the person owning the journal: ``nobody`` if we are root.

    The same command first runs on a scratch journal here, so that every module it
    needs is loaded before the child leaves root's files behind.
    """
    user = _unprivileged()
    if user is None:
        return _run(db_path, *args)
    with tempfile.TemporaryDirectory() as scratch:
        _run(Path(scratch) / "warm-up.db", *args)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to the user, run, report, and leave at once
        os.close(read)
        try:
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            result: Any = _run(db_path, *args)
        except BaseException as error:  # reported to the parent, which fails the test
            result = (-1, "", repr(error))
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    status, out, err = json.loads(data)
    return status, out, err


def _refused_read_only(result: tuple[int, str, str]) -> None:
    status, out, err = result
    assert (status, out) == (2, ""), result
    assert err.count("\n") == 1 and "internal error" not in err, err
    assert "is read-only" in err


def test_a_read_only_journal_refuses_changes_and_still_shows_them(
    folder: Path, tmp_path: Path
) -> None:
    db_path = folder / "journal.db"
    assert _as_user(db_path, "log", "--date", "2026-03-01", "--note", "saved before")[0] == 0
    db_path.chmod(0o400)
    export = folder.parent / "daylio_export.csv"
    export.write_text(DAYLIO, encoding="utf-8")
    export.chmod(0o644)

    _refused_read_only(_as_user(db_path, "log", "--date", "2026-03-02", "--note", "new"))
    _refused_read_only(_as_user(db_path, "import", str(export)))
    status, out, _ = _as_user(db_path, "show", "--date", "2026-03-01")
    assert (status, out) == (0, "2026-03-01  (no ratings)\n  note: saved before\n")

    db_path.chmod(0o600)
    after = _read(db_path)
    assert after["notes"] == {"2026-03-01": "saved before"}
    assert "mood" not in after["metrics"] and after["integrity"] == ["ok"]


def test_a_read_only_folder_refuses_changes_and_backups_and_loses_nothing(folder: Path) -> None:
    db_path = folder / "journal.db"
    assert _as_user(db_path, "log", "--date", "2026-03-01", "--note", "saved before")[0] == 0
    folder.chmod(0o500)

    refused = _as_user(db_path, "log", "--date", "2026-03-02", "--note", "new")
    _refused_read_only(refused)
    assert f"The folder {folder} is read-only" in refused[2]
    # SQLite keeps a WAL journal's -wal and -shm beside it, even to read: said plainly.
    shown = _as_user(db_path, "show", "--date", "2026-03-01")
    _refused_read_only(shown)
    assert "Make the folder writable" in shown[2]
    status, out, err = _as_user(db_path, "backup")
    assert status == 2 and out == "" and err.count("\n") == 1, err
    assert "Cannot create the backup folder" in err and "Permission denied" in err

    folder.chmod(0o700)
    assert _read(db_path)["notes"] == {"2026-03-01": "saved before"}
    assert not (folder / "backups").exists()


def test_a_new_journal_in_a_read_only_folder_is_refused_clearly(folder: Path) -> None:
    folder.chmod(0o500)
    status, out, err = _as_user(folder / "journal.db", "log", "--note", "first")
    assert (status, out) == (2, "")
    assert "Cannot create the database" in err and "Permission denied" in err
    folder.chmod(0o700)
    assert list(folder.iterdir()) == []
