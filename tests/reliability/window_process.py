"""The window in a process of its own, driven line by line through stdin.

Run as ``python window_process.py JOURNAL``. It builds the window the way
``wlitracker`` does (``app.open_journal``, the session, lazy backups, the
launcher) on an offscreen display, answers ``ready``, then reads one command a
line and answers one JSON line each. File dialogs are opened through the
window's own actions, pointed at the journal's folder, left to list it for a
moment, then cancelled, as a person browsing and changing their mind would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from wlitracker import __version__, app
from wlitracker.core.model.errors import WliError
from wlitracker.core.templates import TEMPLATES
from wlitracker.ui import main as ui_main
from wlitracker.ui.application import application
from wlitracker.ui.main_window import EXPERIMENTS, SETTINGS, TRENDS
from wlitracker.ui.session import Session

LISTING_SECONDS = 0.8  # long enough for the dialog's file-info thread to look at every file


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def posix_locks(pid: int) -> list[str]:
    """This process's POSIX locks, as ``inode:start-end`` (Linux)."""
    found: list[str] = []
    try:
        with open("/proc/locks", encoding="ascii") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return found
    for line in lines:
        fields = line.split()
        if len(fields) >= 8 and fields[1] == "POSIX" and fields[4] == str(pid):
            found.append(f"{fields[5].rsplit(':', 1)[-1]}:{fields[6]}-{fields[7]}")
    return sorted(found)


class Driver:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.folder = db_path.parent
        self.qapp = application()
        demo_path = app.demo_path_for(db_path)
        journal, _repo = app.open_journal(db_path, (demo_path,))

        def open_demo() -> object:
            from wlitracker.core.services import demo

            demo_journal, _ = app.open_journal(demo_path, (db_path,))
            if demo_journal.repo.is_empty():
                demo.fill(demo_journal.repo, demo_journal.today())
            return demo_journal

        self.session = Session(
            journal,
            db_path,
            None,
            __version__,
            open_demo,  # type: ignore[arg-type]
            demo_path,
            importer=app.Imports(),
        )
        self.backups = app.LazyBackups(db_path, journal)
        self.launcher = ui_main.Launcher(self.qapp, self.session)
        self.launcher.open(self.session, self.backups)
        self.window.show_content()
        pump(0.3)

    @property
    def window(self):  # the launcher swaps it for the demo or after a restore
        assert self.launcher.window is not None
        return self.launcher.window

    @property
    def journal(self):
        return self.session.journal

    # --- file dialogs -----------------------------------------------------------------

    def browse_and_cancel(self, open_dialog: Callable[[], object]) -> str:
        """Run a window action that shows a file dialog; list the journal's folder; cancel."""
        seen: list[str] = []

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QFileDialog):
                QTimer.singleShot(20, look)
                return
            seen.append(dialog.windowTitle())
            dialog.setDirectory(str(self.folder))
            dialog.selectFile(self.db_path.name)
            QTimer.singleShot(int(LISTING_SECONDS * 1000), dialog.reject)

        QTimer.singleShot(20, look)
        open_dialog()
        if not seen:
            raise AssertionError("no file dialog appeared")
        return seen[0]

    def dialog(self, name: str) -> str:
        window = self.window
        if name == "import-file":
            return self.browse_and_cancel(window.import_file)
        if name == "import-folder":
            return self.browse_and_cancel(window.import_folder)
        if name == "save-chart":
            trends = window.page(TRENDS)
            window.show_page(TRENDS)
            return self.browse_and_cancel(lambda: trends.trend.save_dialog("png"))
        if name == "export-report":
            page = window.page(EXPERIMENTS)
            window.show_page(EXPERIMENTS)
            page.select(self.first_experiment())
            return self.browse_and_cancel(page.review.report_dialog)
        panel = window.page(SETTINGS).backups_panel
        if name == "restore-from-file":
            return self.browse_and_cancel(panel.restore_from_file)
        if name == "backup-folder":
            return self.browse_and_cancel(panel.choose_folder)
        raise ValueError(name)

    def first_experiment(self) -> int:
        views = self.journal.experiments.views()
        if views:
            return int(views[0].id)
        made = self.journal.experiments.create_from_template(TEMPLATES[0].key)
        assert made.id is not None
        return int(made.id)

    # --- other actions --------------------------------------------------------------------

    def action(self, name: str, arg: str) -> str:
        journal = self.journal
        importer = self.session.importer
        assert importer is not None
        if name == "import":
            plan = importer.preview(journal, Path(arg), {})
            importer.apply(journal, plan)
            return "imported"
        if name == "import-journal":
            try:
                importer.preview(journal, Path(arg), {})
            except WliError as error:
                return f"refused: {error}"
            return "accepted"
        if name == "report":
            from wlitracker.charts.report import write_report
            from wlitracker.core.present import chart_specs

            shown = self.first_experiment()
            spec = chart_specs.report(journal, shown)
            chart = chart_specs.experiment_chart(journal, shown)
            write_report(spec, chart, Path(arg), journal.protected)
            return "written"
        if name == "chart":
            window = self.window
            trends = window.page(TRENDS)
            window.show_page(TRENDS)
            pump(0.2)
            trends.trend.save(Path(arg))
            return "written"
        if name == "backup":
            return str(self.backups.back_up().path)
        if name == "restore":
            latest = self.backups.list_backups()[0]
            result = self.backups.restore(latest.path)
            self.launcher.reopen(self.session, self.backups)
            pump(0.3)
            return result.describe()
        if name == "demo":
            self.launcher.open_demo()
            pump(0.3)
            self.window.show_content()
            pump(0.2)
            self.launcher.open(self.session, self.backups)  # and back to one's own journal
            pump(0.2)
            return "demo shown"
        raise ValueError(name)

    def save(self, day: str, note: str) -> str:
        self.journal.check_ins.update(dt.date.fromisoformat(day), note=note)
        return "saved"

    def wal_deleted(self) -> bool:
        wal = f"{self.db_path}-wal"
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith(wal) and target.endswith("(deleted)"):
                return True
        return False

    def handle(self, command: str, arg: str) -> object:
        if command == "locks":
            return posix_locks(os.getpid())
        if command == "dialog":
            return self.dialog(arg)
        if command == "save":
            day, note = arg.split(" ", 1)
            return self.save(day, note)
        if command == "wal-deleted":
            return self.wal_deleted()
        action, _, rest = arg.partition(" ")
        return self.action(action, rest)


def main() -> None:
    driver = Driver(Path(sys.argv[1]))
    print(json.dumps({"ok": "ready", "pid": os.getpid()}), flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "quit":
            break
        try:
            answer: dict[str, object] = {"ok": driver.handle(command, arg)}
        except Exception as error:  # reported to the test, which fails with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
