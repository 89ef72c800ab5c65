from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, CheckIn, Experiment
from wlitracker.core.model.errors import NotFoundError, ValidationError
from wlitracker.core.services.journal import Journal


def test_a_day_never_rated_is_empty_not_zero(journal: Journal, today: dt.date) -> None:
    day = journal.check_ins.get(today)
    assert day == CheckIn(today)
    assert day.ratings == {}


def test_update_changes_only_what_is_given(journal: Journal, today: dt.date) -> None:
    journal.check_ins.update(
        today, ratings={"satisfaction": 7, "guilt": 3}, add_tags=["gym"], note="ok"
    )
    journal.check_ins.update(today, ratings={"guilt": 2}, add_tags=["family"])
    day = journal.check_ins.get(today)
    assert dict(day.ratings) == {"satisfaction": 7, "guilt": 2}
    assert day.tags == ("gym", "family")
    assert day.note == "ok"


def test_update_clears_with_none_and_removes_tags(journal: Journal, today: dt.date) -> None:
    journal.check_ins.update(
        today, ratings={"satisfaction": 7, "guilt": 3}, add_tags=["a", "b"], unusual="ill"
    )
    journal.check_ins.update(today, ratings={"guilt": None}, remove_tags=["a"], unusual=None)
    day = journal.check_ins.get(today)
    assert dict(day.ratings) == {"satisfaction": 7}
    assert day.tags == ("b",)
    assert day.unusual is None


def test_tags_are_trimmed_and_deduplicated(journal: Journal, today: dt.date) -> None:
    journal.check_ins.update(today, add_tags=["  family  dinner ", "family dinner", "", "gym"])
    assert journal.check_ins.get(today).tags == ("family dinner", "gym")


@pytest.mark.parametrize("value", [-1, 11, 3.5, True])
def test_out_of_scale_ratings_are_refused_and_nothing_changes(
    journal: Journal, today: dt.date, value: object
) -> None:
    journal.check_ins.update(today, ratings={"satisfaction": 5})
    with pytest.raises(ValidationError, match="satisfaction"):
        journal.check_ins.update(today, ratings={"satisfaction": value})  # type: ignore[dict-item]
    assert dict(journal.check_ins.get(today).ratings) == {"satisfaction": 5}


def test_future_days_cannot_be_checked_in(journal: Journal, today: dt.date) -> None:
    with pytest.raises(ValidationError, match="future"):
        journal.check_ins.update(today + dt.timedelta(days=1), ratings={"guilt": 1})


def test_past_days_can_be_filled_in_and_edited(journal: Journal, today: dt.date) -> None:
    past = today - dt.timedelta(days=40)
    journal.check_ins.update(past, ratings={"guilt": 4})
    journal.check_ins.update(past, ratings={"guilt": 6}, note="remembered later")
    assert journal.check_ins.get(past) == CheckIn(
        past, ratings={"guilt": 6}, note="remembered later"
    )


def test_unknown_metric_is_named(journal: Journal, today: dt.date) -> None:
    with pytest.raises(ValidationError, match="mood"):
        journal.check_ins.update(today, ratings={"mood": 3})


def test_custom_metric_scale_applies(journal: Journal, today: dt.date) -> None:
    journal.metrics.add("Energy", 1, 5, "higher")
    journal.check_ins.update(today, ratings={"energy": 5})
    with pytest.raises(ValidationError, match="from 1 to 5"):
        journal.check_ins.update(today, ratings={"energy": 0})


def test_archived_metric_keeps_history_but_takes_no_new_values(
    journal: Journal, today: dt.date
) -> None:
    journal.metrics.add("energy", 0, 10, "higher")
    journal.check_ins.update(today, ratings={"energy": 5})
    journal.metrics.set_archived("energy", True)
    journal.check_ins.update(today, note="still editable")
    assert journal.check_ins.get(today).ratings["energy"] == 5
    with pytest.raises(ValidationError, match="archived"):
        journal.check_ins.update(today, ratings={"energy": 6})


def _running(journal: Journal, today: dt.date) -> Experiment:
    return journal.experiments.create(
        Experiment(title="Walk", schedule=schedules.ab(3, 5, today - dt.timedelta(days=4)))
    )


def test_adherence_for_running_experiments(journal: Journal, today: dt.date) -> None:
    experiment = _running(journal, today)
    assert experiment.id is not None
    journal.check_ins.update(today, adherence={experiment.id: Adherence.DONE})
    assert journal.check_ins.get(today).adherence == {experiment.id: Adherence.DONE}
    journal.check_ins.update(today, adherence={experiment.id: None})
    assert journal.check_ins.get(today).adherence == {}


def test_adherence_outside_the_schedule_is_refused(journal: Journal, today: dt.date) -> None:
    experiment = _running(journal, today)
    assert experiment.id is not None
    with pytest.raises(ValidationError, match="not running"):
        journal.check_ins.update(
            today - dt.timedelta(days=10), adherence={experiment.id: Adherence.DONE}
        )
    with pytest.raises(NotFoundError):
        journal.check_ins.update(today, adherence={999: Adherence.DONE})


def test_every_write_emits_one_change(journal: Journal, today: dt.date) -> None:
    seen: list[int] = []
    journal.changed.connect(lambda: seen.append(1))
    journal.check_ins.update(today, ratings={"guilt": 1})
    with pytest.raises(ValidationError):
        journal.check_ins.update(today, ratings={"guilt": 99})
    assert seen == [1]


def test_history_range_is_checked(journal: Journal, today: dt.date) -> None:
    with pytest.raises(ValidationError):
        journal.check_ins.history(today, today - dt.timedelta(days=1))
