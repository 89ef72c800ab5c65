"""Backups: verified private copies, rotation, restore that refuses bad files, and the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from wlitracker import app
from wlitracker.core.services.journal import Journal
from wlitracker.storage import backup_files, backup_model
from wlitracker.storage.backups import (
    Backup,
    BackupError,
    BackupManager,
    default_folder,
    integrity_problems,
    is_damaged,
    read_folder_preference,
    rotation,
    verify,
)
from wlitracker.storage.database import open_database, schema_version
from wlitracker.storage.migrations import KNOWN
from wlitracker.storage.repository import SqliteRepository

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 3, 16)
MORNING = dt.datetime(2026, 3, 16, 9, 30)


class Clock:
    """A hand-moved clock for the backup manager."""

    def __init__(self, now: dt.datetime = MORNING) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(db_path: Path, day: dt.date, satisfaction: int, note: str = "") -> None:
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        Journal(repo, lambda: TODAY).check_ins.update(
            day, ratings={"satisfaction": satisfaction}, add_tags=["gym"], note=note
        )
    finally:
        repo.close()


def _satisfaction(db_path: Path, day: dt.date = TODAY) -> float | None:
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        check_in = repo.get_check_in(day)
        return None if check_in is None else check_in.ratings.get("satisfaction")
    finally:
        repo.close()


def _corrupt(path: Path) -> None:
    """Scribble over the pages after the first: SQLite calls the file malformed."""
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xa5" * 4096 * 4)


def _folder_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def journal_path(db_path: Path) -> Path:
    _write(db_path, TODAY, 7, "a good day")
    return db_path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def manager(journal_path: Path, clock: Clock) -> BackupManager:
    return BackupManager(journal_path, clock=clock)


# --- making backups ----------------------------------------------------------------------


def test_a_backup_is_a_verified_private_standalone_copy(
    manager: BackupManager, journal_path: Path
) -> None:
    made = manager.back_up()

    assert made.path == journal_path.parent / "backups" / "journal-2026-03-16T0930.db"
    assert made.taken_at == MORNING and made.kind == "backup" and made.label == "2026-03-16 09:30"
    assert made.size == made.path.stat().st_size > 0
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert _folder_files(made.path.parent) == [made.path.name]  # no temp file, no -wal
    verify(made.path)
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert _satisfaction(made.path) == 7


def test_the_default_folder_is_beside_the_database(tmp_path: Path) -> None:
    assert default_folder(tmp_path / "a" / "j.db") == tmp_path / "a" / "backups"
    from wlitracker import paths

    assert default_folder(paths.database_path()) == paths.data_dir() / "backups"


def test_a_backup_is_consistent_while_another_connection_writes(
    manager: BackupManager, journal_path: Path
) -> None:
    writer = sqlite3.connect(journal_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO settings (key, value) VALUES ('half', 'written')")
        made = manager.back_up()  # not blocked by the open write transaction
        writer.execute("COMMIT")
    finally:
        writer.close()
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'half'").fetchone() == (0,)
    finally:
        conn.close()
    assert _satisfaction(made.path) == 7


def test_two_backups_in_the_same_minute_get_their_own_names(manager: BackupManager) -> None:
    first, second, third = manager.back_up(), manager.back_up(), manager.back_up()
    assert first.path.name == "journal-2026-03-16T0930.db"
    assert second.path.name == "journal-2026-03-16T0930-2.db" and second.seq == 2
    assert [b.path for b in manager.list_backups()] == [third.path, second.path, first.path]


def test_back_up_now_never_removes_a_copy_made_earlier_the_same_day(
    manager: BackupManager, clock: Clock
) -> None:
    clock.now -= dt.timedelta(days=1)
    yesterday = [manager.back_up(), manager.back_up()]
    assert [b.path for b in manager.list_backups()] == [yesterday[1].path, yesterday[0].path]
    clock.now += dt.timedelta(days=1)
    today = manager.back_up()
    assert [b.path for b in manager.list_backups()] == [today.path, yesterday[1].path]


def test_backup_to_a_chosen_file_or_folder(
    manager: BackupManager, tmp_path: Path, journal_path: Path
) -> None:
    out = tmp_path / "elsewhere"
    out.mkdir()
    into_folder = manager.back_up(out)
    assert into_folder.path == out / "journal-2026-03-16T0930.db"
    named = manager.back_up(out / "copy.db")
    assert named.path == out / "copy.db" and _satisfaction(named.path) == 7
    with pytest.raises(BackupError, match="already exists"):
        manager.back_up(out / "copy.db")
    assert manager.list_backups() == []  # copies made elsewhere are not the rotated ones


def test_automatic_backups_happen_at_most_once_a_day(manager: BackupManager, clock: Clock) -> None:
    assert manager.auto_backup() is not None
    clock.now = MORNING.replace(hour=18)
    assert manager.auto_backup() is None
    clock.now = MORNING + dt.timedelta(days=1)
    assert manager.auto_backup() is not None
    assert len(manager.list_backups()) == 2


def test_no_journal_yet_means_no_automatic_backup(tmp_path: Path) -> None:
    manager = BackupManager(tmp_path / "none.db")
    assert manager.auto_backup() is None
    with pytest.raises(BackupError, match="no journal"):
        manager.back_up()
    assert not (tmp_path / "none.db").exists()


def test_a_copy_that_fails_verification_is_removed_and_reported(
    manager: BackupManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        backup_files, "integrity_problems", lambda *a, **k: ["page 3: btree broken"]
    )
    with pytest.raises(BackupError, match=r"did not pass verification.*btree broken"):
        manager.back_up()
    assert _folder_files(manager.folder) == []


def test_a_full_disk_leaves_no_backup_behind(
    manager: BackupManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = backup_files._connect

    def tiny_disk(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
        conn = real_connect(target, uri=uri)
        if str(target).endswith(backup_model.TEMP_SUFFIX):
            conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(backup_files, "_connect", tiny_disk)
    with pytest.raises(BackupError, match="full"):
        manager.back_up()
    assert _folder_files(manager.folder) == []


def test_an_unusable_backup_folder_gets_a_clear_message(journal_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    manager = BackupManager(journal_path, blocker / "backups")
    with pytest.raises(BackupError, match="Cannot create the backup folder"):
        manager.back_up()
    with pytest.raises(BackupError, match="Cannot use the folder"):
        manager.set_folder(blocker / "other")


def test_a_chosen_folder_is_used_and_remembered(journal_path: Path, tmp_path: Path) -> None:
    remembered: list[Path | None] = []
    manager = BackupManager(journal_path, clock=Clock(), remember_folder=remembered.append)
    manager.set_folder(tmp_path / "usb" / "wlitracker")
    made = manager.back_up()
    assert made.path.parent == tmp_path / "usb" / "wlitracker"
    assert remembered == [tmp_path / "usb" / "wlitracker"]
    manager.set_folder(None)
    assert manager.folder == default_folder(journal_path)


def test_the_folder_preference_is_read_even_without_opening_the_journal(
    journal_path: Path, tmp_path: Path
) -> None:
    repo = SqliteRepository(open_database(journal_path), journal_path)
    try:
        Journal(repo, lambda: TODAY).preferences.set_backup_folder(tmp_path / "mine")
    finally:
        repo.close()
    assert read_folder_preference(journal_path) == tmp_path / "mine"
    assert BackupManager.for_database(journal_path).folder == tmp_path / "mine"
    journal_path.write_text("no longer a database\n" * 100)
    assert read_folder_preference(journal_path) is None
    assert BackupManager.for_database(journal_path).folder == journal_path.parent / "backups"


# --- rotation --------------------------------------------------------------------------


def _fake(folder: Path, when: dt.datetime, stem: str = "journal", infix: str = "") -> Path:
    path = folder / f"{stem}-{infix}{when.strftime('%Y-%m-%dT%H%M')}.db"
    path.write_bytes(b"fake")
    return path


def test_rotation_keeps_14_daily_and_12_monthly_copies(journal_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rotated"
    folder.mkdir()
    start = dt.datetime(2024, 1, 1, 8, 0)
    made = []
    for day in range(800):  # over two years, two backups a day
        for hour in (8, 20):
            made.append(_fake(folder, start + dt.timedelta(days=day, hours=hour - 8)))
    safety = _fake(folder, start, infix="before-restore-")
    other_journal = _fake(folder, start, stem="other")
    stranger = folder / "notes.txt"
    stranger.write_text("mine")
    manager = BackupManager(journal_path, folder)

    removed = manager.rotate()

    kept = {b.taken_at for b in manager.list_backups() if b.kind == "backup"}
    last = start + dt.timedelta(days=799, hours=12)
    daily = {last - dt.timedelta(days=n) for n in range(14)}
    monthly = set()
    for months_back in range(12):
        year, month = divmod(last.year * 12 + last.month - 1 - months_back, 12)
        first_of_next = dt.datetime(year + (month == 11), (month + 1) % 12 + 1, 1, 20)
        monthly.add(min(first_of_next - dt.timedelta(days=1), last))
    newest_day_morning = last - dt.timedelta(hours=12)  # the newest day keeps every copy
    assert kept == daily | monthly | {newest_day_morning}
    assert len(removed) == len(made) - len(kept)
    assert safety.exists() and other_journal.exists() and stranger.exists()
    assert all(p.exists() == (p not in removed) for p in made)


def test_rotation_counts_days_with_backups_not_calendar_days() -> None:
    """A journal left alone for months still keeps its last 14 daily copies."""
    base = dt.datetime(2025, 1, 1, 9, 0)
    found = [Backup(Path(f"j-{n}.db"), base + dt.timedelta(days=3 * n), 10) for n in range(20)]
    removed = {b.path for b in rotation(found)}
    kept = [b for b in found if b.path not in removed]
    assert found[-14:] == kept[-14:]
    assert len(kept) >= 14


def test_automatic_backups_over_months_rotate_with_an_injected_clock(
    journal_path: Path, clock: Clock
) -> None:
    manager = BackupManager(journal_path, clock=clock)
    clock.now = dt.datetime(2025, 1, 1, 9, 0)
    for _ in range(60):
        clock.now += dt.timedelta(days=9)
        manager.auto_backup()
    taken = [dt.datetime(2025, 1, 1, 9, 0) + dt.timedelta(days=9 * n) for n in range(1, 61)]
    latest_of_month: dict[tuple[int, int], dt.datetime] = {}
    for when in taken:
        latest_of_month[(when.year, when.month)] = when
    expected = set(taken[-14:]) | set(sorted(latest_of_month.values())[-12:])
    assert {b.taken_at for b in manager.list_backups()} == expected


# --- damage --------------------------------------------------------------------------------


def test_what_counts_as_damaged(tmp_path: Path, journal_path: Path) -> None:
    assert not is_damaged(journal_path)
    assert not is_damaged(tmp_path / "missing.db")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not is_damaged(empty)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    assert not is_damaged(other)  # the wrong file, not a damaged one
    text = tmp_path / "text.db"
    text.write_text("my shopping list\n" * 100)
    assert is_damaged(text)
    _corrupt(journal_path)
    assert is_damaged(journal_path)


def test_sqlite_false_null_reports_do_not_count_as_damage(journal_path: Path) -> None:
    """SQLite < 3.41 reports NULLs in check_in_tags.position that are not there."""
    conn = sqlite3.connect(journal_path)
    try:
        assert conn.execute("SELECT count(*) FROM check_in_tags").fetchone()[0] > 0
        assert integrity_problems(conn) == []
        assert integrity_problems(conn, quick=True) == []
    finally:
        conn.close()


def test_latest_good_skips_a_backup_that_does_not_verify(
    manager: BackupManager, clock: Clock
) -> None:
    good = manager.back_up()
    clock.now += dt.timedelta(days=1)
    bad = manager.back_up()
    _corrupt(bad.path)
    latest = manager.latest_good()
    assert latest is not None and latest.path == good.path


# --- restore -----------------------------------------------------------------------------


def test_restore_brings_the_data_back_and_keeps_a_safety_copy(
    manager: BackupManager, journal_path: Path, clock: Clock
) -> None:
    made = manager.back_up()
    _write(journal_path, TODAY, 2, "changed later")
    clock.now += dt.timedelta(hours=2)

    result = manager.restore(made.path)

    assert _satisfaction(journal_path) == 7
    assert result.damaged_copy is None and result.safety_copy is not None
    assert result.safety_copy.name == "journal-before-restore-2026-03-16T1130.db"
    assert _satisfaction(result.safety_copy) == 2
    assert stat.S_IMODE(result.safety_copy.stat().st_mode) == 0o600
    assert str(result.safety_copy) in result.describe()
    kinds = [(b.path, b.kind) for b in manager.list_backups()]
    assert kinds == [(result.safety_copy, "before restore"), (made.path, "backup")]
    assert [p.name for p in journal_path.parent.iterdir() if ".restore" in p.name] == []


def test_restore_reaches_a_connection_that_stays_open(
    manager: BackupManager, journal_path: Path
) -> None:
    """The window keeps its connection; after a restore it reads the restored journal."""
    made = manager.back_up()
    repo = SqliteRepository(open_database(journal_path), journal_path)
    try:
        journal = Journal(repo, lambda: TODAY)
        journal.check_ins.update(TODAY, ratings={"satisfaction": 1})
        manager.restore(made.path)
        assert journal.check_ins.get(TODAY).ratings["satisfaction"] == 7
        journal.check_ins.update(TODAY, ratings={"satisfaction": 9})  # still writable
    finally:
        repo.close()
    assert _satisfaction(journal_path) == 9
    assert open_database(journal_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restoring_an_older_version_migrates_it(
    manager: BackupManager, journal_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript((DATA / "schema_0001.sql").read_text())
    conn.close()
    before = _digest(old)
    manager.restore(old)
    assert _digest(old) == before  # the backup itself is only read
    db = open_database(journal_path)
    try:
        assert schema_version(db) == list(KNOWN)
        assert db.execute("SELECT count(*) FROM check_ins").fetchone()[0] > 20
    finally:
        db.close()


def _newer(path: Path) -> None:
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('wlitracker', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def _another_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


def _damaged_backup(path: Path) -> None:
    open_database(path).close()
    _write(path, TODAY, 3, "x" * 20000)
    _corrupt(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("my shopping list\n" * 100), "not an SQLite database"),
        (lambda p: p.touch(), "not an SQLite database"),
        (_another_program, "another program"),
        (_newer, "newer version"),
        (_damaged_backup, "damaged|not a usable"),
        (lambda p: None, "not a file"),
    ],
    ids=["text", "empty", "other-program", "newer", "corrupt", "missing"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    manager: BackupManager,
    journal_path: Path,
    tmp_path: Path,
    make: object,
    message: str,
) -> None:
    bad = tmp_path / "candidate.db"
    make(bad)  # type: ignore[operator]
    candidate_before = _digest(bad) if bad.exists() else None
    live_before = _digest(journal_path)
    folder_before = _folder_files(manager.folder)
    siblings_before = _folder_files(journal_path.parent)

    with pytest.raises(BackupError, match=message):
        manager.restore(bad)

    assert _digest(journal_path) == live_before
    assert (_digest(bad) if bad.exists() else None) == candidate_before
    assert _folder_files(manager.folder) == folder_before  # no safety copy either
    assert _folder_files(journal_path.parent) == siblings_before  # no temp files


def test_restore_refuses_the_journal_itself(manager: BackupManager, journal_path: Path) -> None:
    with pytest.raises(BackupError, match="journal itself"):
        manager.restore(journal_path)


def test_a_damaged_journal_is_kept_aside_never_overwritten(
    manager: BackupManager, journal_path: Path, clock: Clock
) -> None:
    made = manager.back_up()
    _corrupt(journal_path)
    damaged_bytes = _digest(journal_path)
    clock.now = dt.datetime(2026, 3, 17, 8, 5, 9)

    result = manager.restore_latest()

    assert result.source == made.path and result.safety_copy is None
    assert result.damaged_copy == journal_path.with_name("journal.db.damaged-2026-03-17T080509")
    assert _digest(result.damaged_copy) == damaged_bytes
    assert _satisfaction(journal_path) == 7
    assert not is_damaged(journal_path)
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_restore_latest_without_backups_says_so(manager: BackupManager) -> None:
    with pytest.raises(BackupError, match="no usable backup"):
        manager.restore_latest()


# --- the command line ------------------------------------------------------------------


def _cli(db_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = app.main(["--db", str(db_path), *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_cli_backup_list_and_restore_round_trip(journal_path: Path) -> None:
    status, out, err = _cli(journal_path, "backup")
    assert (status, err) == (0, "")
    made = Path(out.split("Backed up to ", 1)[1].split(" (", 1)[0])
    assert made.parent == journal_path.parent / "backups" and made.exists()

    status, out, _ = _cli(journal_path, "backups")
    assert status == 0
    assert out.splitlines()[0] == f"Backups in {made.parent} (newest first):"
    assert str(made) in out.splitlines()[1] and "KB" in out

    _write(journal_path, TODAY, 1, "after the backup")
    status, out, err = _cli(journal_path, "restore", str(made))
    assert (status, err) == (0, ""), err
    assert _satisfaction(journal_path) == 7
    safety = next(made.parent.glob("journal-before-restore-*.db"))
    assert f"kept in {safety}" in out
    assert _satisfaction(safety) == 1

    status, out, _ = _cli(journal_path, "backups", "--json")
    import json

    listed = json.loads(out)
    assert [item["kind"] for item in listed] == ["before restore", "backup"]


def test_cli_lists_no_backups_helpfully(journal_path: Path) -> None:
    status, out, _ = _cli(journal_path, "backups")
    assert status == 0 and "No backups yet" in out and "wlitracker backup" in out


def test_cli_backup_to_a_path(journal_path: Path, tmp_path: Path) -> None:
    status, _out, err = _cli(journal_path, "backup", "-o", str(tmp_path / "mine.db"))
    assert (status, err) == (0, "")
    assert _satisfaction(tmp_path / "mine.db") == 7


def test_cli_restore_refuses_a_bad_file_with_one_line(journal_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    _newer(bad)
    before = _digest(journal_path)
    status, out, err = _cli(journal_path, "restore", str(bad))
    assert status == 2 and out == ""
    assert err.startswith("wlitracker: error: ") and "newer version" in err
    assert err.count("\n") == 1
    assert _digest(journal_path) == before


def test_cli_names_the_latest_backup_when_the_journal_is_damaged(journal_path: Path) -> None:
    _cli(journal_path, "backup")
    latest = next((journal_path.parent / "backups").glob("journal-*.db"))
    _corrupt(journal_path)
    before = _digest(journal_path)

    status, _out, err = _cli(journal_path, "show")

    assert status == 2 and err.count("\n") == 1
    assert f"The latest backup is {latest}" in err
    assert f"wlitracker --db {journal_path} restore {latest}" in err
    assert _digest(journal_path) == before  # nothing touched until the user restores

    status, out, err = _cli(journal_path, "restore", str(latest))
    assert (status, err) == (0, "")
    assert "damaged file was kept as" in out
    assert _satisfaction(journal_path) == 7
    assert len(list(journal_path.parent.glob("journal.db.damaged-*"))) >= 1


def test_cli_says_when_a_damaged_journal_has_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_text("not a database\n" * 100)
    status, _out, err = _cli(path, "show")
    assert status == 2 and "No backup was found in" in err and err.count("\n") == 1


def test_backups_are_private_even_with_a_permissive_umask(journal_path: Path) -> None:
    old = os.umask(0)
    try:
        status, out, _ = _cli(journal_path, "backup")
    finally:
        os.umask(old)
    assert status == 0
    made = Path(out.split("Backed up to ", 1)[1].split(" (", 1)[0])
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) & 0o077 == 0
