"""``remove``, ``experiment remove``, ``search`` and ``tags`` on a real journal file."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from wlitracker import app
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository


class Run:
    def __init__(self, db: Path) -> None:
        self.db = db

    def __call__(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        status = app.main(["--db", str(self.db), *args], out=out, err=err)
        return status, out.getvalue(), err.getvalue()

    def ok(self, *args: str) -> str:
        status, out, err = self(*args)
        assert (status, err) == (0, ""), err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))


@pytest.fixture
def run(db_path: Path) -> Run:
    run = Run(db_path)
    run.ok(
        "log",
        "--date",
        "2026-03-10",
        "--satisfaction",
        "7",
        "--note",
        "Café with Anna, then a walk at noon",
        "--tag",
        "gym",
        "--tag",
        "friends",
    )
    run.ok(
        "log", "--date", "2026-03-12", "--guilt", "2", "--note", "Deadline; no walk", "--tag", "Gym"
    )
    run.ok("log", "--date", "2026-03-14", "--tag", "gym")
    return run


def test_search_prints_date_excerpt_and_tags_newest_first(run: Run) -> None:
    assert run.ok("search", "walk") == (
        "2026-03-12  Deadline; no [walk]  tags: Gym\n"
        "2026-03-10  Café with Anna, then a [walk] at noon  tags: gym, friends\n"
    )
    assert run.ok("search", "cafe", "NOON") == (
        "2026-03-10  [Café] with Anna, then a walk at [noon]  tags: gym, friends\n"
    )
    assert run.ok("search", "gym", "--limit", "1") == (
        "2026-03-14  (no note)  tags: gym\n... and 2 older days (see them all with --limit 0)\n"
    )
    assert run.ok("search", "swim") == "No days found for 'swim'.\n"


def test_search_json(run: Run) -> None:
    assert run.json("search", "friend") == [
        {
            "date": "2026-03-10",
            "excerpt": "Café with Anna, then a walk at noon",
            "matches": [],
            "tags": ["gym", "friends"],
        }
    ]
    assert run.json("search", 'walk" OR x') == []  # every word must be there; no syntax


@pytest.mark.parametrize("text", ['"', "NEAR(", "*", "a -x", "a:b", "'; DROP TABLE check_ins"])
def test_search_syntax_is_never_an_error(run: Run, text: str) -> None:
    run.ok("search", text)


def test_tags_list_rename_and_delete(run: Run) -> None:
    assert run.ok("tags") == (
        " DAYS  LAST USED   TAG\n"
        "    2  2026-03-14  gym\n"
        "    1  2026-03-12  Gym\n"
        "    1  2026-03-10  friends\n"
    )
    assert run.ok("tags", "rename", "Gym", "gym") == "Renamed the tag “Gym” to “gym” on 1 day\n"
    assert run.json("tags") == [
        {"tag": "gym", "days": 3, "last_used": "2026-03-14"},
        {"tag": "friends", "days": 1, "last_used": "2026-03-10"},
    ]
    assert run.ok("tags", "delete", "friends") == "Removed the tag “friends” from 1 day\n"
    status, _, err = run("tags", "rename", "swim", "pool")
    assert status == 2 and "no day has the tag 'swim'; tags in use: gym" in err


def test_remove_a_day_prints_what_went_and_nothing_else_changes(run: Run) -> None:
    out = run.ok("remove", "--date", "2026-03-10")
    assert out == (
        "Removed the check-in of Tuesday 10 March 2026:\n"
        "2026-03-10  Satisfaction 7\n"
        "  tags: gym, friends\n"
        "  note: Café with Anna, then a walk at noon\n"
    )
    assert [d["date"] for d in run.json("history")] == ["2026-03-12", "2026-03-14"]
    assert run.ok("search", "cafe") == "No days found for 'cafe'.\n"
    status, _, err = run("remove", "--date", "2026-03-10")
    assert status == 2 and "no check-in on 2026-03-10" in err


def test_remove_a_metrics_history_and_a_decision(run: Run, db_path: Path) -> None:
    assert run.ok("remove", "--metric", "Satisfaction") == (
        "Removed the Satisfaction ratings of 1 day (2026-03-10 to 2026-03-10)\n"
    )
    assert run.json("show", "--date", "2026-03-12")["ratings"] == {"guilt": 2}
    run.ok("experiment", "add", "--title", "Short breaks", "--start", "2026-03-01")
    run.ok("experiment", "decide", "1", "stop", "--reason", "Enough")
    assert run.ok("remove", "--decision", "1") == (
        "Removed the decision “Stop” of 2026-03-16 on #1 “Short breaks”: “Enough”\n"
    )
    assert run.json("experiment", "show", "1")["decisions"] == []


def test_experiment_remove_takes_its_marks_and_decisions(run: Run, db_path: Path) -> None:
    run.ok("experiment", "add", "--title", "Short breaks", "--start", "2026-03-01")
    run.ok("experiment", "add", "--title", "Walk at noon", "--start", "2026-03-01")
    run.ok("log", "--date", "2026-03-14", "--did", "1=done", "--did", "2=partly")
    run.ok("log", "--date", "2026-03-15", "--did", "1=done")
    run.ok("experiment", "decide", "1", "stop", "--reason", "Enough")
    assert run.ok("experiment", "remove", "1") == (
        "Removed experiment #1 “Short breaks”, with 2 adherence marks and 1 decision\n"
    )
    assert [e["id"] for e in run.json("experiment", "list")] == [2]
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        assert repo.get_check_in(dt.date(2026, 3, 15)) is None
        marks = {c.date.day: dict(c.adherence) for c in repo.list_check_ins() if c.adherence}
        assert list(marks) == [14] and set(marks[14]) == {2}
    finally:
        repo.close()
    status, _, err = run("experiment", "remove", "1")
    assert status == 2 and "no experiment with id 1" in err
