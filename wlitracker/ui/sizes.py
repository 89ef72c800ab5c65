"""Sizes that follow the text: widths from the font, windows no larger than the screen.

(The Qt namespace is imported where it is used: making its enums costs the window's first
paint some 30 ms, and this module is loaded before it.)

A person whose desktop asks for larger text (200%: the font's points doubled, or a font DPI
of 192) gets every size that holds text grown with it. A size in pixels would cut the text
off; one in characters and lines grows with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QScrollArea, QWidget

# Room the window manager's frame takes around a window (its title bar above all).
WINDOW_FRAME = QSize(16, 48)


def text_width(widget: QWidget, *texts: str) -> int:
    """The widest of ``texts`` in the widget's font, in pixels."""
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(text) for text in texts), default=0)


def text_size(widget: QWidget, columns: float, lines: float) -> QSize:
    """Room for ``lines`` lines of ``columns`` average characters in the widget's font."""
    metrics = widget.fontMetrics()
    return QSize(round(metrics.averageCharWidth() * columns), round(metrics.lineSpacing() * lines))


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize a window to ``wanted``, or to the screen's free area if that is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        wanted = wanted.boundedTo(screen.availableGeometry().size() - WINDOW_FRAME)
    window.resize(wanted)


class _StackWhenNarrow(QObject):
    def __init__(self, form: QFormLayout, host: QWidget) -> None:
        super().__init__(host)
        self.form = form
        self.host = host
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.update()
        return False

    def update(self) -> None:
        form = self.form
        labels, fields = [0], [0]
        for row in range(form.rowCount()):
            for role, widths in (
                (QFormLayout.ItemRole.LabelRole, labels),
                (QFormLayout.ItemRole.FieldRole, fields),
            ):
                item = form.itemAt(row, role)
                if item is not None and not item.isEmpty():
                    widths.append(item.sizeHint().width())
        margins = form.contentsMargins()
        needed = (
            max(labels)
            + max(form.horizontalSpacing(), 0)
            + max(fields)
            + margins.left()
            + margins.right()
        )
        wanted = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if self.host.contentsRect().width() < needed
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        if form.rowWrapPolicy() != wanted:
            form.setRowWrapPolicy(wanted)


def stack_when_narrow(form: QFormLayout, host: QWidget) -> None:
    """Labels beside their fields while a row fits on one line, above them once it does not."""
    _StackWhenNarrow(form, host)


class SidewaysScroll(QScrollArea):
    """Something that wraps only so far (a table of numbers) in a strip that scrolls sideways
    when narrower still, as tall as its content: the page around it stays as wide as the
    window."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)

    def _height(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        narrowest = content.minimumSizeHint().width()
        width = max(self.viewport().width(), narrowest)
        height = (
            content.heightForWidth(width)
            if content.hasHeightForWidth()
            else content.sizeHint().height()
        )
        if narrowest > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def sizeHint(self) -> QSize:  # noqa: N802
        content = self.widget()
        width = content.sizeHint().width() if content is not None else 0
        return QSize(width, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.updateGeometry()  # the scroll bar comes or goes with the width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """New content (the table of another experiment): as tall as it is now."""
        handled = super().eventFilter(watched, event)
        if watched is self.widget() and event.type() == QEvent.Type.Resize:
            self.updateGeometry()
        return handled


def fit_width(window: QWidget, columns: float) -> None:
    """Resize a window to ``columns`` average characters wide and as tall as it then needs."""
    width = text_size(window, columns, 0).width()
    height = window.heightForWidth(width) if window.hasHeightForWidth() else -1
    fit_to_screen(window, QSize(width, max(height, window.sizeHint().height())))


def scrolled(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls once the window is too small for it.

    The area itself takes no focus: Tab goes to the controls inside, and the area scrolls to
    the one focused. (Content with no controls, a text to read, wants the focus back.)
    """
    from PySide6.QtCore import Qt

    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area
