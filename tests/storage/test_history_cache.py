"""The cached history is always what a fresh read of the database gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wlitracker.core.model.entities import CheckIn
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import LONG_STRETCH_DAYS, REREAD_AT_MOST, SqliteRepository

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


def test_a_long_range_keeps_the_whole_history_and_shares_its_days(
    sqlite_repo: SqliteRepository, db_path: Path
) -> None:
    """Years asked for again (each metric, each tab) are the same days, not new copies."""
    last = DAY + dt.timedelta(days=LONG_STRETCH_DAYS + 30)
    sqlite_repo.save_check_ins(
        CheckIn(DAY + dt.timedelta(days=offset), {"guilt": offset % 11})
        for offset in range(0, 431, 3)
    )
    years = sqlite_repo.list_check_ins(DAY - dt.timedelta(days=5), last)
    assert "history" in sqlite_repo._cache
    again = sqlite_repo.list_check_ins(DAY - dt.timedelta(days=5), last)
    assert again == years and all(a is b for a, b in zip(again, years, strict=True))
    since_first = sqlite_repo.list_check_ins(None, DAY + dt.timedelta(days=428))
    assert since_first == years[:-1] and since_first[0] is years[0]
    assert sqlite_repo.list_check_ins() == fresh(db_path)


def test_from_a_day_on_is_read_alone(sqlite_repo: SqliteRepository) -> None:
    """An experiment's days from its start: no reason to read the years before it."""
    sqlite_repo.save_check_ins(
        CheckIn(DAY + dt.timedelta(days=offset), {"guilt": 1}) for offset in range(3)
    )
    assert len(sqlite_repo.list_check_ins(DAY + dt.timedelta(days=1))) == 2
    assert "history" not in sqlite_repo._cache


def test_callers_cannot_change_the_cache_by_changing_the_list(
    sqlite_repo: SqliteRepository,
) -> None:
    sqlite_repo.save_check_in(CheckIn(DAY, {"satisfaction": 5}))
    sqlite_repo.list_check_ins().clear()
    assert len(sqlite_repo.list_check_ins()) == 1


def test_days_read_share_each_name_tag_and_experiment(sqlite_repo: SqliteRepository) -> None:
    """Ten years of days hold one copy of "satisfaction", of each tag and each id."""
    from wlitracker.core import schedules
    from wlitracker.core.model.entities import Adherence, Experiment

    experiment = sqlite_repo.add_experiment(
        Experiment(title="Walk", schedule=schedules.ab(7, 14, DAY), created_on=DAY)
    )
    assert experiment.id is not None
    sqlite_repo.save_check_ins(
        CheckIn(
            DAY + dt.timedelta(days=offset),
            {"satisfaction": 5},
            {experiment.id: Adherence.DONE},
            tags=("outdoors",),
        )
        for offset in range(3)
    )
    first, *others = sqlite_repo.list_check_ins()
    for other in others:
        assert next(iter(other.ratings)) is next(iter(first.ratings))
        assert other.tags[0] is first.tags[0]
        assert next(iter(other.adherence)) is next(iter(first.adherence))
