"""Every field of an experiment in one dialog, with problems shown beside the field.

The dialog collects plain values into an ``ExperimentForm``; the core turns it
into a draft and validates it. A problem keeps the dialog open and is written
next to the field it names, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import schedules
from ..core.model.entities import (
    Better,
    Domain,
    Experiment,
    Metric,
    Target,
    label_of,
    metric_label,
    metric_labels,
)
from ..core.model.errors import ValidationError
from ..core.present.experiment_form import ExperimentForm, draft_of, form_of
from ..core.present.experiments import DEFAULT_TARGETS, MAX_TITLE_CHARS
from ..core.stats.planning import LengthAdvice
from .feedback import tr
from .flow_layout import FlowLayout
from .sizes import fit_to_screen, scrolled, stack_when_narrow, text_size
from .theme import show_as_problem

Validate = Callable[[Experiment], Experiment]
Advise = Callable[[str, float, Better], LengthAdvice]  # metric, change to notice, direction

DOMAIN_LABELS = {
    Domain.WORK: "&Work",
    Domain.FAMILY: "&Family",
    Domain.RELATIONSHIPS: "&Relationships",
    Domain.HEALTH: "H&ealth",
    Domain.PERSONAL_GROWTH: "&Personal growth",
}
FIELDS = (
    "title",
    "intention",
    "shift",
    "hypothesis",
    "domain",
    "target",
    "main target",
    "schedule",
    "baseline days",
    "trial days",
    "block days",
    "start",
)


def _date(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class TargetRow:
    """One metric: whether it is a target, and which direction counts as better."""

    def __init__(self, metric: Metric, grid: QGridLayout, row: int, parent: QWidget) -> None:
        self.metric = metric
        name = metric_label(metric)
        self.check = QCheckBox(name, parent)
        self.check.setAccessibleName(tr("Target metric {name}").format(name=name))
        self.better = QComboBox(parent)
        self.better.addItem(tr("higher is better"), "higher")
        self.better.addItem(tr("lower is better"), "lower")
        self.better.setAccessibleName(tr("Better direction for {name}").format(name=name))
        self.set_better(metric.better)
        self.better.setEnabled(False)
        self.check.toggled.connect(self.better.setEnabled)
        grid.addWidget(self.check, row, 0)
        grid.addWidget(self.better, row, 1)

    def set_better(self, better: Better) -> None:
        self.better.setCurrentIndex(self.better.findData(better))

    def target(self) -> Target | None:
        if not self.check.isChecked():
            return None
        better: Better = "lower" if self.better.currentData() == "lower" else "higher"
        return Target(self.metric.name, better)


class ExperimentEditor(QDialog):
    """Edit a draft; ``experiment()`` is the validated result once accepted."""

    def __init__(
        self,
        draft: Experiment,
        metrics: Sequence[Metric],
        validate: Validate,
        today: dt.date,
        heading: str | None = None,
        parent: QWidget | None = None,
        advise: Advise | None = None,
    ) -> None:
        super().__init__(parent)
        self._base = draft
        self._validate = validate
        self._advise = advise
        self._advice: LengthAdvice | None = None
        self._today = today
        self._result: Experiment | None = None
        self.errors: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}
        self._holders: dict[QWidget, QWidget] = {}
        self.setWindowTitle(
            heading or (tr("Edit experiment") if draft.id else tr("New experiment"))
        )
        outer = QVBoxLayout(self)
        if draft.version > 1:
            note = QLabel(
                tr("Version {version}: a new version, linked to the one before.").format(
                    version=draft.version
                ),
                self,
            )
            note.setWordWrap(True)
            outer.addWidget(note)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.form_layout = QFormLayout()
        body_layout.addLayout(self.form_layout)
        body_layout.addStretch(1)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_text_fields(body)
        self._build_domains(body)
        self._build_targets(body, metrics, draft.targets)
        self._build_schedule(body)
        stack_when_narrow(self.form_layout, body)
        outer.addWidget(scrolled(body, self), 1)
        self.general_error = self._error_label("general")
        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button.setText(tr("&Save"))
        self.ok_button.setAccessibleName(tr("Save experiment"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.set_form(form_of(draft))
        room = text_size(self, 92, 44)
        wanted = body.sizeHint().height() + self.buttons.sizeHint().height() * 4
        fit_to_screen(self, QSize(room.width(), min(room.height(), wanted)))

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # building
    def _error_label(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setObjectName(f"error: {field}")
        show_as_problem(label, True)
        label.setAccessibleName(tr("Problem with {field}").format(field=field))
        label.hide()
        self.errors[field] = label
        return label

    def _row(
        self,
        text: str,
        field: str,
        widget: QWidget,
        side: bool = False,
        focus: QWidget | None = None,
    ) -> QWidget:
        """A form row whose field carries its own problem label, beside or under it."""
        holder = QWidget(widget.parentWidget())
        box = QBoxLayout(
            QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom, holder
        )
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8 if side else 2)
        box.addWidget(widget)
        box.addWidget(self._error_label(field), 1 if side else 0)
        if side:
            box.addStretch(0)
        label = QLabel(text, holder.parentWidget())
        label.setBuddy(focus or widget)
        self.form_layout.addRow(label, holder)
        self._focus[field] = focus or widget
        self._holders[widget] = holder
        return holder

    def _build_text_fields(self, body: QWidget) -> None:
        self.title_edit = QLineEdit(body)
        self.title_edit.setMaxLength(MAX_TITLE_CHARS)
        self.title_edit.setPlaceholderText(tr("A short name, e.g. Walk at noon"))
        self.title_edit.setAccessibleName(tr("Title"))
        self._row(tr("&Title"), "title", self.title_edit)
        self.intention_edit = QLineEdit(body)
        self.intention_edit.setPlaceholderText(
            tr("What integration means to you here: less stress, time with family...")
        )
        self.intention_edit.setAccessibleName(tr("Intention"))
        self._row(tr("&Intention"), "intention", self.intention_edit)
        self.shift_edit = _text_box(body, 2)
        self.shift_edit.setPlaceholderText(tr("The small change you will try"))
        self.shift_edit.setAccessibleName(tr("The shift"))
        self._row(tr("The s&hift"), "shift", self.shift_edit)
        self.hypothesis_edit = _text_box(body, 2)
        self.hypothesis_edit.setPlaceholderText(
            tr("What you expect, e.g. my evening guilt will drop")
        )
        self.hypothesis_edit.setAccessibleName(tr("Hypothesis"))
        self._row(tr("H&ypothesis"), "hypothesis", self.hypothesis_edit)

    def _build_domains(self, body: QWidget) -> None:
        box = QWidget(body)
        layout = FlowLayout(box)
        self.domain_checks: dict[Domain, QCheckBox] = {}
        for domain in Domain:
            check = QCheckBox(tr(DOMAIN_LABELS[domain]), box)
            check.setAccessibleName(tr("Domain {name}").format(name=domain.value))
            self.domain_checks[domain] = check
            layout.addWidget(check)
        first = self.domain_checks[Domain.WORK]
        self._row(tr("Domains"), "domain", box, focus=first)

    def _build_targets(
        self, body: QWidget, metrics: Sequence[Metric], targets: Sequence[Target]
    ) -> None:
        box = QWidget(body)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        targeted = {t.metric for t in targets}
        shown = [m for m in metrics if not m.archived or m.name in targeted]
        self.target_rows = [TargetRow(m, grid, row, box) for row, m in enumerate(shown)]
        focus = self.target_rows[0].check if self.target_rows else box
        self._row(tr("Tar&get metrics"), "target", box, focus=focus)
        self.main_combo = QComboBox(body)
        self.main_combo.setAccessibleName(tr("Main target"))
        self.main_combo.setToolTip(
            tr(
                "The verdict rests on this one; the others count only on stronger evidence, "
                "so that more targets do not mean more chances to be fooled."
            )
        )
        self._row(tr("&Main target"), "main target", self.main_combo, side=True)
        self.targets_note = QLabel(body)
        self.targets_note.setWordWrap(True)
        self.targets_note.setAccessibleName(tr("About the targets"))
        self.form_layout.addRow("", self.targets_note)
        for row in self.target_rows:
            row.check.toggled.connect(self._sync_targets)
        self.main_combo.currentIndexChanged.connect(self._clear_advice)

    def _build_schedule(self, body: QWidget) -> None:
        self.design_combo = QComboBox(body)
        self.design_combo.addItem(tr("A-B: a baseline, then the trial"), "ab")
        self.design_combo.addItem(tr("A-B-A-B: alternating blocks (a stronger test)"), "abab")
        self.design_combo.setAccessibleName(tr("Schedule"))
        self._row(tr("Sche&dule"), "schedule", self.design_combo, side=True)
        self.baseline_spin = self._days_spin(body, tr("Baseline days"))
        self._row(tr("&Baseline days"), "baseline days", self.baseline_spin, side=True)
        self.trial_spin = self._days_spin(body, tr("Trial days"))
        self._row(tr("Trial d&ays"), "trial days", self.trial_spin, side=True)
        self.block_spin = self._days_spin(body, tr("Block days"))
        self._row(tr("B&lock days"), "block days", self.block_spin, side=True)
        start = QWidget(body)
        start_layout = QHBoxLayout(start)
        start_layout.setContentsMargins(0, 0, 0, 0)
        self.start_check = QCheckBox(tr("Starts &on"), start)
        self.start_check.setAccessibleName(tr("Scheduled"))
        self.start_edit = QDateEdit(start)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName(tr("Start date"))
        self.start_check.toggled.connect(self.start_edit.setEnabled)
        start_layout.addWidget(self.start_check)
        start_layout.addWidget(self.start_edit)
        start_layout.addWidget(self._error_label("start"), 1)
        start_layout.addStretch(0)
        self.start_check.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.start_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._focus["start"] = self.start_edit
        self.form_layout.addRow(tr("Start"), start)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Schedule summary"))
        self.form_layout.addRow("", self.summary)
        self._build_planning(body)
        for signal in (
            self.design_combo.currentIndexChanged,
            self.baseline_spin.valueChanged,
            self.trial_spin.valueChanged,
            self.block_spin.valueChanged,
            self.start_check.toggled,
            self.start_edit.dateChanged,
        ):
            signal.connect(self._sync_schedule)

    def _build_planning(self, body: QWidget) -> None:
        """How long to plan, from the main target's recent days (new A-B experiments)."""
        self.planning = QWidget(body)
        layout = QVBoxLayout(self.planning)
        layout.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout()
        self.change_spin = QDoubleSpinBox(self.planning)
        self.change_spin.setRange(0.5, 5.0)
        self.change_spin.setSingleStep(0.5)
        self.change_spin.setDecimals(1)
        self.change_spin.setValue(1.0)
        self.change_spin.setSuffix(tr(" points"))
        self.change_spin.setAccessibleName(tr("Change to notice"))
        change_label = QLabel(tr("Change to &notice:"), self.planning)
        change_label.setBuddy(self.change_spin)
        self.plan_button = QPushButton(tr("&Plan the length from my days"), self.planning)
        self.plan_button.setAccessibleName(tr("Plan the length from my days"))
        self.use_button = QPushButton(self.planning)
        self.use_button.setAccessibleName(tr("Use the planned length"))
        self.use_button.hide()
        for widget in (change_label, self.change_spin, self.plan_button, self.use_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.advice_label = QLabel(self.planning)
        self.advice_label.setWordWrap(True)
        self.advice_label.setAccessibleName(tr("Planned length advice"))
        self.advice_label.hide()
        layout.addWidget(self.advice_label)
        self.form_layout.addRow(tr("Length"), self.planning)
        self.plan_button.clicked.connect(lambda _=False: self.plan_length())
        self.use_button.clicked.connect(lambda _=False: self.use_advice())
        self.change_spin.valueChanged.connect(self._clear_advice)

    def main_target(self) -> Target | None:
        """The chosen main target, or the first default when none is ticked."""
        targets = self.form().targets
        return targets[0] if targets else None

    def plan_length(self) -> LengthAdvice | None:
        """Ask the core how long to plan, for the main target (or the default one)."""
        if self._advise is None:
            return None
        main = self.main_target() or DEFAULT_TARGETS[0]
        self._advice = self._advise(main.metric, self.change_spin.value(), main.better)
        self.advice_label.setText(self._advice.text)
        self.advice_label.show()
        days = self._advice.days
        self.use_button.setText(tr("&Use {days} + {days} days").format(days=days))
        self.use_button.show()
        return self._advice

    def use_advice(self) -> None:
        if self._advice is None:
            return
        self.design_combo.setCurrentIndex(self.design_combo.findData("ab"))
        self.baseline_spin.setValue(self._advice.days)
        self.trial_spin.setValue(self._advice.days)

    def _clear_advice(self) -> None:
        self._advice = None
        self.advice_label.hide()
        self.use_button.hide()

    def _sync_targets(self) -> None:
        """The main-target choice lists the ticked targets; none ticked: say what is used."""
        ticked = [row.metric for row in self.target_rows if row.check.isChecked()]
        current = self.main_combo.currentData()
        self.main_combo.blockSignals(True)
        self.main_combo.clear()
        for metric in ticked:
            self.main_combo.addItem(metric_label(metric), metric.name)
        index = self.main_combo.findData(current)
        self.main_combo.setCurrentIndex(max(index, 0) if ticked else -1)
        self.main_combo.blockSignals(False)
        self.main_combo.setEnabled(len(ticked) > 1)
        if ticked:
            self.targets_note.clear()
            self.targets_note.hide()
        else:
            labels = metric_labels(row.metric for row in self.target_rows)
            names = tr(" and ").join(
                tr("{metric} ({better} is better)").format(
                    metric=label_of(t.metric, labels), better=t.better
                )
                for t in DEFAULT_TARGETS
            )
            self.targets_note.setText(
                tr("No target ticked: {names} will be stored and judged.").format(names=names)
            )
            self.targets_note.show()
        self._clear_advice()

    def _days_spin(self, parent: QWidget, name: str) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setRange(1, schedules.MAX_PHASE_DAYS)
        spin.setSuffix(tr(" days"))
        spin.setAccessibleName(name)
        return spin

    # state
    def set_form(self, form: ExperimentForm) -> None:
        self.title_edit.setText(form.title)
        self.intention_edit.setText(form.intention)
        self.shift_edit.setPlainText(form.shift)
        self.hypothesis_edit.setPlainText(form.hypothesis)
        for domain, check in self.domain_checks.items():
            check.setChecked(domain in form.domains)
        wanted = {t.metric: t.better for t in form.targets}
        for row in self.target_rows:
            row.check.setChecked(row.metric.name in wanted)
            row.set_better(wanted.get(row.metric.name, row.metric.better))
        self._sync_targets()
        if form.targets:
            self.main_combo.setCurrentIndex(self.main_combo.findData(form.targets[0].metric))
        self.design_combo.setCurrentIndex(self.design_combo.findData(form.design))
        self.baseline_spin.setValue(form.baseline_days)
        self.trial_spin.setValue(form.trial_days)
        self.block_spin.setValue(form.block_days)
        self.start_check.setChecked(form.start is not None)
        self.start_edit.setDate(_date(form.start or self._today))
        self.start_edit.setEnabled(form.start is not None)
        self._sync_schedule()

    def form(self) -> ExperimentForm:
        design: schedules.Design = "abab" if self.design_combo.currentData() == "abab" else "ab"
        return ExperimentForm(
            title=self.title_edit.text(),
            intention=self.intention_edit.text().strip(),
            shift=self.shift_edit.toPlainText().strip(),
            hypothesis=self.hypothesis_edit.toPlainText().strip(),
            domains=tuple(d for d, check in self.domain_checks.items() if check.isChecked()),
            targets=self._ordered_targets(),
            design=design,
            baseline_days=self.baseline_spin.value(),
            trial_days=self.trial_spin.value(),
            block_days=self.block_spin.value(),
            start=_py_date(self.start_edit.date()) if self.start_check.isChecked() else None,
        )

    def _ordered_targets(self) -> tuple[Target, ...]:
        """The ticked targets, the chosen main one first."""
        ticked = [t for row in self.target_rows if (t := row.target()) is not None]
        main = self.main_combo.currentData()
        return tuple(sorted(ticked, key=lambda t: t.metric != main))

    def experiment(self) -> Experiment | None:
        """The validated draft, once the dialog was accepted."""
        return self._result

    def _sync_schedule(self) -> None:
        abab = self.design_combo.currentData() == "abab"
        routine = self._base.kind == "routine"  # a routine has no phases, only a start
        self.form_layout.setRowVisible(
            self.planning, self._advise is not None and not routine and self._base.id is None
        )
        for spin, visible in (
            (self.baseline_spin, not abab and not routine),
            (self.trial_spin, not abab and not routine),
            (self.block_spin, abab and not routine),
            (self.design_combo, not routine),
        ):
            self.form_layout.setRowVisible(self._holders[spin], visible)
        if routine:
            self.summary.setText(tr("A routine: asked about every day from its start."))
            return
        try:
            schedule = self.form().schedule()
        except ValidationError:
            self.summary.clear()
            return
        total = schedules.planned_days(schedule)
        end = schedules.end_date(schedule)
        if schedule.start is None or end is None:
            text = tr("{days} days in all; not scheduled yet.").format(days=total)
        else:
            text = tr("{days} days in all, from {start} to {end}.").format(
                days=total, start=schedule.start.isoformat(), end=end.isoformat()
            )
        self.summary.setText(text)

    # validation
    def show_error(self, error: ValidationError) -> None:
        label = self.errors.get(error.field, self.general_error)
        text = error.detail if label is not self.general_error else str(error)
        label.setText(text)
        label.show()
        widget = self._focus.get(error.field)
        if widget is not None:
            widget.setAccessibleDescription(text)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for field, label in self.errors.items():
            label.clear()
            label.hide()
            widget = self._focus.get(field)
            if widget is not None:
                widget.setAccessibleDescription("")

    def accept(self) -> None:
        self.clear_errors()
        try:
            self._result = self._validate(draft_of(self.form(), self._base))
        except ValidationError as error:
            self._result = None
            self.show_error(error)
            return
        super().accept()
