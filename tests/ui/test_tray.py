"""The daily reminder: once, at the chosen time, only when today is not checked in."""

from __future__ import annotations

import datetime as dt

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
