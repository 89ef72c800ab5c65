"""Routines that last: a persisted experiment keeps being asked about, scored, paused, retired."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wlitracker.core import routines, schedules
from wlitracker.core.model.entities import (
    Adherence,
    CheckIn,
    DecisionKind,
    Experiment,
    RoutineChange,
    RoutineChangeKind,
    Schedule,
)
from wlitracker.core.model.errors import ConflictError, ValidationError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.routine import routine_panel
from wlitracker.core.services.journal import Journal
from wlitracker.interop import native

D = dt.date
DAY = dt.timedelta(days=1)


def _persisted(journal: Journal, today: dt.date, trial_rating: int = 7) -> int:
    """An A-B experiment over the last 40 days, done in its trial, persisted 10 days ago."""
    start = today - 40 * DAY
    made = journal.experiments.create(Experiment("Walk at lunch", schedules.ab(10, 20, start)))
    assert made.id is not None
    for offset in range(30):
        day = start + offset * DAY
        trial = offset >= 10
        journal.repo.save_check_in(
            CheckIn(
                day,
                ratings={"satisfaction": trial_rating if trial else 5, "guilt": 3},
                adherence={made.id: Adherence.DONE if trial else Adherence.NOT_SCHEDULED},
            )
        )
    clock = journal.context.today
    journal.context.today = lambda: today - 10 * DAY
    journal.experiments.decide(made.id, DecisionKind.PERSIST, "Calmer afternoons")
    journal.context.today = clock
    return made.id


def test_the_score_moves_as_loop_habit_trackers_habit_strength() -> None:
    multiplier = 0.5 ** (1 / 13)
    assert routines.scores([1.0]) == pytest.approx([1 - multiplier])
    # Thirteen days done from nothing close half the distance to 1; a miss costs a share.
    assert routines.scores([1.0] * 13)[-1] == pytest.approx(0.5)
    after = routines.scores([1.0] * 13 + [0.0])[-1]
    assert after == pytest.approx(0.5 * multiplier)
    assert routines.scores([0.5])[0] == pytest.approx(0.5 * (1 - multiplier))  # partly: half
    assert routines.scores([1.0, None, None])[-1] == routines.scores([1.0])[0]  # nothing said


def test_pause_counts_from_its_day_and_retirement_after_its_day() -> None:
    changes = [
        RoutineChange(1, RoutineChangeKind.PAUSE, D(2026, 3, 5), "away", id=1),
        RoutineChange(1, RoutineChangeKind.RESUME, D(2026, 3, 9), id=2),
        RoutineChange(1, RoutineChangeKind.RETIRE, D(2026, 3, 12), "done", id=3),
    ]
    states = [routines.state_on(changes, D(2026, 3, day)) for day in (4, 5, 8, 9, 12, 13)]
    assert states == ["kept", "paused", "paused", "kept", "kept", "retired"]


def test_a_persisted_experiment_is_asked_about_without_its_phases(
    journal: Journal, today: dt.date
) -> None:
    made = _persisted(journal, today)
    form = journal.check_ins.form(today)
    assert [(r.id, r.phase) for r in form.experiments] == [(made, None)]
    in_trial = journal.check_ins.form(today - 15 * DAY)  # before the decision: its phase
    assert in_trial.experiments[0].phase is not None
    assert in_trial.experiments[0].phase.label == "B"


def test_the_routine_view_scores_the_trial_and_every_day_since(
    journal: Journal, today: dt.date
) -> None:
    made = _persisted(journal, today)
    for offset in (9, 8, 7):  # three days done since, the rest left unmarked
        journal.check_ins.update(today - offset * DAY, adherence={made: Adherence.DONE})
    journal.check_ins.update(today - 6 * DAY, adherence={made: Adherence.PARTLY})

    view = journal.routines.view(made)

    assert view is not None and view.since == today - 10 * DAY and view.state == "kept"
    counted = [d.counted for d in view.days]
    # 20 trial days done; since: the decision's day unmarked (missed), 3 done, 1 partly,
    # 5 missed; today is not over, so not counted yet
    assert counted == [1.0] * 20 + [0.0, 1.0, 1.0, 1.0, 0.5] + [0.0] * 5 + [None]
    assert view.score == pytest.approx(routines.scores(counted)[-1])
    assert (view.done_recent, view.partly_recent) == (22, 1)  # the last 30 days: trial too
    panel = routine_panel(view, today)
    assert panel.headline.startswith(f"Kept up: {round(view.score * 100)}%")
    assert panel.recent == "Done on 22 of the last 30 days (1 partly)."
    assert panel.can_pause and panel.can_retire and not panel.can_resume
    marks = {c.date: c.mark for c in panel.calendar}
    assert marks[today - 9 * DAY] == "done" and marks[today - 5 * DAY] == "missed"
    assert marks[today] == "open" and marks[today - 60 * DAY] == "outside"


def test_satisfaction_and_guilt_have_held_up_or_slipped(journal: Journal, today: dt.date) -> None:
    made = _persisted(journal, today, trial_rating=8)
    assert [h.judgement for h in journal.routines.view(made).held_up] == ["too early"] * 2  # type: ignore[union-attr]
    for offset in range(9, 0, -1):
        journal.check_ins.update(today - offset * DAY, ratings={"satisfaction": 3, "guilt": 3})
    view = journal.routines.view(made)
    assert view is not None
    satisfaction, guilt = view.held_up
    assert (satisfaction.judgement, satisfaction.trial_mean, satisfaction.since_mean) == (
        "slipped",
        8.0,
        3.0,
    )
    assert guilt.judgement == "held up"
    text = routine_panel(view, today).held_up
    assert text[0].startswith("Satisfaction has slipped back: 3 a day since, 8 in the trial")
    assert text[1].startswith("Guilt has held up")


def test_pausing_stops_the_question_and_resuming_brings_it_back(
    journal: Journal, today: dt.date
) -> None:
    made = _persisted(journal, today)
    calls: list[str] = []
    journal.changed.connect(lambda: calls.append("changed"))

    with pytest.raises(ValidationError, match="reason"):
        journal.routines.pause(made, "  ")
    journal.routines.pause(made, "Travelling for work")

    assert calls == ["changed"]
    assert journal.check_ins.form(today).experiments == ()
    assert journal.check_ins.form(today - DAY).experiments[0].id == made  # the past stays
    view = journal.routines.view(made)
    assert view is not None and view.state == "paused" and view.days[-1].counted is None
    assert routine_panel(view, today).state_text.startswith("Paused since")
    with pytest.raises(ConflictError, match="already paused"):
        journal.routines.pause(made, "again")

    journal.routines.resume(made)

    assert [r.id for r in journal.check_ins.form(today).experiments] == [made]
    with pytest.raises(ConflictError, match="not paused"):
        journal.routines.resume(made)


def test_a_retired_routine_keeps_its_day_and_its_history(journal: Journal, today: dt.date) -> None:
    made = _persisted(journal, today)
    journal.routines.retire(made, "It is simply how I work now")

    assert [r.id for r in journal.check_ins.form(today).experiments] == [made]  # its last day
    assert journal.experiments.running_on(today + DAY) == []
    view = journal.routines.view(made)
    assert view is not None and view.state == "kept"  # retired from tomorrow
    panel = routine_panel(view, today)
    assert panel.history == (f"Retired on {today.day} March 2026: It is simply how I work now",)
    assert not panel.can_pause and not panel.can_retire
    with pytest.raises(ConflictError, match="retired"):
        journal.routines.pause(made, "x")
    with pytest.raises(ConflictError, match="paused or retired"):
        journal.experiments.undo_decision(made)


def test_only_a_routine_can_be_paused(journal: Journal, today: dt.date) -> None:
    running = journal.experiments.create(Experiment("Trial", schedules.ab(7, 7, today)))
    assert running.id is not None
    with pytest.raises(ConflictError, match="not a routine; persist it first"):
        journal.routines.pause(running.id, "why not")
    assert journal.routines.view(running.id) is None


def test_a_routine_from_the_start_is_scored_without_a_trial(
    journal: Journal, today: dt.date
) -> None:
    habit = journal.experiments.create(
        Experiment("Stretch", Schedule((), today - 2 * DAY), kind="routine")
    )
    assert habit.id is not None
    journal.check_ins.update(today - 2 * DAY, adherence={habit.id: Adherence.DONE})
    view = journal.routines.view(habit.id)
    assert view is not None and view.held_up == () and not view.persisted
    assert [d.counted for d in view.days] == [1.0, 0.0, None]
    journal.experiments.decide(habit.id, DecisionKind.STOP, "Enough")
    assert journal.routines.view(habit.id) is None


def test_pauses_go_out_and_back_with_a_json_export(
    journal: Journal, today: dt.date, tmp_path: Path
) -> None:
    made = _persisted(journal, today)
    journal.routines.pause(made, "Travelling")
    document = json.loads(json.dumps(native.export_document(journal)))
    assert document["routine_changes"][0]["reason"] == "Travelling"
    copy = Journal(InMemoryRepository(), lambda: today)
    native.import_document(copy, document)
    assert copy.repo.list_routine_changes() == journal.repo.list_routine_changes()
    view = copy.routines.view(made)
    assert view is not None and view.state == "paused"
