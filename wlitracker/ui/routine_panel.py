"""A routine's part of its experiment's page: how well it is kept up, and pause or retire.

The score as a bar and in words, the days done lately, a calendar of the last weeks
(done filled, partly half, not done hatched, an unmarked routine day outlined in the
warning colour, paused days faint), whether satisfaction and guilt held up, and its
pauses. Everything shown comes from ``core.present.routine``; the buttons only ask.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.model.entities import RoutineChangeKind
from ..core.present.routine import CALENDAR_WEEKS, CalendarCell, RoutinePanel
from .feedback import tr
from .sizes import fit_width, text_size
from .style import secondary, strong
from .theme import PHASE_COLOURS, WORSE

CELL = 14
GAP = 3


class RoutineCalendar(QWidget):
    """Weeks as columns, Monday at the top, the newest week on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: tuple[CalendarCell, ...] = ()
        self.setAccessibleName(tr("Calendar of days done"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_cells(self, cells: tuple[CalendarCell, ...]) -> None:
        self.cells = cells
        done = sum(1 for c in cells if c.mark == "done")
        self.setAccessibleDescription(
            tr("{done} days done in the last {weeks} weeks").format(done=done, weeks=CALENDAR_WEEKS)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        weeks = max(1, len(self.cells) // 7)
        return QSize(weeks * (CELL + GAP), 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def _rect(self, index: int) -> QRect:
        week, weekday = divmod(index, 7)
        return QRect(week * (CELL + GAP), weekday * (CELL + GAP), CELL, CELL)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        del event
        painter = QPainter(self)
        palette = self.palette()
        kept = QColor(PHASE_COLOURS["trial"])
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        for index, cell in enumerate(self.cells):
            rect = self._rect(index)
            inner = rect.adjusted(0, 0, -1, -1)
            if cell.mark == "done":
                painter.fillRect(rect, kept)
            elif cell.mark == "partly":
                painter.fillRect(rect.adjusted(0, CELL // 2, 0, 0), kept)
                painter.setPen(QPen(kept, 1))
                painter.drawRect(inner)
            elif cell.mark == "not done":
                painter.fillRect(rect, QBrush(kept, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(kept, 1))
                painter.drawRect(inner)
            elif cell.mark == "missed":
                painter.setPen(QPen(QColor(WORSE), 1))
                painter.drawRect(inner)
            elif cell.mark == "paused":
                painter.fillRect(rect, QBrush(faint, Qt.BrushStyle.Dense6Pattern))
            elif cell.mark == "open":
                painter.setPen(QPen(faint, 1))
                painter.drawRect(inner)
            else:  # outside the routine: the lightest trace of the grid
                colour = QColor(faint)
                colour.setAlphaF(0.25)
                painter.fillRect(rect, colour)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for index, cell in enumerate(self.cells):
                if self._rect(index).contains(event.pos()):
                    QToolTip.showText(event.globalPos(), cell.text, self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class ReasonDialog(QDialog):
    """Why a routine is paused or retired, in a sentence; OK waits for one."""

    def __init__(self, kind: RoutineChangeKind, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        pause = kind is RoutineChangeKind.PAUSE
        self.setWindowTitle(
            (tr("Pause: {title}") if pause else tr("Retire: {title}")).format(title=title)
        )
        layout = QVBoxLayout(self)
        prompt = QLabel(
            tr("Today will not ask about it until you resume it. Why pause?")
            if pause
            else tr("Today is its last day; its days and score are kept. Why retire it?"),
            self,
        )
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(tr("A sentence is enough."))
        self.reason_edit.setAccessibleName(tr("Reason"))
        self.reason_edit.setMinimumHeight(text_size(self.reason_edit, 0, 4).height())
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Pause it") if pause else tr("Retire it"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason())))
        self.ok_button.setEnabled(False)
        fit_width(self, 60)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


class RoutinePanelView(QFrame):
    change_requested = Signal(object)  # RoutineChangeKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Routine"))
        layout = QVBoxLayout(self)
        self.state_label = strong(QLabel(self))
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.state_label)
        top = QHBoxLayout()
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.score_bar = QProgressBar(self)
        self.score_bar.setRange(0, 100)
        self.score_bar.setTextVisible(False)
        self.score_bar.setMaximumWidth(220)
        self.score_bar.setAccessibleName(tr("How well it is kept up"))
        self.score_bar.setToolTip(
            tr("Rises with each day done and fades with each miss; partly counts half")
        )
        top.addWidget(self.headline)
        top.addWidget(self.score_bar)
        top.addStretch(1)
        layout.addLayout(top)
        self.recent = QLabel(self)
        self.recent.setWordWrap(True)
        layout.addWidget(self.recent)
        self.calendar = RoutineCalendar(self)
        layout.addWidget(self.calendar)
        legend = QLabel(
            tr(
                "The last {weeks} weeks, Monday at the top. Filled: done; half: partly; "
                "hatched: not done; outlined in orange: nothing marked; shaded: paused."
            ).format(weeks=CALENDAR_WEEKS),
            self,
        )
        legend.setWordWrap(True)
        secondary(legend)
        layout.addWidget(legend)
        self.held_up = QLabel(self)
        self.held_up.setWordWrap(True)
        self.held_up.setTextFormat(Qt.TextFormat.PlainText)
        self.held_up.setAccessibleName(tr("Since it became a routine"))
        layout.addWidget(self.held_up)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.history)
        buttons = QHBoxLayout()
        self.pause_button = self._button(tr("P&ause…"), RoutineChangeKind.PAUSE)
        self.resume_button = self._button(tr("Res&ume"), RoutineChangeKind.RESUME)
        self.retire_button = self._button(tr("Re&tire…"), RoutineChangeKind.RETIRE)
        for button in (self.pause_button, self.resume_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _button(self, text: str, kind: RoutineChangeKind) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _=False: self.change_requested.emit(kind))
        return button

    def set_panel(self, panel: RoutinePanel, today: dt.date) -> None:
        del today
        self.state_label.setText(tr(panel.state_text))
        self.headline.setText(tr(panel.headline))
        self.score_bar.setValue(panel.score_percent)
        self.recent.setText(tr(panel.recent))
        self.calendar.set_cells(panel.calendar)
        self.held_up.setText("\n".join(tr(line) for line in panel.held_up))
        self.held_up.setVisible(bool(panel.held_up))
        self.history.setText("\n".join(panel.history))
        self.history.setVisible(bool(panel.history))
        self.pause_button.setVisible(panel.can_pause)
        self.resume_button.setVisible(panel.can_resume)
        self.retire_button.setVisible(panel.can_retire)
