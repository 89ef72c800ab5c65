"""The Today page's controller: which day is shown, storing it, one state per change.

It keeps the day and the calendar month shown, so a rebuild after any write (this
page's, another page's, an import) shows the same day; the page itself decides
whether the new state may replace what is on screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core.model.entities import CheckIn
from ...core.model.errors import WliError
from ...core.present.today import build_today_state
from ...core.services.journal import Journal
from ..today_page import TodayPage
from .refresh import OncePerChange


class TodayController(QObject):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        self.journal = journal
        self.day = journal.today()
        self.month: tuple[int, int] | None = None  # None: the month of the day shown
        page = TodayPage(build_today_state(journal, self.day), parent)
        super().__init__(page)
        self.page = page
        page.day_requested.connect(self.show_day)
        page.today_requested.connect(lambda: self.show_day(journal.today()))
        page.month_requested.connect(self.show_month)
        page.save_requested.connect(self.save)
        page.remove_requested.connect(self.remove)
        self.refresher = OncePerChange(page, self.refresh)
        self.refresher.follow(journal.changed)

    def refresh(self) -> None:
        self.page.set_state(build_today_state(self.journal, self.day, self.month))

    def show_day(self, day: dt.date) -> None:
        """``day``, or today for a day not come yet."""
        self.day = min(day, self.journal.today())
        self.month = None
        self.refresher.now()

    def show_month(self, year: int, month: int) -> None:
        self.month = (year, month)
        self.refresher.now()

    def save(self, check_in: CheckIn) -> None:
        """Store the day; the page hears back the day as stored, or why it was refused.

        The new state follows from the change signal, once for this write.
        """
        try:
            stored = self.journal.check_ins.save(check_in)
        except WliError as error:
            self.page.show_problem(error)
            return
        self.page.show_saved(stored)

    def remove(self, day: dt.date) -> None:
        """Remove the day; the page shows it empty at once (Undo is the window's)."""
        try:
            self.journal.removals.check_in(day)
        except WliError as error:
            self.page.show_problem(error)
            return
        self.refresher.now()
