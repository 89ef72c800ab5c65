"""Chart colours for light and dark, applied to one Figure at a time (never to rcParams).

The phase and metric colours are the window's too (``colours``, which loads no matplotlib).
Every chart also tells things apart by shape or hatching, so it reads printed in
black and white; hatched areas are painted in ``solid`` colours for that reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from matplotlib import rc_context
from matplotlib.colors import to_rgb

from .colours import BASELINE, METRIC_COLOURS, OTHER_COLOURS, TRIAL

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas

# Settings read while a chart is drawn, applied around each drawing rather than to the
# process's rcParams: text drawn unhinted is about a third quicker in matplotlib 3.11
# and reads the same at screen sizes.
DRAWING_RC: Mapping[str, Any] = MappingProxyType({"text.hinting": "none"})


@contextmanager
def drawing(extra: Mapping[str, Any] | None = None) -> Iterator[None]:
    """While drawing or saving a chart: the chart settings, the process's left alone."""
    settings: dict[Any, Any] = {**DRAWING_RC, **(extra or {})}
    with rc_context(settings):
        yield


@dataclass(frozen=True)
class ChartTheme:
    name: str
    background: str
    axes_background: str
    foreground: str
    muted: str  # secondary text, older points
    grid: str
    baseline: str
    trial: str
    phase_alpha: float
    band: str  # experiment periods in trends
    unusual: str
    note: str
    mean_line: str  # phase means
    metric_colours: Mapping[str, str] = field(default_factory=dict)
    other_colours: tuple[str, ...] = ()
    font_size: float = 9.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "metric_colours", MappingProxyType(dict(self.metric_colours)))

    def metric_colour(self, metric: str, index: int = 0) -> str:
        """A metric's own colour; others take colours in turn."""
        colour = self.metric_colours.get(metric)
        if colour is not None:
            return colour
        return self.other_colours[index % len(self.other_colours)]


LIGHT = ChartTheme(
    name="light",
    background="#ffffff",
    axes_background="#ffffff",
    foreground="#1f2124",
    muted="#6b7078",
    grid="#e3e5e8",
    baseline=BASELINE,
    trial=TRIAL,
    phase_alpha=0.22,
    band="#b9a3d6",
    unusual="#b04a3a",
    note="#8a6d00",
    mean_line="#1f2124",
    metric_colours=METRIC_COLOURS["light"],
    other_colours=OTHER_COLOURS["light"],
)

DARK = ChartTheme(
    name="dark",
    background="#1f2124",
    axes_background="#26292d",
    foreground="#e6e6e6",
    muted="#9aa0a8",
    grid="#3a3e44",
    baseline=BASELINE,
    trial=TRIAL,
    phase_alpha=0.20,
    band="#a58fd0",
    unusual="#ff8a73",
    note="#f2c94c",
    mean_line="#f4f4f4",
    metric_colours=METRIC_COLOURS["dark"],
    other_colours=OTHER_COLOURS["dark"],
)

THEMES: Mapping[str, ChartTheme] = MappingProxyType({"light": LIGHT, "dark": DARK})


def theme_named(name: str) -> ChartTheme:
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown chart theme {name!r}; use light or dark") from None


Colour = str | tuple[float, float, float] | tuple[float, float, float, float]


def solid(colour: Colour, alpha: float, under: Colour) -> tuple[float, float, float]:
    """``colour`` seen at ``alpha`` over ``under``, as one opaque colour.

    A PDF draws a hatch pattern at its area's transparency, in the hatch colour
    without its own: a pale translucent area with hatching in its own colour
    prints as a plain tint. Opaque colours look the same on screen and keep the
    hatching on paper.
    """
    top, bottom = to_rgb(colour), to_rgb(under)
    r, g, b = (alpha * t + (1 - alpha) * u for t, u in zip(top, bottom, strict=True))
    return (r, g, b)


def style_figure(fig: Canvas, theme: ChartTheme) -> None:
    fig.set_facecolor(theme.background)


def style_axes(ax: Axes, theme: ChartTheme) -> None:
    """Colours for an Axes. Ticks and grid lines come from ``charts.ticks``, in the theme too."""
    ax.set_facecolor(theme.axes_background)
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    for label in (ax.xaxis.label, ax.yaxis.label):
        label.set_color(theme.foreground)
        label.set_fontsize(theme.font_size)
    ax.title.set_color(theme.foreground)
