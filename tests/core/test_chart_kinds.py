"""Which spec a kind of chart is, with its default range (``chart_specs.build``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import Experiment
from wlitracker.core.model.errors import NotFoundError, ValidationError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services.journal import Journal

DAY = dt.timedelta(days=1)
PACKAGE = Path(__file__).parents[2] / "wlitracker" / "core" / "present" / "chart_specs"


@pytest.fixture
def journal(today: dt.date) -> Journal:
    journal = Journal(InMemoryRepository(), lambda: today)
    for offset in range(30):
        journal.check_ins.update(today - offset * DAY, ratings={"satisfaction": 5 + offset % 4})
    return journal


def test_ranges_default_to_three_months_for_a_trend_and_a_year_for_the_others(
    journal: Journal, today: dt.date
) -> None:
    trend = cs.build(journal, "trend")
    weekday = cs.build(journal, "weekday")
    scatter = cs.build(journal, "scatter")
    calendar = cs.build(journal, "calendar")

    assert isinstance(trend, cs.TrendSpec) and (trend.start, trend.end) == (today - 90 * DAY, today)
    assert trend == cs.trend(journal, today - 90 * DAY, today)
    assert weekday == cs.weekday(journal, today - 364 * DAY, today)
    assert scatter == cs.scatter(journal, today - 364 * DAY, today)
    assert calendar == cs.calendar(journal, today - 364 * DAY, today)


def test_a_range_and_a_metric_are_passed_on(journal: Journal, today: dt.date) -> None:
    start, end = today - 20 * DAY, today - 5 * DAY

    assert cs.build(journal, "trend", metric="guilt", start=start, end=end) == cs.trend(
        journal, start, end, ("guilt",)
    )
    assert cs.build(journal, "weekday", metric="guilt", start=start) == cs.weekday(
        journal, start, today, ("guilt",)
    )
    assert cs.build(journal, "scatter", metric="satisfaction", end=end) == cs.scatter(
        journal, end - 364 * DAY, end, x_metric="satisfaction"
    )
    assert cs.build(journal, "calendar", metric="guilt", start=start, end=end) == cs.calendar(
        journal, start, end, "guilt"
    )


def test_the_experiment_charts_need_an_experiment(journal: Journal, today: dt.date) -> None:
    made = journal.experiments.create(Experiment("Walk", schedules.ab(7, 7, today - 20 * DAY)))
    assert made.id is not None

    assert cs.build(journal, "experiment", experiment_id=made.id) == cs.experiment_chart(
        journal, made.id
    )
    assert cs.build(journal, "compare", experiment_id=made.id) == cs.compare(journal, made.id)
    with pytest.raises(ValidationError, match="the compare chart is drawn for one experiment"):
        cs.build(journal, "compare")
    with pytest.raises(NotFoundError):
        cs.build(journal, "experiment", experiment_id=99)


def test_an_unknown_kind_is_refused(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="'pie' is not one of: experiment, compare"):
        cs.build(journal, "pie")  # type: ignore[arg-type]


def test_each_spec_names_its_kind(journal: Journal) -> None:
    made = journal.experiments.create(Experiment("Walk", schedules.ab(7, 7, journal.today())))
    for kind in cs.CHART_KINDS:
        spec = cs.build(journal, kind, experiment_id=made.id)
        assert cs.kind_of(spec) == kind


def test_each_chart_has_a_module_of_its_own_and_none_is_long() -> None:
    names = {p.stem for p in PACKAGE.glob("*.py")}
    charts = {"experiment", "compare", "trend", "calendar", "weekday", "scatter", "report"}
    assert charts | {"days", "kinds", "__init__"} == names
    assert max(len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")) < 400
