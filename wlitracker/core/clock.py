"""What day it is, worked out in one place.

"Today" is the local calendar date: the date on the wall clock of the time zone
the system (or ``TZ``) names at this moment. The zone is read afresh on every
call, so a process that stays open for days (the window) follows a change of
time zone exactly as a command started afterwards does, and the two never
disagree about the day. A day is a calendar date, never 24 hours counted from a
moment, so a night that loses or gains an hour for daylight saving changes
nothing: it is still one day to the next.
"""

from __future__ import annotations

import datetime as dt
import time


def _follow_the_zone() -> None:
    # C's localtime() reads the zone once per process unless asked again; Windows has no
    # tzset and follows a change of zone by itself.
    tzset = getattr(time, "tzset", None)
    if tzset is not None:
        tzset()


def local_now() -> dt.datetime:
    """The local wall-clock time now, in the time zone in force at this moment."""
    _follow_the_zone()
    return dt.datetime.now()


def local_today() -> dt.date:
    """The local calendar date now: what "today" means everywhere in the app."""
    return local_now().date()


def local_date(timestamp: float) -> dt.date:
    """The local calendar date at a moment (seconds since the epoch)."""
    _follow_the_zone()
    return dt.datetime.fromtimestamp(timestamp).date()
