"""Text at 200%, as a desktop that asks for it sets the application font, and what it must not
break: a control narrower than its text, two controls on top of each other, a tab that cannot be
reached, content outside the window or a scroll area that cannot scroll to it.

``large_text()`` doubles the application's font for the ``with`` block and puts the first one
back afterwards (every test shares the one QApplication). ``problems(root)`` lists, in words,
every place under ``root`` where the text does not fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)

from wlitracker.ui.sizes import SidewaysScroll

SCREEN = QSize(900, 600)  # the smallest screen the window promises to work on
TEXT_SCALE = 2.0
CONTROLS = (QLabel, QAbstractButton, QGroupBox, QLineEdit, QComboBox, QAbstractSpinBox)


@contextmanager
def large_text(scale: float = TEXT_SCALE) -> Iterator[None]:
    """The application font at ``scale`` times its size while the block runs."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    font = QFont(original)
    font.setPointSizeF(original.pointSizeF() * scale)
    app.setFont(font)
    try:
        yield
    finally:
        app.setFont(original)


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def _name(widget: QWidget) -> str:
    text = " ".join(_text(widget).replace("&", "").split())
    shown = text[:40] + ("…" if len(text) > 40 else "")
    return f"{type(widget).__name__} {shown!r}" if shown else type(widget).__name__


def _scroll_area(widget: QWidget, root: QWidget) -> QAbstractScrollArea | None:
    """The scroll area ``widget`` sits in (below ``root``), if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return area
        parent = area
    return None


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.objectName().startswith("qt_spinbox")


def _cut(widget: QWidget) -> str | None:
    """Whether the widget is smaller than its text needs."""
    if not _text(widget):
        return None
    needed = widget.minimumSizeHint()
    if isinstance(widget, QLabel) and widget.wordWrap():
        lines = widget.heightForWidth(widget.width())
        if widget.height() + 1 < lines:
            return f"{_name(widget)} is {widget.height()} px high, its lines need {lines}"
        return None
    if widget.width() < needed.width():
        return f"{_name(widget)} is {widget.width()} px wide, its text needs {needed.width()}"
    if widget.height() < needed.height():
        return f"{_name(widget)} is {widget.height()} px high, its text needs {needed.height()}"
    return None


def _tabs(bar: QTabBar) -> list[str]:
    found = []
    for index in range(bar.count()):
        title = bar.tabText(index).replace("&", "")
        if bar.tabRect(index).width() < bar.tabSizeHint(index).width():
            found.append(f"tab {title!r} is narrower than its title")
    widest = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
    if widest > bar.width() and not bar.usesScrollButtons():
        found.append(f"tabs {bar.tabText(0)!r}… do not fit and cannot be scrolled to")
    return found


def _reachable(widget: QWidget, root: QWidget) -> str | None:
    """Whether the widget can be seen: inside ``root``, or where its scroll area scrolls."""
    area = _scroll_area(widget, root)
    if area is None:
        where = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
        if not root.rect().contains(where):
            return f"{_name(widget)} lies outside the window ({where.getRect()})"
        return None
    viewport = area.viewport()
    where = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
    content = area.widget() if isinstance(area, QScrollArea) else None
    if content is not None:
        where = QRect(widget.mapTo(content, widget.rect().topLeft()), widget.size())
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if area.horizontalScrollBarPolicy() == off and where.right() >= viewport.width():
            return f"{_name(widget)} is cut off on the right of a scroll area that cannot scroll"
    return None


def _sideways(area: QScrollArea) -> str | None:
    """A page's scroll area wider inside than out: every line has to be scrolled to be read."""
    content = area.widget()
    if content is None or content.width() <= area.viewport().width():
        return None
    first = next((_name(w) for w in content.findChildren(QWidget) if _text(w)), "")
    inside, outside = content.width(), area.viewport().width()
    return f"a scroll area scrolls sideways ({inside} px in {outside}, {first})"


def _overlaps(widgets: list[QWidget]) -> list[str]:
    """Controls that hold or take text, drawn over one another (a squeezed row)."""
    widgets = [w for w in widgets if _text(w) or not isinstance(w, QAbstractButton)]
    found = []
    for index, first in enumerate(widgets):
        for second in widgets[index + 1 :]:
            if first.parentWidget() is second.parentWidget() and first.geometry().intersects(
                second.geometry()
            ):
                found.append(f"{_name(first)} and {_name(second)} overlap")
    return found


def problems(root: QWidget, screen: QSize = SCREEN) -> list[str]:
    """Every place under ``root`` (a window, a dialog) where the text does not fit, in words."""
    found = []
    if root.width() > screen.width() or root.height() > screen.height():
        found.append(f"{type(root).__name__} is {root.width()}x{root.height()}, over the screen")
    controls: list[QWidget] = [
        w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and _shown(w)
    ]
    for widget in controls:
        for problem in (_cut(widget), _reachable(widget, root)):
            if problem is not None:
                found.append(problem)
    found += _overlaps(controls)
    for area in root.findChildren(QScrollArea):
        if isinstance(area, SidewaysScroll) or not area.isVisible():
            continue  # (a table that scrolls alone, so that the page around it need not)
        problem = _sideways(area)
        if problem is not None:
            found.append(problem)
    for bar in root.findChildren(QTabBar):
        if bar.isVisible():
            found += _tabs(bar)
    return list(dict.fromkeys(found))
