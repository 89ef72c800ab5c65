"""The daily check-in: one day's ratings, adherence, tags, unusual-day flag and note.

The page shows a ``TodayState`` and asks for what the person does: another day, the
calendar turned to another month, the day stored. What is on screen and not stored
yet is the page's own: the unsaved edits, the save timer and the status line. So
edits save themselves shortly after the last change (Ctrl+S saves at once), leaving
a day stores it first, and a new state (after a write anywhere) never replaces what
the person is typing.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..core.model.entities import CheckIn, Metric, PhaseKind, Status, metric_label
from ..core.model.errors import WliError
from ..core.model.record import replace
from ..core.model.words import EXPERIMENT_STATUS_WORDS, PHASE_MEANING, PHASE_WORDS, day_words
from ..core.present.today import CalendarMarks, DayForm, RunningExperiment, TodayState
from . import confirm
from .adherence_input import AdherenceInput
from .feedback import tr
from .flow_layout import FlowLayout
from .rating_input import RatingInput, RatingsGroup, RatingSpin
from .sizes import scrolled, stack_when_narrow, text_size, text_width
from .style import (
    SPACING,
    RowLabel,
    Section,
    body_layout,
    form_layout,
    page_layout,
    page_title,
    secondary,
    secondary_label,
)
from .tag_completer import TagCompleter
from .theme import show_as_problem

SAVE_DELAY_MS = 600
IDLE_DELAY_MS = 150


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TodayPage(QWidget):
    day_requested = Signal(object)  # dt.date: show this day (the day shown is stored)
    today_requested = Signal()  # show today, whatever the date is by now
    month_requested = Signal(int, int)  # year, month: the calendar was turned to it
    save_requested = Signal(object)  # CheckIn: store the day as shown
    remove_requested = Signal(object)  # dt.date: remove the day's check-in (confirmed)
    experiments_requested = Signal()  # none is running: go to the Experiments page

    def __init__(self, state: TodayState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.form = state.form  # what the inputs were filled from, updated when stored
        self.ratings: dict[str, RatingInput] = {}
        self.adherence: dict[int, AdherenceInput] = {}
        self._rating_metrics: tuple[Metric, ...] | None = None
        self._adherence_rows: tuple[RunningExperiment, ...] | None = None
        self._loading = False
        self._dirty = False
        self._stored: bool | None = None  # the controller's answer to the last save request
        self._extras_pending = False
        self._calendar_connected = False
        self._marked: CalendarMarks | None = None
        self._suggested: tuple[str, ...] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self._build()
        self._load(state.form)
        self._show_bounds()
        self._schedule_extras()

    @property
    def day(self) -> dt.date:
        """The day on screen."""
        return self.form.check_in.date

    # --- layout -------------------------------------------------------------

    def _build(self) -> None:
        outer = page_layout(self)
        top = FlowLayout(spacing=SPACING)
        self.title = page_title(tr("Today"), self)
        top.addWidget(self.title)
        top.end_here()
        nav = FlowLayout(spacing=SPACING)  # wraps in a narrow window or with large text
        self.prev_button = QPushButton(tr("◀ &Previous"), self)
        self.prev_button.setToolTip(tr("Previous day (Alt+Left)"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, d MMMM yyyy")
        self.date_edit.setAccessibleName(tr("Check-in date"))
        longest = QDate(2026, 9, 30).toString(self.date_edit.displayFormat())  # a Wednesday
        self.date_edit.setMinimumWidth(
            text_width(self.date_edit, longest) + 2 * self.date_edit.fontMetrics().height()
        )
        self.next_button = QPushButton(tr("&Next ▶"), self)
        self.next_button.setToolTip(tr("Next day (Alt+Right)"))
        self.today_button = QPushButton(tr("T&oday"), self)
        self.today_button.setToolTip(tr("Back to today (Ctrl+T)"))
        self.status = secondary(QLabel(self))
        self.status.setWordWrap(True)  # a refusal can be long
        self.status.setAccessibleName(tr("Save status"))
        self.remove_button = QPushButton(tr("Remove day…"), self)
        self.remove_button.setAccessibleName(tr("Remove this day's check-in"))
        self.remove_button.setToolTip(
            tr("Remove this day's ratings, marks, tags and note (Undo brings them back)")
        )
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            nav.addWidget(widget)
        nav.end_here()
        nav.addWidget(self.remove_button)
        top.addWidget(self.status)
        outer.addLayout(top)
        outer.addLayout(nav)

        body = QWidget()
        self.body = body
        self.body_layout = body_layout(body)
        self.ratings_box = RatingsGroup()
        ratings = Section(tr("How was this day?"), body, card=self.ratings_box)
        self.ratings_layout = form_layout(self.ratings_box)
        stack_when_narrow(self.ratings_layout, self.ratings_box)
        self.body_layout.addWidget(ratings)
        self.adherence_section = Section(tr("Did you do it today?"), body)
        self.adherence_box = self.adherence_section.card
        self.adherence_layout = form_layout(self.adherence_box)
        stack_when_narrow(self.adherence_layout, self.adherence_box)
        self.body_layout.addWidget(self.adherence_section)
        self.no_experiment = self._no_experiment(body)
        self.body_layout.addWidget(self.no_experiment)

        notes = Section(tr("Notes"), body)
        more = notes.card
        more_layout = form_layout(more)
        self.tags_edit = QLineEdit(more)
        self.tags_edit.setPlaceholderText(tr("comma-separated, e.g. gym, family dinner"))
        self.tags_edit.setAccessibleName(tr("Tags"))
        tags_label = QLabel(tr("T&ags"), more)
        tags_label.setBuddy(self.tags_edit)
        more_layout.addRow(tags_label, self.tags_edit)
        self.tag_completer = TagCompleter(self.tags_edit)
        unusual_row = QHBoxLayout()
        self.unusual_check = QCheckBox(tr("&Unusual day (left out of evaluations)"), more)
        self.unusual_check.setAccessibleName(tr("Unusual day"))
        self.unusual_reason = QLineEdit(more)
        self.unusual_reason.setPlaceholderText(tr("why: ill, travelling, deadline week…"))
        self.unusual_reason.setAccessibleName(tr("Unusual day reason"))
        unusual_row.addWidget(self.unusual_check)
        unusual_row.addWidget(self.unusual_reason, 1)
        more_layout.addRow(unusual_row)
        self.note_edit = QPlainTextEdit(more)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(tr("Anything worth remembering about this day"))
        self.note_edit.setAccessibleName(tr("Note"))
        self.note_edit.setMinimumHeight(text_size(self.note_edit, 0, 4).height())
        note_label = QLabel(tr("No&te"), more)
        note_label.setBuddy(self.note_edit)
        more_layout.addRow(note_label, self.note_edit)
        self.body_layout.addWidget(notes)
        self.body_layout.addStretch(1)
        outer.addWidget(scrolled(body, self), 1)

        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.go_today)
        self.remove_button.clicked.connect(lambda _=False: self.remove_day())
        self.date_edit.dateChanged.connect(self._date_picked)
        self.tags_edit.textEdited.connect(self._edited)
        self.unusual_check.toggled.connect(self._unusual_toggled)
        self.unusual_reason.textEdited.connect(self._edited)
        self.note_edit.textChanged.connect(self._edited)
        for keys, slot in (
            ("Alt+Left", lambda: self.go(-1)),
            ("Alt+Right", lambda: self.go(1)),
            ("Ctrl+T", self.go_today),
            (QKeySequence.StandardKey.Save, self.save),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _no_experiment(self, parent: QWidget) -> QWidget:
        """Where the experiments' questions go when none is running: what would ask here."""
        box = QWidget(parent)
        row = FlowLayout(box, spacing=SPACING)
        row.addWidget(
            secondary_label(
                tr("No experiment is running: while one is, it asks here whether you did it."),
                box,
            )
        )
        self.start_button = QPushButton(tr("Start an e&xperiment…"), box)
        self.start_button.setAccessibleName(tr("Start an experiment"))
        self.start_button.setToolTip(tr("Go to Experiments, to start one from an idea"))
        self.start_button.clicked.connect(lambda _=False: self.experiments_requested.emit())
        row.addWidget(self.start_button)
        return box

    # --- state ------------------------------------------------------------------

    def set_state(self, state: TodayState) -> None:
        """Show ``state``; its form only while no edit on screen is waiting to be stored."""
        moved = self.form is not None and state.form.check_in.date != self.form.check_in.date
        self.state = state
        if not self._dirty and state.form != self.form:
            self._load(state.form)
        self._show_bounds()
        self._schedule_extras()
        if moved and self.isVisible():
            self._focus_first_rating()  # a new day: typing "5" rates it, never a note

    def _focus_first_rating(self) -> None:
        first = next(iter(self.ratings.values()), None)
        if first is not None and first.spin.isEnabled():
            first.spin.setFocus()
            first.spin.selectAll()

    def _load(self, form: DayForm) -> None:
        self.form = form
        self._loading = True
        try:
            self._fill(form)
        finally:
            self._loading = False
        self._dirty = False
        focused = self.focusWidget()
        if isinstance(focused, RatingSpin):
            focused.selectAll()  # another day's value: typing replaces it, as on arriving
        if form.editable:
            self._set_status(self._stored_text(form.check_in))
        else:
            self._set_status(tr("This day is in the future: it can be checked in on the day"))

    def _show_bounds(self) -> None:
        """The date, and how far the buttons and the picker go: never past today."""
        today = self.state.today
        latest, shown = to_qdate(max(today, self.day)), to_qdate(self.day)
        # Set only when they differ: setting the date turns the calendar back to its month.
        self.date_edit.blockSignals(True)
        if self.date_edit.maximumDate() != latest:
            self.date_edit.setMaximumDate(latest)
        if self.date_edit.date() != shown:
            self.date_edit.setDate(shown)
        self.date_edit.blockSignals(False)
        self.title.setText(_day_title(self.day, today))
        self.next_button.setEnabled(self.day < today)
        self.today_button.setEnabled(self.day != today)
        self.remove_button.setEnabled(not self.form.check_in.is_empty)

    def _fill(self, form: DayForm) -> None:
        self._rebuild_ratings(form)
        self._rebuild_adherence(form)
        self._order_tabs()
        check_in = form.check_in
        # Text set only when it differs, so that the cursor stays where it was.
        tags = ", ".join(check_in.tags)
        if self.tags_edit.text() != tags:
            self.tags_edit.setText(tags)
        self.unusual_check.setChecked(check_in.is_unusual)
        if self.unusual_reason.text() != (check_in.unusual or ""):
            self.unusual_reason.setText(check_in.unusual or "")
        self.unusual_reason.setEnabled(check_in.is_unusual)
        if self.note_edit.toPlainText() != check_in.note:
            self.note_edit.setPlainText(check_in.note)
        self.body.setEnabled(form.editable)

    def _rebuild_ratings(self, form: DayForm) -> None:
        if form.metrics != self._rating_metrics:
            while self.ratings_layout.rowCount():
                self.ratings_layout.removeRow(0)
            self.ratings = {}
            for index, metric in enumerate(form.metrics):
                rating = RatingInput(metric, self.ratings_box)
                rating.changed.connect(self._edited)
                hint = tr("lower is better") if metric.better == "lower" else None
                name = metric_label(metric)
                label = RowLabel(name, hint, self.ratings_box, mark=(metric.name, index))
                label.setBuddy(rating.spin)
                self.ratings_layout.addRow(label, rating)
                self.ratings[metric.name] = rating
            self._rating_metrics = form.metrics
        for name, rating in self.ratings.items():
            rating.set_value(form.check_in.ratings.get(name))

    def _rebuild_adherence(self, form: DayForm) -> None:
        if form.experiments != self._adherence_rows:
            while self.adherence_layout.rowCount():
                self.adherence_layout.removeRow(0)
            self.adherence = {}
            for running in form.experiments:
                title = running.experiment.title
                baseline = running.phase is not None and running.phase.kind is PhaseKind.BASELINE
                row = AdherenceInput(title, self.adherence_box, baseline=baseline)
                row.changed.connect(self._edited)
                label = RowLabel(title, _phase_text(running), self.adherence_box)
                self.adherence_layout.addRow(label, row)
                self.adherence[running.id] = row
            self._adherence_rows = form.experiments
        for experiment_id, row in self.adherence.items():
            row.set_value(form.check_in.adherence.get(experiment_id))
        self.adherence_section.setVisible(bool(form.experiments))
        self.no_experiment.setVisible(not form.experiments)

    def _schedule_extras(self) -> None:
        """Calendar marks and tag suggestions: useful, but not needed for the first paint."""
        self._extras_pending = True
        if self._calendar_connected:
            self._show_extras()  # the calendar is open, or has been: mark it now
        else:
            QTimer.singleShot(IDLE_DELAY_MS, self, self._show_extras)

    def _show_extras(self) -> None:
        if not self._extras_pending or not self.isVisible():
            return  # a hidden page catches up when it is shown again
        self._extras_pending = False
        if self.state.calendar != self._marked:
            self._mark_calendar(self.state.calendar)
        if self.state.tag_suggestions != self._suggested:
            self._suggested = self.state.tag_suggestions
            self.tag_completer.set_tags(self._suggested)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._extras_pending:
            QTimer.singleShot(IDLE_DELAY_MS, self, self._show_extras)

    def _order_tabs(self) -> None:
        """Tab goes down the page: date, ratings, experiments, tags, unusual day, note."""
        chain: list[QWidget] = [
            self.prev_button,
            self.date_edit,
            self.next_button,
            self.today_button,
            *(r.spin for r in self.ratings.values()),
            *(radio for row in self.adherence.values() for radio in row.radios.values()),
            self.tags_edit,
            self.unusual_check,
            self.unusual_reason,
            self.note_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        first_rating = next(iter(self.ratings.values()), None)
        self.setFocusProxy(first_rating.spin if first_rating else self.note_edit)

    def _mark_calendar(self, marks: CalendarMarks) -> None:
        """Bold the days of the calendar's page that have a check-in."""
        calendar = self.date_edit.calendarWidget()
        if not self._calendar_connected:
            calendar.currentPageChanged.connect(self._month_turned)
            self._calendar_connected = True
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date: clear them all
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontUnderline(True)
        for day in marks.checked:
            calendar.setDateTextFormat(to_qdate(day), bold)
        self._marked = marks

    def _month_turned(self, year: int, month: int) -> None:
        if (year, month) != (self.state.calendar.year, self.state.calendar.month):
            self.month_requested.emit(year, month)

    # --- navigation -----------------------------------------------------------

    def go(self, days: int) -> None:
        """The day ``days`` after the one shown (before, if negative); never past today."""
        target = self.day + dt.timedelta(days=days)
        if target <= self.state.today:
            self.show_day(target)

    def go_today(self) -> None:
        if self._may_leave():
            self.today_requested.emit()

    def show_day(self, day: dt.date) -> None:
        """Ask for ``day``, once the edits of the day shown are stored."""
        if self._may_leave():
            self.day_requested.emit(day)

    def _may_leave(self) -> bool:
        """Store a pending edit first; a day whose edit was refused stays on screen."""
        return not self._dirty or self.save()

    def _date_picked(self, value: QDate) -> None:
        day = from_qdate(value)
        if day == self.day:
            return
        if self._may_leave():
            self.day_requested.emit(min(day, self.state.today))
        else:
            self._show_bounds()  # the picker goes back to the day still shown

    # --- editing and saving -----------------------------------------------------

    def _unusual_toggled(self, checked: bool) -> None:
        self.unusual_reason.setEnabled(checked)
        if checked and not self._loading:
            self.unusual_reason.setFocus()
        self._edited()

    def _edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._set_status(tr("Editing…"))
        self._timer.start()

    def current(self) -> CheckIn:
        """The check-in as shown on screen (with what the form does not show, as stored)."""
        stored = self.form.check_in
        ratings = {n: v for n, r in self.ratings.items() if (v := r.value()) is not None}
        ratings.update({n: v for n, v in stored.ratings.items() if n not in self.ratings})
        adherence = {k: v for k, v in stored.adherence.items() if k not in self.adherence}
        adherence.update({k: m for k, a in self.adherence.items() if (m := a.value()) is not None})
        tags = tuple(t for t in (p.strip() for p in self.tags_edit.text().split(",")) if t)
        unusual = self.unusual_reason.text().strip() if self.unusual_check.isChecked() else None
        return CheckIn(
            self.day,
            ratings=ratings,
            adherence=adherence,
            tags=tags,
            note=self.note_edit.toPlainText(),
            unusual=unusual,
        )

    def save(self) -> bool:
        """Ask to store what is on screen; whether it was stored (the answer comes at once)."""
        self._timer.stop()
        self._stored = None
        self.save_requested.emit(self.current())
        return self._stored is True

    def remove_day(self) -> bool:
        """Ask once, then ask for the day's check-in to be removed (edits not saved go too)."""
        if self.form.check_in.is_empty:
            return False
        text = tr("Remove the check-in of {day}: its ratings, marks, tags and note?").format(
            day=day_words(self.day)
        )
        if self._dirty:
            text += " " + tr("The changes not saved yet go too.")
        if not confirm.ask_to_remove(self, tr("Remove this day"), text):
            return False
        self._timer.stop()
        self._dirty = False
        self._stored = None
        self.remove_requested.emit(self.day)
        return self._stored is not False

    def show_saved(self, stored: CheckIn) -> None:
        """The answer to a save request: the day as it is now stored."""
        self._stored = True
        self.form = replace(self.form, check_in=stored)
        self._dirty = False
        self._set_status(tr("Saved ✓"))

    def show_problem(self, error: WliError) -> None:
        """The answer to a save request that was refused: the edits stay, and why is said."""
        self._stored = False
        self._set_status(tr("Not saved: {error}").format(error=error), problem=True)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _stored_text(self, check_in: CheckIn) -> str:
        return tr("Not checked in yet") if check_in.is_empty else tr("Saved ✓")

    def _set_status(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        show_as_problem(self.status, problem)


def _day_title(day: dt.date, today: dt.date) -> str:
    """The page's title: the day as one says it."""
    if day == today:
        return tr("Today")
    if day == today - dt.timedelta(days=1):
        return tr("Yesterday")
    return day_words(day)


def _phase_text(running: RunningExperiment) -> str:
    """Where the experiment stands that day: 'baseline A1: the usual way', 'routine'."""
    phase = running.phase
    if phase is None:
        return tr(EXPERIMENT_STATUS_WORDS[Status.ROUTINE]).lower()
    return tr("{phase} {label}: {meaning}").format(
        phase=tr(PHASE_WORDS[phase.kind]).lower(),
        label=phase.label,
        meaning=tr(PHASE_MEANING[phase.kind]),
    )
