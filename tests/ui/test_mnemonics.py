"""Alt and a letter does one thing: in every place of the window, no two controls in view
(nor a control and a menu) are underlined at the same letter."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.every_place import places, window_on
from wlitracker.ui.main_window import MainWindow

_MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _in_view(window: MainWindow) -> dict[str, list[str]]:
    """Each underlined letter and what carries it: menus, and controls that can be seen."""
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if (letter := _letter(action.text())) is not None:
            owners[letter].append(f"the {action.text().replace('&', '')} menu")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton | QGroupBox):
            texts = [widget.text() if isinstance(widget, QAbstractButton) else widget.title()]
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            if (letter := _letter(text)) is not None:
                owners[letter].append(repr(text.replace("&", "")))
    return owners


def test_no_letter_stands_for_two_things_in_any_place(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    window = window_on(qtbot, tmp_path, today, filled=True, size=QSize(1180, 860))
    clashes = []
    for where in places(qtbot, window):
        for letter, owners in _in_view(window).items():
            if len(owners) > 1:
                clashes.append(f"{where}: Alt+{letter.upper()} is {', '.join(owners)}")
    assert not clashes, "\n".join(clashes)
