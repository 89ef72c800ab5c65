"""The check-in page driven through its real widgets on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from wlitracker.core import schedules
from wlitracker.core.journal import Journal
from wlitracker.core.models import Adherence, CheckIn, Experiment
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.today_page import TodayPage


@pytest.fixture
def sqlite_journal(sqlite_repo: SqliteRepository, today: dt.date) -> Journal:
    return Journal(sqlite_repo, lambda: today)


def _page(qtbot: QtBot, journal: Journal) -> TodayPage:
    page = TodayPage(journal)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_keyboard_only_check_in_lands_in_the_database(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.setFocus()
    qtbot.waitUntil(page.ratings["satisfaction"].spin.hasFocus)
    qtbot.wait(10)
    focused = page.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "7")
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    guilt = page.focusWidget()
    assert guilt is page.ratings["guilt"].spin
    qtbot.wait(10)
    qtbot.keyClicks(guilt, "3")
    qtbot.keyClick(guilt, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None
    assert dict(stored.ratings) == {"satisfaction": 7, "guilt": 3}
    assert page.status.text().startswith("Saved")


def test_edits_save_themselves_after_a_pause(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.ratings["guilt"].buttons.button(2).click()
    assert page.status.text() == "Editing…"
    qtbot.waitUntil(lambda: sqlite_repo.get_check_in(today) is not None, timeout=3000)
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None and dict(stored.ratings) == {"guilt": 2}
    assert page.status.text().startswith("Saved")


def test_an_empty_rating_stays_missing(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    sqlite_journal.check_ins.update(today, ratings={"satisfaction": 6, "guilt": 4})
    page = _page(qtbot, sqlite_journal)
    assert page.ratings["satisfaction"].value() == 6
    page.ratings["guilt"].clear_button.click()
    page.note_edit.setPlainText("quiet day")
    assert page.save()
    stored = sqlite_repo.get_check_in(today)
    assert stored == CheckIn(today, ratings={"satisfaction": 6}, note="quiet day")


def test_editing_a_past_day(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    yesterday = today - dt.timedelta(days=1)
    sqlite_journal.check_ins.update(yesterday, ratings={"satisfaction": 3}, note="rough")
    page = _page(qtbot, sqlite_journal)
    assert not page.next_button.isEnabled()
    page.setFocus()
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.day == yesterday
    assert page.ratings["satisfaction"].value() == 3
    assert page.note_edit.toPlainText() == "rough"
    page.ratings["satisfaction"].buttons.button(5).click()
    page.tags_edit.setText("family dinner, gym")
    page.unusual_check.setChecked(True)
    page.unusual_reason.setText("ill")
    assert page.save()
    stored = sqlite_repo.get_check_in(yesterday)
    assert stored == CheckIn(
        yesterday,
        ratings={"satisfaction": 5},
        tags=("family dinner", "gym"),
        note="rough",
        unusual="ill",
    )
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.day == today
    assert page.ratings["satisfaction"].value() is None


def test_future_days_cannot_be_reached(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.go(1)
    assert page.day == today
    assert page.date_edit.maximumDate().toPython() == today


def test_leaving_a_day_saves_its_pending_edits(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.ratings["satisfaction"].buttons.button(8).click()
    page.go(-1)
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None and stored.ratings["satisfaction"] == 8


def test_experiment_rows_record_adherence(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    experiment = sqlite_journal.experiments.create(
        Experiment(title="Midday walk", schedule=schedules.ab(2, 5, today - dt.timedelta(days=3)))
    )
    assert experiment.id is not None
    page = _page(qtbot, sqlite_journal)
    row = page.adherence[experiment.id]
    row.radios[Adherence.PARTLY].click()
    assert page.save()
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None and stored.adherence == {experiment.id: Adherence.PARTLY}


def test_a_problem_keeps_the_edits_and_says_so(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.tags_edit.setText("x" * 100)
    assert not page.save()
    assert "Not saved" in page.status.text()
    assert page.tags_edit.text() == "x" * 100
    assert sqlite_repo.get_check_in(today) is None


def test_calendar_marks_days_with_a_check_in(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date
) -> None:
    from PySide6.QtCore import QDate

    marked = today - dt.timedelta(days=2)
    sqlite_journal.check_ins.update(marked, ratings={"guilt": 1})
    page = _page(qtbot, sqlite_journal)
    qtbot.waitUntil(lambda: not page._extras_pending)
    calendar = page.date_edit.calendarWidget()
    as_q = QDate(marked.year, marked.month, marked.day)
    other = as_q.addDays(1)
    assert calendar.dateTextFormat(as_q).font().bold()
    assert not calendar.dateTextFormat(other).font().bold()


def test_an_imported_fraction_is_shown_and_kept_when_the_day_is_edited(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    mood = sqlite_journal.metrics.add("mood", 1, 5, "higher")
    day = today - dt.timedelta(days=1)
    sqlite_repo.save_check_in(CheckIn(day, ratings={"mood": 11 / 3, "satisfaction": 3.5}))
    page = _page(qtbot, sqlite_journal)
    page.load(day)

    rating = page.ratings[mood.name]
    assert rating.spin.text() == "3.67"
    assert page.ratings["satisfaction"].spin.text() == "3.5"
    assert rating.value() == 11 / 3
    assert not any(button.isChecked() for button in rating.buttons.buttons())
    assert "as imported" in rating.spin.toolTip()
    page.note_edit.setPlainText("edited later")
    assert page.save(), page.status.text()
    stored = sqlite_repo.get_check_in(day)
    assert stored is not None
    assert dict(stored.ratings) == {"satisfaction": 3.5, "mood": 11 / 3}
    assert stored.note == "edited later"

    rating.spin.stepBy(1)  # from 3.67, the next whole number up
    assert rating.value() == 4 and rating.spin.text() == "4"
    page.ratings["satisfaction"].spin.stepBy(-1)
    assert page.ratings["satisfaction"].value() == 3
    assert page.save(), page.status.text()
    stored = sqlite_repo.get_check_in(day)
    assert stored is not None and dict(stored.ratings) == {"satisfaction": 3, "mood": 4}


def test_a_fraction_typed_by_hand_is_refused_with_a_clear_line(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.ratings["satisfaction"].spin.setValue(6.5)
    assert not page.save()
    assert "whole number" in page.status.text()
    assert sqlite_repo.get_check_in(today) is None


def test_a_day_that_became_the_future_is_refused_in_the_window(
    qtbot: QtBot, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    """The page opened on a day the local date has since moved back from (a time zone
    change westwards): saving it is refused, plainly, and nothing is stored."""
    now = [today + dt.timedelta(days=1)]
    journal = Journal(sqlite_repo, lambda: now[0])
    page = _page(qtbot, journal)
    assert page.day == today + dt.timedelta(days=1)
    now[0] = today

    page.ratings["satisfaction"].buttons.button(6).click()
    assert not page.save()

    tomorrow = today + dt.timedelta(days=1)
    assert page.status.text() == (f"Not saved: date: {tomorrow} is in the future; today is {today}")
    assert sqlite_repo.get_check_in(tomorrow) is None
    assert page.has_unsaved_changes()  # the edit stays on screen, said to be unsaved
