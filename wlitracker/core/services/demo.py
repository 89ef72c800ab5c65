"""A believable, reproducible history for trying the app and for screenshots.

The history is replayed day by day through the real services, with the clock
set to each day, so demo data obeys exactly the rules a user's data does. The
whole replay is one transaction and one announced change (``DemoService.fill``).
Ratings respond to the experiments: when a change that helps is done, the day
tends to be better, so evaluations of the demo give sensible verdicts.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .. import schedules
from ..model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    DecisionKind,
    Experiment,
    PhaseKind,
    Schedule,
)
from ..model.errors import ConflictError, ValidationError
from ..model.record import replace
from ..model.repository import Repository
from ..templates import template
from .checkins import CheckInService
from .context import ChangeSignal, Context
from .experiments import ExperimentService
from .metrics import MetricService
from .preferences import KEY_DEMO, KEY_WELCOME_DONE

MIN_DAYS = 120  # the oldest demo experiment starts 117 days ago
MAX_DAYS = 3650
DEFAULT_DAYS = 120

NOTES = (
    "Long day, but dinner together made up for it.",
    "Kids were sick; worked from the couch.",
    "Deadline pressure all afternoon.",
    "Felt on top of things for once.",
    "Skipped lunch again.",
    "Great walk at noon, clear head afterwards.",
    "Too many meetings, nothing finished.",
    "Called Mum on the way home.",
    "Evening felt like mine.",
    "Answered emails in bed. Regretted it.",
)
TAGS = ("family dinner", "gym", "deadline", "late meeting", "friends", "home office", "travel")


@dataclass
class _Plan:
    """One demo experiment: when it is created and decided, and what it does to the ratings."""

    key: str
    start_offset: int  # days before today
    effect: dict[str, float]
    done_rate: float
    decision: tuple[int, DecisionKind, str] | None = None  # (days before today, kind, reason)
    schedule: Schedule | None = None
    title: str | None = None
    child: _Plan | None = None
    id: int | None = field(default=None, init=False)


def _plans() -> list[_Plan]:
    return [
        _Plan(
            "no-email-after-9",
            115,
            {GUILT: -2.2, SATISFACTION: 1.3},
            0.85,
            (
                78,
                DecisionKind.PERSIST,
                "Evenings are calmer and guilt clearly dropped; keeping it.",
            ),
            schedules.ab(14, 21),
        ),
        _Plan(
            "chores-on-listen-only-calls",
            100,
            {SATISFACTION: 0.2},
            0.5,
            (88, DecisionKind.STOP, "Most of my calls turned out not to be listen-only."),
            schedules.abab(7),
        ),
        _Plan(
            "midday-exercise",
            75,
            {SATISFACTION: 2.2, GUILT: 2.4},
            0.8,
            (52, DecisionKind.ADJUST, "Happier, but I felt guilty leaving the desk every day."),
            schedules.ab(7, 14),
            child=_Plan(
                "midday-exercise",
                51,
                {SATISFACTION: 2.0, GUILT: -0.6},
                0.8,
                (30, DecisionKind.PERSIST, "Three lunchtime sessions a week fit without guilt."),
                schedules.ab(7, 14),
                title="Exercise at midday, three times a week",
            ),
        ),
        _Plan(
            "pickup-line-call",
            60,
            {},
            0.3,
            (
                38,
                DecisionKind.SWITCH,
                "I rarely managed it and nothing changed; trying another idea.",
            ),
            schedules.ab(7, 14),
        ),
        _Plan("short-breaks", 35, {SATISFACTION: 1.6, GUILT: -0.8}, 0.9, None, schedules.abab(6)),
        _Plan("protect-deep-work", 12, {SATISFACTION: 1.0}, 0.75, None, schedules.ab(7, 14)),
        _Plan("commute-call", 3, {SATISFACTION: 0.8}, 0.7, None, schedules.abab(7)),
        _Plan("flexible-hours-trial", -7, {}, 0.0, None, schedules.ab(14, 14)),
    ]


class _Clock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@dataclass
class _Services:
    """The services the replay goes through, on a clock it moves day by day."""

    experiments: ExperimentService
    check_ins: CheckInService


class DemoService:
    """The demo as a use case of the journal it fills."""

    def __init__(self, context: Context) -> None:
        self._ctx = context

    def fill(self, days: int = DEFAULT_DAYS, seed: int = 14, force: bool = False) -> dict[str, int]:
        """Replace the journal with ``days`` of demo history ending today (see ``fill``)."""
        return fill(self._ctx.repo, self._ctx.today(), days, seed, force, self._ctx.changed)


def fill(
    repo: Repository,
    today: dt.date,
    days: int = DEFAULT_DAYS,
    seed: int = 14,
    force: bool = False,
    changed: ChangeSignal | None = None,
) -> dict[str, int]:
    """Write ``days`` of history ending today; refuses a non-empty journal unless forced.

    One transaction: it all lands or the journal stays as it was. ``changed`` hears of
    it once, at the end.
    """
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValidationError(
            "days", f"must be from {MIN_DAYS} to {MAX_DAYS}, so every kind of experiment fits"
        )
    if not repo.is_empty() and not force:
        raise ConflictError(
            "demo: this database already holds a journal; the demo replaces a journal only "
            "when told to, or goes into a separate database"
        )
    rng = random.Random(seed)
    clock = _Clock(today)
    context = Context(repo, clock, changed or ChangeSignal())
    experiments = ExperimentService(context)
    journal = _Services(experiments, CheckInService(context, lambda: experiments))
    first = today - dt.timedelta(days=days - 1)
    plans = _plans()
    with context.changed.held(), repo.atomic():
        repo.clear()
        metrics = MetricService(context)
        metrics.add("Energy", 0, 10, "higher")
        metrics.add("Stress", 0, 10, "lower")
        repo.set_setting(KEY_DEMO, "yes")
        repo.set_setting(KEY_WELCOME_DONE, "yes")
        active: list[_Plan] = []
        for offset in range(days + 10, -1, -1):
            day = today - dt.timedelta(days=offset)
            clock.day = day
            for plan in plans:
                if _created_on(plan, today) == day:
                    _create(journal, plan, today)
                    active.append(plan)
            if day >= first and rng.random() > 0.07:
                _check_in(journal, rng, day, active)
            for plan in list(active):
                if plan.decision and today - dt.timedelta(days=plan.decision[0]) == day:
                    _decide(journal, plan, today)
                    if plan.child is not None:
                        active.append(plan.child)
        clock.day = today
        for plan in plans:
            if _created_on(plan, today) > today:
                _create(journal, plan, today)
        context.changed.emit()
    return {
        "check_ins": len(repo.list_check_ins()),
        "experiments": len(repo.list_experiments()),
        "decisions": len(repo.list_decisions()),
    }


def _created_on(plan: _Plan, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=plan.start_offset + 2)


def _create(journal: _Services, plan: _Plan, today: dt.date) -> None:
    draft = template(plan.key).to_experiment(today - dt.timedelta(days=plan.start_offset))
    if plan.schedule is not None:
        draft = replace(draft, schedule=replace(plan.schedule, start=draft.schedule.start))
    if plan.title:
        draft = replace(draft, title=plan.title)
    plan.id = journal.experiments.create(draft).id


def _decide(journal: _Services, plan: _Plan, today: dt.date) -> None:
    assert plan.id is not None and plan.decision is not None
    _, kind, reason = plan.decision
    next_version: Experiment | None = None
    if kind is DecisionKind.ADJUST and plan.child is not None:
        child = plan.child
        old = journal.experiments.get(plan.id)
        start = today - dt.timedelta(days=child.start_offset)
        assert child.schedule is not None
        next_version = replace(
            old,
            title=child.title or old.title,
            shift="Exercise at lunchtime on three days a week, not every day.",
            schedule=replace(child.schedule, start=start),
        )
    decision = journal.experiments.decide(plan.id, kind, reason, next_version)
    if plan.child is not None and decision.new_experiment_id is not None:
        plan.child.id = decision.new_experiment_id


def _check_in(journal: _Services, rng: random.Random, day: dt.date, active: list[_Plan]) -> None:
    weekend = day.weekday() >= 5
    level = {
        SATISFACTION: 5.2 + (0.8 if weekend else 0.0) + rng.gauss(0, 0.9),
        GUILT: 4.6 - (0.7 if weekend else 0.0) + rng.gauss(0, 0.9),
    }
    adherence: dict[int, Adherence] = {}
    running = {e.id for e in journal.experiments.running_on(day)}
    for plan in active:
        if plan.id is None or plan.id not in running:
            continue
        experiment = journal.experiments.get(plan.id)
        phase = schedules.phase_on(experiment.schedule, day)
        in_trial = phase is None or phase.kind is PhaseKind.TRIAL
        if not in_trial:
            adherence[plan.id] = Adherence.NOT_SCHEDULED
            continue
        roll = rng.random()
        if roll < plan.done_rate:
            mark, dose = Adherence.DONE, 1.0
        elif roll < plan.done_rate + (1 - plan.done_rate) / 2:
            mark, dose = Adherence.PARTLY, 0.5
        else:
            mark, dose = Adherence.NOT_DONE, 0.0
        adherence[plan.id] = mark
        for name, effect in plan.effect.items():
            level[name] += effect * dose
    unusual: str | None = None
    roll = rng.random()
    if roll < 0.02:
        unusual = rng.choice(("ill", "travelling", "deadline week"))
        level[SATISFACTION] -= 2
        level[GUILT] += 1.5
    ratings = {name: max(0, min(10, round(value))) for name, value in level.items()}
    ratings["energy"] = max(
        0, min(10, round(6.0 + 0.4 * (ratings[SATISFACTION] - 5) + rng.gauss(0, 1)))
    )
    ratings["stress"] = max(0, min(10, round(5.0 + 0.5 * (ratings[GUILT] - 4) + rng.gauss(0, 1))))
    if rng.random() < 0.1:
        del ratings["energy"]
    tags = rng.sample(TAGS, k=rng.choice((0, 0, 1, 1, 2)))
    note = rng.choice(NOTES) if rng.random() < 0.18 else ""
    journal.check_ins.update(
        day,
        ratings=dict(ratings),
        adherence=dict(adherence),
        add_tags=tags,
        note=note,
        unusual=unusual,
    )
