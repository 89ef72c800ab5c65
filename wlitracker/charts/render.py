"""Figures without a window: build one, draw a chart spec into it, save it as PNG, SVG or PDF."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..core.files import write_private
from ..core.model.errors import ValidationError
from ..core.present.chart_specs import (
    CalendarSpec,
    ChartSpec,
    CompareSpec,
    ExperimentChartSpec,
    TrendSpec,
    WeekdaySpec,
)
from .calendar import draw_calendar
from .compare import draw_compare
from .experiment import draw_experiment
from .scatter import draw_scatter
from .theme import LIGHT, ChartTheme, drawing
from .trend import draw_trend
from .weekday import draw_weekday

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .common import Canvas

FORMATS = ("png", "svg", "pdf")
DEFAULT_SIZE = (10.0, 6.0)  # inches
DEFAULT_DPI = 100
EXPORT_DPI = 150  # PNG files


class ChartCanvasAgg(FigureCanvasAgg):
    """The Agg canvas, drawing with the chart settings (``theme.drawing``)."""

    def draw(self) -> None:
        with drawing():
            super().draw()  # type: ignore[no-untyped-call]


def new_figure(size: tuple[float, float] = DEFAULT_SIZE, dpi: float = DEFAULT_DPI) -> Figure:
    """A Figure on the Agg canvas (no pyplot, no window)."""
    fig = Figure(figsize=size, dpi=dpi)
    ChartCanvasAgg(fig)
    return fig


def format_of(path: Path | str, allowed: Sequence[str] = FORMATS, field: str = "-o") -> str:
    """The file format from the extension; a ``ValidationError`` names the allowed ones."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        names = ", ".join(f".{a}" for a in allowed[:-1]) + f" or .{allowed[-1]}"
        shown = f".{suffix}" if suffix else "no extension"
        raise ValidationError(field, f"{Path(path).name} has {shown}; the file must end in {names}")
    return suffix


def save_figure(
    fig: Figure,
    path: Path | str,
    fmt: str | None = None,
    title: str = "",
    dpi: float | None = None,
    journals: Iterable[Path] = (),
) -> Path:
    """Write ``fig`` as PNG, SVG or PDF (from the extension unless ``fmt`` is given).

    PDF text is embedded as TrueType so it can be searched and copied. The file is
    owner-only and written whole or not at all (``core.files.write_private``);
    ``journals`` are never written over. A problem becomes a ``WliError`` naming it.
    """
    target = Path(path)
    kind = fmt or format_of(target)
    metadata = {"Title": title} if title and kind in ("pdf", "svg") else {}
    if kind in ("pdf", "svg"):
        metadata["Creator"] = "wlitracker"

    def write(handle: BinaryIO) -> None:
        with drawing({"pdf.fonttype": 42, "svg.fonttype": "path"}):
            fig.savefig(
                handle,
                format=kind,
                dpi=dpi or (EXPORT_DPI if kind == "png" else fig.dpi),
                facecolor=fig.get_facecolor(),
                metadata=metadata or None,
            )

    return write_private(target, write, journals, "-o")


def draw_spec(fig: Canvas, spec: ChartSpec, theme: ChartTheme = LIGHT) -> list[Axes]:
    """Draw ``spec`` into ``fig`` with the drawing function of its kind."""
    if isinstance(spec, ExperimentChartSpec):
        return draw_experiment(fig, spec, theme)
    if isinstance(spec, CompareSpec):
        return draw_compare(fig, spec, theme)
    if isinstance(spec, TrendSpec):
        return draw_trend(fig, spec, theme)
    if isinstance(spec, CalendarSpec):
        return draw_calendar(fig, spec, theme)
    if isinstance(spec, WeekdaySpec):
        return draw_weekday(fig, spec, theme)
    return draw_scatter(fig, spec, theme)


def write_chart(
    spec: ChartSpec,
    path: Path | str,
    *,
    theme: ChartTheme = LIGHT,
    size: tuple[float, float] = DEFAULT_SIZE,
    journals: Iterable[Path],
) -> Path:
    """Draw ``spec`` and save it; the format comes from the extension (checked first).

    ``journals``: the files of the journal the spec was built from, never written over.
    """
    fmt = format_of(path)
    fig = new_figure(size)
    draw_spec(fig, spec, theme)
    return save_figure(fig, path, fmt, title=_figure_title(fig), journals=journals)


def _figure_title(fig: Figure) -> str:
    texts = [t.get_text() for t in fig.texts]
    return texts[0] if texts else "wlitracker chart"
