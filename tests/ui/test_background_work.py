"""Work off the window's thread: the automatic backup, and a job that fails."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from wlitracker.ui import main as ui_main
from wlitracker.ui.background import SerialThread


def test_the_automatic_backup_runs_off_the_window_thread_and_its_problem_is_shown(
    qtbot: QtBot,
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    launcher = SimpleNamespace(app=QApplication.instance(), window=window)
    ran_on: list[threading.Thread] = []
    folders: list[threading.Thread] = []

    class Backups:
        @property
        def folder(self) -> str:
            folders.append(threading.current_thread())
            return "backups"

    def backup() -> str:
        ran_on.append(threading.current_thread())
        return "Automatic backup failed: the disk is full"

    ui_main._in_background(launcher, backup, Backups())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert window.statusBar().currentMessage() == "Automatic backup failed: the disk is full"
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert folders == [threading.main_thread()]  # settings read where the journal lives


def test_a_failing_job_does_not_stop_the_jobs_after_it(qtbot: QtBot) -> None:
    thread = SerialThread("test")
    done = threading.Event()

    def fail() -> None:
        raise RuntimeError("broken")

    thread.submit(fail)
    thread.submit(done.set)
    assert done.wait(5)
