"""Opening the database safely: owner-only file, WAL, foreign keys, migrations.

Every way a database can be unusable (newer version, locked, read-only, not a
database at all) becomes a ``DatabaseError`` naming the file and what to do,
and nothing is written before the checks pass.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..core.errors import DatabaseError
from .connection import Connection
from .migrations import KNOWN, MIGRATION_SET, MIGRATIONS_TABLE, migration_set

BUSY_TIMEOUT_MS = 5000


def describe_sqlite_error(path: Path, error: sqlite3.Error) -> DatabaseError:
    """Turn an sqlite3 error into a message a person can act on."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"The database {path} is locked by another program (perhaps another "
            "wlitracker window). Close it and try again."
        )
    if "readonly" in text or "read-only" in text:
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
    if "disk" in text and "full" in text:
        return DatabaseError(f"The disk holding {path} is full; free some space and try again.")
    return DatabaseError(f"The database {path} cannot be used: {error}")


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


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


def _check_not_newer(path: Path, applied: list[str]) -> None:
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


def open_database(path: Path) -> Connection:
    """Open (creating if needed) and migrate the database at ``path``."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder; give the path of a database file.")
    created = False
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as error:
            raise DatabaseError(f"Cannot create the database {path}: {error.strerror}.") from None
        created = True
    try:
        db = Connection(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000), path)
    except sqlite3.Error as error:
        raise describe_sqlite_error(path, error) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Reading the schema first surfaces "not a database" before anything is written.
        applied = schema_version(db)
        _check_not_newer(path, applied)
        if not created and not applied and db.table_names():
            raise DatabaseError(
                f"The file {path} is an SQLite database of another program, not wlitracker's; "
                "choose another file with --db. It was not changed."
            )
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DatabaseError(f"The database {path} cannot use write-ahead logging ({mode}).")
        db.execute("PRAGMA synchronous = FULL")
        if tuple(applied) != KNOWN:
            _migrate(db)
    except DatabaseError:
        db.close()
        raise
    except sqlite3.Error as error:
        db.close()
        raise describe_sqlite_error(path, error) from None
    return db


__all__ = ["Connection", "describe_sqlite_error", "open_database", "schema_version"]
