"""What every service shares: the repository, the clock and the change signal.

Apart from ``journal`` so that services can take a ``Context`` without importing the
``Journal`` that bundles them (no import cycle between the journal and its services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..clock import local_today

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from ..model.repository import Repository

Clock = Callable[[], dt.date]


class ChangeSignal:
    """Listeners called after every successful write, so every view refreshes from one place."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[], None]] = []
        self._holds = 0
        self._pending = False

    def connect(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)

    def disconnect(self, listener: Callable[[], None]) -> None:
        """Stop calling ``listener`` (a closed window's); unknown ones are ignored."""
        if listener in self.listeners:
            self.listeners.remove(listener)

    def emit(self) -> None:
        if self._holds:
            self._pending = True
            return
        for listener in list(self.listeners):
            listener()

    @contextmanager
    def held(self) -> Iterator[None]:
        """One use case made of several services' writes announces itself once, at the end.

        Enter it before the transaction, so the announcement follows the commit; after
        an error nothing is announced (nothing changed).
        """
        self._holds += 1
        try:
            yield
        except BaseException:
            self._holds -= 1
            if not self._holds:
                self._pending = False
            raise
        self._holds -= 1
        if not self._holds and self._pending:
            self._pending = False
            self.emit()


class Context:
    """What every service needs: where data lives, what day it is, whom to tell."""

    def __init__(
        self, repo: Repository, today: Clock = local_today, changed: ChangeSignal | None = None
    ) -> None:
        self.repo = repo
        self.today = today
        self.changed = changed if changed is not None else ChangeSignal()
