from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core.model.entities import Status
from wlitracker.core.model.errors import ConflictError, ValidationError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal


def _fill(today: dt.date, **kwargs: object) -> Journal:
    repo = InMemoryRepository()
    demo.fill(repo, today, **kwargs)  # type: ignore[arg-type]
    return Journal(repo, lambda: today)


def test_demo_has_every_status_and_weeks_of_check_ins(today: dt.date) -> None:
    journal = _fill(today)
    statuses = {v.status for v in journal.experiments.views()}
    # Routines come from imports (Loop Habit Tracker); the demo shows experiments.
    assert statuses == set(Status) - {Status.ROUTINE}
    check_ins = journal.check_ins.history()
    assert 100 <= len(check_ins) <= 120
    assert check_ins[-1].date <= today
    assert any(c.note for c in check_ins)
    assert any(c.is_unusual for c in check_ins) or len(check_ins) < 60
    assert any(c.adherence for c in check_ins)
    assert {m.name for m in journal.metrics.list()} >= {"energy", "stress"}


def test_demo_is_reproducible_from_its_seed(today: dt.date) -> None:
    first = _fill(today, seed=3).check_ins.history()
    again = _fill(today, seed=3).check_ins.history()
    other = _fill(today, seed=4).check_ins.history()
    assert first == again
    assert first != other


def test_demo_refuses_a_non_empty_journal_unless_forced(today: dt.date) -> None:
    repo = InMemoryRepository()
    Journal(repo, lambda: today).check_ins.update(today, ratings={"guilt": 1})
    with pytest.raises(ConflictError):
        demo.fill(repo, today)
    assert len(repo.list_check_ins()) == 1
    demo.fill(repo, today, force=True)
    assert len(repo.list_check_ins()) > 1


def test_demo_days_are_bounded(today: dt.date) -> None:
    with pytest.raises(ValidationError):
        demo.fill(InMemoryRepository(), today, days=5)
    journal = _fill(today, days=400)
    assert len(journal.check_ins.history()) > 300
