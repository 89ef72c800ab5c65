"""The tray icon and the daily reminder.

At the reminder time set in Settings, if today has no check-in yet, a
notification invites one; clicking it opens Today. Without a system tray the
invitation appears in the window's status bar instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..core.clock import local_now
from ..core.journal import Journal
from ..core.reminders import reminder_due
from .feedback import tr
from .icons import app_icon

CHECK_EVERY_MS = 60_000


class Tray(QObject):
    open_requested = Signal()
    check_in_requested = Signal()
    quit_requested = Signal()
    reminded = Signal(str)  # the invitation text, for windows without a tray

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        now: Callable[[], dt.datetime] = local_now,
        use_system_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.now = now
        self.last_reminded: dt.date | None = None
        available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon: QSystemTrayIcon | None = None
        if available if use_system_tray is None else use_system_tray:
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setToolTip("wlitracker")
            self.menu = QMenu()
            for text, signal in (
                (tr("&Check in now"), self.check_in_requested),
                (tr("&Open"), self.open_requested),
                (tr("&Quit"), self.quit_requested),
            ):
                action = QAction(text, self.menu)
                action.triggered.connect(signal)
                self.menu.addAction(action)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.messageClicked.connect(self.check_in_requested)
            self.icon.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def has_tray(self) -> bool:
        return self.icon is not None

    def set_journal(self, journal: Journal) -> None:
        self.journal = journal

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    def check(self) -> bool:
        """Show the day's invitation if it is due; returns whether it was shown."""
        now = self.now()
        today = now.date()
        due = reminder_due(
            now,
            self.journal.preferences.reminder_time(),
            not self.journal.check_ins.get(today).is_empty,
            self.last_reminded,
        )
        if not due:
            return False
        self.last_reminded = today
        text = tr("How was today? A check-in takes a few seconds.")
        if self.icon is not None:
            self.icon.showMessage(
                tr("Time to check in"), text, QSystemTrayIcon.MessageIcon.Information, 15_000
            )
        self.reminded.emit(text)
        return True

    def hide(self) -> None:
        self.timer.stop()
        if self.icon is not None:
            self.icon.hide()
