"""How the window tells the user that something went wrong.

User-facing errors (``WliError``) get a calm message box saying what happened
and what to do; anything else is a bug: it is logged, and a dialog names the
log file while the app stays usable.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.model.errors import WliError

log = logging.getLogger(__name__)
T = TypeVar("T")


_TRANSLATED: dict[str, str] = {}


def tr(text: str) -> str:
    """The window's words in the person's language; asked of Qt once per text (a list of
    hundreds of experiments asks for the same few words thousands of times)."""
    found = _TRANSLATED.get(text)
    if found is None:
        found = _TRANSLATED[text] = QCoreApplication.translate("wlitracker", text)
    return found


def show_problem(parent: QWidget | None, error: WliError) -> None:
    """A user-facing error: say what happened; nothing was changed."""
    QMessageBox.warning(parent, tr("Nothing was changed"), str(error))


def attempt(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Run a service call; a user-facing error becomes a message box and ``None``."""
    try:
        return action()
    except WliError as error:
        show_problem(parent, error)
        return None


class CrashHandler:
    """Installed as ``sys.excepthook`` while the window runs."""

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.showing = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        if isinstance(error, WliError):
            show_problem(parent, error)
            return
        log.error("Unexpected error", exc_info=(kind, error, tb))
        if self.showing:
            return
        self.showing = True
        try:
            where = (
                tr("Details were written to {path}.").format(path=self.log_file)
                if self.log_file
                else "".join(traceback.format_exception(kind, error, tb))[-2000:]
            )
            QMessageBox.critical(
                parent,
                tr("Something went wrong"),
                tr(
                    "wlitracker hit an unexpected problem ({name}: {message}). "
                    "Your saved check-ins are safe and you can keep working."
                ).format(name=kind.__name__, message=error)
                + "\n\n"
                + where,
            )
        finally:
            self.showing = False

    def install(self) -> None:
        sys.excepthook = self
