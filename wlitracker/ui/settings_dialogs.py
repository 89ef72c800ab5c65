"""The Settings page's dialogs: a metric to add or rename, the self-check to take."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.model.entities import Better, Metric, metric_label
from ..core.present.settings import (
    MAX_SCALE_SPAN,
    SelfCheckResult,
)
from .feedback import tr
from .sizes import fit_to_screen, scrolled, text_size
from .welcome import SelfCheckWidget

BETTER_NAMES: dict[Better, str] = {"higher": "Higher is better", "lower": "Lower is better"}


def wrapped_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


# --- dialogs ---------------------------------------------------------------------------


class MetricDialog(QDialog):
    """Add a metric (name, scale, direction) or rename one.

    ``save`` calls the service; if it refuses, the message says why and the
    dialog stays open with the input intact.
    """

    def __init__(
        self,
        save: Callable[[MetricDialog], bool],
        metric: Metric | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        renaming = metric is not None
        self.setWindowTitle(tr("Rename metric") if renaming else tr("Add a metric"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(tr("Metric name"))
        self.name_edit.setPlaceholderText(tr("e.g. stress, energy, time with family"))
        self.min_spin = QSpinBox(self)
        self.max_spin = QSpinBox(self)
        for spin, name in ((self.min_spin, tr("Lowest rating")), (self.max_spin, tr("Highest"))):
            spin.setRange(-MAX_SCALE_SPAN, MAX_SCALE_SPAN)
            spin.setAccessibleName(name)
        self.min_spin.setValue(0)
        self.max_spin.setValue(10)
        self.better_combo = QComboBox(self)
        self.better_combo.setAccessibleName(tr("Which way is better"))
        for key, text in BETTER_NAMES.items():
            self.better_combo.addItem(tr(text), key)
        if metric is not None:
            self.name_edit.setText(metric_label(metric))
            self.name_edit.selectAll()
            self.min_spin.setValue(metric.min_value)
            self.max_spin.setValue(metric.max_value)
            self.better_combo.setCurrentIndex(self.better_combo.findData(metric.better))
            for widget in (self.min_spin, self.max_spin, self.better_combo):
                widget.setEnabled(False)
        scale = QHBoxLayout()
        scale.addWidget(self.min_spin)
        scale.addWidget(QLabel(tr("to"), self))
        scale.addWidget(self.max_spin)
        scale.addStretch(1)
        name_label = QLabel(tr("&Name:"), self)
        name_label.setBuddy(self.name_edit)
        scale_label = QLabel(tr("&Scale:"), self)
        scale_label.setBuddy(self.min_spin)
        better_label = QLabel(tr("&Better:"), self)
        better_label.setBuddy(self.better_combo)
        form.addRow(name_label, self.name_edit)
        form.addRow(scale_label, scale)
        form.addRow(better_label, self.better_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(text_size(self, 54, 0).width())

    def better(self) -> Better:
        return "lower" if self.better_combo.currentData() == "lower" else "higher"

    def accept(self) -> None:
        if self._save(self):
            super().accept()


class SelfCheckDialog(QDialog):
    """The seven statements on their own, for taking (or retaking) the self-check."""

    def __init__(
        self,
        save: Callable[[tuple[int, ...]], bool],
        previous: SelfCheckResult | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(tr("Self-check: blend or separate?"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                tr(
                    "Some people like firm lines between work and home, others blend them. "
                    "Neither is better; knowing which fits you helps pick experiments."
                ),
                self,
            )
        )
        layout.addSpacing(8)
        self.widget = SelfCheckWidget()
        if previous is not None:
            self.widget.set_answers(previous.answers)
        layout.addWidget(scrolled(self.widget, self), 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.widget.changed.connect(self._update_save)
        self._update_save()
        fit_to_screen(self, text_size(self, 105, 34))

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.widget.complete_answers() is not None)

    def accept(self) -> None:
        answers = self.widget.complete_answers()
        if answers is not None and self._save(answers):
            super().accept()
