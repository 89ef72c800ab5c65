"""Importing from the window: preview, place unknown moods, import once; the reading and
writing run off the GUI thread, with progress and a way to stop that changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from wlitracker.app import Imports
from wlitracker.core.services.journal import Journal
from wlitracker.ui.import_dialog import BoundImports, ImportDialog
from wlitracker.ui.main_window import MainWindow
from wlitracker.ui.session import Session

DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2026-03-10,March 10,Tuesday,21:00,good,gym | family,,A good day\n"
    "2026-03-11,March 11,Wednesday,9:15 pm,Solid,work,,<b>Busy</b>\n"
    "2026-03-12,March 12,Thursday,20:30,rad,friends,,\n"
)


def settled(qtbot: QtBot, dialog: ImportDialog) -> ImportDialog:
    """The dialog once its background work has ended."""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    return dialog


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "daylio_export.csv"
    path.write_text(DAYLIO, encoding="utf-8")
    return path


def test_unknown_moods_are_placed_before_importing(
    qtbot: QtBot, journal: Journal, export: Path
) -> None:
    dialog = ImportDialog(BoundImports(Imports(), journal), export)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()  # nothing to import while it reads
    settled(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert "Solid" in dialog.mood_boxes
    box = dialog.mood_boxes["Solid"]
    box.setCurrentIndex(box.findData(4))
    assert "Reading" in dialog.preview_text.toPlainText()  # the old preview is not current
    settled(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    assert "mood" not in {m.name for m in journal.metrics.list()}
    dialog.import_button.click()
    settled(qtbot, dialog)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    days = {c.date: c for c in journal.check_ins.history()}
    assert days[dt.date(2026, 3, 11)].ratings["mood"] == 4
    assert days[dt.date(2026, 3, 10)].tags == ("gym", "family")
    again = settled(qtbot, ImportDialog(BoundImports(Imports(), journal), export))
    qtbot.addWidget(again)
    again.mood_boxes["Solid"].setCurrentIndex(again.mood_boxes["Solid"].findData(4))
    settled(qtbot, again)
    assert not again.import_button.isEnabled()  # nothing new the second time


def test_a_file_that_cannot_be_imported_says_why(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_text("just,some\nrandom,text\n")
    dialog = ImportDialog(BoundImports(Imports(), journal), junk)
    qtbot.addWidget(dialog)
    settled(qtbot, dialog)
    assert "cannot be imported" in dialog.preview_text.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert journal.check_ins.history() == []


def test_the_file_menu_imports_through_the_dialog(
    qtbot: QtBot, journal: Journal, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    window = MainWindow(Session(journal, tmp_path / "x.db", None, "x", importer=Imports()))
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))

    def accept(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        settled(qtbot, dialog)
        box = dialog.mood_boxes["Solid"]
        box.setCurrentIndex(box.findData(3))
        settled(qtbot, dialog)
        dialog.run_import()
        settled(qtbot, dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(window, "run_dialog", accept)
    assert window.run_import(export)
    assert "days: 3 new" in shown[0]
    assert len(journal.check_ins.history()) == 3


class Gate:
    """Import actions whose work waits at each report of progress until let through,
    so a test can look at the dialog while the work is under way."""

    def __init__(self) -> None:
        import threading

        self.real = Imports()
        self.go = threading.Event()
        self.reports: list[tuple[str, int, int]] = []

    @property
    def level_names(self) -> Any:
        return self.real.level_names

    def _held(self, progress: Any) -> Any:
        def report(stage: str, done: int, total: int) -> None:
            self.reports.append((stage, done, total))
            self.go.wait(10)
            progress(stage, done, total)

        return report

    def preview(self, journal: Journal, path: Path, mood_map: Any, progress: Any = None) -> Any:
        return self.real.preview(journal, path, mood_map, self._held(progress))

    def apply(self, journal: Journal, plan: Any, progress: Any = None) -> Any:
        return self.real.apply(journal, plan, self._held(progress))

    def describe(self, plan: Any, applied: bool) -> Any:
        return self.real.describe(plan, applied)


def test_a_slow_import_shows_progress_and_stop_leaves_the_journal_as_it_was(
    qtbot: QtBot, journal: Journal, export: Path
) -> None:
    gate = Gate()
    gate.go.set()
    dialog = settled(qtbot, ImportDialog(BoundImports(gate, journal), export))
    qtbot.addWidget(dialog)
    box = dialog.mood_boxes["Solid"]
    box.setCurrentIndex(box.findData(4))
    settled(qtbot, dialog)
    assert {stage for stage, _, _ in gate.reports} >= {"reading", "comparing"}
    gate.go.clear()  # the import now waits at its first report
    before = journal.check_ins.history()
    dialog.import_button.click()
    assert dialog.busy and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.progress_row.isHidden(), timeout=5_000)  # after 0.5 s
    assert dialog.stop_button.isEnabled()
    dialog.stop_button.click()
    gate.go.set()
    settled(qtbot, dialog)
    assert dialog.result() != ImportDialog.DialogCode.Accepted
    assert "Nothing was imported" in dialog.preview_text.toPlainText()
    assert journal.check_ins.history() == before
    assert "mood" not in {m.name for m in journal.metrics.list()}
    assert dialog.import_button.isEnabled()  # it can be tried again
    dialog.import_button.click()
    settled(qtbot, dialog)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert len(journal.check_ins.history()) == 3


def test_closing_while_reading_stops_the_work_first(
    qtbot: QtBot, journal: Journal, export: Path
) -> None:
    gate = Gate()
    dialog = ImportDialog(BoundImports(gate, journal), export)
    qtbot.addWidget(dialog)
    assert dialog.busy
    dialog.reject()  # Cancel or Esc: it closes once the work has stopped
    assert dialog.busy
    gate.go.set()
    settled(qtbot, dialog)
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert journal.check_ins.history() == []
