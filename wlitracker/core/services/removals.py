"""Removing a check-in, an experiment, a decision or a metric's history, undoably.

Each use case reads what it removes inside its transaction and hands the records, as
they are and as they will be, to the change service; the change it returns says what
went and can be undone (``journal.changes.undo``). Nothing beyond what is named goes:
a day keeps its other ratings when a metric's history is removed, an experiment's
removal takes its own marks and decisions and no other experiment's.
"""

from __future__ import annotations

import datetime as dt

from ..model.entities import CheckIn, Decision, Experiment, metric_key, metric_label
from ..model.errors import ConflictError, NotFoundError
from ..model.record import replace
from ..model.words import DECISION_WORDS, counted, day_words
from .changes import Change, ChangeService, Records
from .context import Context


def kept(check_in: CheckIn) -> CheckIn | None:
    """The day as stored after a part of it went: an empty day is no day."""
    return None if check_in.is_empty else check_in


def days_words(count: int) -> str:
    return counted(count, "day")


def experiment_name(experiment: Experiment) -> str:
    return f"experiment #{experiment.id} “{experiment.title}”"


class RemovalService:
    def __init__(self, context: Context, changes: ChangeService) -> None:
        self._ctx = context
        self._changes = changes

    def check_in(self, day: dt.date) -> Change:
        """The whole day: its ratings, marks, tags, note and unusual-day flag."""
        repo = self._ctx.repo

        def plan() -> Change:
            stored = repo.get_check_in(day)
            if stored is None:
                raise NotFoundError(f"There is no check-in on {day.isoformat()} to remove.")
            words = day_words(day)
            return Change(
                f"Removed the check-in of {words}",
                f"Bring back the check-in of {words}",
                Records(days={day: stored}),
                Records(days={day: None}),
            )

        return self._changes.apply(plan)

    def experiment(self, experiment_id: int) -> Change:
        """The experiment with its adherence marks and decisions.

        A decision that made it (adjusting an earlier version) stays, no longer
        pointing at it. An experiment another version was made from stays: that
        version's history starts from it, so that version is removed first.
        """
        repo = self._ctx.repo

        def plan() -> Change:
            experiment = repo.get_experiment(experiment_id)
            if experiment is None:
                raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
            later = [e.id for e in repo.list_experiments() if e.parent_id == experiment_id]
            if later:
                raise ConflictError(
                    f"{experiment_name(experiment)} has a later version (#{later[0]}) made "
                    "from it; remove that version first"
                )
            before_decisions: dict[int, Decision | None] = {}
            after_decisions: dict[int, Decision | None] = {}
            for decision in repo.list_decisions():
                assert decision.id is not None
                if decision.experiment_id == experiment_id:
                    before_decisions[decision.id] = decision
                    after_decisions[decision.id] = None
                elif decision.new_experiment_id == experiment_id:
                    before_decisions[decision.id] = decision
                    after_decisions[decision.id] = replace(decision, new_experiment_id=None)
            marked = [c for c in repo.list_check_ins() if experiment_id in c.adherence]
            unmarked = {
                c.date: kept(
                    replace(
                        c, adherence={k: v for k, v in c.adherence.items() if k != experiment_id}
                    )
                )
                for c in marked
            }
            name = experiment_name(experiment)
            return Change(
                f"Removed {name}",
                f"Bring back {name}",
                Records(
                    days={c.date: c for c in marked},
                    experiments={experiment_id: experiment},
                    decisions=before_decisions,
                ),
                Records(
                    days=unmarked, experiments={experiment_id: None}, decisions=after_decisions
                ),
            )

        return self._changes.apply(plan)

    def decision(self, decision_id: int) -> Change:
        """One decision; the experiment is open again (a version it made stays)."""
        repo = self._ctx.repo

        def plan() -> Change:
            decision = next((d for d in repo.list_decisions() if d.id == decision_id), None)
            if decision is None:
                raise NotFoundError(f"decision: no decision with id {decision_id}")
            experiment = repo.get_experiment(decision.experiment_id)
            title = experiment.title if experiment is not None else "?"
            words = (
                f"the decision “{DECISION_WORDS[decision.kind]}” of "
                f"{decision.decided_on.isoformat()} on #{decision.experiment_id} “{title}”"
            )
            return Change(
                f"Removed {words}",
                f"Bring back {words}",
                Records(decisions={decision_id: decision}),
                Records(decisions={decision_id: None}),
            )

        return self._changes.apply(plan)

    def metric_history(self, name: str) -> Change:
        """Every rating of one metric; the metric stays, and so does the rest of each day."""
        repo = self._ctx.repo

        def plan() -> Change:
            metric = repo.get_metric(metric_key(name))
            if metric is None:
                known = ", ".join(metric_label(m) for m in repo.list_metrics())
                raise NotFoundError(f"metric: no metric called {name!r}; known metrics: {known}")
            rated = [c for c in repo.list_check_ins() if metric.name in c.ratings]
            if not rated:
                label = metric_label(metric)
                raise NotFoundError(f"{label} has no ratings to remove.")
            after = {
                c.date: kept(
                    replace(c, ratings={k: v for k, v in c.ratings.items() if k != metric.name})
                )
                for c in rated
            }
            days, label = days_words(len(rated)), metric_label(metric)
            return Change(
                f"Removed the {label} ratings of {days}",
                f"Bring back the {label} ratings of {days}",
                Records(days={c.date: c for c in rated}),
                Records(days=after),
            )

        return self._changes.apply(plan)
