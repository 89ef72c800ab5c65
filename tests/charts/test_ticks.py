"""Ticks drawn as plain artists: where the labels land, what they say, and what they replace."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator, NullLocator
from matplotlib.transforms import Bbox

from wlitracker.charts.common import x_of
from wlitracker.charts.render import new_figure
from wlitracker.charts.theme import DARK, LIGHT, style_axes
from wlitracker.charts.ticks import PlainAxes, date_ticks, new_axes, set_ticks, tick_labels


def by_gid(ax: Axes, gid: str) -> list[object]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


def boxes(fig: Figure, texts: list[Text]) -> list[Bbox]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return [t.get_window_extent(renderer) for t in texts]


def test_y_ticks_are_labels_marks_and_grid_lines_instead_of_matplotlib_ticks(fig: Figure) -> None:
    ax = fig.add_subplot()
    ax.set_ylim(-0.5, 10.5)

    texts = set_ticks(ax, DARK, "y", [0, 5, 10], grid=True)

    assert tick_labels(ax, "y") == ["0", "5", "10"]  # numbers unless labels are given
    assert isinstance(ax.yaxis.get_major_locator(), NullLocator)
    assert all(t.get_color() == DARK.foreground for t in texts)
    assert [t.get_position()[1] for t in texts] == [0, 5, 10]
    (grid,) = by_gid(ax, "y grid")
    assert isinstance(grid, LineCollection)
    assert [tuple(s[:, 1]) for s in grid.get_segments()] == [(0, 0), (5, 5), (10, 10)]
    assert [tuple(s[:, 0]) for s in grid.get_segments()] == [(0, 1)] * 3  # the full width
    (marks,) = by_gid(ax, "y tick marks")
    assert isinstance(marks, Line2D)
    assert list(marks.get_ydata()) == [0, 5, 10]  # type: ignore[arg-type]
    fig.canvas.draw()
    assert not [t for t in ax.yaxis.get_major_ticks() if t.get_visible() and t.label1.get_text()]


def test_labels_sit_outside_the_axes_and_the_axis_label_outside_them(fig: Figure) -> None:
    ax = fig.add_subplot()
    ax.set_ylim(0, 100)
    ax.set_xlim(0, 6)
    y_texts = set_ticks(ax, LIGHT, "y", [0, 50, 100], ["none", "half", "everything"])
    x_texts = set_ticks(ax, LIGHT, "x", range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    ax.set_ylabel("Share of days")
    ax.set_xlabel("weekday")
    fig.canvas.draw()

    frame = ax.get_window_extent()
    y_boxes, x_boxes = boxes(fig, y_texts), boxes(fig, x_texts)
    assert all(b.x1 < frame.x0 for b in y_boxes)  # left of the axes
    assert all(b.y1 < frame.y0 for b in x_boxes)  # below it
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    y_label = ax.yaxis.label.get_window_extent(renderer)
    x_label = ax.xaxis.label.get_window_extent(renderer)
    assert y_label.x1 < min(b.x0 for b in y_boxes)  # "everything" is not overlapped
    assert x_label.y1 < min(b.y0 for b in x_boxes)
    assert [round(b.x1) for b in y_boxes] == [round(y_boxes[0].x1)] * 3  # right-aligned


def test_labels_can_go_on_the_top_or_the_right(fig: Figure) -> None:
    ax = fig.add_subplot()
    ax.set_xlim(0.5, 31.5)
    ax.set_ylim(0, 10)
    top = set_ticks(ax, LIGHT, "x", [1, 15, 31], marks=False, side="top")
    right = set_ticks(ax, LIGHT, "y", [0, 10], side="right")
    ax.set_xlabel("day of the month")
    ax.set_ylabel("Satisfaction")
    fig.canvas.draw()

    frame = ax.get_window_extent()
    assert all(b.y0 > frame.y1 for b in boxes(fig, top))
    assert all(b.x0 > frame.x1 for b in boxes(fig, right))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    assert ax.xaxis.label.get_window_extent(renderer).y0 > max(b.y1 for b in boxes(fig, top))
    assert ax.yaxis.label.get_window_extent(renderer).x0 > max(b.x1 for b in boxes(fig, right))
    assert not by_gid(ax, "x tick marks")  # marks=False


def test_a_wrong_number_of_labels_or_a_wrong_side_is_refused(fig: Figure) -> None:
    ax = fig.add_subplot()
    with pytest.raises(ValueError, match="3 tick positions but 2 labels"):
        set_ticks(ax, LIGHT, "y", [0, 1, 2], ["a", "b"])
    with pytest.raises(ValueError, match="no top side"):
        set_ticks(ax, LIGHT, "y", [0], side="top")


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (dt.date(2025, 11, 21), dt.date(2025, 12, 25)),  # a month: days
        (dt.date(2025, 3, 17), dt.date(2026, 3, 16)),  # a year: months
        (dt.date(2016, 3, 19), dt.date(2026, 3, 16)),  # ten years: years
    ],
)
def test_date_ticks_say_what_matplotlibs_concise_dates_would(
    fig: Figure, first: dt.date, last: dt.date
) -> None:
    x0, x1 = x_of(first) - 0.5, x_of(last) + 0.5
    ours, theirs = fig.add_subplot(2, 1, 1), fig.add_subplot(2, 1, 2)
    for ax in (ours, theirs):
        ax.set_xlim(x0, x1)
    date_ticks(ours, LIGHT, x0, x1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    theirs.xaxis.set_major_locator(locator)
    theirs.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    fig.canvas.draw()

    expected = [
        t.label1.get_text() for t in theirs.xaxis.get_major_ticks() if x0 <= t.get_loc() <= x1
    ]
    assert tick_labels(ours, "x") == expected
    assert len(expected) >= 3


def test_plain_axes_make_no_matplotlib_ticks_and_draw_like_an_axes(fig: Figure) -> None:
    plain = new_axes(fig, DARK, fig.add_gridspec(2, 1)[0])
    usual = fig.add_subplot(2, 1, 2)
    for ax in (plain, usual):
        ax.set_ylim(0, 10)
        set_ticks(ax, DARK, "y", [0, 5, 10], grid=True)
        ax.set_xticks([])
    fig.canvas.draw()

    assert isinstance(plain, PlainAxes)
    made = [len(a.majorTicks) + len(a.minorTicks) for a in (plain.xaxis, plain.yaxis)]
    assert made == [0, 0]
    assert len(usual.yaxis.majorTicks) == len(usual.yaxis.minorTicks) == 1  # made at once
    assert tick_labels(plain, "y") == tick_labels(usual, "y") == ["0", "5", "10"]
    assert plain.get_facecolor()[:3] != usual.get_facecolor()[:3]  # new_axes: the theme's
    assert plain.spines["left"].get_edgecolor()[:3] != usual.spines["left"].get_edgecolor()[:3]


def test_plain_axes_still_draw_matplotlibs_ticks_when_asked(fig: Figure) -> None:
    ax = new_axes(fig, LIGHT, (0.1, 0.1, 0.8, 0.8))
    ax.set_xlim(0, 10)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.grid(True)
    fig.canvas.draw()

    ticks = ax.xaxis.get_major_ticks()
    assert [t.label1.get_text() for t in ticks][:3] == ["0", "2", "4"]
    assert all(t.gridline.get_visible() for t in ticks)
    assert all(t.gridline.get_clip_box() is not None for t in ticks)  # kept inside the Axes


def test_a_plain_axes_draws_pixel_for_pixel_what_an_axes_draws() -> None:
    def drawn(plain: bool) -> np.ndarray:
        fig = new_figure()
        rect = (0.12, 0.15, 0.8, 0.7)
        if plain:
            ax = new_axes(fig, DARK, rect)
        else:
            ax = fig.add_axes(rect)
            style_axes(ax, DARK)
        ax.plot([19000, 19100], [2, 8], color=DARK.foreground)
        ax.set_xlim(18990, 19110)
        ax.set_ylim(0, 10)
        set_ticks(ax, DARK, "y", [0, 5, 10], grid=True)
        date_ticks(ax, DARK, 18990, 19110)
        ax.set_ylabel("Satisfaction\n(higher is better)")  # placed beside the spine
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]

    assert np.array_equal(drawn(plain=True), drawn(plain=False))
