"""The services bundled together, sharing one repository, one clock and one change signal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

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
    today: Clock = dt.date.today
    changed: ChangeSignal = field(default_factory=ChangeSignal)


class Journal:
    """Entry point for the app and the command line: one object, every use case."""

    def __init__(self, repo: Repository, today: Clock = dt.date.today) -> None:
        from .checkins import CheckInService
        from .evaluation import EvaluationService
        from .experiments import ExperimentService
        from .metrics import MetricService
        from .preferences import PreferenceService

        self.context = Context(repo, today)
        self.repo = repo
        self.metrics = MetricService(self.context)
        self.experiments = ExperimentService(self.context)
        self.check_ins = CheckInService(self.context, self.experiments)
        self.preferences = PreferenceService(self.context)
        self.evaluations = EvaluationService(self.context)

    @property
    def changed(self) -> ChangeSignal:
        return self.context.changed

    def today(self) -> dt.date:
        return self.context.today()
