"""'Did you do it today?' for one experiment: done, partly, not done, not scheduled.

In a baseline phase there is nothing to do but live as usual, so the row says so
instead of asking (a mark already stored, an import's for example, is kept).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QWidget

from ..core.model.entities import Adherence
from ..core.model.words import ADHERENCE_WORDS
from .feedback import tr

CHOICES = tuple(
    (mark, ADHERENCE_WORDS[mark].capitalize())
    for mark in (Adherence.DONE, Adherence.PARTLY, Adherence.NOT_DONE, Adherence.NOT_SCHEDULED)
)


class AdherenceInput(QWidget):
    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, baseline: bool = False) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)  # (its form puts it under its title when narrow)
        layout.setContentsMargins(0, 0, 0, 0)
        self.baseline = baseline
        self._kept: Adherence | None = None
        self.group = QButtonGroup(self)
        self.radios: dict[Adherence, QRadioButton] = {}
        if baseline:
            note = QLabel(tr("Baseline: live as usual, nothing to mark."), self)
            note.setAccessibleName(tr("{title}: baseline, nothing to mark").format(title=title))
            note.setWordWrap(True)
            layout.addWidget(note, 1)
            return
        for index, (mark, label) in enumerate(CHOICES):
            radio = QRadioButton(tr(label), self)
            radio.setAccessibleName(tr("{title}: {label}").format(title=title, label=tr(label)))
            self.group.addButton(radio, index)
            self.radios[mark] = radio
            layout.addWidget(radio)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _: self.changed.emit())

    def value(self) -> Adherence | None:
        if self.baseline:
            return self._kept
        return next((mark for mark, radio in self.radios.items() if radio.isChecked()), None)

    def set_value(self, mark: Adherence | None) -> None:
        self._kept = mark
        self.group.setExclusive(False)
        for choice, radio in self.radios.items():
            radio.setChecked(choice == mark)
        self.group.setExclusive(True)
