"""The tray's state, built from the services without Qt."""

from __future__ import annotations

import datetime as dt

from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.tray import build_tray_state
from wlitracker.core.services.journal import Journal


def test_the_tray_invites_once_at_the_reminder_time_if_today_is_not_done(
    today: dt.date,
) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)
    evening = dt.datetime.combine(today, dt.time(21, 30))
    assert not build_tray_state(journal, evening, None).invite  # no reminder set
    journal.preferences.set_reminder_time(dt.time(21, 0))
    assert not build_tray_state(journal, evening - dt.timedelta(hours=1), None).invite
    state = build_tray_state(journal, evening, None)
    assert state.invite and state.day == today
    assert not build_tray_state(journal, evening, last_reminded=today).invite
    journal.check_ins.update(today, ratings={"satisfaction": 6})
    assert not build_tray_state(journal, evening, None).invite
