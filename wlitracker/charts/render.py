"""Figures without a window: build one, draw a chart into it, save it as PNG, SVG or PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..core import chart_specs
from ..core.chart_specs import CHART_KINDS, ChartKind
from ..core.errors import ValidationError
from ..core.files import write_private
from ..core.journal import Journal
from ..core.models import GUILT, SATISFACTION
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
DEFAULT_TREND_DAYS = 91
DEFAULT_OVERVIEW_DAYS = 365


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


def draw_chart(
    fig: Canvas,
    journal: Journal,
    kind: ChartKind,
    *,
    experiment_id: int | None = None,
    metric: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    theme: ChartTheme = LIGHT,
) -> list[Axes]:
    """Build the spec of ``kind`` from the journal and draw it into ``fig``.

    Ranges default to: trend, the last 3 months; weekday and scatter, the last year;
    calendar, the year of ``start`` (else of ``end``, else this year).
    """
    if kind not in CHART_KINDS:
        raise ValidationError("chart", f"{kind!r} is not one of: {', '.join(CHART_KINDS)}")
    if kind in ("experiment", "compare"):
        if experiment_id is None:
            raise ValidationError("--experiment", f"the {kind} chart needs --experiment ID")
        if kind == "experiment":
            return draw_experiment(fig, chart_specs.experiment_chart(journal, experiment_id), theme)
        return draw_compare(fig, chart_specs.compare(journal, experiment_id), theme)
    last = end or journal.today()
    if kind == "calendar":
        year = (start or last).year
        spec = chart_specs.calendar(journal, year, metric or SATISFACTION)
        return draw_calendar(fig, spec, theme)
    days = DEFAULT_TREND_DAYS if kind == "trend" else DEFAULT_OVERVIEW_DAYS
    first = start or last - dt.timedelta(days=days - 1)
    if kind == "trend":
        metrics = (metric,) if metric else (SATISFACTION, GUILT)
        return draw_trend(fig, chart_specs.trend(journal, first, last, metrics), theme)
    if kind == "weekday":
        chosen = (metric,) if metric else None
        return draw_weekday(fig, chart_specs.weekday(journal, first, last, chosen), theme)
    if metric is not None:
        return draw_scatter(fig, chart_specs.scatter(journal, first, last, x_metric=metric), theme)
    return draw_scatter(fig, chart_specs.scatter(journal, first, last), theme)


def write_chart(
    journal: Journal,
    kind: ChartKind,
    path: Path | str,
    *,
    experiment_id: int | None = None,
    metric: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    theme: ChartTheme = LIGHT,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Draw a chart and save it; the format comes from the extension (checked first)."""
    fmt = format_of(path)
    fig = new_figure(size)
    draw_chart(
        fig,
        journal,
        kind,
        experiment_id=experiment_id,
        metric=metric,
        start=start,
        end=end,
        theme=theme,
    )
    return save_figure(fig, path, fmt, title=_figure_title(fig), journals=journal.protected)


def _figure_title(fig: Figure) -> str:
    texts = [t.get_text() for t in fig.texts]
    return texts[0] if texts else "wlitracker chart"
