"""The repository contract: every test runs against the in-memory and the SQLite repository."""

from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Domain,
    Experiment,
    Metric,
    RoutineChange,
    RoutineChangeKind,
    Schedule,
    Target,
)
from wlitracker.core.model.errors import ConflictError, NotFoundError
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import Repository

DAY = dt.date(2026, 3, 10)


def _experiment(**changes: object) -> Experiment:
    base = Experiment(
        title="No work email after 9 p.m.",
        intention="Less stress",
        shift="Stop email at nine",
        hypothesis="Guilt drops",
        domains=(Domain.WORK, Domain.HEALTH),
        targets=(Target("guilt", "lower"), Target("satisfaction", "higher")),
        schedule=schedules.ab(7, 14, DAY),
        template="no-email-after-9",
        created_on=DAY,
    )
    from wlitracker.core.model.record import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def test_new_repository_has_the_builtin_metrics_and_is_empty(repo: Repository) -> None:
    names = [(m.name, m.min_value, m.max_value, m.better, m.builtin) for m in repo.list_metrics()]
    assert names == [("satisfaction", 0, 10, "higher", True), ("guilt", 0, 10, "lower", True)]
    assert [m.label for m in repo.list_metrics()] == ["Satisfaction", "Guilt"]
    assert repo.is_empty()
    assert repo.list_check_ins() == []


def test_metrics_add_rename_archive(repo: Repository) -> None:
    energy = repo.add_metric(Metric("energy", 1, 5, "higher"))
    assert energy.id is not None
    assert repo.get_metric("energy") == energy
    assert not repo.is_empty()
    with pytest.raises(ConflictError):
        repo.add_metric(Metric("energy", 0, 10, "higher"))
    repo.save_check_in(CheckIn(DAY, ratings={"energy": 4}))
    renamed = repo.update_metric(Metric("vigour", 1, 5, "higher", archived=True, id=energy.id))
    assert repo.get_metric("energy") is None
    assert repo.get_metric("vigour") == renamed
    assert repo.get_check_in(DAY) == CheckIn(DAY, ratings={"vigour": 4})
    assert [m.name for m in repo.list_metrics(include_archived=False)] == [
        "satisfaction",
        "guilt",
    ]
    with pytest.raises(ConflictError):
        repo.update_metric(Metric("guilt", 1, 5, "higher", id=energy.id))


def test_a_metric_keeps_its_label_beside_its_name(repo: Repository) -> None:
    sleep = repo.add_metric(Metric("sleep hours", 0, 12, "higher", label="Sleep Hours"))
    assert repo.get_metric("sleep hours") == sleep
    assert sleep.label == "Sleep Hours"
    renamed = repo.update_metric(replace(sleep, label="Sleep hours"))
    assert repo.get_metric("sleep hours") == renamed
    assert [m.label for m in repo.list_metrics()][-1] == "Sleep hours"


def test_check_in_round_trip_keeps_missing_ratings_missing(repo: Repository) -> None:
    experiment = repo.add_experiment(_experiment())
    assert experiment.id is not None
    check_in = CheckIn(
        DAY,
        ratings={"satisfaction": 7},
        adherence={experiment.id: Adherence.PARTLY},
        tags=("gym", "family dinner"),
        note="Line one\nline two, with ünïcode and 'quotes'",
        unusual="ill",
    )
    repo.save_check_in(check_in)
    stored = repo.get_check_in(DAY)
    assert stored == check_in
    assert stored is not None and "guilt" not in stored.ratings
    assert repo.get_check_in(DAY + dt.timedelta(days=1)) is None


def test_saving_a_day_replaces_it_and_an_empty_day_removes_it(repo: Repository) -> None:
    repo.save_check_in(CheckIn(DAY, ratings={"satisfaction": 7, "guilt": 2}, tags=("a",)))
    repo.save_check_in(CheckIn(DAY, ratings={"guilt": 3}, note="later"))
    assert repo.get_check_in(DAY) == CheckIn(DAY, ratings={"guilt": 3}, note="later")
    repo.save_check_in(CheckIn(DAY))
    assert repo.get_check_in(DAY) is None
    assert repo.is_empty()


def test_unusual_day_without_reason_is_kept(repo: Repository) -> None:
    repo.save_check_in(CheckIn(DAY, unusual=""))
    stored = repo.get_check_in(DAY)
    assert stored is not None and stored.is_unusual and stored.unusual == ""


def test_list_check_ins_in_date_order_within_range(repo: Repository) -> None:
    for offset in (3, 0, 1, 5):
        repo.save_check_in(CheckIn(DAY + dt.timedelta(days=offset), ratings={"guilt": offset}))
    days = [c.date for c in repo.list_check_ins()]
    assert days == sorted(days) and len(days) == 4
    window = repo.list_check_ins(DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=3))
    assert [c.ratings["guilt"] for c in window] == [1, 3]


def test_check_in_with_unknown_metric_or_experiment_is_refused(repo: Repository) -> None:
    with pytest.raises(NotFoundError):
        repo.save_check_in(CheckIn(DAY, ratings={"mood": 3}))
    with pytest.raises(NotFoundError):
        repo.save_check_in(CheckIn(DAY, adherence={99: Adherence.DONE}))
    assert repo.get_check_in(DAY) is None


def test_experiment_round_trip_and_update(repo: Repository) -> None:
    stored = repo.add_experiment(_experiment())
    assert stored.id is not None
    assert repo.get_experiment(stored.id) == stored
    abab = _experiment(schedule=schedules.abab(5, None), id=stored.id, title="Changed")
    assert repo.update_experiment(abab) == abab
    assert repo.get_experiment(stored.id) == abab
    assert repo.list_experiments() == [abab]
    with pytest.raises(NotFoundError):
        repo.update_experiment(_experiment(id=999))
    with pytest.raises(NotFoundError):
        repo.add_experiment(_experiment(parent_id=999))
    with pytest.raises(NotFoundError):
        repo.add_experiment(_experiment(targets=(Target("mood", "higher"),)))


def test_experiment_with_explicit_id_keeps_it(repo: Repository) -> None:
    stored = repo.add_experiment(_experiment(id=7))
    assert stored.id == 7
    with pytest.raises(ConflictError):
        repo.add_experiment(_experiment(id=7))
    assert repo.add_experiment(_experiment()).id == 8


def test_decisions_link_versions(repo: Repository) -> None:
    first = repo.add_experiment(_experiment())
    assert first.id is not None
    second = repo.add_experiment(_experiment(parent_id=first.id, version=2))
    decision = repo.add_decision(
        Decision(first.id, DecisionKind.ADJUST, "too hard", DAY, second.id)
    )
    assert decision.id is not None
    assert repo.list_decisions(first.id) == [decision]
    assert repo.list_decisions(second.id) == []
    assert repo.list_decisions() == [decision]
    with pytest.raises(NotFoundError):
        repo.add_decision(Decision(999, DecisionKind.STOP, "x", DAY))


def test_a_decision_and_an_unused_version_can_be_removed(repo: Repository) -> None:
    first = repo.add_experiment(_experiment())
    assert first.id is not None
    second = repo.add_experiment(_experiment(parent_id=first.id, version=2))
    assert second.id is not None
    decision = repo.add_decision(
        Decision(first.id, DecisionKind.ADJUST, "too hard", DAY, second.id)
    )
    assert decision.id is not None
    with pytest.raises(ConflictError):  # the decision still names it
        repo.delete_experiment(second.id)

    repo.delete_decision(decision.id)
    repo.delete_experiment(second.id)

    assert repo.list_decisions() == []
    assert [e.id for e in repo.list_experiments()] == [first.id]
    with pytest.raises(NotFoundError):
        repo.delete_decision(decision.id)
    with pytest.raises(NotFoundError):
        repo.delete_experiment(second.id)


def test_an_experiment_with_marked_days_or_versions_is_not_removed(repo: Repository) -> None:
    first = repo.add_experiment(_experiment())
    assert first.id is not None
    second = repo.add_experiment(_experiment(parent_id=first.id, version=2))
    assert second.id is not None
    repo.save_check_in(CheckIn(DAY, {"satisfaction": 6}, {second.id: Adherence.DONE}))

    for experiment_id in (first.id, second.id):  # a later version; a marked day
        with pytest.raises(ConflictError):
            repo.delete_experiment(experiment_id)

    assert len(repo.list_experiments()) == 2
    check_in = repo.get_check_in(DAY)
    assert check_in is not None and check_in.adherence == {second.id: Adherence.DONE}


def test_atomic_rolls_back_every_write(repo: Repository) -> None:
    with pytest.raises(RuntimeError), repo.atomic():
        repo.save_check_in(CheckIn(DAY, ratings={"guilt": 1}))
        repo.add_experiment(_experiment())
        repo.set_setting("theme", "dark")
        raise RuntimeError("boom")
    assert repo.get_check_in(DAY) is None
    assert repo.list_experiments() == []
    assert repo.get_setting("theme") is None


def test_settings(repo: Repository) -> None:
    assert repo.get_setting("reminder") is None
    repo.set_setting("reminder", "21:00")
    repo.set_setting("theme", "dark")
    repo.set_setting("reminder", "20:30")
    assert repo.settings() == {"reminder": "20:30", "theme": "dark"}
    repo.set_setting("theme", None)
    assert repo.settings() == {"reminder": "20:30"}


def test_clear_keeps_only_builtin_metrics(repo: Repository) -> None:
    repo.add_metric(Metric("energy", 0, 10, "higher"))
    experiment = repo.add_experiment(_experiment())
    assert experiment.id is not None
    repo.save_check_in(CheckIn(DAY, adherence={experiment.id: Adherence.DONE}))
    repo.add_decision(Decision(experiment.id, DecisionKind.STOP, "done", DAY))
    repo.set_setting("x", "y")
    repo.clear()
    assert repo.is_empty()
    assert [m.name for m in repo.list_metrics()] == ["satisfaction", "guilt"]
    assert repo.settings() == {}


def test_saving_with_the_previous_day_gives_the_same_result(repo: Repository) -> None:
    experiment = repo.add_experiment(_experiment())
    assert experiment.id is not None
    versions = [
        CheckIn(DAY, ratings={"guilt": 2}, tags=("a",), note="n"),
        CheckIn(DAY, ratings={"guilt": 3}, tags=("a",), note="n"),
        CheckIn(DAY, ratings={"guilt": 3}, tags=("b", "a"), note="n", unusual="ill"),
        CheckIn(DAY, ratings={}, adherence={experiment.id: Adherence.DONE}, note="n"),
        CheckIn(DAY, ratings={"satisfaction": 9}, adherence={}, note=""),
    ]
    for version in versions:
        with repo.atomic():
            repo.save_check_in(version, repo.get_check_in(DAY))
        assert repo.get_check_in(DAY) == version
    with repo.atomic():
        repo.save_check_in(CheckIn(DAY), repo.get_check_in(DAY))
    assert repo.get_check_in(DAY) is None


def test_search_days_and_tag_uses(repo: Repository) -> None:
    from wlitracker.core.model.search import TagUse, search_terms

    repo.save_check_in(CheckIn(DAY, note="Café at noon, then the walk", tags=("gym", "Walk")))
    later = DAY + dt.timedelta(days=1)
    repo.save_check_in(CheckIn(later, ratings={"guilt": 2}, tags=("walk",)))
    found = repo.search_days(search_terms("walk"))
    assert [(h.date, h.tags) for h in found.hits] == [(later, ("walk",)), (DAY, ("gym", "Walk"))]
    assert found.hits[1].matched_words == ("walk",)
    assert found.total == 2
    limited = repo.search_days(search_terms("WALK"), limit=1)
    assert ([h.date for h in limited.hits], limited.total) == ([later], 2)
    assert repo.search_days(search_terms("cafe noon")).hits[0].plain_excerpt.startswith("Café")
    assert repo.search_days(()).total == 0
    assert repo.tag_uses() == [
        TagUse("Walk", 1, DAY),
        TagUse("gym", 1, DAY),
        TagUse("walk", 1, later),
    ]
    repo.save_check_in(CheckIn(later))
    assert repo.search_days(search_terms("walk")).total == 1


def test_many_days_saved_at_once_land_together_and_are_found(repo: Repository) -> None:
    from wlitracker.core.model.search import search_terms

    repo.save_check_in(CheckIn(DAY, ratings={"guilt": 5}, note="old note", tags=("gym",)))
    days = [
        CheckIn(DAY + dt.timedelta(days=n), ratings={"guilt": n}, note=f"walk {n}", tags=("a", "b"))
        for n in range(3)
    ]
    repo.save_check_ins(iter([*days, replace(days[1], note="walk 1 again")]))
    days[1] = replace(days[1], note="walk 1 again")  # the later of the same day wins
    assert repo.list_check_ins() == days  # the day already stored is replaced whole
    found = repo.search_days(search_terms("walk"))
    assert found.total == 3 and all(h.tags == ("a", "b") for h in found.hits)
    assert repo.search_days(search_terms("old gym")).total == 0

    with pytest.raises(NotFoundError):
        repo.save_check_ins(
            [
                CheckIn(DAY + dt.timedelta(days=5), ratings={"guilt": 1}),
                CheckIn(DAY, ratings={"joy": 1}),
            ]
        )
    assert repo.list_check_ins() == days  # all or none


def test_routine_changes_round_trip_in_order(repo: Repository) -> None:
    kept = repo.add_experiment(_experiment())
    other = repo.add_experiment(_experiment(title="Walk at lunch"))
    assert kept.id is not None and other.id is not None
    pause = repo.add_routine_change(
        RoutineChange(kept.id, RoutineChangeKind.PAUSE, DAY, "Travelling")
    )
    repo.add_routine_change(RoutineChange(other.id, RoutineChangeKind.RETIRE, DAY, "Enough"))
    resume = repo.add_routine_change(
        RoutineChange(kept.id, RoutineChangeKind.RESUME, DAY + dt.timedelta(days=5))
    )
    assert pause.id is not None and resume.id is not None and pause.id < resume.id
    assert repo.list_routine_changes(kept.id) == [pause, resume]
    assert [c.kind for c in repo.list_routine_changes()] == [
        RoutineChangeKind.PAUSE,
        RoutineChangeKind.RETIRE,
        RoutineChangeKind.RESUME,
    ]
    with pytest.raises(NotFoundError):
        repo.add_routine_change(RoutineChange(999, RoutineChangeKind.PAUSE, DAY))
    with pytest.raises(ConflictError):  # a paused routine's history stays
        repo.delete_experiment(kept.id)
    with pytest.raises(RuntimeError), repo.atomic():
        repo.add_routine_change(RoutineChange(kept.id, RoutineChangeKind.RETIRE, DAY))
        raise RuntimeError("boom")
    assert len(repo.list_routine_changes(kept.id)) == 2
    repo.clear()
    assert repo.list_routine_changes() == []


def test_check_ins_read_a_stretch_at_a_time_are_the_listed_ones(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wlitracker.storage import repository as sqlite_repository

    monkeypatch.setattr(sqlite_repository, "CHUNK_DAYS", 3)  # several stretches
    for offset in (0, 1, 2, 3, 5, 6, 9):
        day = DAY - dt.timedelta(days=offset)
        repo.save_check_in(
            CheckIn(day, ratings={"guilt": offset}, tags=("gym",) if offset % 2 else ("late",))
        )
    first, last = DAY - dt.timedelta(days=6), DAY - dt.timedelta(days=1)
    for start, end in ((None, None), (first, last), (DAY, DAY), (last, first)):
        assert list(repo.iter_check_ins(start, end)) == repo.list_check_ins(start, end)
    assert len(list(repo.iter_check_ins())) == 7


def test_dates_and_tags_of_a_stretch(repo: Repository) -> None:
    repo.save_check_in(CheckIn(DAY, ratings={"guilt": 2}, tags=("late meeting", "gym")))
    repo.save_check_in(CheckIn(DAY - dt.timedelta(days=2), tags=("gym",)))
    repo.save_check_in(CheckIn(DAY - dt.timedelta(days=9), tags=("travel",)))
    week = DAY - dt.timedelta(days=6)
    assert repo.check_in_dates(week, DAY) == [DAY - dt.timedelta(days=2), DAY]
    assert repo.check_in_dates() == [c.date for c in repo.list_check_ins()]
    assert repo.list_tags(week, DAY) == ["gym", "late meeting"]
    assert repo.list_tags() == ["gym", "late meeting", "travel"]
    assert repo.list_tags(DAY + dt.timedelta(days=1)) == []


def test_experiments_that_may_run_on_a_day(repo: Repository) -> None:
    def add(title: str, **changes: object) -> int:
        made = repo.add_experiment(_experiment(title=title, **changes))
        assert made.id is not None
        return made.id

    # ab(7, 14, DAY) runs DAY .. DAY + 20.
    add("running")
    add("not started", schedule=schedules.ab(7, 14, DAY + dt.timedelta(days=1)))
    add("unscheduled", schedule=schedules.ab(7, 14, None))
    add("over", schedule=schedules.ab(3, 3, DAY - dt.timedelta(days=10)))
    persisted = add("over, persisted", schedule=schedules.ab(3, 3, DAY - dt.timedelta(days=10)))
    stopped = add("over, stopped", schedule=schedules.ab(3, 3, DAY - dt.timedelta(days=10)))
    add("a routine", kind="routine", schedule=Schedule((), DAY - dt.timedelta(days=99)))
    add("ends today", schedule=schedules.abab(2, DAY - dt.timedelta(days=7)))
    add("ended yesterday", schedule=schedules.abab(2, DAY - dt.timedelta(days=8)))
    repo.add_decision(Decision(persisted, DecisionKind.PERSIST, "keep", DAY))
    repo.add_decision(Decision(stopped, DecisionKind.STOP, "no", DAY))

    assert [e.title for e in repo.list_experiments_on(DAY)] == [
        "running",
        "over, persisted",
        "a routine",
        "ends today",
    ]
    last = DAY + dt.timedelta(days=20)
    assert [e.title for e in repo.list_experiments_on(last)][:2] == ["running", "not started"]
    assert "running" not in [e.title for e in repo.list_experiments_on(last + dt.timedelta(days=1))]
    assert repo.list_experiments_on(DAY - dt.timedelta(days=200)) == []
    by_id = {e.id: e for e in repo.list_experiments()}
    assert all(by_id[e.id] == e for e in repo.list_experiments_on(DAY))
