"""What every service shares: the repository, the clock and the change signal.

Apart from ``journal`` so that services can take a ``Context`` without importing the
``Journal`` that bundles them (no import cycle between the journal and its services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..clock import local_today
from ..model.repository import Repository

Clock = Callable[[], dt.date]


@dataclass
class ChangeSignal:
    """Listeners called after every successful write, so every view refreshes from one place."""

    listeners: list[Callable[[], None]] = field(default_factory=list)
    _holds: int = field(default=0, repr=False)
    _pending: bool = field(default=False, repr=False)

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


@dataclass
class Context:
    """What every service needs: where data lives, what day it is, whom to tell."""

    repo: Repository
    today: Clock = local_today
    changed: ChangeSignal = field(default_factory=ChangeSignal)
