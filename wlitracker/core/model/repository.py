"""What the services need from storage, and an in-memory implementation of it.

The in-memory repository is a real implementation, not a mock: it passes the
same contract tests as the SQLite one, so the core can be tested without a
database and the two cannot drift apart.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from .entities import (
    GUILT,
    SATISFACTION,
    CheckIn,
    Decision,
    DecisionKind,
    Experiment,
    Metric,
    RoutineChange,
)
from .errors import ConflictError, NotFoundError
from .record import replace
from .search import SearchHit, SearchResults, TagUse, excerpt_of, fold, words

BUILTIN_METRICS: tuple[Metric, ...] = (
    Metric(SATISFACTION, 0, 10, "higher", builtin=True, label="Satisfaction"),
    Metric(GUILT, 0, 10, "lower", builtin=True, label="Guilt"),
)


class Repository(Protocol):
    """Storage for the journal. Implementations keep every write durable once it returns."""

    def atomic(self) -> AbstractContextManager[None]:
        """Group several writes so that they all land or none does."""
        ...

    def is_empty(self) -> bool:
        """No check-ins, experiments, decisions or custom metrics."""
        ...

    # metrics
    def list_metrics(self, include_archived: bool = True) -> list[Metric]: ...
    def get_metric(self, name: str) -> Metric | None: ...
    def add_metric(self, metric: Metric) -> Metric: ...
    def update_metric(self, metric: Metric) -> Metric: ...

    # check-ins
    def get_check_in(self, day: dt.date) -> CheckIn | None: ...
    def save_check_in(self, check_in: CheckIn, previous: CheckIn | None = None) -> None:
        """Replace the whole day; an empty check-in removes the day.

        ``previous`` is the day as stored, read in the same transaction; an
        implementation may use it to rewrite only what changed.
        """
        ...

    def save_check_ins(self, check_ins: Iterable[CheckIn]) -> None:
        """Many days in one step (an import): all of them, or none if one is refused."""
        ...

    def list_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[CheckIn]:
        """Days in date order, both ends included."""
        ...

    def search_days(self, terms: tuple[str, ...], limit: int | None = None) -> SearchResults:
        """Days whose note or tags have, for every term, a word starting with it.

        ``terms`` are folded words (``core.model.search.search_terms``); no terms find
        nothing. Newest first, at most ``limit`` hits; ``total`` counts them all.
        """
        ...

    def tag_uses(self) -> list[TagUse]:
        """Every tag in use, with its number of days: the most used first, then by name."""
        ...

    def iter_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> Iterator[CheckIn]:
        """The days of ``list_check_ins``, read a stretch at a time: memory stays flat
        however long the journal is. Consume it before writing to the journal again."""
        ...

    def check_in_dates(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dt.date]:
        """The dates that have a check-in, in order, both ends included."""
        ...

    def list_tags(self, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
        """Every tag used on a day between ``start`` and ``end``, once each, sorted."""
        ...

    # experiments and decisions
    def add_experiment(self, experiment: Experiment) -> Experiment: ...
    def update_experiment(self, experiment: Experiment) -> Experiment: ...
    def get_experiment(self, experiment_id: int) -> Experiment | None: ...
    def list_experiments(self) -> list[Experiment]: ...
    def list_experiments_on(self, day: dt.date) -> list[Experiment]:
        """The experiments that may run on ``day``, in id order: started by then and
        either a routine, persisted (by any decision), or scheduled until ``day`` or
        later. The core decides which of them run (``schedules.running_on``); this only
        spares reading every experiment the journal ever had."""
        ...

    def add_decision(self, decision: Decision) -> Decision: ...
    def list_decisions(self, experiment_id: int | None = None) -> list[Decision]: ...
    def delete_decision(self, decision_id: int) -> None:
        """Remove a decision (to undo it); ``NotFoundError`` if there is none with that id."""
        ...

    def delete_experiment(self, experiment_id: int) -> None:
        """Remove an experiment nothing refers to yet (no decisions, versions or marked days).

        ``ConflictError`` otherwise: a day's marks are never removed this way.
        """
        ...

    # routines
    def add_routine_change(self, change: RoutineChange) -> RoutineChange:
        """Store a pause, resume or retirement; ``NotFoundError`` for an unknown experiment."""
        ...

    def list_routine_changes(self, experiment_id: int | None = None) -> list[RoutineChange]:
        """In the order they were made (by id)."""
        ...

    # settings
    def get_setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str | None) -> None: ...
    def settings(self) -> dict[str, str]: ...

    def clear(self) -> None:
        """Remove every check-in, experiment, decision, custom metric and setting."""
        ...


class InMemoryRepository:
    """A dictionary-backed repository; ``atomic`` restores a snapshot on error."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._metrics: dict[int, Metric] = {}
        self._check_ins: dict[dt.date, CheckIn] = {}
        self._experiments: dict[int, Experiment] = {}
        self._decisions: dict[int, Decision] = {}
        self._settings: dict[str, str] = {}
        self._routine_changes: dict[int, RoutineChange] = {}
        self._next_id = {"metric": 1, "experiment": 1, "decision": 1, "routine change": 1}
        for metric in BUILTIN_METRICS:
            self.add_metric(metric)

    def _take_id(self, kind: str, wanted: int | None) -> int:
        new_id = wanted if wanted is not None else self._next_id[kind]
        self._next_id[kind] = max(self._next_id[kind], new_id + 1)
        return new_id

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        snapshot = copy.copy(self.__dict__)
        snapshot = {key: copy.copy(value) for key, value in snapshot.items()}
        try:
            yield
        except BaseException:
            self.__dict__.update(snapshot)
            raise

    def atomic(self) -> AbstractContextManager[None]:
        return self._atomic()

    def is_empty(self) -> bool:
        return not (
            self._check_ins
            or self._experiments
            or self._decisions
            or any(not m.builtin for m in self._metrics.values())
        )

    def list_metrics(self, include_archived: bool = True) -> list[Metric]:
        return [m for _, m in sorted(self._metrics.items()) if include_archived or not m.archived]

    def get_metric(self, name: str) -> Metric | None:
        return next((m for m in self._metrics.values() if m.name == name), None)

    def _check_unique_name(self, metric: Metric) -> None:
        other = self.get_metric(metric.name)
        if other is not None and other.id != metric.id:
            raise ConflictError(f"metric: a metric called {metric.name!r} already exists")

    def add_metric(self, metric: Metric) -> Metric:
        self._check_unique_name(metric)
        if metric.id is not None and metric.id in self._metrics:
            raise ConflictError(f"metric: id {metric.id} is taken")
        new_id = self._take_id("metric", metric.id)
        stored = replace(metric, id=new_id)
        self._metrics[new_id] = stored
        return stored

    def update_metric(self, metric: Metric) -> Metric:
        if metric.id not in self._metrics:
            raise NotFoundError(f"metric: no metric with id {metric.id}")
        self._check_unique_name(metric)
        old = self._metrics[metric.id]
        if old.name != metric.name:
            self._check_ins = {
                day: replace(
                    c,
                    ratings={metric.name if k == old.name else k: v for k, v in c.ratings.items()},
                )
                for day, c in self._check_ins.items()
            }
            self._experiments = {
                key: replace(
                    e,
                    targets=tuple(
                        replace(t, metric=metric.name) if t.metric == old.name else t
                        for t in e.targets
                    ),
                )
                for key, e in self._experiments.items()
            }
        self._metrics[metric.id] = metric
        return metric

    def get_check_in(self, day: dt.date) -> CheckIn | None:
        return self._check_ins.get(day)

    def save_check_ins(self, check_ins: Iterable[CheckIn]) -> None:
        with self.atomic():
            for check_in in check_ins:
                self.save_check_in(check_in)

    def save_check_in(self, check_in: CheckIn, previous: CheckIn | None = None) -> None:
        del previous  # a dictionary replaces the day at no cost
        for name in check_in.ratings:
            if self.get_metric(name) is None:
                raise NotFoundError(f"metric: no metric called {name!r}")
        for experiment_id in check_in.adherence:
            if experiment_id not in self._experiments:
                raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
        if check_in.is_empty:
            self._check_ins.pop(check_in.date, None)
        else:
            self._check_ins[check_in.date] = check_in

    def list_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[CheckIn]:
        return [
            c
            for day, c in sorted(self._check_ins.items())
            if (start is None or day >= start) and (end is None or day <= end)
        ]

    def search_days(self, terms: tuple[str, ...], limit: int | None = None) -> SearchResults:
        if not terms:
            return SearchResults((), 0)
        found: list[CheckIn] = []
        for _, check_in in sorted(self._check_ins.items(), reverse=True):
            day_words = [fold(w) for w in words(check_in.note)]
            day_words += [fold(w) for tag in check_in.tags for w in words(tag)]
            if all(any(w.startswith(t) for w in day_words) for t in terms):
                found.append(check_in)
        shown = found if limit is None else found[:limit]
        hits = tuple(SearchHit(c.date, excerpt_of(c.note, terms), c.tags) for c in shown)
        return SearchResults(hits, len(found))

    def tag_uses(self) -> list[TagUse]:
        days: dict[str, list[dt.date]] = {}
        for day, check_in in self._check_ins.items():
            for tag in check_in.tags:
                days.setdefault(tag, []).append(day)
        uses = [TagUse(tag, len(dates), max(dates)) for tag, dates in days.items()]
        return sorted(uses, key=lambda u: (-u.days, u.tag))

    def iter_check_ins(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> Iterator[CheckIn]:
        yield from self.list_check_ins(start, end)

    def check_in_dates(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dt.date]:
        return [c.date for c in self.list_check_ins(start, end)]

    def list_tags(self, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
        return sorted({tag for c in self.list_check_ins(start, end) for tag in c.tags})

    def add_experiment(self, experiment: Experiment) -> Experiment:
        if experiment.id is not None and experiment.id in self._experiments:
            raise ConflictError(f"experiment: id {experiment.id} is taken")
        self._check_parent(experiment)
        new_id = self._take_id("experiment", experiment.id)
        stored = replace(experiment, id=new_id)
        self._experiments[new_id] = stored
        return stored

    def _check_parent(self, experiment: Experiment) -> None:
        if experiment.parent_id is not None and experiment.parent_id not in self._experiments:
            raise NotFoundError(f"experiment: no experiment with id {experiment.parent_id}")
        for target in experiment.targets:
            if self.get_metric(target.metric) is None:
                raise NotFoundError(f"metric: no metric called {target.metric!r}")

    def update_experiment(self, experiment: Experiment) -> Experiment:
        if experiment.id not in self._experiments:
            raise NotFoundError(f"experiment: no experiment with id {experiment.id}")
        self._check_parent(experiment)
        self._experiments[experiment.id] = experiment
        return experiment

    def get_experiment(self, experiment_id: int) -> Experiment | None:
        return self._experiments.get(experiment_id)

    def list_experiments(self) -> list[Experiment]:
        return [e for _, e in sorted(self._experiments.items())]

    def list_experiments_on(self, day: dt.date) -> list[Experiment]:
        persisted = {
            d.experiment_id for d in self._decisions.values() if d.kind is DecisionKind.PERSIST
        }

        def may_run(experiment: Experiment) -> bool:
            schedule = experiment.schedule
            if schedule.start is None or schedule.start > day:
                return False
            last = schedule.start + dt.timedelta(days=sum(p.days for p in schedule.plan) - 1)
            return experiment.kind == "routine" or experiment.id in persisted or last >= day

        return [e for e in self.list_experiments() if may_run(e)]

    def add_decision(self, decision: Decision) -> Decision:
        for ref in (decision.experiment_id, decision.new_experiment_id):
            if ref is not None and ref not in self._experiments:
                raise NotFoundError(f"experiment: no experiment with id {ref}")
        if decision.id is not None and decision.id in self._decisions:
            raise ConflictError(f"decision: id {decision.id} is taken")
        new_id = self._take_id("decision", decision.id)
        stored = replace(decision, id=new_id)
        self._decisions[new_id] = stored
        return stored

    def list_decisions(self, experiment_id: int | None = None) -> list[Decision]:
        return [
            d
            for _, d in sorted(self._decisions.items())
            if experiment_id is None or d.experiment_id == experiment_id
        ]

    def delete_decision(self, decision_id: int) -> None:
        if self._decisions.pop(decision_id, None) is None:
            raise NotFoundError(f"decision: no decision with id {decision_id}")

    def delete_experiment(self, experiment_id: int) -> None:
        if experiment_id not in self._experiments:
            raise NotFoundError(f"experiment: no experiment with id {experiment_id}")
        referred = (
            any(
                experiment_id in (d.experiment_id, d.new_experiment_id)
                for d in self._decisions.values()
            )
            or any(e.parent_id == experiment_id for e in self._experiments.values())
            or any(experiment_id in c.adherence for c in self._check_ins.values())
            or any(c.experiment_id == experiment_id for c in self._routine_changes.values())
        )
        if referred:
            raise ConflictError(
                f"experiment {experiment_id}: it has decisions, versions or marked days"
            )
        del self._experiments[experiment_id]

    def add_routine_change(self, change: RoutineChange) -> RoutineChange:
        if change.experiment_id not in self._experiments:
            raise NotFoundError(f"experiment: no experiment with id {change.experiment_id}")
        if change.id is not None and change.id in self._routine_changes:
            raise ConflictError(f"routine change: id {change.id} is taken")
        new_id = self._take_id("routine change", change.id)
        stored = replace(change, id=new_id)
        self._routine_changes[new_id] = stored
        return stored

    def list_routine_changes(self, experiment_id: int | None = None) -> list[RoutineChange]:
        return [
            c
            for _, c in sorted(self._routine_changes.items())
            if experiment_id is None or c.experiment_id == experiment_id
        ]

    def get_setting(self, key: str) -> str | None:
        return self._settings.get(key)

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self._settings.pop(key, None)
        else:
            self._settings[key] = value

    def settings(self) -> dict[str, str]:
        return dict(sorted(self._settings.items()))
