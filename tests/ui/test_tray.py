"""The daily reminder: once, at the chosen time, only when today is not checked in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.tray import TrayController
from wlitracker.ui.tray import Tray


def _tray(qtbot: QtBot, journal: Journal, now: list[dt.datetime]) -> TrayController:
    return TrayController(journal, Tray(use_system_tray=False), now=lambda: now[0])


def test_reminder_invites_once_when_today_is_not_done(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.preferences.set_reminder_time(dt.time(21, 0))
    now = [dt.datetime.combine(today, dt.time(20, 59))]
    reminders = _tray(qtbot, journal, now)
    seen: list[str] = []
    reminders.tray.reminded.connect(seen.append)
    assert not reminders.check()
    now[0] = dt.datetime.combine(today, dt.time(21, 1))
    assert reminders.check()
    assert not reminders.check()
    assert len(seen) == 1 and "check-in" in seen[0]
    now[0] = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(21, 1))
    assert reminders.check()  # the next evening, again
    assert len(seen) == 2
    reminders.stop()


def test_no_reminder_when_today_is_done_or_none_is_set(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    now = [dt.datetime.combine(today, dt.time(22, 0))]
    reminders = _tray(qtbot, journal, now)
    assert not reminders.check()
    journal.preferences.set_reminder_time(dt.time(21, 0))
    journal.check_ins.update(today, ratings={"satisfaction": 7})
    assert not reminders.check()
    reminders.stop()


def test_the_tray_follows_the_journal_it_is_given(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    """The window swapped for the demo's: the reminder asks the journal now shown."""
    from wlitracker.core.model.repository import InMemoryRepository

    now = [dt.datetime.combine(today, dt.time(22, 0))]
    journal.preferences.set_reminder_time(dt.time(21, 0))
    journal.check_ins.update(today, ratings={"satisfaction": 7})
    reminders = _tray(qtbot, journal, now)
    assert not reminders.check()
    other = Journal(InMemoryRepository(), lambda: today)
    other.preferences.set_reminder_time(dt.time(21, 0))
    reminders.set_journal(other)
    assert reminders.check()
    reminders.stop()
    assert not reminders.timer.isActive()


def test_without_a_system_tray_there_is_no_icon(qtbot: QtBot) -> None:
    tray = Tray(use_system_tray=False)
    assert not tray.has_tray
    tray.hide()


def test_closing_to_the_tray_hides_and_quitting_closes(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    from wlitracker.app import open_journal
    from wlitracker.ui.main_window import MainWindow
    from wlitracker.ui.session import Session

    journal, repo = open_journal(tmp_path / "journal.db")
    window = MainWindow(Session(journal, tmp_path / "journal.db", None, "x"))
    qtbot.addWidget(window)
    window.keep_in_tray = lambda: True
    window.show()
    qtbot.waitUntil(window.isVisible)
    assert not window.close()
    assert not window.isVisible()
    window.show()
    window.quitting = True
    assert window.close()
    repo.close()


def test_settings_remember_keeping_the_app_in_the_tray(qtbot: QtBot, tmp_path: Path) -> None:
    from wlitracker.app import open_journal
    from wlitracker.ui.controllers.settings import open_settings
    from wlitracker.ui.session import Session

    journal, repo = open_journal(tmp_path / "journal.db")
    controller = open_settings(Session(journal, tmp_path / "journal.db", None, "x"))
    page = controller.page
    qtbot.addWidget(page)
    assert not page.keep_in_tray.isChecked()
    page.keep_in_tray.setChecked(True)
    assert journal.preferences.keep_in_tray()
    controller.refresh()
    assert page.keep_in_tray.isChecked()
    repo.close()


def test_without_a_tray_the_invitation_shows_in_the_window(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    from PySide6.QtWidgets import QApplication

    from wlitracker.app import open_journal
    from wlitracker.ui.main import Launcher
    from wlitracker.ui.session import Session

    journal, repo = open_journal(tmp_path / "journal.db")
    journal.context.today = lambda: today
    journal.check_ins.update(today - dt.timedelta(days=1), ratings={"guilt": 2})
    journal.preferences.set_reminder_time(dt.time(21, 0))
    session = Session(journal, tmp_path / "journal.db", None, "x")
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    window = launcher.open(session)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.pages))  # the page's content, after the frame
    launcher.start_tray()
    assert launcher.tray is not None and launcher.reminders is not None
    if launcher.tray.has_tray:
        pytest.skip("this display has a system tray: the invitation goes there")
    launcher.reminders.now = lambda: dt.datetime.combine(today, dt.time(21, 30))
    assert launcher.reminders.check()
    assert "check-in" in window.statusBar().currentMessage()
    launcher.reminders.stop()
    repo.close()
