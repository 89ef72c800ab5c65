"""The tray icon and the daily reminder's invitation.

At the reminder time set in Settings, if today has no check-in yet, a
notification invites one; clicking it opens Today. Without a system tray the
invitation appears in the window's status bar instead. Whether it is due comes
in a ``TrayState`` (see ``controllers.tray``); the tray only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..core.present.tray import TrayState
from .feedback import tr
from .icons import app_icon


class Tray(QObject):
    open_requested = Signal()
    check_in_requested = Signal()
    quit_requested = Signal()
    reminded = Signal(str)  # the invitation text, for windows without a tray

    def __init__(self, parent: QObject | None = None, use_system_tray: bool | None = None) -> None:
        super().__init__(parent)
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

    @property
    def has_tray(self) -> bool:
        return self.icon is not None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    def set_state(self, state: TrayState) -> None:
        """Show the day's invitation if ``state`` says it is due."""
        if not state.invite:
            return
        text = tr("How was today? A check-in takes a few seconds.")
        if self.icon is not None:
            self.icon.showMessage(
                tr("Time to check in"), text, QSystemTrayIcon.MessageIcon.Information, 15_000
            )
        self.reminded.emit(text)

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()
