"""The shipped ideas, so a first experiment can start from something concrete."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core import schedules
from ..core.model.entities import Schedule
from ..core.templates import TEMPLATES, Template
from .feedback import tr
from .sizes import fit_to_screen, text_size

KEY_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
WHY_ROLE = Qt.ItemDataRole.UserRole + 2
PAD = 6


class IdeaDelegate(QStyledItemDelegate):
    """Draws an idea as its title in bold over its reason, so the list reads at a glance."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def _text_width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * PAD - 4)

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        bold, plain = self._fonts(option)
        width = self._text_width()
        flags = Qt.TextFlag.TextWordWrap
        title = QFontMetrics(bold).boundingRect(0, 0, width, 10_000, flags, index.data(TITLE_ROLE))
        why = QFontMetrics(plain).boundingRect(0, 0, width, 10_000, flags, index.data(WHY_ROLE))
        return QSize(width, title.height() + why.height() + 2 * PAD + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, self._view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold, plain = self._fonts(option)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        flags = Qt.TextFlag.TextWordWrap
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.setFont(bold)
        used = painter.boundingRect(rect, flags, index.data(TITLE_ROLE))
        painter.drawText(rect, flags, index.data(TITLE_ROLE))
        painter.setFont(plain)
        painter.drawText(rect.adjusted(0, used.height() + 2, 0, 0), flags, index.data(WHY_ROLE))
        painter.restore()


def schedule_text(schedule: Schedule) -> str:
    """``A-B: 7 baseline days, then 14 trial days`` and the like."""
    plan = schedule.plan
    if not plan:
        return tr("A routine: every day from its start, until you stop it")
    if schedules.design_of(schedule) == "abab":
        return tr("A-B-A-B: alternating blocks of {days} days").format(days=plan[0].days)
    return tr("A-B: {baseline} baseline days, then {trial} trial days").format(
        baseline=plan[0].days, trial=plan[1].days
    )


class IdeaGallery(QDialog):
    """Lists every idea with its title and why; choosing one returns its key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Start from an idea"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Pick a small change that sounds doable this month. You can edit every "
                "detail on the next step."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(tr("&Ideas"), self)
        layout.addWidget(label)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setItemDelegate(IdeaDelegate(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(tr("Ideas"))
        label.setBuddy(self.list)
        for item in TEMPLATES:
            self._add(item)
        layout.addWidget(self.list, 1)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(tr("The chosen idea"))
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        layout.addWidget(self.detail)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button.setText(tr("&Use this idea"))
        self.ok_button.setAccessibleName(tr("Use this idea"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.currentItemChanged.connect(self._show_detail)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.setCurrentRow(0)
        fit_to_screen(self, text_size(self, 86, 37))

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _add(self, idea: Template) -> None:
        item = QListWidgetItem(f"{idea.title}\n{idea.why}", self.list)
        item.setData(KEY_ROLE, idea.key)
        item.setData(TITLE_ROLE, idea.title)
        item.setData(WHY_ROLE, idea.why)
        item.setToolTip(idea.shift)

    def keys(self) -> list[str]:
        return [str(self.list.item(row).data(KEY_ROLE)) for row in range(self.list.count())]

    def choose(self, key: str) -> None:
        self.list.setCurrentRow(self.keys().index(key))

    def chosen_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    def _show_detail(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.detail.clear()
            self.ok_button.setEnabled(False)
            return
        idea = next(t for t in TEMPLATES if t.key == item.data(KEY_ROLE))
        self.detail.setText(
            tr("<b>The shift:</b> {shift}<br><b>Schedule:</b> {schedule}").format(
                shift=html.escape(idea.shift), schedule=schedule_text(idea.schedule)
            )
        )
        self.ok_button.setEnabled(True)
