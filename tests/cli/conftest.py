"""Shared set-up for command-line tests: a stopped clock and a released log file."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from wlitracker import app
from wlitracker.core.journal import Journal
from wlitracker.storage.repository import SqliteRepository


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, today: dt.date) -> None:
    """Open the journal as production does, but with a clock stopped at ``today``."""
    real_open_journal = app.open_journal

    def open_journal(db_path: Path) -> tuple[Journal, SqliteRepository]:
        _, repo = real_open_journal(db_path)
        return Journal(repo, lambda: today), repo

    monkeypatch.setattr(app, "open_journal", open_journal)


@pytest.fixture(autouse=True)
def _detach_log_file() -> Iterator[None]:
    """``main`` logs to a file in this test's private folders; let go of it afterwards."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_wlitracker", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
