"""The Tags place in Settings: every tag with its days, to rename, merge or remove.

It shows a ``TagsState`` and asks through its signals; its controller
(``ui.controllers.tags``) answers before ``emit`` returns, with a new state or
``show_problem``. Removing asks once; every change can be undone (Ctrl+Z).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model.errors import WliError
from ..core.present.tags import TagsState
from . import confirm
from .feedback import show_problem, tr
from .flow_layout import FlowLayout
from .sizes import text_size
from .style import SPACING, EmptyState, secondary_label

TAG_COLUMN, DAYS_COLUMN, LAST_COLUMN = range(3)


class TagsPanel(QWidget):
    rename_requested = Signal(str, str)  # tag, new name (an existing one merges them)
    merge_requested = Signal(object, str)  # tuple of tags, the name they take
    remove_requested = Signal(str)
    today_requested = Signal()  # no tags yet: go and tag a day

    def __init__(self, state: TagsState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._problem: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = intro = secondary_label(
            tr(
                "The tags on your days, the most used first. Rename one (to an existing "
                "name, it merges the two), merge several, or remove one from every day."
            ),
            self,
        )
        layout.addWidget(intro)
        self.view = QTreeWidget(self)
        self.view.setAccessibleName(tr("Tags"))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setHeaderLabels([tr("Tag"), tr("Days"), tr("Last used")])
        self.view.setMinimumHeight(text_size(self.view, 0, 7).height())
        layout.addWidget(self.view)
        self.to_today = QPushButton(tr("Tag &today…"))
        self.to_today.setAccessibleName(tr("Tag today on the Today page"))
        self.to_today.clicked.connect(lambda _=False: self.today_requested.emit())
        self.empty = EmptyState(
            tr("No tags yet"),
            tr("Tags say what a day held (gym, family dinner): add some to a day on Today."),
            (self.to_today,),
            self,
        )
        layout.addWidget(self.empty)
        self.buttons_row = QWidget(self)
        buttons = FlowLayout(self.buttons_row, spacing=SPACING)
        self.rename_button = QPushButton(tr("Rename tag…"), self)
        self.merge_button = QPushButton(tr("Merge tags…"), self)
        self.remove_button = QPushButton(tr("Remove tag…"), self)
        for button, name in (
            (self.rename_button, tr("Rename the selected tag")),
            (self.merge_button, tr("Merge the selected tags")),
            (self.remove_button, tr("Remove the selected tag from every day")),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        layout.addWidget(self.buttons_row)
        self.view.itemSelectionChanged.connect(self._update_buttons)
        self.view.itemDoubleClicked.connect(lambda *_: self.rename())
        self.rename_button.clicked.connect(lambda _=False: self.rename())
        self.merge_button.clicked.connect(lambda _=False: self.merge())
        self.remove_button.clicked.connect(lambda _=False: self.remove())
        self.set_state(state)

    def set_state(self, state: TagsState) -> None:
        """Show ``state``; the tags selected stay selected when they are still there."""
        self.state = state
        keep = set(self.selected())
        self.view.clear()
        for use in state.uses:
            item = QTreeWidgetItem([use.tag, str(use.days), use.last_used.isoformat()])
            item.setTextAlignment(DAYS_COLUMN, Qt.AlignmentFlag.AlignRight)
            self.view.addTopLevelItem(item)
            item.setSelected(use.tag in keep)
        for column in (DAYS_COLUMN, LAST_COLUMN):
            self.view.resizeColumnToContents(column)
        self.view.setColumnWidth(TAG_COLUMN, max(200, self.view.columnWidth(TAG_COLUMN)))
        self.view.setVisible(bool(state.uses))
        self.empty.setVisible(not state.uses)
        self.buttons_row.setVisible(bool(state.uses))
        self.intro.setVisible(bool(state.uses))  # the empty state says what tags are
        self._update_buttons()

    def selected(self) -> list[str]:
        """The selected tags, in the list's order."""
        return [
            item.text(TAG_COLUMN)
            for row in range(self.view.topLevelItemCount())
            if (item := self.view.topLevelItem(row)) is not None and item.isSelected()
        ]

    def select(self, *tags: str) -> None:
        for row in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(row)
            if item is not None:
                item.setSelected(item.text(TAG_COLUMN) in tags)

    def _update_buttons(self) -> None:
        count = len(self.selected())
        self.rename_button.setEnabled(count == 1)
        self.remove_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)

    def show_problem(self, error: WliError) -> None:
        self._problem = str(error)
        show_problem(self, error)

    def _ask(self, emit: Callable[[], None]) -> bool:
        self._problem = None
        emit()
        return self._problem is None

    # --- actions ------------------------------------------------------------------------

    def rename(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        tag = chosen[0]
        new = confirm.ask_text(
            self,
            tr("Rename tag"),
            tr("New name for “{tag}” on its {days} days:").format(
                tag=tag, days=self.state.days_of(tag)
            ),
            tag,
        )
        if new is None or new.strip() == tag:
            return False
        return self._ask(lambda: self.rename_requested.emit(tag, new))

    def merge(self) -> bool:
        chosen = self.selected()
        if len(chosen) < 2:
            return False
        into = confirm.ask_choice(
            self,
            tr("Merge tags"),
            tr("The days tagged {tags} are tagged with one name. Which?").format(
                tags=", ".join(f"“{t}”" for t in chosen)
            ),
            chosen,
        )
        if into is None:
            return False
        return self._ask(lambda: self.merge_requested.emit(tuple(chosen), into))

    def remove(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        tag = chosen[0]
        text = tr("Remove the tag “{tag}” from its {days} days? The days keep the rest.").format(
            tag=tag, days=self.state.days_of(tag)
        )
        if not confirm.ask_to_remove(self, tr("Remove tag"), text):
            return False
        return self._ask(lambda: self.remove_requested.emit(tag))
