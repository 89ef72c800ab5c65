"""The Experiments page's pure parts: groups, the day strip, the editor's form."""

from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    Adherence,
    CheckIn,
    DecisionKind,
    Domain,
    Experiment,
    PhaseKind,
    Schedule,
    Target,
)
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.present.experiment_form import (
    DayMark,
    ExperimentForm,
    Group,
    adjust_draft,
    blank_draft,
    draft_of,
    form_of,
    grouped,
    strip_days,
)
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def test_grouped_orders_sections_and_skips_empty_ones(journal: Journal, today: dt.date) -> None:
    running = journal.experiments.create(template("short-breaks").to_experiment(today - _days(3)))
    planned = journal.experiments.create(template("commute-call").to_experiment(today + _days(2)))
    ready = journal.experiments.create(
        replace(template("midday-exercise").to_experiment(today - _days(40)), title="Old one")
    )
    done = journal.experiments.create(template("homework-table").to_experiment(today))
    assert done.id is not None
    journal.experiments.decide(done.id, DecisionKind.STOP, "Did not fit this month.")

    groups = grouped(journal.experiments.views())

    assert [group for group, _ in groups] == [
        Group.RUNNING,
        Group.READY,
        Group.PLANNED,
        Group.FINISHED,
    ]
    ids = [[view.id for view in views] for _, views in groups]
    assert ids == [[running.id], [ready.id], [planned.id], [done.id]]
    assert grouped([]) == []


def test_strip_days_join_check_ins_and_mark_each_day(journal: Journal, today: dt.date) -> None:
    experiment = journal.experiments.create(
        replace(
            template("midday-exercise").to_experiment(today - _days(9)),
            schedule=schedules.ab(5, 7, today - _days(9)),
        )
    )
    assert experiment.id is not None
    eid = experiment.id
    journal.check_ins.update(today - _days(9), ratings={"satisfaction": 6})  # baseline, recorded
    journal.check_ins.update(today - _days(4), adherence={eid: Adherence.DONE})
    journal.check_ins.update(today - _days(3), adherence={eid: Adherence.PARTLY})
    journal.check_ins.update(today - _days(2), adherence={eid: Adherence.NOT_DONE})
    journal.check_ins.update(
        today - _days(1), adherence={eid: Adherence.NOT_SCHEDULED}, unusual="ill"
    )
    view = journal.experiments.view(eid)

    days = strip_days(view.phases, eid, journal.check_ins.history(), today)

    assert len(days) == 12
    marks = [day.mark for day in days]
    assert marks[0] is DayMark.DONE and days[0].phase.kind is PhaseKind.BASELINE
    assert marks[1] is DayMark.NO_ANSWER
    assert marks[5:9] == [
        DayMark.DONE,
        DayMark.PARTLY,
        DayMark.NOT_DONE,
        DayMark.NOT_SCHEDULED,
    ]
    assert days[8].unusual == "ill"
    assert days[9].is_today and marks[9] is DayMark.NO_ANSWER
    assert marks[10:] == [DayMark.FUTURE, DayMark.FUTURE]
    assert sum(day.is_today for day in days) == 1


def test_strip_days_of_an_unscheduled_experiment_are_empty(today: dt.date) -> None:
    assert strip_days((), 1, [CheckIn(today)], today) == ()


@pytest.mark.parametrize(
    "schedule",
    [schedules.ab(5, 9, dt.date(2026, 1, 2)), schedules.abab(6, None)],
    ids=["ab", "abab"],
)
def test_form_round_trips_an_experiment(schedule: Schedule) -> None:
    experiment = Experiment(
        title="Walk",
        schedule=schedule,
        intention="Self-care",
        shift="Walk at noon",
        hypothesis="Calmer afternoons",
        domains=(Domain.HEALTH,),
        targets=(Target("guilt", "lower"),),
        version=2,
        parent_id=1,
        id=4,
    )
    assert draft_of(form_of(experiment), experiment) == experiment


def test_form_builds_a_new_draft_and_names_a_bad_length() -> None:
    form = ExperimentForm(title="Breaks", design="abab", block_days=4)
    draft = draft_of(form)
    assert draft.id is None
    assert [p.days for p in draft.schedule.plan] == [4, 4, 4, 4]
    with pytest.raises(ValidationError) as caught:
        draft_of(replace(form, design="ab", trial_days=0))
    assert caught.value.field == "trial days"


def test_blank_and_adjust_drafts(today: dt.date) -> None:
    blank = blank_draft(today)
    assert blank.title == "" and blank.schedule.start == today
    old = replace(template("short-breaks").to_experiment(today - _days(30)), id=7, version=2)
    adjusted = adjust_draft(old, today)
    assert adjusted.schedule.start == today + _days(1)
    assert adjusted.schedule.plan == old.schedule.plan
    assert (adjusted.id, adjusted.parent_id, adjusted.version) == (None, 7, 3)
    assert adjusted.title == old.title and adjusted.template == old.template
