"""Opening the database safely: owner-only file, WAL, foreign keys, migrations.

Every way a database can be unusable (newer version, locked, read-only, not a
database at all) becomes a ``DatabaseError`` naming the file and what to do,
and nothing is written before the checks pass.
"""

from __future__ import annotations

import os
import sqlite3
import time

from ..core.files import PRIVATE_MODE, create_private
from ..core.model.errors import DatabaseError
from .connection import Connection
from .migrations import KNOWN, MIGRATION_SET, MIGRATIONS_TABLE, migration_set

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from _typeshed import StrPath

BUSY_TIMEOUT_MS = 5000


_SQLITE_FULL = 13
_SQLITE_IOERR_WRITE = 778  # what SQLite says for EFBIG (a file-size limit) and EDQUOT (a quota)
_SQLITE_IOERR_SHMSIZE = 4874  # the shared-memory file could not grow
_SQLITE_IOERR = 10  # a write the full-text index made failed: it says no more than this
ROOM_MARGIN = 1 << 20  # a journal file this close to a limit has run out of room


def out_of_room(error: sqlite3.Error, path: StrPath | None = None) -> bool:
    """Whether a write failed for want of room: a full disk, a quota, a file-size limit.

    A write made by the full-text index reports a plain I/O error; it counts when the
    journal's files (at ``path``) have reached the file-size limit or the disk is full.
    """
    code = getattr(error, "sqlite_errorcode", None)
    room = (_SQLITE_FULL, _SQLITE_IOERR_WRITE, _SQLITE_IOERR_SHMSIZE)
    if code in room or "full" in str(error).lower():
        return True
    return code == _SQLITE_IOERR and path is not None and _no_room_left(path)


def _no_room_left(file: StrPath) -> bool:
    import shutil  # only when a write has failed: opening the journal does not load it
    from pathlib import Path

    path = Path(file)

    try:
        if shutil.disk_usage(path.parent).free < ROOM_MARGIN:
            return True
    except OSError:
        return False
    try:
        import resource
    except ImportError:  # not on Windows
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    for suffix in ("", "-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_size + ROOM_MARGIN >= limit:
            return True
    return False


def describe_sqlite_error(path: StrPath, error: sqlite3.Error) -> DatabaseError:
    """Turn an sqlite3 error into a message a person can act on."""
    from pathlib import Path  # only for a failure: opening a journal does not load it

    text = str(error).lower()
    if out_of_room(error, path):
        return DatabaseError(
            f"The disk holding {path} is full, or a quota or file-size limit was reached: "
            "this change was not saved. Free some space and try again; what was saved "
            "before is kept."
        )
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"The database {path} is locked by another program (perhaps another "
            "wlitracker window). Close it and try again."
        )
    if "readonly" in text or "read-only" in text:
        folder = Path(path).parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return DatabaseError(
                f"The folder {folder} is read-only, and the journal {Path(path).name} needs "
                "to keep its log files beside it (even to be read). Make the folder "
                "writable, or copy the journal elsewhere and open it with --db."
            )
        return DatabaseError(
            f"The database {path} is read-only. Check the file's permissions "
            "or choose another location with --db."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseError(
            f"The file {path} is not a wlitracker database or is damaged ({error}). "
            "Restore a backup or choose another file with --db; it was not changed."
        )
    if "unable to open" in text:
        return DatabaseError(f"The database {path} cannot be opened ({error}).")
    return DatabaseError(f"The database {path} cannot be used: {error}")


def _create_private_file(path: str) -> bool:
    """Create an owner-only empty file; ``False`` if another process made it first."""
    os.makedirs(os.path.dirname(path) or os.curdir, mode=0o700, exist_ok=True)
    try:
        fd = create_private(path)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _connect(path: str) -> sqlite3.Connection:
    """A connection with the settings every use of the journal needs."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def schema_version(db: Connection) -> list[str]:
    """Names of the applied migrations, in the order they were applied."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return []
    rows = db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [row[0] for row in rows]


def _check_not_newer(path: StrPath, applied: list[str]) -> None:
    unknown = set(applied) - set(KNOWN)
    if unknown:
        raise DatabaseError(
            f"The database {path} was written by a newer version of wlitracker "
            f"(it has schema changes this version does not know: {', '.join(sorted(unknown))}). "
            "Update wlitracker to open it; the file was not changed."
        )


def _migrate(db: Connection) -> None:
    from sqlite_utils import Database

    migration_set().apply(Database(db.conn))


def _set_wal(db: Connection, path: StrPath) -> None:
    """Write-ahead logging (kept in the file). Two processes setting it up on a new
    file at the same moment may meet a lock SQLite does not wait for: retry it.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    if str(mode).lower() != "wal":
        raise DatabaseError(f"The database {path} cannot use write-ahead logging ({mode}).")


def _check_schema(db: Connection, path: StrPath, created: bool) -> list[str]:
    """The applied migrations, after refusing a newer version's or another program's file."""
    # One read transaction: another process setting the journal up may commit between
    # two separate reads, and its tables would then seem to have no migrations.
    db.execute("BEGIN")
    try:
        applied = schema_version(db)
        tables = db.table_names()
    finally:
        db.execute("COMMIT")
    _check_not_newer(path, applied)
    if not created and not applied and tables:
        raise DatabaseError(
            f"The file {path} is an SQLite database of another program, not wlitracker's; "
            "choose another file with --db. It was not changed."
        )
    return applied


def _migrate_locked(db: Connection, path: StrPath) -> None:
    """Migrate holding the write lock, so that two processes opening a new or an old
    journal at the same moment never both set it up: the second finds it done."""
    with db.atomic():
        applied = schema_version(db)
        _check_not_newer(path, applied)
        if tuple(applied) != KNOWN:
            _migrate(db)


def open_database(file: StrPath) -> Connection:
    """Open (creating if needed) and migrate the database at ``file``.

    The file's name is handled as text (``os.path``): the command line reads and logs
    a day without loading ``pathlib``, a tenth of its start.
    """
    path = os.fspath(file)
    if os.path.isdir(path):
        raise DatabaseError(f"{path} is a folder; give the path of a database file.")
    created = False
    try:
        if not os.path.exists(path):
            created = _create_private_file(path)
        elif os.stat(path).st_size == 0:  # an empty file adopted as a new journal
            os.chmod(path, PRIVATE_MODE)
    except OSError as error:
        raise DatabaseError(f"Cannot create the database {path}: {error.strerror}.") from None
    try:
        db = Connection(_connect(path), path, reconnect=lambda: _connect(path))
    except sqlite3.Error as error:
        raise describe_sqlite_error(path, error) from None
    try:
        # Reading first surfaces "not a database" before anything is written; an empty
        # file has no schema yet, so it is a new journal whoever created it.
        created = created or db.execute("PRAGMA page_count").fetchone()[0] == 0
        applied = _check_schema(db, path, created)
        _set_wal(db, path)
        if tuple(applied) != KNOWN:
            _migrate_locked(db, path)
        db.watch_wal()
    except DatabaseError:
        db.close()
        raise
    except sqlite3.Error as error:
        db.close()
        raise describe_sqlite_error(path, error) from None
    return db


__all__ = ["Connection", "describe_sqlite_error", "open_database", "schema_version"]
