"""Devices for sync tests: real SQLite journals in temporary folders, one sync folder."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wlitracker.app import open_journal, sync_journal
from wlitracker.core.services.journal import Journal
from wlitracker.core.services.sync import SyncReport

PASSPHRASE = "correct horse battery staple"
DAY = dt.date(2026, 3, 10)


class Device:
    """One computer: its own journal file, syncing with the shared folder."""

    def __init__(self, root: Path, name: str, folder: Path, today: dt.date) -> None:
        self.name = name
        self.path = root / f"{name}.db"
        self.folder = folder
        journal, self.repo = open_journal(self.path)
        self.journal = Journal(self.repo, lambda: today, journal.protected)

    def sync(self, passphrase: str | None = PASSPHRASE, **options: Any) -> SyncReport:
        report = sync_journal(
            self.path,
            options.pop("folder", self.folder),
            passphrase,
            device_name=self.name,
            **options,
        )
        assert isinstance(report, SyncReport)
        return report

    def day(self, day: dt.date = DAY) -> Any:
        return self.journal.check_ins.get(day)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.repo.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


Make = Callable[[str], Device]


@pytest.fixture
def devices(tmp_path: Path, folder: Path, today: dt.date) -> Iterator[Make]:
    made: list[Device] = []

    def make(name: str) -> Device:
        device = Device(tmp_path, name, folder, today)
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()
