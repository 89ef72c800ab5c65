"""Weekday pattern: each metric's mean and spread, Monday to Sunday."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba

from ..core.present.chart_specs import WEEKDAY_NAMES, WeekdaySeries, WeekdaySpec
from .common import (
    KeyEntry,
    attach_hover,
    axis_label,
    empty,
    grid,
    integer_ticks,
    key,
    key_height,
    shorten,
    size_inches,
    start,
    title,
)
from .theme import ChartTheme
from .ticks import new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas

MARKERS = ("o", "s", "D", "^", "v", "P")


def _draw_group(
    ax: Axes, group: Sequence[tuple[int, WeekdaySeries]], theme: ChartTheme
) -> list[KeyEntry]:
    """Metrics on the same scale side by side at each weekday; returns their key entries."""
    k = len(group)
    slot = 0.8 / k
    entries: list[KeyEntry] = []
    for j, (index, series) in enumerate(group):
        colour = theme.metric_colour(series.metric, index)
        marker = MARKERS[index % len(MARKERS)]
        stats = [s for s in series.stats if s.n]
        entries.append(
            KeyEntry(
                axis_label(series.label, series.better).replace("\n", " "),
                "marker",
                colour,
                edge=theme.foreground,
                marker=marker,
            )
        )
        if not stats:
            continue
        xs = np.array([s.weekday for s in stats], dtype=float) + (j - (k - 1) / 2) * slot
        # Collections and plain lines, not ax.bar and ax.errorbar: those make an
        # artist per box and per whisker, which costs more than drawing them.
        half = slot * 0.85 / 2
        q1 = np.array([s.q1 for s in stats], dtype=float)
        q3 = np.maximum(np.array([s.q3 for s in stats], dtype=float), q1 + 0.06)  # flat shows
        boxes = [
            ((x - half, low), (x + half, low), (x + half, high), (x - half, high))
            for x, low, high in zip(xs, q1, q3, strict=True)
        ]
        ax.add_collection(
            PolyCollection(
                boxes,
                facecolors=colour,
                edgecolors=colour,
                alpha=0.22,
                linewidths=0.8,
                zorder=1,
                gid=f"{series.metric} middle half",
            )
        )
        means = np.array([s.mean for s in stats], dtype=float)
        sds = np.array([s.sd if s.sd is not None else 0.0 for s in stats], dtype=float)
        ax.add_collection(
            LineCollection(
                [((x, m - sd), (x, m + sd)) for x, m, sd in zip(xs, means, sds, strict=True)],
                colors=theme.foreground,
                linewidths=1.0,
                zorder=2.9,
                gid=f"{series.metric} spread",
            )
        )
        ax.plot(
            np.repeat(xs, 2),
            np.column_stack((means - sds, means + sds)).ravel(),
            linestyle="",
            marker="_",
            markersize=6,  # the whiskers' caps
            markeredgewidth=1.0,
            color=theme.foreground,
            zorder=2.9,
            gid=f"{series.metric} caps",
        )
        ax.plot(
            xs,
            means,
            linestyle="",
            marker=marker,
            markersize=7,
            color=colour,
            markeredgecolor=theme.foreground,
            markeredgewidth=0.7,
            zorder=3,
            gid=f"{series.metric} means",
        )
    low = min(series.min_value for _, series in group)
    high = max(series.max_value for _, series in group)
    pad = max((high - low) * 0.06, 0.3)
    ax.set_ylim(low - pad, high + pad)
    ax.set_xlim(-0.6, 6.6)
    set_ticks(ax, theme, "y", integer_ticks(low, high), grid=True)
    set_ticks(ax, theme, "x", range(7), WEEKDAY_NAMES)
    ax.set_ylabel(f"Rating ({low} to {high})")
    attach_hover(
        ax,
        np.arange(7.0),
        [tuple(series.stats[d] for _, series in group) for d in range(7)],
    )
    return entries


def draw_weekday(fig: Canvas, spec: WeekdaySpec, theme: ChartTheme) -> list[Axes]:
    """Each metric's mean and spread by weekday; metrics on the same scale share an Axes.

    ``item_at(ax, x)`` gives, for the weekday under x, a tuple of WeekdayStat (one per
    metric on that Axes).
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading)
        return []
    counts = [s.n for series in spec.series for s in series.stats if s.n]
    title(
        fig,
        theme,
        heading,
        f"{min(counts)} to {max(counts)} days per weekday; unusual days left out",
    )
    groups: dict[tuple[int, int], list[tuple[int, WeekdaySeries]]] = {}
    for i, series in enumerate(spec.series):
        groups.setdefault((series.min_value, series.max_value), []).append((i, series))
    gs = grid(fig, len(groups), top=0.8, bottom=0.75, left=0.9, right=0.3, hspace=0.45)
    axes: list[Axes] = []
    entries: list[KeyEntry] = []
    for row, group in enumerate(groups.values()):
        ax = new_axes(fig, theme, gs[row])
        entries += _draw_group(ax, group, theme)
        axes.append(ax)
    entries.append(KeyEntry("mean ± 1 SD", "line", theme.foreground, linewidth=1.0))
    entries.append(
        KeyEntry("middle half of days", "patch", to_rgba(theme.muted, 0.3), edge=theme.muted)
    )
    # Room for the weekday names under the last chart and for every row of the key:
    # with many metrics the key takes several rows and would cover the names.
    needed = key_height(fig, theme, entries) + 0.45
    gs.update(bottom=min(needed / max(size_inches(fig)[1], 1.0), 0.45))
    for row, ax in enumerate(axes):
        ax.set_position(gs[row].get_position(fig))  # type: ignore[arg-type]
    key(fig, theme, entries)
    return axes
