"""What every service shares: the repository, the clock and the change signal.

Apart from ``journal`` so that services can take a ``Context`` without importing the
``Journal`` that bundles them (no import cycle between the journal and its services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .clock import local_today
from .repository import Repository

Clock = Callable[[], dt.date]


@dataclass
class ChangeSignal:
    """Listeners called after every successful write, so every view refreshes from one place."""

    listeners: list[Callable[[], None]] = field(default_factory=list)

    def connect(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)

    def emit(self) -> None:
        for listener in list(self.listeners):
            listener()


@dataclass
class Context:
    """What every service needs: where data lives, what day it is, whom to tell."""

    repo: Repository
    today: Clock = local_today
    changed: ChangeSignal = field(default_factory=ChangeSignal)
