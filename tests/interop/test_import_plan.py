"""Detecting formats, planning without writing, and applying in one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core.model.errors import ConflictError, ValidationError, WliError
from wlitracker.core.services.journal import Journal
from wlitracker.interop.importing import (
    ImportPlan,
    Tally,
    apply_import,
    describe_plan,
    detect_format,
    half_up,
    preview,
)

Snapshot = Callable[[Journal], dict[str, Any]]
D = dt.date


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("daylio/year_english.csv", "daylio"),
        ("daylio/year_polish.csv", "daylio"),
        ("daylio/fulldate_7col_ampm.csv", "daylio"),
        ("daylio/fulldate_8col.csv", "daylio"),
        ("daylio/fulldate_9col_scales.csv", "daylio"),
        ("loop/v1", "loop"),
        ("loop/v2/Habits.csv", "loop"),
        ("loop/v3", "loop"),
    ],
)
def test_formats_are_recognised(data: Path, name: str, expected: str) -> None:
    assert detect_format(data / name) == expected


def test_other_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    database = tmp_path / "loop.db"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE Habits (id INTEGER)")
    with pytest.raises(ValidationError, match="is an SQLite database"):
        detect_format(database)
    backup = tmp_path / "backup.daylio"
    with zipfile.ZipFile(backup, "w") as archive:
        archive.writestr("backup.daylio", "e30=")
    with pytest.raises(ValidationError, match="is a Daylio backup"):
        detect_format(backup)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match=r"its first line is '\(empty\)'"):
        detect_format(empty)
    json_file = tmp_path / "other.json"
    json_file.write_text('{"entries": []}', encoding="utf-8")
    assert detect_format(json_file) == "wlitracker-json"  # reading it says what is wrong
    with pytest.raises(WliError, match="no such file"):
        detect_format(tmp_path / "missing.csv")
    with pytest.raises(ValidationError, match=r"folder without Habits\.csv"):
        detect_format(tmp_path)


def test_means_round_halves_up() -> None:
    assert [half_up(n, d) for n, d in [(7, 2), (5, 2), (10, 3), (11, 3), (3500, 1000)]] == [
        4,
        3,
        3,
        4,
        4,
    ]


def test_a_preview_writes_nothing(journal: Journal, data: Path, snapshot: Snapshot) -> None:
    before = snapshot(journal)
    seen: list[str] = []
    journal.changed.connect(lambda: seen.append("changed"))

    plan = preview(journal, data / "loop" / "v3")

    assert (plan.days_added, plan.adherence.added, len(plan.new_routines)) == (7, 9, 3)
    assert snapshot(journal) == before and seen == []


def test_apply_tells_listeners_once(journal: Journal, data: Path) -> None:
    seen: list[str] = []
    journal.changed.connect(lambda: seen.append("changed"))
    apply_import(journal, preview(journal, data / "loop" / "v3"))
    assert seen == ["changed"]


@pytest.mark.parametrize("fail_on", ["save_check_ins", "add_experiment", "add_decision"])
def test_a_failure_halfway_leaves_the_journal_as_it_was(
    journal: Journal, data: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str, snapshot: Snapshot
) -> None:
    journal.check_ins.update(D(2026, 3, 1), ratings={"satisfaction": 6}, note="Mine")
    before = snapshot(journal)
    plan = preview(journal, data / "loop" / "v3")
    real = getattr(journal.repo, fail_on)
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2 or fail_on == "add_decision":
            raise ConflictError("disk trouble")
        if fail_on == "save_check_ins":  # the second of the days fails, the first written
            return real(_failing_after_one(*args))
        return real(*args, **kwargs)

    monkeypatch.setattr(journal.repo, fail_on, flaky)

    with pytest.raises(ConflictError, match="disk trouble"):
        apply_import(journal, plan)

    monkeypatch.undo()
    assert snapshot(journal) == before


def _failing_after_one(days: Any) -> Any:
    for number, day in enumerate(days):
        if number == 1:
            raise ConflictError("disk trouble")
        yield day


def test_values_saved_after_the_preview_still_win(journal: Journal, data: Path) -> None:
    plan = preview(journal, data / "daylio" / "year_english.csv")
    journal.metrics.add("mood", 1, 5, "higher")
    journal.check_ins.update(D(2026, 3, 13), ratings={"mood": 1})

    result = apply_import(journal, plan)

    assert journal.check_ins.get(D(2026, 3, 13)).ratings == {"mood": 1}
    assert result.ratings == Tally(added=3, unchanged=0, skipped=1)
    assert result.new_metrics == ()


def test_a_json_export_goes_only_into_an_empty_journal(
    journal: Journal, data: Path, tmp_path: Path
) -> None:
    from wlitracker.interop import native

    journal.check_ins.update(D(2026, 3, 1), ratings={"satisfaction": 6})
    native.write_json(journal, tmp_path / "all.json")

    with pytest.raises(ConflictError, match="already holds a journal"):
        preview(journal, tmp_path / "all.json")


def test_the_plan_describes_itself_for_a_dialog(journal: Journal, data: Path) -> None:
    plan = preview(journal, data / "daylio" / "fulldate_7col_ampm.csv")

    assert isinstance(plan, ImportPlan)
    assert plan.format == "daylio" and plan.source_name == "fulldate_7col_ampm.csv"
    lines = describe_plan(plan)
    assert lines[0] == "Daylio CSV export: fulldate_7col_ampm.csv"
    assert "  moods to place before importing:" in lines
    assert lines[-1] == (
        "    --mood-map Cry=LEVEL --mood-map Sick=LEVEL "
        "(LEVEL is 1 awful, 2 bad, 3 meh, 4 good, 5 rad, or skip)"
    )
    mapped = preview(
        journal, data / "daylio" / "fulldate_7col_ampm.csv", mood_map={"Sick": 2, "cry": 1}
    )
    assert mapped.can_apply
    assert any(e.startswith("2026-03-09: mood 3") for e in mapped.examples)
