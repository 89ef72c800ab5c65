"""Charts are drawn in a process of their own, asked from a thread of the window's.

Loading matplotlib takes most of a second, and drawing a ten-year chart a tenth of one
in C++ that holds the interpreter lock: on the window's thread, or on another thread of
its process, either froze the window. The chart process (``charts.process``) is started
after the first paint (``preload``) and loads matplotlib beside the window; one thread
(``background.SerialThread``) sends it each requested chart at the size its view has,
and hands back the ``Picture``: the pixels, the texts, and the map hover reads. A
request superseded by a newer one for the same view before it is sent is skipped.
Saving a chart and writing a report are asked of the same process, one after another.
"""

from __future__ import annotations

import atexit
import functools
import itertools
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..charts.heap import return_large_buffers
from ..charts.process import (
    Answer,
    ChartProcess,
    Draw,
    Drawn,
    Failed,
    Refused,
    Report,
    Save,
    Written,
)
from ..core.model.errors import WliError
from .background import SerialThread
from .feedback import tr

if TYPE_CHECKING:
    from ..core.present.chart_specs import ChartSpec

WAIT_S = 60.0  # for a save or a report: far beyond any drawing, short of for ever


class _Delivery(QObject):
    """Lives on the window's thread: a signal emitted from the worker is queued to it."""

    drawn = Signal(object)  # charts.process.Drawn


class ChartWorker:
    def __init__(self, process: ChartProcess | None = None) -> None:
        self._thread = SerialThread("charts")
        self.process = process or ChartProcess()
        self._numbers = itertools.count(1)
        self._views = itertools.count(1)
        self.latest: dict[int, int] = {}  # view -> the number of its newest request
        self.delivery = _Delivery()

    def new_view(self) -> int:
        return next(self._views)

    def preload(
        self, modules: Iterable[str] = (), also: Iterable[Callable[[], object]] = ()
    ) -> None:
        """Start the chart process (it loads matplotlib and its fonts meanwhile), then import
        ``modules`` and run ``also`` (answers worth having ready, such as whether there is
        a keyring) on this process's chart thread, ahead of the first page that needs them."""
        if not self._thread.started:
            names = tuple(modules)
            # Before the first chart: its images, once freed, go back to the system.
            self._thread.submit(_discarding(return_large_buffers))
            self._thread.submit(self.process.launch)
            self._thread.submit(lambda: _import(names))
            for job in also:
                self._thread.submit(_discarding(job))

    def request(
        self, view: int, spec: ChartSpec, theme: str, width: int, height: int, dpi: float
    ) -> int:
        number = next(self._numbers)
        self.latest[view] = number
        job = Draw(view, number, spec, theme, width, height, dpi)
        self._thread.submit(lambda: self._draw(job))
        return number

    def ask(self, request: Save | Report) -> Answer:
        """A save or a report, answered here once the charts asked before it are drawn."""
        future: Future[Answer] = Future()

        def run() -> None:
            try:
                future.set_result(self.process.ask(request))
            except Exception as error:
                future.set_exception(error)

        self._thread.submit(run)
        return future.result(WAIT_S)

    def write(self, request: Save | Report) -> Path:
        """Write a chart's or a report's file; a ``WliError`` says why it was not."""
        answer = self.ask(request)
        if isinstance(answer, Written):
            return answer.path
        if isinstance(answer, Refused):
            raise answer.error()
        message = answer.message if isinstance(answer, Failed) else type(answer).__name__
        raise WliError(tr("The file could not be written: {why}").format(why=message))

    def close(self) -> None:
        self.process.close()

    def _draw(self, job: Draw) -> None:
        if self.latest.get(job.view) == job.number:  # not superseded while it waited
            self.delivery.drawn.emit(_draw(self.process, job))


def _draw(process: ChartProcess, job: Draw) -> Drawn:
    answer = process.ask(job)
    if isinstance(answer, Drawn):
        return answer
    message = answer.message if isinstance(answer, Failed) else type(answer).__name__
    problem = f"This chart could not be drawn ({message})."
    from ..charts.picture import Picture  # (what comes back from the process imports it too)

    return Drawn(job.view, job.number, Picture(b"", 0, 0, (problem,), problem=problem))


def _discarding(job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        job()  # what it answers is kept where it was asked

    return run


def _import(names: tuple[str, ...]) -> None:
    import importlib

    for name in names:
        importlib.import_module(name)


@functools.cache
def worker() -> ChartWorker:
    """The one chart worker of this process (made on first use, on the window's thread);
    its process is let go when this one ends."""
    made = ChartWorker()
    atexit.register(made.close)
    return made
