"""Every table and column of the schema is either synced or declared local, and every
synced table is captured whichever service writes it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from wlitracker.core.model.entities import Adherence, DecisionKind
from wlitracker.core.sync.registry import LOCAL_COLUMNS, TABLES, is_local_table
from wlitracker.storage.database import open_database

from .conftest import DAY, Make


def test_every_user_table_and_column_is_synced_or_declared_local(tmp_path: Path) -> None:
    open_database(tmp_path / "journal.db").close()
    with sqlite3.connect(tmp_path / "journal.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        synced = {t.name: t for t in TABLES}
        unplaced = []
        for table in tables:
            if is_local_table(table):
                continue
            if table not in synced:
                unplaced.append(table)
                continue
            entry = synced[table]
            known = {*entry.key, *entry.columns, *(entry.local_id or "",)}
            for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{table}')"):
                if column not in known and f"{table}.{column}" not in LOCAL_COLUMNS:
                    unplaced.append(f"{table}.{column}")
    assert unplaced == [], (
        "add these to core/sync/registry.py: TABLES to sync them, LOCAL_* to keep them here"
    )


def test_every_synced_table_is_captured_whatever_writes_it(devices: Make) -> None:
    laptop = devices("laptop")
    laptop.sync()  # capture starts
    journal = laptop.journal
    journal.metrics.add("energy", 0, 10, "higher")
    experiment = journal.experiments.create_from_template("midday-exercise", DAY)
    assert experiment.id is not None
    journal.check_ins.update(
        DAY,
        ratings={"energy": 5},
        adherence={experiment.id: Adherence.DONE},
        add_tags=["gym"],
        note="n",
    )
    journal.experiments.decide(experiment.id, DecisionKind.STOP, "enough")
    kept = journal.experiments.create_from_template("midday-exercise", DAY)
    assert kept.id is not None
    journal.experiments.decide(kept.id, DecisionKind.PERSIST, "it works")
    journal.routines.pause(kept.id, "away")
    laptop.sync()
    captured = {t for (t,) in laptop.rows("SELECT DISTINCT tbl FROM sync_registers")}
    assert captured == {t.name for t in TABLES}


def test_an_import_is_captured_like_any_other_write(devices: Make, tmp_path: Path) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.sync()
    csv = tmp_path / "days.csv"
    csv.write_text("date,satisfaction,guilt,tags,unusual,note\n2026-03-01,6,2,,,imported day\n")
    from wlitracker.interop import importing

    plan = importing.preview(laptop.journal, csv, "auto", {})
    importing.apply_import(laptop.journal, plan)
    laptop.sync()
    desktop.sync()
    assert desktop.day(dt.date(2026, 3, 1)).note == "imported day"
