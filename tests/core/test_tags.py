"""Tags across the journal: counts, rename (a merge where a day has both), merge, removal."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TODAY
from wlitracker.core.model.errors import NotFoundError, ValidationError
from wlitracker.core.model.search import TagUse
from wlitracker.core.services.journal import Journal

DAYS = [TODAY - dt.timedelta(days=n) for n in range(4)]


@pytest.fixture
def tagged(journal: Journal) -> Journal:
    journal.check_ins.update(DAYS[0], add_tags=["gym", "family dinner"], note="today")
    journal.check_ins.update(DAYS[1], add_tags=["Sport", "gym"], ratings={"guilt": 2})
    journal.check_ins.update(DAYS[2], add_tags=["family dinner"])
    journal.check_ins.update(DAYS[3], add_tags=["gym"], note="a run")
    return journal


def test_uses_count_days_most_used_first(tagged: Journal) -> None:
    assert tagged.tags.uses() == [
        TagUse("gym", 3, DAYS[0]),
        TagUse("family dinner", 2, DAYS[0]),
        TagUse("Sport", 1, DAYS[1]),
    ]


def test_rename_keeps_the_place_and_merges_a_day_with_both(tagged: Journal) -> None:
    change = tagged.tags.rename("gym", "sport ")
    assert change.done == "Renamed the tag “gym” to “sport” on 3 days"
    assert tagged.check_ins.get(DAYS[0]).tags == ("sport", "family dinner")
    change = tagged.tags.rename("sport", "Sport")
    assert tagged.check_ins.get(DAYS[1]).tags == ("Sport",)  # one tag, in its first place
    assert tagged.check_ins.get(DAYS[1]).ratings == {"guilt": 2}
    assert tagged.search.days("sport").total == 3
    assert tagged.search.days("gym").total == 0
    tagged.changes.undo()
    tagged.changes.undo()
    assert tagged.check_ins.get(DAYS[1]).tags == ("Sport", "gym")
    assert tagged.check_ins.get(DAYS[0]).tags == ("gym", "family dinner")


def test_merge_several_into_one(tagged: Journal) -> None:
    before = tagged.repo.list_check_ins()
    change = tagged.tags.merge(["gym", "sport"], "exercise")
    assert change.done == "Merged the tags “gym”, “Sport” into “exercise” on 3 days"
    assert [u.tag for u in tagged.tags.uses()] == ["exercise", "family dinner"]
    assert tagged.check_ins.get(DAYS[1]).tags == ("exercise",)
    tagged.changes.undo()
    assert tagged.repo.list_check_ins() == before


def test_remove_takes_the_tag_off_and_an_emptied_day_comes_back_on_undo(
    tagged: Journal,
) -> None:
    before = tagged.repo.list_check_ins()
    change = tagged.tags.remove("family dinner")
    assert change.done == "Removed the tag “family dinner” from 2 days"
    assert tagged.check_ins.get(DAYS[0]).tags == ("gym",)
    assert tagged.repo.get_check_in(DAYS[2]) is None  # that day had only the tag
    tagged.changes.undo()
    assert tagged.repo.list_check_ins() == before


def test_unknown_tags_and_bad_names_are_refused(tagged: Journal) -> None:
    with pytest.raises(NotFoundError, match="tags in use: Sport, family dinner, gym"):
        tagged.tags.rename("swim", "pool")
    with pytest.raises(ValidationError, match="empty"):
        tagged.tags.rename("gym", "  ")
    with pytest.raises(ValidationError, match="comma"):
        tagged.tags.rename("gym", "a, b")
    with pytest.raises(ValidationError, match="already called that"):
        tagged.tags.rename("gym", "gym")
    with pytest.raises(ValidationError, match="at most 60"):
        tagged.tags.rename("gym", "x" * 61)
    assert tagged.changes.history.last is None


def test_the_tags_state_lists_uses_most_used_first(tagged: Journal) -> None:
    from wlitracker.core.present.tags import build_tags_state

    state = build_tags_state(tagged)
    assert [u.tag for u in state.uses] == ["gym", "family dinner", "Sport"]
    assert state.days_of("gym") == 3 and state.days_of("swim") == 0
