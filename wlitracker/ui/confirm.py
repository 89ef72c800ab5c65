"""Asking once before something is removed (the Edit menu's Undo can bring it back)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from .feedback import tr


def ask_to_remove(parent: QWidget | None, title: str, text: str) -> bool:
    """Whether the person confirms; *Cancel* is the default, so Enter alone removes nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    remove = box.addButton(tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setInformativeText(tr("Edit ▸ Undo (Ctrl+Z) brings it back."))
    box.exec()
    return box.clickedButton() is remove


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or ``None`` when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_choice(parent: QWidget | None, title: str, label: str, choices: list[str]) -> str | None:
    """One of ``choices`` or a new text typed instead, or ``None`` when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, choices, 0, True)
    return value if ok else None
