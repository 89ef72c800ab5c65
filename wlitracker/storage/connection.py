"""A thin layer over sqlite3: rows as dicts, parameters only, nested transactions.

The repository talks to SQLite through this rather than through a
``sqlite_utils.Database`` because importing sqlite-utils (with click, pluggy,
dateutil and numpy behind it) costs about as much as starting Qt; the window
would miss its start-up budget. sqlite-utils still runs the migrations, loaded
only when one is pending.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path
    from typing import Any

    from _typeshed import StrPath

    Params = Sequence[Any] | Mapping[str, Any]

FileId = tuple[int, int]  # (device, inode)


def _file_id(path: str) -> FileId | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Connection:
    """``reconnect`` (given for a journal in WAL mode) opens a fresh ``sqlite3``
    connection to the same file; with it, every write first checks that the
    write-ahead log this connection writes to is still the file on disk.

    That log can be deleted under a live connection only if this process lost
    its SQLite locks (a stray ``close()`` of another descriptor of the journal
    drops them all: see ``core.files``). Another process then believed it was
    alone, checkpointed everything committed so far into the journal and deleted
    the log; writes into the deleted file would vanish at the next crash. So
    before writing, a log that is gone or replaced makes the connection reopen
    (taking its locks again) and say why in the log.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: StrPath,
        reconnect: Callable[[], sqlite3.Connection] | None = None,
    ) -> None:
        conn.isolation_level = None  # no implicit transactions: ``atomic`` is explicit
        self.conn = conn
        self.file = os.fspath(path)  # the journal's file, as text
        self.generation = 0  # how many times the connection was reopened
        self._reconnect = reconnect
        self._wal = self.file + "-wal"
        self._wal_id: FileId | None = None

    @property
    def path(self) -> Path:
        from pathlib import Path  # when asked: reading a day does not load pathlib

        return Path(self.file)

    def watch_wal(self) -> None:
        """Remember which file the write-ahead log is (after a read has opened it)."""
        self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        self._wal_id = _file_id(self._wal)

    def ensure_wal(self) -> None:
        """Before a write: reopen if the write-ahead log was deleted or replaced."""
        if self._reconnect is None or self._wal_id is None or self.conn.in_transaction:
            return
        current = _file_id(self._wal)
        if current == self._wal_id:
            return
        import logging  # only here: the command line does not load logging to read a day

        logging.getLogger(__name__).warning(
            "the write-ahead log of %s was %s by another process since this one opened it "
            "(this process had lost its SQLite locks on the journal); reopening the journal "
            "before writing so that the write reaches the disk",
            self.file,
            "deleted" if current is None else "replaced",
        )
        self.conn.close()
        self.conn = self._reconnect()
        self.conn.isolation_level = None
        self.generation += 1
        self.watch_wal()

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description or ()]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction; inside another, a savepoint that rolls back on its own."""
        if self.conn.in_transaction:
            name = f"sp_{os.urandom(8).hex()}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.ensure_wal()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def table_names(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        self.conn.close()
