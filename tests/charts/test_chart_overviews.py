"""Trends, calendar, weekday pattern and guilt against satisfaction, checked on the Axes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from wlitracker.charts.calendar import (
    calendar_colours,
    calendar_values,
    colour_map,
    draw_calendar,
)
from wlitracker.charts.common import item_at
from wlitracker.charts.picture import calendar_cell
from wlitracker.charts.scatter import draw_scatter, scatter_point
from wlitracker.charts.theme import DARK, LIGHT, theme_named
from wlitracker.charts.ticks import tick_labels
from wlitracker.charts.trend import draw_trend
from wlitracker.charts.weekday import draw_weekday
from wlitracker.core import schedules
from wlitracker.core.model.entities import GUILT, SATISFACTION, Experiment
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal

DAY = dt.timedelta(days=1)


def offsets(artist: Artist) -> NDArray[np.float64]:
    """Where a scatter's points are, as an (n, 2) array."""
    assert isinstance(artist, PathCollection)
    return np.asarray(artist.get_offsets(), dtype=float)


def xdata(artist: Artist) -> NDArray[np.float64]:
    assert isinstance(artist, Line2D)
    return np.asarray(artist.get_xdata(), dtype=float)


def one(ax: Axes, gid: str) -> Artist:
    (artist,) = [a for a in ax.get_children() if a.get_gid() == gid]
    return artist


def image_colours(ax: Axes) -> NDArray[np.uint8]:
    """The RGBA bytes of the calendar's image of days."""
    image = one(ax, "days")
    assert isinstance(image, AxesImage)
    return np.asarray(image.get_array(), dtype=np.uint8)


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
    return found


@pytest.fixture
def sixty_days(memory: Journal, today: dt.date) -> tuple[dt.date, dt.date]:
    """60 days ending today, a fortnight away in the middle, and one experiment."""
    start = today - 59 * DAY
    for offset in range(60):
        if 20 <= offset < 35:
            continue
        memory.check_ins.update(
            start + offset * DAY, ratings={SATISFACTION: 4 + offset % 5, GUILT: 6 - offset % 4}
        )
    memory.experiments.create(Experiment("Walks", schedules.ab(7, 14, today - 40 * DAY)))
    return start, today


# --- trends ------------------------------------------------------------------------


def test_trend_draws_every_rated_day_and_breaks_lines_at_gaps(
    fig: Figure, memory: Journal, sixty_days: tuple[dt.date, dt.date]
) -> None:
    start, end = sixty_days
    spec = cs.trend(memory, start, end)

    axes = draw_trend(fig, spec, LIGHT)

    satisfaction_ax, guilt_ax, _lanes = axes
    for ax, series in ((satisfaction_ax, spec.series[0]), (guilt_ax, spec.series[1])):
        points = one(ax, "days")
        assert isinstance(points, PathCollection)
        assert len(offsets(points)) == 45 == len(series.points)
        short, long = one(ax, "short mean"), one(ax, "long mean")
        assert isinstance(short, Line2D) and isinstance(long, Line2D)
        short_ys = np.asarray(short.get_ydata(), dtype=float)
        long_ys = np.asarray(long.get_ydata(), dtype=float)
        assert len(short_ys) == len(long_ys) == 60
        assert np.isnan(short_ys[30])  # inside the fortnight away: a gap, not a bridge
        assert not np.isnan(short_ys[10])
        assert np.isnan(long_ys[5])  # too few days for a 28-day mean yet
        assert list(np.isnan(long_ys)) == [v is None for v in series.long]
        assert ax.get_xlim() == pytest.approx(
            (mdates.date2num(start) - 0.5, mdates.date2num(end) + 0.5)
        )
    assert satisfaction_ax.get_ylabel() == "Satisfaction\n(higher is better ↑)"
    assert guilt_ax.get_ylabel() == "Guilt\n(lower is better ↓)"
    assert f"Satisfaction and Guilt, {start} to {end}" in texts(fig)
    assert {"rated day", "7-day mean", "28-day mean", "experiment running"} <= set(texts(fig))


def test_trend_shows_experiment_periods_as_bands(
    fig: Figure, memory: Journal, sixty_days: tuple[dt.date, dt.date], today: dt.date
) -> None:
    spec = cs.trend(memory, *sixty_days)

    axes = draw_trend(fig, spec, LIGHT)

    (band,) = spec.bands
    shading = one(axes[0], "experiments")
    assert isinstance(shading, PolyCollection)
    (path,) = shading.get_paths()
    xs = np.asarray(path.vertices, dtype=float)[:, 0]
    assert (xs.min(), xs.max()) == (
        mdates.date2num(band.start) - 0.5,
        mdates.date2num(band.end) + 0.5,
    )
    assert band.start == today - 40 * DAY and band.end == today - 20 * DAY
    lanes = one(axes[2], "experiment lanes")
    assert isinstance(lanes, PolyCollection) and len(lanes.get_paths()) == 1
    assert "Walks" in [t.get_text() for t in axes[2].texts]
    assert isinstance(item_at(axes[2], mdates.date2num(today - 30 * DAY), 15), cs.ExperimentBand)


def test_trend_hover_gives_the_day(
    fig: Figure, memory: Journal, sixty_days: tuple[dt.date, dt.date], today: dt.date
) -> None:
    axes = draw_trend(fig, cs.trend(memory, *sixty_days), LIGHT)

    day = item_at(axes[1], mdates.date2num(today - DAY))
    away = item_at(axes[1], mdates.date2num(today - 30 * DAY))

    assert isinstance(day, cs.DayPoint) and day.value is not None
    assert isinstance(away, cs.DayPoint) and away.value is None


def test_ten_years_of_trends_are_weekly_means(fig: Figure, today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today, days=3650)
    journal = Journal(repo, lambda: today)
    spec = cs.trend(journal, *cs.trend_range(journal, "all"))

    axes = draw_trend(fig, spec, DARK)
    fig.canvas.draw()

    points = one(axes[0], "weeks")
    assert isinstance(points, PathCollection)
    assert len(offsets(points)) == len(spec.series[0].points) <= 523
    assert not [a for a in axes[0].get_children() if a.get_gid() == "short mean"]
    assert "weekly means (a long range)" in texts(fig)
    week = item_at(axes[0], mdates.date2num(spec.series[0].points[5].date) + 2, tolerance=3.5)
    assert isinstance(week, cs.SeriesPoint) and week.count >= 1


def test_an_empty_range_says_so(fig: Figure, memory: Journal, today: dt.date) -> None:
    assert draw_trend(fig, cs.trend(memory, today - 27 * DAY, today), LIGHT) == []
    assert "No check-ins in this range yet" in texts(fig)
    fig.canvas.draw()


# --- calendar ----------------------------------------------------------------------


def test_calendar_colours_rated_days_and_outlines_missing_ones(
    fig: Figure, memory: Journal
) -> None:
    memory.check_ins.update(dt.date(2026, 1, 31), ratings={GUILT: 2})
    memory.check_ins.update(dt.date(2026, 3, 1), ratings={GUILT: 8})
    spec = cs.calendar(memory, dt.date(2026, 1, 1), dt.date(2026, 3, 16), GUILT)

    ax, colour_bar = draw_calendar(fig, spec, LIGHT)

    values = calendar_values(spec)
    assert values.shape == (3, 31)  # January to March
    assert (values[0, 30], values[2, 0]) == (2.0, 8.0)
    assert np.count_nonzero(~np.isnan(values)) == 2
    assert np.isnan(values[1, 10])  # not rated: blank, not a colour for 0
    colours = image_colours(ax)
    assert np.array_equal(colours, calendar_colours(spec, LIGHT))
    guilt = colour_map(spec)
    assert tuple(colours[0, 30]) == guilt(0.2, bytes=True)  # 2 on guilt's 0-10
    assert (colours[1, 10, 3], colours[2, 20, 3]) == (0, 0)  # not rated; after the range
    missing = one(ax, "missing days")
    assert isinstance(missing, PolyCollection)
    assert len(missing.get_paths()) == 31 + 28 + 16 - 2  # every day of the range not rated
    assert tick_labels(ax, "y") == ["Jan 2026", "Feb", "Mar"]
    assert colour_bar.get_ylabel() == "Guilt\n(lower is better ↓)"
    assert colour_bar.yaxis_inverted()  # better at the top, whatever the direction
    cell = calendar_cell(spec, 31.2, 0.8)
    assert isinstance(cell, cs.DayPoint) and cell.date == dt.date(2026, 1, 31)
    assert item_at(ax, 31.2, y=0.8) == cell  # what hover in the window asks
    assert item_at(ax, 31.2) is None  # a grid needs both coordinates
    assert calendar_cell(spec, 30, 2) is None  # 30 February
    assert calendar_cell(spec, 20, 3) is None  # 20 March: after the range
    assert calendar_cell(spec, 32, 1) is None and calendar_cell(spec, 1, 4) is None


def test_a_long_calendar_is_a_strip_of_days_per_year_with_days_not_rated_grey(
    fig: Figure, memory: Journal, today: dt.date
) -> None:
    first = dt.date(2023, 6, 1)
    for offset in range(0, (today - first).days + 1, 3):  # one day in three
        memory.check_ins.update(first + offset * DAY, ratings={SATISFACTION: 1 + offset % 9})
    spec = cs.calendar(memory, first, today)

    ax, _ = draw_calendar(fig, spec, DARK)

    rated = calendar_values(spec)
    assert rated.shape == (4, 366)  # 2023 to 2026
    colours = image_colours(ax)
    assert np.array_equal(colours, calendar_colours(spec, DARK))
    scale = colour_map(spec)
    on_scale = [scale(v / 10, bytes=True) for v in range(11)]
    known = ~np.isnan(rated)
    assert np.array_equal(colours[known], scale(rated[known] / 10, bytes=True))  # 0-10
    drawn = colours[..., 3] > 0
    not_rated = colours[drawn & np.isnan(rated)]
    assert len(not_rated) == (today - first).days + 1 - spec.rated_days
    assert len({tuple(c) for c in not_rated}) == 1  # one grey
    assert tuple(not_rated[0]) not in on_scale
    assert not drawn[0, :151].any() and not drawn[3, 75:].any()  # outside the range
    assert tick_labels(ax, "y") == ["2023", "2024", "2025", "2026"]
    assert tick_labels(ax, "x")[0] == "Jan"
    day = item_at(ax, today.timetuple().tm_yday, y=4)
    assert isinstance(day, cs.DayPoint) and day.date == today


def test_a_range_without_ratings_is_a_message(fig: Figure, memory: Journal) -> None:
    spec = cs.calendar(memory, dt.date(2019, 1, 1), dt.date(2019, 12, 31), SATISFACTION)
    assert draw_calendar(fig, spec, DARK) == []
    assert "No Satisfaction ratings in this range yet" in texts(fig)


# --- weekday -------------------------------------------------------------------------


def test_weekday_shows_each_metric_mean_and_spread(
    fig: Figure, demo_journal: Journal, today: dt.date
) -> None:
    spec = cs.weekday(demo_journal, today - 364 * DAY, today)

    (ax,) = draw_weekday(fig, spec, LIGHT)  # all four metrics share the 0-10 scale

    for series in spec.series:
        means = one(ax, f"{series.metric} means")
        assert isinstance(means, Line2D)
        assert list(np.asarray(means.get_ydata(), dtype=float)) == pytest.approx(
            [s.mean for s in series.stats]
        )
        boxes = one(ax, f"{series.metric} middle half")
        assert isinstance(boxes, PolyCollection)
        assert len(boxes.get_paths()) == 7
        for path, stat in zip(boxes.get_paths(), series.stats, strict=True):
            ys = np.asarray(path.vertices, dtype=float)[:, 1]
            assert stat.q1 is not None and stat.q3 is not None
            assert (ys.min(), ys.max()) == pytest.approx((stat.q1, max(stat.q3, stat.q1 + 0.06)))
        whiskers = one(ax, f"{series.metric} spread")
        assert isinstance(whiskers, LineCollection)
        stat = series.stats[0]
        assert stat.mean is not None and stat.sd is not None
        ends = np.asarray(whiskers.get_segments()[0], dtype=float)[:, 1]
        assert tuple(ends) == pytest.approx((stat.mean - stat.sd, stat.mean + stat.sd))
    assert tick_labels(ax, "x") == list(cs.WEEKDAY_NAMES)
    assert ax.get_ylabel() == "Rating (0 to 10)"
    assert "Guilt (lower is better ↓)" in texts(fig)
    stats = item_at(ax, 2.1)
    assert isinstance(stats, tuple) and stats[0].name == "Wed"


def test_metrics_on_other_scales_get_their_own_axes(
    fig: Figure, memory: Journal, today: dt.date
) -> None:
    memory.metrics.add("steps", 0, 100, "higher")
    memory.check_ins.update(today, ratings={SATISFACTION: 5, "steps": 70})

    axes = draw_weekday(fig, cs.weekday(memory, today - 6 * DAY, today), LIGHT)

    assert [ax.get_ylabel() for ax in axes] == ["Rating (0 to 10)", "Rating (0 to 100)"]


# --- guilt against satisfaction ---------------------------------------------------------


def test_scatter_draws_one_point_per_day_and_emphasises_recent_ones(
    fig: Figure, memory: Journal, sixty_days: tuple[dt.date, dt.date]
) -> None:
    spec = cs.scatter(memory, *sixty_days)

    (ax,) = draw_scatter(fig, spec, LIGHT)

    recent = one(ax, "recent days")
    earlier = one(ax, "earlier days")
    assert isinstance(recent, PathCollection) and isinstance(earlier, PathCollection)
    assert len(offsets(recent)) + len(offsets(earlier)) == spec.days == 45
    assert len(offsets(recent)) == sum(p.recent for p in spec.points)
    assert recent.get_sizes().min() > earlier.get_sizes().max()
    assert spec.fit is not None
    trend = one(ax, "trend line")
    assert isinstance(trend, Line2D)
    assert list(np.asarray(trend.get_ydata(), dtype=float)) == pytest.approx(
        [spec.fit.slope * x + spec.fit.intercept for x in (spec.fit.x_min, spec.fit.x_max)]
    )
    assert ax.get_xlabel() == "Satisfaction (higher is better →)"
    assert ax.get_ylabel() == "Guilt\n(lower is better ↓)"
    assert "better days" in texts(fig)
    point = spec.points[-1]
    assert scatter_point(spec, point.x + point.dx, point.y + point.dy) == point


def test_ten_years_of_days_are_aggregated_into_bubbles(fig: Figure, today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today, days=3650)
    journal = Journal(repo, lambda: today)
    spec = cs.scatter(journal, *cs.trend_range(journal, "all"))

    (ax,) = draw_scatter(fig, spec, DARK)

    bubbles = one(ax, "older days")
    assert isinstance(bubbles, PathCollection)
    assert len(offsets(bubbles)) == len(spec.cells) <= 121
    drawn = len(offsets(one(ax, "recent days"))) + len(offsets(one(ax, "earlier days")))
    assert drawn < cs.SCATTER_INDIVIDUAL_DAYS


# --- every chart, both themes ----------------------------------------------------------


def test_themes_colour_the_figure_without_touching_rcparams(
    fig: Figure, demo_journal: Journal, today: dt.date
) -> None:
    before = dict(rcParams)
    for name in ("light", "dark"):
        theme = theme_named(name)
        draw_trend(fig, cs.trend(demo_journal, today - 90 * DAY, today), theme)
        assert fig.get_facecolor()[:3] == pytest.approx(
            tuple(int(theme.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
        assert all(t.get_color() in (theme.foreground, theme.muted) for t in fig.texts), (
            "text must follow the theme"
        )
        fig.canvas.draw()
    assert dict(rcParams) == before
    with pytest.raises(ValueError, match="unknown chart theme"):
        theme_named("sepia")
