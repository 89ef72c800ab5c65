"""The services bundled together, sharing one repository, one clock and one change signal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import local_today
from ..model.repository import Repository
from .context import ChangeSignal, Clock, Context

if TYPE_CHECKING:
    from .checkins import CheckInService
    from .demo import DemoService
    from .evaluation import EvaluationService
    from .experiments import ExperimentService
    from .imports import ImportService
    from .metrics import MetricService
    from .preferences import PreferenceService
    from .welcome import WelcomeService


class Journal:
    """Entry point for the app and the command line: one object, every use case."""

    def __init__(
        self, repo: Repository, today: Clock = local_today, protected: Sequence[Path] = ()
    ) -> None:
        self.context = Context(repo, today)
        self.repo = repo
        # The journal files this process has open (this one first): never read as an
        # import nor written over (see ``core.files``).
        self.protected = tuple(Path(p) for p in protected)

    # Every service is built on first use: a command loads only the ones it calls.
    @cached_property
    def metrics(self) -> MetricService:
        from .metrics import MetricService

        return MetricService(self.context)

    @cached_property
    def experiments(self) -> ExperimentService:
        from .experiments import ExperimentService

        return ExperimentService(self.context)

    @cached_property
    def check_ins(self) -> CheckInService:
        from .checkins import CheckInService

        return CheckInService(self.context, self.experiments)

    @cached_property
    def preferences(self) -> PreferenceService:
        from .preferences import PreferenceService

        return PreferenceService(self.context)

    @cached_property
    def evaluations(self) -> EvaluationService:
        """Built on first use: the statistics are not needed to show a check-in."""
        from .evaluation import EvaluationService

        return EvaluationService(self.context)

    @cached_property
    def imports(self) -> ImportService:
        """Built on first use, like the readers that feed it."""
        from .imports import ImportService

        return ImportService(self.context, self.metrics, self.experiments)

    @cached_property
    def demo(self) -> DemoService:
        from .demo import DemoService

        return DemoService(self.context)

    @cached_property
    def welcome(self) -> WelcomeService:
        from .welcome import WelcomeService

        return WelcomeService(self.context, self.experiments, self.preferences)

    @property
    def changed(self) -> ChangeSignal:
        return self.context.changed

    def today(self) -> dt.date:
        return self.context.today()
