"""The services bundled together, sharing one repository, one clock and one change signal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property

from ..clock import local_today
from .context import ChangeSignal, Clock, Context

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from pathlib import Path

    from _typeshed import StrPath

    from ..model.repository import Repository
    from .changes import ChangeService
    from .checkins import CheckInService
    from .demo import DemoService
    from .evaluation import EvaluationService
    from .experiments import ExperimentService
    from .imports import ImportService
    from .insights import InsightService
    from .metrics import MetricService
    from .preferences import PreferenceService
    from .removals import RemovalService
    from .routines import RoutineService
    from .search import SearchService
    from .tags import TagService
    from .welcome import WelcomeService


class Journal:
    """Entry point for the app and the command line: one object, every use case."""

    def __init__(
        self, repo: Repository, today: Clock = local_today, protected: Sequence[StrPath] = ()
    ) -> None:
        self.context = Context(repo, today)
        self.repo = repo
        self._protected = tuple(protected)

    @cached_property
    def protected(self) -> tuple[Path, ...]:
        """The journal files this process has open (this one first): never read as an
        import nor written over (see ``core.files``). Made paths when first asked: a
        check-in from the command line does without ``pathlib``."""
        from pathlib import Path

        return tuple(Path(p) for p in self._protected)

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

        return CheckInService(self.context, lambda: self.experiments)

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
    def changes(self) -> ChangeService:
        """Applies and takes back undoable changes; its history lasts as long as this object."""
        from .changes import ChangeService

        return ChangeService(self.context)

    @cached_property
    def removals(self) -> RemovalService:
        from .removals import RemovalService

        return RemovalService(self.context, self.changes)

    @cached_property
    def tags(self) -> TagService:
        from .tags import TagService

        return TagService(self.context, self.changes)

    @cached_property
    def search(self) -> SearchService:
        from .search import SearchService

        return SearchService(self.context)

    @cached_property
    def routines(self) -> RoutineService:
        """Persisted experiments kept as routines: their score, pause, resume, retire."""
        from .routines import RoutineService

        return RoutineService(self.context, self.experiments)

    @cached_property
    def insights(self) -> InsightService:
        """Built on first use: what goes with good days, over a range of days."""
        from .insights import InsightService

        return InsightService(self.context)

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
