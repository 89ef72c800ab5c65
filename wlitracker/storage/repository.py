"""The journal stored in SQLite through sqlite-utils.

Every public write runs inside ``db.atomic()`` so a day, an experiment or a
decision lands whole or not at all; nested calls become savepoints.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager

from ..core.model.entities import (
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Domain,
    Experiment,
    Metric,
    PhaseKind,
    PhasePlan,
    Rating,
    RoutineChange,
    RoutineChangeKind,
    Schedule,
    Target,
)
from ..core.model.errors import ConflictError, DatabaseError, NotFoundError
from ..core.model.record import replace
from ..core.model.search import (
    EXCERPT_WORDS,
    MARK_END,
    MARK_START,
    SearchHit,
    SearchResults,
    TagUse,
)
from .connection import Connection
from .database import describe_sqlite_error

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, TypeVar

    from _typeshed import StrPath

    T = TypeVar("T")

HISTORY = "history"  # the cache's key for every check-in
REREAD_AT_MOST = 32  # saved days read back one by one; more, and the history is read afresh
CHUNK_DAYS = 500  # check-ins read at once by ``iter_check_ins``
# A stretch longer than this (or open at its start) is cut from the whole history
# rather than read on its own: see ``SqliteRepository``.
LONG_STRETCH_DAYS = 400
# A stored mark's member: a dict finds it in a tenth of the time ``Adherence(text)`` takes.
MARKS = {mark.value: mark for mark in Adherence}


def _short(start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a range is worth reading on its own rather than from the whole history
    (one open at its end runs from a chosen day, such as an experiment's start)."""
    if start is None:
        return False  # from the first day: that is the history, read and kept below
    return end is None or (end - start).days < LONG_STRETCH_DAYS


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class SqliteRepository:
    """Metrics, experiments and decisions are cached: every check-in asks which
    experiments run that day, and they rarely change. The cache is dropped after
    this repository writes them, after a rolled-back transaction, and whenever
    another connection (the command line, another process) has committed
    anything, which ``PRAGMA data_version`` reveals.

    The whole history is cached too, once someone has read all of it: every chart
    and screen then asks for a range of it after each change, and reading ten years
    costs tens of milliseconds each time. Until then a short range is read on its
    own. A long one (more than a year, or from the first day) reads and keeps the
    whole history instead: such ranges come back for every metric and tab, and each
    read afresh would keep another copy of years of days alive. A saved day is read
    back into the cache alone (a few days saved at once are; an import's thousands
    drop it).
    """

    def __init__(self, db: Connection, path: StrPath | None = None) -> None:
        self.db = db
        self.file = os.fspath(path) if path else db.file  # the journal's file, as text
        self._cache: dict[str, Any] = {}
        self._seen_version: tuple[int, int] | None = None
        self._saved_days: set[dt.date] = set()  # written since the history was cached

    @property
    def path(self) -> Path:
        from pathlib import Path  # when asked: reading a day does not load pathlib

        return Path(self.file)

    # cache
    def _check_version(self) -> None:
        """Drop the cache if another connection has committed since we last looked."""
        try:
            # A reopened connection counts data versions afresh: its generation tells them apart.
            version = (self.db.generation, self.db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.file, error) from None
        if version != self._seen_version:
            self._forget()
            self._seen_version = version

    def _cached(self, key: str, load: Callable[[], T]) -> T:
        # Inside a transaction the snapshot is fixed; it was checked when it began.
        if not self.db.conn.in_transaction:
            self._check_version()
        if key not in self._cache:
            self._cache[key] = load()
        value: T = self._cache[key]
        return value

    def _forget(self) -> None:
        self._cache.clear()
        self._saved_days.clear()

    # plumbing
    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        return list(self._query(sql, params))

    def _query(
        self, sql: str, params: tuple[Any, ...] | list[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        try:
            yield from self.db.query(sql, params)
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.file, error) from None

    def _tuples(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        """Rows as plain tuples: for the long reads, where a dict per row costs a third."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.file, error) from None

    def _stream(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples, one at a time."""
        try:
            yield from self.db.execute(sql, params)
        except sqlite3.Error as error:
            raise describe_sqlite_error(self.file, error) from None

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        outermost = not self.db.conn.in_transaction
        try:
            with self.db.atomic():
                if outermost:
                    self._check_version()
                yield
        except BaseException as error:
            self._forget()  # the cache may hold what was just rolled back
            if isinstance(error, sqlite3.IntegrityError):
                raise ConflictError(f"That change clashes with what is stored: {error}") from None
            if isinstance(error, sqlite3.Error):
                raise describe_sqlite_error(self.file, error) from None
            raise

    def atomic(self) -> AbstractContextManager[None]:
        return self._atomic()

    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def is_empty(self) -> bool:
        # EXISTS stops at the first row: the window asks this at start, however long the journal.
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM check_ins) OR EXISTS (SELECT 1 FROM experiments)"
            " OR EXISTS (SELECT 1 FROM decisions)"
            " OR EXISTS (SELECT 1 FROM metrics WHERE builtin = 0)"
        ).fetchone()
        return not row[0]

    # metrics
    @staticmethod
    def _metric(row: dict[str, Any]) -> Metric:
        return Metric(
            name=row["name"],
            min_value=row["min_value"],
            max_value=row["max_value"],
            better=row["better"],
            builtin=bool(row["builtin"]),
            archived=bool(row["archived"]),
            id=row["id"],
            label=row["label"],
        )

    def _all_metrics(self) -> tuple[Metric, ...]:
        return self._cached(
            "metrics",
            lambda: tuple(
                self._metric(r) for r in self._query("SELECT * FROM metrics ORDER BY id")
            ),
        )

    def list_metrics(self, include_archived: bool = True) -> list[Metric]:
        return [m for m in self._all_metrics() if include_archived or not m.archived]

    def get_metric(self, name: str) -> Metric | None:
        return next((m for m in self._all_metrics() if m.name == name), None)

    def _metric_ids(self) -> dict[str, int]:
        return {m.name: m.id for m in self._all_metrics() if m.id is not None}

    def add_metric(self, metric: Metric) -> Metric:
        if self.get_metric(metric.name) is not None:
            raise ConflictError(f"metric: a metric called {metric.name!r} already exists")
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO metrics"
                " (id, name, label, min_value, max_value, better, builtin, archived)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    metric.id,
                    metric.name,
                    metric.label,
                    metric.min_value,
                    metric.max_value,
                    metric.better,
                    int(metric.builtin),
                    int(metric.archived),
                ),
            )
        return replace(metric, id=cursor.lastrowid)

    def update_metric(self, metric: Metric) -> Metric:
        other = self.get_metric(metric.name)
        if other is not None and other.id != metric.id:
            raise ConflictError(f"metric: a metric called {metric.name!r} already exists")
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "UPDATE metrics SET name = ?, label = ?, min_value = ?, max_value = ?,"
                " better = ?, builtin = ?, archived = ? WHERE id = ?",
                (
                    metric.name,
                    metric.label,
                    metric.min_value,
                    metric.max_value,
                    metric.better,
                    int(metric.builtin),
                    int(metric.archived),
                    metric.id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"metric: no metric with id {metric.id}")
        return metric

    # check-ins
    def get_check_in(self, day: dt.date) -> CheckIn | None:
        """One day in one statement: it is read before every save, so it must be quick."""
        key = day.isoformat()
        rows = self._rows(
            "SELECT 0 AS part, 0 AS ord, note AS name, unusual AS value FROM check_ins"
            " WHERE date = ?1"
            " UNION ALL SELECT 1, m.id, m.name, r.value FROM ratings r"
            " JOIN metrics m ON m.id = r.metric_id WHERE r.date = ?1"
            " UNION ALL SELECT 2, position, tag, NULL FROM check_in_tags WHERE date = ?1"
            " UNION ALL SELECT 3, experiment_id, NULL, mark FROM adherence WHERE date = ?1"
            " ORDER BY part, ord",
            (key,),
        )
        if not rows or rows[0]["part"] != 0:
            return None
        head = rows[0]
        return CheckIn(
            date=day,
            ratings={r["name"]: r["value"] for r in rows if r["part"] == 1},
            adherence={r["ord"]: MARKS[r["value"]] for r in rows if r["part"] == 3},
            tags=tuple(r["name"] for r in rows if r["part"] == 2),
            note=head["name"],
            unusual=head["value"],
        )

    def save_check_in(self, check_in: CheckIn, previous: CheckIn | None = None) -> None:
        """Replace the day; with ``previous`` (the day as stored, read in the same
        transaction) only the parts that differ are rewritten."""
        with self._atomic():
            self._write_check_in(check_in, previous)

    def save_check_ins(self, check_ins: Iterable[CheckIn]) -> None:
        """One savepoint for all the days, not one a day: the search index (FTS5) writes
        out what it holds at every savepoint, a third of an import's time.

        The search index is kept by triggers, a statement or two for each day and each
        tag (most of what is left of an import's time); here they are set aside, in the
        same transaction, so that a failure brings them back with everything else. A day
        written over loses its search entry as it is written, and the days without one
        are indexed at the end, in one statement.
        """
        with self._atomic():
            stored = {r[0] for r in self._tuples("SELECT date FROM check_ins")}  # read once
            triggers = self._tuples(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'day\\_search\\_%' ESCAPE '\\'"
            )
            for name, _sql in triggers:
                self._execute(f'DROP TRIGGER "{name}"')
            self._execute("PRAGMA defer_foreign_keys = ON")  # a day's row after its parts
            for check_in in check_ins:
                day = check_in.date.isoformat()
                new = day not in stored
                if not new:
                    self._execute(
                        "DELETE FROM day_search WHERE rowid = CAST(julianday(?) AS INTEGER)",
                        (day,),
                    )
                self._write_check_in(check_in, None, new=new, deferred=True)
                stored.add(day)
            for _name, sql in triggers:
                self._execute(sql)
            self._execute(
                "INSERT INTO day_search (rowid, date, note, tags)"
                " SELECT CAST(julianday(c.date) AS INTEGER), c.date, c.note,"
                " coalesce((SELECT group_concat(tag, char(31)) FROM (SELECT tag"
                " FROM check_in_tags t WHERE t.date = c.date ORDER BY position)), '')"
                " FROM check_ins c WHERE CAST(julianday(c.date) AS INTEGER)"
                " NOT IN (SELECT rowid FROM day_search)"
            )

    def _write_check_in(
        self,
        check_in: CheckIn,
        previous: CheckIn | None,
        new: bool = False,
        deferred: bool = False,
    ) -> None:
        """``new``: the day is not stored yet (nothing of it to delete first);
        ``deferred``: foreign keys are already checked at commit."""
        day = check_in.date.isoformat()
        if HISTORY in self._cache:
            self._saved_days.add(check_in.date)
            if len(self._saved_days) > REREAD_AT_MOST:
                self._cache.pop(HISTORY)
                self._saved_days.clear()
        metric_ids = self._metric_ids()
        for name in check_in.ratings:
            if name not in metric_ids:
                raise NotFoundError(f"metric: no metric called {name!r}")
        for experiment_id in check_in.adherence:
            if self.get_experiment(experiment_id) is None:
                raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
        if check_in.is_empty:
            self._execute("DELETE FROM check_ins WHERE date = ?", (day,))
            return
        known = previous is not None and previous.date == check_in.date
        old = previous if known and previous is not None else CheckIn(check_in.date)
        if not known and not deferred:
            # The day's parts first and its own row last (foreign keys are checked
            # at commit): a new day's search entry is then made once, with its tags,
            # not made and remade for each tag (half the time of an import).
            self._execute("PRAGMA defer_foreign_keys = ON")
        parts = (
            (
                "ratings",
                old.ratings,
                check_in.ratings,
                "INSERT INTO ratings (date, metric_id, value) VALUES (?, ?, ?)",
                [(day, metric_ids[n], v) for n, v in check_in.ratings.items()],
            ),
            (
                "check_in_tags",
                old.tags,
                check_in.tags,
                "INSERT INTO check_in_tags (date, position, tag) VALUES (?, ?, ?)",
                [(day, i, tag) for i, tag in enumerate(check_in.tags)],
            ),
            (
                "adherence",
                old.adherence,
                check_in.adherence,
                "INSERT INTO adherence (experiment_id, date, mark) VALUES (?, ?, ?)",
                [(eid, day, mark.value) for eid, mark in check_in.adherence.items()],
            ),
        )
        for table, before, after, insert, rows in parts:
            if known and before == after:
                continue
            if (not known and not new) or before:
                self._execute(f"DELETE FROM {table} WHERE date = ?", (day,))
            if rows:
                self.db.executemany(insert, rows)
        if not known or (old.note, old.unusual) != (check_in.note, check_in.unusual):
            self._execute(
                "INSERT INTO check_ins (date, note, unusual) VALUES (?, ?, ?)"
                " ON CONFLICT(date) DO UPDATE SET note = excluded.note,"
                " unusual = excluded.unusual,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (day, check_in.note, check_in.unusual),
            )

    def list_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[CheckIn]:
        if _short(start, end) and not self._history_cached():
            # A stretch, before anyone asked for everything: read just it (an
            # experiment's weeks cost little; ten years of days, with every mark, do).
            return self._check_ins_between(*self._span(start, end))
        dates, days = self._history()
        low = 0 if start is None else bisect.bisect_left(dates, start)
        high = len(dates) if end is None else bisect.bisect_right(dates, end)
        return days[low:high]

    def _history_cached(self) -> bool:
        if not self.db.conn.in_transaction:
            self._check_version()
        return HISTORY in self._cache

    def _history(self) -> tuple[list[dt.date], list[CheckIn]]:
        """Every day, by date (with the dates alone, to cut ranges by bisection)."""
        history: tuple[list[dt.date], list[CheckIn]] = self._cached(HISTORY, self._read_history)
        if self._saved_days:
            dates, days = history
            for day in sorted(self._saved_days):
                fresh = self.get_check_in(day)
                at = bisect.bisect_left(dates, day)
                present = at < len(dates) and dates[at] == day
                if fresh is None and present:
                    del dates[at], days[at]
                elif fresh is not None and present:
                    days[at] = fresh
                elif fresh is not None:
                    dates.insert(at, day)
                    days.insert(at, fresh)
            self._saved_days.clear()
        return history

    def _read_history(self) -> tuple[list[dt.date], list[CheckIn]]:
        days = self._check_ins_between(*self._span(None, None))
        return [c.date for c in days], days

    @staticmethod
    def _span(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
        return (
            start.isoformat() if start else "0000-00-00",
            end.isoformat() if end else "9999-99-99",
        )

    def iter_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> Iterator[CheckIn]:
        """A stretch of ``CHUNK_DAYS`` check-ins at a time, four queries each."""
        low, high = self._span(start, end)
        while True:
            dates = self._tuples(
                "SELECT date FROM check_ins WHERE date BETWEEN ? AND ? ORDER BY date LIMIT ?",
                (low, high, CHUNK_DAYS),
            )
            if not dates:
                return
            last = dates[-1][0]
            yield from self._check_ins_between(low, last)
            if len(dates) < CHUNK_DAYS:
                return
            low = last + "~"  # just after ``last``: '~' sorts after every digit

    def check_in_dates(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dt.date]:
        return [
            dt.date.fromisoformat(day)
            for (day,) in self._tuples(
                "SELECT date FROM check_ins WHERE date BETWEEN ? AND ? ORDER BY date",
                self._span(start, end),
            )
        ]

    def list_tags(self, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
        return [
            tag
            for (tag,) in self._tuples(
                "SELECT DISTINCT tag FROM check_in_tags WHERE date BETWEEN ? AND ? ORDER BY tag",
                self._span(start, end),
            )
        ]

    def _check_ins_between(self, low: str, high: str) -> list[CheckIn]:
        """Rows are taken as they come, not fetched all at once (years of marks are
        megabytes of rows), and a name, tag or id read again is the object read first."""
        span = (low, high)
        shared: dict[Any, Any] = {}
        one = shared.setdefault
        ratings: dict[str, dict[str, Rating]] = defaultdict(dict)
        for day, name, value in self._stream(
            "SELECT r.date, m.name, r.value FROM ratings r JOIN metrics m ON m.id = r.metric_id"
            " WHERE r.date BETWEEN ? AND ? ORDER BY m.id",
            span,
        ):
            ratings[day][one(name, name)] = value
        tags: dict[str, list[str]] = defaultdict(list)
        for day, tag in self._stream(
            "SELECT date, tag FROM check_in_tags WHERE date BETWEEN ? AND ?"
            " ORDER BY date, position",
            span,
        ):
            tags[day].append(one(tag, tag))
        marks: dict[str, dict[int, Adherence]] = defaultdict(dict)
        for day, experiment_id, mark in self._stream(
            "SELECT date, experiment_id, mark FROM adherence WHERE date BETWEEN ? AND ?"
            " ORDER BY experiment_id",
            span,
        ):
            marks[day][one(experiment_id, experiment_id)] = MARKS[mark]
        read, date = CheckIn.read, dt.date.fromisoformat
        return [
            read(
                date(day),
                ratings.get(day, {}),
                marks.get(day, {}),
                tuple(tags.get(day, ())),
                note,
                unusual,
            )
            for day, note, unusual in self._stream(
                "SELECT date, note, unusual FROM check_ins WHERE date BETWEEN ? AND ?"
                " ORDER BY date",
                span,
            )
        ]

    # search and tags
    @staticmethod
    def match_expression(terms: tuple[str, ...]) -> str:
        """Each term as a quoted prefix phrase: the index reads no syntax of its own in it."""
        return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)

    def search_days(self, terms: tuple[str, ...], limit: int | None = None) -> SearchResults:
        if not terms:
            return SearchResults((), 0)
        match = self.match_expression(terms)
        rows = self._tuples(
            "SELECT date, snippet(day_search, 1, ?, ?, '…', ?), tags FROM day_search"
            " WHERE day_search MATCH ? ORDER BY rowid DESC LIMIT ?",
            (MARK_START, MARK_END, EXCERPT_WORDS, match, -1 if limit is None else limit),
        )
        hits = tuple(
            SearchHit(
                dt.date.fromisoformat(day), excerpt, tuple(t for t in tags.split("\x1f") if t)
            )
            for day, excerpt, tags in rows
        )
        if limit is None or len(hits) < limit:
            total = len(hits)
        else:
            total = self._tuples(
                "SELECT count(*) FROM day_search WHERE day_search MATCH ?", (match,)
            )[0][0]
        return SearchResults(hits, total)

    def tag_uses(self) -> list[TagUse]:
        return [
            TagUse(tag, days, dt.date.fromisoformat(last))
            for tag, days, last in self._tuples(
                "SELECT tag, count(*), max(date) FROM check_in_tags GROUP BY tag"
                " ORDER BY count(*) DESC, tag"
            )
        ]

    # experiments
    # Experiments that may run on a day (``list_experiments_on``): started by then, and a
    # routine, persisted, or with phases reaching the day. Only an experiment started
    # within four of the longest phase in the journal (an A-B-A-B plan's reach) has its
    # phases summed; the persisted ones are looked up once.
    _MAY_RUN_ON = (
        "SELECT e.id FROM experiments e WHERE e.start_date <= :day AND (e.kind = 'routine'"
        " OR e.id IN (SELECT experiment_id FROM decisions WHERE kind = 'persist')"
        " OR (e.start_date >= date(:day, printf('-%d days',"
        " 4 * (SELECT max(days) FROM experiment_phases)))"
        " AND date(e.start_date, printf('%+d days', (SELECT coalesce(sum(days), 0)"
        " FROM experiment_phases p WHERE p.experiment_id = e.id) - 1)) >= :day))"
        " ORDER BY e.id"
    )

    def _experiment_rows(
        self, ids_sql: str | None = None, params: dict[str, Any] | None = None
    ) -> list[Experiment]:
        """Every experiment, or those whose id ``ids_sql`` (a query of ids) selects."""
        only = "" if ids_sql is None else f" WHERE {{column}} IN ({ids_sql})"
        values = params or {}
        targets: dict[int, list[Target]] = defaultdict(list)
        for experiment_id, name, better in self._tuples(
            "SELECT t.experiment_id, m.name, t.better FROM experiment_targets t"
            " JOIN metrics m ON m.id = t.metric_id"
            + only.format(column="t.experiment_id")
            + " ORDER BY t.experiment_id, t.position",
            values,
        ):
            targets[experiment_id].append(Target(name, better))
        plans: dict[int, list[PhasePlan]] = defaultdict(list)
        for experiment_id, kind, days in self._tuples(
            "SELECT experiment_id, kind, days FROM experiment_phases"
            + only.format(column="experiment_id")
            + " ORDER BY experiment_id, position",
            values,
        ):
            plans[experiment_id].append(PhasePlan(PhaseKind(kind), days))
        import json  # for experiments only: reading or logging a day does not load it

        return [
            Experiment(
                id=r["id"],
                title=r["title"],
                intention=r["intention"],
                shift=r["shift"],
                hypothesis=r["hypothesis"],
                domains=tuple(Domain(d) for d in json.loads(r["domains"])),
                targets=tuple(targets.get(r["id"], ())),
                schedule=Schedule(tuple(plans.get(r["id"], ())), _date(r["start_date"])),
                template=r["template"],
                parent_id=r["parent_id"],
                version=r["version"],
                created_on=_date(r["created_on"]),
                kind=r["kind"],
            )
            for r in self._query(
                "SELECT * FROM experiments" + only.format(column="id") + " ORDER BY id", values
            )
        ]

    def _write_experiment_parts(self, experiment: Experiment) -> None:
        assert experiment.id is not None
        metric_ids = self._metric_ids()
        for target in experiment.targets:
            if target.metric not in metric_ids:
                raise NotFoundError(f"metric: no metric called {target.metric!r}")
        self._execute("DELETE FROM experiment_targets WHERE experiment_id = ?", (experiment.id,))
        self._execute("DELETE FROM experiment_phases WHERE experiment_id = ?", (experiment.id,))
        self.db.executemany(
            "INSERT INTO experiment_targets (experiment_id, position, metric_id, better)"
            " VALUES (?, ?, ?, ?)",
            [
                (experiment.id, i, metric_ids[t.metric], t.better)
                for i, t in enumerate(experiment.targets)
            ],
        )
        self.db.executemany(
            "INSERT INTO experiment_phases (experiment_id, position, kind, days)"
            " VALUES (?, ?, ?, ?)",
            [
                (experiment.id, i, p.kind.value, p.days)
                for i, p in enumerate(experiment.schedule.plan)
            ],
        )

    @staticmethod
    def _experiment_values(experiment: Experiment) -> tuple[Any, ...]:
        import json

        start = experiment.schedule.start
        return (
            experiment.title,
            experiment.intention,
            experiment.shift,
            experiment.hypothesis,
            json.dumps([d.value for d in experiment.domains]),
            experiment.template,
            experiment.parent_id,
            experiment.version,
            start.isoformat() if start else None,
            experiment.created_on.isoformat() if experiment.created_on else None,
            experiment.kind,
        )

    def _check_parent(self, experiment: Experiment) -> None:
        if experiment.parent_id is not None and self.get_experiment(experiment.parent_id) is None:
            raise NotFoundError(f"experiment: no experiment with id {experiment.parent_id}")

    def add_experiment(self, experiment: Experiment) -> Experiment:
        if experiment.id is not None and self.get_experiment(experiment.id) is not None:
            raise ConflictError(f"experiment: id {experiment.id} is taken")
        self._check_parent(experiment)
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO experiments (id, title, intention, shift, hypothesis, domains,"
                " template, parent_id, version, start_date, created_on, kind)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (experiment.id, *self._experiment_values(experiment)),
            )
            stored = replace(experiment, id=cursor.lastrowid)
            self._write_experiment_parts(stored)
        return stored

    def update_experiment(self, experiment: Experiment) -> Experiment:
        self._check_parent(experiment)
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "UPDATE experiments SET title = ?, intention = ?, shift = ?, hypothesis = ?,"
                " domains = ?, template = ?, parent_id = ?, version = ?, start_date = ?,"
                " created_on = ?, kind = ? WHERE id = ?",
                (*self._experiment_values(experiment), experiment.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"experiment: no experiment with id {experiment.id}")
            self._write_experiment_parts(experiment)
        return experiment

    def _all_experiments(self) -> dict[int, Experiment]:
        return self._cached(
            "experiments",
            lambda: {e.id: e for e in self._experiment_rows() if e.id is not None},
        )

    def get_experiment(self, experiment_id: int) -> Experiment | None:
        return self._all_experiments().get(experiment_id)

    def list_experiments(self) -> list[Experiment]:
        return list(self._all_experiments().values())

    def list_experiments_on(self, day: dt.date) -> list[Experiment]:
        """Only the few that may run: opening the journal must not read its whole history."""

        def load() -> list[Experiment]:
            import json

            ids = [r[0] for r in self._tuples(self._MAY_RUN_ON, {"day": day.isoformat()})]
            if not ids:
                return []
            return self._experiment_rows(
                "SELECT value FROM json_each(:ids)", {"ids": json.dumps(ids)}
            )

        return self._cached(f"experiments on {day.isoformat()}", load)

    # decisions
    def add_decision(self, decision: Decision) -> Decision:
        for ref in (decision.experiment_id, decision.new_experiment_id):
            if ref is not None and self.get_experiment(ref) is None:
                raise NotFoundError(f"experiment: no experiment with id {ref}")
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO decisions (id, experiment_id, kind, reason, decided_on,"
                " new_experiment_id) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    decision.id,
                    decision.experiment_id,
                    decision.kind.value,
                    decision.reason,
                    decision.decided_on.isoformat(),
                    decision.new_experiment_id,
                ),
            )
        return replace(decision, id=cursor.lastrowid)

    def _decision_rows(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Decision, ...]:
        return tuple(
            Decision(
                experiment_id=r["experiment_id"],
                kind=DecisionKind(r["kind"]),
                reason=r["reason"],
                decided_on=dt.date.fromisoformat(r["decided_on"]),
                new_experiment_id=r["new_experiment_id"],
                id=r["id"],
            )
            for r in self._query(sql, params)
        )

    def _all_decisions(self) -> tuple[Decision, ...]:
        return self._cached(
            "decisions", lambda: self._decision_rows("SELECT * FROM decisions ORDER BY id")
        )

    def list_decisions(self, experiment_id: int | None = None) -> list[Decision]:
        """One experiment's from the cache of all when it is read, else on their own."""
        if experiment_id is not None:
            if not self.db.conn.in_transaction:
                self._check_version()
            if "decisions" not in self._cache:
                return list(
                    self._cached(
                        f"decisions of {experiment_id}",
                        lambda: self._decision_rows(
                            "SELECT * FROM decisions WHERE experiment_id = ? ORDER BY id",
                            (experiment_id,),
                        ),
                    )
                )
        return [
            d
            for d in self._all_decisions()
            if experiment_id is None or d.experiment_id == experiment_id
        ]

    def delete_decision(self, decision_id: int) -> None:
        self._forget()
        with self._atomic():
            cursor = self._execute("DELETE FROM decisions WHERE id = ?", (decision_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"decision: no decision with id {decision_id}")

    def delete_experiment(self, experiment_id: int) -> None:
        self._forget()
        with self._atomic():
            refs = self._tuples(
                "SELECT (SELECT COUNT(*) FROM decisions WHERE experiment_id = ?1"
                " OR new_experiment_id = ?1) + (SELECT COUNT(*) FROM experiments"
                " WHERE parent_id = ?1) + (SELECT COUNT(*) FROM adherence"
                " WHERE experiment_id = ?1)",
                (experiment_id,),
            )[0][0]
            if refs:
                raise ConflictError(
                    f"experiment {experiment_id}: it has decisions, versions or marked days"
                )
            changes = self._tuples(
                "SELECT COUNT(*) FROM routine_changes WHERE experiment_id = ?", (experiment_id,)
            )[0][0]
            if changes:
                raise ConflictError(
                    f"experiment {experiment_id}: it has decisions, versions or marked days"
                )
            cursor = self._execute("DELETE FROM experiments WHERE id = ?", (experiment_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"experiment: no experiment with id {experiment_id}")

    # routines
    def add_routine_change(self, change: RoutineChange) -> RoutineChange:
        if self.get_experiment(change.experiment_id) is None:
            raise NotFoundError(f"experiment: no experiment with id {change.experiment_id}")
        self._forget()
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO routine_changes (id, experiment_id, kind, changed_on, reason)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    change.id,
                    change.experiment_id,
                    change.kind.value,
                    change.changed_on.isoformat(),
                    change.reason,
                ),
            )
        return replace(change, id=cursor.lastrowid)

    def _all_routine_changes(self) -> tuple[RoutineChange, ...]:
        return self._cached(
            "routine changes",
            lambda: tuple(
                RoutineChange(
                    experiment_id=r[1],
                    kind=RoutineChangeKind(r[2]),
                    changed_on=dt.date.fromisoformat(r[3]),
                    reason=r[4],
                    id=r[0],
                )
                for r in self._tuples(
                    "SELECT id, experiment_id, kind, changed_on, reason"
                    " FROM routine_changes ORDER BY id"
                )
            ),
        )

    def list_routine_changes(self, experiment_id: int | None = None) -> list[RoutineChange]:
        return [
            c
            for c in self._all_routine_changes()
            if experiment_id is None or c.experiment_id == experiment_id
        ]

    # settings
    def get_setting(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self._atomic():
            if value is None:
                self._execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self._execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._query("SELECT * FROM settings ORDER BY key")}

    def clear(self) -> None:
        self._forget()
        with self._atomic():
            for table in (
                "routine_changes",
                "adherence",
                "ratings",
                "check_in_tags",
                "check_ins",
                "decisions",
                "experiment_targets",
                "experiment_phases",
                "experiments",
                "settings",
            ):
                self._execute(f"DELETE FROM {table}")
            self._execute("DELETE FROM metrics WHERE builtin = 0")

    def close(self) -> None:
        self.db.close()


__all__ = ["DatabaseError", "SqliteRepository"]
