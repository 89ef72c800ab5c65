"""Chart specifications: the numbers and decisions behind every chart, without matplotlib."""

from __future__ import annotations

import datetime as dt
import math
import statistics
import subprocess
import sys
from collections.abc import Sequence

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    DecisionKind,
    Experiment,
    PhaseKind,
    Target,
)
from wlitracker.core.model.errors import NotFoundError, ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal

BOTH = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))
DAY = dt.timedelta(days=1)


def memory_journal(today: dt.date) -> Journal:
    return Journal(InMemoryRepository(), lambda: today)


def rate(journal: Journal, day: dt.date, **ratings: int) -> None:
    journal.check_ins.update(day, ratings=dict(ratings))


def ab_experiment(
    journal: Journal,
    start: dt.date,
    baseline: Sequence[int | None],
    trial: Sequence[int | None],
    title: str = "Walk at lunch",
) -> int:
    """An A-B experiment with one satisfaction rating a day (None: not checked in)."""
    created = journal.experiments.create(
        Experiment(title, schedules.ab(len(baseline), len(trial), start), targets=BOTH)
    )
    assert created.id is not None
    for offset, value in enumerate([*baseline, *trial]):
        if value is None:
            continue
        day = start + dt.timedelta(days=offset)
        in_trial = offset >= len(baseline)
        journal.check_ins.update(
            day,
            ratings={SATISFACTION: value, GUILT: 10 - value},
            adherence={created.id: Adherence.DONE} if in_trial else None,
        )
    return created.id


# --- statistics ------------------------------------------------------------------


def test_rolling_mean_is_trailing_and_breaks_where_too_few_days_were_rated() -> None:
    values: list[float | None] = [1, 2, 3, None, None, None, None, 8, 9]

    rolled = cs.rolling_mean(values, window=3, min_count=2)

    assert rolled[:3] == (None, 1.5, 2.0)
    assert rolled[3] == 2.5  # days 2 and 3 still in the window
    assert rolled[4:8] == (None, None, None, None)  # a gap stays a gap
    assert rolled[8] == 8.5


def test_rolling_mean_of_nothing_and_bad_windows() -> None:
    assert cs.rolling_mean([], 7, 3) == ()
    assert cs.rolling_mean([None, None], 7, 1) == (None, None)
    with pytest.raises(ValueError):
        cs.rolling_mean([1.0], 0, 1)


def test_rolling_mean_matches_a_direct_computation() -> None:
    values: list[float | None] = [None if i % 5 == 0 else float(i % 11) for i in range(200)]
    rolled = cs.rolling_mean(values, 28, 10)
    for i, got in enumerate(rolled):
        window = [v for v in values[max(0, i - 27) : i + 1] if v is not None]
        expected = statistics.fmean(window) if len(window) >= 10 else None
        assert got == pytest.approx(expected)


def test_weekly_means_are_dated_on_thursday_and_count_their_days() -> None:
    monday = dt.date(2026, 3, 2)
    days = [
        cs.DayPoint(monday, 4.0),
        cs.DayPoint(monday + 2 * DAY, 6.0),
        cs.DayPoint(monday + 3 * DAY, None),
        cs.DayPoint(monday + 7 * DAY, 9.0),
    ]

    weeks = cs.weekly_means(days)

    assert weeks == (
        cs.SeriesPoint(monday + 3 * DAY, 5.0, 2),
        cs.SeriesPoint(monday + 10 * DAY, 9.0, 1),
    )


def test_linear_fit_and_its_correlation() -> None:
    fit = cs.linear_fit([0, 1, 2, 3], [10, 8, 6, 4])
    assert fit is not None
    assert (fit.slope, fit.intercept, fit.r, fit.n) == (-2.0, 10.0, -1.0, 4)
    assert (fit.x_min, fit.x_max) == (0, 3)
    assert cs.linear_fit([5, 5, 5], [1, 2, 3]) is None  # x never varies
    assert cs.linear_fit([1, 2], [1, 2]) is None  # too few days
    flat = cs.linear_fit([1, 2, 3], [4, 4, 4])
    assert flat is not None and flat.r == 0.0


def test_box_stats_use_tukey_whiskers() -> None:
    box = cs.box_stats([1, 2, 3, 4, 5, 6, 7, 8, 40])
    assert box is not None
    assert (box.q1, box.median, box.q3) == (3.0, 5.0, 7.0)
    assert (box.low, box.high) == (1.0, 8.0)  # 40 lies beyond 1.5 IQR
    assert cs.box_stats([]) is None
    assert cs.box_stats([4]) == cs.BoxStats(4.0, 4.0, 4.0, 4.0, 4.0)


def test_weekday_stat() -> None:
    stat = cs.weekday_stat(2, [4.0, 6.0, 8.0])
    assert (stat.name, stat.n, stat.mean, stat.median) == ("Wed", 3, 6.0, 6.0)
    assert stat.sd == pytest.approx(2.0)
    assert (stat.low, stat.high) == (4.0, 8.0)
    single = cs.weekday_stat(6, [3.0])
    assert (single.n, single.mean, single.sd, single.q1, single.q3) == (1, 3.0, None, 3.0, 3.0)
    assert cs.weekday_stat(0, []).mean is None


def test_jitter_is_small_and_the_same_every_time() -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(500)]
    offsets = [cs.jitter(d) for d in days]
    assert offsets == [cs.jitter(d) for d in days]
    assert all(-cs.SCATTER_JITTER / 2 <= o < cs.SCATTER_JITTER / 2 for o in offsets)
    assert len(set(offsets)) > 400
    assert cs.jitter(days[0], 1) != cs.jitter(days[0], 2)


# --- experiment chart and compare --------------------------------------------------------


def test_experiment_chart_follows_the_schedule_day_by_day(journal: Journal, today: dt.date) -> None:
    start = today - dt.timedelta(days=13)
    experiment_id = ab_experiment(journal, start, [5, 4, None, 5, 4, 5, 4], [7, 8, 7, 8, 7, 8, 7])
    journal.check_ins.update(start + 3 * DAY, unusual="ill")
    journal.check_ins.update(start + 9 * DAY, note="Felt <great> & rested")

    spec = cs.experiment_chart(journal, experiment_id)

    assert (spec.start, spec.end, spec.last_day) == (start, start + 13 * DAY, today)
    assert [(p.label, p.kind, p.start, p.end) for p in spec.phases] == [
        ("A", PhaseKind.BASELINE, start, start + 6 * DAY),
        ("B", PhaseKind.TRIAL, start + 7 * DAY, start + 13 * DAY),
    ]
    satisfaction, guilt = spec.metrics
    assert (satisfaction.metric, satisfaction.better) == (SATISFACTION, "higher")
    assert (guilt.metric, guilt.better) == (GUILT, "lower")
    assert [d.date for d in satisfaction.days] == [start + i * DAY for i in range(14)]
    assert satisfaction.days[2].value is None  # not checked in: a gap, never zero
    assert satisfaction.days[3].unusual and not satisfaction.days[3].usable
    assert len(satisfaction.usable_days) == 12
    assert [d.date for d in satisfaction.unusual_days] == [start + 3 * DAY]
    # Phase means leave the unusual day out: (5 + 4 + 4 + 5 + 4) / 5
    assert satisfaction.phases[0].mean == pytest.approx(4.4)
    assert satisfaction.phases[0].usable_days == 5
    assert satisfaction.phases[1].mean == pytest.approx(52 / 7)
    assert guilt.phases[1].mean == pytest.approx(10 - 52 / 7)
    assert [d.phase for d in satisfaction.days] == ["A"] * 7 + ["B"] * 7
    assert [a.date for a in spec.adherence] == [start + i * DAY for i in range(7, 14)]
    assert {a.mark for a in spec.adherence} == {Adherence.DONE}
    assert [(n.date, n.note) for n in spec.notes] == [(start + 9 * DAY, "Felt <great> & rested")]
    assert satisfaction.days[9].has_note


def test_experiment_rolling_mean_restarts_in_each_phase(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=13)
    experiment_id = ab_experiment(journal, start, [2] * 7, [8] * 7)

    (series, _) = cs.experiment_chart(journal, experiment_id).metrics

    assert series.rolling[:7] == (None, None, 2.0, 2.0, 2.0, 2.0, 2.0)
    assert series.rolling[7:] == (None, None, 8.0, 8.0, 8.0, 8.0, 8.0)  # no blur across B


def test_experiment_chart_stops_at_today_and_at_a_closing_decision(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=4)
    running = ab_experiment(journal, start, [5] * 3, [6] * 2, "Running")  # ends today
    rate(journal, today, satisfaction=5)
    longer = journal.experiments.create(
        Experiment("Longer", schedules.ab(7, 14, start), targets=BOTH)
    )
    assert longer.id is not None

    spec = cs.experiment_chart(journal, longer.id)
    assert spec.end == start + 20 * DAY  # the whole plan is on the axis
    assert spec.last_day == today  # but no future days
    assert spec.metrics[0].days[-1].date == today

    journal.experiments.decide(running, DecisionKind.STOP, "enough")
    later = Journal(journal.repo, lambda: today + dt.timedelta(days=30))
    stopped = cs.experiment_chart(later, running)
    assert stopped.last_day == today


def test_an_unscheduled_experiment_has_an_empty_chart(today: dt.date) -> None:
    journal = memory_journal(today)
    created = journal.experiments.create(Experiment("Someday", schedules.ab(7, 7)))
    assert created.id is not None

    spec = cs.experiment_chart(journal, created.id)

    assert spec.start is None and spec.metrics == () and spec.is_empty
    assert "not scheduled" in spec.subtitle


def test_an_unknown_experiment_is_not_found(today: dt.date) -> None:
    with pytest.raises(NotFoundError):
        cs.experiment_chart(memory_journal(today), 7)


def test_compare_splits_usable_days_by_phase_kind_and_words_nap(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=13)
    experiment_id = ab_experiment(journal, start, [5, 4, 5, 4, 5, 4, 5], [7, 8, 7, 8, 7, 8, 7])
    journal.check_ins.update(start, unusual="travelling")

    spec = cs.compare(journal, experiment_id)

    satisfaction, guilt = spec.metrics
    assert (spec.baseline_label, spec.trial_label) == ("A", "B")
    assert [d.value for d in satisfaction.baseline] == [4, 5, 4, 5, 4, 5]  # unusual left out
    assert [d.value for d in satisfaction.trial] == [7, 8, 7, 8, 7, 8, 7]
    assert satisfaction.baseline_mean == pytest.approx(27 / 6)
    assert satisfaction.nap == 1.0
    assert (
        satisfaction.nap_words
        == "a trial day was better than a baseline day in 100% of comparisons"
    )
    assert satisfaction.status == "improved"
    assert satisfaction.nap_ci is not None and satisfaction.nap_ci[1] == 1.0
    assert satisfaction.baseline_box is not None and satisfaction.baseline_box.median == 4.5
    assert guilt.better == "lower" and guilt.nap == 1.0


def test_compare_pools_abab_phases(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=19)
    created = journal.experiments.create(
        Experiment("Breaks", schedules.abab(5, start), targets=(Target(SATISFACTION, "higher"),))
    )
    assert created.id is not None
    for offset in range(20):
        rate(journal, start + offset * DAY, satisfaction=4 + (offset // 5) % 2 * 4)

    spec = cs.compare(journal, created.id)

    (metric,) = spec.metrics
    assert (spec.baseline_label, spec.trial_label) == ("A + A2", "B + B2")
    assert (len(metric.baseline), len(metric.trial)) == (10, 10)
    assert (metric.baseline_mean, metric.trial_mean) == (4.0, 8.0)


# --- trends --------------------------------------------------------------------------------


def test_trend_has_every_day_gaps_as_none_and_both_rolling_means(
    journal: Journal, today: dt.date
) -> None:
    start = today - dt.timedelta(days=59)
    for offset in range(60):
        if 20 <= offset < 35:
            continue  # a fortnight away
        rate(journal, start + offset * DAY, satisfaction=6, guilt=3)

    spec = cs.trend(journal, start, today)

    assert spec.granularity == "day"
    satisfaction, guilt = spec.series
    assert (satisfaction.metric, guilt.metric, guilt.better) == (SATISFACTION, GUILT, "lower")
    assert len(satisfaction.days) == 60 and len(satisfaction.points) == 45
    assert satisfaction.days[25].value is None
    assert satisfaction.short[19] == 6.0
    assert satisfaction.short[27] is None  # the 7-day mean breaks in the gap
    assert satisfaction.short[40] == 6.0
    assert satisfaction.long[30] == 6.0  # 28 days still hold at least 10 rated ones
    assert satisfaction.long[5] is None  # too few days yet
    assert spec.title == f"Satisfaction and Guilt, {start} to {today}"


def test_every_chart_names_a_metric_as_it_was_typed(journal: Journal, today: dt.date) -> None:
    journal.metrics.add("Sleep Hours", 0, 12, "higher")
    start = today - dt.timedelta(days=9)
    for offset in range(10):
        rate(journal, start + offset * DAY, satisfaction=6, **{"sleep hours": 5 + offset % 3})
    key = ("sleep hours",)

    trend = cs.trend(journal, start, today, key)
    assert (trend.series[0].metric, trend.series[0].label) == ("sleep hours", "Sleep Hours")
    assert trend.title == f"Sleep Hours, {start} to {today}"
    assert cs.weekday(journal, start, today, key).series[0].label == "Sleep Hours"
    calendar = cs.calendar(journal, start, today, "sleep hours")
    assert (calendar.title, calendar.label) == (f"Sleep Hours, {start} to {today}", "Sleep Hours")
    scatter = cs.scatter(journal, start, today, x_metric="sleep hours", y_metric=SATISFACTION)
    assert (scatter.x_label, scatter.y_label) == ("Sleep Hours", "Satisfaction")
    assert scatter.title.startswith("Satisfaction against Sleep Hours, ")


def test_trend_beyond_two_years_shows_weekly_means(today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today, days=1200)
    journal = Journal(repo, lambda: today)
    start, end = cs.trend_range(journal, "all")

    spec = cs.trend(journal, start, end, metrics=[GUILT])

    assert (end - start).days + 1 > cs.WEEKLY_AFTER_DAYS
    assert spec.granularity == "week"
    (series,) = spec.series
    assert series.short == ()
    assert len(series.long) == len(series.days) == (end - start).days + 1
    assert 170 <= len(series.points) <= 173
    assert all(p.date.weekday() == 3 for p in series.points)
    assert sum(p.count for p in series.points) == sum(d.value is not None for d in series.days)
    short = cs.trend(journal, end - dt.timedelta(days=cs.WEEKLY_AFTER_DAYS - 1), end)
    assert short.granularity == "day"


def test_trend_bands_are_clipped_and_laned(today: dt.date) -> None:
    journal = memory_journal(today)
    first = journal.experiments.create(
        Experiment("First", schedules.ab(10, 10, today - dt.timedelta(days=30)))
    )
    second = journal.experiments.create(
        Experiment("Second", schedules.ab(5, 5, today - dt.timedelta(days=15)))
    )
    journal.experiments.create(Experiment("Later", schedules.ab(5, 5, today + 3 * DAY)))
    journal.experiments.create(Experiment("Unscheduled", schedules.ab(5, 5)))
    rate(journal, today, satisfaction=5)

    spec = cs.trend(journal, today - dt.timedelta(days=20), today)

    assert [(b.experiment_id, b.start, b.end, b.lane) for b in spec.bands] == [
        (first.id, today - dt.timedelta(days=20), today - dt.timedelta(days=11), 0),
        (second.id, today - dt.timedelta(days=15), today - dt.timedelta(days=6), 1),
    ]
    assert spec.lanes == 2


def test_a_stopped_experiment_band_ends_on_the_decision_day(today: dt.date) -> None:
    journal = memory_journal(today)
    created = journal.experiments.create(
        Experiment("Short-lived", schedules.ab(10, 10, today - dt.timedelta(days=15)))
    )
    assert created.id is not None
    Journal(journal.repo, lambda: today - dt.timedelta(days=5)).experiments.decide(
        created.id, DecisionKind.STOP, "not for me"
    )
    rate(journal, today, satisfaction=5)

    (band,) = cs.trend(journal, today - dt.timedelta(days=30), today).bands

    assert band.end == today - dt.timedelta(days=5)


def test_assign_lanes_caps_the_number_of_lanes() -> None:
    day = dt.date(2026, 1, 1)
    bands = cs.assign_lanes([(day, day + 9 * DAY, i, f"#{i}") for i in range(6)])
    assert [b.lane for b in bands] == [0, 1, 2, 3, 3, 3]
    after = cs.assign_lanes([(day, day, 1, "a"), (day + DAY, day + DAY, 2, "b")])
    assert [b.lane for b in after] == [0, 0]  # a lane is reused once free


def test_trend_range_names(today: dt.date) -> None:
    journal = memory_journal(today)
    assert cs.trend_range(journal, "4 weeks") == (today - dt.timedelta(days=27), today)
    assert cs.trend_range(journal, "a year") == (today - dt.timedelta(days=364), today)
    assert cs.trend_range(journal, "all") == (today, today)  # nothing yet
    rate(journal, today - dt.timedelta(days=400), satisfaction=5)
    assert cs.trend_range(journal, "all")[0] == today - dt.timedelta(days=400)
    with pytest.raises(ValidationError, match="is not one of"):
        cs.trend_range(journal, "a decade")


def test_unknown_metrics_and_reversed_ranges_are_refused(today: dt.date) -> None:
    journal = memory_journal(today)
    with pytest.raises(NotFoundError, match="no metric called 'joy'"):
        cs.trend(journal, today, today, ["joy"])
    with pytest.raises(NotFoundError):
        cs.calendar(journal, today - DAY, today, "joy")
    with pytest.raises(ValidationError, match="after"):
        cs.calendar(journal, today, today - DAY)
    with pytest.raises(ValidationError, match="after"):
        cs.weekday(journal, today, today - DAY)
    with pytest.raises(ValidationError):
        cs.scatter(journal, today, today - DAY)


# --- calendar, weekday, scatter ------------------------------------------------------------


def _calendar_dates(spec: cs.CalendarSpec) -> list[dt.date]:
    return [cell.date for band in spec.bands for cell in band.cells if cell is not None]


def test_a_calendar_of_up_to_a_year_has_a_band_per_month_covering_the_range(
    journal: Journal,
) -> None:
    start, end = dt.date(2025, 3, 17), dt.date(2026, 3, 16)  # "a year": 365 days
    rate(journal, dt.date(2026, 1, 31), guilt=2)
    rate(journal, dt.date(2026, 3, 1), guilt=7, satisfaction=4)
    rate(journal, dt.date(2025, 3, 16), guilt=9)  # the day before the range

    spec = cs.calendar(journal, start, end, GUILT)

    assert (spec.layout, spec.columns, spec.start, spec.end) == ("months", 31, start, end)
    assert [b.label for b in spec.bands] == [
        "Mar 2025",
        *("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        "Jan 2026",
        "Feb",
        "Mar",
    ]
    assert all(len(b.cells) == 31 for b in spec.bands)
    assert _calendar_dates(spec) == [start + i * DAY for i in range(365)]  # exactly the range
    assert spec.bands[0].cells[15] is None  # 16 March 2025: before the range
    assert spec.bands[-1].cells[16] is None  # 17 March 2026: after it
    assert spec.bands[-2].cells[28] is None  # 29 February 2026 does not exist
    assert spec.bands[1].cells[30] is None  # nor 31 April
    assert spec.bands[10].cells[30] == cs.DayPoint(dt.date(2026, 1, 31), 2.0)
    first_of_march = spec.bands[-1].cells[0]
    assert first_of_march is not None and first_of_march.value == 7.0  # guilt, as chosen
    missing = spec.bands[5].cells[10]
    assert missing is not None and missing.value is None  # blank, not zero
    assert (spec.rated_days, spec.metric, spec.better) == (2, GUILT, "lower")
    assert spec.title == "Guilt, 2025-03-17 to 2026-03-16"


def test_four_weeks_are_the_two_months_they_touch(journal: Journal, today: dt.date) -> None:
    start = today - 27 * DAY  # 17 February 2026
    rate(journal, today, satisfaction=8)

    spec = cs.calendar(journal, start, today)

    assert spec.metric == SATISFACTION  # satisfaction unless another metric is chosen
    assert [(b.label, b.first) for b in spec.bands] == [
        ("Feb 2026", dt.date(2026, 2, 1)),
        ("Mar", dt.date(2026, 3, 1)),
    ]
    assert _calendar_dates(spec) == [start + i * DAY for i in range(28)]
    assert spec.bands[1].cells[today.day - 1] == cs.DayPoint(today, 8.0)


def test_a_longer_range_has_a_band_per_year_with_its_days_across(journal: Journal) -> None:
    start, end = dt.date(2023, 11, 5), dt.date(2026, 3, 16)
    rate(journal, dt.date(2024, 12, 31), satisfaction=6)  # day 366 of a leap year
    rate(journal, dt.date(2025, 3, 1), satisfaction=3)

    spec = cs.calendar(journal, start, end)

    assert (spec.layout, spec.columns) == ("years", 366)
    assert [(b.label, b.first) for b in spec.bands] == [
        (str(year), dt.date(year, 1, 1)) for year in (2023, 2024, 2025, 2026)
    ]
    assert all(len(b.cells) == 366 for b in spec.bands)
    assert _calendar_dates(spec) == [start + i * DAY for i in range((end - start).days + 1)]
    assert spec.bands[0].cells[307] is None and spec.bands[0].cells[308] is not None  # 5 Nov
    assert spec.bands[1].cells[365] == cs.DayPoint(dt.date(2024, 12, 31), 6.0)
    assert spec.bands[2].cells[365] is None  # 2025 has 365 days
    first_of_march = spec.bands[2].cells[59]  # day 60, with no gap for 29 February
    assert first_of_march is not None and first_of_march.value == 3.0
    assert spec.rated_days == 2


def test_a_year_and_a_day_is_the_first_range_shown_by_year(journal: Journal) -> None:
    end = dt.date(2026, 3, 16)
    most = end - (cs.MONTHS_UP_TO_DAYS - 1) * DAY
    assert cs.calendar(journal, most, end).layout == "months"
    assert cs.calendar(journal, most - DAY, end).layout == "years"


def test_weekday_stats_leave_unusual_days_out(today: dt.date) -> None:
    journal = memory_journal(today)
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(days=21)
    for week in range(3):
        rate(journal, monday + dt.timedelta(days=7 * week), satisfaction=4 + 2 * week)
        rate(journal, monday + dt.timedelta(days=7 * week + 5), satisfaction=9)
    friday = monday + dt.timedelta(days=11)
    journal.check_ins.update(friday, ratings={SATISFACTION: 0}, unusual="ill")

    spec = cs.weekday(journal, monday, today, [SATISFACTION])

    (series,) = spec.series
    stats = series.stats
    assert [s.name for s in stats] == list(cs.WEEKDAY_NAMES)
    assert (stats[0].n, stats[0].mean, stats[0].median) == (3, 6.0, 6.0)
    assert stats[0].sd == pytest.approx(2.0)
    assert (stats[5].n, stats[5].mean, stats[5].sd) == (3, 9.0, 0.0)
    assert stats[4].n == 0 and stats[4].mean is None  # the unusual Friday is not counted
    assert not spec.is_empty


def test_weekday_uses_every_active_metric_by_default(today: dt.date) -> None:
    journal = memory_journal(today)
    journal.metrics.add("energy", 0, 10, "higher")
    spec = cs.weekday(journal, today, today)
    assert [s.metric for s in spec.series] == [SATISFACTION, GUILT, "energy"]
    assert spec.is_empty


def test_scatter_keeps_a_year_of_points_and_aggregates_older_days(today: dt.date) -> None:
    journal = memory_journal(today)
    for offset in range(500):
        day = today - dt.timedelta(days=offset)
        rate(journal, day, satisfaction=offset % 3 + 4, guilt=8 - offset % 3)
    rate(journal, today - dt.timedelta(days=600), satisfaction=5)  # no guilt: not a pair
    journal.check_ins.update(today - 2 * DAY, unusual="deadline week")

    spec = cs.scatter(journal, today - dt.timedelta(days=700), today)

    assert spec.days == 499
    assert len(spec.points) == cs.SCATTER_INDIVIDUAL_DAYS - 1  # the unusual day left out
    assert sum(c.count for c in spec.cells) == 499 - len(spec.points)
    assert {(c.x, c.y) for c in spec.cells} == {(4.0, 8.0), (5.0, 7.0), (6.0, 6.0)}
    recent = [p for p in spec.points if p.recent]
    assert len(recent) == cs.SCATTER_RECENT_DAYS - 1
    assert all(p.age_days < cs.SCATTER_RECENT_DAYS for p in recent)
    assert spec.fit is not None and spec.fit.r == pytest.approx(-1.0)
    assert spec.fit.slope == pytest.approx(-1.0)
    assert (spec.x_metric, spec.y_metric, spec.y_better) == (SATISFACTION, GUILT, "lower")
    point = spec.points[0]
    assert abs(point.dx) < cs.SCATTER_JITTER and abs(point.dy) < cs.SCATTER_JITTER


# --- the report --------------------------------------------------------------------------


def test_report_says_what_was_tried_what_happened_and_what_was_decided(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=16)
    experiment_id = ab_experiment(journal, start, [5, 4, 5, 4, 5, 4, 5], [7, 8, 7, 8, 7, 8, 7])
    journal.experiments.update(
        replace(
            journal.experiments.get(experiment_id),
            intention="More energy for the kids",
            shift="A 20-minute walk at lunch",
            hypothesis="My afternoons will feel better",
        )
    )

    undecided = cs.report(journal, experiment_id)
    journal.experiments.decide(experiment_id, DecisionKind.PERSIST, "It simply works.")
    decided = cs.report(journal, experiment_id)

    assert undecided.title == "Walk at lunch"
    assert undecided.intention == "More energy for the kids"
    assert undecided.shift == "A 20-minute walk at lunch"
    assert undecided.hypothesis == "My afternoons will feel better"
    assert undecided.schedule[0].startswith(
        "A-B schedule; targets: Satisfaction (higher is better), Guilt"
    )
    assert f"A (baseline) {start} to {start + 6 * DAY}, 7 days" in undecided.schedule[1]
    assert "100% of the trial days" in undecided.adherence
    assert undecided.results[0].startswith("Persist: Satisfaction")
    assert any(
        line.startswith("Satisfaction (higher is better): improved; 4.6 before, 7.4")
        and "better than a baseline day in 100% of comparisons" in line
        and "NAP 1.00, 95% CI 0.73 to 1.00" in line
        for line in undecided.results
    )
    assert any("not proof" in c for c in undecided.caveats)
    assert "No other experiment was in its trial during these days." in undecided.caveats
    assert undecided.decision.startswith("Not decided yet. The app suggests: persist.")
    assert decided.decision == f"Persist, decided on {today}. Reason: It simply works."
    assert "status: persisted" in decided.meta


def test_report_names_confounders_and_the_pattern_caveat_for_abab(today: dt.date) -> None:
    journal = memory_journal(today)
    start = today - dt.timedelta(days=19)
    created = journal.experiments.create(Experiment("Breaks", schedules.abab(5, start)))
    other = journal.experiments.create(Experiment("Calls", schedules.ab(2, 8, start)))
    assert created.id is not None and other.id is not None

    spec = cs.report(journal, created.id)

    assert spec.caveats[0].startswith("Even a result that repeats is a pattern")
    assert any("“Calls” (8 days)" in c for c in spec.caveats)
    assert spec.adherence == "No trial days checked in yet."
    assert spec.results[0].startswith("Keep going")
    assert any(line.endswith("not enough rated days to compare.") for line in spec.results)


def test_chart_specs_import_no_matplotlib() -> None:
    code = "import sys, wlitracker.core.present.chart_specs; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "False", result.stderr


def test_ten_years_of_specs_are_quick_enough_to_build(today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today, days=3650)
    journal = Journal(repo, lambda: today)
    start, end = cs.trend_range(journal, "all")

    trend = cs.trend(journal, start, end)
    scatter = cs.scatter(journal, start, end)

    assert trend.granularity == "week"
    assert len(trend.series[0].points) <= math.ceil(3650 / 7) + 1
    assert len(scatter.points) < cs.SCATTER_INDIVIDUAL_DAYS
    assert scatter.cells and len(scatter.cells) <= 121


def test_long_experiments_are_not_joined_day_to_day(today: dt.date) -> None:
    journal = memory_journal(today)
    short = ab_experiment(journal, today - dt.timedelta(days=13), [5] * 7, [6] * 7)
    long = journal.experiments.create(
        Experiment("A year each", schedules.abab(365, today - dt.timedelta(days=1500)))
    )
    assert long.id is not None

    near, far = cs.experiment_chart(journal, short), cs.experiment_chart(journal, long.id)
    assert (near.connect_days, near.rolling_days) == (True, 7)
    assert (far.connect_days, far.rolling_days) == (False, 28)
