"""Rebuilding a page's state once per change, and only while the page is seen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class Signal(Protocol):
    """The journal's change signal, as far as a page needs it."""

    def connect(self, listener: Callable[[], None]) -> None: ...
    def disconnect(self, listener: Callable[[], None]) -> None: ...


class OncePerChange(QObject):
    """Connect ``changed`` to the journal's change signal.

    Several writes in one turn of the event loop (an import, a decision that also
    starts a new version) make one rebuild, in the next turn; a page that is not
    visible is rebuilt when it is next shown instead. ``now`` rebuilds at once,
    for the page that is waiting for the answer to its own request, and stands
    for the rebuild already scheduled.
    """

    def __init__(self, page: QWidget, rebuild: Callable[[], None]) -> None:
        super().__init__(page)
        self.page = page
        self.rebuild = rebuild
        self.pending = False
        self.stale = False
        page.installEventFilter(self)

    def follow(self, signal: Signal) -> None:
        """Rebuild on ``signal``, until the page is gone (a replaced window stops listening)."""
        signal.connect(self.changed)
        self.page.destroyed.connect(lambda: signal.disconnect(self.changed))

    def changed(self) -> None:
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self, self._scheduled)

    def now(self) -> None:
        self.pending = False
        self.stale = False
        self.rebuild()

    def _scheduled(self) -> None:
        if not self.pending:
            return
        self.pending = False
        if self.page.isVisible():
            self.rebuild()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.rebuild()
        return False
