"""Use cases for the daily check-in: fill in or edit one day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum

from .. import schedules
from ..model.entities import (
    Adherence,
    CheckIn,
    Decision,
    Experiment,
    Metric,
    Phase,
    metric_key,
    metric_label,
)
from ..model.errors import NotFoundError, ValidationError
from ..model.record import Record, replace
from ..routines import routine_since
from ..validation import (
    MAX_NOTE_CHARS,
    check_open_metric,
    check_past_or_today,
    check_rating,
    check_text,
    clean_tags,
)
from .context import Context

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Final

    from .experiments import ExperimentService


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""Leave a field as it is stored (``None`` would clear it)."""


class RunningExperiment(Record):
    experiment: Experiment
    phase: Phase | None  # None once the schedule is over (a persisted routine)

    @property
    def id(self) -> int:
        assert self.experiment.id is not None
        return self.experiment.id


class DayForm(Record):
    """Everything the check-in form shows for one day."""

    check_in: CheckIn
    metrics: tuple[Metric, ...]
    experiments: tuple[RunningExperiment, ...]
    editable: bool  # False for future days


def _phase(experiment: Experiment, day: dt.date) -> Phase | None:
    return schedules.phase_on(experiment.schedule, day)


def _routine_on(
    experiment: Experiment, decisions: Mapping[int, list[Decision]], day: dt.date
) -> bool:
    """A routine by ``day``: asked "did you do it?" without the experiment's phases."""
    since = routine_since(experiment, decisions.get(experiment.id or 0, []))
    return since is not None and day >= since


class CheckInService:
    """``experiments`` is asked for only when a day's experiments are: reading or rating a
    day loads no experiment service (nor its module)."""

    def __init__(self, context: Context, experiments: Callable[[], ExperimentService]) -> None:
        self._ctx = context
        self._experiments = experiments

    def get(self, day: dt.date) -> CheckIn:
        """The stored day, or an empty one: a day never rated has no values, not zeros."""
        return self._ctx.repo.get_check_in(day) or CheckIn(day)

    def form(self, day: dt.date) -> DayForm:
        """The day's values, the metrics to ask for and the experiments running that day.

        Archived metrics drop out of the form unless that day already has a value for them.
        """
        check_in = self.get(day)
        metrics = tuple(
            m for m in self._ctx.repo.list_metrics() if not m.archived or m.name in check_in.ratings
        )
        experiments = self._experiments().running_on(day)
        # Only the running ones' decisions: the form is built at start and after every
        # save, and years of finished experiments must not make it slower.
        decisions = {e.id: self._ctx.repo.list_decisions(e.id) for e in experiments if e.id}
        running = tuple(
            RunningExperiment(e, None if _routine_on(e, decisions, day) else _phase(e, day))
            for e in experiments
        )
        return DayForm(check_in, metrics, running, day <= self._ctx.today())

    def history(self, start: dt.date | None = None, end: dt.date | None = None) -> list[CheckIn]:
        self._check_range(start, end)
        return self._ctx.repo.list_check_ins(start, end)

    @staticmethod
    def _check_range(start: dt.date | None, end: dt.date | None) -> None:
        if start is not None and end is not None and start > end:
            raise ValidationError("from", f"{start} is after the last day asked for, {end}")

    def stream(self, start: dt.date | None = None, end: dt.date | None = None) -> Iterator[CheckIn]:
        """The days of ``history``, read a stretch at a time (memory stays flat)."""
        self._check_range(start, end)
        return self._ctx.repo.iter_check_ins(start, end)

    def dates(self, start: dt.date | None = None, end: dt.date | None = None) -> set[dt.date]:
        return set(self._ctx.repo.check_in_dates(start, end))

    def tags(self, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
        """The tags used between ``start`` and ``end``, once each, sorted."""
        return self._ctx.repo.list_tags(start, end)

    def save(self, check_in: CheckIn) -> CheckIn:
        """Replace the whole day with ``check_in``, after checking every field."""
        with self._ctx.repo.atomic():  # what is compared with is what gets replaced
            clean = self._store(check_in, self._ctx.repo.get_check_in(check_in.date))
        self._ctx.changed.emit()
        return clean

    def _store(self, check_in: CheckIn, stored: CheckIn | None) -> CheckIn:
        clean = self._validate(check_in, stored)
        self._ctx.repo.save_check_in(clean, stored)
        return clean

    def update(
        self,
        day: dt.date,
        *,
        ratings: Mapping[str, int | None] | None = None,
        adherence: Mapping[int, Adherence | None] | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        note: str | _Keep = KEEP,
        unusual: str | _Keep | None = KEEP,
    ) -> CheckIn:
        """Change only what is given; ``None`` in a mapping clears that value."""
        with self._ctx.repo.atomic():
            stored = self._ctx.repo.get_check_in(day)
            changed = self._changed(
                stored or CheckIn(day), ratings, adherence, add_tags, remove_tags, note, unusual
            )
            clean = self._store(changed, stored)
        self._ctx.changed.emit()
        return clean

    def _changed(
        self,
        current: CheckIn,
        ratings: Mapping[str, int | None] | None,
        adherence: Mapping[int, Adherence | None] | None,
        add_tags: Iterable[str],
        remove_tags: Iterable[str],
        note: str | _Keep,
        unusual: str | _Keep | None,
    ) -> CheckIn:
        new_ratings = dict(current.ratings)
        for name, value in (ratings or {}).items():
            metric_name = self._metric_name(name)
            if value is None:
                new_ratings.pop(metric_name, None)
            else:
                new_ratings[metric_name] = value
        new_adherence = dict(current.adherence)
        for experiment_id, mark in (adherence or {}).items():
            if mark is None:
                new_adherence.pop(experiment_id, None)
            else:
                new_adherence[experiment_id] = mark
        removed = set(clean_tags(remove_tags))
        tags = [t for t in (*current.tags, *add_tags) if t not in removed]
        return replace(
            current,
            ratings=new_ratings,
            adherence=new_adherence,
            tags=clean_tags(tags),
            note=current.note if isinstance(note, _Keep) else note,
            unusual=current.unusual if isinstance(unusual, _Keep) else unusual,
        )

    def _metric_name(self, name: str) -> str:
        metric = self._ctx.repo.get_metric(metric_key(name))
        if metric is None:
            known = ", ".join(metric_label(m) for m in self._ctx.repo.list_metrics(False))
            raise ValidationError("rating", f"no metric called {name!r}; known metrics: {known}")
        return metric.name

    def _validate(self, check_in: CheckIn, stored: CheckIn | None) -> CheckIn:
        today = self._ctx.today()
        check_past_or_today(check_in.date, today)
        previous = stored or CheckIn(check_in.date)
        for name, value in check_in.ratings.items():
            metric = self._ctx.repo.get_metric(name)
            if metric is None:
                raise ValidationError("rating", f"no metric called {name!r}")
            if previous.ratings.get(name) == value and name in previous.ratings:
                continue  # as stored (an imported fraction too): kept, not entered again
            check_open_metric(metric, "rate")
            check_rating(metric, value)
        running: set[int | None] | None = None  # worked out only when a mark changes
        for experiment_id, mark in check_in.adherence.items():
            if not isinstance(mark, Adherence):
                raise ValidationError("adherence", f"{mark!r} is not done/partly/not/unscheduled")
            if previous.adherence.get(experiment_id) == mark:
                continue
            if self._ctx.repo.get_experiment(experiment_id) is None:
                raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
            if running is None:
                running = {e.id for e in self._experiments().running_on(check_in.date)}
            if experiment_id not in running:
                raise ValidationError(
                    "adherence",
                    f"experiment {experiment_id} is not running on {check_in.date.isoformat()}",
                )
        note = check_text("note", check_in.note, MAX_NOTE_CHARS)
        unusual = check_in.unusual
        if unusual is not None:
            unusual = check_text("unusual", " ".join(unusual.split()))
        return replace(check_in, note=note, unusual=unusual, tags=clean_tags(check_in.tags))
