"""The Today screen's state, built from the services without Qt."""

from __future__ import annotations

import datetime as dt

from wlitracker.core import schedules
from wlitracker.core.model.entities import Experiment, PhaseKind
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.today import (
    TAG_SUGGESTION_DAYS,
    build_today_state,
    calendar_span,
)
from wlitracker.core.services.journal import Journal


def _journal(today: dt.date) -> Journal:
    return Journal(InMemoryRepository(), lambda: today)


def test_the_state_holds_the_days_form_and_what_surrounds_it(today: dt.date) -> None:
    journal = _journal(today)
    walk = journal.experiments.create(
        Experiment(title="Midday walk", schedule=schedules.ab(2, 5, today - dt.timedelta(days=3)))
    )
    journal.check_ins.update(today, ratings={"satisfaction": 7}, add_tags=["gym"])
    journal.check_ins.update(today - dt.timedelta(days=2), ratings={"guilt": 1})

    state = build_today_state(journal, today)

    assert state.form == journal.check_ins.form(today)
    assert (state.day, state.today, state.editable, state.has_next_day) == (
        today,
        today,
        True,
        False,
    )
    assert [m.name for m in state.form.metrics] == ["satisfaction", "guilt"]
    [running] = state.form.experiments
    assert running.id == walk.id
    assert running.phase is not None and running.phase.kind is PhaseKind.TRIAL
    assert (state.calendar.year, state.calendar.month) == (today.year, today.month)
    assert state.calendar.checked == {today, today - dt.timedelta(days=2)}
    assert state.tag_suggestions == ("gym",)


def test_a_past_day_may_go_forward_and_a_future_one_may_not_be_edited(today: dt.date) -> None:
    journal = _journal(today)
    yesterday = build_today_state(journal, today - dt.timedelta(days=1))
    assert yesterday.has_next_day and yesterday.editable
    tomorrow = build_today_state(journal, today + dt.timedelta(days=1))
    assert not tomorrow.editable and not tomorrow.has_next_day


def test_the_calendar_marks_the_month_it_is_turned_to(today: dt.date) -> None:
    journal = _journal(today)
    in_january = dt.date(today.year, 1, 20)
    journal.check_ins.update(in_january, ratings={"guilt": 2})
    journal.check_ins.update(today, ratings={"guilt": 3})

    turned = build_today_state(journal, today, month=(today.year, 1))

    assert turned.day == today  # the form stays on the day shown
    assert (turned.calendar.year, turned.calendar.month) == (today.year, 1)
    assert turned.calendar.checked == {in_january}
    first, last = calendar_span(today.year, 1)
    assert (turned.calendar.first, turned.calendar.last) == (first, last)


def test_the_calendar_page_covers_the_six_weeks_a_month_can_show() -> None:
    first, last = calendar_span(2026, 2)  # 1 February 2026 is a Sunday
    assert first <= dt.date(2026, 1, 26)  # the Monday of the first row
    assert last >= dt.date(2026, 3, 8)  # the Sunday of the sixth row
    assert (last - first).days + 1 >= 42


def test_every_tag_is_suggested_the_recent_and_most_used_first(today: dt.date) -> None:
    journal = _journal(today)
    for offset in (1, 2, 3):
        old = today - dt.timedelta(days=TAG_SUGGESTION_DAYS + offset)
        journal.check_ins.update(old, add_tags=["long ago"])
    journal.check_ins.update(today - dt.timedelta(days=5), add_tags=["walk", "family"])
    journal.check_ins.update(today - dt.timedelta(days=1), add_tags=["walk"])
    assert build_today_state(journal, today).tag_suggestions == ("walk", "family", "long ago")
