from __future__ import annotations

import datetime as dt

import pytest

from wlitracker.core.reminders import reminder_due

DAY = dt.date(2026, 3, 16)
AT_NINE = dt.time(21, 0)


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute))


@pytest.mark.parametrize(
    ("now", "reminder", "checked_in", "last", "due"),
    [
        (_at(21, 0), AT_NINE, False, None, True),
        (_at(23, 30), AT_NINE, False, DAY - dt.timedelta(days=1), True),
        (_at(20, 59), AT_NINE, False, None, False),
        (_at(21, 5), AT_NINE, True, None, False),
        (_at(21, 5), AT_NINE, False, DAY, False),
        (_at(21, 5), None, False, None, False),
    ],
)
def test_reminder_due(
    now: dt.datetime, reminder: dt.time | None, checked_in: bool, last: dt.date | None, due: bool
) -> None:
    assert reminder_due(now, reminder, checked_in, last) is due
