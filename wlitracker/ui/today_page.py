"""The daily check-in: one day's ratings, adherence, tags, unusual-day flag and note.

Edits save themselves shortly after the last change (Ctrl+S saves at once);
the status line always says whether what is on screen is stored.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.checkins import DayForm
from ..core.errors import WliError
from ..core.journal import Journal
from ..core.models import CheckIn
from .adherence_input import AdherenceInput
from .feedback import tr
from .rating_input import RatingInput

SAVE_DELAY_MS = 600
IDLE_DELAY_MS = 150
TAG_SUGGESTION_DAYS = 120


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TodayPage(QWidget):
    saved = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.day = journal.today()
        self.form: DayForm | None = None
        self.ratings: dict[str, RatingInput] = {}
        self.adherence: dict[int, AdherenceInput] = {}
        self._loading = False
        self._dirty = False
        self._extras_pending = False
        self._calendar_connected = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self._build()
        self.load(self.day)

    # --- layout -------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        nav = QHBoxLayout()
        self.prev_button = QPushButton(tr("◀ &Previous"), self)
        self.prev_button.setToolTip(tr("Previous day (Alt+Left)"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, d MMMM yyyy")
        self.date_edit.setAccessibleName(tr("Check-in date"))
        self.date_edit.setMinimumWidth(220)
        self.next_button = QPushButton(tr("&Next ▶"), self)
        self.next_button.setToolTip(tr("Next day (Alt+Right)"))
        self.today_button = QPushButton(tr("T&oday"), self)
        self.today_button.setToolTip(tr("Back to today (Ctrl+T)"))
        self.status = QLabel(self)
        self.status.setAccessibleName(tr("Save status"))
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            nav.addWidget(widget)
        nav.addStretch(1)
        nav.addWidget(self.status)
        outer.addLayout(nav)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        self.ratings_box = QGroupBox(tr("How was this day?"), body)
        self.ratings_layout = QFormLayout(self.ratings_box)
        self.body_layout.addWidget(self.ratings_box)
        self.adherence_box = QGroupBox(tr("Did you do it today?"), body)
        self.adherence_layout = QFormLayout(self.adherence_box)
        self.body_layout.addWidget(self.adherence_box)

        more = QGroupBox(tr("Notes"), body)
        more_layout = QFormLayout(more)
        self.tags_edit = QLineEdit(more)
        self.tags_edit.setPlaceholderText(tr("comma-separated, e.g. gym, family dinner"))
        self.tags_edit.setAccessibleName(tr("Tags"))
        tags_label = QLabel(tr("T&ags"), more)
        tags_label.setBuddy(self.tags_edit)
        more_layout.addRow(tags_label, self.tags_edit)
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
        self.note_edit.setMinimumHeight(90)
        note_label = QLabel(tr("No&te"), more)
        note_label.setBuddy(self.note_edit)
        more_layout.addRow(note_label, self.note_edit)
        self.body_layout.addWidget(more)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.today_button.clicked.connect(self.go_today)
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

    # --- loading ------------------------------------------------------------

    def load(self, day: dt.date) -> None:
        """Show ``day``, saving any pending edit of the day shown before."""
        if self._dirty and not self.save():
            return
        self.day = day
        form = self.journal.check_ins.form(day)
        self.form = form
        self._loading = True
        try:
            self._fill(form)
        finally:
            self._loading = False
        self._dirty = False
        self._set_status(self._stored_text(form.check_in))

    def _fill(self, form: DayForm) -> None:
        today = self.journal.today()
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setDate(to_qdate(form.check_in.date))
        self.date_edit.blockSignals(False)
        self.next_button.setEnabled(form.check_in.date < today)
        self.today_button.setEnabled(form.check_in.date != today)
        self._rebuild_ratings(form)
        self._rebuild_adherence(form)
        self._order_tabs()
        self.tags_edit.setText(", ".join(form.check_in.tags))
        self.unusual_check.setChecked(form.check_in.is_unusual)
        self.unusual_reason.setText(form.check_in.unusual or "")
        self.unusual_reason.setEnabled(form.check_in.is_unusual)
        if self.note_edit.toPlainText() != form.check_in.note:
            self.note_edit.setPlainText(form.check_in.note)
        self._extras_pending = True
        QTimer.singleShot(IDLE_DELAY_MS, self, self._load_extras)

    def _rebuild_ratings(self, form: DayForm) -> None:
        names = [m.name for m in form.metrics]
        if names != list(self.ratings):
            while self.ratings_layout.rowCount():
                self.ratings_layout.removeRow(0)
            self.ratings = {}
            for metric in form.metrics:
                rating = RatingInput(metric, self.ratings_box)
                rating.changed.connect(self._edited)
                hint = tr("lower is better") if metric.better == "lower" else ""
                label = QLabel(metric.name.capitalize(), self.ratings_box)
                label.setBuddy(rating.spin)
                label.setToolTip(hint)
                if hint:
                    label.setText(f"{metric.name.capitalize()} <small>({hint})</small>")
                self.ratings_layout.addRow(label, rating)
                self.ratings[metric.name] = rating
        for name, rating in self.ratings.items():
            rating.set_value(form.check_in.ratings.get(name))

    def _rebuild_adherence(self, form: DayForm) -> None:
        while self.adherence_layout.rowCount():
            self.adherence_layout.removeRow(0)
        self.adherence = {}
        for running in form.experiments:
            title = running.experiment.title
            phase = running.phase
            if phase is None:
                detail = tr("routine")
            elif phase.kind.value == "baseline":
                detail = tr("baseline {label}: the usual way").format(label=phase.label)
            else:
                detail = tr("trial {label}").format(label=phase.label)
            row = AdherenceInput(title, self.adherence_box)
            row.set_value(form.check_in.adherence.get(running.id))
            row.changed.connect(self._edited)
            label = QLabel(f"{title} <small>({detail})</small>", self.adherence_box)
            label.setWordWrap(True)
            self.adherence_layout.addRow(label, row)
            self.adherence[running.id] = row
        self.adherence_box.setVisible(bool(form.experiments))

    def _load_extras(self) -> None:
        """Calendar marks and tag suggestions: useful, but not needed for the first paint."""
        if not self._extras_pending or not self.isVisible():
            return  # a hidden page catches up when it is shown again
        self._extras_pending = False
        self._mark_month(self.day.year, self.day.month)
        since = self.day - dt.timedelta(days=TAG_SUGGESTION_DAYS)
        tags = sorted({t for c in self.journal.check_ins.history(since, self.day) for t in c.tags})
        self.tags_edit.setCompleter(QCompleter(tags, self.tags_edit))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._extras_pending:
            QTimer.singleShot(IDLE_DELAY_MS, self, self._load_extras)

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

    def _mark_month(self, year: int, month: int) -> None:
        """Bold the days of the visible month that have a check-in."""
        calendar = self.date_edit.calendarWidget()
        if not self._calendar_connected:
            calendar.currentPageChanged.connect(self._mark_month)
            self._calendar_connected = True
        first = dt.date(year, month, 1) - dt.timedelta(days=7)
        last = dt.date(year, month, 28) + dt.timedelta(days=14)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontUnderline(True)
        plain = QTextCharFormat()
        checked = self.journal.check_ins.dates(first, last)
        day = first
        while day <= last:
            calendar.setDateTextFormat(to_qdate(day), bold if day in checked else plain)
            day += dt.timedelta(days=1)

    # --- navigation -----------------------------------------------------------

    def go(self, days: int) -> None:
        target = self.day + dt.timedelta(days=days)
        if target <= self.journal.today():
            self.load(target)

    def go_today(self) -> None:
        self.load(self.journal.today())

    def _date_picked(self, value: QDate) -> None:
        day = from_qdate(value)
        if day != self.day:
            self.load(min(day, self.journal.today()))

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
        """The check-in as shown on screen."""
        assert self.form is not None
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
        """Store what is on screen; on a problem, keep the edits and say what is wrong."""
        self._timer.stop()
        if self.form is None:
            return True
        try:
            saved = self.journal.check_ins.save(self.current())
        except WliError as error:
            self._set_status(tr("Not saved: {error}").format(error=error), problem=True)
            return False
        self.form = DayForm(saved, self.form.metrics, self.form.experiments, self.form.editable)
        self._dirty = False
        self._set_status(tr("Saved ✓"))
        self.saved.emit()
        return True

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def refresh(self) -> None:
        """Re-read from the journal unless the user is in the middle of an edit."""
        if self._dirty:
            return
        latest = self.journal.check_ins.form(self.day)
        if latest != self.form:
            self.load(self.day)

    def _stored_text(self, check_in: CheckIn) -> str:
        return tr("Not checked in yet") if check_in.is_empty else tr("Saved ✓")

    def _set_status(self, text: str, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b; font-weight: bold;" if problem else "")
