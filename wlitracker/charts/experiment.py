"""The experiment chart: each target metric day by day, phases shaded, adherence below."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.ticker import NullLocator

from ..core.model.entities import Adherence, PhaseKind
from ..core.model.words import ADHERENCE_WORDS
from ..core.present.chart_specs import EMPTY_MESSAGE, ExperimentChartSpec, MetricSeries, PhaseBand
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
    start,
    title,
    values_of,
    x_of,
    xs_of,
)
from .theme import ChartTheme, solid
from .ticks import date_ticks, new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import FillStyleType

    from .common import Canvas

HATCH_TRIAL = "///"
HATCH_UNUSUAL = "xx"
KINDS = (PhaseKind.BASELINE, PhaseKind.TRIAL)
_ADHERENCE_STYLE: dict[Adherence, tuple[FillStyleType, str]] = {
    Adherence.DONE: ("full", ADHERENCE_WORDS[Adherence.DONE]),
    Adherence.PARTLY: ("left", ADHERENCE_WORDS[Adherence.PARTLY]),
    Adherence.NOT_DONE: ("none", ADHERENCE_WORDS[Adherence.NOT_DONE]),
}


def phase_colour(kind: PhaseKind, theme: ChartTheme) -> str:
    return theme.trial if kind is PhaseKind.TRIAL else theme.baseline


def shade_phases(
    ax: Axes, bands: Sequence[PhaseBand], theme: ChartTheme, kinds: Sequence[PhaseKind] = KINDS
) -> None:
    """Each phase shaded over its days, full height; trial phases are hatched too, so
    they differ in black and white. One collection per kind (gid "phase trial"...):
    a patch per phase costs more to make than to draw.
    """
    for kind in kinds:
        spans = [
            ((x0 := x_of(b.start) - 0.5, 0.0), (x1 := x_of(b.end) + 0.5, 0.0), (x1, 1.0), (x0, 1.0))
            for b in bands
            if b.kind is kind
        ]
        if not spans:
            continue
        colour = phase_colour(kind, theme)
        face = solid(colour, theme.phase_alpha, theme.axes_background)
        shading = PolyCollection(
            spans,
            facecolors=face,
            edgecolors=solid(colour, 0.55, face),  # the hatch's colour
            hatch=HATCH_TRIAL if kind is PhaseKind.TRIAL else None,
            linewidths=0,
            zorder=0,
            transform=ax.get_xaxis_transform(),
            gid=f"phase {kind.value}",
        )
        ax.add_collection(shading, autolim=False)


def _draw_metric(
    ax: Axes, series: MetricSeries, theme: ChartTheme, index: int, size: float, connect: bool
) -> None:
    """``size``: the marker diameter in points, smaller when days would overlap."""
    colour = theme.metric_colour(series.metric, index)
    low, high = series.min_value, series.max_value
    pad = max((high - low) * 0.06, 0.3)
    shade_phases(ax, series.phases, theme)
    for band in series.phases if index == 0 else ():  # labels on the top axes only
        ax.text(
            (x_of(band.start) + x_of(band.end)) / 2,
            0.985,
            band.label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=theme.font_size,
            fontweight="bold",
            color=theme.foreground,
            gid="phase label",
        )
    # Unusual days: a hatched strip through the plot, and an x where they were rated.
    unusual = series.unusual_days
    if unusual:
        ax.broken_barh(
            [(x_of(d.date) - 0.5, 1.0) for d in unusual],
            (low - pad, high - low + pad * 4.2),
            facecolors=to_rgba(theme.unusual, 0.10 if size >= 4 else 0.3),
            edgecolors=to_rgba(theme.unusual, 0.45),
            hatch=HATCH_UNUSUAL if size >= 4 else None,  # too narrow to show a hatch
            linewidth=0,
            zorder=0.5,
            gid="unusual strip",
        )
        rated = [d for d in unusual if d.value is not None]
        if rated:
            ax.plot(
                xs_of([d.date for d in rated]),
                values_of([d.value for d in rated]),
                linestyle="",
                marker="x",
                markersize=size,
                markeredgewidth=1.4 if size > 4 else 0.8,
                color=theme.unusual,
                zorder=3,
                gid="unusual days",
            )
    xs = xs_of([d.date for d in series.days])
    # The data path: broken at missing and unusual days and between phases.
    if connect and series.days:
        ys = values_of([d.value if d.usable else None for d in series.days])
        ends = np.array([x_of(b.end) for b in series.phases[:-1]])
        breaks = np.searchsorted(xs, ends, side="right")  # after each phase's last day
        ax.plot(
            np.insert(xs, breaks, np.nan),
            np.insert(ys, breaks, np.nan),
            color=colour,
            linewidth=0.9,
            alpha=0.55,
            zorder=2,
            gid="path",
        )
    usable = series.usable_days
    if usable:
        ax.scatter(
            xs_of([d.date for d in usable]),
            values_of([d.value for d in usable]),
            s=max(size * 0.8, 2.4) ** 2,
            color=colour,
            edgecolors=theme.axes_background,
            linewidths=0.6,
            zorder=4,
            gid="days",
        )
    if series.days:
        ax.plot(
            xs,
            values_of(series.rolling),
            color=colour,
            linewidth=2.2,
            alpha=0.8,
            zorder=3,
            gid="rolling mean",
        )
    means = [b for b in series.phases if b.mean is not None]
    if means:
        ax.hlines(
            values_of([b.mean for b in means]),
            [x_of(b.start) - 0.5 for b in means],
            [x_of(b.end) + 0.5 for b in means],
            colors=theme.mean_line,
            linestyles=(0, (5, 3)),
            linewidth=1.4,
            zorder=3.5,
            gid="phase means",
        )
    ax.set_ylim(low - pad, high + pad * 3.2)  # room for the phase labels
    set_ticks(ax, theme, "y", integer_ticks(low, high), grid=True)
    ax.set_ylabel(axis_label(series.label, series.better))
    attach_hover(ax, xs, series.days)


def _draw_strip(ax: Axes, spec: ExperimentChartSpec, theme: ChartTheme, size: float) -> None:
    """Did the change happen (trial days), and which days have a note."""
    shade_phases(ax, spec.phases, theme, kinds=(PhaseKind.TRIAL,))
    for mark, (fill, label) in _ADHERENCE_STYLE.items():
        days = [a.date for a in spec.adherence if a.mark is mark]
        if days:
            ax.plot(
                xs_of(days),
                np.ones(len(days)),
                linestyle="",
                marker="o",
                markersize=size,
                fillstyle=fill,
                color=theme.foreground,
                markerfacecoloralt="none",
                markeredgewidth=1.1,
                gid=label,
                zorder=3,
            )
    if spec.notes:
        ax.plot(
            xs_of([d.date for d in spec.notes]),
            np.zeros(len(spec.notes)),
            linestyle="",
            marker="v",
            markersize=size,
            color=theme.note,
            markeredgecolor=theme.foreground,
            markeredgewidth=0.5,
            gid="notes",
            zorder=3,
        )
    ax.set_ylim(-0.7, 1.7)
    set_ticks(ax, theme, "y", [0, 1], ["note", "did it"], marks=False)
    attach_hover(
        ax, xs_of([d.date for d in spec.notes]), spec.notes
    )  # notes: the strip's hover shows the note


def _legend(fig: Canvas, theme: ChartTheme, spec: ExperimentChartSpec) -> None:
    entries = [
        KeyEntry(
            "baseline (A)",
            "patch",
            solid(theme.baseline, theme.phase_alpha + 0.1, theme.background),
            edge=theme.baseline,
        ),
        KeyEntry(
            "trial (B)",
            "patch",
            trial := solid(theme.trial, theme.phase_alpha + 0.1, theme.background),
            edge=solid(theme.trial, 0.7, trial),
            hatch=HATCH_TRIAL,
        ),
        KeyEntry("rated day", "marker", theme.muted),
        KeyEntry(f"{spec.rolling_days}-day mean", "line", theme.muted, linewidth=2.2),
        KeyEntry("phase mean", "line", theme.mean_line, linewidth=1.4, linestyle=(0, (5, 3))),
    ]
    if any(m.unusual_days for m in spec.metrics):
        entries.append(
            KeyEntry(
                "unusual day (left out)",
                "patch",
                to_rgba(theme.unusual, 0.15),
                edge=to_rgba(theme.unusual, 0.6),
                hatch=HATCH_UNUSUAL,
            )
        )
    for mark, (fill, label) in _ADHERENCE_STYLE.items():
        if any(a.mark is mark for a in spec.adherence):
            entries.append(KeyEntry(label, "marker", theme.foreground, fillstyle=fill))
    if spec.notes:
        entries.append(KeyEntry("note", "marker", theme.note, edge=theme.foreground, marker="v"))
    key(fig, theme, entries)


def draw_experiment(fig: Canvas, spec: ExperimentChartSpec, theme: ChartTheme) -> list[Axes]:
    """Draw ``spec`` into ``fig`` (a Figure or SubFigure); returns the metric axes and the strip.

    Hover: ``charts.common.item_at(ax, x)`` gives the DayPoint under x on a metric axes.
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.start is None or spec.end is None or not spec.metrics:
        empty(fig, theme, heading, "Not scheduled yet: the chart appears once it starts")
        return []
    top = 0.75 if spec.title else (0.3 if spec.subtitle else 0.15)
    title(fig, theme, heading, spec.subtitle)
    n = len(spec.metrics)
    gs = grid(
        fig,
        n + 1,
        top=top,
        bottom=0.95,
        left=1.05,
        right=0.3,
        hspace=0.18,
        height_ratios=[3.0] * n + [0.75],
    )
    size = marker_size(fig, (spec.end - spec.start).days + 1, 6.5)
    # No shared x axis: the upper axes need no date ticks at all (ticks are costly to draw).
    x_range = (x_of(spec.start) - 0.6, x_of(spec.end) + 0.6)
    axes: list[Axes] = []
    for i, series in enumerate(spec.metrics):
        ax = new_axes(fig, theme, gs[i])
        _draw_metric(ax, series, theme, i, size, spec.connect_days)
        ax.set_xlim(*x_range)
        ax.xaxis.set_major_locator(NullLocator())
        axes.append(ax)
    strip = new_axes(fig, theme, gs[n])
    _draw_strip(strip, spec, theme, size)
    strip.set_xlim(*x_range)
    date_ticks(strip, theme, *x_range)
    axes.append(strip)
    if spec.is_empty:
        axes[0].text(
            0.5,
            0.5,
            EMPTY_MESSAGE,
            transform=axes[0].transAxes,
            ha="center",
            va="center",
            fontsize=theme.font_size + 1,
            color=theme.muted,
        )
    _legend(fig, theme, spec)
    return axes
