"""Routines (imported habits) show and edit without a schedule of phases."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wlitracker.core.model.entities import Experiment, Schedule
from wlitracker.core.present.experiment_form import draft_of, form_of
from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.experiments import ExperimentsController
from wlitracker.ui.experiment_detail import phase_text, status_text
from wlitracker.ui.routine_panel import ReasonDialog


def _routine(journal: Journal, today: dt.date) -> Experiment:
    return journal.experiments.create(
        Experiment(
            title="Meditate",
            kind="routine",
            schedule=Schedule((), today - dt.timedelta(days=30)),
        )
    )


def test_a_routine_is_listed_and_described(qtbot: QtBot, journal: Journal, today: dt.date) -> None:
    routine = _routine(journal, today)
    assert routine.id is not None
    view = journal.experiments.view(routine.id)
    assert phase_text(view) == "Routine"
    assert "routine since" in status_text(view, today)
    page = ExperimentsController(journal).page
    qtbot.addWidget(page)
    page.select(routine.id)
    assert page.selected_id() == routine.id


def test_editing_a_routine_keeps_it_a_routine(journal: Journal, today: dt.date) -> None:
    routine = _routine(journal, today)
    form = form_of(routine)
    edited = draft_of(form.__class__(**{**form.__dict__, "title": "Meditate daily"}), routine)
    assert edited.kind == "routine" and edited.schedule.plan == ()
    assert journal.experiments.update(edited).title == "Meditate daily"


def _persisted(journal: Journal, today: dt.date) -> int:
    from wlitracker.core import schedules
    from wlitracker.core.model.entities import Adherence, DecisionKind

    start = today - dt.timedelta(days=30)
    made = journal.experiments.create(Experiment("Walk at lunch", schedules.ab(7, 14, start)))
    assert made.id is not None
    for offset in range(7, 21):
        journal.check_ins.update(
            start + dt.timedelta(days=offset),
            ratings={"satisfaction": 7},
            adherence={made.id: Adherence.DONE},
        )
    journal.experiments.decide(made.id, DecisionKind.PERSIST, "Calmer afternoons")
    return made.id


def test_a_persisted_experiment_shows_how_it_is_kept_and_can_be_paused(
    qtbot: QtBot, journal: Journal, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _persisted(journal, today)
    controller = ExperimentsController(journal)
    page = controller.page
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.select(made)
    panel = page.detail.routine_panel
    assert panel.isVisible()
    assert panel.state_label.text().startswith("A routine since")
    assert panel.headline.text().startswith("Kept up: ")
    assert panel.score_bar.value() > 0
    assert panel.calendar.cells and any(c.mark == "done" for c in panel.calendar.cells)
    assert panel.pause_button.isVisible() and not panel.resume_button.isVisible()

    def give_reason(dialog: QDialog) -> bool:
        assert isinstance(dialog, ReasonDialog)
        assert not dialog.ok_button.isEnabled()
        dialog.reason_edit.setPlainText("Travelling for work")
        assert dialog.ok_button.isEnabled()
        return True

    monkeypatch.setattr(page, "run_dialog", give_reason)
    QTest.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert journal.routines.view(made).state == "paused"  # type: ignore[union-attr]
    qtbot.waitUntil(panel.resume_button.isVisible)
    assert panel.state_label.text().startswith("Paused since")
    assert journal.check_ins.form(today).experiments == ()

    QTest.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.pause_button.isVisible)
    assert [r.id for r in journal.check_ins.form(today).experiments] == [made]

    monkeypatch.setattr(page, "run_dialog", lambda dialog: False)  # cancelled: nothing
    QTest.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    assert journal.routines.view(made).retired_on is None  # type: ignore[union-attr]


def test_an_experiment_still_running_has_no_routine_panel(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    from wlitracker.core import schedules

    made = journal.experiments.create(Experiment("Trial", schedules.ab(7, 7, today)))
    page = ExperimentsController(journal).page
    qtbot.addWidget(page)
    page.show()
    page.select(made.id or 0)
    assert not page.detail.routine_panel.isVisible()
