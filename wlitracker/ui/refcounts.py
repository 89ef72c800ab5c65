"""A guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

Measured: every call of a Qt method that returns nothing (``resize``, ``setText``,
``processEvents``...) releases one reference to ``None`` that it never took, and
some paths do the same to ``True`` and ``False``. Python before 3.12 counts
references to these singletons (3.12 made them immortal), so after a few thousand
such calls the count reaches zero and the process aborts ("deallocating None")
— in a long session, or at exit, taking unsaved work with it.

Until a fixed PySide6 is out, the window gives these singletons a reference count
they cannot run out of. On Python 3.12 and later this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_SPARE = 1 << 40  # far more Qt calls than any session makes


def guard_singletons() -> None:
    """Before Qt is used much (``ui.application`` calls it); once is enough, more is harmless."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every CPython object.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _SPARE:
            count.value += _SPARE
