"""Removing and undoing in the window, and finding days: a real window on a real journal.

The confirmation is answered by the test (``confirm.ask_to_remove``); everything else is
the window's own widgets, keys and menus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from wlitracker import app
from wlitracker.app import open_journal
from wlitracker.core.model.entities import Adherence, DecisionKind
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.ui import confirm
from wlitracker.ui.controllers.edit import has_text_undo
from wlitracker.ui.experiments_page import ExperimentsPage
from wlitracker.ui.main_window import EXPERIMENTS, SETTINGS, TODAY, TRENDS, MainWindow
from wlitracker.ui.search_bar import SearchBar, excerpt_html, tags_html
from wlitracker.ui.session import Session
from wlitracker.ui.settings_page import SettingsPage


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    QCoreApplication.setOrganizationName("wlitracker-tests")
    QCoreApplication.setApplicationName("wlitracker-tests")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation asked, answered yes."""
    asked: list[str] = []

    def ask(_parent: QWidget | None, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(confirm, "ask_to_remove", ask)
    return asked


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    return shown


@pytest.fixture
def session(tmp_path: Path, today: dt.date) -> Iterator[Session]:
    path = tmp_path / "journal.db"
    journal, repo = open_journal(path)
    journal.context.today = lambda: today
    yield Session(journal, path, None, "9.9")
    repo.close()


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: TODAY in window.pages)
    return window


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(5)  # the change signal's rebuild runs in the next turn of the loop


def test_remove_the_day_then_ctrl_z_from_another_page_brings_it_back(
    qtbot: QtBot, session: Session, today: dt.date, answers: list[str]
) -> None:
    journal = session.journal
    journal.check_ins.update(today, ratings={"satisfaction": 8}, add_tags=["gym"], note="kept")
    window = _window(qtbot, session)
    page = window.today_page
    assert page.remove_button.isEnabled()
    assert not window.edit.undo_action.isEnabled() and window.edit.undo_button.isHidden()

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)

    assert answers == [
        "Remove the check-in of Monday 16 March 2026: its ratings, marks, tags and note?"
    ]
    assert journal.repo.get_check_in(today) is None
    assert page.note_edit.toPlainText() == "" and not page.remove_button.isEnabled()
    assert (
        window.edit.undo_action.text() == "&Undo: Bring back the check-in of Monday 16 March 2026"
    )
    assert window.edit.undo_button.isVisible()
    assert "Undo with Ctrl+Z" in window.statusBar().currentMessage()

    window.show_page(TRENDS)
    qtbot.keyClick(window.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    stored = journal.repo.get_check_in(today)
    assert stored is not None and stored.note == "kept" and stored.tags == ("gym",)
    assert window.current_page() == TODAY  # the day brought back is shown
    _settle(qtbot)
    assert page.note_edit.toPlainText() == "kept"
    assert not window.edit.undo_action.isEnabled()
    assert window.statusBar().currentMessage().startswith("Undone: removed the check-in")


def test_ctrl_z_in_a_field_with_typing_undoes_the_typing_first(
    qtbot: QtBot, session: Session, today: dt.date, answers: list[str]
) -> None:
    journal = session.journal
    journal.check_ins.update(today - dt.timedelta(days=1), note="yesterday")
    window = _window(qtbot, session)
    journal.removals.check_in(today - dt.timedelta(days=1))
    page = window.today_page
    page.tags_edit.setFocus()
    qtbot.keyClicks(page.tags_edit, "walk")
    assert has_text_undo(page.tags_edit) is True
    qtbot.keyClick(page.tags_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.tags_edit.text() == ""  # the typing went, the journal is untouched
    assert journal.repo.get_check_in(today - dt.timedelta(days=1)) is None
    assert has_text_undo(page.tags_edit) is False
    qtbot.keyClick(page.tags_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert journal.repo.get_check_in(today - dt.timedelta(days=1)) is not None


def test_undo_after_the_command_line_wrote_the_day_keeps_the_newer_day(
    qtbot: QtBot,
    session: Session,
    today: dt.date,
    answers: list[str],
    problems: list[str],
    stopped_clock: None,
) -> None:
    journal = session.journal
    journal.check_ins.update(today, note="first")
    window = _window(qtbot, session)
    qtbot.mouseClick(window.today_page.remove_button, Qt.MouseButton.LeftButton)
    assert app.main(["--db", str(session.db_path), "log", "--note", "from the terminal"]) == 0

    window.edit.undo_action.trigger()

    assert len(problems) == 1 and "changed there since" in problems[0]
    stored = journal.repo.get_check_in(today)
    assert stored is not None and stored.note == "from the terminal"
    assert not window.edit.undo_action.isEnabled()


def test_remove_an_experiment_and_a_decision_and_undo_both(
    qtbot: QtBot, session: Session, today: dt.date, answers: list[str]
) -> None:
    journal = session.journal
    start = today - dt.timedelta(days=3)
    made = journal.experiments.create(template("short-breaks").to_experiment(start))
    assert made.id is not None
    journal.check_ins.update(today, adherence={made.id: Adherence.DONE}, note="tried")
    decision = journal.experiments.decide(made.id, DecisionKind.STOP, "Enough")
    window = _window(qtbot, session)
    window.show_page(EXPERIMENTS)
    page = window.page(EXPERIMENTS)
    assert isinstance(page, ExperimentsPage)
    assert f'href="decision:{decision.id}"' in page.detail.history_label.text()

    page.detail.history_label.linkActivated.emit(f"decision:{decision.id}")
    assert "Remove the decision “Stop” of 2026-03-16" in answers[-1]
    assert journal.repo.list_decisions() == []
    assert journal.experiments.view(made.id).is_open
    window.edit.undo()
    assert [d.id for d in journal.repo.list_decisions()] == [decision.id]

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert "Remove “Short breaks" in answers[-1]
    assert journal.repo.list_experiments() == []
    stored = journal.repo.get_check_in(today)
    assert stored is not None and stored.adherence == {} and stored.note == "tried"
    _settle(qtbot)
    assert page.stack.currentIndex() == 0  # no experiments left: the empty page

    window.show_page(SETTINGS)
    window.edit.undo()
    assert window.current_page() == EXPERIMENTS
    _settle(qtbot)
    assert page.selected_id() == made.id
    restored = journal.repo.get_check_in(today)
    assert restored is not None and restored.adherence == {made.id: Adherence.DONE}


def test_settings_removes_a_metrics_ratings_and_tags(
    qtbot: QtBot,
    session: Session,
    today: dt.date,
    answers: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = session.journal
    journal.metrics.add("energy", 0, 10, "higher")
    for offset in range(3):
        journal.check_ins.update(
            today - dt.timedelta(days=offset),
            ratings={"energy": offset, "guilt": 2},
            add_tags=["Gym"] if offset else ["gym", "walk"],
        )
    window = _window(qtbot, session)
    window.show_page(SETTINGS)
    page = window.page(SETTINGS)
    assert isinstance(page, SettingsPage)
    page.select_metric("energy")
    qtbot.mouseClick(page.clear_history_button, Qt.MouseButton.LeftButton)
    assert all("energy" not in c.ratings for c in journal.repo.list_check_ins())
    assert journal.repo.get_metric("energy") is not None

    panel = page.tags_panel
    assert panel is not None
    rows = [
        tuple(panel.view.topLevelItem(i).text(c) for c in range(3))  # type: ignore[union-attr]
        for i in range(panel.view.topLevelItemCount())
    ]
    assert rows == [
        ("Gym", "2", "2026-03-15"),
        ("gym", "1", "2026-03-16"),
        ("walk", "1", "2026-03-16"),
    ]
    panel.select("Gym", "gym")
    assert panel.merge_button.isEnabled() and not panel.rename_button.isEnabled()
    monkeypatch.setattr(confirm, "ask_choice", lambda *_a: "gym")
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    assert [(u.tag, u.days) for u in journal.tags.uses()] == [("gym", 3), ("walk", 1)]
    assert panel.selected() == ["gym"]
    monkeypatch.setattr(confirm, "ask_text", lambda *_a: "sport")
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert [u.tag for u in journal.tags.uses()] == ["sport", "walk"]
    panel.select("walk")
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert "Remove the tag “walk” from its 1 days?" in answers[-1]
    assert [u.tag for u in journal.tags.uses()] == ["sport"]
    for _ in range(4):
        window.edit.undo()
    _settle(qtbot)
    assert [(u.tag, u.days) for u in journal.tags.uses()] == [("Gym", 2), ("gym", 1), ("walk", 1)]
    assert {c.ratings["energy"] for c in journal.repo.list_check_ins()} == {0, 1, 2}
    assert panel.view.topLevelItemCount() == 3


def test_ctrl_f_finds_days_and_enter_opens_one_in_today(
    qtbot: QtBot, session: Session, today: dt.date
) -> None:
    journal: Journal = session.journal
    journal.check_ins.update(
        today - dt.timedelta(days=3), note="A long walk at noon", add_tags=["gym"]
    )
    journal.check_ins.update(
        today - dt.timedelta(days=9), note="Walked & talked <b>", ratings={"guilt": 1}
    )
    window = _window(qtbot, session)
    window.show_page(SETTINGS)
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.edit.search.bar if window.edit.search else None
    assert isinstance(bar, SearchBar) and bar.isVisible() and bar.box.hasFocus()
    assert "Type words" in bar.message.text()

    qtbot.keyClicks(bar.box, "WALK")
    qtbot.waitUntil(lambda: bar.results.topLevelItemCount() == 2)
    assert bar.message.text().startswith("2 days.")
    first = bar.results.topLevelItem(0)
    assert first is not None and first.text(0) == "Friday 13 March 2026"
    assert first.text(2) == "gym"
    assert tags_html(("gym", "late walker", "a&b"), "walk") == "gym, <b>late walker</b>, a&amp;b"
    second = bar.state.hits[1]
    assert excerpt_html(second) == "<b>Walked</b> &amp; talked &lt;b&gt;"

    qtbot.keyClick(bar.box, Qt.Key.Key_Down)
    assert bar.results.hasFocus()
    qtbot.keyClick(bar.results, Qt.Key.Key_Down)
    qtbot.keyClick(bar.results, Qt.Key.Key_Return)
    assert window.current_page() == TODAY
    assert window.today_page.day == today - dt.timedelta(days=9)

    journal.check_ins.update(today, note="walking again")  # a write elsewhere: found at once
    qtbot.waitUntil(lambda: bar.results.topLevelItemCount() == 3)
    qtbot.keyClick(bar.results, Qt.Key.Key_Escape)
    assert bar.isHidden()


def test_search_finds_nothing_for_query_syntax(
    qtbot: QtBot, session: Session, today: dt.date
) -> None:
    session.journal.check_ins.update(today, note="plain")
    window = _window(qtbot, session)
    window.edit.find_action.trigger()
    bar = window.edit.search.bar if window.edit.search else None
    assert bar is not None
    for text in ('"', "NEAR(", "a OR", "*"):
        bar.box.setText(text)
        bar.search_now()
        assert bar.results.topLevelItemCount() == 0


def test_tags_are_suggested_one_at_a_time(qtbot: QtBot, session: Session, today: dt.date) -> None:
    journal = session.journal
    for offset, tags in ((1, ["family dinner", "gym"]), (2, ["gym"]), (3, ["friends"])):
        journal.check_ins.update(today - dt.timedelta(days=offset), add_tags=tags)
    window = _window(qtbot, session)
    page = window.today_page
    qtbot.waitUntil(lambda: page.tag_completer.tags == ("gym", "family dinner", "friends"))
    edit: QLineEdit = page.tags_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "gym, f")
    completer = page.tag_completer
    assert completer.list_model.stringList() == ["family dinner", "friends"]  # gym is there
    assert completer.completionCount() == 2
    completer.insert("friends")
    assert edit.text() == "gym, friends, "
    assert page.has_unsaved_changes()
