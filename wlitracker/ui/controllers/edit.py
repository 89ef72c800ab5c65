"""The Edit menu: Undo (Ctrl+Z) of the latest removal, and Find days (Ctrl+F).

Undo works from every page. In a text field that has typing to take back, Ctrl+Z
takes back the typing, as everywhere else; once there is none (a field just filled
from the journal, a rating, a list) it reaches the journal's Undo. A button in the
status bar names what Undo would bring back, while there is something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from ...core.model.errors import WliError
from ...core.services.changes import Change
from ..feedback import show_problem, tr

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .search import SearchController

MESSAGE_MS = 15_000


def has_text_undo(widget: QObject) -> bool | None:
    """Whether a text field has typing to take back; ``None`` for what is no text field."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.document().isUndoAvailable()
    if isinstance(widget, QAbstractSpinBox | QComboBox):
        edit = widget.findChild(QLineEdit)
        return edit.isUndoAvailable() if edit is not None else None
    return None


class TextUndoFirst(QObject):
    """Lets Ctrl+Z through to the window's Undo from a text field with nothing to undo.

    It watches the focused widget only, and holds no reference to its window (its
    parent): a window it kept would outlive its own deletion.
    """

    def follow_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        if new is not None and new.window() is self.parent():
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
            and isinstance(watched, QWidget)
            and watched.window() is self.parent()
        ):
            return has_text_undo(watched) is False  # not offered to the field: Undo runs
        return False


class EditController(QObject):
    """Holds no reference to its window (its parent), which would keep a deleted window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.journal = window.journal
        self.search: SearchController | None = None
        menu = window.edit_menu
        self.undo_action = QAction(tr("&Undo"), window)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.find_action = QAction(tr("&Find days…"), window)
        self.find_action.setShortcuts([QKeySequence("Ctrl+F")])
        self.find_action.setToolTip(tr("Find days by words in their notes and tags"))
        self.find_action.triggered.connect(self.find)
        menu.addAction(self.undo_action)
        menu.addSeparator()
        menu.addAction(self.find_action)
        window.addAction(self.undo_action)
        window.addAction(self.find_action)
        self.undo_button = QPushButton(tr("Undo"), window)
        self.undo_button.setAccessibleName(tr("Undo the latest removal"))
        self.undo_button.clicked.connect(lambda _=False: self.undo())
        window.statusBar().addPermanentWidget(self.undo_button)
        self.text_first = TextUndoFirst(window)
        # On the focused widget alone (Ctrl+Z is offered to it first): a filter on the
        # whole application would run Python for every event of every widget.
        app = cast("QApplication | None", QApplication.instance())
        if app is not None:
            app.focusChanged.connect(self.text_first.follow_focus)
            focused = app.focusWidget()
            if focused is not None:
                self.text_first.follow_focus(None, focused)
        history = self.journal.changes.history
        self._known = history.made
        history.listeners.append(self.show_history)
        listener = self.show_history

        def forget() -> None:
            if listener in history.listeners:
                history.listeners.remove(listener)

        window.destroyed.connect(forget)
        self.show_history()

    @property
    def window(self) -> MainWindow:
        return cast("MainWindow", self.parent())

    def show_history(self) -> None:
        """The Undo action and button name what they would bring back; a new change is told."""
        history = self.journal.changes.history
        last = history.last
        if last is not None and history.made > self._known:
            self.told(last)
        self._known = history.made
        self.undo_action.setEnabled(last is not None)
        self.undo_button.setVisible(last is not None)
        if last is None:
            self.undo_action.setText(tr("&Undo"))
            return
        what = last.undo_text.replace("&", "&&")
        self.undo_action.setText(tr("&Undo: {what}").format(what=what))
        self.undo_button.setToolTip(f"{last.undo_text} (Ctrl+Z)")

    def told(self, change: Change) -> None:
        """Say in the status bar what was just done, and that it can be undone."""
        self.window.statusBar().showMessage(
            tr("{done}. Undo with Ctrl+Z.").format(done=change.done), MESSAGE_MS
        )

    def undo(self) -> Change | None:
        last = self.journal.changes.history.last
        if last is None:
            self.window.statusBar().showMessage(tr("Nothing to undo."), MESSAGE_MS)
            return None
        try:
            undone = self.journal.changes.undo(last)
        except WliError as error:
            show_problem(self.window, error)
            return None
        self.window.statusBar().showMessage(
            tr("Undone: {what}").format(what=undone.done[:1].lower() + undone.done[1:]),
            MESSAGE_MS,
        )
        self._show_again(undone)
        return undone

    def _show_again(self, change: Change) -> None:
        """A day brought back is shown in Today; an experiment, on its page if it is open."""
        if change.before.experiments:
            self.window.show_experiment(min(change.before.experiments))
            return
        days = [d for d, after in change.after.days.items() if after is None]
        if len(change.before.days) == 1 and days and not change.before.decisions:
            self.window.open_day(days[0])

    def find(self) -> None:
        """Open the search bar above the pages, ready for words."""
        if self.search is None:
            from .search import SearchController

            self.search = SearchController(self.journal, self.window.centralWidget())
            bar = self.search.bar
            self.window.search_slot.addWidget(bar)
            bar.day_chosen.connect(self.window.open_day)
            bar.closed.connect(lambda: self.window.show_page(self.window.current_page()))
        self.search.refresher.now()
        self.search.bar.begin()
