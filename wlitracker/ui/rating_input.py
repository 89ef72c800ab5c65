"""One metric's rating: type the number, or click it; empty means not rated.

A person rates in whole numbers. A day imported with a fraction (the mean of
several Daylio entries, 3.5) shows it as it is stored, and keeps it exactly
until the person picks another value.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QWidget,
)

from ..core.model.entities import Metric, Rating, metric_label
from .feedback import tr
from .sizes import text_width

MAX_BUTTONS = 11
# The chosen number must stand out in light and dark themes alike. Both states are
# drawn from the palette: a style sheet for the checked state alone left the others
# drawn light whatever the theme. (The chosen number is in the accent: colouring it by its
# metric, by palette or by rules picking buttons by a property, made the sheet some 40 ms
# slower to apply at start-up; the metric's colour is a mark beside its name instead.)
CHECKED_STYLE = (
    "QPushButton { background: palette(button); color: palette(button-text);"
    " border: 1px solid palette(mid); border-radius: 3px; padding: 3px 0; }"
    "QPushButton:hover { border-color: palette(highlight); }"
    "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); }"
)
SHOWN_DECIMALS = 2
BUTTON_ROOM = 0.4  # beside a number, in lines of its text: about square buttons
BUTTON_EDGE = 3  # and pixels for the border, which does not grow with the text
GAP = 2


class RatingSpin(QDoubleSpinBox):
    """Whole steps, a fraction shown only when there is one (7, 3.5, 3.67); selects its
    text on focus, so typing a number always replaces the dash."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(SHOWN_DECIMALS)
        self.setSingleStep(1)

    def textFromValue(self, value: float) -> str:  # noqa: N802
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text

    def stepBy(self, steps: int) -> None:  # noqa: N802
        """From a fraction, the first step lands on the whole number beside it."""
        value = self.value()
        if steps and not float(value).is_integer():
            whole = math.floor(value) if steps < 0 else math.ceil(value)
            self.setValue(whole + steps - (1 if steps > 0 else -1))
            return
        super().stepBy(steps)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self.selectAll)


class RatingsGroup(QFrame):
    """The card the ratings sit in; it gives their number buttons their look.

    One style sheet for all of them: each sheet set is parsed and polished on its own,
    a millisecond or more a rating at start-up.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._restyling = False
        self.setStyleSheet(CHECKED_STYLE)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """A new theme: style sheets keep the colours they were polished with, so re-apply."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            # Not from inside the event: Qt is still handing the new style to the children.
            self._restyling = True
            QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        self.setStyleSheet("")
        self.setStyleSheet(CHECKED_STYLE)
        self._restyling = False


class RatingInput(QWidget):
    """A spin box for typing plus, for short scales, a row of number buttons for the mouse
    (drawn as a scale inside a ``RatingsGroup``).

    The value below the scale's minimum is shown as a dash and means "not rated":
    a missing rating is never stored as zero. The buttons are as wide as the widest
    number needs in the current font.
    """

    changed = Signal()

    def __init__(self, metric: Metric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating_metric = metric
        # A box, not a row that wraps: laid out by Qt, not Python, at start-up. Its buttons
        # grow with the text and it fits a 900-pixel window at 200% with its label above it.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        self._exact: Rating | None = None  # a stored fraction, kept until changed
        self.spin = RatingSpin(self)
        self.spin.setRange(metric.min_value - 1, metric.max_value)
        self.spin.setSpecialValueText("–")
        self.spin.setAccelerated(True)
        name = metric_label(metric)
        self.spin.setAccessibleName(tr("{name} rating").format(name=name))
        self._hint = tr("Type a number from {low} to {high}; leave the dash for not rated").format(
            low=metric.min_value, high=metric.max_value
        )
        self.spin.setToolTip(self._hint)
        layout.addWidget(self.spin)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(False)
        span = metric.max_value - metric.min_value + 1
        if span <= MAX_BUTTONS:
            for value in range(metric.min_value, metric.max_value + 1):
                button = QPushButton(str(value), self)
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setAccessibleName(tr("Rate {name} {value}").format(name=name, value=value))
                self.buttons.addButton(button, value)
                layout.addWidget(button)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setToolTip(tr("Clear: not rated today"))
        self.clear_button.setAccessibleName(tr("Clear {name}").format(name=name))
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._size_buttons()
        self.spin.valueChanged.connect(self._spin_changed)
        self.buttons.idClicked.connect(self._button_clicked)
        self.clear_button.clicked.connect(lambda: self.set_value(None, emit=True))
        self._sync_buttons()

    def _size_buttons(self) -> None:
        numbers = [button.text() for button in self.buttons.buttons()]
        room = round(self.fontMetrics().height() * BUTTON_ROOM) + BUTTON_EDGE
        width = text_width(self, *numbers) + room
        for button in self.buttons.buttons():
            button.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_buttons()

    def value(self) -> Rating | None:
        """The rating shown: a whole number, or the stored fraction while it is unchanged."""
        value = self.spin.value()
        if value < self.rating_metric.min_value:
            return None
        if self._exact is not None and round(self._exact, SHOWN_DECIMALS) == value:
            return self._exact
        return int(value) if value.is_integer() else value

    def set_value(self, value: Rating | None, emit: bool = False) -> None:
        whole = value is None or float(value).is_integer()
        self._exact = None if whole else value
        blocked = self.spin.blockSignals(not emit)
        self.spin.setValue(self.rating_metric.min_value - 1 if value is None else float(value))
        self.spin.blockSignals(blocked)
        self._sync_buttons()

    def _spin_changed(self) -> None:
        if self._exact is not None and round(self._exact, SHOWN_DECIMALS) != self.spin.value():
            self._exact = None
        self._sync_buttons()
        self.changed.emit()

    def _button_clicked(self, value: int) -> None:
        self.set_value(None if self.value() == value else value, emit=True)

    def _sync_buttons(self) -> None:
        current = self.value()
        for button in self.buttons.buttons():
            button.setChecked(self.buttons.id(button) == current)
        self.clear_button.setEnabled(current is not None)
        self.spin.setToolTip(
            tr("{value}, as imported; pick a number to change it").format(
                value=self.spin.textFromValue(self.spin.value())
            )
            if self._exact is not None
            else self._hint
        )
