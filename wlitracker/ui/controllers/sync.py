"""Sync for the window: at start, after changes (debounced) and every few minutes, off the
GUI thread, on a connection of its own; the window refreshes through the journal's change
signal once a sync has written something."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from ...core.model.errors import WliError
from ...core.present.sync import SyncPanelState, build_sync_state
from ...core.services.journal import Journal

log = logging.getLogger(__name__)

START_DELAY_MS = 4_000
AFTER_CHANGE_MS = 15_000
EVERY_MS = 5 * 60_000


class SyncActions(Protocol):
    def folder(self) -> Path | None: ...
    def set_folder(self, folder: Path | None) -> None: ...
    def folder_journal(self, folder: Path) -> tuple[str | None, bool]: ...
    def known_passphrase(self, folder: Path) -> str | None: ...
    def keep_passphrase(self, folder: Path, passphrase: str) -> bool: ...
    def keyring_available(self) -> bool: ...
    def run(self, folder: Path, passphrase: str | None, encrypt: bool = True) -> Any: ...
    def status(self) -> Any: ...
    def history_lines(self, limit: int = 20) -> list[str]: ...


class _Done(QObject):
    finished = Signal(object, object)  # report, problem (str)


class _Checked(QObject):
    finished = Signal(bool)  # whether the keyring works


class _KeyringCheck(QRunnable):
    """Loads the keyring's backends (a third of a second) off the window's thread."""

    def __init__(self, actions: SyncActions) -> None:
        super().__init__()
        self.actions = actions
        self.done = _Checked()

    def run(self) -> None:
        try:
            works = self.actions.keyring_available()
        except Exception:  # a broken keyring: the passphrase is kept in memory instead
            log.exception("the keyring could not be asked")
            works = False
        self.done.finished.emit(works)


class _Run(QRunnable):
    def __init__(self, actions: SyncActions, folder: Path, passphrase: str | None) -> None:
        super().__init__()
        self.actions, self.folder, self.passphrase = actions, folder, passphrase
        self.done = _Done()

    def run(self) -> None:
        try:
            report = self.actions.run(self.folder, self.passphrase)
        except WliError as problem:
            self.done.finished.emit(None, str(problem))
        except Exception as error:  # a bug: logged, and shown as a problem, not a crash
            log.exception("sync failed")
            self.done.finished.emit(None, f"Sync failed unexpectedly ({error}); see the log.")
        else:
            self.done.finished.emit(report, None)


class SyncController(QObject):
    """Holds what the Sync section shows; the panel (when Settings is open) asks through it."""

    state_changed = Signal(object)  # SyncPanelState
    message = Signal(str)  # for the status bar
    passphrase_needed = Signal(bool)  # True: a new folder (ask twice); the panel asks

    def __init__(
        self, journal: Journal, actions: SyncActions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.actions = actions
        self.folder: Path | None = actions.folder()
        self.problem: str | None = None
        self.running = False
        self.again = False
        self.last_sync: dt.datetime | None = None
        self._emitting = False
        self._runs: set[_Run] = set()
        self._keyring: bool | None = None  # known once asked
        self._checks: set[_KeyringCheck] = set()
        status = actions.status()
        if status is not None:
            self.last_sync = status.last_sync
        self.after_change = QTimer(self, singleShot=True, interval=AFTER_CHANGE_MS)
        self.after_change.timeout.connect(self.sync_quietly)
        self.every = QTimer(self, interval=EVERY_MS)
        self.every.timeout.connect(self.sync_quietly)
        self.every.start()
        QTimer.singleShot(START_DELAY_MS, self, self.sync_quietly)
        journal.changed.connect(self._changed)
        self.destroyed.connect(lambda: journal.changed.disconnect(self._changed))
        app = QCoreApplication.instance()
        if app is not None:  # a sync under way finishes before the app goes
            app.aboutToQuit.connect(self.wait)

    def _changed(self) -> None:
        if not self._emitting and self.folder is not None:
            self.after_change.start()

    def state(self) -> SyncPanelState:
        return build_sync_state(
            str(self.folder) if self.folder else None,
            self.last_sync,
            self.journal.today(),
            self.problem,
            self.running,
            self.keyring(),
            self.actions.history_lines(20) if self.folder else [],
        )

    def keyring(self) -> bool:
        """Whether a passphrase can be kept in the system keyring. Asked only with a folder
        (loading the keyring's backends takes a third of a second and a score of megabytes);
        without one no passphrase is asked for. While it is being found out off this
        thread (a folder just chosen), not yet."""
        if self.folder is None:
            return False
        if self._keyring is None and not self._checks:
            self._keyring = self.actions.keyring_available()
        return bool(self._keyring)

    def _publish(self) -> None:
        self.state_changed.emit(self.state())

    def choose_folder(self, folder: Path | None) -> None:
        self.actions.set_folder(folder)
        self.folder = folder
        self.problem = None
        if folder is not None and self._keyring is None:
            self._check_keyring_then_sync()
            return
        self._publish()
        if folder is not None:
            self.sync_now()

    def _check_keyring_then_sync(self) -> None:
        """The first folder chosen: the keyring's backends load on another thread (shown
        as syncing meanwhile), then the first sync asks for the passphrase as ever."""
        check = _KeyringCheck(self.actions)
        check.setAutoDelete(False)
        self._checks.add(check)
        self.running = True
        self._publish()

        def known(works: bool) -> None:
            self._checks.discard(check)
            self._keyring = works
            self.running = False
            self._publish()
            if self.folder is not None:
                self.sync_now()

        check.done.finished.connect(known)
        QThreadPool.globalInstance().start(check)

    def sync_quietly(self) -> None:
        """An automatic sync: never asks for anything; says what it needs instead."""
        if self.folder is None:
            return
        passphrase = self._passphrase()
        if passphrase is None:
            self.problem = "Sync needs the passphrase: press Sync now in Settings to give it."
            self._publish()
            return
        self._start(passphrase)

    def sync_now(self) -> None:
        if self.folder is None:
            return
        passphrase = self._passphrase()
        if passphrase is None:
            try:
                journal, _ = self.actions.folder_journal(self.folder)
            except WliError as problem:
                self._finished(None, str(problem))
                return
            self.passphrase_needed.emit(journal is None)
            return
        self._start(passphrase)

    def give_passphrase(self, passphrase: str) -> None:
        self._start(passphrase, keep=True)

    def _passphrase(self) -> str | None:
        assert self.folder is not None
        try:
            return self.actions.known_passphrase(self.folder)
        except WliError:
            return None

    def _start(self, passphrase: str, keep: bool = False) -> None:
        if self.running:
            self.again = True
            return
        assert self.folder is not None
        self.running = True
        self._publish()
        run = _Run(self.actions, self.folder, passphrase)
        run.setAutoDelete(False)
        self._runs.add(run)

        def finished(report: Any, problem: str | None) -> None:
            self._runs.discard(run)
            if report is not None and keep and self.folder is not None:
                self.actions.keep_passphrase(self.folder, passphrase)
            self._finished(report, problem)

        run.done.finished.connect(finished)
        QThreadPool.globalInstance().start(run)

    def _finished(self, report: Any, problem: str | None) -> None:
        self.running = False
        self.problem = problem
        if report is not None:
            self.last_sync = report.at
            if report.warnings:
                self.problem = " ".join(report.warnings)
            if report.changed:
                self._emitting = True
                try:
                    self.journal.changed.emit()
                finally:
                    self._emitting = False
        if problem:
            self.message.emit(f"Sync: {problem}")
        self._publish()
        if self.again:
            self.again = False
            self.sync_quietly()

    def wait(self, msecs: int = 10_000) -> bool:
        """For closing and for tests: let a running sync finish."""
        return QThreadPool.globalInstance().waitForDone(msecs)
