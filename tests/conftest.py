"""Shared fixtures: a fixed today, private folders for every file the app touches."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import settings

from wlitracker.core.model.repository import InMemoryRepository, Repository
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

TODAY = dt.date(2026, 3, 16)  # a Monday

# Property tests explore the same examples on every run: a clean clone passes or fails
# the same way every time. (Drop derandomize locally to let them look further.)
settings.register_profile("wlitracker", derandomize=True, database=None, deadline=None)
settings.load_profile("wlitracker")

# PySide6 6.12.0 drops references to None it never took (see ui/refcounts.py): guard the
# test process as the app guards itself, or a long run aborts.
from wlitracker.ui.refcounts import guard_singletons  # noqa: E402

guard_singletons()

# The Qt application is created once per session, before any function fixture runs.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def _private_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep data, logs, settings and font caches out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("MPLCONFIGDIR", str(home / "mpl"))
    monkeypatch.delenv("WLITRACKER_DB", raising=False)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture(autouse=True)
def _release_app_log() -> Iterator[None]:
    """``app.main`` logs to a file in this test's private folders; let go of it afterwards."""
    root = logging.getLogger()
    level = root.level
    app_logger = logging.getLogger("wlitracker")
    app_level = app_logger.level
    yield
    app_logger.setLevel(app_level)
    for handler in [h for h in root.handlers if getattr(h, "_wlitracker", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def stopped_clock(monkeypatch: pytest.MonkeyPatch, today: dt.date) -> None:
    """Open journals as the app does, but with a clock stopped at ``today``."""
    from wlitracker import app

    real_open_journal = app.open_journal

    def open_journal(
        db_path: Path, also_open: Sequence[Path] = ()
    ) -> tuple[Journal, SqliteRepository]:
        journal, repo = real_open_journal(db_path, also_open)
        return Journal(repo, lambda: today, journal.protected), repo

    monkeypatch.setattr(app, "open_journal", open_journal)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def sqlite_repo(db_path: Path) -> Iterator[SqliteRepository]:
    repo = SqliteRepository(open_database(db_path), db_path)
    yield repo
    repo.close()


@pytest.fixture(params=["memory", "sqlite"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """Both repository implementations, so every contract test runs against each."""
    if request.param == "memory":
        yield InMemoryRepository()
        return
    path = tmp_path / "contract.db"
    sqlite = SqliteRepository(open_database(path), path)
    yield sqlite
    sqlite.close()


@pytest.fixture
def journal(repo: Repository, today: dt.date) -> Journal:
    return Journal(repo, lambda: today)
