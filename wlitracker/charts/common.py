"""Shared pieces: date positions, margins in inches, a key, the empty message, hover data.

Layout is done by hand (margins in inches, from the figure's size when drawn):
the constrained layout engine would double the time a chart takes to draw.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import dates as mdates

from ..core.model.entities import Better
from ..core.present.chart_specs import EMPTY_MESSAGE
from .picture import HoverData, Lookup, Region
from .theme import ChartTheme, Colour, style_figure

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.gridspec import GridSpec
    from numpy.typing import NDArray

    Canvas = Figure | SubFigure  # what a chart draws into

CHAR_WIDTH = 0.62  # em: DejaVu Sans letters and digits average a little under this

# date2num(1970-01-01) is 0 with matplotlib's default epoch; computed, not assumed.
_ORIGIN = dt.date(1970, 1, 1).toordinal() - float(
    mdates.date2num(dt.date(1970, 1, 1))  # type: ignore[no-untyped-call]
)


def x_of(day: dt.date) -> float:
    """The x position of a day (its midnight, as ``matplotlib.dates.date2num``)."""
    return day.toordinal() - _ORIGIN


def xs_of(days: Sequence[dt.date]) -> NDArray[np.float64]:
    return np.fromiter((d.toordinal() for d in days), dtype=float, count=len(days)) - _ORIGIN


def values_of(values: Sequence[float | None]) -> NDArray[np.float64]:
    """Values with None as NaN, so a line breaks there."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def size_inches(fig: Canvas) -> tuple[float, float]:
    dpi = fig.dpi
    return fig.bbox.width / dpi, fig.bbox.height / dpi


def grid(
    fig: Canvas,
    nrows: int,
    ncols: int = 1,
    *,
    left: float = 0.95,
    right: float = 0.25,
    top: float = 0.75,
    bottom: float = 0.5,
    hspace: float = 0.35,
    wspace: float = 0.35,
    height_ratios: Sequence[float] | None = None,
    most_bottom: float = 0.3,
) -> GridSpec:
    """A GridSpec whose margins and gaps are given in inches, whatever the figure's size
    (the bottom margin at most ``most_bottom`` of the height)."""
    width, height = size_inches(fig)
    width, height = max(width, 1.0), max(height, 1.0)
    lf, rf = min(left / width, 0.4), min(right / width, 0.3)
    tf, bf = min(top / height, 0.4), min(bottom / height, most_bottom)
    cell_h = max((1 - tf - bf) * height / nrows, 0.1)
    cell_w = max((1 - lf - rf) * width / ncols, 0.1)
    return fig.add_gridspec(
        nrows,
        ncols,
        left=lf,
        right=1 - rf,
        top=1 - tf,
        bottom=bf,
        hspace=hspace / cell_h,
        wspace=wspace / cell_w,
        height_ratios=height_ratios,
    )


def start(fig: Canvas, theme: ChartTheme) -> None:
    """Every draw function starts from a clean figure in the theme's colours."""
    fig.clear()
    style_figure(fig, theme)


def title(fig: Canvas, theme: ChartTheme, text: str, subtitle: str = "") -> None:
    """Title (and a smaller subtitle) at the top, in inches from the edge."""
    if not text and not subtitle:
        return
    _, height = size_inches(fig)
    if text:
        fig.text(
            0.5,
            1 - 0.12 / max(height, 1.0),
            text,
            ha="center",
            va="top",
            fontsize=theme.font_size + 3,
            fontweight="bold",
            color=theme.foreground,
        )
    if subtitle:
        width = size_inches(fig)[0]
        fits = int((width - 0.3) * 72 / (theme.font_size * CHAR_WIDTH))
        fig.text(
            0.5,
            1 - (0.42 if text else 0.12) / max(height, 1.0),
            shorten(subtitle, max(fits, 20)),  # whole where it fits, never cut off by the edge
            ha="center",
            va="top",
            fontsize=theme.font_size,
            color=theme.muted,
        )


def empty(fig: Canvas, theme: ChartTheme, heading: str = "", message: str = "") -> None:
    """A friendly message instead of a chart: never an exception for missing data."""
    title(fig, theme, heading)
    fig.text(
        0.5,
        0.5,
        message or EMPTY_MESSAGE,
        ha="center",
        va="center",
        fontsize=theme.font_size + 2,
        color=theme.muted,
    )


def axis_label(label: str, better: Better, axis: str = "y") -> str:
    """ "Guilt (lower is better ↓)" for a metric's ``label`` (as people read it): on two
    lines for a y axis, one line for x."""
    if axis == "x":
        arrow = "→" if better == "higher" else "←"
        return f"{label} ({better} is better {arrow})"
    arrow = "↑" if better == "higher" else "↓"
    return f"{label}\n({better} is better {arrow})"


def marker_size(fig: Canvas, days: int, largest: float, smallest: float = 1.5) -> float:
    """A marker diameter (points) that keeps daily markers from piling up on long ranges."""
    width, _ = size_inches(fig)
    per_day = max(width - 1.4, 1.0) * 72 / max(days, 1)
    return min(largest, max(smallest, per_day * 0.85))


def integer_ticks(low: int, high: int) -> list[int]:
    """About six whole-number ticks across a metric's scale (set explicitly: cheaper to draw)."""
    step = max(1, round((high - low) / 5))
    return list(range(low, high + 1, step))


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


# --- hover ------------------------------------------------------------------------


_HOVER: weakref.WeakKeyDictionary[Axes, Lookup] = weakref.WeakKeyDictionary()


def attach_hover(ax: Axes, xs: NDArray[np.float64], items: Sequence[object]) -> None:
    order = np.argsort(xs, kind="stable")
    _HOVER[ax] = HoverData(
        tuple(np.asarray(xs, dtype=float)[order].tolist()), tuple(items[i] for i in order)
    )


def attach_cells(ax: Axes, lookup: Lookup) -> None:
    """For an Axes whose items are found by both coordinates (the calendar's grid of days):
    ``lookup.at(x, y, tolerance)`` in data coordinates gives the item there, or None."""
    _HOVER[ax] = lookup


def item_at(ax: Axes, x: float, tolerance: float = 0.5, *, y: float | None = None) -> object | None:
    """The spec item (a DayPoint, a SeriesPoint...) drawn nearest ``x`` on ``ax``, if any;
    on a grid of cells (``attach_cells``), the one at (``x``, ``y``)."""
    lookup = _HOVER.get(ax)
    if lookup is None or (y is None and not isinstance(lookup, HoverData)):
        return None  # a grid needs both coordinates
    return lookup.at(x, 0.0 if y is None else y, tolerance)


def regions_of(fig: Figure) -> tuple[Region, ...]:
    """Each drawn Axes of ``fig`` as the window reads it: box, data-to-pixel map, hover."""
    regions = []
    for ax in fig.axes:
        transform = ax.transData
        if not transform.is_affine:
            continue  # not a chart of ours: a log or polar Axes would need more than this
        (a, b, c), (d, e, f), _ = transform.get_matrix()
        box = ax.bbox
        regions.append(
            Region(
                (float(box.x0), float(box.y0), float(box.x1), float(box.y1)),
                (float(a), float(b), float(c), float(d), float(e), float(f)),
                _HOVER.get(ax),
            )
        )
    return tuple(regions)


# --- a light legend ---------------------------------------------------------------


@dataclass(frozen=True)
class KeyEntry:
    """One legend entry: a swatch (patch), a line, or a marker, and its label."""

    label: str
    kind: str  # "patch", "line" or "marker"
    colour: Colour
    edge: Colour | None = None
    hatch: str | None = None
    linewidth: float = 1.5
    linestyle: object = "-"
    marker: str = "o"
    fillstyle: str = "full"


KEY_SWATCH, KEY_GAP, KEY_SPACING = 0.28, 0.07, 0.32  # inches


def _key_rows(
    width: float, theme: ChartTheme, entries: Sequence[KeyEntry]
) -> tuple[list[float], list[list[int]]]:
    """Each entry's estimated width, and which entries share each row of the key."""
    char = (theme.font_size - 0.5) * CHAR_WIDTH / 72
    widths = [KEY_SWATCH + KEY_GAP + len(e.label) * char for e in entries]
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if rows[-1] and used + w > width - 0.6:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += w + KEY_SPACING
    return widths, rows


def key_height(
    fig: Canvas,
    theme: ChartTheme,
    entries: Sequence[KeyEntry],
    bottom: float = 0.08,
    row_height: float = 0.22,
) -> float:
    """How many inches ``key`` takes above the bottom edge, for as many rows as it needs."""
    _, rows = _key_rows(size_inches(fig)[0], theme, entries)
    return bottom + len(rows) * row_height


def key(
    fig: Canvas,
    theme: ChartTheme,
    entries: Sequence[KeyEntry],
    bottom: float = 0.08,
    row_height: float = 0.22,
) -> list[Artist]:
    """A legend laid out by hand along the bottom edge (in inches from it), rows centred.

    matplotlib's Legend measures every text several times while packing; with charts
    that must draw in well under 150 ms, an estimate of text widths is good enough.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    width, height = size_inches(fig)
    size = theme.font_size - 0.5
    swatch, gap, spacing = KEY_SWATCH, KEY_GAP, KEY_SPACING
    widths, rows = _key_rows(width, theme, entries)
    artists: list[Artist] = []
    transform = fig.transSubfigure
    for r, row in enumerate(rows):
        y = (bottom + (len(rows) - 1 - r) * row_height) / height
        total = sum(widths[i] for i in row) + spacing * (len(row) - 1)
        x = (width - total) / 2
        for i in row:
            entry = entries[i]
            x0, x1 = x / width, (x + swatch) / width
            artist: Artist
            if entry.kind == "patch":
                artist = Rectangle(
                    (x0, y - 0.055 / height),
                    swatch / width,
                    0.11 / height,
                    facecolor=entry.colour,
                    edgecolor=entry.edge or entry.colour,
                    hatch=entry.hatch,
                    linewidth=0.8,
                    transform=transform,
                )
            elif entry.kind == "line":
                artist = Line2D(
                    [x0, x1],
                    [y, y],
                    color=entry.colour,
                    linewidth=entry.linewidth,
                    linestyle=entry.linestyle,  # type: ignore[arg-type]
                    transform=transform,
                )
            else:
                artist = Line2D(
                    [(x0 + x1) / 2],
                    [y],
                    linestyle="",
                    marker=entry.marker,
                    markersize=6,
                    color=entry.colour,
                    markeredgecolor=entry.edge or entry.colour,
                    markerfacecoloralt="none",
                    fillstyle=entry.fillstyle,  # type: ignore[arg-type]
                    markeredgewidth=1.1,
                    transform=transform,
                )
            fig.add_artist(artist)
            artists.append(artist)
            artists.append(
                fig.text(
                    (x + swatch + gap) / width,
                    y,
                    entry.label,
                    ha="left",
                    va="center_baseline",
                    fontsize=size,
                    color=theme.foreground,
                )
            )
            x += widths[i] + spacing
    return artists
