"""The Settings screen's state, built from the services without Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wlitracker.core import self_check
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.settings import build_settings_state
from wlitracker.core.services.journal import Journal


def test_the_state_holds_what_the_page_shows(today: dt.date) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)
    journal.metrics.add("stress", 0, 10, "lower")
    journal.preferences.set_reminder_time(dt.time(20, 30))
    journal.preferences.set_theme("dark")
    journal.preferences.set_self_check(self_check.evaluate([5, 1, 5, 1, 5, 1, 5], today))

    state = build_settings_state(journal, Path("j.db"), None, "1.2.3")

    assert [m.name for m in state.metrics] == ["satisfaction", "guilt", "stress"]
    assert (state.reminder, state.theme, state.keep_in_tray) == (dt.time(20, 30), "dark", False)
    assert state.self_check is not None
    assert (state.self_check.label, state.self_check.text) == self_check.describe(1.0)
    assert (state.db_path, state.log_file, state.version, state.is_demo) == (
        Path("j.db"),
        None,
        "1.2.3",
        False,
    )


def test_no_self_check_yet(today: dt.date) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)
    assert build_settings_state(journal, Path("j.db"), None, "1").self_check is None
