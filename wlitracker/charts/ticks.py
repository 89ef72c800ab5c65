"""Axis ticks drawn as a few plain artists instead of matplotlib's Tick objects.

Each matplotlib tick is five artists, made, styled, measured and drawn one by one;
on these charts they took about a third of the drawing time. Here a whole axis is
one line of tick marks, one collection of grid lines and one text per label.
The axis label is then placed by its pad, from an estimate of the labels' width.
Charts make their Axes as ``PlainAxes``, which never build the Tick objects they
would not draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from matplotlib import axis as maxis
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, TICKLEFT, TICKRIGHT, TICKUP, MarkerStyle
from matplotlib.ticker import NullLocator
from matplotlib.transforms import ScaledTranslation

from .common import CHAR_WIDTH
from .theme import ChartTheme, style_axes

if TYPE_CHECKING:
    from matplotlib.axis import Tick
    from matplotlib.gridspec import SubplotSpec
    from matplotlib.text import Text

    from .common import Canvas

Axis = Literal["x", "y"]
Side = Literal["bottom", "top", "left", "right"]

MARK_LENGTH = 3.5  # points, as matplotlib's default major tick
PAD = 3.5  # points between a tick mark (or the spine) and its label
LABEL_PAD = 4.0  # points between the tick labels and the axis label, as matplotlib's
_GID = {"x": "xtick", "y": "ytick"}
_MARKERS = {
    side: MarkerStyle(marker)
    for side, marker in (
        ("bottom", TICKDOWN),
        ("top", TICKUP),
        ("left", TICKLEFT),
        ("right", TICKRIGHT),
    )
}


class _TicksOnDemand:
    """An Axis's tick list that starts empty; matplotlib's starts with one Tick made
    at once. An Axes builds four (five artists each) that charts here never draw."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, axis: maxis.Axis | None, owner: type) -> object:
        if axis is None:
            return self
        ticks: list[Tick] = []
        setattr(axis, self.name, ticks)  # until the Axis is cleared again
        return ticks


class _TicksMadeOnDemand(maxis.Axis):
    # matplotlib's names for the lists
    majorTicks = _TicksOnDemand("majorTicks")  # type: ignore[assignment]  # noqa: N815
    minorTicks = _TicksOnDemand("minorTicks")  # type: ignore[assignment]  # noqa: N815

    def _get_tick(self, major: bool) -> Tick:  # clipped as matplotlib's ticks are
        tick: Tick = super()._get_tick(major)  # type: ignore[misc]
        tick.set_clip_path(self.axes.patch)
        return tick


class _PlainXAxis(_TicksMadeOnDemand, maxis.XAxis):
    pass


class _PlainYAxis(_TicksMadeOnDemand, maxis.YAxis):
    pass


class PlainAxes(Axes):
    """An Axes for ticks from ``set_ticks``: matplotlib's Tick objects are made only if
    its own locators are asked to draw, so an Axes costs about a third less to make.
    Pass it as ``axes_class`` to ``add_subplot`` or ``add_axes``.
    """

    def _init_axis(self) -> None:  # as matplotlib's, with the axes above
        self.xaxis = _PlainXAxis(self, clear=False)
        self.spines.bottom.register_axis(self.xaxis)
        self.spines.top.register_axis(self.xaxis)
        self.yaxis = _PlainYAxis(self, clear=False)
        self.spines.left.register_axis(self.yaxis)
        self.spines.right.register_axis(self.yaxis)

    def clear(self) -> None:
        super().clear()
        for spine in self.spines.values():  # matplotlib places them as it makes a first Tick
            spine.set_position(("outward", 0.0))


def new_axes(
    fig: Canvas, theme: ChartTheme, where: SubplotSpec | tuple[float, float, float, float]
) -> Axes:
    """A ``PlainAxes`` in the theme's colours, in a grid cell or a rectangle given as
    (left, bottom, width, height) in figure fractions."""
    if isinstance(where, tuple):
        ax = fig.add_axes(where, axes_class=PlainAxes)
    else:
        ax = fig.add_subplot(where, axes_class=PlainAxes)
    style_axes(ax, theme)
    return ax


def set_ticks(
    ax: Axes,
    theme: ChartTheme,
    axis: Axis,
    positions: Sequence[float],
    labels: Sequence[str] | None = None,
    *,
    grid: bool = False,
    marks: bool = True,
    side: Side | None = None,
) -> list[Text]:
    """Tick marks, labels (the positions as numbers unless given) and grid lines on one axis.

    ``side``: where the labels go (bottom or top for x, left or right for y); the
    axis label follows. matplotlib's own ticks on that axis are switched off.
    Returns the label texts.
    """
    side = side or ("bottom" if axis == "x" else "left")
    if side not in (("bottom", "top") if axis == "x" else ("left", "right")):
        raise ValueError(f"an {axis} axis has no {side} side")
    texts = [f"{p:g}" for p in positions] if labels is None else [str(t) for t in labels]
    if len(texts) != len(positions):
        raise ValueError(f"{len(positions)} tick positions but {len(texts)} labels")
    along = ax.xaxis if axis == "x" else ax.yaxis
    along.set_major_locator(NullLocator())
    along.set_minor_locator(NullLocator())
    trans = ax.get_xaxis_transform() if axis == "x" else ax.get_yaxis_transform()
    if grid and positions:
        segments = [
            [(p, 0.0), (p, 1.0)] if axis == "x" else [(0.0, p), (1.0, p)] for p in positions
        ]
        lines = LineCollection(
            segments,
            colors=theme.grid,
            linewidths=0.6,
            zorder=0.5,  # as matplotlib's grid below the data
            transform=trans,
            gid=f"{axis} grid",
        )
        ax.add_collection(lines, autolim=False)
    offset = PAD + (MARK_LENGTH if marks else 0.0)
    edge = 1.0 if side in ("top", "right") else 0.0
    if marks and positions:
        edges = [edge] * len(positions)
        xs, ys = (positions, edges) if axis == "x" else (edges, positions)
        ax.add_line(
            Line2D(
                xs,
                ys,
                linestyle="",
                marker=_MARKERS[side],
                markersize=MARK_LENGTH,
                markeredgewidth=0.8,
                color=theme.grid,
                transform=trans,
                clip_on=False,
                gid=f"{axis} tick marks",
            )
        )
    fig = ax.figure
    away = offset / 72 * (1 if side in ("top", "right") else -1)
    dx, dy = (0.0, away) if axis == "x" else (away, 0.0)
    shift = ScaledTranslation(dx, dy, fig.dpi_scale_trans)
    drawn = [
        ax.text(
            *((p, edge) if axis == "x" else (edge, p)),
            text,
            transform=trans + shift,
            ha={"bottom": "center", "top": "center", "left": "right", "right": "left"}[side],
            va={"bottom": "top", "top": "bottom"}.get(side, "center_baseline"),
            fontsize=theme.font_size,
            color=theme.foreground,
            clip_on=False,
            gid=_GID[axis],
        )
        for p, text in zip(positions, texts, strict=True)
    ]
    along.set_label_position(side)  # type: ignore[arg-type]
    if axis == "x":
        lines_of_text = max((t.count("\n") + 1 for t in texts), default=0)
        along.labelpad = offset + lines_of_text * theme.font_size * 1.2 + LABEL_PAD
    else:
        widest = max((len(line) for t in texts for line in t.split("\n")), default=0)
        along.labelpad = offset + widest * theme.font_size * CHAR_WIDTH + LABEL_PAD
    return drawn


def date_ticks(
    ax: Axes, theme: ChartTheme, first: float, last: float, *, grid: bool = False
) -> list[Text]:
    """Date ticks between two x positions, chosen and worded as matplotlib's concise dates."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator, show_offset=False
    )
    low, high = min(first, last), max(first, last)
    values = locator.tick_values(  # type: ignore[no-untyped-call]
        mdates.num2date(low),  # type: ignore[no-untyped-call]
        mdates.num2date(high),  # type: ignore[no-untyped-call]
    )
    positions = [float(v) for v in values if low <= v <= high]
    labels: list[str] = (
        formatter.format_ticks(positions)  # type: ignore[no-untyped-call]
        if positions
        else []
    )
    return set_ticks(ax, theme, "x", positions, labels, grid=grid)


def tick_labels(ax: Axes, axis: Axis) -> list[str]:
    """The tick labels drawn on one axis, in the order they were given."""
    return [t.get_text() for t in ax.texts if t.get_gid() == _GID[axis]]
