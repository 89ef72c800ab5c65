"""Suggesting tags already in the journal while one types them, one tag at a time.

The tags field holds several tags separated by commas; Qt's completer would complete
the whole text. This one looks at the tag under the cursor, offers the tags that start
like it (the recent and most used first, none already in the field), and puts the one
chosen in its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

SHOWN = 8


def current_tag(text: str, cursor: int) -> tuple[int, int]:
    """Where the tag under ``cursor`` starts and ends (after its spaces, before its comma)."""
    start = text.rfind(",", 0, cursor) + 1
    end = text.find(",", cursor)
    end = len(text) if end < 0 else end
    while start < end and text[start] == " ":
        start += 1
    return start, end


class TagCompleter(QCompleter):
    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.tags: tuple[str, ...] = ()
        self.list_model = QStringListModel(self)
        self.setModel(self.list_model)
        self.setWidget(edit)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.setMaxVisibleItems(SHOWN)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        edit.textEdited.connect(self.update_for)
        self.activated.connect(self.insert)

    def set_tags(self, tags: Sequence[str]) -> None:
        self.tags = tuple(tags)

    def update_for(self, text: str) -> None:
        start, end = current_tag(text, self.edit.cursorPosition())
        typed = text[start:end].strip()
        if not typed:
            self._hide_popup()
            return
        present = {t.strip().casefold() for t in text.split(",")} - {typed.casefold()}
        self.list_model.setStringList([t for t in self.tags if t.casefold() not in present])
        self.setCompletionPrefix(typed)
        if self.completionCount() and self.currentCompletion().casefold() != typed.casefold():
            self.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.popup()
        if popup is not None:
            popup.hide()

    def insert(self, tag: str) -> None:
        """Put ``tag`` in place of the tag being typed, and a comma after it for the next."""
        text = self.edit.text()
        start, end = current_tag(text, self.edit.cursorPosition())
        rest = text[end:]
        tail = rest if rest.startswith(",") else ", " + rest.lstrip(", ")
        new = text[:start] + tag + (tail if rest else ", ")
        self.edit.setText(new)
        self.edit.setCursorPosition(start + len(tag) + 2 if not rest else start + len(tag))
        self.edit.textEdited.emit(new)  # an edit like any other: the day saves itself
