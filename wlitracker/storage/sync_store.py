"""Sync in the SQLite journal: capturing every write, and writing merged changes back.

Capture is generic: once sync is set up, triggers on every table of
``core.sync.registry.TABLES`` note which rows were written (``sync_dirty``), whichever
service, import, restore or future feature wrote them. Collecting compares those rows
with the registers (``sync_registers``: the last version of every synced field that this
journal sent or received) and turns each difference into a change. Applying merges
versions with ``core.sync.merge`` and writes the rows whose fields changed; the rows it
writes are not captured again. Every step runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..core.model.entities import Metric, metric_label
from ..core.sync.changes import Change, Key, Value, json_value
from ..core.sync.clock import HybridClock, Stamp
from ..core.sync.merge import Version, is_conflict, resolve
from ..core.sync.ports import ApplyResult, HistoryEntry, SyncState
from ..core.sync.registry import BY_NAME, PRESENT, TABLES, SyncedTable
from .connection import Connection

BULK = 400  # more rows than this: read whole tables rather than row by row
Register = tuple[str, str, str, str]  # (table, k1, k2, column)


@dataclass
class _Reg:
    value: Value
    raw: Value
    stamp: Stamp
    base: tuple[Stamp, ...]


_NO_BASE = "[]"  # most registers: a first merge writes tens of thousands of them


def _base_text(base: Sequence[Stamp]) -> str:
    if not base:
        return _NO_BASE
    return json.dumps([[s.ms, s.counter, s.device] for s in base], separators=(",", ":"))


def _base_of(text: str) -> tuple[Stamp, ...]:
    if not text or text == _NO_BASE:
        return ()
    return tuple(Stamp(int(a), int(b), str(c)) for a, b, c in json.loads(text))


def _same(a: Any, b: Any) -> bool:
    """Equal as stored: 7 and 7.0 are one rating, "7" and 7 are not."""
    return a == b and isinstance(a, str) == isinstance(b, str)


def capture_triggers(table: SyncedTable) -> list[tuple[str, str]]:
    """The triggers that note a written row of ``table``: (name, statement)."""
    name = table.name
    if table.local_id is not None:
        keys_new = f"NEW.{table.local_id}, NULL, NULL"
        keys_old = f"OLD.{table.local_id}, NULL, OLD.uid"
    else:
        second = table.key[1] if len(table.key) > 1 else None
        keys_new = f"NEW.{table.key[0]}, {f'NEW.{second}' if second else 'NULL'}, NULL"
        keys_old = f"OLD.{table.key[0]}, {f'OLD.{second}' if second else 'NULL'}, NULL"
    insert = "INSERT INTO sync_dirty (tbl, k1, k2, gone) VALUES"
    return [
        (
            f"sync_capture_{name}_insert",
            f"CREATE TRIGGER sync_capture_{name}_insert AFTER INSERT ON {name} BEGIN "
            f"{insert} ('{name}', {keys_new}); END",
        ),
        (
            f"sync_capture_{name}_update",
            f"CREATE TRIGGER sync_capture_{name}_update AFTER UPDATE ON {name} BEGIN "
            f"{insert} ('{name}', {keys_old}); {insert} ('{name}', {keys_new}); END",
        ),
        (
            f"sync_capture_{name}_delete",
            f"CREATE TRIGGER sync_capture_{name}_delete AFTER DELETE ON {name} BEGIN "
            f"{insert} ('{name}', {keys_old}); END",
        ),
    ]


class SqliteChangeStore:
    """The journal's side of sync, on a connection of its own (the window syncs off its
    GUI thread; the command line may sync the same journal at the same time: the write
    lock of ``transaction`` keeps them one after the other)."""

    def __init__(self, db: Connection) -> None:
        self.db = db
        self._names: dict[str, str] | None = None

    # plumbing
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def transaction(self) -> AbstractContextManager[None]:
        return self.db.atomic()

    def close(self) -> None:
        self.db.close()

    # state
    def is_demo(self) -> bool:
        row = self._all("SELECT value FROM settings WHERE key = 'demo'")
        return bool(row) and row[0][0] == "yes"

    def state(self) -> SyncState | None:
        rows = self._all(
            "SELECT device, device_name, journal, encrypted, clock_ms, clock_counter,"
            " next_seq, last_sync FROM sync_state"
        )
        if not rows:
            return None
        device, name, journal, encrypted, ms, counter, next_seq, last = rows[0]
        when = dt.datetime.fromisoformat(last) if last else None
        return SyncState(device, name, journal, bool(encrypted), (ms, counter), next_seq, when)

    def enable(self, journal: str, device_name: str, encrypted: bool) -> SyncState:
        """Join ``journal``'s folder: a device id of its own, capture on, every row sent."""
        existing = self.state()
        if existing is not None:
            return existing
        device = secrets.token_hex(8)
        self._exec(
            "INSERT INTO sync_state (one, device, device_name, journal, encrypted)"
            " VALUES (1, ?, ?, ?, ?)",
            (device, device_name, journal, int(encrypted)),
        )
        self._exec(
            "INSERT OR REPLACE INTO sync_devices (device, name) VALUES (?, ?)",
            (device, device_name),
        )
        self._names = None
        self.install_capture()
        state = self.state()
        assert state is not None
        return state

    def install_capture(self) -> list[str]:
        """Create the capture triggers that are missing; the rows of a table newly
        covered (all of them, the first time) are noted for the next collect."""
        present = {r[0] for r in self._all("SELECT name FROM sqlite_master WHERE type='trigger'")}
        covered = []
        for table in TABLES:
            triggers = capture_triggers(table)
            if all(name in present for name, _ in triggers):
                continue
            for name, sql in triggers:
                if name not in present:
                    self._exec(sql)
            covered.append(table.name)
            if table.local_id is not None:
                self._exec(
                    f"INSERT INTO sync_dirty (tbl, k1) SELECT ?, {table.local_id}"
                    f" FROM {table.name}",
                    (table.name,),
                )
            else:
                second = table.key[1] if len(table.key) > 1 else "NULL"
                self._exec(
                    f"INSERT INTO sync_dirty (tbl, k1, k2) SELECT ?, {table.key[0]}, {second}"
                    f" FROM {table.name}",
                    (table.name,),
                )
        return covered

    def save_progress(self, clock: tuple[int, int], next_seq: int, at: dt.datetime) -> None:
        self._exec(
            "UPDATE sync_state SET clock_ms = ?, clock_counter = ?, next_seq = ?, last_sync = ?",
            (clock[0], clock[1], next_seq, at.isoformat(timespec="seconds")),
        )

    def seen(self) -> set[str]:
        return {r[0] for r in self._all("SELECT name FROM sync_seen")}

    def mark_seen(self, files: Iterable[tuple[str, str, int]]) -> None:
        """``(name, device, seq)``; a snapshot stands for a range: name, device, -last."""
        rows = []
        for name, device, seq in files:
            first, last = (1, -seq) if seq < 0 else (seq, seq)
            rows.append((name, device, first, last))
        self.db.executemany(
            "INSERT OR IGNORE INTO sync_seen (name, device, first, last) VALUES (?, ?, ?, ?)",
            rows,
        )

    def acknowledged(self) -> dict[str, int]:
        """For each device, the last sequence number up to which every change set was read."""
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for device, first, last in self._all("SELECT device, first, last FROM sync_seen"):
            spans[device].append((first, last))
        out = {}
        for device, ranges in spans.items():
            upto = 0
            for first, last in sorted(ranges):
                if first > upto + 1:
                    break
                upto = max(upto, last)
            out[device] = upto
        return out

    def remember_devices(self, names: Mapping[str, str]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO sync_devices (device, name) VALUES (?, ?)", names.items()
        )
        self._names = None

    def device_names(self) -> dict[str, str]:
        if self._names is None:
            self._names = {d: n for d, n in self._all("SELECT device, name FROM sync_devices")}
        return dict(self._names)

    # local ids <-> keys every device knows
    def _uids(self, table: str) -> dict[int, str]:
        return {i: u for i, u in self._all(f"SELECT id, uid FROM {table}")}

    def _ids(self, table: str) -> dict[str, int]:
        return {u: i for i, u in self._all(f"SELECT id, uid FROM {table}") if u is not None}

    def _registers(self, table: str, keys: Iterable[Key]) -> dict[tuple[str, str, str], _Reg]:
        wanted = list(keys)
        sql = "SELECT k1, k2, col, value, raw, ms, counter, device, base FROM sync_registers"
        if len(wanted) > BULK:
            rows = self._all(f"{sql} WHERE tbl = ?", (table,))
        else:
            rows = []
            for k1, k2 in wanted:
                rows += self._all(f"{sql} WHERE tbl = ? AND k1 = ? AND k2 = ?", (table, k1, k2))
        return {
            (k1, k2, col): _Reg(value, raw, Stamp(ms, counter, device), _base_of(base))
            for k1, k2, col, value, raw, ms, counter, device, base in rows
        }

    def _history(self, register: Register) -> list[Version]:
        return [
            Version(value, Stamp(ms, counter, device), _base_of(base))
            for ms, counter, device, value, base in self._all(
                "SELECT ms, counter, device, value, base FROM sync_history"
                " WHERE tbl = ? AND k1 = ? AND k2 = ? AND col = ?",
                register,
            )
        ]

    # collecting local changes
    def collect(self, clock: HybridClock) -> list[Change]:
        """Every difference between the rows written since the last sync and the registers,
        as changes stamped by ``clock``; the registers then hold them."""
        dirty: dict[str, list[tuple[Any, Any, Any, int]]] = defaultdict(list)
        for tbl, k1, k2, gone, at in self._all(
            "SELECT tbl, k1, k2, gone, max(at) FROM sync_dirty GROUP BY tbl, k1, k2, gone"
        ):
            dirty[tbl].append((k1, k2, gone, at))
        self._exec("DELETE FROM sync_dirty")
        if not dirty:
            return []
        uids = {t.name: self._uids(t.name) for t in TABLES if t.local_id is not None}
        pending: list[tuple[int, int, str, Key, str, Value]] = []  # (at, order, table, key...)
        touched: dict[tuple[str, Key], int] = {}
        emitted_presence: set[tuple[str, Key]] = set()
        order = 0
        for table in TABLES:
            entries = dirty.get(table.name)
            if not entries:
                continue
            rows, at_of = self._current_rows(table, entries, uids)
            registers = self._registers(table.name, rows)
            for key, values in rows.items():
                emitted: list[tuple[str, Value]] = []
                present = registers.get((*key, PRESENT))
                if values is None:
                    if present is not None and present.value == 1:
                        emitted.append((PRESENT, 0))
                else:
                    for column in table.columns:
                        reg = registers.get((*key, column))
                        value = json_value(values[column])
                        if reg is None or not _same(reg.value, value):
                            emitted.append((column, value))
                    if emitted or present is None or present.value != 1:
                        emitted.append((PRESENT, 1))
                for column, value in emitted:
                    order += 1
                    pending.append((at_of[key], order, table.name, key, column, value))
                if emitted:
                    emitted_presence.add((table.name, key))
                if emitted and values is not None:
                    for column in table.revives:
                        parent = table.required[column]
                        parent_key = (values[column], "")
                        touched.setdefault((parent, parent_key), at_of[key])
        for (parent, key), at in touched.items():
            if (parent, key) in emitted_presence or key[0] is None:
                continue
            if self._present_locally(parent, key):
                order += 1
                pending.append((at, order, parent, key, PRESENT, 1))
        pending.sort(key=lambda p: (p[0], p[1]))
        changes = []
        for at, _, table_name, key, column, value in pending:
            base = self._base_for(table_name, key, column)
            changes.append(Change(table_name, key, column, value, clock.tick(at), base))
        self._merge(changes)
        return changes

    def _base_for(self, table: str, key: Key, column: str) -> tuple[Stamp, ...]:
        """The versions this device replaces knowingly: the register's (all of them for a
        text field, whose several heads the person saw combined)."""
        rows = self._all(
            "SELECT ms, counter, device FROM sync_registers"
            " WHERE tbl = ? AND k1 = ? AND k2 = ? AND col = ?",
            (table, key[0], key[1], column),
        )
        stamps = [Stamp(*r) for r in rows]
        if stamps and column in BY_NAME[table].text:
            stamps += [v.stamp for v in self._history((table, key[0], key[1], column))]
        return tuple(sorted(stamps))

    def _present_locally(self, table_name: str, key: Key) -> bool:
        table = BY_NAME[table_name]
        where = " AND ".join(f"{c} = ?" for c in table.key)
        return bool(self._all(f"SELECT 1 FROM {table_name} WHERE {where}", key[: len(table.key)]))

    def _current_rows(
        self,
        table: SyncedTable,
        entries: list[tuple[Any, Any, Any, int]],
        uids: Mapping[str, Mapping[int, str]],
    ) -> tuple[dict[Key, dict[str, Any] | None], dict[Key, int]]:
        """The rows of ``entries`` as every device knows them (keys and references by uid),
        ``None`` for a row that is gone; and when each was last written."""
        columns = list(table.columns)
        rows: dict[Key, dict[str, Any] | None] = {}
        at_of: dict[Key, int] = {}

        def translate(values: dict[str, Any]) -> dict[str, Any] | None:
            for column, target in table.refs.items():
                if values[column] is not None:
                    uid = uids[target].get(values[column])
                    if uid is None:
                        return None  # points at a row that is gone: its tombstone covers it
                    values[column] = uid
            return values

        if table.local_id is not None:
            select = f"SELECT {table.local_id}, uid, {', '.join(columns)} FROM {table.name}"
            if len(entries) > BULK:
                found = self._all(select)
            else:
                found = []
                for k1, _, _, _ in entries:
                    found += self._all(f"{select} WHERE {table.local_id} = ?", (k1,))
            by_id = {r[0]: r for r in found}
            for k1, _, gone, at in entries:
                row = by_id.get(k1)
                if gone is not None and (row is None or row[1] != gone):
                    key = (str(gone), "")
                    rows.setdefault(key, None)
                    at_of[key] = max(at_of.get(key, 0), at)
                if row is not None and row[1] is not None:
                    key = (str(row[1]), "")
                    rows[key] = translate(dict(zip(columns, row[2:], strict=True)))
                    at_of[key] = max(at_of.get(key, 0), at)
            return rows, at_of
        key_cols = list(table.key)
        select = f"SELECT {', '.join(key_cols + columns)} FROM {table.name}"
        if len(entries) > BULK:
            found = self._all(select)
        else:
            found = []
            where = " AND ".join(f"{c} = ?" for c in key_cols)
            for k1, k2, _, _ in entries:
                found += self._all(f"{select} WHERE {where}", (k1, k2)[: len(key_cols)])
        local = {tuple(r[: len(key_cols)]): r[len(key_cols) :] for r in found}
        for k1, k2, _, at in entries:
            local_key = (k1, k2)[: len(key_cols)]
            parts = []
            for column, local_value in zip(key_cols, local_key, strict=True):
                target = table.refs.get(column)
                parts.append(local_value if target is None else uids[target].get(local_value))
            if any(p is None for p in parts):
                continue  # its parent is gone: the parent's tombstone covers it
            key = (str(parts[0]), str(parts[1]) if len(parts) > 1 else "")
            found_row = local.get(local_key)
            if found_row is None:
                rows.setdefault(key, None)
            else:
                translated = translate(
                    dict(zip(key_cols + columns, (*local_key, *found_row), strict=True))
                )
                if translated is None:
                    continue
                rows[key] = translated
            at_of[key] = max(at_of.get(key, 0), at)
        return rows, at_of

    # merging versions into the registers
    def _merge(self, changes: Sequence[Change]) -> tuple[set[tuple[str, Key]], int, int]:
        """Fold ``changes`` into the registers and the history. Returns the rows whose
        shown value changed, how many registers changed, and how many conflicts."""
        by_register: dict[Register, list[Change]] = defaultdict(list)
        for change in changes:
            by_register[change.register].append(change)
        current: dict[Register, _Reg] = {}
        per_table: dict[str, set[Key]] = defaultdict(set)
        for table_name, k1, k2, _ in by_register:
            per_table[table_name].add((k1, k2))
        for table_name, keys in per_table.items():
            for (k1, k2, col), found in self._registers(table_name, keys).items():
                current[(table_name, k1, k2, col)] = found
        names = self.device_names()
        new_registers = []
        history = []
        changed_rows: set[tuple[str, Key]] = set()
        conflicts = 0
        for register, incoming in by_register.items():
            table = BY_NAME[register[0]]
            text = register[3] in table.text
            versions = [Version(c.value, c.stamp, c.base) for c in incoming]
            reg = current.get(register)
            if reg is not None:
                versions.append(Version(reg.raw, reg.stamp, reg.base))
                if text:
                    versions += self._history(register)
            resolved = resolve(versions, text, names)
            winner = resolved.winner
            fresh = {c.stamp for c in incoming} | ({reg.stamp} if reg is not None else set())
            for other in resolved.others:
                history.append(
                    (
                        *register,
                        other.stamp.ms,
                        other.stamp.counter,
                        other.stamp.device,
                        other.value,
                        _base_text(other.base),
                    )
                )
                if (
                    other.stamp in fresh
                    and other.stamp.device != winner.stamp.device
                    and not _same(other.value, winner.value)
                    and is_conflict(other, winner)
                ):
                    conflicts += 1
            if reg is not None and reg.stamp == winner.stamp and _same(reg.value, resolved.value):
                continue
            new_registers.append(
                (
                    *register,
                    resolved.value,
                    winner.value,
                    winner.stamp.ms,
                    winner.stamp.counter,
                    winner.stamp.device,
                    _base_text(winner.base),
                )
            )
            if reg is None or not _same(reg.value, resolved.value) or register[3] == PRESENT:
                changed_rows.add((register[0], (register[1], register[2])))
        self.db.executemany(
            "INSERT OR REPLACE INTO sync_registers"
            " (tbl, k1, k2, col, value, raw, ms, counter, device, base)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new_registers,
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO sync_history"
            " (tbl, k1, k2, col, ms, counter, device, value, base)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            history,
        )
        return changed_rows, len(new_registers), conflicts

    # applying other devices' changes
    def apply(self, changes: Sequence[Change]) -> ApplyResult:
        """Merge changes from the folder and write the rows they change. The writes are
        not captured (they are no local edits); nothing here commits."""
        if not changes:
            return ApplyResult()
        changed, registers, conflicts = self._merge(changes)
        rows = _Writer(self).write(changed)
        self._exec("DELETE FROM sync_dirty")
        return ApplyResult(registers, rows, conflicts)

    # what the window shows
    def history(self, limit: int = 50) -> list[HistoryEntry]:
        """Recent versions that lost to another computer's, newest first, with the value
        shown instead. Versions equal to the one shown are left out."""
        names = self.device_names()
        out = []
        for (
            tbl,
            k1,
            k2,
            col,
            ms,
            counter,
            device,
            value,
            base,
            shown,
            w_ms,
            w_c,
            w_d,
            w_b,
        ) in self._all(
            "SELECT h.tbl, h.k1, h.k2, h.col, h.ms, h.counter, h.device, h.value, h.base,"
            " r.value, r.ms, r.counter, r.device, r.base FROM sync_history h"
            " JOIN sync_registers r USING (tbl, k1, k2, col)"
            " WHERE h.col != '' AND h.device != r.device ORDER BY h.ms DESC LIMIT ?",
            (limit * 4,),
        ):
            if _same(value, shown):
                continue
            loser = Version(value, Stamp(ms, counter, device), _base_of(base))
            winner = Version(shown, Stamp(w_ms, w_c, w_d), _base_of(w_b))
            out.append(
                HistoryEntry(
                    tbl,
                    (k1, k2),
                    col,
                    shown,
                    value,
                    names.get(device, device[:8]),
                    dt.datetime.fromtimestamp(ms / 1000, dt.UTC),
                    is_conflict(loser, winner),
                )
            )
            if len(out) >= limit:
                break
        return out

    def metric_names(self) -> dict[str, str]:
        """Each metric's label (``metric_label``) by uid."""
        return {
            uid: metric_label(Metric(name, 0, 1, builtin=bool(builtin), label=label))
            for uid, name, label, builtin in self._all(
                "SELECT uid, name, label, builtin FROM metrics"
            )
        }

    def experiment_titles(self) -> dict[str, str]:
        return {u: t for u, t in self._all("SELECT uid, title FROM experiments")}


class _Writer:
    """Writes rows from their registers, a table after those it points to. A row whose
    required parent is missing (not arrived yet, or deleted) waits in ``sync_orphans``
    and is written when the parent comes."""

    def __init__(self, store: SqliteChangeStore) -> None:
        self.store = store
        self.db = store.db
        self._ids: dict[str, dict[str, int]] = {}
        self._dates: set[str] | None = None

    def ids(self, table: str) -> dict[str, int]:
        if table not in self._ids:
            self._ids[table] = self.store._ids(table)
        return self._ids[table]

    def dates(self) -> set[str]:
        if self._dates is None:
            self._dates = {r[0] for r in self.store._all("SELECT date FROM check_ins")}
        return self._dates

    def write(self, changed: set[tuple[str, Key]]) -> int:
        by_table: dict[str, set[Key]] = defaultdict(set)
        for name, key in changed:
            by_table[name].add(key)
        for name, k1, k2 in self.store._all("SELECT tbl, k1, k2 FROM sync_orphans"):
            by_table[name].add((k1, k2))
        self.db.execute("DELETE FROM sync_orphans")
        written = 0
        for table in TABLES:
            keys = by_table.get(table.name)
            if keys:
                written += self._write_table(table, keys)
        # A row pointing at one written later in the same table (a new version of an
        # experiment before its first) gets its pointer now.
        retry: dict[str, set[Key]] = defaultdict(set)
        for name, k1, k2 in self.store._all("SELECT tbl, k1, k2 FROM sync_orphans"):
            retry[name].add((k1, k2))
        if retry:
            self.db.execute("DELETE FROM sync_orphans")
            for table in TABLES:
                if retry.get(table.name):
                    self._write_table(table, retry[table.name])
        return written

    def _local(self, table: SyncedTable, column: str, value: Any) -> tuple[bool, Any]:
        """A key or reference every device knows as the local value; (found, value)."""
        target = table.refs.get(column)
        if target is not None:
            local = self.ids(target).get(value)
            return local is not None, local
        parent = table.required.get(column)
        if parent == "check_ins":
            return value in self.dates(), value
        return True, value

    def _write_table(self, table: SyncedTable, keys: set[Key]) -> int:
        registers = self.store._registers(table.name, keys)
        fields: dict[Key, dict[str, Value]] = defaultdict(dict)
        for (k1, k2, col), reg in registers.items():
            fields[(k1, k2)][col] = reg.value
        upserts: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
        deletes: list[Key] = []
        orphans: list[tuple[str, str, str]] = []
        for key in sorted(keys):
            values = fields.get(key, {})
            if values.get(PRESENT) != 1:
                deletes.append(key)
                continue
            if any(column not in values for column in table.columns if column not in table.later):
                orphans.append((table.name, *key))  # the rest of the row is still on its way
                continue
            row: dict[str, Any] = {}
            for column, part in zip(table.key, key, strict=False):
                row[column] = part
            row.update({c: values[c] for c in table.columns if c in values})
            missing = False
            for column in (*table.key, *table.columns):
                if column not in table.refs and column not in table.required:
                    continue
                if row[column] is None:
                    continue
                found, local = self._local(table, column, row[column])
                if not found:
                    if column in table.required or column in table.key:
                        missing = True
                        break
                    local = None
                    orphans.append((table.name, *key))
                row[column] = local
            if missing:
                orphans.append((table.name, *key))
                continue
            columns = tuple(row)
            upserts[columns].append(tuple(row[c] for c in columns))
        written = 0
        for key in deletes:
            written += self._delete(table, key)
        if table.name == "metrics":
            self._make_names_unique(upserts)
        for columns, rows in upserts.items():
            conflict = ", ".join(table.key)
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in table.key)
            self.db.executemany(
                f"INSERT INTO {table.name} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
                f" ON CONFLICT({conflict}) DO UPDATE SET {updates}",
                rows,
            )
            written += len(rows)
            if table.name == "check_ins" and self._dates is not None:
                self._dates.update(str(r[0]) for r in rows)
        if table.local_id is not None and (upserts or deletes):
            self._ids.pop(table.name, None)
        self.db.executemany(
            "INSERT OR IGNORE INTO sync_orphans (tbl, k1, k2) VALUES (?, ?, ?)", orphans
        )
        return written

    def _make_names_unique(self, upserts: dict[tuple[str, ...], list[tuple[Any, ...]]]) -> None:
        """Two computers may name two metrics alike (one renamed, one new): the metric with
        the smaller uid keeps the name, the other gets "(2)", the same on every device."""
        incoming: dict[str, str] = {}
        for columns, rows in upserts.items():
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                incoming[str(values["uid"])] = str(values["name"])
        if not incoming:
            return
        names = {u: n for u, n in self.store._all("SELECT uid, name FROM metrics")}
        names.update(incoming)
        by_name: dict[str, list[str]] = defaultdict(list)
        for uid, name in names.items():
            by_name[name].append(uid)
        final = dict(names)
        taken = set(names.values())
        for name, uids in by_name.items():
            number = 2
            for uid in sorted(uids)[1:]:
                while f"{name} ({number})" in taken:
                    number += 1
                final[uid] = f"{name} ({number})"
                taken.add(final[uid])
        # Park every name that moves, so no two rows hold one name on the way.
        for uid, name in final.items():
            self.db.execute(
                "UPDATE metrics SET name = ? || uid WHERE uid = ? AND name != ?",
                ("\x00", uid, name),
            )
        for uid, name in final.items():
            if uid not in incoming:
                self.db.execute("UPDATE metrics SET name = ? WHERE uid = ?", (name, uid))
        for columns, rows in upserts.items():
            at = columns.index("name")
            uid_at = columns.index("uid")
            rows[:] = [(*r[:at], final[str(r[uid_at])], *r[at + 1 :]) for r in rows]

    def _children(self, parent: str) -> Iterator[tuple[SyncedTable, str]]:
        for table in TABLES:
            for column, target in {**table.required, **table.refs}.items():
                if target == parent:
                    yield table, column

    def _delete(self, table: SyncedTable, key: Key) -> int:
        """Delete a row that is gone on another computer. Rows pointing at it wait as
        orphans, so that they come back if it does."""
        if table.local_id is not None:
            local = self.ids(table.name).get(key[0])
            if local is None:
                return 0
            where, params = f"{table.local_id} = ?", (local,)
        else:
            parts = []
            for column, part in zip(table.key, key, strict=False):
                found, value = self._local(table, column, part)
                if not found and column in table.refs:
                    return 0
                parts.append(value)
            where = " AND ".join(f"{c} = ?" for c in table.key)
            params = tuple(parts)
        exists = self.store._all(f"SELECT 1 FROM {table.name} WHERE {where}", params)
        if not exists:
            return 0
        pointer = params[0]
        for child, column in self._children(table.name):
            child_keys = self._child_keys(child, column, pointer)
            self.db.executemany(
                "INSERT OR IGNORE INTO sync_orphans (tbl, k1, k2) VALUES (?, ?, ?)",
                [(child.name, *k) for k in child_keys],
            )
            if column in child.required:
                self.db.execute(f"DELETE FROM {child.name} WHERE {column} = ?", (pointer,))
            else:
                self.db.execute(
                    f"UPDATE {child.name} SET {column} = NULL WHERE {column} = ?", (pointer,)
                )
        self.db.execute(f"DELETE FROM {table.name} WHERE {where}", params)
        if table.name == "check_ins" and self._dates is not None:
            self._dates.discard(key[0])
        if table.local_id is not None:
            self._ids.pop(table.name, None)
        return 1

    def _child_keys(self, child: SyncedTable, column: str, pointer: Any) -> list[Key]:
        """The keys every device knows of the rows of ``child`` whose ``column`` is ``pointer``."""
        if child.local_id is not None:
            return [
                (str(u), "")
                for (u,) in self.store._all(
                    f"SELECT uid FROM {child.name} WHERE {column} = ?", (pointer,)
                )
                if u is not None
            ]
        rows = self.store._all(
            f"SELECT {', '.join(child.key)} FROM {child.name} WHERE {column} = ?", (pointer,)
        )
        out = []
        for row in rows:
            parts = []
            for c, value in zip(child.key, row, strict=True):
                target = child.refs.get(c)
                parts.append(self.store._uids(target).get(value) if target else value)
            if all(p is not None for p in parts):
                out.append((str(parts[0]), str(parts[1]) if len(parts) > 1 else ""))
        return out
