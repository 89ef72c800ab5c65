"""Guilt against satisfaction: one point per day, recent days emphasised, a trend line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.present.chart_specs import SCATTER_INDIVIDUAL_DAYS, SCATTER_RECENT_DAYS, ScatterSpec
from .common import (
    KeyEntry,
    axis_label,
    empty,
    grid,
    integer_ticks,
    key,
    shorten,
    start,
    title,
)
from .theme import ChartTheme
from .ticks import new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas


def draw_scatter(fig: Canvas, spec: ScatterSpec, theme: ChartTheme) -> list[Axes]:
    """Returns [the scatter axes]. Hover: ``scatter_point(spec, x, y)`` gives the day."""
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading)
        return []
    title(fig, theme, heading, f"{spec.days} days; unusual days left out")
    gs = grid(fig, 1, top=0.8, bottom=0.95, left=1.3, right=0.4)
    ax = new_axes(fig, theme, gs[0])
    if spec.cells:
        counts = np.array([c.count for c in spec.cells], dtype=float)
        ax.scatter(
            [c.x for c in spec.cells],
            [c.y for c in spec.cells],
            s=12 + 260 * counts / counts.max(),
            color=theme.muted,
            alpha=0.28,
            linewidths=0,
            zorder=1,
            gid="older days",
        )
    older = [p for p in spec.points if not p.recent]
    recent = sorted((p for p in spec.points if p.recent), key=lambda p: -p.age_days)
    if older:
        ax.scatter(
            [p.x + p.dx for p in older],
            [p.y + p.dy for p in older],
            s=11,
            color=theme.muted,
            alpha=0.45,
            linewidths=0,
            zorder=2,
            gid="earlier days",
        )
    if recent:
        # Fresher days darker and larger.
        freshness = np.array([1 - p.age_days / SCATTER_RECENT_DAYS for p in recent])
        ax.scatter(
            [p.x + p.dx for p in recent],
            [p.y + p.dy for p in recent],
            s=22 + 38 * freshness,
            color=theme.metric_colour(spec.y_metric),
            edgecolors=theme.foreground,
            linewidths=0.7,
            alpha=0.95,
            zorder=4,
            gid="recent days",
        )
    (x_low, x_high), (y_low, y_high) = spec.x_range, spec.y_range
    if spec.fit is not None:
        xs = np.array([spec.fit.x_min, spec.fit.x_max], dtype=float)
        ax.plot(
            xs,
            spec.fit.slope * xs + spec.fit.intercept,
            color=theme.foreground,
            linewidth=1.6,
            linestyle=(0, (6, 3)),
            zorder=3,
            gid="trend line",
        )
    x_pad = max((x_high - x_low) * 0.06, 0.5)
    y_pad = max((y_high - y_low) * 0.06, 0.5)
    ax.set_xlim(x_low - x_pad, x_high + x_pad)
    ax.set_ylim(y_low - y_pad, y_high + y_pad)
    set_ticks(ax, theme, "x", integer_ticks(x_low, x_high), grid=True)
    set_ticks(ax, theme, "y", integer_ticks(y_low, y_high), grid=True)
    ax.set_xlabel(axis_label(spec.x_label, spec.x_better, axis="x"))
    ax.set_ylabel(axis_label(spec.y_label, spec.y_better))
    # The corner where the better days are.
    corner_x = 0.98 if spec.x_better == "higher" else 0.02
    corner_y = 0.98 if spec.y_better == "higher" else 0.02
    ax.text(
        corner_x,
        corner_y,
        "better days",
        transform=ax.transAxes,
        ha="right" if corner_x > 0.5 else "left",
        va="top" if corner_y > 0.5 else "bottom",
        fontsize=theme.font_size,
        fontstyle="italic",
        color=theme.muted,
    )
    entries = []
    if spec.cells:
        entries.append(
            KeyEntry(
                f"more than {SCATTER_INDIVIDUAL_DAYS} days back (area: how many days)",
                "marker",
                theme.muted,
            )
        )
    if older:
        entries.append(KeyEntry("earlier day", "marker", theme.muted))
    if recent:
        entries.append(
            KeyEntry(
                f"last {SCATTER_RECENT_DAYS} days",
                "marker",
                theme.metric_colour(spec.y_metric),
                edge=theme.foreground,
            )
        )
    if spec.fit is not None:
        entries.append(
            KeyEntry(
                f"trend (r = {spec.fit.r:+.2f})",
                "line",
                theme.foreground,
                linewidth=1.6,
                linestyle=(0, (6, 3)),
            )
        )
    key(fig, theme, entries)
    return [ax]


def scatter_point(spec: ScatterSpec, x: float, y: float, tolerance: float = 0.25) -> object | None:
    """The ScatterPoint drawn nearest data coordinates (x, y), if one is close enough."""
    best = None
    best_d = tolerance**2
    for p in spec.points:
        d = (p.x + p.dx - x) ** 2 + (p.y + p.dy - y) ** 2
        if d <= best_d:
            best, best_d = p, d
    return best
