"""The first-run welcome driven through its real widgets on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard
from pytestqt.qtbot import QtBot

from wlitracker.core import self_check
from wlitracker.core.services.journal import Journal
from wlitracker.core.services.preferences import SelfCheckResult
from wlitracker.core.templates import TEMPLATES
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.welcome import EXTRA_INTENTIONS, WelcomeWizard, intention_choices

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
DIGITS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}


@pytest.fixture
def sqlite_journal(sqlite_repo: SqliteRepository, today: dt.date) -> Journal:
    return Journal(sqlite_repo, lambda: today)


@pytest.fixture
def changes(sqlite_journal: Journal) -> list[int]:
    """One entry per change the journal announces, to prove nothing was written."""
    seen: list[int] = []
    sqlite_journal.changed.connect(lambda: seen.append(1))
    return seen


def _wizard(qtbot: QtBot, journal: Journal) -> WelcomeWizard:
    wizard = WelcomeWizard(journal.welcome)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitActive(wizard)
    return wizard


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_intentions_combine_the_ideas_and_the_usual_examples() -> None:
    choices = intention_choices()
    assert len(choices) == len(set(choices))
    assert set(EXTRA_INTENTIONS) <= set(choices)
    assert {t.intention for t in TEMPLATES} <= set(choices)


def test_the_first_run_lands_everything_in_the_database(
    qtbot: QtBot,
    sqlite_journal: Journal,
    sqlite_repo: SqliteRepository,
    today: dt.date,
) -> None:
    wizard = _wizard(qtbot, sqlite_journal)
    page = wizard.intentions_page
    less_stress = page.checks["Less stress"]
    QTest.mouseClick(
        less_stress,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(8, less_stress.height() // 2),
    )
    page.checks["Caring for family"].setFocus()
    QTest.keyClick(page.checks["Caring for family"], Qt.Key.Key_Space)
    QTest.keyClicks(page.other_edit, "  More time   for music ")
    QTest.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.self_check_page

    answers = [4, 2, 5, 3, 4, 2, 4]
    widget = wizard.self_check_widget
    qtbot.waitUntil(lambda: widget.first_button().hasFocus())
    for answer in answers:
        QTest.keyClick(_focused(), DIGITS[answer])
    assert widget.complete_answers() == tuple(answers)
    label, text = self_check.describe(self_check.score(answers))
    assert widget.result_title.text() == label
    assert widget.result_text.text() == text
    QTest.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)

    assert wizard.currentPage() is wizard.ideas_page
    qtbot.waitUntil(wizard.ideas_page.ideas.hasFocus)
    assert wizard.ideas_page.chosen_key() is None  # "Not now" is the gentle default
    QTest.keyClick(wizard.ideas_page.ideas, Qt.Key.Key_Down)
    assert wizard.ideas_page.chosen_key() == TEMPLATES[0].key
    assert TEMPLATES[0].shift in wizard.ideas_page.details.text()
    QTest.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)

    assert wizard.currentPage() is wizard.reminder_page
    reminder = wizard.reminder_page.reminder
    assert reminder.value() == dt.time(21, 0)
    reminder.time_edit.setTime(QTime(20, 30))
    assert TEMPLATES[0].title in wizard.reminder_page.summary.text()
    assert label in wizard.reminder_page.summary.text()
    assert sqlite_repo.list_experiments() == []  # nothing is written before Finish
    QTest.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    prefs = Journal(sqlite_repo, lambda: today).preferences
    assert prefs.intentions() == ["Less stress", "Caring for family", "More time for music"]
    assert prefs.self_check() == SelfCheckResult(tuple(answers), self_check.score(answers), today)
    assert prefs.reminder_time() == dt.time(20, 30)
    assert prefs.welcome_done()
    [experiment] = sqlite_repo.list_experiments()
    assert experiment.template == TEMPLATES[0].key
    assert experiment.schedule.start == today


def test_arrow_keys_change_an_answer_and_tab_moves_on(
    qtbot: QtBot, sqlite_journal: Journal
) -> None:
    wizard = _wizard(qtbot, sqlite_journal)
    wizard.next()
    widget = wizard.self_check_widget
    qtbot.waitUntil(lambda: widget.first_button().hasFocus())
    QTest.keyClick(_focused(), Qt.Key.Key_Right)
    QTest.keyClick(_focused(), Qt.Key.Key_Right)
    QTest.keyClick(_focused(), Qt.Key.Key_Space)
    assert widget.answers()[0] == 3
    QTest.keyClick(_focused(), Qt.Key.Key_Right)
    assert widget.answers()[0] == 4
    QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() in widget.groups[1].buttons()
    assert widget.result_title.text() == "1 of 7 answered"


def test_finishing_with_nothing_chosen_stores_only_the_basics(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository
) -> None:
    wizard = _wizard(qtbot, sqlite_journal)
    wizard.self_check_widget.set_answers([3, 3, None, 3, 3, 3, 3])
    for _ in range(3):
        wizard.next()
    wizard.reminder_page.reminder.off_check.setChecked(True)
    assert not wizard.reminder_page.reminder.time_edit.isEnabled()
    wizard.button(FINISH).click()
    prefs = sqlite_journal.preferences
    assert prefs.intentions() == []
    assert prefs.self_check() is None
    assert prefs.reminder_time() is None
    assert prefs.welcome_done()
    assert sqlite_repo.list_experiments() == []


def test_skip_marks_the_welcome_done_and_writes_nothing_else(
    qtbot: QtBot,
    sqlite_journal: Journal,
    sqlite_repo: SqliteRepository,
    changes: list[int],
) -> None:
    before = sqlite_repo.settings()
    wizard = _wizard(qtbot, sqlite_journal)
    wizard.intentions_page.checks["Less stress"].setChecked(True)
    wizard.next()
    wizard.self_check_widget.set_answers([5] * 7)
    assert wizard.skip_button.isVisible()
    assert wizard.skip_button.text() == "&Skip"
    QTest.mouseClick(wizard.skip_button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert sqlite_repo.settings() == {**before, "welcome_done": "yes"}
    assert sqlite_repo.list_experiments() == []
    assert changes == [1]


def test_escape_counts_as_skip(
    qtbot: QtBot, sqlite_journal: Journal, sqlite_repo: SqliteRepository
) -> None:
    wizard = _wizard(qtbot, sqlite_journal)
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert sqlite_journal.preferences.welcome_done()
    assert sqlite_repo.list_experiments() == []


def test_demo_data_asks_for_the_demo_and_writes_nothing(
    qtbot: QtBot,
    sqlite_journal: Journal,
    sqlite_repo: SqliteRepository,
    changes: list[int],
) -> None:
    before = sqlite_repo.settings()
    wizard = _wizard(qtbot, sqlite_journal)
    wizard.intentions_page.checks["Less stress"].setChecked(True)
    button = wizard.intentions_page.demo_button
    assert button.isVisible()
    with qtbot.waitSignal(wizard.demo_requested, timeout=1000):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    assert changes == []
    assert sqlite_repo.settings() == before
    assert not sqlite_journal.preferences.welcome_done()


def test_controls_have_accessible_names(qtbot: QtBot, sqlite_journal: Journal) -> None:
    wizard = _wizard(qtbot, sqlite_journal)
    widget = wizard.self_check_widget
    buttons = [b for group in widget.groups for b in group.buttons()]
    assert len(buttons) == 35
    assert all(b.accessibleName() for b in buttons)
    assert buttons[0].accessibleName() == "Strongly disagree, statement 1"
    assert wizard.ideas_page.ideas.accessibleName()
    assert wizard.reminder_page.reminder.time_edit.accessibleName() == "Reminder time"
    assert all(check.accessibleName() for check in wizard.intentions_page.checks.values())
