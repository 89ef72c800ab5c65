"""Every page, tab, section and dialog at 900x600 with text at 200%: whole text, nothing on top
of anything else, everything reachable (in view, or where a scroll bar goes), charts drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.every_place import dialogs, places, window_on
from tests.ui.large_text import SCREEN, large_text, problems
from wlitracker.ui.chart_view import ChartView
from wlitracker.ui.main_window import SETTINGS

CHART_FLOOR = QSize(240, 150)  # a chart drawn smaller than this is a chart in name only


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text at 200% on a screen of 900x600, the size windows fit themselves to."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(QPoint(), SCREEN))
    with large_text():
        yield


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """No window size or page remembered from another test."""
    QSettings().clear()
    yield
    QSettings().clear()


def _charts(window: QWidget, where: str) -> list[str]:
    small = []
    for view in window.findChildren(ChartView):
        size = view.image.size()
        if view.isVisible() and (
            size.width() < CHART_FLOOR.width() or size.height() < CHART_FLOOR.height()
        ):
            small.append(f"{where}: the {view.kind} chart is only {size.width()}x{size.height()}")
    return small


def _at(where: str, window: QWidget) -> list[str]:
    return [f"{where}: {problem}" for problem in problems(window)] + _charts(window, where)


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize("filled", [True, False], ids=["full journal", "empty journal"])
def test_every_place_fits(qtbot: QtBot, tmp_path: Path, today: dt.date, filled: bool) -> None:
    window = window_on(qtbot, tmp_path, today, filled=filled, size=SCREEN)
    assert window.size() == SCREEN
    found = []
    nav = window.nav
    for row in range(nav.count()):
        text = nav.item(row).text()
        if nav.visualItemRect(nav.item(row)).width() < nav.fontMetrics().horizontalAdvance(text):
            found.append(f"the place {text!r} is cut off in the list of places")
    if nav.horizontalScrollBar().isVisible():
        found.append("the list of places scrolls sideways")
    for where in places(qtbot, window):
        found += _at(where, window)
    assert window.page(SETTINGS).findChild(QScrollArea) is not None  # its sections scroll
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("large")
def test_every_dialog_fits(qtbot: QtBot, tmp_path: Path, today: dt.date) -> None:
    window = window_on(qtbot, tmp_path, today, filled=True, size=SCREEN)
    found = []
    for where, dialog in dialogs(qtbot, window, tmp_path):
        found += _at(where, dialog)
    assert not found, "\n".join(found)
