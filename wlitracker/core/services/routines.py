"""Use cases for routines: how well one is kept up, whether it held up; pause, resume, retire.

What a routine is, when it is kept and how its score moves are the rules of
``core.routines``; this service reads the days and records the changes (each in one
transaction, announced once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .. import routines, schedules
from ..model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    CheckIn,
    Experiment,
    Metric,
    PhaseKind,
    RoutineChange,
    RoutineChangeKind,
)
from ..model.errors import ConflictError, ValidationError
from ..routines import MARK_VALUE, RoutineState
from ..stats.decision_rule import FINAL_ALPHA, MIN_DAYS_PER_PHASE, assess_series, words
from ..stats.effect_sizes import Improvement
from ..validation import check_text
from .context import Context
from .experiments import MAX_REASON_CHARS, ExperimentService

RECENT_DAYS = 30
HeldUp = Literal["held up", "better", "slipped", "too early", "no trial"]


@dataclass(frozen=True)
class RoutineDay:
    """One day of a routine: its mark, whether it was kept, and the score after it."""

    date: dt.date
    mark: Adherence | None
    state: RoutineState  # kept, paused (or retired, after the end)
    counted: float | None  # what the day added to the score (None: nothing)
    score: float


@dataclass(frozen=True)
class MetricSince:
    """One metric since the routine began, against its trial: has it held up?"""

    metric: Metric
    judgement: HeldUp
    trial_mean: float | None
    since_mean: float | None
    trial_days: int
    since_days: int
    ci_low: float | None = None  # the change since the trial, 95% interval
    ci_high: float | None = None


@dataclass(frozen=True)
class RoutineView:
    """How a routine is kept up: its state, score, days and whether the gains held."""

    experiment: Experiment
    since: dt.date  # the first day as a routine (the persist decision's, or the start)
    state: RoutineState  # today (a routine retired today is kept until the day is over)
    retired_on: dt.date | None
    changes: tuple[RoutineChange, ...]
    days: tuple[RoutineDay, ...]  # from the first day that counts to today (or retirement)
    score: float  # 0 to 1, after the last day
    done_recent: int  # days done in the last RECENT_DAYS
    partly_recent: int
    held_up: tuple[MetricSince, ...]  # empty for a routine that was never tried as an experiment

    @property
    def id(self) -> int:
        assert self.experiment.id is not None
        return self.experiment.id

    @property
    def persisted(self) -> bool:
        return self.experiment.kind != "routine"


class RoutineService:
    def __init__(self, context: Context, experiments: ExperimentService) -> None:
        self._ctx = context
        self._experiments = experiments

    # reading
    def view(self, experiment_id: int) -> RoutineView | None:
        """The routine ``experiment_id`` has become, or None if it is not one (yet)."""
        repo = self._ctx.repo
        experiment = self._experiments.get(experiment_id)
        decisions = repo.list_decisions(experiment_id)
        since = routines.routine_since(experiment, decisions)
        if since is None:
            return None
        changes = tuple(repo.list_routine_changes(experiment_id))
        today = self._ctx.today()
        retired = routines.retired_on(changes)
        last = min(today, retired) if retired is not None else today
        first = self._first_counted(experiment, since)
        check_ins = {c.date: c for c in repo.list_check_ins(first, last)} if first <= last else {}
        days = self._days(experiment, since, changes, first, last, check_ins)
        recent = [d for d in days if d.date > today - dt.timedelta(days=RECENT_DAYS)]
        held = self._held_up(experiment, since, changes) if since <= today else ()
        return RoutineView(
            experiment=experiment,
            since=since,
            state=routines.state_on(changes, today),
            retired_on=retired,
            changes=changes,
            days=tuple(days),
            score=days[-1].score if days else 0.0,
            done_recent=sum(1 for d in recent if d.mark is Adherence.DONE),
            partly_recent=sum(1 for d in recent if d.mark is Adherence.PARTLY),
            held_up=held,
        )

    @staticmethod
    def _first_counted(experiment: Experiment, since: dt.date) -> dt.date:
        """A persisted experiment's score starts with its trial: those days were kept too."""
        trials = [
            p.start
            for p in schedules.phases(experiment.schedule)
            if p.kind is PhaseKind.TRIAL and p.start <= since
        ]
        return min(trials, default=since)

    def _days(
        self,
        experiment: Experiment,
        since: dt.date,
        changes: tuple[RoutineChange, ...],
        first: dt.date,
        last: dt.date,
        check_ins: dict[dt.date, CheckIn],
    ) -> list[RoutineDay]:
        """Each day's contribution: done 1, partly 0.5, not done (or, once a routine, not
        marked) 0; nothing for a day not scheduled, in a baseline, paused, unusual and
        unmarked, today unmarked, or (before it was a routine) unmarked."""
        assert experiment.id is not None
        today = self._ctx.today()
        out: list[RoutineDay] = []
        score = 0.0
        day = first
        while day <= last:
            check_in = check_ins.get(day)
            mark = check_in.adherence.get(experiment.id) if check_in else None
            state = routines.state_on(changes, day) if day >= since else "kept"
            value = _counted(mark, state)
            if mark is None and day >= since and state == "kept" and day < today:
                unusual = check_in is not None and check_in.is_unusual
                value = None if unusual else 0.0  # a routine day left unmarked was missed
            phase = schedules.phase_on(experiment.schedule, day)
            if day < since and phase is not None and phase.kind is PhaseKind.BASELINE:
                value = None  # the usual way, on purpose
            score = routines.next_score(score, value)
            out.append(RoutineDay(day, mark, state, value, score))
            day += dt.timedelta(days=1)
        return out

    def _held_up(
        self, experiment: Experiment, since: dt.date, changes: tuple[RoutineChange, ...]
    ) -> tuple[MetricSince, ...]:
        """Satisfaction, guilt and the other targets: the usual trial days against the
        usual days kept since (paused days left out), with the decision rule's model."""
        if experiment.kind == "routine":
            return ()
        assert experiment.id is not None
        repo = self._ctx.repo
        today = self._ctx.today()
        trial_phases = [
            p for p in schedules.phases(experiment.schedule) if p.kind is PhaseKind.TRIAL
        ]
        first = min((p.start for p in trial_phases), default=since)
        retired = routines.retired_on(changes)
        last = min(today, retired) if retired is not None else today
        days = [c for c in repo.list_check_ins(first, last) if not c.is_unusual]
        trial = [
            c for c in days if c.date <= since and any(p.contains(c.date) for p in trial_phases)
        ]
        after = [c for c in days if c.date > since and routines.state_on(changes, c.date) == "kept"]
        names = [SATISFACTION, GUILT] + [
            t.metric for t in experiment.targets if t.metric not in (SATISFACTION, GUILT)
        ]
        out: list[MetricSince] = []
        for name in names:
            metric = repo.get_metric(name)
            if metric is None:
                continue
            before = [float(c.ratings[name]) for c in trial if name in c.ratings]
            since_values = [float(c.ratings[name]) for c in after if name in c.ratings]
            out.append(_compare_since(metric, before, since_values))
        return tuple(out)

    # writing
    def pause(self, experiment_id: int, reason: str) -> RoutineChange:
        """Stop asking about the routine from today, until it is resumed."""
        return self._change(experiment_id, RoutineChangeKind.PAUSE, reason, needs="kept")

    def resume(self, experiment_id: int, reason: str = "") -> RoutineChange:
        """Ask about a paused routine again, from today."""
        return self._change(experiment_id, RoutineChangeKind.RESUME, reason, needs="paused")

    def retire(self, experiment_id: int, reason: str) -> RoutineChange:
        """End the routine: today is its last day. Its days and score are kept."""
        return self._change(experiment_id, RoutineChangeKind.RETIRE, reason, needs=None)

    def _change(
        self,
        experiment_id: int,
        kind: RoutineChangeKind,
        reason: str,
        needs: RoutineState | None,
    ) -> RoutineChange:
        reason = " ".join(reason.split())
        if kind is not RoutineChangeKind.RESUME and not reason:
            raise ValidationError("reason", "say in a few words why; it keeps the story readable")
        check_text("reason", reason, MAX_REASON_CHARS)
        today = self._ctx.today()
        with self._ctx.repo.atomic():  # what is checked is what gets changed
            experiment = self._experiments.get(experiment_id)
            decisions = self._ctx.repo.list_decisions(experiment_id)
            since = routines.routine_since(experiment, decisions)
            if since is None:
                raise ConflictError(f"experiment {experiment_id}: not a routine; persist it first")
            if since > today:
                raise ConflictError(f"experiment {experiment_id}: a routine only from {since}")
            changes = self._ctx.repo.list_routine_changes(experiment_id)
            if routines.retired_on(changes) is not None:
                raise ConflictError(f"experiment {experiment_id}: this routine is retired")
            state = routines.state_on(changes, today)
            if needs == "kept" and state != needs:
                raise ConflictError(f"experiment {experiment_id}: already paused; resume it first")
            if needs == "paused" and state != needs:
                raise ConflictError(f"experiment {experiment_id}: not paused, so nothing to resume")
            change = self._ctx.repo.add_routine_change(
                RoutineChange(experiment_id, kind, today, reason)
            )
        self._ctx.changed.emit()
        return change


def _counted(mark: Adherence | None, state: RoutineState) -> float | None:
    """A marked day's part in the score; while paused only what was done counts."""
    if mark is None or mark not in MARK_VALUE:
        return None
    if state == "paused" and mark is Adherence.NOT_DONE:
        return None
    return MARK_VALUE[mark]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _compare_since(metric: Metric, trial: list[float], since: list[float]) -> MetricSince:
    """Held up unless the model finds it worse since (the decision rule's final level)."""
    base = MetricSince(metric, "too early", _mean(trial), _mean(since), len(trial), len(since))
    if not trial:
        return MetricSince(metric, "no trial", None, base.since_mean, 0, len(since))
    if min(len(trial), len(since)) < MIN_DAYS_PER_PHASE:
        return base
    improvement: Improvement = "increase" if metric.better == "higher" else "decrease"
    assessment = assess_series(
        [*trial, *since], [False] * len(trial) + [True] * len(since), improvement
    )
    said = words(assessment.p_not_better, FINAL_ALPHA)
    judgement: HeldUp = "held up"
    if said == "improved":
        judgement = "better"
    elif said == "worsened":
        judgement = "slipped"
    return MetricSince(
        metric,
        judgement,
        base.trial_mean,
        base.since_mean,
        len(trial),
        len(since),
        assessment.ci_low,
        assessment.ci_high,
    )
