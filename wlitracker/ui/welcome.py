"""The first-run welcome: intentions, the self-check, a first idea, a reminder time.

Nothing is written until Finish, and then in one go through the journal's welcome
service, so a user who only wants to look around (Skip, or "Try with demo data")
leaves no trace in their journal beyond "welcome done". The self-check and reminder
widgets live here because the Settings page reuses them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core import self_check
from ..core.model.entities import PhaseKind
from ..core.templates import TEMPLATES, Template
from .feedback import attempt, tr
from .sizes import fit_to_screen, scrolled, text_size, text_width
from .style import secondary, strong

DEFAULT_REMINDER = dt.time(21, 0)
STATEMENT_COLUMNS = 16  # the narrowest a statement wraps to, in average characters
EXTRA_INTENTIONS = (
    "More time for creative projects",
    "Less stress",
    "Caring for family",
    "Self-care during the day",
)
_DIGIT_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5}


def intention_choices() -> list[str]:
    """The design's examples first, then the ideas' own intentions, each once."""
    seen: dict[str, None] = dict.fromkeys(EXTRA_INTENTIONS)
    for item in TEMPLATES:
        seen.setdefault(item.intention, None)
    return list(seen)


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


# --- reusable widgets ---------------------------------------------------------------


def statement_label(text: str, columns: float, parent: QWidget) -> QLabel:
    """A wrapped label at least ``columns`` average characters wide, sized for it up front.

    Grid layouts pick row heights before widths settle, which otherwise clips the
    second line of a wrapped statement.
    """
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    width = text_size(label, columns, 0).width()
    label.setMinimumWidth(width)
    label.setMinimumHeight(label.heightForWidth(width))
    return label


class SelfCheckWidget(QWidget):
    """Seven statements with a 1-5 choice each, and the result once all are answered.

    Tab moves between statements, the arrow keys change the answer, and the keys
    1 to 5 answer and move on to the next statement.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[QButtonGroup] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        # Each answer's column as wide as its longest word: "Strongly disagree" in two lines.
        words = [part for word in self_check.SCALE for part in tr(word).split()]
        answer_width = text_width(self, *words) + self.fontMetrics().height() // 4
        for column, word in enumerate(self_check.SCALE, start=1):
            header = QLabel(tr(word), self)
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setFixedWidth(answer_width)
            header.setMinimumHeight(header.heightForWidth(answer_width))
            grid.addWidget(header, 0, column)
        for row, statement in enumerate(self_check.STATEMENTS, start=1):
            text = statement_label(f"{row}. {tr(statement.text)}", STATEMENT_COLUMNS, self)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value, word in enumerate(self_check.SCALE, start=1):
                button = QRadioButton(self)
                button.setAccessibleName(
                    tr("{answer}, statement {n}").format(answer=tr(word), n=row)
                )
                button.setAccessibleDescription(tr(statement.text))
                button.setToolTip(tr(word))
                button.installEventFilter(self)
                group.addButton(button, value)
                grid.addWidget(button, row, value, Qt.AlignmentFlag.AlignCenter)
            group.idToggled.connect(self._toggled)
            self.groups.append(group)
        outer.addLayout(grid)
        hint = secondary(
            _wrapped(tr("Tip: press 1 to 5 to answer and move on to the next statement."), self)
        )
        outer.addWidget(hint)
        outer.addSpacing(6)
        self.result_title = strong(QLabel(self))
        self.result_title.setAccessibleName(tr("Self-check result"))
        self.result_text = _wrapped("", self)
        self.result_text.setAccessibleName(tr("What the result means"))
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result_title)
        outer.addWidget(self.result_text)
        self._show_result()

    def answers(self) -> list[int | None]:
        return [group.checkedId() if group.checkedId() > 0 else None for group in self.groups]

    def complete_answers(self) -> tuple[int, ...] | None:
        """All seven answers, or ``None`` while any is missing."""
        answers = self.answers()
        if any(a is None for a in answers):
            return None
        return tuple(a for a in answers if a is not None)

    def set_answers(self, answers: Sequence[int | None]) -> None:
        for group, answer in zip(self.groups, answers, strict=True):
            if answer is None:
                group.setExclusive(False)
                for button in group.buttons():
                    button.setChecked(False)
                group.setExclusive(True)
            else:
                group.button(answer).setChecked(True)
        self._show_result()

    def first_button(self) -> QRadioButton:
        button = self.groups[0].buttons()[0]
        assert isinstance(button, QRadioButton)
        return button

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._show_result()
            self.changed.emit()

    def _show_result(self) -> None:
        answers = self.complete_answers()
        if answers is None:
            done = sum(a is not None for a in self.answers())
            self.result_title.setText(
                tr("{done} of {total} answered").format(done=done, total=len(self.groups))
            )
            self.result_text.setText(tr("Answer all of them to see where you are on the scale."))
            return
        label, text = self_check.describe(self_check.score(answers))
        self.result_title.setText(tr(label))
        self.result_text.setText(tr(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keys 1-5 on a statement's buttons answer it and move to the next one."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QRadioButton):
            assert isinstance(event, QKeyEvent)
            value = _DIGIT_KEYS.get(Qt.Key(event.key()))
            if value is not None and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                index = next(i for i, g in enumerate(self.groups) if watched in g.buttons())
                self.groups[index].button(value).setChecked(True)
                self.groups[index].button(value).setFocus(Qt.FocusReason.ShortcutFocusReason)
                if index + 1 < len(self.groups):
                    following = self.groups[index + 1]
                    target = following.checkedButton() or following.buttons()[0]
                    target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)


class ReminderInput(QWidget):
    """A time of day for the check-in reminder, or none at all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(DEFAULT_REMINDER.hour, DEFAULT_REMINDER.minute))
        self.time_edit.setAccessibleName(tr("Reminder time"))
        self.time_edit.setMinimumWidth(
            text_width(self.time_edit, "00:00") + 4 * self.fontMetrics().height()
        )
        self.off_check = QCheckBox(tr("N&o reminder"), self)
        self.off_check.setAccessibleName(tr("No reminder"))
        layout.addWidget(self.time_edit)
        layout.addWidget(self.off_check)
        layout.addStretch(1)
        self.time_edit.timeChanged.connect(self._time_changed)
        self.off_check.toggled.connect(self._off_toggled)

    def value(self) -> dt.time | None:
        if self.off_check.isChecked():
            return None
        time = self.time_edit.time()
        return dt.time(time.hour(), time.minute())

    def set_value(self, value: dt.time | None) -> None:
        """Show a stored value without announcing it as a change."""
        blocked = self.blockSignals(True)
        try:
            self.off_check.setChecked(value is None)
            self.time_edit.setEnabled(value is not None)
            if value is not None and self.value() != value:
                self.time_edit.setTime(QTime(value.hour, value.minute))
        finally:
            self.blockSignals(blocked)

    def _time_changed(self, _time: QTime) -> None:
        self.changed.emit()

    def _off_toggled(self, off: bool) -> None:
        self.time_edit.setEnabled(not off)
        self.changed.emit()


def plan_summary(item: Template) -> str:
    """One line on how the idea would run, in days."""
    parts = [
        tr("{days} days as usual").format(days=part.days)
        if part.kind is PhaseKind.BASELINE
        else tr("{days} days trying it").format(days=part.days)
        for part in item.schedule.plan
    ]
    return tr("Starts today: {plan}.").format(plan=", then ".join(parts))


# --- pages ---------------------------------------------------------------------------


class IntentionsPage(QWizardPage):
    demo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Welcome"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(scrolled(body, self))  # nine choices and more: taller than some screens
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = tr(
            "This is your lab notebook for small changes in how work and life fit "
            "together. A few quick questions, and you can skip any of them."
        )
        layout.addWidget(_wrapped(intro, body))
        question = _wrapped(tr("What would you like work and life to give you? Pick any."), body)
        layout.addWidget(strong(question))
        self.checks: dict[str, QCheckBox] = {}
        for intention in intention_choices():
            check = QCheckBox(tr(intention), body)
            check.setAccessibleName(tr(intention))
            self.checks[intention] = check
            layout.addWidget(check)
        other_row = QHBoxLayout()
        other_label = QLabel(tr("Something &else:"), body)
        self.other_edit = QLineEdit(body)
        self.other_edit.setPlaceholderText(tr("in your own words"))
        self.other_edit.setAccessibleName(tr("Something else you want"))
        self.other_edit.setMaxLength(200)
        other_label.setBuddy(self.other_edit)
        other_row.addWidget(other_label)
        other_row.addWidget(self.other_edit, 1)
        layout.addLayout(other_row)
        layout.addStretch(1)
        demo_row = QHBoxLayout()
        demo_note = _wrapped(
            tr("Just looking? Explore a separate example journal; nothing here is changed."),
            body,
        )
        self.demo_button = QPushButton(tr("Try with &demo data"), body)
        self.demo_button.setAccessibleName(tr("Try with demo data"))
        self.demo_button.setAutoDefault(False)
        demo_row.addWidget(demo_note, 1)
        demo_row.addWidget(self.demo_button)
        layout.addLayout(demo_row)
        self.demo_button.clicked.connect(self.demo_clicked)

    def intentions(self) -> list[str]:
        chosen = [name for name, check in self.checks.items() if check.isChecked()]
        other = " ".join(self.other_edit.text().split())
        if other and other not in chosen:
            chosen.append(other)
        return chosen


class SelfCheckPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Blend or separate?"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = tr(
            "Some people like firm lines between work and home, others blend them. "
            "Neither is better; knowing which fits you helps pick experiments."
        )
        layout.addWidget(_wrapped(intro, self))
        self.widget = SelfCheckWidget()
        layout.addWidget(
            scrolled(self.widget, self)
        )  # seven statements: taller than a small screen

    def initializePage(self) -> None:  # noqa: N802
        self.widget.first_button().setFocus()


class IdeasPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("A first experiment?"))
        layout = QVBoxLayout(self)
        intro = tr(
            "Pick one small change to try, or none for now. You can stop or change it anytime."
        )
        layout.addWidget(_wrapped(intro, self))
        label = QLabel(tr("&Ideas:"), self)
        self.ideas = QListWidget(self)
        self.ideas.setAccessibleName(tr("Ideas for a first experiment"))
        self.ideas.setWordWrap(True)
        self.ideas.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.ideas.setSpacing(4)
        label.setBuddy(self.ideas)
        not_now = QListWidgetItem(tr("Not now — I'll look around first"), self.ideas)
        not_now.setData(Qt.ItemDataRole.UserRole, None)
        for item in TEMPLATES:
            entry = QListWidgetItem(f"{tr(item.title)}\n{tr(item.why)}", self.ideas)
            entry.setData(Qt.ItemDataRole.UserRole, item.key)
            entry.setToolTip(tr(item.shift))
        self.details = _wrapped("", self)
        self.details.setAccessibleName(tr("About the chosen idea"))
        layout.addWidget(label)
        layout.addWidget(self.ideas, 1)
        layout.addWidget(self.details)
        self.ideas.currentRowChanged.connect(self._show_details)
        self.ideas.setCurrentRow(0)

    def chosen_key(self) -> str | None:
        item = self.ideas.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return key if isinstance(key, str) else None

    def choose(self, key: str | None) -> None:
        for row in range(self.ideas.count()):
            if self.ideas.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.ideas.setCurrentRow(row)
                return
        raise KeyError(key)

    def initializePage(self) -> None:  # noqa: N802
        self.ideas.setFocus()

    def _show_details(self, _row: int) -> None:
        key = self.chosen_key()
        chosen = next((t for t in TEMPLATES if t.key == key), None)
        if chosen is None:
            self.details.setText(tr("No experiment for now. The Experiments page has these ideas."))
            return
        self.details.setText(
            tr("The change: {shift}\n{plan}").format(
                shift=tr(chosen.shift), plan=plan_summary(chosen)
            )
        )


class ReminderPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("A daily reminder"))
        layout = QVBoxLayout(self)
        intro = tr("A check-in takes about ten seconds. When would a gentle nudge suit you?")
        layout.addWidget(_wrapped(intro, self))
        row = QHBoxLayout()
        label = QLabel(tr("Remind me at &time:"), self)
        self.reminder = ReminderInput(self)
        label.setBuddy(self.reminder.time_edit)
        row.addWidget(label)
        row.addWidget(self.reminder, 1)
        layout.addLayout(row)
        layout.addWidget(
            _wrapped(tr("You can change this, the theme and your metrics in Settings."), self)
        )
        layout.addSpacing(12)
        self.summary = _wrapped("", self)
        self.summary.setAccessibleName(tr("What Finish will save"))
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.reminder.time_edit.setFocus()


# --- the wizard ----------------------------------------------------------------------


class WelcomeActions(Protocol):
    """The journal's welcome service, as the wizard needs it: one write at the end."""

    def finish(
        self,
        intentions: Sequence[str],
        answers: tuple[int, ...] | None,
        idea: str | None,
        reminder: dt.time | None,
    ) -> object: ...
    def skip(self) -> object: ...


class WelcomeWizard(QWizard):
    """Shown on first run; Finish stores the answers, Skip only marks the welcome done."""

    demo_requested = Signal()

    def __init__(self, welcome: WelcomeActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.welcome = welcome
        self._leaving_for_demo = False
        self.setWindowTitle(tr("Welcome to WLI Tracker"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, tr("&Skip"))
        self.skip_button = self.button(QWizard.WizardButton.CustomButton1)
        self.skip_button.setAccessibleName(tr("Skip the welcome"))
        self.skip_button.setToolTip(tr("Close and go straight to today's check-in"))
        self.setButtonLayout(
            [
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
            ]
        )
        self.intentions_page = IntentionsPage(self)
        self.self_check_page = SelfCheckPage(self)
        self.ideas_page = IdeasPage(self)
        self.reminder_page = ReminderPage(self)
        for page in (
            self.intentions_page,
            self.self_check_page,
            self.ideas_page,
            self.reminder_page,
        ):
            self.addPage(page)
        fit_to_screen(self, text_size(self, 110, 36))
        self.customButtonClicked.connect(self._custom_clicked)
        self.intentions_page.demo_clicked.connect(self.try_demo)

    @property
    def self_check_widget(self) -> SelfCheckWidget:
        return self.self_check_page.widget

    def initializePage(self, page_id: int) -> None:  # noqa: N802
        super().initializePage(page_id)
        if self.page(page_id) is self.reminder_page:
            self.reminder_page.summary.setText(self.summary())

    def summary(self) -> str:
        """What Finish will store, in plain words, so nothing is saved by surprise."""
        lines = [tr("Finish saves:")]
        intentions = self.intentions_page.intentions()
        lines.append(
            "• " + tr("what you want: {list}").format(list=", ".join(intentions))
            if intentions
            else "• " + tr("no intentions yet (you can add them later)")
        )
        answers = self.self_check_widget.complete_answers()
        if answers is None:
            lines.append("• " + tr("no self-check result (you can take it in Settings)"))
        else:
            label, _ = self_check.describe(self_check.score(answers))
            lines.append("• " + tr("your self-check: {label}").format(label=tr(label)))
        key = self.ideas_page.chosen_key()
        chosen = next((t for t in TEMPLATES if t.key == key), None)
        lines.append(
            "• " + tr("a first experiment, starting today: {title}").format(title=tr(chosen.title))
            if chosen is not None
            else "• " + tr("no experiment for now")
        )
        lines.append("• " + tr("the reminder time above"))
        return "\n".join(lines)

    def _custom_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.skip()

    def skip(self) -> None:
        self.reject()

    def try_demo(self) -> None:
        """Close without touching this journal; the window opens the demo one."""
        self._leaving_for_demo = True
        super().reject()
        self.demo_requested.emit()

    def reject(self) -> None:
        """Skip, Escape and the close button all mean "not now, and don't ask again"."""
        if not self._leaving_for_demo:
            attempt(self, self.welcome.skip)
        super().reject()

    def accept(self) -> None:
        if attempt(self, self._save) is None:
            return  # the message box said why; the answers are still on screen
        super().accept()

    def _save(self) -> bool:
        self.welcome.finish(
            self.intentions_page.intentions(),
            self.self_check_widget.complete_answers(),
            self.ideas_page.chosen_key(),
            self.reminder_page.reminder.value(),
        )
        return True
