"""Faults from outside: the journal is unchanged by a failed sync, and bad files wait."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core.sync.ports import SyncError
from wlitracker.sync import folder as folder_module

from .conftest import DAY, Device, Make


def _journal_rows(device: Device) -> list[Any]:
    return [*device.rows("SELECT * FROM check_ins"), *device.rows("SELECT * FROM ratings")]


def _only_file(folder: Path, device: Device) -> Path:
    (device_id,) = device.rows("SELECT device FROM sync_state")[0]
    files = sorted((folder / "devices" / str(device_id)).glob("0*.chg"))
    return files[-1]


@pytest.mark.parametrize("damage", ["truncate", "tamper"])
def test_a_damaged_change_set_is_skipped_named_and_read_later(
    devices: Make, folder: Path, damage: str
) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.sync()
    desktop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})
    laptop.sync()
    path = _only_file(folder, laptop)
    good = path.read_bytes()
    bad = good[: len(good) // 2] if damage == "truncate" else good[:-5] + b"XXXXX"
    path.write_bytes(bad)
    before = _journal_rows(desktop)
    report = desktop.sync()
    assert any(path.name in warning for warning in report.warnings)
    assert _journal_rows(desktop) == before
    path.write_bytes(good)  # the file-sync tool delivers it whole
    report = desktop.sync()
    assert report.warnings == ()
    assert desktop.day().ratings == {"satisfaction": 4}


def test_a_wrong_passphrase_is_refused_and_changes_nothing(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})
    laptop.sync()
    with pytest.raises(SyncError, match="not the passphrase"):
        desktop.sync("wrong passphrase")
    assert desktop.rows("SELECT count(*) FROM sync_state") == [(0,)]
    assert desktop.day().is_empty


def test_another_journals_folder_is_refused(devices: Make, tmp_path: Path) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.sync()
    elsewhere = tmp_path / "Other"
    elsewhere.mkdir()
    desktop.sync(folder=elsewhere)
    with pytest.raises(SyncError, match="another journal"):
        desktop.sync()


def test_unencrypted_only_when_asked(devices: Make, folder: Path) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, note="in the clear")
    laptop.sync(None, encrypt=False)
    header = json.loads((folder / "wlitracker-sync.json").read_text())
    assert header["encryption"] == "none"
    with pytest.raises(SyncError, match="not encrypted") as refused:
        desktop.sync()
    assert refused.value.field == "encryption"
    desktop.sync(None, encrypt=False)
    assert desktop.day().note == "in the clear"
    # An encrypted folder keeps its changes unreadable without the passphrase.
    sealed = folder.parent / "Sealed"
    sealed.mkdir()
    laptop.journal.check_ins.update(DAY, note="secret words")
    laptop.sync(folder=sealed)  # another journal id would be refused; this is a new folder
    assert all(b"secret words" not in p.read_bytes() for p in sealed.rglob("*.chg"))


def test_a_missing_folder_is_named(devices: Make, tmp_path: Path) -> None:
    laptop = devices("laptop")
    with pytest.raises(SyncError, match="does not exist"):
        laptop.sync(folder=tmp_path / "USB stick")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_changes_nothing(devices: Make, folder: Path) -> None:
    laptop = devices("laptop")
    laptop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})
    dirty = laptop.rows("SELECT count(*) FROM sync_dirty")
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o500)
    try:
        with pytest.raises(SyncError, match="read-only"):
            laptop.sync()
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o700)
    assert laptop.rows("SELECT count(*) FROM sync_dirty") == dirty  # still to be sent
    assert laptop.sync().sent > 0


def test_a_read_only_file_system_changes_nothing(
    devices: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = devices("laptop")
    laptop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(folder_module, "write_private_new", read_only)
    with pytest.raises(SyncError, match="read-only"):
        laptop.sync()
    monkeypatch.undo()
    assert laptop.sync().sent > 0


def test_a_full_disk_changes_nothing(devices: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    laptop = devices("laptop")
    laptop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})
    registers = laptop.rows("SELECT count(*) FROM sync_registers")

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(folder_module, "write_private_new", full)
    with pytest.raises(SyncError, match="full"):
        laptop.sync()
    assert laptop.rows("SELECT count(*) FROM sync_registers") == registers
    monkeypatch.undo()
    assert laptop.sync().sent > 0


def test_hours_of_clock_skew_keep_each_computers_order(
    devices: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop's clock is five hours fast; an edit made on the laptop after it saw the
    desktop's still wins, because the hybrid clock never runs behind what it has seen."""
    from wlitracker.core.sync import clock

    laptop, desktop = devices("laptop"), devices("desktop")
    real = clock.wall_ms
    hours = 5 * 3600 * 1000
    import wlitracker.core.services.sync as service

    monkeypatch.setattr(service, "wall_ms", lambda: real() + hours)
    desktop.sync()
    desktop.journal.check_ins.update(DAY, ratings={"satisfaction": 2})
    # The capture time comes from SQLite, by the real clock: move it too.
    with sqlite3.connect(desktop.path) as conn:
        conn.execute("UPDATE sync_dirty SET at = at + ?", (hours,))
    desktop.sync()
    monkeypatch.setattr(service, "wall_ms", real)
    report = laptop.sync()
    assert any("hours ahead" in w for w in report.warnings)
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 9})
    laptop.sync()
    desktop.sync()
    assert desktop.day().ratings["satisfaction"] == 9
    assert laptop.day().ratings["satisfaction"] == 9


def test_an_older_version_refuses_newer_change_sets_and_loses_nothing(
    devices: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wlitracker.core.sync import registry

    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 4})
    monkeypatch.setattr(folder_module, "SYNC_SCHEMA", registry.SYNC_SCHEMA + 1)
    laptop.sync()  # written by a "newer" version
    monkeypatch.undo()
    report = desktop.sync()
    assert any("newer version" in w for w in report.warnings)
    assert desktop.day().is_empty
    assert desktop.rows(
        "SELECT count(*) FROM sync_seen WHERE device != (SELECT device FROM sync_state)"
    ) == [(0,)]
    # After the update, the same files are read.
    monkeypatch.setattr(registry, "SYNC_SCHEMA", registry.SYNC_SCHEMA + 1)
    monkeypatch.setattr(folder_module, "SYNC_SCHEMA", registry.SYNC_SCHEMA)
    import wlitracker.core.services.sync as service

    monkeypatch.setattr(service, "SYNC_SCHEMA", registry.SYNC_SCHEMA)
    desktop.sync()
    assert desktop.day().ratings == {"satisfaction": 4}


def test_the_journal_never_lives_in_the_sync_folder(
    devices: Make, folder: Path, tmp_path: Path, today: dt.date
) -> None:

    inside = Device(folder, "inside", folder, today)
    try:
        with pytest.raises(SyncError, match="inside the sync folder"):
            inside.sync()
    finally:
        inside.close()


def test_old_change_sets_are_compacted_once_every_computer_has_read_them(
    devices: Make, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wlitracker.core.services.sync as service

    monkeypatch.setattr(service, "COMPACT_AFTER", 3)
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.sync()
    desktop.sync()
    for value in range(4):
        laptop.journal.check_ins.update(DAY, ratings={"satisfaction": value})
        laptop.sync()
    (laptop_id,) = laptop.rows("SELECT device FROM sync_state")[0]
    own = folder / "devices" / laptop_id
    assert len(list(own.glob("0*.chg"))) == 5  # the desktop has read only the first
    desktop.sync()
    report = laptop.sync()
    assert report.compacted is not None
    assert [p.name for p in own.glob("*.chg")] == ["snapshot-00000001-00000005.chg"]
    newcomer = devices("newcomer")
    newcomer.sync()
    assert newcomer.day().ratings == {"satisfaction": 3}
    assert desktop.sync().files_read == 1  # the newcomer's first set, not the snapshot:
    snapshot = f"devices/{laptop_id}/snapshot-00000001-00000005.chg"
    assert desktop.rows("SELECT first, last FROM sync_seen WHERE name = ?", (snapshot,)) == [
        (1, 5)
    ]  # it stands for change sets the desktop had read already
