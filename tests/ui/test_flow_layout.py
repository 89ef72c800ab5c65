"""A row of buttons wraps in a narrow window instead of being cut off."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget
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


def test_the_end_group_stands_at_the_end_of_its_row(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=6)
    first = QPushButton("Previous", host)
    layout.addWidget(first)
    layout.end_here()
    last = QPushButton("Remove day…", host)
    layout.addWidget(last)
    for width in (600, max(first.sizeHint().width(), last.sizeHint().width()) + 20):
        host.resize(width, layout.heightForWidth(width))
        host.show()
        qtbot.waitExposed(host)
        layout.setGeometry(host.rect())
        assert last.geometry().right() == width - 1
        assert first.geometry().left() == 0
    assert last.geometry().top() > first.geometry().bottom()  # narrow: a row of its own


def test_a_wrapped_label_never_stands_wider_than_the_row(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=6)
    label = QLabel("Not saved: the database is locked by another program; try again " * 2)
    label.setWordWrap(True)
    layout.addWidget(label)
    host.resize(200, layout.heightForWidth(200))
    host.show()
    qtbot.waitExposed(host)
    assert label.width() <= 200
    assert label.height() >= label.heightForWidth(label.width())
