"""An experiment's plan as a strip of day squares, so progress can be read at a glance.

Colour says the phase (baseline or trial), fill says what the check-ins said
(done, partly, not done, no answer), and a frame marks today. Which mark a day
gets is decided in the core (``experiment_form.strip_days``); this only draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..core.model.entities import Adherence, PhaseKind
from ..core.present.experiment_form import DayMark, StripDay
from .feedback import tr
from .theme import PHASE_COLOURS

CELL = 22
GAP = 3
PHASE_GAP = 10
ROW_GAP = 4
FRAME = 2


def phase_name(kind: PhaseKind) -> str:
    return tr("Baseline") if kind is PhaseKind.BASELINE else tr("Trial")


def paint_cell(
    painter: QPainter,
    rect: QRect,
    kind: PhaseKind,
    mark: DayMark,
) -> None:
    """One day square; shared by the strip and its legend so they always agree."""
    colour = QColor(PHASE_COLOURS[kind.value])
    faint = QColor(colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    inner = rect.adjusted(0, 0, -1, -1)
    if mark is DayMark.DONE:
        painter.fillRect(rect, colour)
    elif mark is DayMark.PARTLY:
        painter.fillRect(rect.adjusted(0, rect.height() // 2, 0, 0), colour)
        painter.setPen(QPen(colour, 1))
        painter.drawRect(inner)
    elif mark is DayMark.NOT_DONE:
        painter.fillRect(rect, QBrush(colour, Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(colour, 1))
        painter.drawRect(inner)
    elif mark is DayMark.NOT_SCHEDULED:
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DotLine))
        painter.drawRect(inner)
    elif mark is DayMark.NO_ANSWER:
        faint.setAlpha(90)
        painter.fillRect(rect, faint)
    else:  # the future: lighter than a missing answer
        faint.setAlpha(40)
        painter.fillRect(rect, faint)
        edge = QColor(colour)
        edge.setAlpha(110)
        painter.setPen(QPen(edge, 1))
        painter.drawRect(inner)
    painter.restore()


def _adherence_text(day: StripDay) -> str:
    if day.mark is DayMark.FUTURE:
        return tr("Still to come")
    texts = {
        Adherence.DONE: tr("Done"),
        Adherence.PARTLY: tr("Partly done"),
        Adherence.NOT_DONE: tr("Not done"),
        Adherence.NOT_SCHEDULED: tr("Not planned that day"),
    }
    if day.adherence is not None and (
        day.phase.kind is PhaseKind.TRIAL or day.adherence is not Adherence.NOT_SCHEDULED
    ):
        return texts[day.adherence]
    if day.phase.kind is PhaseKind.BASELINE:
        return tr("Checked in (the usual way)") if day.checked_in else tr("No check-in")
    return tr("Checked in, no answer about the change") if day.checked_in else tr("No check-in")


def day_tooltip(day: StripDay) -> str:
    """Date, phase and adherence, in words: everything a square shows by colour."""
    weekday = QLocale().dayName(day.date.isoweekday())
    first = f"{day.date.isoformat()} ({weekday})"
    if day.is_today:
        first += " · " + tr("today")
    number = (day.date - day.phase.start).days + 1
    lines = [
        first,
        tr("{phase} ({label}), day {number} of {days}").format(
            phase=phase_name(day.phase.kind),
            label=day.phase.label,
            number=number,
            days=day.phase.days,
        ),
        _adherence_text(day),
    ]
    if day.unusual:
        lines.append(tr("Unusual day: {reason}").format(reason=day.unusual))
    return "\n".join(lines)


class ScheduleStrip(QWidget):
    """One square per planned day, wrapping onto more rows when the plan is long.

    Hover a square (or focus the strip and use the arrow keys) to read the day.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[StripDay, ...] = ()
        self._cursor: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Schedule, one square per day"))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # state
    def set_days(self, days: Sequence[StripDay]) -> None:
        self._days = tuple(days)
        today = next((i for i, day in enumerate(self._days) if day.is_today), None)
        self._cursor = today if today is not None else (0 if self._days else None)
        self.setAccessibleDescription(self._summary())
        self.updateGeometry()
        self.update()

    def days(self) -> tuple[StripDay, ...]:
        return self._days

    def _summary(self) -> str:
        trial = [
            d
            for d in self._days
            if d.phase.kind is PhaseKind.TRIAL and d.mark is not DayMark.FUTURE
        ]
        done = sum(d.mark is DayMark.DONE for d in trial)
        partly = sum(d.mark is DayMark.PARTLY for d in trial)
        return tr(
            "{total} planned days; of {trial} trial days so far, {done} done and {partly} partly"
        ).format(total=len(self._days), trial=len(trial), done=done, partly=partly)

    # geometry
    def _label_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _layout(self, width: int) -> tuple[list[QRect], list[tuple[QPoint, str]], int]:
        """Cell rectangles, phase labels and the total height for a given width."""
        label_h = self._label_height()
        row_h = label_h + CELL + ROW_GAP
        x, y = FRAME, FRAME + label_h
        cells: list[QRect] = []
        labels: list[tuple[QPoint, str]] = []
        previous = None
        for day in self._days:
            new_phase = day.phase is not previous and day.phase != previous
            if new_phase and previous is not None:
                x += PHASE_GAP - GAP
            if x + CELL + FRAME > width and x > FRAME:
                x, y = FRAME, y + row_h
            if new_phase:
                labels.append((QPoint(x, y - 3), day.phase.label))
            cells.append(QRect(x, y, CELL, CELL))
            x += CELL + GAP
            previous = day.phase
        height = (cells[-1].bottom() + 1 + FRAME) if cells else label_h
        return cells, labels, height

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._layout(max(width, CELL + 2 * FRAME))[2]

    def sizeHint(self) -> QSize:  # noqa: N802
        width = min(len(self._days), 31) * (CELL + GAP) + 2 * PHASE_GAP + 2 * FRAME
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = 7 * (CELL + GAP) + 2 * FRAME
        return QSize(width, self._label_height() + CELL + 2 * FRAME)

    def cell_rect(self, index: int) -> QRect:
        return self._layout(self.width())[0][index]

    def index_at(self, pos: QPoint) -> int | None:
        for index, rect in enumerate(self._layout(self.width())[0]):
            if rect.adjusted(-1, -1, GAP, 1).contains(pos):
                return index
        return None

    def tooltip_at(self, pos: QPoint) -> str:
        index = self.index_at(pos)
        return day_tooltip(self._days[index]) if index is not None else ""

    # painting and events
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        cells, labels, _ = self._layout(self.width())
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        for point, label in labels:
            painter.drawText(point, label)
        for day, rect in zip(self._days, cells, strict=True):
            paint_cell(painter, rect, day.phase.kind, day.mark)
            if day.unusual:
                painter.setBrush(text)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(rect.right() - 5, rect.top() + 2, 4, 4)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            if day.is_today:
                painter.setPen(QPen(text, FRAME))
                painter.drawRect(rect.adjusted(-2, -2, 1, 1))
        if self.hasFocus() and self._cursor is not None and self._cursor < len(cells):
            highlight = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(highlight, 1, Qt.PenStyle.DashLine))
            painter.drawRect(cells[self._cursor].adjusted(-2, -2, 1, 1))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        step = steps.get(Qt.Key(event.key()))
        if step is None or self._cursor is None:
            super().keyPressEvent(event)
            return
        self._cursor = max(0, min(len(self._days) - 1, self._cursor + step))
        rect = self.cell_rect(self._cursor)
        text = day_tooltip(self._days[self._cursor])
        self.setAccessibleDescription(text)
        QToolTip.showText(self.mapToGlobal(rect.bottomLeft()), text, self)
        self.update()


class StripLegend(QWidget):
    """What the squares mean, drawn with the same painter as the strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[PhaseKind, DayMark, str]] = [
            (PhaseKind.BASELINE, DayMark.DONE, tr("Baseline")),
            (PhaseKind.TRIAL, DayMark.DONE, tr("Trial: done")),
            (PhaseKind.TRIAL, DayMark.PARTLY, tr("partly")),
            (PhaseKind.TRIAL, DayMark.NOT_DONE, tr("not done")),
            (PhaseKind.TRIAL, DayMark.NO_ANSWER, tr("no answer")),
            (PhaseKind.TRIAL, DayMark.FUTURE, tr("to come")),
        ]
        self.setAccessibleName(tr("Legend"))
        self.setAccessibleDescription(", ".join(text for _, _, text in self._items))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _layout(self, width: int) -> tuple[list[QRect], int]:
        metrics = self.fontMetrics()
        line = max(metrics.height(), CELL - 6) + 4
        x, y = 0, 0
        boxes: list[QRect] = []
        for _, _, text in self._items:
            item_w = CELL - 6 + 5 + metrics.horizontalAdvance(text)
            if x + item_w > width and x > 0:
                x, y = 0, y + line
            boxes.append(QRect(x, y, item_w, line))
            x += item_w + 14
        return boxes, (y + line if boxes else 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._layout(max(width, 60))[1]

    def sizeHint(self) -> QSize:  # noqa: N802
        boxes, height = self._layout(10_000)
        return QSize(boxes[-1].right() + 1, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(60, self.fontMetrics().height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        boxes, _ = self._layout(self.width())
        painter = QPainter(self)
        palette = self.palette()
        size = CELL - 6
        for (kind, mark, text), box in zip(self._items, boxes, strict=True):
            cell = QRect(box.left(), box.top() + (box.height() - size) // 2, size, size)
            paint_cell(painter, cell, kind, mark)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            text_rect = box.adjusted(size + 5, 0, 0, 0)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
