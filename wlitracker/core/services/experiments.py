"""Use cases for experiments: create, schedule, decide, and read their state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import routines, schedules
from ..model.entities import (
    EXPERIMENT_KINDS,
    GUILT,
    SATISFACTION,
    Better,
    Decision,
    DecisionKind,
    Domain,
    Experiment,
    Phase,
    RoutineChange,
    Schedule,
    Status,
    Target,
    metric_key,
    metric_label,
)
from ..model.errors import ConflictError, NotFoundError, ValidationError
from ..model.record import replace
from ..validation import MAX_TEXT_CHARS, check_text
from .context import Context

if TYPE_CHECKING:
    from ..stats.planning import LengthAdvice

MAX_REASON_CHARS = MAX_TEXT_CHARS
MAX_TITLE_CHARS = 120
# Stored for an experiment saved without a target, so it is judged on what it shows.
DEFAULT_TARGETS = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))
OPEN_STATUSES = frozenset(
    {Status.PLANNED, Status.BASELINE, Status.TRIAL, Status.READY_TO_REVIEW, Status.ROUTINE}
)


@dataclass(frozen=True)
class ExperimentView:
    """An experiment with everything derived from its schedule and decisions."""

    experiment: Experiment
    status: Status
    phases: tuple[Phase, ...]
    current_phase: Phase | None
    days_left: int | None
    end: dt.date | None
    decisions: tuple[Decision, ...]

    @property
    def id(self) -> int:
        assert self.experiment.id is not None
        return self.experiment.id

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def closing(self) -> Decision | None:
        return schedules.closing_decision(self.decisions)

    def counted_until(self, today: dt.date) -> dt.date:
        """The last day that counts: days after a closing decision no longer belong to it."""
        closing = self.closing
        return today if closing is None else min(today, closing.decided_on)


@dataclass(frozen=True)
class LineageStep:
    """One version in an experiment's history and the decision that ended it, if any."""

    experiment: Experiment
    decision: Decision | None


class ExperimentService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    # reading
    def get(self, experiment_id: int) -> Experiment:
        experiment = self._ctx.repo.get_experiment(experiment_id)
        if experiment is None:
            raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
        return experiment

    def all(self) -> list[Experiment]:
        """Every experiment, by id."""
        return self._ctx.repo.list_experiments()

    def view(self, experiment_id: int) -> ExperimentView:
        return self._view(self.get(experiment_id), self._ctx.repo.list_decisions(experiment_id))

    def views(self) -> list[ExperimentView]:
        decisions = schedules.decisions_by_experiment(self._ctx.repo.list_decisions())
        return [
            self._view(e, decisions.get(e.id or 0, [])) for e in self._ctx.repo.list_experiments()
        ]

    def _view(self, experiment: Experiment, decisions: list[Decision]) -> ExperimentView:
        today = self._ctx.today()
        schedule = experiment.schedule
        return ExperimentView(
            experiment=experiment,
            status=schedules.status(experiment, decisions, today),
            phases=schedules.phases(schedule),
            current_phase=schedules.phase_on(schedule, today),
            days_left=schedules.days_left(schedule, today),
            end=schedules.end_date(schedule),
            decisions=tuple(decisions),
        )

    def running_on(self, day: dt.date) -> list[Experiment]:
        """Experiments a check-in on ``day`` asks about.

        Only the few that may run that day are read, with their own decisions: the
        Today page and every save ask this, and a journal with years of finished
        experiments must not make them slower. A paused or retired routine is not.
        """
        repo = self._ctx.repo
        changes: dict[int, list[RoutineChange]] = {}
        for change in repo.list_routine_changes():
            changes.setdefault(change.experiment_id, []).append(change)
        return [
            e
            for e in repo.list_experiments_on(day)
            if schedules.running_on(
                e, repo.list_decisions(e.id) if e.id else [], day, changes.get(e.id or 0, ())
            )
        ]

    def routine_since(self, experiment_id: int) -> dt.date | None:
        """The first day the experiment is a routine (persisted, or one from the start)."""
        decisions = self._ctx.repo.list_decisions(experiment_id)
        return routines.routine_since(self.get(experiment_id), decisions)

    def lineage(self, experiment_id: int) -> list[LineageStep]:
        """Version 1 -> 2 -> 3: the chain of adjustments this experiment belongs to."""
        by_id = {e.id: e for e in self._ctx.repo.list_experiments()}
        decisions = schedules.decisions_by_experiment(self._ctx.repo.list_decisions())
        current = by_id.get(experiment_id)
        if current is None:
            raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
        while current.parent_id is not None and current.parent_id in by_id:
            current = by_id[current.parent_id]
        chain: list[LineageStep] = []
        seen: set[int] = set()
        node: Experiment | None = current
        while node is not None and node.id not in seen:
            assert node.id is not None
            seen.add(node.id)
            closing = schedules.closing_decision(decisions.get(node.id, []))
            chain.append(LineageStep(node, closing))
            children = [e for e in by_id.values() if e.parent_id == node.id]
            node = min(children, key=lambda e: e.id or 0) if children else None
        return chain

    def length_advice(
        self, metric: str, change: float = 1.0, better: Better | None = None
    ) -> LengthAdvice:
        """How many baseline and trial days would show a change of ``change`` points in
        ``metric``, judged from its last 90 days (``planning``)."""
        from ..stats.planning import HISTORY_DAYS, advise_length

        found = self._ctx.repo.get_metric(metric_key(metric))
        if found is None:
            raise NotFoundError(f"metric: no metric called {metric!r}")
        today = self._ctx.today()
        first = today - dt.timedelta(days=HISTORY_DAYS - 1)
        by_day = {c.date: c for c in self._ctx.repo.list_check_ins(first, today)}
        history: list[float | None] = []
        for offset in range(HISTORY_DAYS):
            check_in = by_day.get(first + dt.timedelta(days=offset))
            usual = check_in is not None and not check_in.is_unusual
            history.append(check_in.ratings.get(found.name) if usual and check_in else None)
        direction = better or found.better
        return advise_length(
            metric_label(found),
            history,
            "increase" if direction == "higher" else "decrease",
            found.min_value,
            found.max_value,
            change,
        )

    # writing
    def validate(self, draft: Experiment) -> Experiment:
        """Check every field; raises ``ValidationError`` naming the first bad one."""
        title = " ".join(draft.title.split())
        if not title:
            raise ValidationError("title", "must not be empty")
        check_text("title", title, MAX_TITLE_CHARS)
        for name in ("intention", "shift", "hypothesis"):
            check_text(name, getattr(draft, name))
        domains: list[Domain] = []
        for domain in draft.domains:
            try:
                value = Domain(domain)
            except ValueError:
                allowed = ", ".join(d.value for d in Domain)
                raise ValidationError("domain", f"{domain!r} is not one of: {allowed}") from None
            if value not in domains:
                domains.append(value)
        targets: list[Target] = []
        for target in draft.targets:
            metric = self._ctx.repo.get_metric(metric_key(target.metric))
            if metric is None:
                known = ", ".join(metric_label(m) for m in self._ctx.repo.list_metrics(False))
                raise ValidationError(
                    "target", f"no metric called {target.metric!r}; known metrics: {known}"
                )
            if target.better not in ("higher", "lower"):
                raise ValidationError("target", "better must be 'higher' or 'lower'")
            if all(t.metric != metric.name for t in targets):
                targets.append(Target(metric.name, target.better))
        if draft.kind not in EXPERIMENT_KINDS:
            raise ValidationError("kind", f"{draft.kind!r} is not 'experiment' or 'routine'")
        if not targets and draft.kind == "experiment":
            # Judged on what is stored: the defaults, written down, rather than none.
            targets = list(DEFAULT_TARGETS)
        self._validate_schedule(draft.schedule, routine=draft.kind == "routine")
        return replace(draft, title=title, domains=tuple(domains), targets=tuple(targets))

    def _validate_schedule(self, schedule: Schedule, routine: bool = False) -> None:
        if routine:
            # A routine runs from its start until stopped: no phases, but a first day.
            if schedule.plan:
                raise ValidationError("schedule", "a routine has no phases")
            if schedule.start is None:
                raise ValidationError("start", "a routine needs its first day")
        elif len(schedule.plan) not in (2, 4):
            raise ValidationError("schedule", "must be A-B (2 phases) or A-B-A-B (4 phases)")
        for part in schedule.plan:
            if not 1 <= part.days <= schedules.MAX_PHASE_DAYS:
                raise ValidationError(
                    "schedule", f"phases last 1 to {schedules.MAX_PHASE_DAYS} days"
                )
        if schedule.start is not None:
            today = self._ctx.today()
            if schedule.start > today + dt.timedelta(days=366):
                raise ValidationError("start", "must be within a year from today")

    def create(self, draft: Experiment) -> Experiment:
        clean = self.validate(replace(draft, id=None))
        created = self._ctx.repo.add_experiment(
            replace(clean, created_on=clean.created_on or self._ctx.today())
        )
        self._ctx.changed.emit()
        return created

    def create_from_template(self, key: str, start: dt.date | None = None) -> Experiment:
        from ..templates import template

        return self.create(template(key).to_experiment(start))

    def update(self, experiment: Experiment) -> Experiment:
        if experiment.id is None:
            raise NotFoundError("experiment: an experiment without an id cannot be updated")
        self.get(experiment.id)
        updated = self._ctx.repo.update_experiment(self.validate(experiment))
        self._ctx.changed.emit()
        return updated

    def decide(
        self,
        experiment_id: int,
        kind: DecisionKind,
        reason: str,
        next_version: Experiment | None = None,
    ) -> Decision:
        """Record a decision; *adjust* also creates the next, linked version.

        ``next_version`` lets the caller edit the new version first; by default it
        carries every field over and starts tomorrow with the same schedule.
        """
        view = self.view(experiment_id)
        if not view.is_open:
            closing = view.closing
            assert closing is not None
            raise ConflictError(
                f"experiment {experiment_id}: already decided "
                f"({closing.kind.value}, {closing.decided_on.isoformat()})"
            )
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("reason", "say in a few words why; it keeps the story readable")
        check_text("reason", reason, MAX_REASON_CHARS)
        today = self._ctx.today()
        with self._ctx.repo.atomic():
            new_id: int | None = None
            if kind is DecisionKind.ADJUST:
                old = view.experiment
                base = next_version or replace(
                    old,
                    schedule=Schedule(old.schedule.plan, today + dt.timedelta(days=1)),
                )
                created = self._ctx.repo.add_experiment(
                    replace(
                        self.validate(base),
                        id=None,
                        parent_id=experiment_id,
                        version=old.version + 1,
                        created_on=today,
                    )
                )
                new_id = created.id
            decision = self._ctx.repo.add_decision(
                Decision(experiment_id, kind, reason, today, new_id)
            )
        self._ctx.changed.emit()
        return decision

    def undo_decision(self, experiment_id: int) -> Decision:
        """Take back the latest decision: the experiment is open again, as it was before.

        Undoing *adjust* also removes the next version it made, as long as nothing
        has been recorded for that version yet; otherwise ``ConflictError``.
        Returns the decision that was undone.
        """
        view = self.view(experiment_id)
        latest = view.closing
        if latest is None or latest.id is None:
            raise ConflictError(f"experiment {experiment_id}: there is no decision to undo")
        new_id = latest.new_experiment_id
        if new_id is not None:
            self._check_unused(new_id)
        if self._ctx.repo.list_routine_changes(experiment_id):
            raise ConflictError(
                f"experiment {experiment_id}: it has been paused or retired as a routine "
                "since, so the decision stays"
            )
        with self._ctx.repo.atomic():
            self._ctx.repo.delete_decision(latest.id)
            if new_id is not None:
                self._ctx.repo.delete_experiment(new_id)
        self._ctx.changed.emit()
        return latest

    def _check_unused(self, experiment_id: int) -> None:
        """The next version made by *adjust* may go with the decision only if it is untouched."""
        repo = self._ctx.repo
        version = self.get(experiment_id)
        marked = any(
            experiment_id in c.adherence for c in repo.list_check_ins(version.schedule.start)
        )
        later = any(e.parent_id == experiment_id for e in repo.list_experiments())
        if marked or later or repo.list_decisions(experiment_id):
            raise ConflictError(
                f"experiment {experiment_id}: the next version already has days or decisions "
                "of its own, so the adjustment stays; stop or adjust that version instead"
            )
