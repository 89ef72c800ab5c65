from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    Adherence,
    DecisionKind,
    Domain,
    Experiment,
    Schedule,
    Status,
    Target,
)
from wlitracker.core.model.errors import ConflictError, NotFoundError, ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import TEMPLATES, template


def _draft(today: dt.date, **changes: object) -> Experiment:
    base = Experiment(
        title="  Walk   at noon ",
        intention="Self-care during the day",
        domains=(Domain.HEALTH, Domain.HEALTH),
        targets=(Target("Satisfaction", "higher"), Target("satisfaction", "higher")),
        schedule=schedules.ab(7, 14, today),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_create_cleans_and_stores(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today))
    assert created.id is not None
    assert created.title == "Walk at noon"
    assert created.domains == (Domain.HEALTH,)
    assert created.targets == (Target("satisfaction", "higher"),)
    assert created.created_on == today
    assert journal.experiments.get(created.id) == created


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"targets": (Target("mood", "higher"),)}, "target"),
        ({"domains": ("sleep",)}, "domain"),
        ({"hypothesis": "x" * 5000}, "hypothesis"),
    ],
)
def test_invalid_fields_are_named(
    journal: Journal, today: dt.date, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        journal.experiments.create(_draft(today, **changes))
    assert caught.value.field == field
    assert journal.experiments.views() == []


def test_start_more_than_a_year_ahead_is_refused(journal: Journal, today: dt.date) -> None:
    with pytest.raises(ValidationError, match="start"):
        journal.experiments.create(
            _draft(today, schedule=schedules.ab(7, 7, today + dt.timedelta(days=400)))
        )


def test_every_template_creates_a_valid_experiment(journal: Journal, today: dt.date) -> None:
    assert len(TEMPLATES) == 10
    assert len({t.key for t in TEMPLATES}) == 10
    for idea in TEMPLATES:
        assert idea.why and idea.intention and idea.shift and idea.hypothesis
        assert idea.domains and idea.targets
        created = journal.experiments.create_from_template(idea.key, today)
        assert created.template == idea.key
        assert created.schedule.start == today
    with pytest.raises(NotFoundError, match="known ideas"):
        template("nope")


def test_views_report_phase_and_days_left(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(
        _draft(today, schedule=schedules.ab(3, 4, today - dt.timedelta(days=4)))
    )
    assert created.id is not None
    view = journal.experiments.view(created.id)
    assert view.status is Status.TRIAL
    assert view.current_phase is not None and view.current_phase.label == "B"
    assert view.days_left == 3
    assert view.is_open


def test_persist_switch_stop_close_the_experiment(journal: Journal, today: dt.date) -> None:
    for kind, status in (
        (DecisionKind.PERSIST, Status.PERSISTED),
        (DecisionKind.SWITCH, Status.SWITCHED),
        (DecisionKind.STOP, Status.STOPPED),
    ):
        created = journal.experiments.create(_draft(today))
        assert created.id is not None
        decision = journal.experiments.decide(created.id, kind, "  it  worked ")
        assert decision.reason == "it worked"
        assert decision.decided_on == today
        assert decision.new_experiment_id is None
        assert journal.experiments.view(created.id).status is status
        with pytest.raises(ConflictError, match="already decided"):
            journal.experiments.decide(created.id, DecisionKind.STOP, "again")


def test_a_decision_needs_a_reason(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today))
    assert created.id is not None
    with pytest.raises(ValidationError, match="reason"):
        journal.experiments.decide(created.id, DecisionKind.STOP, "   ")
    assert journal.experiments.view(created.id).is_open


def test_adjust_creates_a_linked_version_carrying_fields(journal: Journal, today: dt.date) -> None:
    first = journal.experiments.create(_draft(today, hypothesis="calmer"))
    assert first.id is not None
    decision = journal.experiments.decide(first.id, DecisionKind.ADJUST, "too ambitious")
    assert decision.new_experiment_id is not None
    second = journal.experiments.get(decision.new_experiment_id)
    assert second.parent_id == first.id
    assert second.version == 2
    assert (second.title, second.hypothesis, second.targets, second.domains) == (
        first.title,
        first.hypothesis,
        first.targets,
        first.domains,
    )
    assert second.schedule.plan == first.schedule.plan
    assert second.schedule.start == today + dt.timedelta(days=1)
    assert journal.experiments.view(first.id).status is Status.ADJUSTED
    assert journal.experiments.view(second.id or 0).status is Status.PLANNED


def test_adjust_with_an_edited_next_version(journal: Journal, today: dt.date) -> None:
    first = journal.experiments.create(_draft(today))
    assert first.id is not None
    edited = replace(first, title="Walk twice a week", schedule=schedules.abab(5, today))
    decision = journal.experiments.decide(first.id, DecisionKind.ADJUST, "easier", edited)
    second = journal.experiments.get(decision.new_experiment_id or 0)
    assert second.title == "Walk twice a week"
    assert schedules.design_of(second.schedule) == "abab"
    assert second.id != first.id


def test_invalid_adjusted_version_leaves_nothing_behind(journal: Journal, today: dt.date) -> None:
    first = journal.experiments.create(_draft(today))
    assert first.id is not None
    with pytest.raises(ValidationError):
        journal.experiments.decide(first.id, DecisionKind.ADJUST, "why", replace(first, title=""))
    assert len(journal.experiments.views()) == 1
    assert journal.experiments.view(first.id).is_open


def test_lineage_runs_from_first_to_latest_version(journal: Journal, today: dt.date) -> None:
    first = journal.experiments.create(_draft(today))
    assert first.id is not None
    second_id = journal.experiments.decide(first.id, DecisionKind.ADJUST, "a").new_experiment_id
    assert second_id is not None
    third_id = journal.experiments.decide(second_id, DecisionKind.ADJUST, "b").new_experiment_id
    assert third_id is not None
    journal.experiments.decide(third_id, DecisionKind.PERSIST, "c")
    for member in (first.id, second_id, third_id):
        steps = journal.experiments.lineage(member)
        assert [s.experiment.version for s in steps] == [1, 2, 3]
        assert [s.decision.reason if s.decision else None for s in steps] == ["a", "b", "c"]


def test_running_on_lists_experiments_for_the_check_in(journal: Journal, today: dt.date) -> None:
    running = journal.experiments.create(_draft(today))
    journal.experiments.create(_draft(today, schedule=schedules.ab(7, 7, None)))
    assert [e.id for e in journal.experiments.running_on(today)] == [running.id]


def test_update_validates(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today))
    updated = journal.experiments.update(replace(created, title="Better title"))
    assert journal.experiments.get(created.id or 0).title == "Better title" == updated.title
    with pytest.raises(ValidationError):
        journal.experiments.update(replace(created, title=""))


# --- undoing a decision -------------------------------------------------------


def test_the_latest_decision_can_be_undone(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today - dt.timedelta(days=30)))
    assert created.id is not None
    decision = journal.experiments.decide(created.id, DecisionKind.PERSIST, "Keeping it")
    calls: list[str] = []
    journal.changed.connect(lambda: calls.append("changed"))

    undone = journal.experiments.undo_decision(created.id)

    assert undone == decision
    assert calls == ["changed"]
    view = journal.experiments.view(created.id)
    assert view.decisions == ()
    assert view.status is Status.READY_TO_REVIEW
    # Open again, so it can be decided anew.
    journal.experiments.decide(created.id, DecisionKind.STOP, "Changed my mind")
    assert journal.experiments.view(created.id).status is Status.STOPPED


def test_undoing_an_adjustment_removes_the_untouched_next_version(
    journal: Journal, today: dt.date
) -> None:
    created = journal.experiments.create(_draft(today - dt.timedelta(days=30)))
    assert created.id is not None
    decision = journal.experiments.decide(created.id, DecisionKind.ADJUST, "Shorter walks")
    assert decision.new_experiment_id is not None

    journal.experiments.undo_decision(created.id)

    assert [e.id for e in journal.repo.list_experiments()] == [created.id]
    assert journal.experiments.view(created.id).is_open


def test_an_adjustment_whose_next_version_has_days_stays(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today - dt.timedelta(days=30)))
    assert created.id is not None
    decision = journal.experiments.decide(
        created.id,
        DecisionKind.ADJUST,
        "Shorter walks",
        replace(created, schedule=schedules.ab(7, 14, today)),
    )
    new_id = decision.new_experiment_id
    assert new_id is not None
    journal.check_ins.update(today, ratings={"satisfaction": 6}, adherence={new_id: Adherence.DONE})

    with pytest.raises(ConflictError, match="already has days or decisions"):
        journal.experiments.undo_decision(created.id)

    assert journal.experiments.view(created.id).decisions == (decision,)
    assert journal.repo.get_experiment(new_id) is not None


def test_there_is_nothing_to_undo_before_a_decision(journal: Journal, today: dt.date) -> None:
    created = journal.experiments.create(_draft(today))
    assert created.id is not None
    with pytest.raises(ConflictError, match="no decision to undo"):
        journal.experiments.undo_decision(created.id)


def test_a_draft_without_targets_is_stored_with_the_default_ones(
    journal: Journal, today: dt.date
) -> None:
    created = journal.experiments.create(_draft(today, targets=()))
    assert created.targets == (Target("satisfaction", "higher"), Target("guilt", "lower"))
    routine = journal.experiments.create(
        _draft(today, targets=(), kind="routine", schedule=Schedule((), today))
    )
    assert routine.targets == ()
