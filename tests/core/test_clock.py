""" "Today" is the local calendar date, worked out in one place, in every process alike.

A process that stays open (the window's storage stack) follows a change of time
zone as a command started afterwards does; a day after the local date is refused;
nights that gain or lose an hour leave the dates as the calendar has them. Each
case runs in a child process with its own ``TZ``, so this one's zone is left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wlitracker.core import clock

AHEAD, BEHIND = "Etc/GMT-14", "Etc/GMT+12"  # UTC+14 and UTC-12: always a day or two apart

WINDOW = r"""
import json, os, sys, time
from pathlib import Path

from wlitracker import app
from wlitracker.core.model.errors import ValidationError

os.environ["TZ"] = sys.argv[2]
time.tzset()
journal, repo = app.open_journal(Path(sys.argv[1]))  # as the window opens it
ahead = journal.today()
os.environ["TZ"] = sys.argv[3]  # the zone changes while the process runs
behind = journal.today()
try:
    journal.check_ins.update(ahead, note="the day of the old zone")
    refused = ""
except ValidationError as error:
    refused = str(error)
journal.check_ins.update(behind, note="saved after the change")
print(json.dumps({"ahead": str(ahead), "behind": str(behind), "refused": refused}))
"""


def _python(code: str, *args: str, tz: str | None = None) -> str:
    env = {**os.environ, "WLITRACKER_DB": ""}
    if tz is not None:
        env["TZ"] = tz
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cli(db_path: Path, tz: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wlitracker", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TZ": tz, "WLITRACKER_DB": ""},
    )


def _date_in(zone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(zone)).date()


def test_a_running_process_follows_a_change_of_time_zone(db_path: Path) -> None:
    before = _date_in(BEHIND)
    seen = json.loads(_python(WINDOW, str(db_path), AHEAD, BEHIND))
    after = _date_in(BEHIND)

    ahead, behind = dt.date.fromisoformat(seen["ahead"]), dt.date.fromisoformat(seen["behind"])
    assert 1 <= (ahead - behind).days <= 2
    assert behind in (before, after)  # the local date of the new zone
    # The day of the old zone is now in the future: refused, as the command line refuses it.
    assert seen["refused"] == f"date: {ahead} is in the future; today is {behind}"
    late = _cli(db_path, BEHIND, "log", "--date", str(ahead), "--note", "too early")
    assert late.returncode == 2
    assert f"--date: {ahead} is in the future" in late.stderr
    # A command started in the new zone agrees with the process that stayed open.
    shown = _cli(db_path, BEHIND, "show")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"{behind}  ") or _date_in(BEHIND) != behind
    history = _cli(db_path, BEHIND, "history", "--json")
    assert [day["date"] for day in json.loads(history.stdout)] == [str(behind)]


def test_two_runs_in_one_zone_store_one_day(db_path: Path) -> None:
    first = _cli(db_path, "Europe/Berlin", "log", "--satisfaction", "6")
    second = _cli(db_path, "Europe/Berlin", "log", "--guilt", "2")
    assert first.returncode == second.returncode == 0, (first.stderr, second.stderr)
    days = json.loads(_cli(db_path, "Europe/Berlin", "history", "--json").stdout)
    if len(days) == 2:  # only if midnight passed between the two runs
        assert days[1]["date"] == str(_date_in("Europe/Berlin"))
    else:
        assert [d["ratings"] for d in days] == [{"satisfaction": 6, "guilt": 2}]


# The nights around daylight saving, every 10 minutes, compared with the zone's rules.
NIGHTS = [
    ("Europe/Berlin", dt.datetime(2026, 3, 28, 20, 0, tzinfo=dt.UTC)),  # 02:00 -> 03:00
    ("Europe/Berlin", dt.datetime(2026, 10, 24, 20, 0, tzinfo=dt.UTC)),  # 03:00 -> 02:00
    ("America/Santiago", dt.datetime(2026, 9, 5, 21, 0, tzinfo=dt.UTC)),  # 00:00 -> 01:00
    ("America/Santiago", dt.datetime(2026, 4, 4, 21, 0, tzinfo=dt.UTC)),  # 00:00 -> 23:00
]

SWEEP = r"""
import json, sys
from wlitracker.core.clock import local_date
start = float(sys.argv[1])
print(json.dumps([str(local_date(start + 600 * i)) for i in range(72)]))
"""


@pytest.mark.parametrize(("zone", "start"), NIGHTS, ids=[f"{z} {s:%m-%d}" for z, s in NIGHTS])
def test_nights_that_gain_or_lose_an_hour_keep_the_calendar_dates(
    zone: str, start: dt.datetime
) -> None:
    seen = json.loads(_python(SWEEP, str(start.timestamp()), tz=zone))
    expected = [
        str((start + dt.timedelta(minutes=10 * i)).astimezone(ZoneInfo(zone)).date())
        for i in range(72)
    ]
    assert seen == expected
    days = sorted({dt.date.fromisoformat(d) for d in seen})
    assert len(days) == 2 and days[1] - days[0] == dt.timedelta(days=1)


def test_today_is_the_local_date_of_this_moment() -> None:
    before = dt.datetime.now().date()
    today = clock.local_today()
    assert today in (before, dt.datetime.now().date())
    assert clock.local_now().date() in (today, today + dt.timedelta(days=1))
