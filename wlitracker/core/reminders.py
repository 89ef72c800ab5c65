"""When to invite a check-in: once a day, at the chosen time, only if today is not done."""

from __future__ import annotations

import datetime as dt


def reminder_due(
    now: dt.datetime,
    reminder: dt.time | None,
    checked_in_today: bool,
    last_reminded: dt.date | None,
) -> bool:
    """True when the reminder time has passed today, today has no check-in, and no
    reminder was shown yet today. A reminder is an invitation, never a nag."""
    if reminder is None or checked_in_today:
        return False
    if last_reminded is not None and last_reminded >= now.date():
        return False
    return now.time() >= reminder
