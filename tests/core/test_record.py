"""Records behave as the frozen dataclasses they replaced: built, compared, hashed,
shown and copied by their fields, and never changed in place."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core.model.entities import Adherence, CheckIn, Metric
from wlitracker.core.model.record import FrozenRecordError, Record, replace

DAY = dt.date(2026, 3, 1)


class Pair(Record):
    first: int
    second: str = "b"


class Single(Record):
    only: int


class Longer(Pair):
    third: float = 0.5


def test_fields_are_given_by_position_or_by_keyword_with_their_defaults() -> None:
    assert Pair(1).second == "b"
    assert Pair(1, "c") == Pair(second="c", first=1) == Pair(1, second="c")
    assert (Longer(2).first, Longer(2).second, Longer(2, "x", 1.5).third) == (2, "b", 1.5)


@pytest.mark.parametrize(
    ("args", "kwargs", "says"),
    [
        ((), {}, "missing 'first'"),
        ((1, "c", 3), {}, "takes 2 positional arguments but 3 were given"),
        ((1,), {"first": 2}, "multiple values for argument 'first'"),
        ((1,), {"third": 2}, "unexpected keyword argument 'third'"),
    ],
)
def test_wrong_arguments_are_refused_as_a_call_would_refuse_them(
    args: tuple[Any, ...], kwargs: dict[str, Any], says: str
) -> None:
    with pytest.raises(TypeError, match=re.escape(says)):
        Pair(*args, **kwargs)


def test_equality_and_hash_follow_the_fields_and_the_class() -> None:
    assert Pair(1) == Pair(1, "b") and hash(Pair(1)) == hash(Pair(1, "b"))
    assert Pair(1) != Pair(2)
    assert Longer(1) != Pair(1)  # another class, as with dataclasses
    assert Single(3) == Single(3) and hash(Single(3)) == hash(Single(3)) and Single(3) != 3
    assert len({Pair(1), Pair(1), Pair(2)}) == 2


def test_repr_names_every_field() -> None:
    assert repr(Longer(1, "x")) == "Longer(first=1, second='x', third=0.5)"


def test_a_record_cannot_be_changed_in_place() -> None:
    record = Pair(1)
    with pytest.raises(FrozenRecordError, match="cannot assign to field 'first'"):
        record.first = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del record.second
    assert record == Pair(1)


def test_replace_copies_with_changes_and_checks_again() -> None:
    check_in = CheckIn(DAY, {"satisfaction": 7}, tags=("gym",))
    changed = replace(check_in, adherence={3: Adherence.DONE})
    assert changed.adherence == {3: Adherence.DONE} and changed.tags == ("gym",)
    assert check_in.adherence == {}  # the original is as it was
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        replace(Metric("energy", 0, 10), colour="red")  # type: ignore[call-arg]


def test_replace_takes_a_dataclass_too() -> None:
    @dataclasses.dataclass(frozen=True)
    class Plain:
        value: int

    assert replace(Plain(1), value=2) == Plain(2)


def test_post_init_normalises_what_is_given() -> None:
    check_in = CheckIn(DAY, {"satisfaction": 7}, tags=("gym",))
    assert check_in.tags == ("gym",)
    with pytest.raises(TypeError):
        check_in.ratings["satisfaction"] = 3  # type: ignore[index]
    assert CheckIn(DAY).ratings == {} and CheckIn(DAY).is_empty


def test_a_day_read_from_storage_is_the_day_built_from_the_same_fields() -> None:
    fields = (DAY, {"guilt": 2, "satisfaction": 7.5}, {3: Adherence.DONE}, ("gym",), "n", None)
    read = CheckIn.read(*fields)
    built = CheckIn(*fields)
    assert read == built and repr(read) == repr(built)
    assert vars(read).keys() == vars(built).keys()
    with pytest.raises(TypeError):
        read.adherence[4] = Adherence.PARTLY  # type: ignore[index]
    with pytest.raises(FrozenRecordError):
        read.note = "changed"  # type: ignore[misc]
    assert replace(read, note="m") == CheckIn(*fields[:4], "m", None)


def test_copies_and_pickles_are_equal_records() -> None:
    metric = Metric("energy", 0, 10, "higher", id=4)
    assert copy.copy(metric) == metric == copy.deepcopy(metric)
    assert pickle.loads(pickle.dumps(metric)) == metric


@pytest.mark.parametrize(
    "body",
    [
        "items: list[int] = []",  # would be shared by every record
        "first: int = 1\n    second: int",  # a field without a default after one with one
    ],
)
def test_a_class_that_would_misbehave_is_refused(body: str) -> None:
    with pytest.raises(TypeError):
        exec(f"class Bad(Record):\n    {body}\n", {"Record": Record})


def test_the_package_replaces_through_the_records_replace() -> None:
    """``dataclasses.replace`` fails on a record at run time, and the checker cannot tell."""
    root = Path(__file__).parents[2]
    allowed = {root / "wlitracker/core/model/record.py", Path(__file__)}
    pattern = re.compile(r"from dataclasses import[^\n]*\breplace\b|dataclasses\.replace\(")
    offenders = [
        str(path.relative_to(root))
        for folder in ("wlitracker", "tests", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if path not in allowed and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
