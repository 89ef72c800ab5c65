"""A drawn chart as the window gets it: pixels, its texts, and a map back to the spec's days.

Charts are drawn in a process of their own (``charts.server``) and come back as a
``Picture``, which the window can read without matplotlib: each Axes becomes a ``Region``
(its box in pixels, the affine map between its data and those pixels, and what hovering
over it finds). This module imports only the core: not matplotlib, not numpy.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..core.present.chart_specs import CalendarSpec

Affine = tuple[float, float, float, float, float, float]  # x' = a x + b y + c, y' = d x + e y + f


class Lookup(Protocol):
    """What is drawn at a position in an Axes' data coordinates."""

    def at(self, x: float, y: float, tolerance: float) -> object | None: ...


@dataclass(frozen=True)
class HoverData:
    """The spec items drawn along x (a day, a week's mean, a weekday...), nearest wins."""

    xs: tuple[float, ...]  # sorted x positions
    items: tuple[object, ...]  # DayPoint, SeriesPoint... one per x

    def nearest(self, x: float, tolerance: float = 0.5) -> object | None:
        if not self.xs:
            return None
        i = bisect_left(self.xs, x)
        best: int | None = None
        for j in (i - 1, i):
            if 0 <= j < len(self.xs) and (
                best is None or abs(self.xs[j] - x) < abs(self.xs[best] - x)
            ):
                best = j
        if best is None or abs(self.xs[best] - x) > tolerance:
            return None
        return self.items[best]

    def at(self, x: float, y: float, tolerance: float) -> object | None:
        return self.nearest(x, tolerance)


def calendar_cell(spec: CalendarSpec, x: float, y: float) -> object | None:
    """The DayPoint under data coordinates (x, y) of the calendar axes, or None."""
    column, row = round(x), round(y)
    if not (1 <= column <= spec.columns and 1 <= row <= len(spec.bands)):
        return None
    return spec.bands[row - 1].cells[column - 1]


@dataclass(frozen=True)
class CalendarCells:
    """The calendar's grid of days: found by both coordinates."""

    spec: CalendarSpec

    def at(self, x: float, y: float, tolerance: float) -> object | None:
        return calendar_cell(self.spec, x, y)


def _apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + b * y + c, d * x + e * y + f


def invert(m: Affine) -> Affine:
    a, b, c, d, e, f = m
    det = a * e - b * d
    if det == 0:
        raise ValueError("a flat Axes has no inverse")
    ia, ib, id_, ie = e / det, -b / det, -d / det, a / det
    return (ia, ib, -(ia * c + ib * f), id_, ie, -(id_ * c + ie * f))


@dataclass(frozen=True)
class Region:
    """One Axes: pixels are from the image's bottom-left corner, as matplotlib counts them."""

    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    to_pixels: Affine
    lookup: Lookup | None = None

    def contains(self, px: float, py: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= px <= x1 and y0 <= py <= y1

    def pixel_of(self, x: float, y: float) -> tuple[float, float]:
        """Where a point in data coordinates is drawn."""
        return _apply(self.to_pixels, x, y)

    def data_at(self, px: float, py: float) -> tuple[float, float]:
        return _apply(invert(self.to_pixels), px, py)

    def item_at(self, px: float, py: float, tolerance: float = 0.5) -> object | None:
        if self.lookup is None:
            return None
        x, y = self.data_at(px, py)
        return self.lookup.at(x, y, tolerance)


@dataclass(frozen=True)
class Picture:
    """A chart drawn at a size: RGBA pixels, every text on it, its regions.

    ``problem``: why the chart is a message instead (the spec could not be drawn).
    """

    pixels: bytes
    width: int
    height: int
    texts: tuple[str, ...] = ()
    background: tuple[float, float, float] = (1.0, 1.0, 1.0)  # RGB, 0 to 1
    regions: tuple[Region, ...] = ()
    problem: str = ""

    def items_at(self, px: float, py: float) -> Iterator[object]:
        """The spec items under pixel (``px``, ``py``) counted from the bottom-left, one per
        Axes that has one there."""
        for region in self.regions:
            if region.contains(px, py):
                item = region.item_at(px, py)
                if item is not None:
                    yield item
