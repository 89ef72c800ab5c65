"""Backups in the window: the Settings panel, reopening after a restore, and start-up faults."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import wlitracker.ui.main as ui_main
from wlitracker import app
from wlitracker.app import open_journal
from wlitracker.core.services.journal import Journal
from wlitracker.storage import instance_lock
from wlitracker.storage.backups import BackupManager
from wlitracker.storage.instance_lock import InstanceLock
from wlitracker.ui import backups_panel
from wlitracker.ui.backups_panel import BackupActions, BackupsPanel, restore_prompt
from wlitracker.ui.controllers.settings import open_settings
from wlitracker.ui.main import Launcher
from wlitracker.ui.main_window import SETTINGS, MainWindow
from wlitracker.ui.session import Session
from wlitracker.ui.settings_page import SettingsPage
from wlitracker.ui.style import Section

MORNING = dt.datetime(2026, 3, 16, 9, 30)
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


class Clock:
    def __init__(self, now: dt.datetime = MORNING) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    QCoreApplication.setOrganizationName("wlitracker-tests")
    QCoreApplication.setApplicationName("wlitracker-tests")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def journal(db_path: Path, today: dt.date) -> Iterator[Journal]:
    journal, repo = open_journal(db_path)
    journal.context.today = lambda: today
    journal.check_ins.update(today, ratings={"satisfaction": 7}, note="before")
    yield journal
    repo.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def manager(journal: Journal, db_path: Path, clock: Clock) -> BackupManager:
    prefs = journal.preferences
    return BackupManager(
        db_path, prefs.backup_folder(), clock=clock, remember_folder=prefs.set_backup_folder
    )


@pytest.fixture
def session(journal: Journal, db_path: Path) -> Session:
    return Session(journal, db_path, db_path.parent / "wlitracker.log", "9.9")


class Dialogs:
    """Message boxes answered by the test instead of a person."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.questions: list[str] = []
        self.infos: list[str] = []
        self.warnings: list[str] = []
        self.answer = YES

        def question(_parent: QWidget | None, _title: str, text: str, *_args: object) -> object:
            self.questions.append(text)
            return self.answer

        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(
            QMessageBox, "information", lambda _p, _t, text, *_a: self.infos.append(text)
        )
        monkeypatch.setattr(
            QMessageBox, "warning", lambda _p, _t, text, *_a: self.warnings.append(text)
        )


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def _panel(qtbot: QtBot, backups: BackupActions) -> BackupsPanel:
    panel = BackupsPanel(backups)
    qtbot.addWidget(panel)
    panel.show()
    return panel


# --- the panel ---------------------------------------------------------------------------


def test_the_list_shows_backups_newest_first_with_dates_and_sizes(
    qtbot: QtBot, manager: BackupManager, clock: Clock
) -> None:
    manager.back_up()
    clock.now = dt.datetime(2026, 3, 17, 18, 5)
    manager.back_up()
    panel = _panel(qtbot, manager)
    rows = panel.backup_rows()
    assert [row[0] for row in rows] == ["2026-03-17 18:05", "2026-03-16 09:30"]
    assert all(row[1].endswith("KB") for row in rows)
    assert rows[1][3] == "journal-2026-03-16T0930.db"
    assert panel.folder_label.text() == str(manager.folder)
    assert not panel.restore_button.isEnabled()
    panel.select_row(0)
    assert panel.restore_button.isEnabled()


def test_back_up_now_adds_one(qtbot: QtBot, manager: BackupManager) -> None:
    panel = _panel(qtbot, manager)
    assert panel.backup_rows() == []
    panel.backup_button.click()
    assert len(panel.backup_rows()) == 1
    assert "Backed up to" in panel.status.text()
    selected = panel.selected_backup()
    assert selected is not None and selected.path.exists()


def test_restore_asks_naming_the_date_then_restores(
    qtbot: QtBot, manager: BackupManager, journal: Journal, today: dt.date, dialogs: Dialogs
) -> None:
    manager.back_up()
    journal.check_ins.update(today, ratings={"satisfaction": 2}, note="after")
    panel = _panel(qtbot, manager)
    panel.select_row(0)
    with qtbot.waitSignal(panel.restored, timeout=1000):
        panel.restore_button.click()
    assert "the backup from 2026-03-16 09:30" in dialogs.questions[0]
    assert journal.check_ins.get(today).note == "before"
    assert "kept in" in dialogs.infos[0] and "reopen" in dialogs.infos[0]
    assert [row[2] for row in panel.backup_rows()] == ["before a restore", "daily"]


def test_saying_no_restores_nothing(
    qtbot: QtBot, manager: BackupManager, journal: Journal, today: dt.date, dialogs: Dialogs
) -> None:
    manager.back_up()
    journal.check_ins.update(today, ratings={"satisfaction": 2})
    panel = _panel(qtbot, manager)
    panel.select_row(0)
    dialogs.answer = NO
    with qtbot.assertNotEmitted(panel.restored):
        assert not panel.restore_selected()
    assert journal.check_ins.get(today).ratings == {"satisfaction": 2}
    assert len(panel.backup_rows()) == 1


def test_a_bad_file_is_refused_with_a_message(
    qtbot: QtBot,
    manager: BackupManager,
    journal: Journal,
    today: dt.date,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = tmp_path / "holiday-photos.db"
    bad.write_text("not a backup\n" * 40)
    monkeypatch.setattr(backups_panel, "open_file", lambda *a, **k: bad)
    panel = _panel(qtbot, manager)
    with qtbot.assertNotEmitted(panel.restored):
        assert not panel.restore_from_file()
    assert str(bad) in dialogs.questions[0]
    assert "not a wlitracker backup" in dialogs.warnings[0]
    assert journal.check_ins.get(today).note == "before"


def test_choose_folder_moves_new_backups_and_remembers_it(
    qtbot: QtBot,
    manager: BackupManager,
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chosen = tmp_path / "usb-stick"
    chosen.mkdir()
    monkeypatch.setattr(backups_panel, "existing_folder", lambda *a, **k: chosen)
    panel = _panel(qtbot, manager)
    panel.folder_button.click()
    assert panel.folder_label.text() == str(chosen)
    assert journal.preferences.backup_folder() == chosen
    panel.backup_button.click()
    assert [p.parent for p in chosen.glob("journal-*.db")] == [chosen]


def test_the_settings_page_has_a_backups_section_only_for_the_own_journal(
    qtbot: QtBot, session: Session, manager: BackupManager
) -> None:
    with_backups = open_settings(session, backups=manager).page
    qtbot.addWidget(with_backups)
    titles = [box.title() for box in with_backups.findChildren(Section)]
    assert "Backups" in titles and with_backups.backups_panel is not None
    without = open_settings(session).page
    qtbot.addWidget(without)
    assert "Backups" not in [box.title() for box in without.findChildren(Section)]
    assert without.backups_panel is None


def test_after_a_restore_the_launcher_reopens_the_window(
    qtbot: QtBot,
    session: Session,
    manager: BackupManager,
    journal: Journal,
    today: dt.date,
    dialogs: Dialogs,
) -> None:
    manager.back_up()
    journal.check_ins.update(today, ratings={"satisfaction": 2}, note="after")
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    first = launcher.open(session, manager)
    qtbot.addWidget(first)
    first.show_page(SETTINGS)
    page = first.pages[SETTINGS]
    assert isinstance(page, SettingsPage) and page.backups_panel is not None
    page.backups_panel.select_row(0)
    page.backups_panel.restore_button.click()
    qtbot.waitUntil(lambda: launcher.window is not first)
    second = launcher.window
    assert isinstance(second, MainWindow)
    qtbot.addWidget(second)
    assert not first.isVisible()
    assert second.backups is manager
    assert second.journal.check_ins.get(today).note == "before"


def test_the_demo_window_gets_no_backups(qtbot: QtBot, session: Session) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_page(SETTINGS)
    page = window.pages[SETTINGS]
    assert isinstance(page, SettingsPage) and page.backups_panel is None


# --- start-up ------------------------------------------------------------------------------


def _corrupt(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xa5" * 4096 * 4)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(db_path: Path, today: dt.date) -> Path:
    """A journal with one good backup (in its default folder), then damaged."""
    journal, repo = open_journal(db_path)
    journal.check_ins.update(today, ratings={"satisfaction": 7}, note="from the backup")
    repo.close()
    BackupManager(db_path).back_up()
    _corrupt(db_path)
    return db_path


Run = Callable[..., int]


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Session, object, object]]:
    """``ui.main.run`` replaced: records what the window would have been given."""
    opened: list[tuple[Session, object, object]] = []

    def run(session: Session, backups: object = None, after_show: object = None) -> int:
        opened.append((session, backups, after_show))
        return 0

    monkeypatch.setattr(ui_main, "run", run)
    return opened


def test_a_damaged_journal_offers_the_latest_backup_and_keeps_the_damaged_file(
    damaged: Path,
    windows: list[tuple[Session, object, object]],
    monkeypatch: pytest.MonkeyPatch,
    today: dt.date,
) -> None:
    damaged_bytes = _digest(damaged)
    offered: list[tuple[str, str, str]] = []

    def offer(message: str, label: str, path: str) -> bool:
        offered.append((message, label, path))
        return True

    monkeypatch.setattr(backups_panel, "offer_restore", offer)
    err = io.StringIO()

    assert app.start_window(damaged, None, err) == 0

    message, _label, path = offered[0]
    assert "damaged" in message and Path(path).parent == damaged.parent / "backups"
    kept = list(damaged.parent.glob("journal.db.damaged-*"))
    assert len([p for p in kept if not p.name.endswith(("-wal", "-shm"))]) == 1
    assert any(_digest(p) == damaged_bytes for p in kept)
    session = windows[0][0]
    assert session.journal.check_ins.get(today).note == "from the backup"
    assert "restore it with" in err.getvalue() and "damaged file was kept" in err.getvalue()


def test_quitting_at_the_damaged_journal_dialog_changes_nothing(
    damaged: Path, windows: list[tuple[Session, object, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _digest(damaged)
    monkeypatch.setattr(backups_panel, "offer_restore", lambda *a: False)
    assert app.start_window(damaged, None, io.StringIO()) == 2
    assert windows == []
    assert _digest(damaged) == before
    assert list(damaged.parent.glob("*.damaged-*")) == []


def test_the_damaged_journal_dialog_offers_restore_or_quit(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = restore_prompt("The file is damaged.", "2026-03-16 09:30", "/b/journal.db")
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == ["Quit", "Restore latest backup"]
    assert box.defaultButton().text() == "Restore latest backup"
    assert "2026-03-16 09:30" in box.informativeText()

    def click(label: str) -> Callable[[QMessageBox], int]:
        def exec_(self: QMessageBox) -> int:
            next(b for b in self.buttons() if b.text() == label).click()
            return 0

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", click("Restore latest backup"))
    assert backups_panel.offer_restore("damaged", "2026-03-16 09:30", "/b/journal.db")
    monkeypatch.setattr(QMessageBox, "exec", click("Quit"))
    assert not backups_panel.offer_restore("damaged", "2026-03-16 09:30", "/b/journal.db")


def test_a_second_window_on_the_same_journal_explains_and_exits(
    db_path: Path, windows: list[tuple[Session, object, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, int | None]] = []
    monkeypatch.setattr(
        backups_panel, "report_already_open", lambda path, pid: told.append((path, pid))
    )
    monkeypatch.setattr(instance_lock, "RAISE_WAIT_SECONDS", 0.2)  # no window here to answer
    first = InstanceLock(db_path)
    assert first.acquire()
    try:
        err = io.StringIO()
        assert app.start_window(db_path, None, err) == 0
    finally:
        first.release()
    assert told == [(str(db_path), os.getpid())] and windows == []
    assert not instance_lock.raise_request_path(db_path).exists()  # the unanswered ask is gone
    assert "already open" in err.getvalue()
    assert app.start_window(db_path, None, io.StringIO()) == 0  # free again: it starts
    assert len(windows) == 1


def test_the_already_open_message(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    backups_panel.report_already_open("/data/journal.db")
    assert "already open in another WLI Tracker window" in shown[0]


def test_the_window_backs_up_after_it_shows_and_at_close_at_most_once_a_day(
    db_path: Path, windows: list[tuple[Session, object, object]]
) -> None:
    open_journal(db_path)[1].close()
    assert app.start_window(db_path, None, io.StringIO()) == 0
    _session, backups, after_show = windows[0]
    folder = db_path.parent / "backups"
    made = list(folder.glob("journal-*.db"))
    assert len(made) == 1  # the close backup (the start one never ran in this test)
    assert callable(after_show) and after_show() is None  # today's exists: nothing more
    assert list(folder.glob("journal-*.db")) == made
    assert isinstance(backups, app.LazyBackups)
    assert backups.folder == folder


def test_a_failed_automatic_backup_is_reported_not_raised(
    db_path: Path, windows: list[tuple[Session, object, object]], tmp_path: Path
) -> None:
    journal, repo = open_journal(db_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    journal.preferences.set_backup_folder(blocker / "backups")
    repo.close()
    assert app.start_window(db_path, None, io.StringIO()) == 0
    after_show = windows[0][2]
    assert callable(after_show)
    problem = after_show()
    assert isinstance(problem, str) and problem.startswith("Automatic backup failed")
