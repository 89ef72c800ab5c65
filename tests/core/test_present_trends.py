"""The Trends screen's state, built from the services without Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.present.trends import (
    DEFAULT_RANGE,
    RANGE_NAMES,
    TRENDS_TABS,
    TrendsTab,
    build_trends_state,
    insight_inputs,
    with_insights,
    with_tab,
)
from wlitracker.core.services.insights import compute, gather
from wlitracker.core.services.journal import Journal

DAY = dt.timedelta(days=1)


def _journal(today: dt.date, days: int = 120) -> Journal:
    journal = Journal(InMemoryRepository(), lambda: today)
    for offset in range(days):
        journal.check_ins.update(
            today - offset * DAY, ratings={"satisfaction": 4 + offset % 5, "guilt": offset % 3}
        )
    return journal


def test_the_state_holds_the_range_the_table_and_only_the_chart_in_view(today: dt.date) -> None:
    journal = _journal(today)

    state = build_trends_state(journal, DEFAULT_RANGE, None)

    assert (state.range_name, state.start, state.end) == ("3 months", today - 90 * DAY, today)
    assert (state.metric, state.tab, state.today) == (None, "trend", today)
    assert state.charts.trend == cs.trend(journal, today - 90 * DAY, today)
    assert (state.charts.calendar, state.charts.weekday, state.charts.scatter) == (None,) * 3
    assert [c.date for c in state.rows] == [today - i * DAY for i in range(91)]  # newest first
    assert [m.name for m in state.columns] == ["satisfaction", "guilt"]
    assert [m.name for m in state.metrics] == ["satisfaction", "guilt"]
    assert state.can_save("trend") and not state.can_save("calendar")


def test_opening_a_tab_builds_its_chart_once_and_keeps_the_others(today: dt.date) -> None:
    journal = _journal(today)
    state = build_trends_state(journal, "4 weeks", None)

    shown = with_tab(journal, state, "scatter")

    assert shown.tab == "scatter"
    assert shown.charts.trend is state.charts.trend  # not built again
    assert shown.charts.scatter == cs.scatter(journal, today - 27 * DAY, today)
    again = with_tab(journal, shown, "scatter")
    assert again.charts.scatter is shown.charts.scatter
    table = with_tab(journal, again, "table")
    assert table.tab == "table" and table.charts == again.charts
    assert not table.can_save("table")


@pytest.mark.parametrize("tab", [t for t in TRENDS_TABS if t not in ("insights", "table")])
@pytest.mark.parametrize("metric", [None, "satisfaction", "guilt"])
def test_each_tab_shows_its_chart_kind_for_the_range_and_metric(
    today: dt.date, tab: TrendsTab, metric: str | None
) -> None:
    """The page's charts are the command line's, given the page's range and metric."""
    journal = _journal(today, days=400)
    state = build_trends_state(journal, "a year", metric, tab)

    start, end = today - 364 * DAY, today
    if tab == "calendar":
        expected = cs.build(journal, "calendar", metric=metric, end=end)
    elif tab == "scatter":  # the chosen metric against guilt; guilt itself: satisfaction
        x_metric = None if metric in (None, "guilt") else metric
        expected = cs.build(journal, "scatter", metric=x_metric, start=start, end=end)
    else:
        kind = next(k for k in cs.CHART_KINDS if k == tab)
        expected = cs.build(journal, kind, metric=metric, start=start, end=end)
    assert state.chart(tab) == expected
    assert [state.chart(t) for t in TRENDS_TABS if t != tab] == [None] * 5


def test_everything_starts_at_the_first_check_in(today: dt.date) -> None:
    journal = _journal(today, days=10)

    state = build_trends_state(journal, "all", "guilt", "weekday")

    assert (state.start, state.end, state.metric) == (today - 9 * DAY, today, "guilt")
    assert isinstance(state.charts.weekday, cs.WeekdaySpec)
    assert [s.metric for s in state.charts.weekday.series] == ["guilt"]
    assert set(RANGE_NAMES) == set(cs.TREND_RANGES)


@pytest.mark.parametrize(
    ("range_name", "metric", "layout"),
    [("4 weeks", "guilt", "months"), ("a year", None, "months"), ("all", "guilt", "years")],
)
def test_the_calendar_covers_exactly_the_chosen_range_and_metric(
    today: dt.date, range_name: str, metric: str | None, layout: str
) -> None:
    journal = _journal(today, days=800)

    state = build_trends_state(journal, range_name, metric, "calendar")

    spec = state.charts.calendar
    assert spec is not None and (spec.start, spec.end) == (state.start, state.end)
    assert (spec.metric, spec.layout) == (metric or "satisfaction", layout)
    days = [c.date for band in spec.bands for c in band.cells if c is not None]
    assert days == [state.start + i * DAY for i in range((state.end - state.start).days + 1)]
    assert spec.rated_days == len(state.rows)  # every check-in of the range rates both


def test_a_metric_no_longer_offered_falls_back_to_both(today: dt.date) -> None:
    journal = _journal(today, days=5)
    journal.metrics.add("energy", 0, 10, "higher")
    journal.check_ins.update(today, ratings={"energy": 6})
    assert build_trends_state(journal, "4 weeks", "energy").metric == "energy"
    journal.metrics.set_archived("energy", True)

    state = build_trends_state(journal, "4 weeks", "energy")

    assert state.metric is None
    assert [m.name for m in state.metrics] == ["satisfaction", "guilt"]
    assert [m.name for m in state.columns] == ["satisfaction", "guilt", "energy"]  # its days
    assert state.charts.trend == cs.trend(journal, state.start, state.end)


def test_an_empty_journal_has_nothing_to_save(today: dt.date) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)

    state = build_trends_state(journal, "all", None)

    assert (state.start, state.end, state.rows) == (today, today, ())
    assert state.charts.trend is not None and state.charts.trend.is_empty
    assert not state.can_save("trend")


def test_an_unknown_range_is_refused(today: dt.date) -> None:
    with pytest.raises(ValidationError, match="is not one of"):
        build_trends_state(_journal(today, days=1), "a week", None)


def test_the_insights_tab_is_worked_out_from_the_states_own_days(today: dt.date) -> None:
    """What goes with good days uses the range's check-ins the state holds, and its metric."""
    journal = _journal(today, days=120)
    for offset in range(0, 120, 3):
        journal.check_ins.update(today - offset * DAY, add_tags=["gym"])
    state = build_trends_state(journal, "3 months", "satisfaction", "insights")
    assert state.insights is None and state.chart("insights") is None  # not in the GUI thread
    inputs = insight_inputs(journal, state)
    assert inputs.check_ins is state.rows and (inputs.start, inputs.end) == (state.start, state.end)
    result = compute(
        gather(inputs.check_ins, inputs.metrics, inputs.experiments, inputs.start, inputs.end)
    )
    assert result == journal.insights.insights(state.start, state.end)
    shown = with_insights(state, result)
    assert shown.insights is not None and shown.insights.metric == "satisfaction"
    assert [r.key for r in shown.insights.rows] == [
        f"{i.factor.key}|satisfaction" for i in result.for_metric("satisfaction")
    ]
