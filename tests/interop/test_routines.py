"""Routines: experiments without phases that run from their start until stopped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    Adherence,
    DecisionKind,
    Experiment,
    PhaseKind,
    PhasePlan,
    Schedule,
    Status,
)
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.experiment_form import Group, grouped
from wlitracker.core.services.evaluation import Verdict
from wlitracker.core.services.journal import Journal
from wlitracker.interop import native

D = dt.date


MARCH_1 = D(2026, 3, 1)


def routine(title: str = "Stretch", start: dt.date | None = MARCH_1) -> Experiment:
    return Experiment(title, Schedule((), start), kind="routine")


def test_a_routine_needs_a_start_and_no_phases(journal: Journal) -> None:
    created = journal.experiments.create(routine())
    assert (created.kind, created.schedule.plan) == ("routine", ())
    with pytest.raises(ValidationError, match="a routine has no phases"):
        journal.experiments.create(
            Experiment("x", schedules.ab(3, 3, D(2026, 3, 1)), kind="routine")
        )
    with pytest.raises(ValidationError, match="needs its first day"):
        journal.experiments.create(routine(start=None))
    with pytest.raises(ValidationError, match="A-B"):
        journal.experiments.create(Experiment("x", Schedule((), D(2026, 3, 1))))
    with pytest.raises(ValidationError, match="kind"):
        journal.experiments.create(
            Experiment("x", Schedule((), D(2026, 3, 1)), kind="habit")  # type: ignore[arg-type]
        )


def test_a_routine_runs_from_its_start_until_stopped(journal: Journal) -> None:
    created = journal.experiments.create(routine(start=D(2026, 3, 10)))
    assert created.id is not None
    running = journal.experiments.running_on
    assert [e.id for e in running(D(2026, 3, 9))] == []
    assert [e.id for e in running(D(2026, 3, 10))] == [created.id]
    assert [e.id for e in running(D(2030, 1, 1))] == [created.id]
    view = journal.experiments.view(created.id)
    assert (view.status, view.phases, view.end, view.days_left) == (Status.ROUTINE, (), None, None)
    assert view.is_open
    journal.check_ins.update(D(2026, 3, 12), adherence={created.id: Adherence.DONE})

    journal.experiments.decide(created.id, DecisionKind.STOP, "Done with it")

    assert journal.experiments.view(created.id).status is Status.STOPPED
    assert [e.id for e in running(D(2026, 3, 16))] == [created.id]  # the day it was stopped
    assert running(D(2026, 3, 17)) == []


def test_a_routine_starting_later_is_planned(journal: Journal) -> None:
    created = journal.experiments.create(routine(start=D(2026, 4, 1)))
    assert created.id is not None
    assert journal.experiments.view(created.id).status is Status.PLANNED


def test_a_routine_is_evaluated_without_a_verdict(journal: Journal) -> None:
    created = journal.experiments.create(routine())
    assert created.id is not None

    empty = journal.evaluations.evaluate(created.id)

    assert empty.verdict is Verdict.KEEP_GOING
    assert empty.reason == (
        "A routine: there is no baseline to compare with, and no days are marked yet."
    )
    for day, mark in [
        (D(2026, 3, 2), Adherence.DONE),
        (D(2026, 3, 3), Adherence.DONE),
        (D(2026, 3, 4), Adherence.PARTLY),
        (D(2026, 3, 5), Adherence.NOT_DONE),
        (D(2026, 3, 6), Adherence.NOT_SCHEDULED),
    ]:
        journal.check_ins.update(day, ratings={"satisfaction": 5}, adherence={created.id: mark})

    evaluation = journal.evaluations.evaluate(created.id)

    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.reason == (
        "A routine: there is no baseline to compare with; 62% of days done."
    )
    assert (evaluation.design, evaluation.metrics, evaluation.days_needed) == ("routine", (), 0)
    assert evaluation.adherence == pytest.approx(2.5 / 4)


def test_routines_are_listed_with_the_running_experiments_after_them(journal: Journal) -> None:
    journal.experiments.create(routine())
    journal.experiments.create(Experiment("Trial", schedules.ab(7, 14, D(2026, 3, 10))))

    groups = grouped(journal.experiments.views())

    assert [(g, [v.experiment.title for v in views]) for g, views in groups] == [
        (Group.RUNNING, ["Trial", "Stretch"])
    ]


def test_adjusting_a_routine_makes_a_new_routine(journal: Journal) -> None:
    created = journal.experiments.create(routine())
    assert created.id is not None
    decision = journal.experiments.decide(created.id, DecisionKind.ADJUST, "Mornings instead")
    assert decision.new_experiment_id is not None
    follow_up = journal.experiments.get(decision.new_experiment_id)
    assert (follow_up.kind, follow_up.schedule) == ("routine", Schedule((), D(2026, 3, 17)))


def test_the_kind_is_stored_and_read_back(journal: Journal) -> None:
    made = journal.repo.add_experiment(routine())
    other = journal.repo.add_experiment(
        Experiment("Trial", Schedule((PhasePlan(PhaseKind.BASELINE, 3),), D(2026, 3, 1)))
    )
    assert made.id is not None and other.id is not None
    assert journal.repo.get_experiment(made.id) == made
    assert journal.repo.get_experiment(other.id).kind == "experiment"  # type: ignore[union-attr]
    journal.repo.update_experiment(replace(other, kind="routine"))
    assert journal.repo.get_experiment(other.id).kind == "routine"  # type: ignore[union-attr]


def test_json_exports_carry_the_kind_and_old_exports_still_import(
    journal: Journal, tmp_path: Path
) -> None:
    journal.experiments.create(routine())
    document = native.export_document(journal)
    assert document["experiments"][0]["kind"] == "routine"
    target = Journal(InMemoryRepository(), journal.today)
    native.import_document(target, json.loads(json.dumps(document)))
    assert target.repo.list_experiments()[0].kind == "routine"

    old = json.loads(json.dumps(document))
    del old["experiments"][0]["kind"]
    old["experiments"][0]["schedule"]["phases"] = [
        {"kind": "baseline", "days": 3},
        {"kind": "trial", "days": 3},
    ]
    older = Journal(InMemoryRepository(), journal.today)
    native.import_document(older, old)
    assert older.repo.list_experiments()[0].kind == "experiment"

    old["experiments"][0]["kind"] = "habit"
    with pytest.raises(ValidationError, match="experiment 1 kind: must be one of 'experiment'"):
        native.import_document(Journal(InMemoryRepository(), journal.today), old)
