"""One chart in the window: the picture of the chart spec it was given.

The spec is built in the core (``core.present.chart_specs``) by whoever shows the chart; this
widget never sees the journal, and never imports matplotlib: the chart process draws
(``chart_worker``) and sends back a ``charts.picture.Picture``. The chart follows the
app's light or dark palette, redraws when it or the size changes, shows a day's date,
value and note on hover, and can be saved as PNG, SVG or PDF from its context menu or
its Save button, never over the journal's own files (``protected``, from its controller).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..charts.process import Save
from ..core.model.errors import WliError
from ..core.model.record import replace
from ..core.model.words import ADHERENCE_WORDS
from ..core.present.chart_specs import ChartSpec, kind_of
from .chart_worker import worker as chart_worker
from .feedback import show_problem, tr
from .theme import palette_is_dark

if TYPE_CHECKING:
    from ..charts.picture import Picture
    from ..charts.process import Drawn

REDRAW_DELAY_MS = 120  # after the last resize: a window being resized is not redrawn each step
# A new spec is drawn this long after it arrives: the layouts around it (a detail that
# grew, a scroll area) settle first, so the chart is drawn once, at the size it keeps.
SETTLE_MS = 16
DPI = 96.0
SAVE_FILTER = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


class ChartImage(QWidget):
    """The drawn chart: an image from the chart worker, scaled while a new size is drawn.

    While a chart of newer data is being drawn, the old one is shown faded under
    *Drawing…*, so what is on screen is never taken for the current data. A chart that
    could not be drawn at all says why in its place.
    """

    def __init__(self, view: ChartView) -> None:
        super().__init__(view)
        self.view = view
        self.image: QImage | None = None
        self.outdated = False
        self.problem = ""
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_image(self, image: QImage | None, problem: str = "") -> None:
        self.image = image
        self.problem = problem if image is None else ""
        self.outdated = False
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self.image is not None:
            if self.outdated:
                painter.setOpacity(0.35)
            painter.drawImage(self.rect(), self.image)
            painter.setOpacity(1.0)
        if self.image is None and self.problem:
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.problem,
            )
        elif self.image is None or self.outdated:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Drawing the chart…"))
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.view.hover_at(event.position().x(), event.position().y())

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        QToolTip.hideText()


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
        self.picture: Picture | None = None  # the latest drawn
        self.canvas: ChartImage | None = None
        self._stale = True
        self._view_key = chart_worker().new_view()
        self._drawing: int | None = None  # the request being drawn
        self._requested: tuple[object, str, int, int] | None = None  # its spec, theme, size
        self._drawn_key: tuple[object, str] | None = None  # the spec and theme shown
        self._shown_size: tuple[int, int, float] | None = None  # device pixels, dpi
        chart_worker().delivery.drawn.connect(self._drawn)
        self.setAccessibleName(tr("{kind} chart").format(kind=kind.capitalize()))
        self.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.area = QVBoxLayout()
        layout.addLayout(self.area, 1)
        # There from the start, so the layout gives it its size before anything is drawn.
        self.image = ChartImage(self)
        self.image.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.area.addWidget(self.image)
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

    def set_outdated(self, outdated: bool) -> None:
        """Whether what is drawn is about to be replaced (faded, *Drawing…*, meanwhile)."""
        if not outdated and self._drawing is not None:
            return  # stays faded until the new drawing is here
        if self.image.image is not None and self.image.outdated != outdated:
            self.image.outdated = outdated
            self.image.update()

    def refresh(self) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(SETTLE_MS, self, self._draw_if_stale)
        else:
            self._let_go()

    def _let_go(self) -> None:
        """A hidden chart of other data (or another theme) drops its image and points:
        nobody sees them, it is drawn anew when shown, and each is megabytes."""
        if self.picture is None or self._drawn_is_current():
            return
        self.image.show_image(None)
        self.picture = None
        self._drawn_key = None
        self._requested = None
        self._drawing = None  # a drawing on its way is for the old data: not wanted

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(SETTLE_MS, self, self._draw_if_stale)  # once laid out

    def _draw_if_stale(self) -> None:
        if self._stale:
            self.redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.canvas is not None and self.canvas.image is not None:
            self._timer.start()  # the old image, scaled, until the new size is drawn

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self.refresh()

    # --- drawing ------------------------------------------------------------------

    def _ensure_canvas(self) -> ChartImage:
        """The image, from now on also known as the chart's canvas."""
        self.canvas = self.image
        return self.image

    def _theme_name(self) -> str:
        return "dark" if palette_is_dark(self.palette()) else "light"

    def _drawn_is_current(self) -> bool:
        """Whether the image shown is of the current spec, in the current theme."""
        return self._drawn_key == (self.spec, self._theme_name())

    def redraw(self) -> None:
        """Ask for the spec to be drawn at the size shown, in the app's current theme.

        The chart worker draws it; until it is back the old image stays, faded if the
        data changed. Blank until there is a spec.
        """
        if not self.isVisible():
            self._stale = True  # drawn when shown again
            return
        if self.spec is None:
            return  # stays stale: drawn when its spec arrives
        canvas = self._ensure_canvas()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the size it will have, not the size it had
        ratio = canvas.devicePixelRatioF()
        width = max(canvas.width(), 50)
        height = max(canvas.height(), 50)
        wanted = (self.spec, self._theme_name(), width, height)
        if wanted == self._requested and (self._drawing is not None or canvas.image is not None):
            self._stale = False
            return  # asked for already: being drawn, or on screen
        if not self._drawn_is_current():
            canvas.outdated = canvas.image is not None
            canvas.update()
        self._requested = wanted
        self._drawing = chart_worker().request(
            self._view_key,
            self.spec,
            self._theme_name(),
            round(width * ratio),
            round(height * ratio),
            DPI * ratio,
        )
        self._stale = False

    @property
    def drawing(self) -> bool:
        """Whether a chart asked for is still being drawn."""
        return self._drawing is not None

    def _drawn(self, drawn: Drawn) -> None:
        if drawn.view != self._view_key or drawn.number != self._drawing:
            return  # another view's, or superseded
        self._drawing = None
        picture = drawn.picture
        canvas = self._ensure_canvas()
        image = None
        if picture.width and picture.height:
            image = QImage(
                picture.pixels, picture.width, picture.height, QImage.Format.Format_RGBA8888
            ).copy()  # its own pixels: the bytes go away
            image.setDevicePixelRatio(canvas.devicePixelRatioF())
        self.picture = replace(picture, pixels=b"")  # the image has them: not kept twice
        self._shown_size = (picture.width, picture.height, DPI * canvas.devicePixelRatioF())
        assert self._requested is not None
        self._drawn_key = self._requested[:2]
        canvas.show_image(image, picture.problem)
        if image is not None and self._requested[2:] != (canvas.width(), canvas.height()):
            self._timer.start()  # resized while it was drawn

    def hover_at(self, x: float, y: float) -> None:
        """The day under the pointer (at ``x``, ``y`` in the image) as a tooltip."""
        picture = self.picture
        canvas = self.canvas
        if picture is None or canvas is None or canvas.image is None or canvas.outdated:
            return
        ratio = canvas.image.width() / max(canvas.width(), 1)
        for item in picture.items_at(x * ratio, (canvas.height() - y) * ratio):
            text = describe_point(item)
            if text:
                QToolTip.showText(QCursor.pos(), text, self)
                return
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

        At the size on screen when it shows the spec, else at the files' size.
        """
        if self.spec is None:
            return None
        shown = self._drawn_is_current() and self._drawing is None
        try:
            return chart_worker().write(
                Save(
                    self.spec,
                    self._theme_name(),
                    Path(path),
                    self.accessibleName(),
                    self.protected,
                    self._shown_size if shown and self.picture and self.picture.width else None,
                )
            )
        except WliError as error:
            show_problem(self, error)
            return None
