"""Shared set-up for chart tests: Agg figures and small journals with known data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

import pytest
from matplotlib.figure import Figure

from wlitracker.charts.render import new_figure
from wlitracker.core import schedules
from wlitracker.core.model.entities import GUILT, SATISFACTION, Adherence, Experiment, Target
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal

BOTH = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))
DEMO_TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def fig() -> Iterator[Figure]:
    figure = new_figure()
    yield figure
    figure.clear()


@pytest.fixture
def memory(today: dt.date) -> Journal:
    return Journal(InMemoryRepository(), lambda: today)


@pytest.fixture(scope="module")
def demo_journal() -> Journal:
    """A 400-day demo journal (read only: tests must not change it)."""
    repo = InMemoryRepository()
    demo.fill(repo, DEMO_TODAY, days=400)
    return Journal(repo, lambda: DEMO_TODAY)


def _add_ab(
    journal: Journal,
    start: dt.date,
    baseline: Sequence[int | None],
    trial: Sequence[int | None],
    title: str = "Walk at lunch",
    marks: Sequence[Adherence] = (Adherence.DONE,),
) -> int:
    """An A-B experiment, satisfaction as given and guilt = 10 - satisfaction (None: no check-in).

    Trial days cycle through ``marks``.
    """
    created = journal.experiments.create(
        Experiment(title, schedules.ab(len(baseline), len(trial), start), targets=BOTH)
    )
    assert created.id is not None
    for offset, value in enumerate([*baseline, *trial]):
        if value is None:
            continue
        trial_day = offset - len(baseline)
        journal.check_ins.update(
            start + dt.timedelta(days=offset),
            ratings={SATISFACTION: value, GUILT: 10 - value},
            adherence={created.id: marks[trial_day % len(marks)]} if trial_day >= 0 else None,
        )
    return created.id


AddAB = Callable[..., int]


@pytest.fixture
def add_ab() -> AddAB:
    """``add_ab(journal, start, baseline, trial, title=..., marks=...) -> experiment id``."""
    return _add_ab
