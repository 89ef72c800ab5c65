"""The calendar: a cell per day of the range, coloured by a metric, in bands of a month or a year.

A band per month has square cells and outlines the days not rated; a band per year is a
strip of narrow days, too narrow for outlines, so days not rated are grey there. The
margins are worked out from the labels (months, years, the scale), so none is cut off at
any size; labels are thinned where bands are too thin to carry one each.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import colormaps
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.ticker import NullLocator

from ..core.present.chart_specs import MONTH_NAMES, CalendarSpec
from .common import (
    CHAR_WIDTH,
    attach_cells,
    axis_label,
    empty,
    integer_ticks,
    shorten,
    size_inches,
    start,
    title,
)
from .picture import CalendarCells
from .theme import ChartTheme, solid
from .ticks import LABEL_PAD, MARK_LENGTH, PAD, new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from numpy.typing import NDArray

    from .common import Canvas

SUBTITLES = {
    "months": "each square is a day; outlined squares were not rated",
    "years": "a row per year, a day per column; grey days were not rated",
}
DAY_TICKS = (1, 5, 10, 15, 20, 25, 31)
MAX_CELL = 0.32  # inches: a short range's squares stay squares, not tiles
MAX_BAND = 0.5  # inches: the tallest strip of a year
BAR_WIDTH, BAR_GAP = 0.18, 0.25  # inches: the colour bar, and its gap from the days
EDGE = 0.12  # inches kept clear along the figure's edges
TITLES = 0.62  # inches the title and subtitle take at the top
LINE = 1.25  # a line of text, in font sizes
_NON_LEAP = 2001


@dataclass(frozen=True)
class _Layout:
    """Where the days and the colour bar go, in inches from the figure's left and top."""

    x: float
    y: float
    width: float
    height: float
    bar_y: float
    bar_height: float
    bar_label: str


def calendar_values(spec: CalendarSpec) -> NDArray[np.float64]:
    """A rating per band and column; NaN where a day was not rated, or is not in the range."""
    return np.array(
        [
            [np.nan if cell is None or cell.value is None else cell.value for cell in band.cells]
            for band in spec.bands
        ],
        dtype=float,
    )


def colour_map(spec: CalendarSpec) -> Colormap:
    """viridis (perceptually uniform, and monotone in grey), better always the brighter."""
    return colormaps["viridis" if spec.better == "higher" else "viridis_r"]


def calendar_colours(spec: CalendarSpec, theme: ChartTheme) -> NDArray[np.uint8]:
    """Each cell's colour as RGBA bytes (bands x columns x 4): a rating's on the scale;
    nothing where no day of the range is; a day not rated, nothing in a band per month
    (it is outlined) and grey in a band per year.

    Coloured here, at a pixel a cell: matplotlib would colour the image's every screen
    pixel, which on ten years costs more than the rest of the chart.
    """
    values = calendar_values(spec)
    scaled = (values - spec.min_value) / (spec.max_value - spec.min_value)
    colours = colour_map(spec).with_extremes(bad=(0, 0, 0, 0))(scaled, bytes=True)
    if spec.layout == "years":
        colours[_not_rated(spec)] = np.array(to_rgba(_not_rated_colour(theme))) * 255
    return np.asarray(colours, dtype=np.uint8)


def _not_rated_colour(theme: ChartTheme) -> tuple[float, float, float]:
    """A grey that shows on the background, and is no colour of the scale."""
    return solid(theme.muted, 0.35, theme.background)


def _not_rated(spec: CalendarSpec) -> NDArray[np.bool_]:
    """True where a day of the range was not rated."""
    return np.array(
        [[cell is not None and cell.value is None for cell in band.cells] for band in spec.bands],
        dtype=bool,
    )


def draw_calendar(fig: Canvas, spec: CalendarSpec, theme: ChartTheme) -> list[Axes]:
    """A band per month (days 1-31 across) or per year (days of the year across), oldest at
    the top; returns [calendar axes, colour bar axes].

    Hover: ``common.item_at(ax, x, y=y)`` (or ``calendar_cell(spec, x, y)``) gives the
    DayPoint under data coordinates (x, y).
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading, f"No {spec.label} ratings in this range yet")
        return []
    title(fig, theme, heading, SUBTITLES[spec.layout])
    width, height = size_inches(fig)
    place = _layout(spec, theme, width, height)
    ax = new_axes(
        fig,
        theme,
        (
            place.x / width,
            1 - (place.y + place.height) / height,
            place.width / width,
            place.height / height,
        ),
    )
    ax.set_facecolor(theme.background)  # days outside the range: nothing at all
    cax = new_axes(
        fig,
        theme,
        (
            (place.x + place.width + BAR_GAP) / width,
            1 - (place.bar_y + place.bar_height) / height,
            BAR_WIDTH / width,
            place.bar_height / height,
        ),
    )
    rows, columns = len(spec.bands), spec.columns
    extent = (0.5, columns + 0.5, rows + 0.5, 0.5)
    ax.imshow(
        calendar_colours(spec, theme),
        interpolation="nearest",
        aspect="auto",
        extent=extent,
        gid="days",
    )
    band = place.height / rows * 72  # points
    if spec.layout == "months":
        _outline_missing(ax, spec, theme)
        ax.vlines(
            np.arange(0.5, columns + 1.5),
            0.5,
            rows + 0.5,
            colors=theme.background,
            linewidth=1.6,
            zorder=3,
        )
    ax.hlines(
        np.arange(0.5, rows + 1.5),
        0.5,
        columns + 0.5,
        colors=theme.background,
        linewidth=1.6 if spec.layout == "months" else min(3.0, band * 0.2),
        zorder=3,
    )
    ax.set_xlim(0.5, columns + 0.5)
    ax.set_ylim(rows + 0.5, 0.5)
    every = max(1, math.ceil(theme.font_size * LINE / max(band, 0.1)))
    shown = [i for i in range(rows) if (rows - 1 - i) % every == 0]  # the newest always
    set_ticks(
        ax, theme, "y", [i + 1 for i in shown], [spec.bands[i].label for i in shown], marks=False
    )
    if spec.layout == "months":
        set_ticks(ax, theme, "x", DAY_TICKS, marks=False, side="top")
        ax.set_xlabel("day of the month")
    else:
        _month_ticks(ax, theme, place.width)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _colour_bar(cax, spec, theme, place.bar_label)
    attach_cells(ax, CalendarCells(spec))
    return [ax, cax]


def _layout(spec: CalendarSpec, theme: ChartTheme, width: float, height: float) -> _Layout:
    """Margins from the labels' widths, then cells as large as fit in what is left."""
    char = theme.font_size * CHAR_WIDTH / 72
    line = theme.font_size * LINE / 72
    widest = max(len(band.label) for band in spec.bands)
    left = EDGE + widest * char + (PAD + 2) / 72
    ticks = integer_ticks(spec.min_value, spec.max_value)
    digits = max(len(f"{t:g}") for t in ticks)
    right = (
        BAR_GAP + BAR_WIDTH + (PAD + MARK_LENGTH + LABEL_PAD) / 72 + digits * char + 2 * line + EDGE
    )
    axis_lines = 2 if spec.layout == "months" else 1  # the day numbers and their label
    top = TITLES + axis_lines * line + (PAD + LABEL_PAD) / 72 + 0.05
    bottom = EDGE + 0.1
    room_w, room_h = max(width - left - right, 0.5), max(height - top - bottom, 0.3)
    rows = len(spec.bands)
    if spec.layout == "months":
        cell = min(room_w / 31, room_h / rows, MAX_CELL)
        grid_w, grid_h = 31 * cell, rows * cell
    else:
        grid_w, grid_h = room_w, rows * min(room_h / rows, MAX_BAND)
    x = left + max((room_w - grid_w) / 2, 0)
    y = top + max(room_h - grid_h, 0) * 0.4  # a little above the middle
    # The scale's label, on two lines along it: the bar is made as tall as the label
    # where there is room, and the metric's name shortened where there is not.
    lines = axis_label(spec.label, spec.better).split("\n")
    bar_h = min(max(grid_h, max(len(t) for t in lines) * char + 0.1), room_h)
    bar_y = min(max(y + (grid_h - bar_h) / 2, top), top + room_h - bar_h)
    fits = max(int((bar_h - 0.1) / char), 8)
    label = axis_label(shorten(spec.label, fits), spec.better)
    return _Layout(x, y, grid_w, grid_h, bar_y, bar_h, label)


def _outline_missing(ax: Axes, spec: CalendarSpec, theme: ChartTheme) -> None:
    """An outlined empty square for each day not rated; no date (31 April) gets nothing."""
    missing = [
        ((d - 0.45, m - 0.45), (d + 0.45, m - 0.45), (d + 0.45, m + 0.45), (d - 0.45, m + 0.45))
        for m, band in enumerate(spec.bands, start=1)
        for d, cell in enumerate(band.cells, start=1)
        if cell is not None and cell.value is None
    ]
    if missing:
        ax.add_collection(
            PolyCollection(
                missing,
                facecolors="none",
                edgecolors=_not_rated_colour(theme),
                linewidths=0.8,
                zorder=2,
                gid="missing days",
            )
        )


def _month_ticks(ax: Axes, theme: ChartTheme, grid_width: float) -> None:
    """Month names over the middle of each month (as a year of 365 days has them); every
    third month where a month is too narrow for its name."""
    starts = [dt.date(_NON_LEAP, m, 1).timetuple().tm_yday for m in range(1, 13)] + [366]
    middles = [(a + b - 1) / 2 for a, b in itertools.pairwise(starts)]
    char = theme.font_size * CHAR_WIDTH / 72
    step = 1 if grid_width / 12 > 4.5 * char else 3
    set_ticks(ax, theme, "x", middles[::step], MONTH_NAMES[::step], marks=False, side="top")


def _colour_bar(cax: Axes, spec: CalendarSpec, theme: ChartTheme, label: str) -> None:
    """The scale beside the calendar, better always at the top.

    Drawn as an image and plain ticks: ``Figure.colorbar`` costs as much as the calendar.
    """
    low, high = spec.min_value, spec.max_value
    cax.imshow(
        np.linspace(low, high, 256)[:, np.newaxis],
        cmap=colour_map(spec),
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
    cax.set_ylabel(label)
