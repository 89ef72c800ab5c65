"""Charts are drawn on a thread of their own, never on the one that answers the person.

Loading matplotlib takes most of a second and drawing a ten-year chart around a tenth of
one; on the window's thread either would freeze it. One thread (``background.SerialThread``)
loads matplotlib after the first paint (``preload``), then draws each requested chart at
the size its view has into an image, and hands back the image and the Figure (whose
transforms the view uses for hover text). A request superseded by a newer one for the
same view before it starts is skipped.

matplotlib is not made for two threads at once: whatever else in the window uses it
(saving a chart, writing a report) holds ``DRAWING`` while it does.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .background import SerialThread

if TYPE_CHECKING:
    from ..core.present.chart_specs import ChartSpec

log = logging.getLogger(__name__)
DRAWING = threading.RLock()  # held by whoever is inside matplotlib


@dataclass(frozen=True)
class Request:
    view: int  # which view asked (its key in ``latest``)
    number: int
    spec: ChartSpec
    theme: str  # "light" or "dark"
    width: int  # device pixels
    height: int
    dpi: float


@dataclass(frozen=True)
class Drawn:
    """A chart drawn: the RGBA pixels, or the problem that stopped it."""

    view: int
    number: int
    pixels: bytes
    width: int
    height: int
    figure: Any  # matplotlib Figure, for hover and saving
    problem: str = ""


class _Delivery(QObject):
    """Lives on the window's thread: a signal emitted from the worker is queued to it."""

    drawn = Signal(object)  # Drawn


class ChartWorker:
    def __init__(self) -> None:
        self._thread = SerialThread("charts")
        self._numbers = itertools.count(1)
        self._views = itertools.count(1)
        self.latest: dict[int, int] = {}  # view -> the number of its newest request
        self.delivery = _Delivery()

    def new_view(self) -> int:
        return next(self._views)

    def preload(
        self, modules: Iterable[str] = (), also: Iterable[Callable[[], object]] = ()
    ) -> None:
        """Import ``modules`` and run ``also`` (answers worth having ready, such as whether
        there is a keyring), then load matplotlib and draw once off screen (fonts),
        ahead of the first page that needs them."""
        if not self._thread.started:
            names = tuple(modules)
            self._thread.submit(lambda: _import(names))
            for job in also:
                self._thread.submit(_discarding(job))
            self._thread.submit(_warm_up)

    def request(
        self, view: int, spec: ChartSpec, theme: str, width: int, height: int, dpi: float
    ) -> int:
        number = next(self._numbers)
        self.latest[view] = number
        job = Request(view, number, spec, theme, width, height, dpi)
        self._thread.submit(lambda: self._draw(job))
        return number

    def _draw(self, job: Request) -> None:
        if self.latest.get(job.view) == job.number:  # not superseded while it waited
            self.delivery.drawn.emit(_draw(job))


def _discarding(job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        job()  # what it answers is kept where it was asked

    return run


def _import(names: tuple[str, ...]) -> None:
    import importlib

    for name in names:
        importlib.import_module(name)


def _warm_up() -> None:
    with DRAWING:
        _draw_text()


def _draw_text() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ..charts.render import new_figure
    from ..charts.theme import drawing

    figure = new_figure((2, 1), 50)
    figure.text(0.5, 0.5, "0123 Mon Jan")
    with drawing():
        FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call]


def _draw(job: Request) -> Drawn:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ..charts.render import draw_spec
    from ..charts.theme import drawing, theme_named
    from ..core.model.errors import WliError

    with DRAWING:
        figure = Figure(figsize=(job.width / job.dpi, job.height / job.dpi), dpi=job.dpi)
        canvas = FigureCanvasAgg(figure)
        problem = ""
        with drawing():
            try:
                draw_spec(figure, job.spec, theme_named(job.theme))
            except WliError as error:
                figure.clear()
                figure.text(0.5, 0.5, str(error), ha="center", va="center", wrap=True)
                problem = str(error)
            except Exception as error:  # a fault of ours: said on the chart, kept in the log
                log.exception("the %s chart could not be drawn", type(job.spec).__name__)
                figure.clear()
                problem = f"This chart could not be drawn ({error}); the log has the details."
                figure.text(0.5, 0.5, problem, ha="center", va="center", wrap=True)
            canvas.draw()  # type: ignore[no-untyped-call]
        width, height = (int(v) for v in canvas.get_width_height())
        pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        # The figure is kept (hover, saving) but not its canvas's renderer: four bytes a
        # pixel that would stay beside the image made from them, for every chart shown.
        FigureCanvasAgg(figure)
    return Drawn(job.view, job.number, pixels, width, height, figure, problem)


@functools.cache
def worker() -> ChartWorker:
    """The one chart worker of this process (made on first use, on the window's thread)."""
    return ChartWorker()
