"""The cached history is always what a fresh read of the database gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wlitracker.core.model.entities import CheckIn
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import REREAD_AT_MOST, SqliteRepository

DAY = dt.date(2026, 3, 1)


def fresh(path: Path) -> list[CheckIn]:
    repo = SqliteRepository(open_database(path))
    try:
        return repo.list_check_ins()
    finally:
        repo.close()


def test_saved_days_are_read_back_into_the_cached_history(
    sqlite_repo: SqliteRepository, db_path: Path
) -> None:
    for offset in range(5):
        sqlite_repo.save_check_in(CheckIn(DAY + dt.timedelta(days=offset), {"satisfaction": 5}))
    assert len(sqlite_repo.list_check_ins()) == 5  # now cached
    sqlite_repo.save_check_in(CheckIn(DAY + dt.timedelta(days=2), {"guilt": 3}, note="changed"))
    sqlite_repo.save_check_in(CheckIn(DAY - dt.timedelta(days=3), {"satisfaction": 1}))
    sqlite_repo.save_check_in(CheckIn(DAY + dt.timedelta(days=4)), None)  # emptied: removed
    assert sqlite_repo.list_check_ins() == fresh(db_path)
    assert [c.date.day for c in sqlite_repo.list_check_ins(DAY, DAY + dt.timedelta(days=2))] == [
        1,
        2,
        3,
    ]
    assert sqlite_repo.list_check_ins(DAY + dt.timedelta(days=10)) == []


def test_many_saves_and_another_process_writing_are_seen(
    sqlite_repo: SqliteRepository, db_path: Path
) -> None:
    sqlite_repo.save_check_in(CheckIn(DAY, {"satisfaction": 5}))
    assert len(sqlite_repo.list_check_ins()) == 1
    with sqlite_repo.atomic():
        for offset in range(REREAD_AT_MOST + 5):
            sqlite_repo.save_check_in(CheckIn(DAY + dt.timedelta(days=offset), {"guilt": 2}))
    assert sqlite_repo.list_check_ins() == fresh(db_path)

    other = SqliteRepository(open_database(db_path))
    other.save_check_in(CheckIn(DAY - dt.timedelta(days=1), {"satisfaction": 9}, note="elsewhere"))
    other.close()
    assert sqlite_repo.list_check_ins()[0].note == "elsewhere"
    assert sqlite_repo.list_check_ins() == fresh(db_path)


def test_a_rolled_back_save_leaves_no_trace_in_the_cache(sqlite_repo: SqliteRepository) -> None:
    sqlite_repo.save_check_in(CheckIn(DAY, {"satisfaction": 5}))
    assert len(sqlite_repo.list_check_ins()) == 1
    try:
        with sqlite_repo.atomic():
            sqlite_repo.save_check_in(CheckIn(DAY, {"satisfaction": 1}))
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert sqlite_repo.list_check_ins()[0].ratings == {"satisfaction": 5}


def test_a_range_asked_for_first_is_read_alone_and_stays_right(
    sqlite_repo: SqliteRepository, db_path: Path
) -> None:
    for offset in range(10):
        sqlite_repo.save_check_in(CheckIn(DAY + dt.timedelta(days=offset), {"guilt": offset}))
    week = sqlite_repo.list_check_ins(DAY, DAY + dt.timedelta(days=6))
    assert len(week) == 7 and "history" not in sqlite_repo._cache  # not the whole of it
    assert len(sqlite_repo.list_check_ins()) == 10  # everything: now kept
    sqlite_repo.save_check_in(CheckIn(DAY, {"guilt": 9}))
    assert sqlite_repo.list_check_ins(DAY, DAY)[0].ratings == {"guilt": 9}
    assert sqlite_repo.list_check_ins() == fresh(db_path)


def test_callers_cannot_change_the_cache_by_changing_the_list(
    sqlite_repo: SqliteRepository,
) -> None:
    sqlite_repo.save_check_in(CheckIn(DAY, {"satisfaction": 5}))
    sqlite_repo.list_check_ins().clear()
    assert len(sqlite_repo.list_check_ins()) == 1
