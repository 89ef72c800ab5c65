"""One chart in the window: a matplotlib canvas drawing the chart spec it was given.

The spec is built in the core (``core.present.chart_specs``) by whoever shows the chart; this
widget never sees the journal. matplotlib is imported the first time a chart is
shown, never at start-up. The chart follows the app's light or dark palette,
redraws when it or the size changes, shows a day's date, value and note on hover,
and can be saved as PNG, SVG or PDF from its context menu or its Save button,
never over the journal's own files (``protected``, given by its controller).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QCursor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.model.errors import WliError
from ..core.model.words import ADHERENCE_WORDS
from ..core.present.chart_specs import ChartSpec, kind_of
from .feedback import show_problem, tr
from .theme import palette_is_dark

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from ..charts.theme import ChartTheme

REDRAW_DELAY_MS = 120
SAVE_FILTER = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


@functools.cache
def _chart_canvas_class() -> type[FigureCanvasQTAgg]:
    """The Qt canvas drawing with the chart settings (matplotlib loads on first use)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from ..charts.theme import drawing

    class ChartCanvas(FigureCanvasQTAgg):
        def draw(self) -> None:
            with drawing():
                super().draw()  # type: ignore[no-untyped-call]

    return ChartCanvas


def describe_point(item: object) -> str:
    """Hover text for a day (or a week's mean) of any chart."""
    from ..core.present.chart_specs import SeriesPoint

    date = getattr(item, "date", None)
    if not isinstance(date, dt.date):
        return ""
    lines = [date.strftime("%a %d %b %Y")]
    value = getattr(item, "value", None)
    count = item.count if isinstance(item, SeriesPoint) else 1  # (a DayPoint tuple has .count)
    if value is None:
        lines.append(tr("not rated"))
    elif count and count > 1:
        lines.append(tr("mean of {n} days: {value:.1f}").format(n=count, value=value))
    else:
        lines.append(tr("value: {value:g}").format(value=value))
    adherence = getattr(item, "adherence", None)
    if adherence is not None:
        lines.append(tr("did it: {mark}").format(mark=tr(ADHERENCE_WORDS[adherence])))
    if getattr(item, "unusual", False):
        reason = getattr(item, "unusual_reason", "")
        lines.append(tr("unusual day, left out") + (f" ({reason})" if reason else ""))
    note = getattr(item, "note", "")
    if note:
        lines.append(note if len(note) <= 300 else note[:297] + "…")
    return "\n".join(lines)


class ChartView(QWidget):
    """Draws a chart spec (experiment, compare, trend, calendar, weekday, scatter).

    ``kind`` names the chart until its first spec arrives (for screen readers and the
    suggested file name); ``protected``: the journal's files, never written over.
    """

    def __init__(
        self, kind: str, parent: QWidget | None = None, *, protected: Iterable[Path] = ()
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.protected = tuple(protected)
        self.spec: ChartSpec | None = None
        self.day: dt.date | None = None  # the day the spec was made, for the file name
        self.figure: Figure | None = None
        self.canvas: Any = None
        self._stale = True
        self.setAccessibleName(tr("{kind} chart").format(kind=kind.capitalize()))
        self.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.area = QVBoxLayout()
        layout.addLayout(self.area, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(tr("Sa&ve chart…"), self)
        self.save_button.setAccessibleName(tr("Save the chart as PNG, SVG or PDF"))
        self.save_button.setEnabled(False)  # nothing to save before a spec
        self.save_button.clicked.connect(self.save_dialog)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)

    # --- state ------------------------------------------------------------------

    def set_spec(self, spec: ChartSpec | None, day: dt.date, *, savable: bool = True) -> None:
        """What to draw, made on ``day``; redraws if shown. None: not built yet (kept blank).

        ``savable``: whether the Save button is offered (not for a chart with nothing on it).
        """
        if spec is self.spec and day == self.day:
            self.save_button.setEnabled(spec is not None and savable)
            return
        self.spec = spec
        self.day = day
        if spec is not None:
            self.kind = kind_of(spec)
        self.save_button.setEnabled(spec is not None and savable)
        self.refresh()

    def refresh(self) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.canvas is not None:
            self._timer.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self.refresh()

    # --- drawing ------------------------------------------------------------------

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8, 4.5), dpi=96)
        self.canvas = _chart_canvas_class()(self.figure)
        self.canvas.setParent(self)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.area.addWidget(self.canvas)

    def _theme(self) -> ChartTheme:
        from ..charts.theme import theme_named

        return theme_named("dark" if palette_is_dark(self.palette()) else "light")

    def redraw(self) -> None:
        """Draw the spec now, in the app's current theme (blank until there is one)."""
        if not self.isVisible():
            self._stale = True  # drawn when shown again
            return
        if self.spec is None:
            return  # stays stale: drawn when its spec arrives
        from ..charts.render import draw_spec

        self._ensure_canvas()
        assert self.figure is not None
        self.figure.clear()
        try:
            draw_spec(self.figure, self.spec, self._theme())
        except WliError as error:
            self.figure.clear()
            self.figure.text(0.5, 0.5, str(error), ha="center", va="center", wrap=True)
        self.canvas.draw_idle()
        self._stale = False

    def _hover(self, event: MouseEvent) -> None:
        from ..charts.common import item_at

        if event.inaxes is None or event.xdata is None:
            QToolTip.hideText()
            return
        text = describe_point(item_at(event.inaxes, float(event.xdata)))
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    # --- saving -------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        for label, suffix in (("PNG", "png"), ("SVG", "svg"), ("PDF", "pdf")):
            action = menu.addAction(tr("Save as {label}…").format(label=label))
            action.triggered.connect(lambda _=False, s=suffix: self.save_dialog(s))
        menu.exec(event.globalPos())

    def suggested_name(self, suffix: str = "png") -> str:
        day = f"-{self.day.isoformat()}" if self.day is not None else ""
        return f"wlitracker-{self.kind}{day}.{suffix}"

    def save_dialog(self, suffix: str = "png") -> None:
        from .file_dialogs import save_file

        path = save_file(self, tr("Save chart"), self.suggested_name(suffix), tr(SAVE_FILTER))
        if path is not None:
            self.save(path)

    def save(self, path: Path) -> Path | None:
        """Write the chart as PNG, SVG or PDF, chosen by the file's extension.

        The figure on screen when it is drawn, else the spec drawn off screen.
        """
        from ..charts.render import save_figure, write_chart

        if self.spec is None:
            return None
        if self._stale:
            self.redraw()  # draws only while shown
        try:
            if self.figure is None or self._stale:  # not on screen: draw it off screen
                return write_chart(self.spec, path, theme=self._theme(), journals=self.protected)
            return save_figure(
                self.figure, path, title=self.accessibleName(), journals=self.protected
            )
        except WliError as error:
            show_problem(self, error)
            return None
