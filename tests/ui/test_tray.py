"""The daily reminder: once, at the chosen time, only when today is not checked in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from wlitracker.core.journal import Journal
from wlitracker.ui.tray import Tray


def _tray(qtbot: QtBot, journal: Journal, now: list[dt.datetime]) -> Tray:
    tray = Tray(journal, now=lambda: now[0], use_system_tray=False)
    return tray


def test_reminder_invites_once_when_today_is_not_done(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.preferences.set_reminder_time(dt.time(21, 0))
    now = [dt.datetime.combine(today, dt.time(20, 59))]
    tray = _tray(qtbot, journal, now)
    seen: list[str] = []
    tray.reminded.connect(seen.append)
    assert not tray.check()
    now[0] = dt.datetime.combine(today, dt.time(21, 1))
    assert tray.check()
    assert not tray.check()
    assert len(seen) == 1 and "check-in" in seen[0]
    tray.hide()


def test_no_reminder_when_today_is_done_or_none_is_set(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    now = [dt.datetime.combine(today, dt.time(22, 0))]
    tray = _tray(qtbot, journal, now)
    assert not tray.check()
    journal.preferences.set_reminder_time(dt.time(21, 0))
    journal.check_ins.update(today, ratings={"satisfaction": 7})
    assert not tray.check()
    tray.hide()


def test_without_a_system_tray_there_is_no_icon(qtbot: QtBot, journal: Journal) -> None:
    tray = Tray(journal, use_system_tray=False)
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
