"""The Settings page driven through its real widgets on a real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from wlitracker.core import self_check
from wlitracker.core.services.journal import Journal
from wlitracker.core.services.preferences import KEY_DEMO
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.controllers.settings import open_settings
from wlitracker.ui.session import Session
from wlitracker.ui.settings_dialogs import MetricDialog
from wlitracker.ui.settings_page import SettingsPage

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def sqlite_journal(sqlite_repo: SqliteRepository, today: dt.date) -> Journal:
    return Journal(sqlite_repo, lambda: today)


@pytest.fixture
def session(sqlite_journal: Journal, db_path: Path) -> Session:
    return Session(sqlite_journal, db_path, db_path.parent / "wlitracker.log", "9.8.7")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes from ``attempt``, captured instead of blocking the test."""
    shown: list[str] = []

    def warning(_parent: QWidget | None, _title: str, text: str, *_args: object) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def _page(qtbot: QtBot, session: Session) -> SettingsPage:
    page = open_settings(session).page
    qtbot.addWidget(page)
    page.resize(900, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _save(dialog: MetricDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(SAVE)  # type: ignore[union-attr]
    button.click()


def _rows(page: SettingsPage) -> list[list[str]]:
    view = page.metrics_view
    return [
        [view.topLevelItem(row).text(col) for col in range(4)]  # type: ignore[union-attr]
        for row in range(view.topLevelItemCount())
    ]


def test_metrics_are_listed_with_scale_direction_and_status(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    sqlite_journal.metrics.add("stress", 0, 10, "lower")
    sqlite_journal.metrics.add("old habit", 1, 5, "higher")
    sqlite_journal.metrics.set_archived("old habit", True)
    page = _page(qtbot, session)
    assert _rows(page) == [
        ["Satisfaction", "0 to 10", "Higher is better", "built in"],
        ["Guilt", "0 to 10", "Lower is better", "built in"],
        ["stress", "0 to 10", "Lower is better", "in use"],
        ["old habit", "1 to 5", "Higher is better", "archived"],
    ]


@pytest.mark.parametrize("name", ["satisfaction", "guilt"])
def test_built_in_metrics_cannot_be_renamed_or_archived(
    qtbot: QtBot, session: Session, name: str
) -> None:
    page = _page(qtbot, session)
    page.select_metric(name)
    assert not page.rename_button.isEnabled()
    assert not page.archive_button.isEnabled()
    assert page.add_button.isEnabled()
    assert page.rename_metric() is None


def test_adding_a_metric(
    qtbot: QtBot, session: Session, sqlite_journal: Journal, warnings: list[str]
) -> None:
    page = _page(qtbot, session)
    QTest.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.metric_dialog
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.name_edit, "Energy")
    dialog.min_spin.setValue(1)
    dialog.max_spin.setValue(5)
    dialog.better_combo.setCurrentIndex(dialog.better_combo.findData("lower"))
    _save(dialog)
    assert warnings == []
    metric = sqlite_journal.metrics.get("energy")
    assert (metric.min_value, metric.max_value, metric.better) == (1, 5, "lower")
    assert ["Energy", "1 to 5", "Lower is better", "in use"] in _rows(page)
    selected = page.selected_metric()
    assert selected is not None and selected.name == "energy"
    assert page.rename_button.isEnabled()


def test_a_refused_metric_keeps_the_dialog_open(
    qtbot: QtBot, session: Session, sqlite_journal: Journal, warnings: list[str]
) -> None:
    page = _page(qtbot, session)
    dialog = page.add_metric()
    dialog.name_edit.setText("guilt")
    _save(dialog)
    assert dialog.isVisible()
    assert len(warnings) == 1 and "already exists" in warnings[0]
    dialog.name_edit.setText("energy")
    _save(dialog)
    assert not dialog.isVisible()
    assert [m.name for m in sqlite_journal.metrics.list()] == ["satisfaction", "guilt", "energy"]


def test_renaming_a_metric(qtbot: QtBot, session: Session, sqlite_journal: Journal) -> None:
    sqlite_journal.metrics.add("energy", 1, 5, "higher")
    page = _page(qtbot, session)
    page.select_metric("energy")
    QTest.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    dialog = page.metric_dialog
    assert dialog is not None
    assert dialog.name_edit.text() == "energy"
    assert not dialog.min_spin.isEnabled()
    dialog.name_edit.setText("vitality")
    _save(dialog)
    assert [m.name for m in sqlite_journal.metrics.list()] == ["satisfaction", "guilt", "vitality"]
    selected = page.selected_metric()
    assert selected is not None and selected.name == "vitality"


def test_a_metric_is_listed_as_typed_and_renamed_to_another_case(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    sqlite_journal.metrics.add("Sleep Hours", 0, 12, "higher")
    page = _page(qtbot, session)
    assert ["Sleep Hours", "0 to 12", "Higher is better", "in use"] in _rows(page)
    page.select_metric("SLEEP HOURS")
    dialog = page.rename_metric()
    assert dialog is not None and dialog.name_edit.text() == "Sleep Hours"
    dialog.name_edit.setText("Sleep hours")
    _save(dialog)
    assert ["Sleep hours", "0 to 12", "Higher is better", "in use"] in _rows(page)
    selected = page.selected_metric()
    assert selected is not None and (selected.name, selected.label) == (
        "sleep hours",
        "Sleep hours",
    )


def test_archiving_and_restoring_a_metric(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    sqlite_journal.metrics.add("energy", 1, 5, "higher")
    page = _page(qtbot, session)
    page.select_metric("energy")
    assert page.archive_button.text() == "Ar&chive"
    QTest.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert sqlite_journal.metrics.get("energy").archived
    assert "energy" not in [m.name for m in sqlite_journal.metrics.list()]
    assert page.archive_button.text() == "Unar&chive"
    QTest.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert not sqlite_journal.metrics.get("energy").archived
    assert page.archive_button.text() == "Ar&chive"


def test_the_reminder_time_is_saved_on_change(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    sqlite_journal.preferences.set_reminder_time(dt.time(21, 0))
    page = _page(qtbot, session)
    assert page.reminder.value() == dt.time(21, 0)
    page.reminder.time_edit.setTime(QTime(7, 45))
    assert sqlite_journal.preferences.reminder_time() == dt.time(7, 45)
    QTest.mouseClick(
        page.reminder.off_check,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(8, page.reminder.off_check.height() // 2),
    )
    assert sqlite_journal.preferences.reminder_time() is None
    assert not page.reminder.time_edit.isEnabled()
    page.reminder.off_check.setChecked(False)
    assert sqlite_journal.preferences.reminder_time() == dt.time(7, 45)


def test_the_theme_is_saved_and_announced(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    page = _page(qtbot, session)
    assert page.theme_combo.currentData() == "system"
    with qtbot.waitSignal(page.theme_changed, timeout=1000) as blocker:
        page.theme_combo.setCurrentIndex(page.theme_combo.findData("dark"))
    assert blocker.args == ["dark"]
    assert sqlite_journal.preferences.theme() == "dark"


def test_refresh_shows_changes_made_elsewhere_without_saving_them_again(
    qtbot: QtBot, session: Session, sqlite_journal: Journal
) -> None:
    page = _page(qtbot, session)
    with qtbot.assertNotEmitted(page.theme_changed):
        sqlite_journal.preferences.set_theme("light")  # elsewhere: the change signal refreshes
        sqlite_journal.preferences.set_reminder_time(dt.time(6, 15))
        sqlite_journal.metrics.add("energy", 1, 5, "higher")
        qtbot.waitUntil(lambda: page.theme_combo.currentData() == "light")
    assert page.reminder.value() == dt.time(6, 15)
    assert "energy" in [row[0] for row in _rows(page)]


def test_open_folder_goes_to_the_database_folder(
    qtbot: QtBot, session: Session, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, session)
    assert page.db_label.text() == str(db_path)
    assert page.db_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    opened: list[Path] = []

    def open_in_file_manager(folder: Path) -> bool:
        opened.append(folder)
        return True

    monkeypatch.setattr(page, "open_in_file_manager", open_in_file_manager)
    QTest.mouseClick(page.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [db_path.parent]
    assert page.folder_status.text() == ""


def test_a_folder_that_cannot_be_opened_is_said_calmly(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, session)
    monkeypatch.setattr(page, "open_in_file_manager", lambda _folder: False)
    page.open_folder_button.click()
    assert "Could not open" in page.folder_status.text()


def test_the_demo_note_shows_only_for_demo_data(
    qtbot: QtBot, session: Session, sqlite_repo: SqliteRepository
) -> None:
    controller = open_settings(session)
    page = controller.page
    qtbot.addWidget(page)
    page.show()
    assert not page.demo_note.isVisible()
    sqlite_repo.set_setting(KEY_DEMO, "yes")  # under the services: no change signal
    controller.refresh()
    assert page.demo_note.isVisible()


def test_the_self_check_result_is_shown(
    qtbot: QtBot, session: Session, sqlite_journal: Journal, today: dt.date
) -> None:
    answers = [5, 1, 5, 1, 5, 1, 5]
    sqlite_journal.preferences.set_self_check(self_check.evaluate(answers, today))
    page = _page(qtbot, session)
    label, text = self_check.describe(1.0)
    assert page.self_check_title.text() == f"{label} (taken 2026-03-16)"
    assert page.self_check_text.text() == text
    assert page.self_check_button.text() == "Take the &self-check again"


def test_taking_the_self_check_from_settings(
    qtbot: QtBot, session: Session, sqlite_journal: Journal, today: dt.date
) -> None:
    page = _page(qtbot, session)
    assert page.self_check_title.text() == "Not taken yet"
    QTest.mouseClick(page.self_check_button, Qt.MouseButton.LeftButton)
    dialog = page.self_check_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.save_button.isEnabled()
    answers = [1, 5, 1, 5, 1, 5, 1]
    dialog.widget.set_answers([*answers[:-1], None])
    assert not dialog.save_button.isEnabled()
    dialog.widget.groups[-1].button(answers[-1]).click()
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    stored = sqlite_journal.preferences.self_check()
    assert stored is not None
    assert stored.answers == tuple(answers) and stored.score == 0.0 and stored.taken_on == today
    assert page.self_check_title.text().startswith("More of a segmenter")


def test_about_names_the_version_and_the_privacy_promise(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    page = _page(qtbot, session)
    QTest.mouseClick(page.about_button, Qt.MouseButton.LeftButton)
    [text] = shown
    assert "WLI Tracker" in text and "9.8.7" in text
    assert "No network access" in text and "stays on this computer" in text


def test_controls_have_accessible_names(qtbot: QtBot, session: Session) -> None:
    page = _page(qtbot, session)
    for widget in (
        page.metrics_view,
        page.add_button,
        page.rename_button,
        page.archive_button,
        page.reminder.time_edit,
        page.reminder.off_check,
        page.theme_combo,
        page.db_label,
        page.open_folder_button,
        page.self_check_button,
        page.about_button,
    ):
        assert widget.accessibleName(), widget
