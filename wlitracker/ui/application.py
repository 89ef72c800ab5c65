"""The one QApplication of the process, made with the app's names and icon."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME


def application() -> QApplication:
    from .refcounts import guard_singletons

    guard_singletons()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    from .icons import app_icon

    app.setWindowIcon(app_icon())
    return app
