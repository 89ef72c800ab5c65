"""The file work behind backups: SQLite connections only, checks, copies, restores.

Every connection this module opens goes through ``_connect`` (tests replace it to
simulate a full disk). A copy is made with SQLite's backup API into an owner-only
temporary file, checked, pushed to disk and only then renamed; a journal is read
only through SQLite (see ``core.files``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import secrets
import shutil
import sqlite3
import time
from pathlib import Path

from ..core.files import create_private
from ..core.model.errors import DatabaseError
from ..core.services.preferences import KEY_BACKUP_FOLDER
from .backup_model import (
    _SQLITE_BUSY,
    _SQLITE_LOCKED,
    DAMAGED_INFIX,
    FOLDER_NAME,
    SIDE_FILES,
    SQLITE_HEADER,
    TEMP_SUFFIX,
    BackupError,
)
from .connection import Connection
from .database import (
    BUSY_TIMEOUT_MS,
    describe_sqlite_error,
    open_database,
    out_of_room,
    schema_version,
)
from .migrations import KNOWN

log = logging.getLogger(__name__)


# --- small helpers ---------------------------------------------------------------------


def _uri(path: Path, mode: str = "ro") -> str:
    return f"{path.absolute().as_uri()}?mode={mode}"


def _connect(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    """Every connection this module opens (tests replace it to simulate a full disk)."""
    conn = sqlite3.connect(
        str(target), timeout=BUSY_TIMEOUT_MS / 1000, uri=uri, isolation_level=None
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """SQLite's backup API in one step, giving up on a lock after the busy timeout.

    (Python's ``backup`` retries a busy database forever; the progress callback
    is the way to stop it.)
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, progress=progress, sleep=0.05)


def _read_only(path: Path) -> sqlite3.Connection:
    return _connect(_uri(path), uri=True)


def _fsync(path: Path, directory: bool = False) -> None:
    """Push a file (or a folder's entries) to disk; best effort where the OS refuses."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _create_private(path: Path) -> None:
    os.close(create_private(path))


def _os_problem(what: str, path: Path, error: OSError) -> BackupError:
    reason = error.strerror or str(error)
    return BackupError(f"Cannot {what} {path}: {reason}.")


def default_folder(db_path: Path) -> Path:
    """``backups/`` beside the database (the user data directory's for the default one)."""
    return Path(db_path).expanduser().absolute().parent / FOLDER_NAME


def read_folder_preference(db_path: Path) -> Path | None:
    """The chosen backup folder read straight from the file, for when the journal will not open.

    Returns ``None`` when none was chosen or the file cannot be read (a damaged one).
    """
    if not Path(db_path).is_file():
        return None
    try:
        conn = _read_only(Path(db_path))
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", (KEY_BACKUP_FOLDER,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return Path(row[0]) if row and row[0] else None


def is_damaged(db_path: Path) -> bool:
    """Whether the file is corrupt or not a database at all (not merely locked or read-only).

    An empty file is an empty database, and another program's healthy database is
    a wrong choice of file rather than damage: neither counts.
    """
    path = Path(db_path)
    # Only SQLite reads the journal (see ``core.files``): a wrong header is its "not a database".
    try:
        if path.stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        conn = _read_only(path)
        try:
            problems = integrity_problems(conn, quick=True)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        text = str(error).lower()
        return any(word in text for word in ("malformed", "not a database", "corrupt"))
    return bool(problems)


_NULL_REPORT = re.compile(r"^NULL value in (\w+)\.(\w+)$")
_ALL_PROBLEMS = 1_000_000  # past the default 100, so false reports cannot hide real ones


def integrity_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or ``quick_check``): the problems found, none if sound.

    SQLite 3.40.0 to 3.41.0 wrongly report "NULL value in T.C" for a NOT NULL
    column of a WITHOUT ROWID table that comes before a primary-key column (as
    ``check_in_tags.position`` did); such a report counts only if a NULL is really
    there. Journals migrated past ``0003_key_columns_first`` no longer have that
    shape and check "ok" with any SQLite; the filter stays for backups and
    restores of files written before that step.
    """
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({_ALL_PROBLEMS})")]
    if rows == ["ok"]:
        return []
    problems = []
    for text in dict.fromkeys(rows):  # each distinct report once, in order
        match = _NULL_REPORT.match(text)
        if match is not None:
            table, column = match.groups()
            (really,) = conn.execute(
                f'SELECT EXISTS (SELECT 1 FROM "{table}" WHERE "{column}" IS NULL)'
            ).fetchone()
            if not really:
                continue
        problems.append(text)
    return problems


def _problem(path: Path) -> str | None:
    """What is wrong with a database file as a backup, or ``None`` if it is sound."""
    try:
        conn = _read_only(path)
        try:
            problems = integrity_problems(conn)
            applied = [] if problems else schema_version(Connection(conn, path))
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"it cannot be read ({error})"
    if problems:
        return "its integrity check failed (" + "; ".join(problems[:3]) + ")"
    if not applied:
        return "it is not a wlitracker journal"
    return None


def verify(path: Path) -> None:
    """Check a backup file: SQLite's integrity check passes and it is a wlitracker journal."""
    problem = _problem(path)
    if problem is not None:
        raise BackupError(f"The backup {path} is not usable: {problem}.")


# --- copying -------------------------------------------------------------------------------


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_copy(source: Path, target: Path) -> None:
    """Copy the database ``source`` to the new file ``target``: temp file, verify, rename.

    Only reads the source (through an ordinary connection, so its ``-wal`` is
    tidied up as usual on close); the copy is owner-only and a standalone file
    (rollback journal, no ``-wal`` beside it). On any failure nothing is left behind.
    """
    if not source.is_file():
        raise BackupError(f"There is no journal at {source} to back up.")
    temp = _temp_beside(target)
    try:
        _create_private(temp)
    except OSError as error:
        raise _os_problem("write a backup in", target.parent, error) from None
    try:
        try:
            _backup_into(_connect(source), temp)
            # The copy says "WAL" like its source; make it one standalone file.
            dst = _connect(temp)
            try:
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        except sqlite3.Error as error:
            raise _copy_problem(source, target, error) from None
        problem = _problem(temp)
        if problem is not None:
            raise BackupError(
                f"The copy of {source} did not pass verification ({problem}), so it was "
                f"removed and no backup was made. If {source.name} is damaged, restore a backup."
            )
        _fsync(temp)
        os.replace(temp, target)
        _fsync(target.parent, directory=True)
    except OSError as error:
        raise _os_problem("write the backup", target, error) from None
    finally:
        _remove_with_side_files(temp)


def _backup_into(src: sqlite3.Connection, target: Path) -> None:
    """Copy ``src`` over the database at ``target`` (SQLite's backup API); closes both."""
    with contextlib.closing(src), contextlib.closing(_connect(target)) as dst:
        _backup(src, dst)


def _copy_problem(source: Path, target: Path, error: sqlite3.Error) -> BackupError:
    text = str(error).lower()
    if out_of_room(error):
        return BackupError(
            f"The disk holding {target.parent} is full, or a quota or file-size limit was "
            "reached; the backup was not made. Free some space or choose another backup folder."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return BackupError(f"Cannot write a backup into {target.parent}: {error}.")
    return BackupError(str(describe_sqlite_error(source, error)))


def copy_into(source: Path, live: Path) -> None:
    """Copy a prepared database over the live journal in one transaction (backup API)."""
    try:
        _backup_into(_read_only(source), live)
    except sqlite3.Error as error:
        raise BackupError(
            f"{describe_sqlite_error(live, error)} The restore was not made."
        ) from None


def keep_aside(path: Path, now: dt.datetime) -> Path:
    """Rename a damaged journal (and its -wal/-shm files) to ``<name>.damaged-<time>``."""
    base = f"{path.name}{DAMAGED_INFIX}{now.strftime('%Y-%m-%dT%H%M%S')}"
    aside = path.with_name(base)
    seq = 1
    while aside.exists():
        seq += 1
        aside = path.with_name(f"{base}-{seq}")
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    os.replace(path, aside)
    log.warning("kept the damaged journal %s as %s", path, aside)
    return aside


def prepare_restore(source: Path, workdir: Path) -> Path:
    """A private, checked and migrated copy of ``source`` in ``workdir``, ready to restore.

    The source itself is only read. Refused: a missing file, anything that is not
    a sound SQLite database, another program's database, a newer version's.
    """
    if not source.is_file():
        raise BackupError(f"{source} is not a file; give the path of a backup.")
    try:
        with source.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise _os_problem("read", source, error) from None
    if head != SQLITE_HEADER:
        raise BackupError(f"{source} is not a wlitracker backup (not an SQLite database).")
    temp = workdir / f".{source.name}.{secrets.token_hex(4)}.restore{TEMP_SUFFIX}"
    try:
        _create_private(temp)
        shutil.copyfile(source, temp)  # into the owner-only file made above
        wal = Path(f"{source}-wal")
        if wal.is_file():  # a live database's recent writes live in its -wal file
            shutil.copyfile(wal, f"{temp}-wal")
    except OSError as error:
        _remove_with_side_files(temp)
        raise _os_problem("copy the backup into", workdir, error) from None
    try:
        _check_copy(source, temp)
        try:
            db = open_database(temp)  # the same rules as opening a journal; migrates old ones
        except DatabaseError as error:
            text = str(error).replace(str(temp), str(source))
            raise BackupError(f"{source} cannot be restored: {text}") from None
        try:
            db.execute("PRAGMA journal_mode = DELETE")  # one standalone file, no -wal
        finally:
            db.close()
    except BaseException:
        _remove_with_side_files(temp)
        raise
    return temp


def _check_copy(source: Path, temp: Path) -> None:
    try:
        conn = _connect(temp)
        try:
            problems = integrity_problems(conn)
            applied = [] if problems else schema_version(Connection(conn, temp))
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise BackupError(f"{source} is not a usable wlitracker backup ({error}).") from None
    if problems:
        raise BackupError(
            f"{source} is damaged (integrity check: {problems[0]}); nothing was changed."
        )
    if not applied:
        raise BackupError(f"{source} is not a wlitracker backup (another program's database).")
    unknown = set(applied) - set(KNOWN)
    if unknown:
        raise BackupError(
            f"{source} was written by a newer version of wlitracker; update wlitracker "
            "to restore it. Nothing was changed."
        )


__all__ = [
    "copy_into",
    "default_folder",
    "integrity_problems",
    "is_damaged",
    "keep_aside",
    "prepare_restore",
    "read_folder_preference",
    "verify",
    "write_copy",
]
