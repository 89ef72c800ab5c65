"""What the Experiments page shows, worked out without Qt.

The page's widgets only display state and report clicks (DESIGN §4); the
choices behind them (which group an experiment belongs to, how each planned
day looks on the schedule strip, how the editor's fields become a draft)
live here, where they are tested without a window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .. import schedules
from ..model.entities import (
    Adherence,
    CheckIn,
    Domain,
    Experiment,
    Phase,
    PhaseKind,
    Schedule,
    Status,
    Target,
)
from ..model.record import replace
from ..schedules import Design
from ..services.experiments import ExperimentView

DEFAULT_BASELINE_DAYS = 14  # with 14 trial days: a 1.25 SD change is found about 2 times in 3
DEFAULT_TRIAL_DAYS = 14
DEFAULT_BLOCK_DAYS = 7


class Group(StrEnum):
    """The page's list sections, in the order shown."""

    RUNNING = "running"
    READY = "ready to review"
    PLANNED = "planned"
    FINISHED = "finished"


GROUP_OF: dict[Status, Group] = {
    Status.BASELINE: Group.RUNNING,
    Status.TRIAL: Group.RUNNING,
    Status.ROUTINE: Group.RUNNING,  # open routines run alongside, after the experiments
    Status.READY_TO_REVIEW: Group.READY,
    Status.PLANNED: Group.PLANNED,
    Status.PERSISTED: Group.FINISHED,
    Status.ADJUSTED: Group.FINISHED,
    Status.SWITCHED: Group.FINISHED,
    Status.STOPPED: Group.FINISHED,
}


def _sort_key(view: ExperimentView) -> tuple[int, int, str]:
    group = GROUP_OF[view.status]
    if group is Group.RUNNING:
        # Routines have no end (days_left None), so they come after the experiments.
        left = view.days_left if view.days_left is not None else 10**7
        return (left, view.id, view.experiment.title)
    if group is Group.PLANNED:
        start = view.experiment.schedule.start
        return (start.toordinal() if start else 10**7, view.id, view.experiment.title)
    if group is Group.FINISHED:
        closing = view.closing
        decided = closing.decided_on.toordinal() if closing else 0
        return (-decided, -view.id, view.experiment.title)
    end = view.end.toordinal() if view.end else 0
    return (end, view.id, view.experiment.title)


def grouped(views: Iterable[ExperimentView]) -> list[tuple[Group, list[ExperimentView]]]:
    """Non-empty groups in display order; soonest-ending first, latest decision first."""
    buckets: dict[Group, list[ExperimentView]] = {group: [] for group in Group}
    for view in views:
        buckets[GROUP_OF[view.status]].append(view)
    return [(group, sorted(items, key=_sort_key)) for group, items in buckets.items() if items]


class DayMark(StrEnum):
    """How one day of the strip is drawn."""

    DONE = "done"  # filled: the change was made (or, in a baseline, the day was recorded)
    PARTLY = "partly"  # half filled
    NOT_DONE = "not done"  # outlined and hatched
    NOT_SCHEDULED = "not scheduled"  # outlined only: the change was not planned that day
    NO_ANSWER = "no answer"  # faint: nothing recorded yet
    FUTURE = "future"  # lighter still: the day has not come


@dataclass(frozen=True)
class StripDay:
    """One planned day: its phase, what the check-in said, and how to draw it."""

    date: dt.date
    phase: Phase
    adherence: Adherence | None
    checked_in: bool
    unusual: str | None
    is_today: bool
    mark: DayMark


_MARK_OF_ADHERENCE = {
    Adherence.DONE: DayMark.DONE,
    Adherence.PARTLY: DayMark.PARTLY,
    Adherence.NOT_DONE: DayMark.NOT_DONE,
}


def _mark(phase: Phase, check_in: CheckIn | None, adherence: Adherence | None) -> DayMark:
    if adherence in _MARK_OF_ADHERENCE:
        return _MARK_OF_ADHERENCE[adherence]
    if check_in is None or check_in.is_empty:
        return DayMark.NO_ANSWER
    if phase.kind is PhaseKind.BASELINE:
        return DayMark.DONE  # the usual way: a recorded day is all a baseline asks for
    if adherence is Adherence.NOT_SCHEDULED:
        return DayMark.NOT_SCHEDULED
    return DayMark.NO_ANSWER


def strip_days(
    phases: Sequence[Phase], experiment_id: int, check_ins: Iterable[CheckIn], today: dt.date
) -> tuple[StripDay, ...]:
    """Every planned day of the phases, joined with the check-ins that fall on them."""
    by_date = {c.date: c for c in check_ins}
    days: list[StripDay] = []
    for phase in phases:
        for offset in range(phase.days):
            date = phase.start + dt.timedelta(days=offset)
            check_in = by_date.get(date)
            adherence = check_in.adherence.get(experiment_id) if check_in else None
            mark = DayMark.FUTURE if date > today else _mark(phase, check_in, adherence)
            days.append(
                StripDay(
                    date=date,
                    phase=phase,
                    adherence=adherence,
                    checked_in=check_in is not None and not check_in.is_empty,
                    unusual=check_in.unusual if check_in else None,
                    is_today=date == today,
                    mark=mark,
                )
            )
    return tuple(days)


@dataclass(frozen=True)
class ExperimentForm:
    """The editor's fields, as plain values; ``start`` None means not scheduled yet."""

    title: str = ""
    intention: str = ""
    shift: str = ""
    hypothesis: str = ""
    domains: tuple[Domain, ...] = ()
    targets: tuple[Target, ...] = ()
    design: Design = "ab"
    baseline_days: int = DEFAULT_BASELINE_DAYS
    trial_days: int = DEFAULT_TRIAL_DAYS
    block_days: int = DEFAULT_BLOCK_DAYS
    start: dt.date | None = None

    def schedule(self) -> Schedule:
        """The schedule the lengths describe; raises ``ValidationError`` naming a bad length."""
        if self.design == "abab":
            return schedules.abab(self.block_days, self.start)
        return schedules.ab(self.baseline_days, self.trial_days, self.start)


def form_of(experiment: Experiment) -> ExperimentForm:
    plan = experiment.schedule.plan
    design = schedules.design_of(experiment.schedule)
    if design == "abab":
        baseline = trial = block = plan[0].days
    else:
        baseline = plan[0].days if plan else DEFAULT_BASELINE_DAYS
        trial = plan[1].days if len(plan) > 1 else DEFAULT_TRIAL_DAYS
        block = DEFAULT_BLOCK_DAYS
    return ExperimentForm(
        title=experiment.title,
        intention=experiment.intention,
        shift=experiment.shift,
        hypothesis=experiment.hypothesis,
        domains=experiment.domains,
        targets=experiment.targets,
        design=design,
        baseline_days=baseline,
        trial_days=trial,
        block_days=block,
        start=experiment.schedule.start,
    )


def draft_of(form: ExperimentForm, base: Experiment | None = None) -> Experiment:
    """The form applied to ``base`` (keeping its id, version and links), or a new draft.

    A routine has no phases: only its start date comes from the form.
    """
    if base is not None and base.kind == "routine":
        schedule = Schedule((), form.start)
    else:
        schedule = form.schedule()
    draft = base or Experiment(title=form.title, schedule=schedule)
    return replace(
        draft,
        title=form.title,
        intention=form.intention,
        shift=form.shift,
        hypothesis=form.hypothesis,
        domains=form.domains,
        targets=form.targets,
        schedule=schedule,
    )


def blank_draft(today: dt.date) -> Experiment:
    """A new experiment: the usual one-week baseline and two-week trial, starting today."""
    return Experiment(
        title="", schedule=schedules.ab(DEFAULT_BASELINE_DAYS, DEFAULT_TRIAL_DAYS, today)
    )


def adjust_draft(experiment: Experiment, today: dt.date) -> Experiment:
    """The next version of ``experiment``: every field carried over, starting tomorrow."""
    return replace(
        experiment,
        schedule=Schedule(experiment.schedule.plan, today + dt.timedelta(days=1)),
        id=None,
        parent_id=experiment.id,
        version=experiment.version + 1,
        created_on=None,
    )
