"""'Did you do it today?' for one experiment: done, partly, not done, not scheduled."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from ..core.models import Adherence
from ..core.words import ADHERENCE_WORDS
from .feedback import tr

CHOICES = tuple(
    (mark, ADHERENCE_WORDS[mark].capitalize())
    for mark in (Adherence.DONE, Adherence.PARTLY, Adherence.NOT_DONE, Adherence.NOT_SCHEDULED)
)


class AdherenceInput(QWidget):
    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.radios: dict[Adherence, QRadioButton] = {}
        for index, (mark, label) in enumerate(CHOICES):
            radio = QRadioButton(tr(label), self)
            radio.setAccessibleName(tr("{title}: {label}").format(title=title, label=tr(label)))
            self.group.addButton(radio, index)
            self.radios[mark] = radio
            layout.addWidget(radio)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _: self.changed.emit())

    def value(self) -> Adherence | None:
        return next((mark for mark, radio in self.radios.items() if radio.isChecked()), None)

    def set_value(self, mark: Adherence | None) -> None:
        self.group.setExclusive(False)
        for choice, radio in self.radios.items():
            radio.setChecked(choice == mark)
        self.group.setExclusive(True)
