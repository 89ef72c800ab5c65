"""An import's long work run off the GUI thread, with its progress and a way to stop it.

The work gets a progress callback; the callback passes each report to the GUI
thread through a queued signal and, once ``cancel()`` is asked, raises ``Cancelled``
in the worker, which stops the import there (a write is rolled back, so the journal
is as before). Its result or error comes back to the GUI thread as a signal too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.model.errors import Cancelled

Progress = Callable[[str, int, int], None]
Work = Callable[[Progress], Any]


class ImportWorker(QObject):
    """One piece of work; ``finished`` carries its result, ``failed`` the exception
    (``Cancelled`` when it was stopped), ``progress`` (stage, done, total)."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int, int)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self._done = threading.Event()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the work to stop at its next report of progress."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended (for closing while it runs); True if it has."""
        return self._done.wait(timeout)

    def _report(self, stage: str, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled("The import was stopped; nothing was imported.")
        self.progress.emit(stage, done, total)

    def _run(self) -> None:
        try:
            try:
                result = self._work(self._report)
            except BaseException as error:  # handed to the GUI thread, which decides
                self.failed.emit(error)
                return
            self.finished.emit(result)
        finally:
            self._done.set()


class _Runnable(QRunnable):
    def __init__(self, worker: ImportWorker) -> None:
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._run()
