"""Routines (imported habits) show and edit without a schedule of phases."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from wlitracker.core.model.entities import Experiment, Schedule
from wlitracker.core.present.experiment_form import draft_of, form_of
from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.experiments import ExperimentsController
from wlitracker.ui.experiment_detail import phase_text, status_text


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
