"""The experiment chart and the before-and-after chart: what is drawn, checked on the Axes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from numpy.typing import NDArray

from wlitracker.charts.common import item_at
from wlitracker.charts.compare import draw_compare
from wlitracker.charts.experiment import draw_experiment
from wlitracker.charts.theme import DARK, LIGHT
from wlitracker.charts.ticks import tick_labels
from wlitracker.core import schedules
from wlitracker.core.model.entities import SATISFACTION, Adherence, Experiment, Target
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal

AddAB = Callable[..., int]

DAY = dt.timedelta(days=1)


def by_gid(ax: Axes, gid: str) -> list[Artist]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


def offsets(artist: Artist) -> NDArray[np.float64]:
    """Where a scatter's points are, as an (n, 2) array."""
    assert isinstance(artist, PathCollection)
    return np.asarray(artist.get_offsets(), dtype=float)


def xdata(artist: Artist) -> NDArray[np.float64]:
    assert isinstance(artist, Line2D)
    return np.asarray(artist.get_xdata(), dtype=float)


def one(ax: Axes, gid: str) -> Artist:
    (artist,) = by_gid(ax, gid)
    return artist


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
    return found


@pytest.fixture
def experiment(memory: Journal, today: dt.date, add_ab: AddAB) -> int:
    """14 days: A = 7 days (one missing, one unusual), B = 7 days, done/partly/not in turn."""
    start = today - 13 * DAY
    experiment_id = add_ab(
        memory,
        start,
        [5, 4, None, 5, 4, 5, 4],
        [7, 8, 7, 8, 7, 8, 7],
        marks=(Adherence.DONE, Adherence.PARTLY, Adherence.NOT_DONE),
    )
    memory.check_ins.update(start + 3 * DAY, unusual="ill")
    memory.check_ins.update(start + 9 * DAY, note="Long walk")
    memory.check_ins.update(start + 10 * DAY, note="Rain")
    return experiment_id


def test_each_target_is_drawn_day_by_day(
    fig: Figure, memory: Journal, experiment: int, today: dt.date
) -> None:
    spec = cs.experiment_chart(memory, experiment)

    axes = draw_experiment(fig, spec, LIGHT)

    satisfaction_ax, guilt_ax, _strip = axes
    assert len(fig.axes) == 3
    for ax, series in ((satisfaction_ax, spec.metrics[0]), (guilt_ax, spec.metrics[1])):
        points = one(ax, "days")
        assert isinstance(points, PathCollection)
        where = offsets(points)
        assert len(where) == len(series.usable_days) == 12
        assert list(where[:, 0]) == list(mdates.date2num([d.date for d in series.usable_days]))
        assert list(where[:, 1]) == [d.value for d in series.usable_days]
        unusual = one(ax, "unusual days")
        assert isinstance(unusual, Line2D)
        assert list(np.asarray(unusual.get_xdata(), dtype=float)) == [
            mdates.date2num(today - 10 * DAY)
        ]
        strip_days = one(ax, "unusual strip")
        assert isinstance(strip_days, PolyCollection) and len(strip_days.get_paths()) == 1
    assert satisfaction_ax.get_ylabel() == "Satisfaction\n(higher is better ↑)"
    assert guilt_ax.get_ylabel() == "Guilt\n(lower is better ↓)"  # lower is better, said so
    assert "Walk at lunch" in texts(fig)


def test_phases_are_shaded_over_their_dates_and_labelled(
    fig: Figure, memory: Journal, experiment: int
) -> None:
    spec = cs.experiment_chart(memory, experiment)

    axes = draw_experiment(fig, spec, LIGHT)

    for ax in axes[:2]:
        baseline, trial = one(ax, "phase baseline"), one(ax, "phase trial")
        assert isinstance(baseline, PolyCollection) and isinstance(trial, PolyCollection)
        for shading, phase in zip((baseline, trial), spec.phases, strict=True):
            (path,) = shading.get_paths()
            corners = np.asarray(path.vertices, dtype=float)
            xs, ys = corners[:, 0], corners[:, 1]
            assert (xs.min(), xs.max()) == (
                mdates.date2num(phase.start) - 0.5,
                mdates.date2num(phase.end) + 0.5,
            )
            assert (ys.min(), ys.max()) == (0.0, 1.0)  # the full height of the axes
        assert trial.get_hatch()  # trial reads differently in black and white
        assert not baseline.get_hatch()
    assert [t.get_text() for t in axes[0].texts if t.get_gid() == "phase label"] == ["A", "B"]
    means = one(axes[0], "phase means")
    assert isinstance(means, LineCollection)
    segments = means.get_segments()
    assert [s[0][1] for s in segments] == pytest.approx([4.4, 52 / 7])


def test_missing_and_unusual_days_break_the_line(
    fig: Figure, memory: Journal, experiment: int, today: dt.date
) -> None:
    spec = cs.experiment_chart(memory, experiment)

    axes = draw_experiment(fig, spec, LIGHT)

    path = one(axes[0], "path")
    assert isinstance(path, Line2D)
    xs = np.asarray(path.get_xdata(), dtype=float)
    ys = np.asarray(path.get_ydata(), dtype=float)
    start = today - 13 * DAY
    for gap in (start + 2 * DAY, start + 3 * DAY):  # missing, then unusual
        (where,) = np.nonzero(xs == mdates.date2num(gap))
        assert np.isnan(ys[where[0]])
    assert np.isnan(ys[7]) and np.isnan(xs[7])  # broken between phases A and B
    assert np.count_nonzero(~np.isnan(ys)) == 12
    rolling = one(axes[0], "rolling mean")
    assert isinstance(rolling, Line2D)
    assert np.isnan(np.asarray(rolling.get_ydata(), dtype=float)[0])


def test_adherence_and_notes_are_marked_per_day(
    fig: Figure, memory: Journal, experiment: int, today: dt.date
) -> None:
    spec = cs.experiment_chart(memory, experiment)

    strip = draw_experiment(fig, spec, LIGHT)[-1]

    counts = {gid: len(xdata(one(strip, gid))) for gid in ("done", "partly", "not done")}
    assert counts == {"done": 3, "partly": 2, "not done": 2}
    fills = {line.get_gid(): line.get_fillstyle() for line in strip.lines}
    assert (fills["partly"], fills["not done"]) == ("left", "none")
    assert list(xdata(one(strip, "notes"))) == list(
        mdates.date2num([today - 4 * DAY, today - 3 * DAY])
    )
    assert strip.get_xlim() == pytest.approx(
        (mdates.date2num(spec.start) - 0.6, mdates.date2num(spec.end) + 0.6)
    )
    labels = texts(fig)
    assert {"done", "partly", "not done", "note", "unusual day (left out)"} <= set(labels)


def test_hover_maps_a_position_back_to_the_day(
    fig: Figure, memory: Journal, experiment: int, today: dt.date
) -> None:
    spec = cs.experiment_chart(memory, experiment)
    axes = draw_experiment(fig, spec, LIGHT)

    day = item_at(axes[0], mdates.date2num(today - 4 * DAY) + 0.3)

    assert isinstance(day, cs.DayPoint)
    assert (day.date, day.value, day.note, day.phase) == (today - 4 * DAY, 7.0, "Long walk", "B")
    assert item_at(axes[0], mdates.date2num(today + 30 * DAY)) is None
    note = item_at(axes[-1], mdates.date2num(today - 3 * DAY))
    assert isinstance(note, cs.DayPoint) and note.note == "Rain"


def test_an_experiment_without_check_ins_shows_its_plan_and_a_message(
    fig: Figure, memory: Journal, today: dt.date
) -> None:
    created = memory.experiments.create(Experiment("Fresh", schedules.ab(7, 7, today)))
    assert created.id is not None

    axes = draw_experiment(fig, cs.experiment_chart(memory, created.id), LIGHT)

    assert len(axes) == 3
    assert "No check-ins in this range yet" in texts(fig)
    assert not by_gid(axes[0], "days")


def test_an_unscheduled_experiment_gets_a_friendly_message(fig: Figure, memory: Journal) -> None:
    created = memory.experiments.create(Experiment("Someday", schedules.ab(7, 7)))
    assert created.id is not None

    axes = draw_experiment(fig, cs.experiment_chart(memory, created.id), LIGHT)

    assert axes == [] and fig.axes == []
    assert any(t.startswith("Not scheduled yet") for t in texts(fig))


def test_drawing_again_into_the_same_figure_replaces_the_chart(
    fig: Figure, memory: Journal, experiment: int
) -> None:
    spec = cs.experiment_chart(memory, experiment)
    draw_experiment(fig, spec, LIGHT)
    draw_experiment(fig, spec, DARK)
    fig.canvas.draw()

    assert len(fig.axes) == 3
    assert fig.get_facecolor()[:3] == pytest.approx((0x1F / 255, 0x21 / 255, 0x24 / 255))


# --- before and after ----------------------------------------------------------


def test_compare_puts_baseline_and_trial_side_by_side(
    fig: Figure, memory: Journal, experiment: int
) -> None:
    spec = cs.compare(memory, experiment)

    (ax,) = draw_compare(fig, spec, LIGHT)  # both targets are on the 0-10 scale

    for i, metric in enumerate(spec.metrics):
        baseline = offsets(one(ax, f"{metric.metric} baseline days"))
        trial = offsets(one(ax, f"{metric.metric} trial days"))
        assert len(baseline) == len(metric.baseline) == 5
        assert len(trial) == len(metric.trial) == 7
        assert list(baseline[:, 1]) == [d.value for d in metric.baseline]
        assert abs(baseline[:, 0] - 3 * i).max() < 0.5  # the group's left box
        assert abs(trial[:, 0] - 3 * i - 1).max() < 0.5  # and its right one
        nap = one(ax, f"{metric.metric} nap")
        assert isinstance(nap, Text)
        assert "better than a baseline day in 100% of comparisons" in nap.get_text().replace(
            "\n", " "
        )
        (box,) = [p for p in ax.patches if p.get_gid() == f"{metric.metric} trial box"]
        assert box.get_hatch()  # trial boxes read differently in black and white
        means = one(ax, f"{metric.metric} means")
        assert list(xdata(means)) == pytest.approx([3 * i + 0.34, 3 * i + 1.34])
    assert (
        tick_labels(ax, "x")
        == [
            "Baseline\n5 days",
            "Trial\n7 days",
        ]
        * 2
    )
    heading = one(ax, "guilt heading")
    assert isinstance(heading, Text)
    assert heading.get_text() == "Guilt: improved\n(lower is better ↓)"
    assert ax.get_ylabel() == "Rating (0 to 10)"
    assert isinstance(item_at(ax, 3.4, tolerance=1.5), cs.CompareMetric)


def test_compare_gives_metrics_on_other_scales_their_own_axes(
    fig: Figure, memory: Journal, today: dt.date, add_ab: AddAB
) -> None:
    memory.metrics.add("Calm", 1, 5, "higher")
    start = today - 9 * DAY
    created = memory.experiments.create(
        Experiment(
            "Calm",
            schedules.ab(5, 5, start),
            targets=(Target(SATISFACTION, "higher"), Target("calm", "higher")),
        )
    )
    assert created.id is not None
    for offset in range(10):
        memory.check_ins.update(
            start + offset * DAY, ratings={SATISFACTION: 5 + offset // 5, "calm": 2 + offset // 5}
        )

    axes = draw_compare(fig, cs.compare(memory, created.id), LIGHT)

    assert [ax.get_ylabel() for ax in axes] == [
        "Satisfaction\n(higher is better ↑)",
        "Calm\n(higher is better ↑)",
    ]
    assert axes[1].get_ylim() == pytest.approx((0.7, 5.3))


def test_compare_of_an_experiment_without_data_is_a_message(
    fig: Figure, memory: Journal, today: dt.date
) -> None:
    created = memory.experiments.create(Experiment("Fresh", schedules.ab(7, 7, today)))
    assert created.id is not None

    assert draw_compare(fig, cs.compare(memory, created.id), LIGHT) == []
    assert "No check-ins in this range yet" in texts(fig)


def test_every_demo_experiment_draws_in_both_themes(fig: Figure, demo_journal: Journal) -> None:
    for i, view in enumerate(demo_journal.experiments.views()):
        theme = (LIGHT, DARK)[i % 2]
        draw_experiment(fig, cs.experiment_chart(demo_journal, view.id), theme)
        fig.canvas.draw()
        draw_compare(fig, cs.compare(demo_journal, view.id), theme)
        fig.canvas.draw()


def test_polycollections_are_used_for_many_unusual_days(
    fig: Figure, memory: Journal, today: dt.date, add_ab: AddAB
) -> None:
    start = today - 59 * DAY
    experiment_id = add_ab(memory, start, [5] * 30, [6] * 30)
    for offset in range(0, 60, 3):
        memory.check_ins.update(start + offset * DAY, unusual="travelling")

    axes = draw_experiment(fig, cs.experiment_chart(memory, experiment_id), LIGHT)

    strip = one(axes[0], "unusual strip")
    assert isinstance(strip, PolyCollection)
    assert len(strip.get_paths()) == 20  # one artist, twenty days


def test_a_four_year_experiment_stays_legible(fig: Figure, today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today, days=1600)
    journal = Journal(repo, lambda: today)
    created = journal.experiments.create(
        Experiment("A year per phase", schedules.abab(365, today - 1500 * DAY))
    )
    assert created.id is not None
    spec = cs.experiment_chart(journal, created.id)

    axes = draw_experiment(fig, spec, LIGHT)

    assert not [a for a in axes[0].get_children() if a.get_gid() == "path"]  # no scribble
    points = one(axes[0], "days")
    assert isinstance(points, PathCollection)
    assert len(offsets(points)) == len(spec.metrics[0].usable_days) > 1000
    assert float(points.get_sizes()[0]) < 10  # small markers (area), so days do not pile up
    labels = [t.get_text() for t in axes[0].texts if t.get_gid() == "phase label"]
    assert labels == ["A", "B", "A2", "B2"]
