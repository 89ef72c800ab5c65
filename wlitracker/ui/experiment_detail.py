"""One experiment in full: where it stands, its schedule strip, fields, versions, decisions."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model.entities import DecisionKind, Experiment, PhaseKind, Status, label_of
from ..core.model.words import DECIDED_WORDS
from ..core.present.experiment_form import StripDay
from ..core.present.experiments import ExperimentView, LineageStep, RoutinePanel
from .decision_dialog import decision_label
from .feedback import tr
from .flow_layout import FlowLayout
from .idea_gallery import schedule_text
from .routine_panel import RoutinePanelView
from .schedule_strip import ScheduleStrip, StripLegend, phase_name
from .sizes import stack_when_narrow
from .style import (
    GAP,
    SECTION_GAP,
    SPACING,
    heading,
    item_title,
    secondary,
    secondary_label,
)


def days_left_text(days: int | None) -> str:
    if days is None:
        return ""
    return tr("1 day left") if days == 1 else tr("{days} days left").format(days=days)


def phase_text(view: ExperimentView) -> str:
    """What the list says about where an experiment is now."""
    if view.current_phase is not None and view.status in (Status.BASELINE, Status.TRIAL):
        return f"{phase_name(view.current_phase.kind)} ({view.current_phase.label})"
    if view.status is Status.PLANNED:
        start = view.experiment.schedule.start
        if start is None:
            return tr("Not scheduled yet")
        return tr("Starts {date}").format(date=start.isoformat())
    return tr(_PHASE_TEXT[view.status])


_PHASE_TEXT = {
    Status.ROUTINE: "Routine",
    Status.READY_TO_REVIEW: "Ready to review",
    Status.PERSISTED: "Persisted",
    Status.ADJUSTED: "Adjusted",
    Status.SWITCHED: "Switched",
    Status.STOPPED: "Stopped",
}


def status_text(view: ExperimentView, today: dt.date) -> str:
    """One kind sentence about the experiment's state, for the top of the detail."""
    phase = view.current_phase
    if phase is not None and view.status in (Status.BASELINE, Status.TRIAL):
        what = tr("the usual way") if phase.kind is PhaseKind.BASELINE else tr("the change")
        return tr("{phase} ({label}, {what}): day {day} of {days}. {left} in all.").format(
            phase=phase_name(phase.kind),
            label=phase.label,
            what=what,
            day=(today - phase.start).days + 1,
            days=phase.days,
            left=days_left_text(view.days_left).capitalize(),
        )
    closing = view.closing
    date = closing.decided_on.isoformat() if closing else ""
    if view.status is Status.PLANNED:
        start = view.experiment.schedule.start
        if start is None:
            return tr("Planned, not scheduled yet. Edit it to pick a start date.")
        return tr("Planned: starts on {date}.").format(date=start.isoformat())
    started = view.experiment.schedule.start
    texts = {
        Status.ROUTINE: tr(
            "A routine since {start}: asked about every day until you stop it."
        ).format(start=started.isoformat() if started else ""),
        Status.READY_TO_REVIEW: tr(
            "The schedule ended on {end}. Look at how it went, then decide."
        ).format(end=view.end.isoformat() if view.end else ""),
        Status.PERSISTED: tr("Persisted on {date}: it is part of your routine now."),
        Status.ADJUSTED: tr("Adjusted on {date}: the next version carries it on."),
        Status.SWITCHED: tr(
            "Switched on {date}. A switched experiment is information, not a failure."
        ),
        Status.STOPPED: tr("Stopped on {date}. Stopping is a result too: you learned something."),
    }
    return texts[view.status].format(date=date)


def _value_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class ExperimentDetail(QWidget):
    """The selected experiment: state, verdict, decision buttons, schedule, fields, history."""

    decision_requested = Signal(object)  # DecisionKind
    undo_requested = Signal()
    version_chosen = Signal(int)
    remove_decision_requested = Signal(int)  # decision id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experiment_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, SPACING, 0)  # clear of the scroll bar
        layout.setSpacing(GAP)
        self.title_label = item_title(QLabel(self))
        self.title_label.setAccessibleName(tr("Experiment title"))
        layout.addWidget(self.title_label)
        self.status_label = _value_label(self, tr("Where it stands"))
        layout.addWidget(self.status_label)
        self.routine_panel = RoutinePanelView(self)  # a routine's now comes before its trial
        self.routine_panel.hide()
        layout.addWidget(self.routine_panel)
        self.verdict_frame = QFrame(self)
        self.verdict_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict_frame.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.verdict_frame.setAutoFillBackground(True)
        verdict_layout = QVBoxLayout(self.verdict_frame)
        self.verdict_label = _value_label(self.verdict_frame, tr("Verdict"))
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text
        verdict_layout.addWidget(self.verdict_label)
        self.verdict_frame.hide()
        layout.addWidget(self.verdict_frame)
        layout.addLayout(self._build_buttons())
        self.review_slot = QVBoxLayout()  # the page puts the Review area (charts) here
        layout.addLayout(self.review_slot)
        layout.addSpacing(SECTION_GAP - GAP)
        layout.addWidget(heading(tr("Schedule"), self))
        self.strip = ScheduleStrip(self)
        layout.addWidget(self.strip)
        self.legend = StripLegend(self)
        layout.addWidget(self.legend)
        self.unscheduled_label = secondary(_value_label(self, tr("Schedule")))
        layout.addWidget(self.unscheduled_label)
        layout.addSpacing(SECTION_GAP - GAP)
        layout.addWidget(heading(tr("The experiment"), self))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        stack_when_narrow(form, self)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("intention", tr("Intention")),
            ("shift", tr("The shift")),
            ("hypothesis", tr("Hypothesis")),
            ("domains", tr("Domains")),
            ("targets", tr("Target metrics")),
            ("schedule", tr("Plan")),
        ):
            self.fields[key] = _value_label(self, text)
            form.addRow(secondary_label(text, self, wrap=False), self.fields[key])
        layout.addLayout(form)
        layout.addSpacing(SECTION_GAP - GAP)
        layout.addWidget(heading(tr("Versions and decisions"), self))
        self.history_label = QLabel(self)
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.history_label.setAccessibleName(tr("Versions and decisions"))
        self.history_label.linkActivated.connect(self._link)
        layout.addWidget(self.history_label)
        layout.addStretch(1)

    def _build_buttons(self) -> FlowLayout:
        row = FlowLayout(spacing=SPACING)  # wraps in a narrow window: no button cut off
        self.buttons: dict[DecisionKind, QPushButton] = {}
        texts = {
            DecisionKind.PERSIST: (tr("&Persist"), tr("Keep it: it becomes part of your routine")),
            DecisionKind.ADJUST: (tr("Ad&just"), tr("Change something and run a new version")),
            DecisionKind.SWITCH: (
                tr("&Try something different"),
                tr("Close this one and pick another idea"),
            ),
            DecisionKind.STOP: (tr("&Stop"), tr("End it here, with a reason")),
        }
        for kind, (text, tip) in texts.items():
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(decision_label(kind))
            button.setAccessibleDescription(tip)
            button.clicked.connect(lambda _=False, k=kind: self.decision_requested.emit(k))
            self.buttons[kind] = button
            row.addWidget(button)
        self.undo_button = QPushButton(tr("&Undo the decision"), self)
        self.undo_button.setAccessibleName(tr("Undo the decision"))
        tip = tr("Take back the latest decision: the experiment is open again")
        self.undo_button.setToolTip(tip)
        self.undo_button.setAccessibleDescription(tip)
        self.undo_button.clicked.connect(lambda _=False: self.undo_requested.emit())
        row.addWidget(self.undo_button)
        return row

    def set_state(
        self,
        view: ExperimentView,
        lineage: Sequence[LineageStep],
        days: Sequence[StripDay],
        today: dt.date,
        routine: RoutinePanel | None = None,
        labels: Mapping[str, str] = MappingProxyType({}),
    ) -> None:
        """Show ``view``; the verdict is cleared when a different experiment is shown.
        ``labels``: the metrics' labels by name, for the targets."""
        if routine is not None:
            self.routine_panel.set_panel(routine, today)
        self.routine_panel.setVisible(routine is not None)
        if view.id != self.experiment_id:
            self.set_verdict(None)
        self.experiment_id = view.id
        experiment = view.experiment
        title = experiment.title
        if experiment.version > 1:
            title = tr("{title} (version {version})").format(
                title=title, version=experiment.version
            )
        self.title_label.setText(title)
        self.status_label.setText(status_text(view, today))
        for button in self.buttons.values():
            button.setEnabled(view.is_open)
            button.setVisible(view.is_open or view.closing is None)
        self.undo_button.setVisible(view.closing is not None)
        self.strip.set_days(days)
        self.strip.setVisible(bool(days))
        self.legend.setVisible(bool(days))
        self.unscheduled_label.setVisible(not days)
        self.unscheduled_label.setText(tr("Not scheduled yet: edit it to choose a start date."))
        self._set_fields(experiment, view, labels)
        self.history_label.setText(self._history(view, lineage))

    def _set_fields(
        self, experiment: Experiment, view: ExperimentView, labels: Mapping[str, str]
    ) -> None:
        empty = tr("(not written yet)")
        self.fields["intention"].setText(experiment.intention or empty)
        self.fields["shift"].setText(experiment.shift or empty)
        self.fields["hypothesis"].setText(experiment.hypothesis or empty)
        self.fields["domains"].setText(
            ", ".join(d.value.capitalize() for d in experiment.domains) or empty
        )
        directions = {"higher": tr("higher is better"), "lower": tr("lower is better")}
        self.fields["targets"].setText(
            "; ".join(
                f"{label_of(t.metric, labels)} ({directions[t.better]})" for t in experiment.targets
            )
            or empty
        )
        plan = schedule_text(experiment.schedule)
        if view.phases and view.end is not None:
            plan += "\n" + tr("{start} to {end}").format(
                start=view.phases[0].start.isoformat(), end=view.end.isoformat()
            )
        self.fields["schedule"].setText(plan)

    def _history(self, view: ExperimentView, lineage: Sequence[LineageStep]) -> str:
        items: list[str] = []
        for step in lineage:
            experiment = step.experiment
            name = html.escape(experiment.title)
            version = tr("Version {n}").format(n=experiment.version)
            if experiment.id == view.id:
                line = f"<b>{version}: {name}</b> " + html.escape(tr("(shown)"))
            else:
                line = f'{version}: <a href="{experiment.id}">{name}</a>'
            decision = step.decision
            if decision is None:
                line += "<br>" + html.escape(tr("No decision yet."))
            else:
                line += "<br>" + html.escape(
                    tr("{what} on {date}: “{reason}”").format(
                        what=tr(DECIDED_WORDS[decision.kind]),
                        date=decision.decided_on.isoformat(),
                        reason=decision.reason,
                    )
                )
                if experiment.id == view.id and decision.id is not None:
                    remove = html.escape(tr("remove this decision"))
                    line += f' <a href="decision:{decision.id}">{remove}</a>'

            items.append(f"<li>{line}</li>")
        return "<ol style='margin-left: 0'>" + "".join(items) + "</ol>"

    def _link(self, link: str) -> None:
        """A version's link shows it; a decision's "remove" link asks to remove it."""
        kind, _, number = link.rpartition(":")
        if kind == "decision":
            self.remove_decision_requested.emit(int(number))
        else:
            self.version_chosen.emit(int(number))

    def set_verdict(self, text: str | None) -> None:
        """The evaluation's verdict in plain words; hidden while there is none."""
        self.verdict_label.setText(text or "")
        self.verdict_frame.setVisible(text is not None)

    def verdict_visible(self) -> bool:
        return not self.verdict_frame.isHidden()
