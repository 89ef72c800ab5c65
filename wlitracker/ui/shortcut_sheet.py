"""Every keyboard shortcut of the window, on one sheet (F1, or Ctrl+? from the Help menu).

``SHORTCUTS`` is the one list; a test builds every page of a real window and checks
that each shortcut it finds is on the sheet and each one on the sheet exists.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .feedback import tr
from .sizes import fit_to_screen, scrolled, text_size

# (where, keys as Qt's portable text, what they do)
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Everywhere", "Ctrl+1", "Go to Today"),
    ("Everywhere", "Ctrl+2", "Go to Experiments"),
    ("Everywhere", "Ctrl+3", "Go to Trends"),
    ("Everywhere", "Ctrl+4", "Go to Settings"),
    ("Everywhere", "Ctrl+I", "Import history from a file"),
    ("Everywhere", "Ctrl+Z", "Undo the latest removal (in a text field, first its typing)"),
    ("Everywhere", "Ctrl+F", "Find days by words in their notes and tags"),
    ("Everywhere", "Ctrl+Shift+E", "Export everything (JSON or CSV)"),
    ("Everywhere", "F1", "This list of shortcuts"),
    ("Everywhere", "Ctrl+?", "This list of shortcuts"),
    ("Everywhere", "Ctrl+Q", "Quit"),
    ("Today", "Alt+Left", "The day before"),
    ("Today", "Alt+Right", "The day after"),
    ("Today", "Ctrl+T", "Back to today"),
    ("Today", "Ctrl+S", "Save now (the check-in also saves by itself)"),
    ("Today", "Tab", "The next rating or field; type a number to rate"),
    ("Find", "Enter", "From the box, go to the days found; on a day, open it in Today"),
    ("Find", "Escape", "Close the search"),
    ("Experiments", "Ctrl+N", "New experiment"),
    ("Experiments", "Ctrl+Shift+N", "Start from an idea"),
    ("Experiments", "Ctrl+E", "Edit the selected experiment"),
)
HELP_KEYS = ("F1", "Ctrl+?")


def shown_keys(keys: str) -> str:
    """The keys as this platform writes them (Cmd on macOS)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def sheet_html() -> str:
    rows: list[str] = []
    where = None
    for place, keys, what in SHORTCUTS:
        if place != where:
            rows.append(f"<tr><th colspan='2' align='left'><br>{tr(place)}</th></tr>")
            where = place
        rows.append(f"<tr><td><b>{shown_keys(keys)}</b>&nbsp;&nbsp;</td><td>{tr(what)}</td></tr>")
    note = tr("Underlined letters in buttons and menus work with Alt.")
    return f"<table cellspacing='3'>{''.join(rows)}</table><p>{note}</p>"


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.text = QLabel(sheet_html())
        self.text.setWordWrap(True)
        self.text.setAccessibleName(tr("Keyboard shortcuts"))
        area = scrolled(self.text, self)  # a long list with large text: it scrolls
        area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # by the keyboard too: nothing else to
        layout.addWidget(area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = text_size(self, 80, 0).width()
        fit_to_screen(
            self, QSize(width, self.text.heightForWidth(width) + 4 * buttons.sizeHint().height())
        )
