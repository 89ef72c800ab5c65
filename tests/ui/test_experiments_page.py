"""The Experiments page driven through its real widgets, on a real SQLite journal.

Dialogs are not exec()'d: ``Dialogs`` replaces ``ExperimentsPage.run_dialog``,
shows each dialog and hands it to the test, which types and clicks like a user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, DecisionKind, Status
from wlitracker.core.model.record import replace
from wlitracker.core.present.experiment_form import blank_draft
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.controllers.experiments import ExperimentsController
from wlitracker.ui.decision_dialog import DecisionDialog, EarlyDecisionDialog
from wlitracker.ui.experiment_editor import ExperimentEditor
from wlitracker.ui.experiments_page import ExperimentsPage
from wlitracker.ui.idea_gallery import IdeaGallery
from wlitracker.ui.theme import PHASE_COLOURS

LEFT = Qt.MouseButton.LeftButton
Handler = Callable[[QDialog], None]


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class Dialogs:
    """Stands in for ``exec()``: each dialog is shown and given to the next handler."""

    def __init__(self) -> None:
        self.handlers: list[Handler] = []
        self.seen: list[QDialog] = []

    def then(self, handler: Handler) -> Dialogs:
        self.handlers.append(handler)
        return self

    def __call__(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        dialog.show()
        self.handlers.pop(0)(dialog)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        if dialog.isVisible():
            dialog.reject()
        return accepted


@pytest.fixture
def journal_db(sqlite_repo: SqliteRepository, today: dt.date) -> Journal:
    return Journal(sqlite_repo, lambda: today)


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


@pytest.fixture
def make_page(
    qtbot: QtBot, journal_db: Journal, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], ExperimentsPage]:
    def make() -> ExperimentsPage:
        page = ExperimentsController(journal_db).page
        qtbot.addWidget(page)
        monkeypatch.setattr(page, "run_dialog", dialogs)
        page.resize(1200, 800)
        page.show()
        return page

    return make


def _create(journal: Journal, key: str, start: dt.date | None, **changes: object) -> int:
    draft = replace(template(key).to_experiment(start), **changes)  # type: ignore[arg-type]
    experiment = journal.experiments.create(draft)
    assert experiment.id is not None
    return experiment.id


def _type(widget: QWidget, text: str) -> None:
    """Keystrokes, as qtbot.keyClicks sends them (QTest is typed, qtbot is not)."""
    QTest.keyClicks(widget, text)


def _press(button: QAbstractButton) -> None:
    QTest.mouseClick(button, LEFT)


def _click(button: QAbstractButton) -> None:
    assert button.isEnabled()
    _press(button)


def _decide_anyway(dialog: QDialog) -> None:
    assert isinstance(dialog, EarlyDecisionDialog)
    assert "What the data shows so far:" in dialog.note.text()
    dialog.accept()


def _rows(page: ExperimentsPage) -> dict[str, list[tuple[str, str, str]]]:
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for top in range(page.tree.topLevelItemCount()):
        header = page.tree.topLevelItem(top)
        assert header is not None
        children = [header.child(i) for i in range(header.childCount())]
        rows[header.text(0)] = [(c.text(0), c.text(1), c.text(2)) for c in children if c]
    return rows


def test_empty_journal_offers_both_ways_to_start(make_page: Callable[[], ExperimentsPage]) -> None:
    page = make_page()
    assert page.stack.currentIndex() == 0
    assert page.empty_idea_button.isVisible() and page.empty_new_button.isVisible()
    assert not page.toolbar.isVisible()
    assert page.selected_id() is None


def test_creating_from_an_idea_lands_in_the_database(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    sqlite_repo: SqliteRepository,
    today: dt.date,
) -> None:
    page = make_page()

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, IdeaGallery)
        assert len(dialog.keys()) == 10
        dialog.choose("no-email-after-9")
        _click(dialog.ok_button)

    def save(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        assert dialog.title_edit.text() == "No work email after 9 p.m."
        assert dialog.start_check.isChecked()
        _click(dialog.ok_button)

    dialogs.then(choose).then(save)
    _click(page.empty_idea_button)

    stored = sqlite_repo.list_experiments()
    assert [(e.title, e.template, e.schedule.start) for e in stored] == [
        ("No work email after 9 p.m.", "no-email-after-9", today)
    ]
    assert page.selected_id() == stored[0].id
    assert page.stack.currentIndex() == 1 and page.toolbar.isVisible()
    assert _rows(page) == {
        "Running (1)": [("No work email after 9 p.m.", "Baseline (A)", "21 days left")]
    }


def test_editor_names_the_problem_beside_the_title_and_stays_open(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    sqlite_repo: SqliteRepository,
) -> None:
    page = make_page()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        _press(dialog.ok_button)
        error = dialog.errors["title"]
        assert dialog.isVisible()
        assert error.isVisible() and error.text() == "must not be empty"
        assert error.parentWidget() is dialog.title_edit.parentWidget()
        assert dialog.title_edit.hasFocus() or not dialog.isActiveWindow()
        _type(dialog.title_edit, "Walk at noon")
        dialog.domain_checks[next(iter(dialog.domain_checks))].setChecked(True)
        _click(dialog.ok_button)
        assert not dialog.isVisible()

    dialogs.then(fill)
    page.new_experiment()

    [stored] = sqlite_repo.list_experiments()
    assert stored.title == "Walk at noon"
    assert page.selected_id() == stored.id


def test_editor_keeps_what_was_typed_when_the_schedule_is_refused(
    qtbot: QtBot, make_page: Callable[[], ExperimentsPage], today: dt.date
) -> None:
    page = make_page()
    editor = page.make_editor(blank_draft(today))
    qtbot.addWidget(editor)
    editor.show()
    _type(editor.title_edit, "Breaks")
    editor.start_edit.setDate(editor.start_edit.date().addDays(400))
    _press(editor.ok_button)
    assert editor.isVisible()
    assert "within a year" in editor.errors["start"].text()
    assert editor.title_edit.text() == "Breaks"
    editor.start_check.setChecked(False)
    editor.design_combo.setCurrentIndex(editor.design_combo.findData("abab"))
    assert not editor.baseline_spin.isVisible() and editor.block_spin.isVisible()
    _press(editor.ok_button)
    result = editor.experiment()
    assert result is not None and result.schedule.start is None
    assert schedules.design_of(result.schedule) == "abab"


def test_adjust_creates_the_linked_version_and_selects_it(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    sqlite_repo: SqliteRepository,
    today: dt.date,
) -> None:
    old_id = _create(journal_db, "midday-exercise", today - _days(25))
    page = make_page()
    page.select(old_id)

    def reason(dialog: QDialog) -> None:
        assert isinstance(dialog, DecisionDialog)
        assert not dialog.ok_button.isEnabled()
        _type(dialog.reason_edit, "Felt guilty leaving the desk daily.")
        _click(dialog.ok_button)

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        assert dialog.start_edit.date().toString("yyyy-MM-dd") == str(today + _days(1))
        dialog.title_edit.clear()
        _type(dialog.title_edit, "Midday exercise, three times a week")
        _click(dialog.ok_button)

    dialogs.then(reason).then(edit)
    _click(page.detail.buttons[DecisionKind.ADJUST])

    new = next(e for e in sqlite_repo.list_experiments() if e.id != old_id)
    assert (new.parent_id, new.version, new.title) == (
        old_id,
        2,
        "Midday exercise, three times a week",
    )
    [decision] = sqlite_repo.list_decisions(old_id)
    assert decision.kind is DecisionKind.ADJUST and decision.new_experiment_id == new.id
    assert page.selected_id() == new.id
    assert page.tree.selectedItems()[0].text(0) == "Midday exercise, three times a week (v2)"
    assert "version 2" in page.detail.title_label.text()
    assert "Felt guilty leaving the desk daily." in page.detail.history_label.text()


@pytest.mark.parametrize(
    ("kind", "status"), [(DecisionKind.PERSIST, "Persisted"), (DecisionKind.STOP, "Stopped")]
)
def test_persist_or_stop_closes_it_and_disables_the_buttons(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
    kind: DecisionKind,
    status: str,
) -> None:
    eid = _create(journal_db, "short-breaks", today - _days(3))
    page = make_page()
    assert all(b.isEnabled() for b in page.detail.buttons.values())

    def reason(dialog: QDialog) -> None:
        assert isinstance(dialog, DecisionDialog)
        _type(dialog.reason_edit, "   ")
        assert not dialog.ok_button.isEnabled()
        _type(dialog.reason_edit, "It is what I learned.")
        _click(dialog.ok_button)

    dialogs.then(_decide_anyway).then(reason)  # day 4 of the plan: asked first
    _click(page.detail.buttons[kind])

    view = journal_db.experiments.view(eid)
    assert not view.is_open and view.closing is not None and view.closing.kind is kind
    assert view.closing.reason == "It is what I learned."
    assert not any(b.isEnabled() for b in page.detail.buttons.values())
    assert _rows(page) == {"Finished (1)": [("Short breaks through the day", status, "")]}
    assert page.selected_id() == eid


def test_cancelling_a_decision_records_nothing(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "short-breaks", today)
    page = make_page()
    dialogs.then(lambda dialog: dialog.reject())
    _click(page.detail.buttons[DecisionKind.STOP])
    assert journal_db.experiments.view(eid).is_open


def test_trying_something_different_records_a_switch_then_offers_ideas(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "pickup-line-call", today - _days(10))
    page = make_page()

    def reason(dialog: QDialog) -> None:
        assert isinstance(dialog, DecisionDialog)
        assert "information, not a failure" in dialog.prompt.text()
        _type(dialog.reason_edit, "Rarely managed it.")
        _click(dialog.ok_button)

    def gallery(dialog: QDialog) -> None:
        assert isinstance(dialog, IdeaGallery)
        dialog.reject()

    dialogs.then(_decide_anyway).then(reason).then(gallery)
    _click(page.detail.buttons[DecisionKind.SWITCH])

    assert journal_db.experiments.view(eid).status is Status.SWITCHED
    assert [type(d) for d in dialogs.seen] == [EarlyDecisionDialog, DecisionDialog, IdeaGallery]
    assert "information, not a failure" in page.detail.status_label.text()


def test_list_groups_by_status_with_phase_and_days_left(
    make_page: Callable[[], ExperimentsPage], journal_db: Journal, today: dt.date
) -> None:
    _create(journal_db, "short-breaks", today - _days(6))  # A-B-A-B blocks of 5: in B
    _create(journal_db, "midday-exercise", today - _days(2))  # baseline of 7
    _create(journal_db, "commute-call", today + _days(7))
    _create(journal_db, "homework-table", today - _days(30))
    stopped = _create(journal_db, "protect-deep-work", today - _days(1))
    journal_db.experiments.decide(stopped, DecisionKind.STOP, "Meetings crept back.")

    page = make_page()

    assert _rows(page) == {
        "Running (2)": [
            ("Short breaks through the day", "Trial (B)", "14 days left"),
            ("Exercise in the middle of the day", "Baseline (A)", "19 days left"),
        ],
        "Ready to review (1)": [("Work beside homework, then stop", "Ready to review", "")],
        "Planned (1)": [("Last meeting by phone on the way home", "Starts 2026-03-23", "")],
        "Finished (1)": [("Protect your most productive hours", "Stopped", "")],
    }
    header = page.tree.topLevelItem(0)
    assert header is not None and not header.flags() & Qt.ItemFlag.ItemIsSelectable


def test_schedule_strip_paints_phases_and_adherence_with_tooltips(
    qtbot: QtBot, make_page: Callable[[], ExperimentsPage], journal_db: Journal, today: dt.date
) -> None:
    start = today - _days(9)
    eid = _create(journal_db, "midday-exercise", start, schedule=schedules.ab(5, 7, start))
    journal_db.check_ins.update(start, ratings={"satisfaction": 6})
    journal_db.check_ins.update(today - _days(4), adherence={eid: Adherence.DONE})
    journal_db.check_ins.update(today - _days(3), adherence={eid: Adherence.NOT_DONE})
    page = make_page()
    page.select(eid)
    strip = page.detail.strip
    qtbot.waitUntil(lambda: strip.isVisible() and strip.width() > 200)

    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()

    def colour(index: int) -> QColor:
        centre = strip.cell_rect(index).center()
        return image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))

    assert len(strip.days()) == 12
    assert colour(0) == QColor(PHASE_COLOURS["baseline"])  # recorded baseline day
    assert colour(5) == QColor(PHASE_COLOURS["trial"])  # trial day, done
    assert colour(11) != QColor(PHASE_COLOURS["trial"])  # a future day is lighter

    tip = strip.tooltip_at(strip.cell_rect(5).center())
    assert tip.splitlines()[0].startswith(str(today - _days(4)))
    assert tip.splitlines()[1:] == ["Trial (B), day 1 of 7", "Done"]
    assert "Not done" in strip.tooltip_at(strip.cell_rect(6).center())
    assert "today" in strip.tooltip_at(strip.cell_rect(9).center())

    centre = strip.cell_rect(5).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, strip.mapToGlobal(centre))
    QApplication.sendEvent(strip, event)
    assert QToolTip.text() == tip
    QToolTip.hideText()


def test_unscheduled_experiment_shows_no_strip(
    make_page: Callable[[], ExperimentsPage], journal_db: Journal
) -> None:
    eid = _create(journal_db, "short-breaks", None)
    page = make_page()
    page.select(eid)
    assert page.detail.strip.isHidden() and not page.detail.unscheduled_label.isHidden()
    assert _rows(page) == {
        "Planned (1)": [("Short breaks through the day", "Not scheduled yet", "")]
    }


def test_edit_saves_with_update_and_keeps_the_selection(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    first = _create(journal_db, "short-breaks", today)
    second = _create(journal_db, "midday-exercise", today - _days(1))
    page = make_page()
    page.select(second)

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        dialog.intention_edit.clear()
        _type(dialog.intention_edit, "Calmer evenings")
        _click(dialog.ok_button)

    dialogs.then(edit)
    _click(page.edit_button)

    assert journal_db.experiments.get(second).intention == "Calmer evenings"
    assert journal_db.experiments.get(first).intention != "Calmer evenings"
    assert page.selected_id() == second
    assert page.detail.fields["intention"].text() == "Calmer evenings"


def test_refresh_keeps_the_selection_and_shows_the_verdict(
    qtbot: QtBot, make_page: Callable[[], ExperimentsPage], journal_db: Journal, today: dt.date
) -> None:
    first = _create(journal_db, "short-breaks", today)
    second = _create(journal_db, "midday-exercise", today - _days(1))
    page = make_page()
    page.select(second)
    assert page.detail.verdict_visible()
    assert "Keep going" in page.detail.verdict_label.text()
    journal_db.check_ins.update(today, ratings={"guilt": 3})  # the change signal refreshes
    qtbot.wait(10)
    assert page.selected_id() == second
    assert "Keep going" in page.detail.verdict_label.text()
    page.select(first)
    expected = journal_db.evaluations.evaluate(first).reason
    assert expected.split(":")[0] in page.detail.verdict_label.text()


def test_actions_have_shortcuts_and_controls_have_accessible_names(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "short-breaks", today)
    page = make_page()
    page.select(eid)
    keys = {name: a.shortcut() for name, a in page.actions_by_name.items()}
    assert keys == {
        "new": QKeySequence("Ctrl+N"),
        "idea": QKeySequence("Ctrl+Shift+N"),
        "edit": QKeySequence("Ctrl+E"),
    }
    for button in [page.new_button, page.idea_button, page.edit_button]:
        assert "&" in button.text()
    assert all("&" in b.text() for b in page.detail.buttons.values())

    def check_names(dialog: QDialog) -> None:
        controls = (QAbstractButton, QLineEdit, QPlainTextEdit, QSpinBox, QComboBox)
        unnamed = [
            w.objectName() or type(w).__name__
            for w in dialog.findChildren(QWidget)
            if isinstance(w, controls)
            and not w.objectName().startswith("qt_")
            and not w.accessibleName()
        ]
        assert unnamed == []
        dialog.reject()

    dialogs.then(check_names).then(check_names)
    page.actions_by_name["edit"].trigger()
    page.actions_by_name["idea"].trigger()
    assert [type(d) for d in dialogs.seen] == [ExperimentEditor, IdeaGallery]
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QAbstractButton) and widget.text():
            assert widget.accessibleName(), widget.text()
    assert page.tree.accessibleName() and page.detail.strip.accessibleName()


def test_cancelled_editor_creates_nothing(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    sqlite_repo: SqliteRepository,
) -> None:
    page = make_page()

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        _type(dialog.title_edit, "Never mind")
        dialog.reject()

    dialogs.then(cancel)
    page.actions_by_name["new"].trigger()
    assert sqlite_repo.list_experiments() == []
    assert page.stack.currentIndex() == 0


def test_shortcuts_and_arrow_keys_work_from_the_keyboard(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "short-breaks", today - _days(2))
    page = make_page()
    page.select(eid)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    dialogs.then(lambda dialog: dialog.reject())
    QTest.keyClick(page.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [type(d) for d in dialogs.seen] == [ExperimentEditor]

    strip = page.detail.strip
    strip.setFocus()
    qtbot.waitUntil(strip.hasFocus)
    QTest.keyClick(strip, Qt.Key.Key_Left)
    description = strip.accessibleDescription()
    assert description.startswith(str(today - _days(1)))
    assert "Baseline (A), day 2 of 5" in description


# --- deciding early, undoing, the main target and the planned length ------------


def test_deciding_on_day_one_asks_first_and_keep_going_records_nothing(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "short-breaks", today)
    page = make_page()

    def keep_going(dialog: QDialog) -> None:
        assert isinstance(dialog, EarlyDecisionDialog)
        assert dialog.note.text().startswith("It is day 1 of 20 of the plan, with 20 days left")
        assert "What the data shows so far: Keep going:" in dialog.note.text()
        buttons = dialog.buttons.buttons()
        assert {b.text() for b in buttons} == {"Persist anyway", "Keep going"}
        dialog.reject()

    dialogs.then(keep_going)
    _click(page.detail.buttons[DecisionKind.PERSIST])

    assert [type(d) for d in dialogs.seen] == [EarlyDecisionDialog]
    assert journal_db.experiments.view(eid).decisions == ()


def test_the_latest_decision_is_undone_from_the_page(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    journal_db: Journal,
    today: dt.date,
) -> None:
    eid = _create(journal_db, "short-breaks", today - _days(40))
    journal_db.experiments.decide(eid, DecisionKind.STOP, "Not now")
    page = make_page()
    page.select(eid)
    assert page.detail.undo_button.isVisible()
    assert not any(b.isVisible() for b in page.detail.buttons.values())

    _click(page.detail.undo_button)

    view = journal_db.experiments.view(eid)
    assert view.decisions == () and view.is_open
    assert not page.detail.undo_button.isVisible()
    assert all(b.isEnabled() and b.isVisible() for b in page.detail.buttons.values())


def test_the_editor_says_which_targets_are_used_and_saves_the_main_one_first(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    sqlite_repo: SqliteRepository,
) -> None:
    page = make_page()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        assert dialog.targets_note.isVisible()
        assert dialog.targets_note.text() == (
            "No target ticked: Satisfaction (higher is better) and Guilt (lower is better) "
            "will be stored and judged."
        )
        assert not dialog.main_combo.isEnabled()
        rows = {row.metric.name: row for row in dialog.target_rows}
        rows["satisfaction"].check.setChecked(True)
        rows["guilt"].check.setChecked(True)
        assert not dialog.targets_note.isVisible()
        assert dialog.main_combo.isEnabled() and dialog.main_combo.count() == 2
        dialog.main_combo.setCurrentIndex(dialog.main_combo.findData("guilt"))
        _type(dialog.title_edit, "Calls on the way home")
        _click(dialog.ok_button)

    dialogs.then(fill)
    page.new_experiment()

    [stored] = sqlite_repo.list_experiments()
    assert [t.metric for t in stored.targets] == ["guilt", "satisfaction"]


def test_the_editor_plans_the_length_from_the_main_targets_days(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    dialogs: Dialogs,
    journal_db: Journal,
    today: dt.date,
) -> None:
    # Sixty days of steady, independent-looking satisfaction ratings.
    for offset in range(60):
        value = (5, 6, 5, 4, 6, 5)[offset % 6]
        journal_db.check_ins.update(today - _days(offset), ratings={"satisfaction": value})
    page = make_page()

    def plan(dialog: QDialog) -> None:
        assert isinstance(dialog, ExperimentEditor)
        assert not dialog.use_button.isVisible()
        dialog.change_spin.setValue(1.5)
        _click(dialog.plan_button)
        advice = dialog.advice_label.text()
        assert advice.startswith("Over the last 90 days (60 rated) your Satisfaction varied")
        assert "To notice a change of 1.5 points 4 times in 5, plan" in advice
        days = journal_db.experiments.length_advice("satisfaction", 1.5).days
        assert dialog.use_button.text().replace("&", "") == f"Use {days} + {days} days"
        _click(dialog.use_button)
        assert (dialog.baseline_spin.value(), dialog.trial_spin.value()) == (days, days)
        dialog.reject()

    dialogs.then(plan)
    page.new_experiment()


def test_the_numbers_show_the_decision_the_change_and_how_alike_days_are(
    qtbot: QtBot,
    make_page: Callable[[], ExperimentsPage],
    journal_db: Journal,
    today: dt.date,
) -> None:
    from wlitracker.ui.review_panel import numbers_html, numbers_note

    eid = _create(journal_db, "short-breaks", today - _days(40))
    for offset in range(40):
        when = today - _days(40 - offset)
        journal_db.check_ins.update(when, ratings={"satisfaction": 4 + offset % 2})

    text = numbers_html(journal_db.evaluations.evaluate(eid))

    for heading in ("decision", "change (95%)", "alike", "NAP (95% CI)", "Tau-BC"):
        assert f">{heading}</th>" in text
    assert "Satisfaction (main)" in text
    assert "they do not decide" in numbers_note()
