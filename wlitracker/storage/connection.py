"""A thin layer over sqlite3: rows as dicts, parameters only, nested transactions.

The repository talks to SQLite through this rather than through a
``sqlite_utils.Database`` because importing sqlite-utils (with click, pluggy,
dateutil and numpy behind it) costs about as much as starting Qt; the window
would miss its start-up budget. sqlite-utils still runs the migrations, loaded
only when one is pending.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Params = Sequence[Any]


class Connection:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        conn.isolation_level = None  # no implicit transactions: ``atomic`` is explicit
        self.conn = conn
        self.path = path

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
            name = f"sp_{secrets.token_hex(8)}"
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
