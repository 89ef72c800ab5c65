"""The tray's controller: once a minute, whether the day's invitation is due.

It holds the journal (the window may swap it for the demo's) and remembers the
day the invitation was last shown, so that it comes once a day at most.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ...core.clock import local_now
from ...core.present.tray import build_tray_state
from ...core.services.journal import Journal
from ..tray import Tray

CHECK_EVERY_MS = 60_000


class TrayController(QObject):
    def __init__(
        self, journal: Journal, tray: Tray, now: Callable[[], dt.datetime] = local_now
    ) -> None:
        super().__init__(tray)
        self.journal = journal
        self.tray = tray
        self.now = now
        self.last_reminded: dt.date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def set_journal(self, journal: Journal) -> None:
        self.journal = journal

    def check(self) -> bool:
        """Give the tray its state now; returns whether it invited a check-in."""
        state = build_tray_state(self.journal, self.now(), self.last_reminded)
        self.tray.set_state(state)
        if state.invite:
            self.last_reminded = state.day
        return state.invite

    def stop(self) -> None:
        """No more invitations, and no icon (the app is quitting)."""
        self.timer.stop()
        self.tray.hide()
