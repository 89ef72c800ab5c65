"""The search bar (Ctrl+F): a box for words, and the days whose notes or tags have them.

It sits above the pages while it is open. It shows a ``SearchState`` and asks for a
search as one types (shortly after the last key) and for a day to be opened in Today.
Enter or Down in the box goes to the days; Enter or a double click opens one; Escape
closes the bar.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model.search import matches, search_terms, words
from ..core.model.words import day_words
from ..core.present.search import SearchHit, SearchState
from .feedback import tr

SEARCH_DELAY_MS = 150
DATE_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_COLUMN, EXCERPT_COLUMN, TAGS_COLUMN = range(3)


def excerpt_html(hit: SearchHit) -> str:
    """The excerpt with the matching words in bold, everything else escaped."""
    text = "".join(
        f"<b>{html.escape(part)}</b>" if found else html.escape(part) for part, found in hit.parts()
    )
    return " ".join(text.split()) or f"<i>{html.escape(tr('(no note)'))}</i>"


def tags_html(tags: tuple[str, ...], query: str) -> str:
    """The day's tags, those the words typed found in bold."""
    terms = search_terms(query)
    return ", ".join(
        f"<b>{html.escape(tag)}</b>"
        if any(matches(word, terms) for word in words(tag))
        else html.escape(tag)
        for tag in tags
    )


class _RichTextDelegate(QStyledItemDelegate):
    """Draws a cell's HTML (bold matches) in the palette's colours, selected or not."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        markup = index.data(HTML_ROLE)
        if not isinstance(markup, str):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(f"<span style='color:{colour}'>{markup}</span>")
        painter.save()
        rect = option.rect
        top = rect.top() + (rect.height() - document.size().height()) / 2
        painter.translate(rect.left() + 2, top)
        painter.setClipRect(QRectF(0, 0, rect.width() - 4, rect.height()))
        document.drawContents(painter)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class _SearchBox(QLineEdit):
    """Down (or Enter) goes to the days found; Escape closes the bar."""

    to_results = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.to_results.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class _Results(QTreeWidget):
    chosen = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QFrame):
    query_changed = Signal(str)  # search for these words (shortly after the last key)
    day_chosen = Signal(object)  # dt.date: open this day in Today
    closed = Signal()

    def __init__(self, state: SearchState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Find days"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        label = QLabel(tr("&Find:"), self)
        self.box = _SearchBox(self)
        self.box.setPlaceholderText(tr("words from your notes or tags, e.g. walk family"))
        self.box.setAccessibleName(tr("Words to find"))
        self.box.setClearButtonEnabled(True)
        label.setBuddy(self.box)
        self.message = QLabel(self)
        self.message.setAccessibleName(tr("Search result"))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Close the search (Escape)"))
        self.close_button.setAccessibleName(tr("Close the search"))
        row.addWidget(label)
        row.addWidget(self.box, 2)
        row.addWidget(self.message, 3)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.results = _Results(self)
        self.results.setAccessibleName(tr("Days found"))
        self.results.setColumnCount(3)
        self.results.setHeaderLabels([tr("Day"), tr("Note"), tr("Tags")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rich = _RichTextDelegate(self.results)
        self.results.setItemDelegateForColumn(EXCERPT_COLUMN, rich)
        self.results.setItemDelegateForColumn(TAGS_COLUMN, rich)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DAY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXCERPT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TAGS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TAGS_COLUMN, 180)
        self.results.setMinimumHeight(120)
        self.results.setMaximumHeight(180)  # the page below stays usable in a small window
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.to_results.connect(self.go_to_results)
        self.box.escaped.connect(self.close_bar)
        self.results.escaped.connect(self.close_bar)
        self.results.chosen.connect(self.open_selected)
        self.results.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.close_button.clicked.connect(self.close_bar)
        self.set_state(state)

    def set_state(self, state: SearchState) -> None:
        """Show the days found for ``state.query`` (the selection stays on its day)."""
        self.state = state
        kept = self.selected_day()
        self.message.setText(tr(state.message))
        self.results.clear()
        for hit in state.hits:
            item = QTreeWidgetItem([day_words(hit.date), hit.plain_excerpt, ", ".join(hit.tags)])
            item.setData(DAY_COLUMN, DATE_ROLE, hit.date)
            item.setData(EXCERPT_COLUMN, HTML_ROLE, excerpt_html(hit))
            item.setData(TAGS_COLUMN, HTML_ROLE, tags_html(hit.tags, state.query))
            item.setToolTip(EXCERPT_COLUMN, hit.plain_excerpt)
            item.setToolTip(TAGS_COLUMN, ", ".join(hit.tags))
            self.results.addTopLevelItem(item)
            if hit.date == kept:
                self.results.setCurrentItem(item)
        self.results.setVisible(bool(state.hits))

    def begin(self) -> None:
        """Shown and ready for words (Ctrl+F again selects what was typed)."""
        self.show()
        self.box.setFocus()
        self.box.selectAll()

    def search_now(self) -> None:
        self._timer.stop()
        if self.box.text() != self.state.query:
            self.query_changed.emit(self.box.text())

    def go_to_results(self) -> None:
        self.search_now()
        if self.results.topLevelItemCount():
            first = self.results.topLevelItem(0)
            if self.results.currentItem() is None and first is not None:
                self.results.setCurrentItem(first)
            self.results.setFocus()

    def selected_day(self) -> dt.date | None:
        item = self.results.currentItem()
        day = item.data(DAY_COLUMN, DATE_ROLE) if item is not None else None
        return day if isinstance(day, dt.date) else None

    def open_selected(self) -> None:
        day = self.selected_day()
        if day is not None:
            self.day_chosen.emit(day)

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()
