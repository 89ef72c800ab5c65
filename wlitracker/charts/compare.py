"""Before and after: baseline and trial values of each target side by side, NAP in words.

Targets on the same scale share one Axes (a group of two boxes each): every
Axes costs more to draw than everything inside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..core.model.entities import PhaseKind
from ..core.model.words import STATUS_WORDS
from ..core.present.chart_specs import CompareMetric, CompareSpec, jitter
from .common import (
    attach_hover,
    axis_label,
    empty,
    grid,
    integer_ticks,
    shorten,
    size_inches,
    start,
    title,
)
from .experiment import HATCH_TRIAL, phase_colour
from .theme import ChartTheme, solid
from .ticks import new_axes, set_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas

GROUP = 3.0  # x distance between the groups of two metrics
CAPTION_BELOW_IN = 0.5  # from the axes' bottom edge to the caption: two lines of tick labels


def axes_height_in(ax: Axes) -> float:
    return float(ax.get_position().height * ax.get_figure().get_size_inches()[1])  # type: ignore[union-attr]


def nap_caption(m: CompareMetric, width_in: float, font_size: float) -> str:
    """ "A trial day was better than a baseline day in 82% of comparisons", wrapped to fit."""
    words = m.nap_words[:1].upper() + m.nap_words[1:]
    if m.nap_ci is not None:
        words += f" (95% CI {round(m.nap_ci[0] * 100)}% to {round(m.nap_ci[1] * 100)}%)"
    chars = max(int(width_in * 72 / (font_size * 0.55)), 20)
    return "\n".join(textwrap.wrap(words, chars))


def _draw_metric(
    ax: Axes, m: CompareMetric, origin: float, theme: ChartTheme, width_in: float
) -> list[str]:
    """One metric's two boxes at ``origin`` and ``origin + 1``; returns the tick labels."""
    groups = (
        (PhaseKind.BASELINE, m.baseline, m.baseline_box, m.baseline_mean),
        (PhaseKind.TRIAL, m.trial, m.trial_box, m.trial_mean),
    )
    labels: list[str] = []
    whiskers: list[tuple[float, float, float]] = []  # x, from, to
    caps: list[tuple[float, float]] = []
    medians: list[tuple[float, float]] = []
    means: list[tuple[float, float]] = []
    for offset, (kind, days, box, mean) in enumerate(groups):
        x = origin + offset
        labels.append(f"{kind.value}\n{len(days)} day{'s' if len(days) != 1 else ''}")
        values = [d.value for d in days if d.value is not None]
        if box is None or not values:
            continue
        colour = phase_colour(kind, theme)
        ax.bar(  # the box drawn by hand: Axes.boxplot costs more than the whole chart
            x,
            max(box.q3 - box.q1, 0.04),
            bottom=box.q1,
            width=0.5,
            color=(face := solid(colour, 0.35, theme.axes_background)),
            edgecolor=solid(colour, 0.9, face) if theme.name == "dark" else theme.muted,
            hatch=HATCH_TRIAL if kind is PhaseKind.TRIAL else None,
            linewidth=1.0,
            zorder=1,
            gid=f"{m.metric} {kind.value} box",
        )
        whiskers += [(x, box.low, box.q1), (x, box.q3, box.high)]
        caps += [(x, box.low), (x, box.high)]
        medians.append((x, box.median))
        ax.scatter(
            x + np.array([jitter(d.date, 3) for d in days]),
            values,
            s=18,
            color=theme.metric_colour(m.metric),
            edgecolors=theme.axes_background,
            linewidths=0.5,
            alpha=0.85,
            zorder=4,
            gid=f"{m.metric} {kind.value} days",
        )
        if mean is not None:
            means.append((x, mean))
    if whiskers:
        ax.vlines(
            [w[0] for w in whiskers],
            [w[1] for w in whiskers],
            [w[2] for w in whiskers],
            colors=theme.muted,
            linewidth=1.0,
            zorder=0.9,
        )
        ax.hlines(
            [c[1] for c in caps] + [md[1] for md in medians],
            [c[0] - 0.12 for c in caps] + [md[0] - 0.25 for md in medians],
            [c[0] + 0.12 for c in caps] + [md[0] + 0.25 for md in medians],
            colors=[theme.muted] * len(caps) + [theme.foreground] * len(medians),
            linewidth=[1.0] * len(caps) + [1.8] * len(medians),
            zorder=2,
        )
    if means:
        ax.plot(
            [x + 0.34 for x, _ in means],
            [v for _, v in means],
            marker="<",
            markersize=8,
            color=theme.foreground,
            linestyle="",
            zorder=5,
            gid=f"{m.metric} means",
        )
        for x, mean in means:
            ax.text(  # the number only: "mean" is said once, under the chart
                x + 0.43,
                mean,
                f"{mean:.1f}",
                va="center",
                ha="left",
                fontsize=theme.font_size - 0.5,
                color=theme.foreground,
            )
    centre = origin + 0.5
    ax.text(
        centre,
        1.015,
        f"{m.label}: {STATUS_WORDS.get(m.status, m.status)}\n"
        f"({m.better} is better {'↑' if m.better == 'higher' else '↓'})",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=theme.font_size + 0.5,
        fontweight="bold",
        color=theme.foreground,
        gid=f"{m.metric} heading",
    )
    ax.text(  # under the two lines of each box's name, whatever the chart's height
        centre,
        -CAPTION_BELOW_IN / max(axes_height_in(ax), 0.5),
        nap_caption(m, width_in, theme.font_size),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize=theme.font_size,
        color=theme.foreground,
        gid=f"{m.metric} nap",
    )
    return labels


def _draw_group(
    ax: Axes, metrics: Sequence[CompareMetric], theme: ChartTheme, width_in: float
) -> None:
    labels: list[str] = []
    for i, m in enumerate(metrics):
        labels += _draw_metric(ax, m, i * GROUP, theme, width_in / len(metrics) - 0.3)
    low = min(m.min_value for m in metrics)
    high = max(m.max_value for m in metrics)
    pad = max((high - low) * 0.06, 0.3)
    if len(metrics) > 1:  # a rule between the metrics
        ax.vlines(
            [i * GROUP - 0.75 for i in range(1, len(metrics))],
            low - pad,
            high + pad,
            colors=theme.grid,
            linewidth=1.2,
            zorder=0.5,
        )
    set_ticks(
        ax,
        theme,
        "x",
        [i * GROUP + offset for i in range(len(metrics)) for offset in (0, 1)],
        [label.capitalize() for label in labels],
    )
    ax.set_xlim(-0.6, (len(metrics) - 1) * GROUP + 2.05)
    ax.set_ylim(low - pad, high + pad)
    set_ticks(ax, theme, "y", integer_ticks(low, high), grid=True)
    ax.set_ylabel(
        axis_label(metrics[0].label, metrics[0].better)
        if len(metrics) == 1
        else f"Rating ({low} to {high})"
    )
    attach_hover(ax, np.array([i * GROUP + 0.5 for i in range(len(metrics))], dtype=float), metrics)


def draw_compare(fig: Canvas, spec: CompareSpec, theme: ChartTheme) -> list[Axes]:
    """Baseline against trial for each target metric; one Axes per scale, returned.

    ``item_at(ax, x, tolerance=1.5)`` gives the CompareMetric of the group under x.
    """
    start(fig, theme)
    heading = shorten(spec.title, 90)
    if spec.is_empty:
        empty(fig, theme, heading)
        return []
    phases = f"baseline: phase {spec.baseline_label}; trial: phase {spec.trial_label}"
    title(fig, theme, heading, f"◀ marks the mean; {spec.subtitle}; {phases}")
    groups: dict[tuple[int, int], list[CompareMetric]] = {}
    for m in spec.metrics:
        groups.setdefault((m.min_value, m.max_value), []).append(m)
    width, _ = size_inches(fig)
    # Room under the boxes' names for the longest caption, as wrapped at this width.
    share = (width - 1.2 - 1.0 * (len(groups) - 1)) / max(len(spec.metrics), 1) - 0.3
    lines = max(nap_caption(m, share, theme.font_size).count("\n") + 1 for m in spec.metrics)
    bottom = CAPTION_BELOW_IN + lines * theme.font_size * 1.25 / 72 + 0.15
    gs = grid(
        fig,
        1,
        len(groups),
        left=0.95,
        right=0.25,
        top=1.2,
        bottom=bottom,
        wspace=1.0,
        most_bottom=0.5,
    )
    gs.set_width_ratios([len(g) for g in groups.values()])
    axes: list[Axes] = []
    for i, metrics in enumerate(groups.values()):
        ax = new_axes(fig, theme, gs[0, i])
        share = len(metrics) / len(spec.metrics)
        _draw_group(ax, metrics, theme, (width - 1.2 - 1.0 * (len(groups) - 1)) * share)
        axes.append(ax)
    return axes
