"""``wlitracker import``: exit codes, one-line errors, previews, and what lands in the database."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Zipper = Callable[..., Path]


def table_dump(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: proof that nothing was written."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
        }


def one_line(text: str) -> str:
    assert text.endswith("\n") and text.count("\n") == 1, text
    return text


def test_daylio_with_unplaced_moods_stops_naming_them(cli: Any, db_path: Path, data: Path) -> None:
    cli.ok("metric", "list")
    before = table_dump(db_path)

    result = cli("import", str(data / "daylio" / "fulldate_7col_ampm.csv"))

    assert (result.status, result.out) == (2, "")
    error = one_line(result.err)
    assert error.startswith("wlitracker: error: import: 2 Daylio moods cannot be placed")
    assert "'Cry' (1 entry), 'Sick' (1 entry)" in error
    assert "--mood-map Cry=LEVEL --mood-map Sick=LEVEL" in error
    assert "Nothing was imported." in error
    assert table_dump(db_path) == before


def test_daylio_with_a_mood_map_imports_and_a_second_run_adds_nothing(
    cli: Any, db_path: Path, data: Path
) -> None:
    path = str(data / "daylio" / "fulldate_7col_ampm.csv")
    mood_map = ["--mood-map", "Sick=2", "--mood-map", "cry=awful"]

    first = cli.ok("import", path, *mood_map)

    assert first.out.splitlines()[:6] == [
        "Daylio CSV export: fulldate_7col_ampm.csv",
        "  days: 2 new",
        "  ratings: 2 added",
        "  tags: 3 added",
        "  note lines: 2 added",
        "  new metric (added): mood (1 to 5, higher is better); "
        "Daylio's moods: 1 awful, 2 bad, 3 meh, 4 good, 5 rad",
    ]
    assert "2026-03-10  mood 3" in cli.ok("history").out
    before = table_dump(db_path)

    second = cli.ok("import", path, *mood_map)

    assert "  days: 2 already up to date" in second.out
    assert "Nothing new: everything in the file is already in your journal." in second.out
    assert table_dump(db_path) == before


def test_dry_run_shows_the_plan_and_writes_nothing(cli: Any, db_path: Path, data: Path) -> None:
    cli.ok("log", "--date", "2026-03-14", "--note", "Mine")
    before = table_dump(db_path)

    result = cli.ok("import", str(data / "daylio" / "year_english.csv"), "--dry-run")

    lines = result.out.splitlines()
    assert lines[:2] == ["Daylio CSV export: year_english.csv", "  days: 3 new, 1 with additions"]
    assert "  ratings: 4 to add" in lines
    assert lines[-1] == "Dry run: nothing was written."
    assert table_dump(db_path) == before


def test_dry_run_with_unplaced_moods_lists_them_and_exits_2(
    cli: Any, db_path: Path, data: Path
) -> None:
    result = cli("import", str(data / "daylio" / "fulldate_7col_ampm.csv"), "--dry-run")

    assert result.status == 2
    assert "  moods to place before importing:" in result.out
    assert "    'Cry' (1 entry)" in result.out
    assert "Dry run" not in result.out
    assert "cannot be placed" in one_line(result.err)


def test_a_loop_zip_becomes_routines(
    cli: Any, data: Path, tmp_path: Path, zip_folder: Zipper
) -> None:
    archive = zip_folder(data / "loop" / "v3", tmp_path / "Loop Habits CSV 2026-03-16.zip")

    result = cli.ok("import", str(archive))

    assert "  new routine (added): Wake up early (from 2026-03-08)" in result.out
    listing = cli.ok("experiment", "list").out
    assert "routine" in listing and "Медитация" in listing
    assert "A routine: there is no baseline to compare with; 50% of days done." in (
        cli.ok("evaluate", "1").out
    )
    assert (
        "schedule: a routine since 2026-03-08, no phases" in cli.ok("experiment", "show", "1").out
    )


def test_a_json_export_still_imports_into_an_empty_database(
    cli: Any, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("log", "--satisfaction", "7")
    cli.ok("export", "--format", "json", "-o", str(tmp_path / "all.json"))
    empty = tmp_path / "empty.db"

    dry = cli("--db", str(empty), "import", str(tmp_path / "all.json"), "--dry-run")
    done = cli(
        "--db", str(empty), "import", str(tmp_path / "all.json"), "--format", "wlitracker-json"
    )

    assert dry.status == 0
    assert dry.out.splitlines() == [
        "wlitracker JSON export: all.json",
        "  Would import 1 check-ins, 0 experiments, 0 decisions, 2 metrics",
        "Dry run: nothing was written.",
    ]
    assert (done.status, done.out) == (
        0,
        "Imported 1 check-ins, 0 experiments, 0 decisions, 0 metrics\n",
    )


def test_the_own_csv_round_trips_through_the_command_line(
    cli: Any, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("metric", "add", "energy", "--min", "1", "--max", "5", "--better", "higher")
    cli.ok("log", "--date", "2026-03-10", "--satisfaction", "8", "--rate", "energy=4", "--tag", "x")
    cli.ok("log", "--guilt", "2", "--note", "-dash first", "--unusual", "travel")
    cli.ok("export", "--format", "csv", "-o", str(tmp_path / "days.csv"))
    original = cli.ok("history", "--json").out
    target = tmp_path / "target.db"

    result = cli("--db", str(target), "import", str(tmp_path / "days.csv"))

    assert result.status == 0, result
    assert "new metric (added): energy (0 to 10, higher is better)" in result.out
    assert cli("--db", str(target), "history", "--json").out == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "loop"], "year_english.csv: line 1: is not Loop's Habits.csv header"),
        (["--mood-map", "Sick"], "--mood-map: 'Sick' is not NAME=LEVEL"),
        (["--mood-map", "Sick=9"], "the level must be 1 (awful) to 5 (rad)"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    cli: Any, db_path: Path, data: Path, args: list[str], message: str
) -> None:
    result = cli("import", str(data / "daylio" / "year_english.csv"), *args)

    assert (result.status, result.out) == (2, "")
    assert message in one_line(result.err)


def test_a_file_of_another_kind_is_refused_in_one_line(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("groceries: bread, milk\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.status == 2
    assert "is not a file wlitracker can import" in one_line(result.err)


def test_help_names_the_formats_and_options(cli: Any) -> None:
    out = cli.ok("import", "--help").out
    for word in ("--format", "daylio", "loop", "wlitracker-csv", "--dry-run", "--mood-map"):
        assert word in out


def test_a_dry_run_on_a_journal_not_made_yet_creates_no_file(
    cli: Any, tmp_path: Path, data: Path
) -> None:
    target = tmp_path / "new folder" / "journal.db"

    result = cli(
        "--db", str(target), "import", str(data / "daylio" / "year_english.csv"), "--dry-run"
    )

    assert result.status == 0, result
    assert "  days: 4 new" in result.out.splitlines()
    assert result.out.endswith("Dry run: nothing was written.\n")
    assert not target.parent.exists()


def test_a_dry_run_from_another_process_creates_nothing(tmp_path: Path, data: Path) -> None:
    target = tmp_path / "journal.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wlitracker",
            "--db",
            str(target),
            "import",
            "--dry-run",
            str(data / "daylio" / "fulldate_9col_scales.csv"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "WLITRACKER_DB": ""},
    )

    assert done.returncode == 0, done.stderr
    assert "new metric (to add): sleep quality (0 to 10" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_imported_fractions_show_in_show_and_history_and_survive_the_csv(
    cli: Any, tmp_path: Path
) -> None:
    export = tmp_path / "daylio_export.csv"
    export.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        '2026-03-12,March 12,Thursday,21:00,good,"","",""\n'
        '2026-03-12,March 12,Thursday,08:00,meh,"","",""\n'
        '2026-03-11,March 11,Wednesday,20:00,good,"","",""\n'
        '2026-03-11,March 11,Wednesday,12:00,good,"","",""\n'
        '2026-03-11,March 11,Wednesday,08:00,meh,"","",""\n',
        encoding="utf-8",
    )
    cli.ok("import", str(export))

    assert cli.ok("show", "--date", "2026-03-12").out == "2026-03-12  mood 3.5\n"
    assert cli.ok("history").out.splitlines() == ["2026-03-11  mood 3.67", "2026-03-12  mood 3.5"]
    shown = json.loads(cli.ok("show", "--date", "2026-03-11", "--json").out)
    assert shown["ratings"] == {"mood": 11 / 3}

    cli.ok("export", "--format", "csv", "-o", str(tmp_path / "days.csv"))
    target = tmp_path / "target.db"
    cli.ok("--db", str(target), "import", str(tmp_path / "days.csv"))
    assert cli.ok("--db", str(target), "history", "--json").out == cli.ok("history", "--json").out
