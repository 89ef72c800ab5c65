"""Importing from the window: preview, place unknown moods, import once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    assert not dialog.import_button.isEnabled()
    assert "Solid" in dialog.mood_boxes
    box = dialog.mood_boxes["Solid"]
    box.setCurrentIndex(box.findData(4))
    assert dialog.import_button.isEnabled()
    assert "mood" not in {m.name for m in journal.metrics.list()}
    dialog.import_button.click()
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    days = {c.date: c for c in journal.check_ins.history()}
    assert days[dt.date(2026, 3, 11)].ratings["mood"] == 4
    assert days[dt.date(2026, 3, 10)].tags == ("gym", "family")
    again = ImportDialog(BoundImports(Imports(), journal), export)
    qtbot.addWidget(again)
    again.mood_boxes["Solid"].setCurrentIndex(again.mood_boxes["Solid"].findData(4))
    assert not again.import_button.isEnabled()  # nothing new the second time


def test_a_file_that_cannot_be_imported_says_why(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.csv"
    junk.write_text("just,some\nrandom,text\n")
    dialog = ImportDialog(BoundImports(Imports(), journal), junk)
    qtbot.addWidget(dialog)
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
        box = dialog.mood_boxes["Solid"]
        box.setCurrentIndex(box.findData(3))
        dialog.run_import()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(window, "run_dialog", accept)
    assert window.run_import(export)
    assert "days: 3 new" in shown[0]
    assert len(journal.check_ins.history()) == 3
