"""The first-run welcome as one use case: everything it stores lands together or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import self_check
from ..model.entities import Experiment
from .context import Context
from .experiments import ExperimentService
from .preferences import PreferenceService


class WelcomeService:
    def __init__(
        self, context: Context, experiments: ExperimentService, preferences: PreferenceService
    ) -> None:
        self._ctx = context
        self._experiments = experiments
        self._preferences = preferences

    def finish(
        self,
        intentions: Sequence[str],
        answers: Sequence[int] | None,
        idea: str | None,
        reminder: dt.time | None,
    ) -> Experiment | None:
        """Store the answers, start the chosen idea today, mark the welcome done.

        One transaction and one change: a failure leaves the journal as it was, so
        Finish can simply be pressed again. Returns the experiment started, if any.
        """
        prefs = self._preferences
        today = self._ctx.today()
        created: Experiment | None = None
        with self._ctx.changed.held(), self._ctx.repo.atomic():
            prefs.set_intentions(list(intentions))
            if answers is not None:
                prefs.set_self_check(self_check.evaluate(tuple(answers), today))
            if idea is not None:
                created = self._experiments.create_from_template(idea, today)
            prefs.set_reminder_time(reminder)
            prefs.set_welcome_done()
        return created

    def skip(self) -> None:
        """Not now, and don't ask again: only the welcome is marked done."""
        self._preferences.set_welcome_done()
