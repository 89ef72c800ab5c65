"""History as JSON is written as it is read, and reads exactly as json.dump would write it."""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from wlitracker.core.model.entities import Adherence, CheckIn
from wlitracker.interop.check_in_json import check_in_to_dict, write_check_ins

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
ratings = st.dictionaries(
    texts.filter(bool),
    st.integers(-5, 100) | st.floats(0, 10, allow_nan=False).map(lambda v: round(v, 3)),
    max_size=4,
)
check_ins = st.builds(
    CheckIn,
    date=st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    ratings=ratings,
    adherence=st.dictionaries(st.integers(1, 500), st.sampled_from(list(Adherence)), max_size=3),
    tags=st.lists(texts.filter(bool), max_size=3, unique=True).map(tuple),
    note=texts,
    unusual=st.none() | texts,
)


def as_json_dump(days: list[CheckIn]) -> str:
    out = io.StringIO()
    json.dump([check_in_to_dict(c) for c in days], out, ensure_ascii=False, indent=2)
    return out.getvalue() + "\n"


@given(st.lists(check_ins, max_size=4))
def test_written_text_is_what_json_dump_writes(days: list[CheckIn]) -> None:
    out = io.StringIO()
    count = write_check_ins(iter(days), out)
    assert count == len(days)
    assert out.getvalue() == as_json_dump(days)


def test_quotes_control_characters_and_other_scripts_are_escaped_like_json() -> None:
    day = CheckIn(
        dt.date(2026, 3, 1),
        ratings={"satisfaction": 7, "focus": 2.5},
        tags=('say "hi"', "tab\there"),
        note="Zażółć gęślą jaźń\n\u2028 \\ \x00 😀",
        unusual="",
    )
    out = io.StringIO()
    write_check_ins([day, CheckIn(dt.date(2026, 3, 2), ratings={"guilt": 0})], out)
    assert out.getvalue() == as_json_dump([day, CheckIn(dt.date(2026, 3, 2), ratings={"guilt": 0})])
    assert json.loads(out.getvalue())[0]["note"] == day.note


def test_no_days_is_an_empty_list() -> None:
    out = io.StringIO()
    assert write_check_ins([], out) == 0
    assert out.getvalue() == "[]\n" == as_json_dump([])
