"""The command line, end to end: arguments in, text out, and what lands in the database.

Commands run in-process through ``wlitracker.app.main`` with a fixed today; one
test runs the real ``python -m wlitracker`` in a subprocess.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pytest

from wlitracker import __version__, app, paths
from wlitracker.core.model.entities import Adherence, CheckIn, DecisionKind, Domain, Status, Target
from wlitracker.core.services.checkins import CheckInService
from wlitracker.core.templates import TEMPLATES
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

# --- harness --------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs ``wlitracker --db DB_PATH ARGS...`` in-process and captures both streams."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def __call__(self, *args: str, db: Path | None = None) -> Result:
        out, err = io.StringIO(), io.StringIO()
        status = app.main(["--db", str(db or self.db_path), *args], out=out, err=err)
        return Result(status, out.getvalue(), err.getvalue())

    def ok(self, *args: str, db: Path | None = None) -> Result:
        result = self(*args, db=db)
        assert (result.status, result.err) == (0, ""), result
        return result

    def export(self, path: Path, db: Path | None = None) -> dict[str, Any]:
        self.ok("export", "--format", "json", "-o", str(path), db=db)
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data


@pytest.fixture
def cli(db_path: Path) -> Cli:
    return Cli(db_path)


@contextlib.contextmanager
def stored(db_path: Path) -> Iterator[SqliteRepository]:
    """The database reopened the way the app opens it, independent of the command line."""
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        yield repo
    finally:
        repo.close()


def stored_day(db_path: Path, day: dt.date) -> CheckIn | None:
    with stored(db_path) as repo:
        return repo.get_check_in(day)


def table_dump(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, timestamps included: proof that nothing was written."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        names = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
        }


def one_line(text: str) -> str:
    assert text.endswith("\n") and text.count("\n") == 1, repr(text)
    assert "Traceback" not in text
    return text


# --- log and show ---------------------------------------------------------


def test_log_creates_today_and_prints_the_saved_day(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    result = cli.ok("log", "--satisfaction", "7", "--guilt", "2", "--tag", "gym", "--note", "ok")

    assert result.out == "2026-03-16  Satisfaction 7  Guilt 2\n  tags: gym\n  note: ok\n"
    assert stored_day(db_path, today) == CheckIn(
        today, {"satisfaction": 7, "guilt": 2}, tags=("gym",), note="ok"
    )


def test_log_updates_only_the_fields_given(cli: Cli, db_path: Path, today: dt.date) -> None:
    cli.ok("log", "--satisfaction", "7", "--guilt", "2", "--tag", "gym", "--note", "ok")
    cli.ok("log", "--unusual", "ill")

    result = cli.ok("log", "--guilt", "3", "--tag", "family")

    assert result.out == (
        "2026-03-16  Satisfaction 7  Guilt 3\n  tags: gym, family\n  unusual day: ill\n  note: ok\n"
    )
    assert stored_day(db_path, today) == CheckIn(
        today,
        {"satisfaction": 7, "guilt": 3},
        tags=("gym", "family"),
        note="ok",
        unusual="ill",
    )


def test_clearing_a_rating_leaves_it_absent_never_zero(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    cli.ok("log", "--satisfaction", "7", "--guilt", "2")

    result = cli.ok("log", "--rate", "guilt=")

    assert result.out == "2026-03-16  Satisfaction 7\n"
    day = stored_day(db_path, today)
    assert day is not None
    assert dict(day.ratings) == {"satisfaction": 7}
    assert cli.ok("show", "--json").json()["ratings"] == {"satisfaction": 7}


def test_untag_usual_and_empty_note_clear_those_fields(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    cli.ok(
        "log", "--satisfaction", "5", "--tag", "a", "--tag", "b", "--note", "x", "--unusual", "ill"
    )

    result = cli.ok("log", "--untag", "a", "--usual", "--note", "")

    assert result.out == "2026-03-16  Satisfaction 5\n  tags: b\n"
    assert stored_day(db_path, today) == CheckIn(today, {"satisfaction": 5}, tags=("b",))


def test_clearing_everything_removes_the_day(cli: Cli, db_path: Path, today: dt.date) -> None:
    cli.ok("log", "--satisfaction", "5")

    result = cli.ok("log", "--rate", "satisfaction=")

    assert result.out == "2026-03-16  (no check-in)\n"
    assert stored_day(db_path, today) is None
    assert cli.ok("history", "--json").json() == []


def test_log_a_past_day_with_a_custom_metric(cli: Cli, db_path: Path) -> None:
    cli.ok("metric", "add", "Energy", "--min", "1", "--max", "5", "--better", "higher")

    result = cli.ok("log", "--date", "2026-03-10", "--rate", "energy=4", "--rate", "Guilt=1")

    assert result.out == "2026-03-10  Guilt 1  Energy 4\n"  # as typed: "Energy"
    day = dt.date(2026, 3, 10)
    assert stored_day(db_path, day) == CheckIn(day, {"guilt": 1, "energy": 4})
    assert cli.ok("show", "--date", "2026-03-10", "--json").json() == {
        "date": "2026-03-10",
        "ratings": {"guilt": 1, "energy": 4},
        "adherence": {},
        "tags": [],
        "note": "",
        "unusual": None,
    }
    assert cli.ok("show", "--json").json()["ratings"] == {}


@pytest.mark.parametrize(
    ("word", "mark", "label"),
    [
        ("done", Adherence.DONE, "done"),
        ("partly", Adherence.PARTLY, "partly"),
        ("not", Adherence.NOT_DONE, "not done"),
        ("unscheduled", Adherence.NOT_SCHEDULED, "not scheduled"),
    ],
)
def test_log_did_records_adherence(
    cli: Cli, db_path: Path, today: dt.date, word: str, mark: Adherence, label: str
) -> None:
    experiment_id = cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-10").out
    assert experiment_id.splitlines()[0] == "1"

    result = cli.ok("log", "--did", f"1={word}")

    assert result.out == f"2026-03-16  (no ratings)\n  did #1 Walk: {label}\n"
    assert stored_day(db_path, today) == CheckIn(today, adherence={1: mark})
    assert cli.ok("show", "--json").json()["adherence"] == {"1": mark.value}


def test_show_a_day_never_rated(cli: Cli) -> None:
    assert cli.ok("show").out == "2026-03-16  (no check-in)\n"
    assert cli.ok("show", "--date", "2026-01-02", "--json").json() == {
        "date": "2026-01-02",
        "ratings": {},
        "adherence": {},
        "tags": [],
        "note": "",
        "unusual": None,
    }


def test_history_lists_days_in_order_and_filters(cli: Cli) -> None:
    assert cli.ok("history").out.startswith("No check-ins yet.")
    assert cli.ok("history", "--json").json() == []
    for day, value in (("2026-03-14", "4"), ("2026-03-01", "6"), ("2026-03-16", "8")):
        cli.ok("log", "--date", day, "--satisfaction", value)

    everything = cli.ok("history", "--json").json()
    assert [(d["date"], d["ratings"]) for d in everything] == [
        ("2026-03-01", {"satisfaction": 6}),
        ("2026-03-14", {"satisfaction": 4}),
        ("2026-03-16", {"satisfaction": 8}),
    ]
    window = cli.ok("history", "--from", "2026-03-02", "--to", "2026-03-15", "--json").json()
    assert [d["date"] for d in window] == ["2026-03-14"]
    assert cli.ok("history", "--from", "2026-03-14").out == (
        "2026-03-14  Satisfaction 4\n2026-03-16  Satisfaction 8\n"
    )


# --- metrics and templates ------------------------------------------------


HIGHER = ("--better", "higher")


def test_a_metric_is_printed_as_typed_and_found_in_any_case(cli: Cli) -> None:
    assert cli.ok(
        "metric", "add", "Sleep Hours", "--min", "0", "--max", "12", *HIGHER
    ).out.startswith("Added Sleep Hours (0 to 12,")
    logged = cli.ok("log", "--date", "2026-03-10", "--rate", "SLEEP hours=7", "--guilt", "1")
    assert logged.out == "2026-03-10  Guilt 1  Sleep Hours 7\n"
    assert cli.ok("show", "--date", "2026-03-10", "--json").json()["ratings"] == {
        "guilt": 1,
        "sleep hours": 7,
    }
    assert cli.ok("history", "--json").json()[0]["ratings"] == {"guilt": 1, "sleep hours": 7}
    assert cli.ok("metric", "list").out.splitlines()[2].startswith("Sleep Hours ")
    listed = cli.ok("metric", "list", "--json").json()
    assert (listed[2]["name"], listed[2]["label"]) == ("sleep hours", "Sleep Hours")
    refused = cli("metric", "add", "sleep hours", "--min", "0", "--max", "12", *HIGHER)
    assert refused.status == 2 and "'Sleep Hours' already exists" in refused.err


def test_metric_add_and_list(cli: Cli, db_path: Path) -> None:
    result = cli.ok("metric", "add", "Stress", "--min", "0", "--max", "4", "--better", "lower")

    assert result.out == "Added Stress (0 to 4, lower is better)\n"
    with stored(db_path) as repo:
        metric = repo.get_metric("stress")
    assert metric is not None
    assert (metric.min_value, metric.max_value, metric.better, metric.builtin) == (
        0,
        4,
        "lower",
        False,
    )
    listed = cli.ok("metric", "list", "--json").json()
    assert [(m["name"], m["min"], m["max"], m["better"], m["builtin"]) for m in listed] == [
        ("satisfaction", 0, 10, "higher", True),
        ("guilt", 0, 10, "lower", True),
        ("stress", 0, 4, "lower", False),
    ]
    assert [m["label"] for m in listed] == ["Satisfaction", "Guilt", "Stress"]
    text = cli.ok("metric", "list").out.splitlines()
    assert len(text) == 3
    assert text[0].split() == ["Satisfaction", "0..10", "higher", "is", "better", "(built", "in)"]
    assert text[2].split() == ["Stress", "0..4", "lower", "is", "better"]


def test_templates_offers_ten_ideas(cli: Cli, db_path: Path) -> None:
    ideas = cli.ok("templates", "--json").json()

    assert len(ideas) == 10
    assert [i["key"] for i in ideas] == [t.key for t in TEMPLATES]
    for idea in ideas:
        assert idea["title"] and idea["why"] and idea["shift"] and idea["hypothesis"]
        assert idea["targets"]
        assert idea["schedule"]["design"] in ("ab", "abab")
        assert "id" not in idea and "created_on" not in idea
    text = cli.ok("templates").out
    assert all(t.key in text and t.title in text for t in TEMPLATES)
    with stored(db_path) as repo:
        assert repo.is_empty()


# --- experiments ----------------------------------------------------------


def test_experiment_add_from_a_template_with_overrides(cli: Cli, db_path: Path) -> None:
    result = cli.ok(
        "experiment",
        "add",
        "--title",
        "  Lunch   workout ",
        "--template",
        "midday-exercise",
        "--hypothesis",
        "Calmer evenings",
        "--domain",
        "health",
        "--domain",
        "personal growth",
        "--target",
        "guilt=lower",
        "--baseline-days",
        "3",
        "--start",
        "2026-03-14",
    )

    assert result.out.splitlines()[0] == "1"
    with stored(db_path) as repo:
        experiment = repo.get_experiment(1)
    assert experiment is not None
    assert experiment.title == "Lunch workout"
    assert experiment.template == "midday-exercise"
    assert experiment.intention == "Self-care during the day"
    assert experiment.hypothesis == "Calmer evenings"
    assert experiment.domains == (Domain.HEALTH, Domain.PERSONAL_GROWTH)
    assert experiment.targets == (Target("guilt", "lower"),)
    assert [p.days for p in experiment.schedule.plan] == [3, 14]
    assert experiment.schedule.start == dt.date(2026, 3, 14)
    assert (experiment.version, experiment.parent_id) == (1, None)
    assert experiment.created_on == dt.date(2026, 3, 16)

    shown = cli.ok("experiment", "show", "1", "--json").json()
    assert shown["status"] == "baseline"
    assert shown["current_phase"] == "A"
    assert shown["days_left"] == 15
    assert shown["phases"] == [
        {"label": "A", "kind": "baseline", "start": "2026-03-14", "end": "2026-03-16"},
        {"label": "B", "kind": "trial", "start": "2026-03-17", "end": "2026-03-30"},
    ]
    assert shown["lineage"] == [{"id": 1, "version": 1, "decision": None, "reason": None}]
    text = cli.ok("experiment", "show", "1").out
    assert text.startswith("#1 Lunch workout (version 1)\n  status: baseline\n")
    assert "  targets: Guilt (lower is better)\n" in text
    assert "  schedule: A-B\n" in text


def test_experiment_add_defaults_and_abab_design(cli: Cli, db_path: Path) -> None:
    plain_out = cli.ok("experiment", "add", "--title", "Plain").out
    assert plain_out == (
        "1\nPlanned 14 + 14 days. Plan 14 baseline and 14 trial days: Satisfaction has 0 rated "
        "days in the last 90, and 28 are needed to size the experiment from your own days.\n"
    )
    assert cli.ok(
        "experiment", "add", "--title", "Blocks", "--design", "abab", "--block-days", "5"
    ).out.startswith("2\nPlanned 5 + 5 + 5 + 5 days.")

    with stored(db_path) as repo:
        plain, blocks = repo.get_experiment(1), repo.get_experiment(2)
    assert plain is not None and blocks is not None
    assert [p.days for p in plain.schedule.plan] == [14, 14]
    assert plain.schedule.start == dt.date(2026, 3, 16)
    assert [t.metric for t in plain.targets] == ["satisfaction", "guilt"]  # the defaults, stored
    assert [(p.kind.value, p.days) for p in blocks.schedule.plan] == [
        ("baseline", 5),
        ("trial", 5),
        ("baseline", 5),
        ("trial", 5),
    ]
    listed = cli.ok("experiment", "list", "--json").json()
    assert [(e["id"], e["title"], e["status"]) for e in listed] == [
        (1, "Plain", "baseline"),
        (2, "Blocks", "baseline"),
    ]
    assert [p["label"] for p in listed[1]["phases"]] == ["A", "B", "A2", "B2"]
    rows = cli.ok("experiment", "list").out.splitlines()
    assert rows[0].split() == ["ID", "STATUS", "PHASE", "DAYS", "LEFT", "VERDICT", "TITLE"]
    assert rows[1].split() == ["1", "baseline", "A", "28", "keep", "going", "Plain"]
    assert cli.ok("experiment", "show", "2").out.count("\n    A") == 2


def test_experiment_list_when_there_are_none(cli: Cli) -> None:
    assert cli.ok("experiment", "list").out.startswith("No experiments yet.")
    assert cli.ok("experiment", "list", "--json").json() == []


def test_adjust_creates_a_linked_second_version(cli: Cli, db_path: Path) -> None:
    cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-01", "--target", "guilt")

    result = cli.ok("experiment", "decide", "1", "adjust", "--reason", "Too  long a walk")

    assert result.out == "2\n"
    with stored(db_path) as repo:
        old, new = repo.get_experiment(1), repo.get_experiment(2)
        decisions = repo.list_decisions()
    assert old is not None and new is not None
    assert (new.parent_id, new.version, new.title) == (1, 2, "Walk")
    assert new.targets == old.targets == (Target("guilt", "lower"),)
    assert new.schedule.plan == old.schedule.plan
    assert new.schedule.start == dt.date(2026, 3, 17)
    assert [
        (d.experiment_id, d.kind, d.reason, d.decided_on, d.new_experiment_id) for d in decisions
    ] == [(1, DecisionKind.ADJUST, "Too long a walk", dt.date(2026, 3, 16), 2)]
    statuses = {e["id"]: e["status"] for e in cli.ok("experiment", "list", "--json").json()}
    assert statuses == {1: "adjusted", 2: "planned"}
    lineage = [
        {"id": 1, "version": 1, "decision": "adjust", "reason": "Too long a walk"},
        {"id": 2, "version": 2, "decision": None, "reason": None},
    ]
    assert cli.ok("experiment", "show", "2", "--json").json()["lineage"] == lineage
    assert cli.ok("experiment", "show", "1", "--json").json()["lineage"] == lineage
    text = cli.ok("experiment", "show", "2").out
    assert "#2 Walk (version 2)" in text
    assert "    v1 #1 -> adjust: Too long a walk\n    v2 #2\n" in text


@pytest.mark.parametrize(
    ("kind", "status"),
    [("persist", "persisted"), ("switch", "switched"), ("stop", "stopped")],
)
def test_decide_closes_the_experiment_once(cli: Cli, db_path: Path, kind: str, status: str) -> None:
    cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-01")

    result = cli.ok("experiment", "decide", "1", kind, "--reason", "Because")

    # Day 16 of 21: decided before the plan's end, which the output notes.
    assert result.out.startswith(f"Recorded: {kind} (#1)\nNote: decided before the plan's end.")
    shown = cli.ok("experiment", "show", "1", "--json").json()
    assert shown["status"] == status
    assert [(d["kind"], d["reason"], d["decided_on"]) for d in shown["decisions"]] == [
        (kind, "Because", "2026-03-16")
    ]
    with stored(db_path) as repo:
        assert len(repo.list_experiments()) == 1
    before = table_dump(db_path)

    again = cli("experiment", "decide", "1", "stop", "--reason", "Changed my mind")

    assert (again.status, again.out) == (2, "")
    assert f"already decided ({kind}, 2026-03-16)" in one_line(again.err)
    assert table_dump(db_path) == before


# --- export and import ----------------------------------------------------


def test_export_import_export_gives_identical_content(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo", "--days", "150", "--seed", "11")
    cli.ok("metric", "add", "focus", "--min", "-3", "--max", "3", "--better", "higher")
    cli.ok("log", "--rate", "focus=-2", "--note", "Zürich\nline two", "--tag", "ünïcode")
    first = cli.export(tmp_path / "first.json")
    empty = tmp_path / "empty.db"

    result = cli.ok("import", str(tmp_path / "first.json"), db=empty)

    assert result.out == (
        f"Imported {len(first['check_ins'])} check-ins, {len(first['experiments'])} "
        f"experiments, {len(first['decisions'])} decisions, 3 metrics\n"
    )
    second = cli.export(tmp_path / "second.json", db=empty)
    assert second == first
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
    with stored(empty) as repo:
        day = repo.get_check_in(dt.date(2026, 3, 16))
    assert day is not None
    assert (day.ratings["focus"], day.note, day.tags[-1]) == (-2, "Zürich\nline two", "ünïcode")


def test_import_into_a_non_empty_database_is_refused(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source.db"
    cli.ok("log", "--satisfaction", "9", db=source)
    cli.export(tmp_path / "export.json", db=source)
    cli.ok("log", "--satisfaction", "3", "--date", "2026-03-01")
    before = table_dump(db_path)

    result = cli("import", str(tmp_path / "export.json"))

    assert (result.status, result.out) == (2, "")
    assert "already holds a journal" in one_line(result.err)
    assert table_dump(db_path) == before


def test_import_of_a_file_that_is_not_an_export_is_refused(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"format": "something-else"}', encoding="utf-8")
    cli.ok("metric", "list")
    before = table_dump(db_path)

    result = cli("import", str(bogus))

    assert (result.status, result.out) == (2, "")
    assert "is not a wlitracker-json export" in one_line(result.err)
    assert table_dump(db_path) == before


def test_csv_export_is_spreadsheet_safe(cli: Cli, tmp_path: Path) -> None:
    cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-10")
    cli.ok("log", "--date", "2026-03-15", "--satisfaction", "6", "--note", "=HYPERLINK(1)")
    cli.ok("log", "--guilt", "1", "--did", "1=partly", "--tag", "@home", "--tag", "gym")
    target = tmp_path / "days.csv"

    result = cli.ok("export", "--format", "csv", "-o", str(target))

    assert result.out == f"Exported to {target}\n"
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == [
        ["date", "satisfaction", "guilt", "experiment 1: Walk", "tags", "unusual", "note"],
        ["2026-03-15", "6", "", "", "", "", "'=HYPERLINK(1)"],
        ["2026-03-16", "", "1", "partly", "'@home; gym", "", ""],
    ]


# --- demo -----------------------------------------------------------------


def test_demo_fills_weeks_of_history_and_experiments_in_every_state(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    result = cli.ok("demo")

    counts = re.fullmatch(
        r"Demo journal ready: (\d+) check-ins, (\d+) experiments, (\d+) decisions\n", result.out
    )
    assert counts is not None
    history = cli.ok("history", "--json").json()
    dates = [dt.date.fromisoformat(d["date"]) for d in history]
    assert len(history) == int(counts[1]) >= 12 * 7
    assert dates == sorted(dates) and dates[-1] <= today
    assert (today - dates[0]).days >= 100
    for day in history:
        assert all(0 <= v <= 10 for v in day["ratings"].values())
    experiments = cli.ok("experiment", "list", "--json").json()
    assert len(experiments) == int(counts[2])
    # Routines come from imports (Loop Habit Tracker); the demo shows experiments.
    assert {e["status"] for e in experiments} == {s.value for s in Status} - {"routine"}
    assert sum(len(e["decisions"]) for e in experiments) == int(counts[3])
    adjusted = next(e for e in experiments if e["status"] == "adjusted")
    child = next(e for e in experiments if e["parent_id"] == adjusted["id"])
    assert child["version"] == 2
    with stored(db_path) as repo:
        assert len(repo.list_check_ins()) == len(history)
        assert {m.name for m in repo.list_metrics()} == {
            "satisfaction",
            "guilt",
            "energy",
            "stress",
        }


def test_demo_is_reproducible_for_a_seed(cli: Cli, tmp_path: Path) -> None:
    cli.ok("demo", "--days", "120", "--seed", "3", db=tmp_path / "a.db")
    cli.ok("demo", "--days", "120", "--seed", "3", db=tmp_path / "b.db")
    cli.ok("demo", "--days", "120", "--seed", "4", db=tmp_path / "c.db")

    a = cli.export(tmp_path / "a.json", db=tmp_path / "a.db")
    b = cli.export(tmp_path / "b.json", db=tmp_path / "b.db")
    c = cli.export(tmp_path / "c.json", db=tmp_path / "c.db")

    assert a == b
    assert a["check_ins"] != c["check_ins"]


def test_demo_refuses_a_non_empty_database_unless_forced(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("metric", "add", "focus", "--min", "0", "--max", "5", "--better", "higher")
    cli.ok("log", "--rate", "focus=3", "--note", "mine")
    before = table_dump(db_path)

    refused = cli("demo", "--days", "120")

    assert (refused.status, refused.out) == (2, "")
    assert "--force" in one_line(refused.err)
    assert table_dump(db_path) == before

    cli.ok("demo", "--days", "120", "--force")

    fresh = tmp_path / "fresh.db"
    cli.ok("demo", "--days", "120", db=fresh)
    replaced = cli.export(tmp_path / "replaced.json")
    assert replaced == cli.export(tmp_path / "fresh.json", db=fresh)
    assert "focus" not in {m["name"] for m in replaced["metrics"]}
    assert all(c["note"] != "mine" for c in replaced["check_ins"])


# --- help, version, bad input, failures -----------------------------------


def test_version(cli: Cli) -> None:
    assert cli.ok("--version").out == f"wlitracker {__version__}\n"


def test_without_a_command_hands_over_to_the_window(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No command opens the window (faked here: a real one would block in Qt's event loop)."""
    opened: list[Path] = []

    def start_window(path: Path, log_path: Path | None, err: TextIO) -> int:
        opened.append(path)
        return 0

    monkeypatch.setattr(app, "start_window", start_window)
    out, err = io.StringIO(), io.StringIO()

    assert app.main(["--db", str(db_path)], out=out, err=err) == 0

    assert opened == [db_path]
    assert (out.getvalue(), err.getvalue()) == ("", "")
    assert not db_path.exists()


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["log"],
        ["show"],
        ["history"],
        ["metric"],
        ["metric", "add"],
        ["metric", "list"],
        ["templates"],
        ["experiment"],
        ["experiment", "add"],
        ["experiment", "list"],
        ["experiment", "show"],
        ["experiment", "decide"],
        ["export"],
        ["import"],
        ["demo"],
    ],
    ids=lambda c: " ".join(c) or "wlitracker",
)
def test_help_on_every_command(cli: Cli, db_path: Path, command: list[str]) -> None:
    result = cli.ok(*command, "--help")

    assert result.out.startswith(" ".join(["usage: wlitracker", *command]))
    assert not db_path.exists()


def _seed(cli: Cli) -> None:
    """A journal with a custom metric, a day, a running and a planned experiment."""
    cli.ok("metric", "add", "energy", "--min", "1", "--max", "5", "--better", "higher")
    cli.ok("log", "--satisfaction", "7", "--rate", "energy=3", "--tag", "gym", "--note", "n")
    assert cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-10").out.startswith(
        "1\n"
    )
    assert cli.ok("experiment", "add", "--title", "Later", "--start", "2026-03-20").out.startswith(
        "2\n"
    )


BAD_INPUT = [
    (["log", "--satisfaction", "11"], ["satisfaction", "from 0 to 10"]),
    (["log", "--guilt", "-1"], ["guilt", "from 0 to 10"]),
    (["log", "--rate", "energy=6"], ["energy", "from 1 to 5"]),
    (["log", "--rate", "energy=0", "--satisfaction", "2"], ["energy", "from 1 to 5"]),
    (["log", "--rate", "energy=high"], ["energy", "whole number"]),
    (["log", "--rate", "mood=3"], ["mood", "known metrics: Satisfaction, Guilt, energy"]),
    (["log", "--rate", "energy"], ["--rate", "NAME=N"]),
    (["log", "--satisfaction", "seven"], ["--satisfaction", "int"]),
    (["log", "--date", "2026-02-30", "--satisfaction", "1"], ["--date", "YYYY-MM-DD"]),
    (["log", "--date", "16/03/2026", "--satisfaction", "1"], ["--date", "YYYY-MM-DD"]),
    (["log", "--date", "2026-03-17", "--satisfaction", "1"], ["--date", "future"]),
    (["log", "--did", "9=done"], ["experiment", "no experiment with id 9"]),
    (["log", "--did", "1=maybe"], ["--did", "done, partly, not, unscheduled"]),
    (["log", "--did", "walk=done"], ["--did", "whole number"]),
    (["log", "--did", "2=done"], ["adherence", "experiment 2 is not running"]),
    (["log", "--unusual", "  "], ["--unusual", "reason"]),
    (["log", "--unusual", "ill", "--usual"], ["--usual", "not allowed"]),
    (["log", "--bogus"], ["unrecognized arguments: --bogus"]),
    (["show", "--date", "yesterday"], ["--date", "YYYY-MM-DD"]),
    (["show", "--date", "2027-01-01"], ["--date", "future"]),
    (["history", "--from", "2026-03-40"], ["--from", "YYYY-MM-DD"]),
    (["history", "--from", "2026-03-10", "--to", "2026-03-01"], ["from", "after"]),
    (
        ["metric", "add", "energy", "--min", "0", "--max", "3", "--better", "higher"],
        ["energy", "already exists"],
    ),
    (
        ["metric", "add", "focus", "--min", "5", "--max", "5", "--better", "higher"],
        ["--min/--max", "the lowest rating (5) must be below the highest (5)"],
    ),
    (
        ["metric", "add", "focus", "--min", "0", "--max", "5", "--better", "more"],
        ["--better", "higher", "lower"],
    ),
    (
        ["metric", "add", "a=b", "--min", "0", "--max", "5", "--better", "higher"],
        ["metric name", "'='"],
    ),
    (["metric"], ["ACTION"]),
    (["experiment", "show", "9"], ["experiment", "no experiment with id 9"]),
    (["experiment", "show", "one"], ["id", "int"]),
    (["experiment", "decide", "9", "stop", "--reason", "x"], ["no experiment with id 9"]),
    (
        ["experiment", "decide", "1", "pause", "--reason", "x"],
        ["decision", "persist", "adjust", "switch", "stop"],
    ),
    (["experiment", "decide", "1", "stop", "--reason", " "], ["reason", "why"]),
    (["experiment", "decide", "1", "stop"], ["--reason", "required"]),
    (["experiment", "add", "--title", " "], ["title", "must not be empty"]),
    (["experiment", "add", "--title", "T", "--target", "mood"], ["mood", "known metrics"]),
    (
        ["experiment", "add", "--title", "T", "--target", "guilt=up"],
        ["--target", "higher or lower"],
    ),
    (["experiment", "add", "--title", "T", "--template", "nope"], ["nope"]),
    (["experiment", "add", "--title", "T", "--domain", "hobbies"], ["--domain", "personal growth"]),
    (["experiment", "add", "--title", "T", "--design", "aba"], ["--design", "ab", "abab"]),
    (["experiment", "add", "--title", "T", "--baseline-days", "0"], ["baseline days", "1 to 365"]),
    (["experiment", "add", "--title", "T", "--trial-days", "400"], ["trial days", "1 to 365"]),
    (
        ["experiment", "add", "--title", "T", "--design", "abab", "--block-days", "0"],
        ["block days", "1 to 365"],
    ),
    (["experiment", "add", "--title", "T", "--block-days", "5"], ["--block-days", "abab"]),
    (["experiment", "add", "--title", "T", "--start", "2026-3-1"], ["--start", "YYYY-MM-DD"]),
    (["experiment", "add", "--title", "T", "--start", "2028-01-01"], ["start", "within a year"]),
    (["export", "--format", "xml", "-o", "x.xml"], ["--format", "json", "csv"]),
    (["demo", "--days", "5", "--force"], ["days", "from 120 to 3650"]),
    (["frobnicate"], ["invalid choice", "log"]),
]


@pytest.mark.parametrize(
    ("args", "expected"), BAD_INPUT, ids=[" ".join(args) for args, _ in BAD_INPUT]
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    cli: Cli, db_path: Path, args: list[str], expected: list[str]
) -> None:
    _seed(cli)
    before = table_dump(db_path)

    result = cli(*args)

    assert (result.status, result.out) == (2, "")
    message = one_line(result.err)
    assert message.startswith("wlitracker")
    for part in expected:
        assert part in message
    assert table_dump(db_path) == before


def test_internal_error_exits_1_and_points_to_the_log(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("log", "--satisfaction", "4")
    before = table_dump(db_path)

    def broken(self: CheckInService, *args: object, **kwargs: object) -> CheckIn:
        raise RuntimeError("disk gremlins")

    monkeypatch.setattr(CheckInService, "update", broken)

    result = cli("log", "--satisfaction", "5")

    assert (result.status, result.out) == (1, "")
    message = one_line(result.err)
    assert message.startswith("wlitracker: internal error: RuntimeError: disk gremlins.")
    assert str(paths.log_file()) in message
    logged = paths.log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "disk gremlins" in logged
    assert table_dump(db_path) == before


def test_the_database_file_is_private(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "journal.db"

    cli.ok("log", "--satisfaction", "5", db=db)

    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stored_day(db, dt.date(2026, 3, 16)) == CheckIn(
        dt.date(2026, 3, 16), {"satisfaction": 5}
    )


def test_the_console_script_runs_for_real(tmp_path: Path) -> None:
    db = str(tmp_path / "real.db")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    assert all(name in env for name in ("XDG_DATA_HOME", "XDG_STATE_HOME"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wlitracker", "--db", db, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )

    logged = run("log", "--satisfaction", "7", "--guilt", "2")
    shown = run("show", "--json")

    assert (logged.returncode, logged.stderr) == (0, ""), logged.stderr
    assert logged.stdout.endswith("  Satisfaction 7  Guilt 2\n")
    assert (shown.returncode, shown.stderr) == (0, ""), shown.stderr
    day = json.loads(shown.stdout)
    assert day["ratings"] == {"satisfaction": 7, "guilt": 2}
    assert logged.stdout.startswith(day["date"])
    assert dt.date.fromisoformat(day["date"]) in {
        dt.date.today(),
        dt.date.today() - dt.timedelta(days=1),
    }
    assert stat.S_IMODE(Path(db).stat().st_mode) == 0o600


# --- insights and routines ----------------------------------------------------


def test_insights_prints_the_strongest_first_and_json_has_the_fields(
    cli: Cli, today: dt.date
) -> None:
    for offset in range(45):
        gym = offset % 3 == 0
        args = ["log", "--date", (today - dt.timedelta(days=offset)).isoformat()]
        args += ["--satisfaction", str(5 + offset % 2), "--guilt", "2" if gym else "6"]
        cli.ok(*args, *(["--tag", "gym"] if gym else []))
    text = cli.ok("insights").out
    assert "1.*Days tagged “gym”: Guilt 4.0 lower (better)" in text
    assert "associations, not causes" in text
    rows = cli.ok("insights", "--json").json()
    assert list(rows[0]) == [
        "factor",
        "kind",
        "experiment_id",
        "metric",
        "difference",
        "ci_low",
        "ci_high",
        "days_with",
        "days_without",
        "mean_with",
        "mean_without",
        "p_value",
        "q_value",
        "strong",
    ]
    assert (rows[0]["factor"], rows[0]["kind"], rows[0]["metric"]) == ("gym", "tag", "guilt")
    assert (rows[0]["days_with"], rows[0]["days_without"]) == (15, 30)
    assert rows[0]["ci_low"] < rows[0]["difference"] < rows[0]["ci_high"] < 0
    assert [r["q_value"] for r in rows] == sorted(r["q_value"] for r in rows)
    only = cli.ok("insights", "--metric", "Satisfaction", "--json").json()
    assert {r["metric"] for r in only} == {"satisfaction"}
    assert only == [r for r in rows if r["metric"] == "satisfaction"]  # same q-values
    assert cli.ok("insights", "--from", today.isoformat()).out.count("Nothing to compare") == 1
    assert cli("insights", "--metric", "nope").status == 2


def test_a_persisted_experiment_shows_its_routine_and_can_be_paused(
    cli: Cli, today: dt.date
) -> None:
    start = today - dt.timedelta(days=20)
    made = cli.ok(
        "experiment",
        "add",
        "--title",
        "Walk",
        "--baseline-days",
        "5",
        "--trial-days",
        "10",
        "--start",
        start.isoformat(),
    ).out.split()[0]
    for offset in range(5, 15):
        day = (start + dt.timedelta(days=offset)).isoformat()
        cli.ok("log", "--date", day, "--satisfaction", "7", "--did", f"{made}=done")
    assert cli.ok("experiment", "show", made, "--json").json()["routine"] is None
    cli.ok("experiment", "decide", made, "persist", "--reason", "Calmer")
    routine = cli.ok("experiment", "show", made, "--json").json()["routine"]
    assert routine["state"] == "kept" and routine["since"] == today.isoformat()
    assert routine["days_done_last_30"] == 10 and 0 < routine["score"] < 1
    assert "Kept up:" in cli.ok("experiment", "show", made).out
    assert cli.ok("experiment", "pause", made, "--reason", "Away").out.startswith("Paused: #")
    assert cli("experiment", "pause", made, "--reason", "again").status == 2
    assert cli("experiment", "pause", made).status == 2  # a reason is needed
    shown = cli.ok("experiment", "show", made, "--json").json()["routine"]
    assert shown["state"] == "paused" and shown["changes"][0]["reason"] == "Away"
    cli.ok("experiment", "resume", made)
    cli.ok("experiment", "retire", made, "--reason", "It is how I work now")
    assert cli.ok("experiment", "show", made, "--json").json()["routine"]["retired_on"] == (
        today.isoformat()
    )
