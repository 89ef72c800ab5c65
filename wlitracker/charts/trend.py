"""Trends: metrics over a range, daily points (weekly means beyond ~2 years), rolling means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.ticker import NullLocator

from ..core.present.chart_specs import TREND_LONG_DAYS, TREND_SHORT_DAYS, TrendSeries, TrendSpec
from .common import (
    KeyEntry,
    attach_hover,
    axis_label,
    empty,
    grid,
    integer_ticks,
    key,
    marker_size,
    shorten,
    size_inches,
    start,
    title,
    values_of,
    x_of,
    xs_of,
)
from .theme import ChartTheme
from .ticks import date_ticks, new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas

MIN_LABEL_INCHES = 0.45  # experiment bands narrower than this get no label


def _draw_series(
    ax: Axes, series: TrendSeries, spec: TrendSpec, theme: ChartTheme, index: int
) -> None:
    colour = theme.metric_colour(series.metric, index)
    low, high = series.min_value, series.max_value
    pad = max((high - low) * 0.06, 0.3)
    if spec.bands:
        ax.broken_barh(
            [(x_of(b.start) - 0.5, (b.end - b.start).days + 1.0) for b in spec.bands],
            (low - pad, high - low + 2 * pad),
            facecolors=to_rgba(theme.band, 0.09),
            linewidth=0,
            zorder=0,
            gid="experiments",
        )
    weekly = series.granularity == "week"
    if series.points:
        ax.scatter(
            xs_of([p.date for p in series.points]),
            [p.value for p in series.points],
            s=14 if weekly else marker_size(ax.figure, len(series.days), 3.6, 1.6) ** 2,
            color=colour,
            alpha=0.75 if weekly else 0.5,
            linewidths=0,
            zorder=2,
            gid="weeks" if weekly else "days",
        )
    xs = xs_of([d.date for d in series.days])
    if series.short:
        ax.plot(
            xs,
            values_of(series.short),
            color=colour,
            linewidth=1.1,
            zorder=3,
            gid="short mean",
        )
    ax.plot(
        xs,
        values_of(series.long),
        color=theme.foreground,
        linewidth=2.0,
        alpha=0.85,
        zorder=3.5,
        gid="long mean",
    )
    ax.set_ylim(low - pad, high + pad)
    set_ticks(ax, theme, "y", integer_ticks(low, high), grid=True)
    ax.set_ylabel(axis_label(series.label, series.better))
    if weekly:
        attach_hover(ax, xs_of([p.date for p in series.points]), series.points)
    else:
        attach_hover(ax, xs, series.days)


def _draw_lanes(ax: Axes, spec: TrendSpec, theme: ChartTheme, width_in: float) -> None:
    """Experiment periods as bars, one lane per overlapping experiment, titled where they fit."""
    bars = [
        (
            (x0 := x_of(b.start) - 0.5, b.lane + 0.15),
            (x1 := x_of(b.end) + 0.5, b.lane + 0.15),
            (x1, b.lane + 0.85),
            (x0, b.lane + 0.85),
        )
        for b in spec.bands
    ]
    ax.add_collection(
        PolyCollection(
            bars,
            facecolors=to_rgba(theme.band, 0.42),
            edgecolors=to_rgba(theme.band, 0.95),
            linewidths=0.8,
            gid="experiment lanes",
        )
    )
    per_day = width_in / ((spec.end - spec.start).days + 1)
    char_in = (theme.font_size - 1.5) * 0.55 / 72
    for band in spec.bands:
        width = ((band.end - band.start).days + 1) * per_day
        if width < MIN_LABEL_INCHES:
            continue
        ax.text(
            x_of(band.start) - 0.5 + 0.05 / per_day,
            band.lane + 0.5,
            shorten(band.title, max(int(width / char_in) - 1, 3)),
            ha="left",
            va="center",
            fontsize=theme.font_size - 1.5,
            color=theme.foreground,
            clip_on=True,
        )
    ax.set_ylim(spec.lanes, 0)
    set_ticks(ax, theme, "y", [spec.lanes / 2], ["experiments"], marks=False)
    attach_hover(ax, xs_of([b.start + (b.end - b.start) / 2 for b in spec.bands]), spec.bands)


def draw_trend(fig: Canvas, spec: TrendSpec, theme: ChartTheme) -> list[Axes]:
    """One Axes per metric on a shared date axis, then the experiments strip if any.

    Returns [metric axes..., strip]; ``item_at(ax, x)`` gives a DayPoint (daily), a
    SeriesPoint (weekly, tolerance 3.5 days) or, on the strip, an ExperimentBand.
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading)
        return []
    subtitle = "weekly means (a long range)" if spec.granularity == "week" else "every rated day"
    title(fig, theme, heading, subtitle)
    n = len(spec.series)
    lanes = spec.lanes
    ratios = ([0.32 * lanes] if lanes else []) + [3.0] * n
    gs = grid(
        fig,
        len(ratios),
        top=0.75,
        bottom=0.8,
        left=1.05,
        right=0.3,
        hspace=0.2,
        height_ratios=ratios,
    )
    # No shared x axis: only the bottom axes needs date ticks (ticks are costly to draw).
    x_range = (x_of(spec.start) - 0.5, x_of(spec.end) + 0.5)
    axes: list[Axes] = []
    offset = 1 if lanes else 0
    for i, series in enumerate(spec.series):
        ax = new_axes(fig, theme, gs[i + offset])
        _draw_series(ax, series, spec, theme, i)
        ax.set_xlim(*x_range)
        if i < n - 1:
            ax.xaxis.set_major_locator(NullLocator())
        else:
            date_ticks(ax, theme, *x_range)
        axes.append(ax)
    if lanes:
        strip = new_axes(fig, theme, gs[0])
        width, _ = size_inches(fig)
        _draw_lanes(strip, spec, theme, max(width - 1.35, 1.0))
        strip.set_xlim(*x_range)
        strip.xaxis.set_major_locator(NullLocator())
        axes.append(strip)
    weekly = spec.granularity == "week"
    entries = [KeyEntry("weekly mean" if weekly else "rated day", "marker", theme.muted)]
    if not weekly:
        entries.append(KeyEntry(f"{TREND_SHORT_DAYS}-day mean", "line", theme.muted, linewidth=1.1))
    entries.append(KeyEntry(f"{TREND_LONG_DAYS}-day mean", "line", theme.foreground, linewidth=2.0))
    if spec.bands:
        entries.append(
            KeyEntry(
                "experiment running",
                "patch",
                to_rgba(theme.band, 0.42),
                edge=to_rgba(theme.band, 0.95),
            )
        )
    key(fig, theme, entries)
    return axes
