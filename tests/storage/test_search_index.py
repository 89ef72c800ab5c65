"""The full-text index holds every day's note and tags after every kind of write.

Each test makes one kind of write (a check-in, an update, a removal, a tag renamed, an
import, the demo, a restore, an undo, a schema upgrade, clearing) on a real journal and
compares the index with the days themselves, then asks SQLite to check the index.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.conftest import TODAY
from wlitracker import app
from wlitracker.core.model.entities import CheckIn
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.migrations import KNOWN, migration_set
from wlitracker.storage.repository import SqliteRepository

YESTERDAY = TODAY - dt.timedelta(days=1)


def indexed(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO day_search (day_search) VALUES ('integrity-check')")
        return conn.execute("SELECT date, note, tags FROM day_search ORDER BY rowid").fetchall()
    finally:
        conn.close()


def expected(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        days = conn.execute("SELECT date, note FROM check_ins ORDER BY date").fetchall()
        rows = []
        for day, note in days:
            tags = conn.execute(
                "SELECT tag FROM check_in_tags WHERE date = ? ORDER BY position", (day,)
            ).fetchall()
            rows.append((day, note, "\x1f".join(t for (t,) in tags)))
        return rows
    finally:
        conn.close()


def assert_in_step(path: Path) -> None:
    assert indexed(path) == expected(path)


@pytest.fixture
def journal_at(db_path: Path) -> Iterator[Journal]:
    repo = SqliteRepository(open_database(db_path), db_path)
    journal = Journal(repo, lambda: TODAY)
    journal.check_ins.update(YESTERDAY, note="A walk at noon", add_tags=["gym", "walk"])
    journal.check_ins.update(TODAY, ratings={"guilt": 2}, add_tags=["family dinner"])
    yield journal
    repo.close()


WRITES: dict[str, Callable[[Journal], object]] = {
    "save a new day": lambda j: j.check_ins.save(
        CheckIn(TODAY - dt.timedelta(days=5), note="new", tags=("x", "y"))
    ),
    "change a note": lambda j: j.check_ins.update(YESTERDAY, note="A run at dawn instead"),
    "change only the ratings": lambda j: j.check_ins.update(YESTERDAY, ratings={"guilt": 4}),
    "reorder and drop tags": lambda j: j.check_ins.save(
        CheckIn(YESTERDAY, note="A walk at noon", tags=("walk", "new"))
    ),
    "empty a day": lambda j: j.check_ins.save(CheckIn(TODAY)),
    "remove a day": lambda j: j.removals.check_in(YESTERDAY),
    "remove a day, then undo": lambda j: (j.removals.check_in(YESTERDAY), j.changes.undo()),
    "rename a tag into another": lambda j: j.tags.rename("walk", "gym"),
    "remove a tag": lambda j: j.tags.remove("family dinner"),
    "remove a metric's history": lambda j: j.removals.metric_history("guilt"),
    "save days in one batch (an import)": lambda j: j.repo.save_check_ins(
        [
            CheckIn(TODAY - dt.timedelta(days=9), note="batch new", tags=("a", "b")),
            CheckIn(YESTERDAY, note="replaced in a batch", tags=("walk",)),
            CheckIn(TODAY),  # emptied
            CheckIn(TODAY - dt.timedelta(days=9), note="written twice", tags=("b",)),
        ]
    ),
    "demo": lambda j: j.demo.fill(days=120, force=True),
    "clear": lambda j: j.repo.clear(),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_the_index_follows_every_write(journal_at: Journal, db_path: Path, name: str) -> None:
    assert_in_step(db_path)
    WRITES[name](journal_at)
    assert_in_step(db_path)


def _triggers(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


def test_a_batch_sets_the_index_triggers_aside_and_puts_them_back_as_they_were(
    journal_at: Journal, db_path: Path
) -> None:
    from wlitracker.core.model.errors import NotFoundError

    before = _triggers(db_path)
    assert any(name.startswith("day_search_") for name, _ in before)
    journal_at.repo.save_check_ins([CheckIn(TODAY - dt.timedelta(days=3), note="one")])
    assert _triggers(db_path) == before
    journal_at.check_ins.update(YESTERDAY, note="kept by the triggers again", add_tags=["z"])
    assert_in_step(db_path)
    with pytest.raises(NotFoundError):  # a batch that fails midway: nothing of it stays
        journal_at.repo.save_check_ins(
            [
                CheckIn(TODAY - dt.timedelta(days=4), note="never"),
                CheckIn(TODAY - dt.timedelta(days=5), ratings={"no such metric": 3}),
            ]
        )
    assert _triggers(db_path) == before
    assert_in_step(db_path)
    assert journal_at.search.days("never").total == 0


def test_a_search_finds_what_was_just_written(journal_at: Journal) -> None:
    journal_at.check_ins.update(YESTERDAY, note="Sunrise swim")
    assert [h.date for h in journal_at.search.days("swim").hits] == [YESTERDAY]
    assert journal_at.search.days("noon").total == 0


def _cli(*args: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert app.main(list(args), out=out, err=err) == 0, err.getvalue()


def test_an_import_and_a_restore_keep_the_index_in_step(
    tmp_path: Path, stopped_clock: None
) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    _cli(
        "--db",
        str(source),
        "log",
        "--date",
        "2026-03-10",
        "--note",
        "Lunch by the river",
        "--tag",
        "friends",
    )
    _cli("--db", str(source), "export", "--format", "csv", "-o", str(tmp_path / "out.csv"))
    _cli("--db", str(target), "log", "--note", "today's own")
    _cli("--db", str(target), "import", str(tmp_path / "out.csv"))
    assert_in_step(target)
    assert [r[0] for r in indexed(target)] == ["2026-03-10", "2026-03-16"]
    _cli("--db", str(source), "backup", "-o", str(tmp_path / "copy.db"))
    _cli("--db", str(target), "restore", str(tmp_path / "copy.db"))
    assert_in_step(target)
    assert [r[1] for r in indexed(target)] == ["Lunch by the river"]


def test_the_upgrade_indexes_the_days_already_there(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migration_set().apply(Database(conn), stop_before=["0004_search_and_tags"])
    conn.executescript(
        """
        INSERT INTO check_ins (date, note) VALUES ('2026-03-09', 'Café at noon'),
            ('2026-03-10', '');
        INSERT INTO check_in_tags (date, tag, position) VALUES
            ('2026-03-09', 'gym', 1), ('2026-03-09', 'family dinner', 0),
            ('2026-03-10', 'travel', 0);
        """
    )
    conn.commit()
    conn.close()
    repo = SqliteRepository(open_database(path), path)
    try:
        assert tuple(r[0] for r in repo._tuples("SELECT name FROM _sqlite_migrations")) == KNOWN
        assert indexed(path) == [
            ("2026-03-09", "Café at noon", "family dinner\x1fgym"),
            ("2026-03-10", "", "travel"),
        ]
        journal = Journal(repo, lambda: TODAY)
        assert [h.date for h in journal.search.days("cafe").hits] == [dt.date(2026, 3, 9)]
        assert [h.date for h in journal.search.days("trav").hits] == [dt.date(2026, 3, 10)]
    finally:
        repo.close()
