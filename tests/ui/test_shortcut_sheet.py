"""The shortcut sheet lists exactly the shortcuts the window has."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from wlitracker.app import Exports, Imports, open_journal
from wlitracker.ui.main_window import PAGES, MainWindow
from wlitracker.ui.session import Session
from wlitracker.ui.shortcut_sheet import SHORTCUTS, ShortcutSheet

NOT_REGISTERED = {"Tab", "Enter", "Escape"}  # keys the widgets read themselves, listed


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def test_the_sheet_and_the_window_agree(qtbot: QtBot, tmp_path: Path) -> None:
    journal, repo = open_journal(tmp_path / "journal.db")
    window = MainWindow(
        Session(journal, tmp_path / "journal.db", None, "1", importer=Imports(), exporter=Exports())
    )
    qtbot.addWidget(window)
    for index in range(len(PAGES)):
        window.page(index)  # every page built, so every shortcut exists
    registered = {
        _portable(keys)
        for action in window.findChildren(QAction)
        for keys in action.shortcuts()
        if not keys.isEmpty()
    }
    registered |= {
        _portable(shortcut.key())
        for shortcut in window.findChildren(QShortcut)
        if not shortcut.key().isEmpty()
    }
    listed = {keys for _, keys, _ in SHORTCUTS}

    assert registered == listed - NOT_REGISTERED
    repo.close()


def test_f1_opens_the_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    journal, repo = open_journal(tmp_path / "journal.db")
    window = MainWindow(Session(journal, tmp_path / "journal.db", None, "1"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.current_page() in window.pages)  # content follows the frame
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = getattr(window, "shortcut_sheet", None)
    assert isinstance(sheet, ShortcutSheet) and sheet.isVisible()
    assert "Alt+Left" in sheet.text.text() and "Ctrl+N" in sheet.text.text()
    sheet.reject()
    assert window.close()
    repo.close()
