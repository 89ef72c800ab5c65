"""What the tray shows: the day's invitation to check in, when it is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..reminders import reminder_due
from ..services.journal import Journal

__all__ = ["TrayState", "build_tray_state"]


@dataclass(frozen=True)
class TrayState:
    day: dt.date
    invite: bool  # show the invitation now (once a day, at the reminder time, if not done)


def build_tray_state(
    journal: Journal, now: dt.datetime, last_reminded: dt.date | None
) -> TrayState:
    """The state at ``now``; ``last_reminded``: the day the invitation was last shown."""
    day = now.date()
    due = reminder_due(
        now,
        journal.preferences.reminder_time(),
        not journal.check_ins.get(day).is_empty,
        last_reminded,
    )
    return TrayState(day, due)
