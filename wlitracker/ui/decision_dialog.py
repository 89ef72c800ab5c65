"""Asks for the reason behind a decision, because the reasons make the history readable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model.entities import DecisionKind
from ..core.model.words import DECISION_WORDS
from .feedback import tr
from .sizes import fit_width, text_size


def decision_label(kind: DecisionKind) -> str:
    """The decision in the words the buttons use."""
    return tr(DECISION_WORDS[kind])


def _prompt(kind: DecisionKind) -> str:
    return {
        DecisionKind.PERSIST: tr("It becomes part of your routine. What made it worth keeping?"),
        DecisionKind.ADJUST: tr(
            "A new version will be linked to this one. What do you want to change, and why?"
        ),
        DecisionKind.SWITCH: tr(
            "A switched experiment is information, not a failure. "
            "What did you learn, and why try something else?"
        ),
        DecisionKind.STOP: tr(
            "Stopping is a fine result too: you found out something about your days. Why stop here?"
        ),
    }[kind]


class DecisionDialog(QDialog):
    """A short reason in the user's own words; OK stays disabled until there is one."""

    def __init__(self, kind: DecisionKind, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(
            tr("{decision}: {title}").format(decision=decision_label(kind), title=title)
        )
        layout = QVBoxLayout(self)
        self.prompt = QLabel(_prompt(kind), self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        label = QLabel(tr("&Reason"), self)
        layout.addWidget(label)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(tr("A sentence is enough."))
        self.reason_edit.setAccessibleName(tr("Reason for the decision"))
        self.reason_edit.setMinimumHeight(text_size(self.reason_edit, 0, 4).height())
        label.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button.setText(tr("Record decision"))
        self.ok_button.setAccessibleName(tr("Record decision"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._sync)
        self._sync()
        fit_width(self, 62)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _sync(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))


class EarlyDecisionDialog(QDialog):
    """Before deciding while the plan runs: what the data shows so far, and a way back."""

    def __init__(self, kind: DecisionKind, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(tr("Decide before the end?"))
        layout = QVBoxLayout(self)
        self.note = QLabel(note, self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("What the data shows so far"))
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("{decision} anyway").format(decision=decision_label(kind)))
        ok.setAccessibleName(ok.text())
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Keep going"))
        cancel.setAccessibleName(tr("Keep going"))
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_width(self, 66)
