"""A row of buttons wraps in a narrow window instead of being cut off."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from wlitracker.ui.flow_layout import FlowLayout


def _row(qtbot: QtBot, width: int) -> tuple[QWidget, list[QPushButton]]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=6)
    buttons = [QPushButton(text, host) for text in ("Persist", "Adjust", "Try something different")]
    for button in buttons:
        layout.addWidget(button)
    host.resize(width, layout.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    return host, buttons


def test_wide_enough_they_stand_in_one_row(qtbot: QtBot) -> None:
    _host, buttons = _row(qtbot, 800)
    assert len({b.geometry().top() for b in buttons}) == 1
    assert all(b.geometry().right() < 800 for b in buttons)


def test_narrow_they_wrap_and_each_stays_whole(qtbot: QtBot) -> None:
    _host, buttons = _row(qtbot, 230)
    assert len({b.geometry().top() for b in buttons}) > 1
    for button in buttons:
        assert button.geometry().width() == button.sizeHint().width()
        assert button.geometry().right() < 230 or button.geometry().left() == 0
