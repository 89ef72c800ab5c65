"""Starting the window: the application object, theme, crash handler, first run."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..core.services.journal import Journal
from .application import application
from .background import SerialThread
from .feedback import CrashHandler
from .main_window import MainWindow
from .session import Session
from .theme import apply_theme

if TYPE_CHECKING:
    from PySide6.QtCore import QFileSystemWatcher

    from .backups_panel import BackupActions
    from .controllers.tray import TrayController
    from .tray import Tray

AUTO_BACKUP_DELAY_MS = 2000  # after the first paint, so start-up stays fast
TRAY_DELAY_MS = 500


class Launcher:
    """Owns the current window; swaps it for a demo window when asked."""

    def __init__(self, app: QApplication, session: Session) -> None:
        self.app = app
        self.session = session
        self.window: MainWindow | None = None
        self.tray: Tray | None = None
        self.reminders: TrayController | None = None  # gives the tray what it shows
        self.own: tuple[Session, BackupActions | None] | None = None  # the journal to go back to
        self._raise_watch: QFileSystemWatcher | None = None

    def start_tray(self) -> None:
        """The tray icon and the daily reminder (after the first paint: it is not urgent)."""
        from .controllers.tray import TrayController
        from .tray import Tray

        if self.reminders is None:
            self.tray = Tray(self.app)
            self.tray.open_requested.connect(self.show_window)
            self.tray.check_in_requested.connect(self.check_in)
            self.tray.quit_requested.connect(self.quit)
            self.tray.reminded.connect(self._remind_in_window)
            self.reminders = TrayController(self.session.journal, self.tray)
        self.reminders.set_journal(self.session.journal)

    def _keep_in_tray(self) -> bool:
        return (
            self.tray is not None
            and self.tray.has_tray
            and self.session.journal.preferences.keep_in_tray()
        )

    def _remind_in_window(self, text: str) -> None:
        if self.window is not None and (self.tray is None or not self.tray.has_tray):
            self.window.statusBar().showMessage(text)

    def show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def check_in(self) -> None:
        from .main_window import TODAY

        self.show_window()
        if self.window is not None:
            self.window.show_page(TODAY)
            self.window.today_page.go_today()

    def quit(self) -> None:
        if self.window is not None:
            self.window.quitting = True
            self.window.close()
        if self.reminders is not None:
            self.reminders.stop()
        self.app.quit()

    def open(self, session: Session, backups: BackupActions | None = None) -> MainWindow:
        self.session = session
        if not session.is_demo:
            self.own = (session, backups)
        self._watch_raise_requests(session)
        apply_theme(self.app, session.journal.preferences.theme())
        window = MainWindow(session, backups=backups)
        window.keep_in_tray = self._keep_in_tray
        if self.reminders is not None:
            self.reminders.set_journal(session.journal)
        window.demo_requested.connect(self.open_demo)
        window.own_journal_requested.connect(self.open_own)
        window.reload_requested.connect(lambda: self.reopen(session, backups))
        window.theme_changed.connect(lambda theme: apply_theme(self.app, theme))
        window.show()
        previous, self.window = self.window, window
        if previous is not None:
            previous.close()
            previous.deleteLater()  # and it stops listening to its journal
        prefs = session.journal.preferences
        if not prefs.welcome_done() and session.journal.repo.is_empty():
            QTimer.singleShot(0, window, window.show_welcome)
        return window

    def reopen(self, session: Session, backups: BackupActions | None) -> None:
        """A fresh window on the same journal (after a restore replaced its contents)."""
        QTimer.singleShot(0, self.app, lambda: self.open(session, backups))

    def open_own(self) -> None:
        """Back from the demo to one's own journal (still open all along)."""
        if self.own is not None:
            self.open(*self.own)

    def _watch_raise_requests(self, session: Session) -> None:
        """A second start on this journal asks, through a file, for this window to come forward."""
        request = session.raise_requests
        if request is None or self._raise_watch is not None:
            return
        from PySide6.QtCore import QFileSystemWatcher

        watch = QFileSystemWatcher([str(request.parent)], self.app)

        def changed(_folder: str) -> None:
            if request.exists():
                with contextlib.suppress(OSError):
                    request.unlink()  # heard: the second start can stop waiting
                self.show_window()

        watch.directoryChanged.connect(changed)
        self._raise_watch = watch

    def open_demo(self) -> None:
        make_demo: Callable[[], Journal] | None = self.session.open_demo
        if make_demo is None:
            return
        journal = make_demo()
        self.open(
            Session(
                journal,
                self.session.demo_path,
                self.session.log_file,
                self.session.version,
                importer=self.session.importer,
                raise_requests=self.session.raise_requests,
                back_to_own=True,
            )
        )


def run(
    session: Session,
    backups: BackupActions | None = None,
    after_show: Callable[[], str | None] | None = None,
) -> int:
    """Show the window; ``after_show`` (the automatic backup) runs once it is up.

    A message returned by ``after_show`` (a problem) is shown in the status bar.
    """
    app = application()
    CrashHandler(session.log_file).install()
    launcher = Launcher(app, session)
    launcher.open(session, backups)
    QTimer.singleShot(TRAY_DELAY_MS, app, launcher.start_tray)
    if after_show is not None:
        QTimer.singleShot(
            AUTO_BACKUP_DELAY_MS, app, lambda: _in_background(launcher, after_show, backups)
        )
    return app.exec()


class _Problem(QObject):
    said = Signal(str)


_BACKGROUND = SerialThread("backups")


def _in_background(
    launcher: Launcher, work: Callable[[], str | None], backups: BackupActions | None
) -> None:
    """``work`` (the automatic backup) on a thread of its own: copying ten years of journal
    takes longer than the window may stand still. A problem it returns goes to the status bar."""
    if backups is not None:
        backups.folder  # noqa: B018  (its settings are read here, on the window's thread)
    problem = _Problem(launcher.app)

    def shown(text: str) -> None:
        if text and launcher.window is not None:
            launcher.window.statusBar().showMessage(text)
        problem.deleteLater()

    problem.said.connect(shown)
    _BACKGROUND.submit(lambda: problem.said.emit(work() or ""))


def report_startup_error(message: str) -> None:
    """A database that cannot be opened: say so in a window, since there may be no terminal."""
    from PySide6.QtWidgets import QMessageBox

    application()
    QMessageBox.critical(None, APP_NAME, message)
