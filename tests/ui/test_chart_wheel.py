"""The mouse wheel over a chart is left to the page (a scroll area scrolls on), not taken."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal
from wlitracker.ui.chart_view import ChartView


def test_a_drawn_chart_leaves_the_wheel_to_the_page(qtbot: QtBot, today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today)
    view = ChartView("trend")
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_spec(chart_specs.build(Journal(repo, lambda: today), "trend"), today)
    qtbot.waitUntil(lambda: view.picture is not None)
    for target in (view.image, view):
        centre = QPointF(target.width() / 2, target.height() / 3)
        event = QWheelEvent(
            centre,
            QPointF(target.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),  # one notch down
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)
        assert not event.isAccepted()  # so Qt hands it on to the scroll area around
