"""Work that would freeze the window runs on a thread of its own, one job after another.

A ``SerialThread`` is a daemon thread fed by a queue: jobs run in the order given, never two
at once (what they share, such as matplotlib or a database connection of that thread,
needs no more care than that). Results come back through a Qt signal, which Qt queues to
the window's thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class SerialThread:
    def __init__(self, name: str) -> None:
        self.name = name
        self._queue: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` on the thread, after the jobs already given."""
        if self._thread is None:
            # A daemon: a job half done when the app quits is not worth waiting for.
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
        self._queue.put(job)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            try:
                job()
            except Exception:  # one job's fault must not stop the jobs after it
                log.exception("a background job of %s failed", self.name)
