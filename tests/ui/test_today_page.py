"""The check-in page driven through its real widgets on a real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, CheckIn, Experiment
from wlitracker.core.present.today import TodayState
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.controllers.today import TodayController
from wlitracker.ui.today_page import TodayPage


@pytest.fixture
def sqlite_journal(sqlite_repo: SqliteRepository, today: dt.date) -> Journal:
    return Journal(sqlite_repo, lambda: today)


def _page(qtbot: QtBot, journal: Journal) -> TodayPage:
    page = TodayController(journal).page
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
    page.show_day(day)

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


def test_a_write_elsewhere_shows_on_the_page(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    assert page.status.text() == "Not checked in yet"
    sqlite_journal.check_ins.update(today, ratings={"guilt": 4}, add_tags=["gym"])
    qtbot.waitUntil(lambda: page.ratings["guilt"].value() == 4)
    assert page.tags_edit.text() == "gym"
    assert page.status.text().startswith("Saved")
    assert "journal" not in vars(page)  # it shows states; the controller holds the journal


def test_a_write_elsewhere_never_replaces_what_is_being_typed(
    qtbot: QtBot,
    sqlite_journal: Journal,
    sqlite_repo: SqliteRepository,
    db_path: Path,
    today: dt.date,
) -> None:
    """Another page adds a metric, and another process writes this very day, while the
    person types: the edits stay on screen and are stored; what came meanwhile shows
    once they are."""
    page = _page(qtbot, sqlite_journal)
    page.ratings["satisfaction"].buttons.button(8).click()
    page.note_edit.setFocus()
    qtbot.keyClicks(page.note_edit, "half a thought")
    cursor = page.note_edit.textCursor().position()

    elsewhere = SqliteRepository(open_database(db_path), db_path)
    try:
        Journal(elsewhere, lambda: today).check_ins.update(today, ratings={"guilt": 9})
    finally:
        elsewhere.close()
    sqlite_journal.metrics.add("energy", 1, 5, "higher")  # the change signal of this window
    qtbot.wait(50)

    assert page.has_unsaved_changes()
    assert page.ratings["satisfaction"].value() == 8
    assert page.note_edit.toPlainText() == "half a thought"
    assert page.note_edit.textCursor().position() == cursor
    assert "energy" not in page.ratings

    assert page.save()
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None
    assert (dict(stored.ratings), stored.note) == ({"satisfaction": 8}, "half a thought")
    qtbot.waitUntil(lambda: "energy" in page.ratings)
    assert page.ratings["satisfaction"].value() == 8
    assert page.note_edit.textCursor().position() == cursor
    assert page.status.text().startswith("Saved")


def test_each_change_builds_one_state(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wlitracker.core.present.today import build_today_state as real
    from wlitracker.ui.controllers import today as controller_module

    page = _page(qtbot, sqlite_journal)
    built: list[dt.date] = []

    def counted(journal: Journal, day: dt.date, month: tuple[int, int] | None = None) -> TodayState:
        built.append(day)
        return real(journal, day, month)

    monkeypatch.setattr(controller_module, "build_today_state", counted)
    page.ratings["guilt"].buttons.button(3).click()
    assert page.save()
    qtbot.wait(50)
    assert built == [today]  # the save's one change

    sqlite_journal.check_ins.update(today - dt.timedelta(days=3), ratings={"guilt": 1})
    sqlite_journal.check_ins.update(today - dt.timedelta(days=4), ratings={"guilt": 2})
    qtbot.wait(50)
    assert built == [today, today]  # two writes in one turn: one rebuild


def test_a_refused_edit_keeps_its_day_when_another_is_picked(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date
) -> None:
    page = _page(qtbot, sqlite_journal)
    page.tags_edit.setText("x" * 100)
    page.tags_edit.textEdited.emit(page.tags_edit.text())
    page.date_edit.setDate(page.date_edit.date().addDays(-1))
    assert page.day == today
    assert page.date_edit.date().toPython() == today
    assert "Not saved" in page.status.text()
    assert page.tags_edit.text() == "x" * 100


def test_today_is_asked_for_afresh(
    qtbot: QtBot, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    """Left open overnight, Ctrl+T goes to the new day, not to the one the page was opened on."""
    now = [today]
    journal = Journal(sqlite_repo, lambda: now[0])
    page = _page(qtbot, journal)
    page.go(-1)
    now[0] = today + dt.timedelta(days=1)
    page.setFocus()
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.day == today + dt.timedelta(days=1)
    assert not page.next_button.isEnabled()


def test_the_calendar_turned_to_another_month_marks_its_days(
    qtbot: QtBot, sqlite_journal: Journal, today: dt.date
) -> None:
    from PySide6.QtCore import QDate

    in_january = dt.date(today.year, 1, 20)
    sqlite_journal.check_ins.update(in_january, ratings={"guilt": 1})
    page = _page(qtbot, sqlite_journal)
    qtbot.waitUntil(lambda: not page._extras_pending)
    calendar = page.date_edit.calendarWidget()
    as_q = QDate(in_january.year, in_january.month, in_january.day)
    assert not calendar.dateTextFormat(as_q).font().bold()  # not on March's page
    calendar.setCurrentPage(today.year, 1)
    assert calendar.dateTextFormat(as_q).font().bold()
    assert page.day == today
    assert page.state.calendar.month == 1


def test_a_day_that_is_in_the_future_is_shown_but_not_editable(
    qtbot: QtBot, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    now = [today + dt.timedelta(days=1)]
    journal = Journal(sqlite_repo, lambda: now[0])
    page = _page(qtbot, journal)
    now[0] = today  # the clock moved back (a time zone westwards)
    journal.check_ins.update(today, ratings={"guilt": 1})  # any change rebuilds the state
    qtbot.waitUntil(lambda: not page.body.isEnabled())
    assert page.day == today + dt.timedelta(days=1)
    assert "future" in page.status.text()
    assert page.today_button.isEnabled()
    page.go_today()
    assert page.day == today and page.body.isEnabled()


def test_moving_a_day_puts_the_cursor_on_the_first_rating(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    """Typing "5" after Alt+Left rates the day before; it never lands in its note."""
    page = _page(qtbot, journal)
    page.note_edit.setFocus()
    qtbot.waitUntil(page.note_edit.hasFocus)
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.day == today - dt.timedelta(days=1))
    first = next(iter(page.ratings.values())).spin
    assert first.hasFocus()
    qtbot.keyClicks(first, "5")
    assert page.note_edit.toPlainText() == ""
    assert first.value() == 5


def test_a_baseline_day_says_to_live_as_usual_instead_of_asking(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    from wlitracker.core.templates import template

    draft = template("short-breaks").to_experiment(today - dt.timedelta(days=2))  # in its baseline
    made = journal.experiments.create(draft)
    assert made.id is not None
    page = _page(qtbot, journal)
    row = page.adherence[made.id]
    assert row.baseline and row.radios == {}
    texts = [label.text() for label in row.findChildren(QLabel)]
    assert any("live as usual" in text for text in texts)
    page.save()
    assert journal.check_ins.get(today).adherence.get(made.id) is None  # nothing marked for it


def test_metrics_are_labelled_as_typed_and_built_in_ones_capitalised(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository, today: dt.date
) -> None:
    sqlite_journal.metrics.add("Sleep Hours", 0, 12, "higher")
    page = _page(qtbot, sqlite_journal)
    from wlitracker.ui.style import RowLabel

    labels = page.ratings_box.findChildren(RowLabel)
    assert [(label.name, label.hint) for label in labels[:3]] == [
        ("Satisfaction", None),
        ("Guilt", "lower is better"),
        ("Sleep Hours", None),
    ]
    assert "Sleep Hours" in labels[2].text()
    sleep = page.ratings["sleep hours"]
    assert sleep.spin.accessibleName() == "Sleep Hours rating"
    sleep.spin.setValue(7)
    assert page.save()
    stored = sqlite_repo.get_check_in(today)
    assert stored is not None and dict(stored.ratings) == {"sleep hours": 7}
