"""Screen states built away from the window's thread, from a journal of that thread's own.

Building a page's state for ten years of days takes longer than a person waits without
noticing (the limit this app keeps is 100 ms), so where the window has a ``reader`` (a
function opening the same journal on a connection of its own, given by the composition
root) states are built on one background thread. Only the newest request is shown: a
request made after another, or after a change to the journal, supersedes it, so a page
never shows an older state as the current one. Without a reader (a journal in memory,
most tests) a state is built at once, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ...core.model.errors import WliError
from ...core.services.journal import Journal
from ..background import SerialThread

T = TypeVar("T")
Reader = Callable[[], Journal]

_THREAD = SerialThread("states")
_journals = threading.local()  # the thread's own journal, by reader


def _reader_journal(reader: Reader) -> Journal:
    opened: dict[int, Journal] = getattr(_journals, "opened", None) or {}
    _journals.opened = opened
    journal = opened.get(id(reader))
    if journal is None:
        journal = opened[id(reader)] = reader()
    return journal


class StateBuilder(QObject):
    """Builds with ``journal`` at once, or with ``reader``'s journal in the background."""

    _built = Signal(object)  # (number, result, error)

    def __init__(self, journal: Journal, reader: Reader | None, parent: QObject) -> None:
        super().__init__(parent)
        self.journal = journal
        self.reader = reader
        self._number = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[WliError], None]]] = {}
        self._built.connect(self._finish)
        changed = journal.changed
        changed.connect(self._supersede)
        self.destroyed.connect(lambda: changed.disconnect(self._supersede))

    @property
    def busy(self) -> bool:
        """Whether a state asked for is still being built."""
        return bool(self._callbacks)

    def build(
        self,
        make: Callable[[Journal], T],
        show: Callable[[T], None],
        failed: Callable[[WliError], None],
    ) -> None:
        """``show(make(journal))``, or ``failed(error)`` for a refusal (later, if in the
        background)."""
        self._number += 1
        if self.reader is None:
            try:
                result = make(self.journal)
            except WliError as error:
                failed(error)
                return
            show(result)
            return
        number, reader = self._number, self.reader
        self._callbacks = {number: (show, failed)}  # older requests are superseded

        def job() -> None:
            try:
                self._built.emit((number, make(_reader_journal(reader)), None))
            except Exception as error:  # handed to the window's thread, raised there
                self._built.emit((number, None, error))

        _THREAD.submit(job)

    def _supersede(self) -> None:
        """The journal changed: what is being built may predate it (a rebuild is coming)."""
        self._number += 1

    def _finish(self, payload: tuple[int, Any, BaseException | None]) -> None:
        number, result, error = payload
        callbacks = self._callbacks.pop(number, None)
        if callbacks is None or number != self._number:
            return  # superseded by a newer request or a change
        show, failed = callbacks
        if isinstance(error, WliError):
            failed(error)
        elif error is not None:
            raise error
        else:
            show(result)
