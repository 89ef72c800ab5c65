"""Every use case writes in one transaction and announces one change.

Each use case is first run to count the repository writes it makes; it is then run
again on the same journal with the write in the middle, and then the last one,
failing. The journal must be exactly as it was, and nobody told of a change. Run
once more without a failure, it announces the change exactly once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import TODAY
from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Experiment,
    Metric,
)
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template


class Interrupted(Exception):
    """What a write failing halfway (a full disk, a crash of the storage) looks like."""


class FlakyRepository(InMemoryRepository):
    """An in-memory repository whose ``fail_at``-th write raises."""

    def __init__(self) -> None:
        self.fail_at: int | None = None
        self.writes = 0
        super().__init__()

    def _write(self) -> None:
        self.writes += 1
        if self.fail_at is not None and self.writes == self.fail_at:
            raise Interrupted(f"write {self.writes} failed")

    def add_metric(self, metric: Metric) -> Metric:
        self._write()
        return super().add_metric(metric)

    def update_metric(self, metric: Metric) -> Metric:
        self._write()
        return super().update_metric(metric)

    def save_check_in(self, check_in: CheckIn, previous: CheckIn | None = None) -> None:
        self._write()
        super().save_check_in(check_in, previous)

    def add_experiment(self, experiment: Experiment) -> Experiment:
        self._write()
        return super().add_experiment(experiment)

    def update_experiment(self, experiment: Experiment) -> Experiment:
        self._write()
        return super().update_experiment(experiment)

    def add_decision(self, decision: Decision) -> Decision:
        self._write()
        return super().add_decision(decision)

    def delete_decision(self, decision_id: int) -> None:
        self._write()
        super().delete_decision(decision_id)

    def delete_experiment(self, experiment_id: int) -> None:
        self._write()
        super().delete_experiment(experiment_id)

    def set_setting(self, key: str, value: str | None) -> None:
        self._write()
        super().set_setting(key, value)

    def clear(self) -> None:
        if hasattr(self, "writes"):  # the constructor's own clear is not a use case's
            self._write()
        super().clear()


def state(repo: InMemoryRepository) -> dict[str, Any]:
    return {
        "metrics": repo.list_metrics(),
        "check_ins": repo.list_check_ins(),
        "experiments": repo.list_experiments(),
        "decisions": repo.list_decisions(),
        "settings": repo.settings(),
    }


def journal_with_history() -> tuple[Journal, FlakyRepository]:
    """A journal with a bit of everything, so a use case has something to spoil."""
    repo = FlakyRepository()
    journal = Journal(repo, lambda: TODAY)
    journal.metrics.add("energy", 0, 10, "higher")
    experiment = journal.experiments.create(template("short-breaks").to_experiment(TODAY))
    assert experiment.id is not None
    journal.check_ins.update(
        TODAY,
        ratings={"satisfaction": 6, "energy": 4},
        adherence={experiment.id: Adherence.DONE},
        add_tags=["gym"],
        note="kept",
    )
    journal.preferences.set_intentions(["Less stress"])
    assert experiment.id is not None
    return journal, repo


UseCase = Callable[[Journal], object]


def _experiment_id(journal: Journal) -> int:
    return journal.experiments.views()[0].id


USE_CASES: dict[str, UseCase] = {
    "check-in save": lambda j: j.check_ins.save(
        CheckIn(TODAY, ratings={"satisfaction": 8, "guilt": 2}, tags=("late",), note="new")
    ),
    "check-in update": lambda j: j.check_ins.update(
        TODAY - dt.timedelta(days=1), ratings={"guilt": 3}, note="yesterday"
    ),
    "experiment create": lambda j: j.experiments.create(
        template("midday-exercise").to_experiment(TODAY)
    ),
    "experiment update": lambda j: j.experiments.update(
        replace(
            j.experiments.get(_experiment_id(j)),
            title="Short breaks, twice a day",
            schedule=schedules.abab(5, TODAY),
        )
    ),
    "decision (adjust: a new version and the decision)": lambda j: j.experiments.decide(
        _experiment_id(j), DecisionKind.ADJUST, "Breaks help, but twice is enough"
    ),
    "decision (stop)": lambda j: j.experiments.decide(
        _experiment_id(j), DecisionKind.STOP, "Enough"
    ),
    "metric add": lambda j: j.metrics.add("stress", 0, 10, "lower"),
    "metric rename": lambda j: j.metrics.rename("energy", "vigour"),
    "remove a check-in": lambda j: j.removals.check_in(TODAY),
    "remove an experiment (with its marks)": lambda j: j.removals.experiment(_experiment_id(j)),
    "remove a metric's history": lambda j: j.removals.metric_history("energy"),
    "rename a tag": lambda j: j.tags.rename("gym", "sport"),
    "remove a tag": lambda j: j.tags.remove("gym"),
    "demo (replacing the journal)": lambda j: j.demo.fill(force=True),
    "welcome": lambda j: j.welcome.finish(
        ["Less stress", "Caring for family"], (4, 2, 5, 3, 4, 2, 4), "commute-call", None
    ),
}


def writes_of(use_case: UseCase) -> int:
    journal, repo = journal_with_history()
    repo.writes = 0
    use_case(journal)
    return repo.writes


@pytest.mark.parametrize("name", list(USE_CASES))
def test_a_failure_halfway_leaves_the_journal_unchanged(name: str) -> None:
    use_case = USE_CASES[name]
    total = writes_of(use_case)
    assert total >= 1
    for fail_at in sorted({(total + 1) // 2, total}):
        journal, repo = journal_with_history()
        before = state(repo)
        announced: list[None] = []
        journal.changed.connect(functools.partial(announced.append, None))
        repo.writes, repo.fail_at = 0, fail_at
        with pytest.raises(Interrupted):
            use_case(journal)
        assert state(repo) == before, f"{name}: write {fail_at} of {total} failed"
        assert announced == []

        repo.fail_at = None
        use_case(journal)
        assert state(repo) != before
        assert len(announced) == 1, f"{name} announced {len(announced)} changes"


def test_the_multi_write_use_cases_do_write_several_times() -> None:
    """So the tests above do fail them in the middle, not only at their one write."""
    assert writes_of(USE_CASES["decision (adjust: a new version and the decision)"]) == 2
    assert writes_of(USE_CASES["welcome"]) == 5
    assert writes_of(USE_CASES["demo (replacing the journal)"]) > 100


def test_held_changes_are_announced_once_after_the_writes() -> None:
    journal = Journal(InMemoryRepository(), lambda: TODAY)
    seen: list[int] = []
    journal.changed.connect(lambda: seen.append(len(journal.repo.list_metrics())))
    with journal.changed.held():
        journal.metrics.add("energy", 0, 10, "higher")
        journal.metrics.add("stress", 0, 10, "lower")
        assert seen == []
    assert seen == [4]  # once, and after both writes


def test_an_undo_failing_halfway_leaves_the_removal_in_place() -> None:
    journal, repo = journal_with_history()
    first = _experiment_id(journal)
    journal.check_ins.update(TODAY, adherence={first: Adherence.DONE})
    journal.experiments.decide(first, DecisionKind.STOP, "Enough")
    journal.removals.experiment(first)
    removed = state(repo)
    announced: list[None] = []
    journal.changed.connect(functools.partial(announced.append, None))
    repo.writes, repo.fail_at = 0, 2
    with pytest.raises(Interrupted):
        journal.changes.undo()
    assert state(repo) == removed
    assert announced == []
