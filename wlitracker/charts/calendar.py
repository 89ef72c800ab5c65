"""A year in pixels: one cell per day, coloured by a metric; missing days stay blank."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib import colormaps
from matplotlib.collections import PolyCollection
from matplotlib.ticker import NullLocator

from ..core.present.chart_specs import MONTH_NAMES, CalendarSpec
from .common import axis_label, empty, integer_ticks, shorten, size_inches, start, title
from .theme import ChartTheme
from .ticks import new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap

    from .common import Canvas


def calendar_values(spec: CalendarSpec) -> np.ndarray:
    """12 x 31 ratings; NaN where a day was not rated or does not exist."""
    return np.array(
        [
            [np.nan if cell is None or cell.value is None else cell.value for cell in row]
            for row in spec.months
        ],
        dtype=float,
    )


def draw_calendar(fig: Canvas, spec: CalendarSpec, theme: ChartTheme) -> list[Axes]:
    """Months as rows, days 1-31 as columns; returns [calendar axes, colour bar axes].

    Hover: ``calendar_cell(spec, x, y)`` maps data coordinates back to the DayPoint.
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading, f"No {spec.label} ratings in {spec.year} yet")
        return []
    title(fig, theme, heading, "each square is a day; blank squares were not rated")
    # Square cells as large as fit; the colour bar as tall as the twelve months.
    width, height = size_inches(fig)
    left, right, top, bottom = 0.65, 1.45, 1.15, 0.25
    cell = max(min((width - left - right) / 31, (height - top - bottom) / 12), 0.02)
    x0 = left + max((width - left - right - 31 * cell) / 2, 0)
    top += max((height - top - bottom - 12 * cell) / 2, 0) * 0.6
    ax = new_axes(
        fig,
        theme,
        (x0 / width, 1 - (top + 12 * cell) / height, 31 * cell / width, 12 * cell / height),
    )
    cax = new_axes(
        fig,
        theme,
        (
            (x0 + 31 * cell + 0.25) / width,
            1 - (top + 12 * cell) / height,
            0.18 / width,
            12 * cell / height,
        ),
    )
    # viridis: perceptually uniform, and monotone in grey
    cmap = colormaps["viridis" if spec.better == "higher" else "viridis_r"].with_extremes(
        bad=(0, 0, 0, 0)
    )
    image = ax.imshow(
        calendar_values(spec),
        cmap=cmap,
        vmin=spec.min_value,
        vmax=spec.max_value,
        interpolation="nearest",
        aspect="auto",
        extent=(0.5, 31.5, 12.5, 0.5),
        gid="days",
    )
    # Missing days: an outlined empty square; impossible dates (31 April) get nothing.
    missing = [
        ((d - 0.45, m - 0.45), (d + 0.45, m - 0.45), (d + 0.45, m + 0.45), (d - 0.45, m + 0.45))
        for m, row in enumerate(spec.months, start=1)
        for d, cell in enumerate(row, start=1)
        if cell is not None and cell.value is None
    ]
    if missing:
        ax.add_collection(
            PolyCollection(
                missing,
                facecolors="none",
                edgecolors=theme.grid,
                linewidths=0.8,
                zorder=2,
                gid="missing days",
            )
        )
    # Gaps between the squares, in the background colour.
    edges = np.arange(0.5, 32.5)
    ax.vlines(edges, 0.5, 12.5, colors=theme.axes_background, linewidth=1.6, zorder=3)
    ax.hlines(
        np.arange(0.5, 13.5), 0.5, 31.5, colors=theme.axes_background, linewidth=1.6, zorder=3
    )
    ax.set_xlim(0.5, 31.5)
    ax.set_ylim(12.5, 0.5)
    set_ticks(ax, theme, "y", range(1, 13), MONTH_NAMES, marks=False)
    set_ticks(ax, theme, "x", [1, 5, 10, 15, 20, 25, 31], marks=False, side="top")
    ax.set_xlabel("day of the month")
    for spine in ax.spines.values():
        spine.set_visible(False)
    _colour_bar(cax, spec, theme, image.get_cmap())
    return [ax, cax]


def _colour_bar(cax: Axes, spec: CalendarSpec, theme: ChartTheme, cmap: Colormap) -> None:
    """The scale beside the calendar, better always at the top.

    Drawn as an image and plain ticks: ``Figure.colorbar`` costs as much as the calendar.
    """
    low, high = spec.min_value, spec.max_value
    cax.imshow(
        np.linspace(low, high, 256)[:, np.newaxis],
        cmap=cmap,
        vmin=low,
        vmax=high,
        interpolation="nearest",
        aspect="auto",
        origin="lower",
        extent=(0.0, 1.0, low, high),
        gid="colour scale",
    )
    cax.set_xlim(0.0, 1.0)
    cax.set_ylim((high, low) if spec.better == "lower" else (low, high))
    cax.xaxis.set_major_locator(NullLocator())
    set_ticks(cax, theme, "y", integer_ticks(low, high), side="right")
    cax.set_ylabel(axis_label(spec.label, spec.better).replace("\n", " "))


def calendar_cell(spec: CalendarSpec, x: float, y: float) -> object | None:
    """The DayPoint under data coordinates (x, y) of the calendar axes, or None."""
    day, month = round(x), round(y)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return spec.months[month - 1][day - 1]
