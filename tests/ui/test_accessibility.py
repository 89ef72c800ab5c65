"""Readable and named: secondary text, the accent and the metrics' colours read at 4.5:1 or
better in both themes, and every control in every place has a name a screen reader says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.every_place import dialogs, places, window_on
from wlitracker.charts.colours import METRIC_COLOURS
from wlitracker.ui.style import RowLabel, secondary_label
from wlitracker.ui.theme import (
    ACCENT,
    READABLE,
    VISIBLE,
    apply_theme,
    contrast,
    metric_tone,
    problem_colour,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


@pytest.fixture
def app_theme(qapp: QApplication) -> Iterator[None]:
    """Themes change the whole application: put back what the other tests expect."""
    style, palette = qapp.style().name(), qapp.palette()
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    QSettings().clear()
    yield
    QSettings().clear()


def _grounds(palette: QPalette) -> tuple[QColor, QColor]:
    return palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)


@pytest.mark.usefixtures("app_theme")
@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_secondary_text_and_problems_read_on_the_window_and_in_fields(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    apply_theme(qapp, theme)
    host = QWidget()
    qtbot.addWidget(host)
    label = secondary_label("lower is better", host)
    shown = label.palette().color(label.foregroundRole())
    for ground in _grounds(host.palette()):
        assert contrast(shown, ground) >= READABLE, (theme, shown.name(), ground.name())
        assert contrast(problem_colour(host.palette()), ground) >= READABLE, theme
    row = RowLabel("Guilt", "lower is better", host)
    assert shown.name() in row.text()  # a row's hint in the same colour


@pytest.mark.usefixtures("app_theme")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_accent_is_the_highlight_and_reads_in_both_themes(
    qapp: QApplication, theme: str
) -> None:
    apply_theme(qapp, theme)
    palette = qapp.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    assert highlight == QColor(ACCENT)
    on_it = palette.color(QPalette.ColorRole.HighlightedText)
    assert contrast(on_it, highlight) >= READABLE
    link = palette.color(QPalette.ColorRole.Link)
    assert all(contrast(link, ground) >= READABLE for ground in _grounds(palette)), link.name()


@pytest.mark.usefixtures("app_theme")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_metrics_mark_shows_in_its_charts_colour(qapp: QApplication, theme: str) -> None:
    """Beside a rating's name, a mark in the colour of its line on the charts."""
    apply_theme(qapp, theme)
    palette = qapp.palette()
    for index, metric in enumerate([*METRIC_COLOURS[theme], "a metric of ones own"]):
        tone = metric_tone(metric, index, palette=palette)
        assert all(contrast(tone, ground) >= VISIBLE for ground in _grounds(palette)), metric
        row = RowLabel(metric, None, mark=(metric, index))
        assert tone.name() in row.text()


def _buddies(root: QWidget) -> set[QWidget]:
    return {buddy for label in root.findChildren(QLabel) if (buddy := label.buddy()) is not None}


def _internal(widget: QWidget) -> bool:
    """Parts of Qt's own controls (a spin box's line edit, a tab bar's arrows, a header)."""
    parent = widget.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(
        parent, QAbstractSpinBox | QComboBox | QTabBar | QAbstractItemView
    )


def _unnamed(where: str, root: QWidget) -> list[str]:
    buddies = _buddies(root)
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or _internal(widget):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or widget in buddies or text.replace("&", "").strip()):
            found.append(f"{where}: a {type(widget).__name__} has no name")
    return found


@pytest.mark.parametrize("filled", [True, False], ids=["full journal", "empty journal"])
def test_every_control_in_every_place_is_named(
    qtbot: QtBot, tmp_path: Path, today: dt.date, filled: bool
) -> None:
    """An accessible name, a label that is its buddy, or (a button) its own words."""
    window = window_on(qtbot, tmp_path, today, filled=filled, size=QSize(1180, 860))
    found = []
    for where in places(qtbot, window):
        found += _unnamed(where, window)
    if filled:
        for where, dialog in dialogs(qtbot, window, tmp_path):
            found += _unnamed(where, dialog)
    assert not found, "\n".join(found)
