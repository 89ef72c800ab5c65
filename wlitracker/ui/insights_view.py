"""The *What goes with good days* tab: associations, strongest first, each with a small chart.

Each row is a sentence, its numbers, and a small chart of the difference with its 95%
interval against no difference, drawn on the share of the metric's scale so rows of
different metrics compare. A strong row offers *Test it as an experiment*, which asks
for the experiment form filled in with the suggestion the state holds.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.present.insights import InsightRow, InsightsView
from .feedback import tr
from .sizes import scrolled
from .style import secondary
from .theme import BETTER, WORSE


class IntervalChart(QWidget):
    """The difference (a dot) and its 95% interval (a bar) around zero (a line)."""

    def __init__(self, row: InsightRow, limit: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.limit = limit  # the share of the scale at the chart's ends
        self.setMinimumSize(QSize(160, 28))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Difference and its interval"))
        self.setToolTip(row.detail)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 28)

    def _x(self, value: float, rect: QRectF) -> float:
        share = value / self.row.span if self.row.span else 0.0
        share = max(-self.limit, min(self.limit, share))
        return rect.center().x() + share / self.limit * rect.width() / 2

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(6, 4, -6, -4)
        palette = self.palette()
        axis = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(QPen(axis, 1))
        middle = rect.center().y()
        painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.right(), middle))
        zero = rect.center().x()
        painter.drawLine(QPointF(zero, rect.top()), QPointF(zero, rect.bottom()))
        row = self.row
        colour = QColor(BETTER if row.better_with else WORSE)
        if not row.strong:
            colour = palette.color(QPalette.ColorRole.WindowText)
            colour.setAlphaF(0.55)
        painter.setPen(QPen(colour, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        low, high = self._x(row.ci_low, rect), self._x(row.ci_high, rect)
        painter.drawLine(QPointF(low, middle), QPointF(high, middle))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(self._x(row.difference, rect), middle), 5.5, 5.5)
        painter.end()


class InsightsList(QWidget):
    experiment_requested = Signal(object)  # Experiment: a draft for the experiment form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        content = QWidget()  # the note scrolls with the rows: with large text it is long
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(0, 0, 8, 0)
        self.note = secondary(QLabel(content))
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("About these numbers"))
        self.summary = QLabel(content)
        self.summary.setWordWrap(True)
        self.rows_box = QWidget(content)
        for widget in (self.note, self.summary, self.rows_box):
            self.column.addWidget(widget)
        self.column.addStretch(1)
        self.scroller = scrolled(content, self)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroller, 1)
        self.view: InsightsView | None = None
        self.rows: list[QWidget] = []
        self.test_buttons: list[QPushButton] = []
        self.set_view(None)

    def set_view(self, view: InsightsView | None) -> None:
        """Show ``view``; None: it is being worked out."""
        if view is not None and view == self.view:
            return
        self.view = view
        body = QWidget(self.rows_box.parentWidget())
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        self.rows = []
        self.test_buttons = []
        if view is None:
            self.note.setText(tr("Working out what goes with your good days…"))
            self.summary.clear()
        else:
            self.note.setText(tr(view.note))
            self.summary.setText(tr(view.summary) if view.rows else tr(view.empty_text))
            limit = max(
                [0.1, *(max(abs(r.ci_low), abs(r.ci_high)) / r.span for r in view.rows if r.span)]
            )
            for rank, row in enumerate(view.rows, 1):
                widget = self._row(body, rank, row, min(limit * 1.1, 1.0))
                rows.addWidget(widget)
                self.rows.append(widget)
            if view.more:
                more = QLabel(tr("…and {n} weaker ones.").format(n=view.more), body)
                rows.addWidget(more)
        old, self.rows_box = self.rows_box, body
        self.column.replaceWidget(old, body)
        old.deleteLater()

    def _row(self, parent: QWidget, rank: int, row: InsightRow, limit: float) -> QWidget:
        frame = QFrame(parent)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        line = QHBoxLayout(frame)
        words = QVBoxLayout()
        headline = QLabel(f"{rank}. {row.headline}", frame)
        headline.setTextFormat(Qt.TextFormat.PlainText)
        headline.setWordWrap(True)
        font = headline.font()
        font.setBold(row.strong)
        headline.setFont(font)
        detail = secondary(QLabel(row.detail, frame))
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setWordWrap(True)
        words.addWidget(headline)
        words.addWidget(detail)
        line.addWidget(IntervalChart(row, limit, frame))  # first: the charts line up
        line.addLayout(words, 1)  # the button under the words: long words need the width
        suggestion = row.suggestion
        if suggestion is not None:
            button = QPushButton(tr("Test it as an experiment…"), frame)
            button.setAccessibleName(
                tr("Test it as an experiment: {what}").format(what=row.headline)
            )
            button.setToolTip(
                tr(
                    "Opens the experiment form with this shift, the metric as its target and an "
                    "A-B-A-B schedule"
                )
            )
            button.clicked.connect(lambda _=False, s=suggestion: self.experiment_requested.emit(s))
            words.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.test_buttons.append(button)
        frame.setAccessibleName(row.headline)
        return frame
