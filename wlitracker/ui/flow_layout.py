"""A layout that puts its widgets in a row and wraps them onto the next line when narrow.

For rows of buttons that must stay whole in a narrow window (900 pixels wide, or text
at 200%) instead of pushing the page wider than the screen. Items added after
``end_here()`` stand together at the end of the row, as after a stretch in a box layout.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._end: int | None = None  # where the items at the end of the row begin
        # Qt asks the same questions many times a layout: answered once until invalidated
        # (each answer is Python, and a page has a dozen of these rows).
        self._heights: dict[int, int] = {}
        self._hint: QSize | None = None
        self._minimum: QSize | None = None
        self._placed: QRect | None = None  # where the items were last laid out
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def invalidate(self) -> None:
        self._heights.clear()
        self._hint = self._minimum = self._placed = None
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def end_here(self) -> None:
        """The items added from now on stand at the end of their row."""
        self._end = len(self._items)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        if self._end is not None and index < self._end:
            self._end -= 1
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        if rect != self._placed:
            self._place(rect, move=True)
            self._placed = QRect(rect)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything on one row."""
        if self._hint is None:
            sizes = [item.sizeHint() for item in self._shown()]
            width = sum(s.width() for s in sizes) + self._spacing * max(len(sizes) - 1, 0)
            height = max((s.height() for s in sizes), default=0)
            self._hint = QSize(width, height) + self._margin_size()
        return QSize(self._hint)

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest item alone on a row."""
        if self._minimum is None:
            size = QSize()
            for item in self._shown():
                size = size.expandedTo(item.minimumSize())
            self._minimum = size + self._margin_size()
        return QSize(self._minimum)

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self, items: list[QLayoutItem] | None = None) -> list[QLayoutItem]:
        return [
            item
            for item in (self._items if items is None else items)
            if (widget := item.widget()) is None or not widget.isHidden()
        ]

    @staticmethod
    def _size(item: QLayoutItem, room: int) -> QSize:
        """The item's size on a row ``room`` wide: never wider, taller if it wraps."""
        hint = item.sizeHint()
        width = max(min(hint.width(), room), item.minimumSize().width())
        if item.hasHeightForWidth():
            return QSize(width, item.heightForWidth(width))
        return QSize(width, hint.height())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); the height they take.

        Items on a row are centred on it, so a label lines up with the buttons beside it.
        """
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._spacing
        end = len(self._items) if self._end is None else self._end
        rows: list[list[tuple[QLayoutItem, QSize, int]]] = [[]]
        x = area.x()

        def put(item: QLayoutItem, size: QSize) -> None:
            nonlocal x
            if rows[-1] and x + size.width() > area.right() + 1:
                rows.append([])
                x = area.x()
            rows[-1].append((item, size, x))
            x += size.width() + gap

        for item in self._shown(self._items[:end]):
            put(item, self._size(item, area.width()))
        last = self._shown(self._items[end:])
        sizes = [self._size(item, area.width()) for item in last]
        together = sum(s.width() for s in sizes) + gap * max(len(sizes) - 1, 0)
        if sizes and together <= area.width():  # the end group stands whole at the row's end
            if rows[-1] and x + together > area.right() + 1:
                rows.append([])
            x = area.right() + 1 - together
        for item, size in zip(last, sizes, strict=True):
            put(item, size)
        y = area.y()
        for row in rows:
            height = max((size.height() for _, size, _ in row), default=0)
            if move:
                for item, size, left in row:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), size))
            y += height + gap
        used = y - gap if any(rows) else y
        return used - rect.y() + margins.bottom()


__all__ = ["FlowLayout"]
