"""The window's visual language in one place: spacing, a type scale, secondary text, sections
and empty states.

(Loaded before the window's first paint: the Qt namespace, whose enums cost some 30 ms to
make, is imported only where it is used.)

Everything here is fonts and palette roles, no style sheets: a style sheet is parsed and
polished for each widget it reaches, and the window would start slower. The colours come
from ``theme`` (the accent, and secondary text that reads at 4.5:1 in every theme).

The type scale, after the desktop's own (GNOME's and KDE's): a page's title, an item's
title (the experiment shown), a section's heading, body text, and secondary text in the
body's size but the placeholder colour.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .sizes import text_size
from .theme import metric_tone

SPACING = 6  # between the controls of a row
GAP = 12  # between the parts of a section, and around a page's content
SECTION_GAP = 18  # between sections
TITLE_SCALE = 1.5  # a page's title
ITEM_SCALE = 1.3  # the title of the thing a page shows (an experiment)
HEADING_SCALE = 1.1  # a section's heading


def _styled(label: QLabel, scale: float, weight: QFont.Weight) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(weight)
    label.setFont(font)
    return label


def page_title(text: str, parent: QWidget) -> QLabel:
    """The title at the top of a page (Today, Experiments, Trends, Settings)."""
    label = _styled(QLabel(text, parent), TITLE_SCALE, QFont.Weight.Bold)
    label.setAccessibleName(text)
    return label


def item_title(label: QLabel) -> QLabel:
    """The title of the one thing a page shows in full: larger than a heading."""
    label.setWordWrap(True)
    return _styled(label, ITEM_SCALE, QFont.Weight.Bold)


def heading(text: str, parent: QWidget) -> QLabel:
    """A section's heading."""
    return _styled(QLabel(text, parent), HEADING_SCALE, QFont.Weight.Bold)


def strong(label: QLabel) -> QLabel:
    """Body text that carries the point (a result, the state of a routine): bold."""
    return _styled(label, 1.0, QFont.Weight.Bold)


def secondary(label: QLabel) -> QLabel:
    """Text that steps back (a hint, a description) in the palette's secondary colour."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def secondary_label(text: str, parent: QWidget, wrap: bool = True) -> QLabel:
    label = secondary(QLabel(text, parent))
    label.setWordWrap(wrap)
    return label


def together(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets that stay side by side (a label and its field) on a row that wraps."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(SPACING)
    for widget in widgets:
        widget.setParent(holder)
        row.addWidget(widget)
    return holder


def page_layout(page: QWidget) -> QVBoxLayout:
    """A page's column: the same margins and spacing on every page."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(GAP, GAP, GAP, GAP)
    layout.setSpacing(GAP)
    return layout


def body_layout(body: QWidget) -> QVBoxLayout:
    """The column of sections inside a page's scroll area (the page has the margins)."""
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, SPACING, 0)  # clear of the scroll bar
    layout.setSpacing(SECTION_GAP)
    return layout


class Section(QWidget):
    """A heading, a line of description if any, and a card holding the section's controls.

    The card is a framed panel on the window's colour (fields keep theirs inside it, in
    either theme); whoever makes the section gives ``card`` its layout.
    """

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        description: str | None = None,
        card: QFrame | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        self.heading = heading(title, self)
        column.addWidget(self.heading)
        self.description: QLabel | None = None
        if description is not None:
            self.description = secondary_label(description, self)
            column.addWidget(self.description)
        self.card = self._card(card or QFrame())
        column.addWidget(self.card)

    def _card(self, card: QFrame) -> QFrame:
        card.setParent(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        return card

    def title(self) -> str:
        return self.heading.text()


def card_layout(card: QWidget) -> QVBoxLayout:
    """A card's column: the same inner margins and spacing in every section."""
    layout = QVBoxLayout(card)
    layout.setContentsMargins(GAP, GAP, GAP, GAP)
    layout.setSpacing(SPACING)
    return layout


def form_layout(card: QWidget) -> QFormLayout:
    """A card's labels and fields: the same margins, and a gap between rows."""
    form = QFormLayout(card)
    form.setContentsMargins(GAP, GAP, GAP, GAP)
    form.setHorizontalSpacing(GAP)
    form.setVerticalSpacing(SPACING)
    return form


class RowLabel(QLabel):
    """A row's name, and under it in secondary text what it means ("lower is better").

    One label (a form lays a wrapped label out whole), its second line in the palette's
    secondary colour, written again when the palette changes. A metric's row has a mark
    in the metric's colour on the charts (``mark``: its name and its place among them).
    """

    def __init__(
        self,
        name: str,
        hint: str | None,
        parent: QWidget | None = None,
        mark: tuple[str, int] | None = None,
    ) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.name = name
        self.hint = hint
        self.mark = mark
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._render()

    def _render(self) -> None:
        text = html.escape(self.name)
        if self.mark is not None:
            colour = metric_tone(*self.mark, palette=self.palette()).name()
            # A no-break space as itself: "&nbsp;" would make Alt+N its buddy's shortcut.
            text = f"<span style='color: {colour}'>●</span>\u00a0{text}"
        if self.hint:
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            text += f"<br><span style='color: {colour}'>{html.escape(self.hint)}</span>"
        self.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()


class EmptyState(QWidget):
    """Nothing to show yet: what this place is for, what to do, and a button to do it."""

    def __init__(
        self,
        title: str,
        text: str,
        actions: Sequence[QPushButton] = (),
        parent: QWidget | None = None,
    ) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setAccessibleName(title)
        column = QVBoxLayout(self)
        column.setSpacing(GAP)
        column.addStretch(1)
        self.title = heading(title, self)
        self.title.setWordWrap(True)
        self.text = secondary_label(text, self)
        self.text.setMaximumWidth(text_size(self.text, 64, 0).width())  # lines short to read
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            centred = QHBoxLayout()  # (a wrapped label aligned by its layout is cut short)
            centred.addStretch(1)
            centred.addWidget(label, 4)
            centred.addStretch(1)
            column.addLayout(centred)
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        row.addStretch(1)
        for button in actions:
            button.setParent(self)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
