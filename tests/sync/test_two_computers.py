"""Two journals syncing through one folder: what is merged, kept, and shown."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wlitracker.app import SyncActions
from wlitracker.core.model.entities import Adherence, DecisionKind, metric_label
from wlitracker.core.model.record import replace
from wlitracker.core.sync import registry
from wlitracker.core.sync.merge import CONFLICT_HEADING
from wlitracker.storage import sync_store

from .conftest import DAY, Make


def test_a_day_written_on_one_computer_reaches_the_other(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.metrics.add("stress", 0, 10, "lower")
    laptop.journal.check_ins.update(
        DAY, ratings={"satisfaction": 7, "stress": 4}, note="long day", add_tags=["gym", "rain"]
    )
    first = laptop.sync()
    assert first.set_up and first.sent > 0
    report = desktop.sync()
    assert report.rows > 0 and report.warnings == ()
    day = desktop.day()
    assert dict(day.ratings) == {"satisfaction": 7, "stress": 4}
    assert day.note == "long day" and day.tags == ("gym", "rain")


def test_different_fields_of_one_day_both_survive(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 5})
    laptop.sync()
    desktop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 8})
    desktop.journal.check_ins.update(DAY, ratings={"guilt": 2}, add_tags=["family dinner"])
    for device in (laptop, desktop, laptop):
        device.sync()
    for device in (laptop, desktop):
        day = device.day()
        assert dict(day.ratings) == {"satisfaction": 8, "guilt": 2}
        assert day.tags == ("family dinner",)


def test_one_field_edited_on_both_keeps_the_later_and_records_the_other(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 5})
    laptop.sync()
    desktop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 3})
    desktop.journal.check_ins.update(DAY, ratings={"satisfaction": 9})  # later
    laptop.sync()
    report = desktop.sync()
    laptop.sync()
    assert report.conflicts == 1
    for device in (laptop, desktop):
        assert device.day().ratings["satisfaction"] == 9
        lines = SyncActions(device.path).history_lines()
        assert any(
            "Satisfaction on Tue 10 Mar 2026: 9 is shown; 3 was written at the same time on laptop"
            in line
            for line in lines
        )


def test_a_note_edited_on_both_keeps_both_texts_marked(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, note="first draft")
    laptop.sync()
    desktop.sync()
    laptop.journal.check_ins.update(DAY, note="written at work")
    desktop.journal.check_ins.update(DAY, note="written at home")
    for device in (laptop, desktop, laptop):
        device.sync()
    notes = {device.day().note for device in (laptop, desktop)}
    assert len(notes) == 1
    (note,) = notes
    assert note.startswith(CONFLICT_HEADING)
    assert "--- on laptop ---\nwritten at work" in note
    assert "--- on desktop ---\nwritten at home" in note
    # Tidying the note on one computer replaces both texts everywhere.
    desktop.journal.check_ins.update(DAY, note="a day of two halves")
    desktop.sync()
    laptop.sync()
    assert laptop.day().note == "a day of two halves"


def test_a_cleared_day_is_deleted_on_the_other_computer_too(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 5}, note="oops, wrong day")
    laptop.sync()
    desktop.sync()
    assert not desktop.day().is_empty
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": None}, note="")
    laptop.sync()
    desktop.sync()
    assert desktop.day().is_empty
    assert desktop.rows("SELECT count(*) FROM check_ins") == [(0,)]


def test_a_day_filled_in_after_it_was_cleared_elsewhere_comes_back(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 5})
    laptop.sync()
    desktop.sync()
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": None})  # cleared
    desktop.journal.check_ins.update(DAY, ratings={"guilt": 6})  # later, not yet seen
    laptop.sync()
    desktop.sync()
    laptop.sync()
    for device in (laptop, desktop):
        assert dict(device.day().ratings) == {"guilt": 6}


def test_experiments_adherence_decisions_and_metric_renames_merge(
    devices: Make, today: dt.date
) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    experiment = laptop.journal.experiments.create_from_template("midday-exercise", DAY)
    assert experiment.id is not None
    laptop.journal.metrics.add("energy", 0, 10, "higher")
    laptop.sync()
    desktop.sync()
    (copy,) = desktop.journal.experiments.views()
    assert copy.experiment.title == experiment.title
    assert copy.experiment.targets == experiment.targets
    assert copy.experiment.schedule == experiment.schedule
    other_id = copy.experiment.id
    assert other_id is not None
    desktop.journal.check_ins.update(DAY, adherence={other_id: Adherence.DONE})
    desktop.journal.metrics.rename("energy", "vigour")
    desktop.journal.experiments.decide(other_id, DecisionKind.PERSIST, "it works for me")
    desktop.sync()
    laptop.sync()
    assert laptop.day().adherence == {experiment.id: Adherence.DONE}
    assert [m.name for m in laptop.journal.metrics.list()][-1] == "vigour"
    (decision,) = laptop.journal.experiments.view(experiment.id).decisions
    assert decision.kind is DecisionKind.PERSIST and decision.reason == "it works for me"


def test_a_routine_paused_on_one_computer_is_paused_on_the_other(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    experiment = laptop.journal.experiments.create_from_template("midday-exercise", DAY)
    assert experiment.id is not None
    laptop.journal.experiments.decide(experiment.id, DecisionKind.PERSIST, "it works")
    laptop.journal.routines.pause(experiment.id, "travelling")
    laptop.sync()
    desktop.sync()
    (copy,) = desktop.journal.experiments.views()
    assert copy.experiment.id is not None
    (change,) = desktop.journal.repo.list_routine_changes(copy.experiment.id)
    assert (change.kind.value, change.reason) == ("pause", "travelling")


def test_a_metric_made_on_both_computers_under_one_name_is_one_metric(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.metrics.add("stress", 0, 10, "lower")
    desktop.journal.metrics.add("stress", 0, 10, "lower")
    laptop.journal.check_ins.update(DAY, ratings={"stress": 3})
    desktop.journal.check_ins.update(DAY + dt.timedelta(days=1), ratings={"stress": 7})
    for device in (laptop, desktop, laptop):
        device.sync()
    for device in (laptop, desktop):
        assert [m.name for m in device.journal.metrics.list()].count("stress") == 1
        assert device.day().ratings == {"stress": 3}
        assert device.day(DAY + dt.timedelta(days=1)).ratings == {"stress": 7}


def test_a_deleted_experiment_is_a_tombstone(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    experiment = laptop.journal.experiments.create_from_template("commute-call", DAY)
    laptop.sync()
    desktop.sync()
    assert len(desktop.journal.experiments.views()) == 1
    assert experiment.id is not None
    laptop.repo.delete_experiment(experiment.id)
    laptop.sync()
    desktop.sync()
    assert desktop.journal.experiments.views() == []


def test_change_sets_delivered_twice_or_as_conflict_copies_change_nothing(
    devices: Make, folder: Path
) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 6}, note="hello")
    laptop.sync()
    desktop.sync()
    before = desktop.rows("SELECT * FROM check_ins"), desktop.rows("SELECT * FROM ratings")
    for path in list((folder / "devices").rglob("0*.chg")):
        shutil.copy(path, path.with_name(path.stem + ".sync-conflict-20260310-101500-ABC.chg"))
        shutil.copy(path, path.with_name(path.stem + " (laptop's conflicted copy 2026-03-10).chg"))
    report = desktop.sync()
    assert report.files_read >= 2 and report.warnings == ()
    assert report.rows == 0
    assert (
        desktop.rows("SELECT * FROM check_ins"),
        desktop.rows("SELECT * FROM ratings"),
    ) == before


def test_each_computer_writes_only_its_own_files(devices: Make, folder: Path) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.check_ins.update(DAY, ratings={"satisfaction": 6})
    laptop.sync()
    desktop.journal.check_ins.update(DAY, ratings={"guilt": 1})
    desktop.sync()
    (laptop_id,), (desktop_id,) = (
        laptop.rows("SELECT device FROM sync_state")[0],
        desktop.rows("SELECT device FROM sync_state")[0],
    )
    assert sorted(p.name for p in (folder / "devices" / laptop_id).iterdir()) == [
        "00000001.chg",
        "seen.json",
    ]
    assert sorted(p.name for p in (folder / "devices" / desktop_id).iterdir()) == [
        "00000001.chg",
        "seen.json",
    ]
    assert not list(folder.rglob("*.tmp"))


def test_an_incremental_sync_is_small(devices: Make) -> None:
    laptop = devices("laptop")
    laptop.sync()
    laptop.journal.check_ins.update(
        DAY, ratings={"satisfaction": 7, "guilt": 2}, note="A good day.", add_tags=["gym"]
    )
    report = laptop.sync()
    assert 0 < report.bytes_written < 800


def test_the_demo_journal_does_not_sync(devices: Make) -> None:
    import pytest

    from wlitracker.core.sync.ports import SyncError

    demo = devices("demo")
    demo.journal.demo.fill()
    with pytest.raises(SyncError, match="demo journal"):
        demo.sync()
    assert demo.rows("SELECT count(*) FROM sync_state") == [(0,)]


def test_a_metric_travels_as_typed_and_a_change_of_case_follows(devices: Make) -> None:
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.journal.metrics.add("Sleep Hours", 0, 12, "higher")
    laptop.journal.check_ins.update(DAY, ratings={"sleep hours": 7})
    laptop.sync()
    desktop.sync()
    assert metric_label(desktop.journal.metrics.get("sleep hours")) == "Sleep Hours"
    assert desktop.day().ratings == {"sleep hours": 7}
    desktop.journal.metrics.rename("sleep hours", "Sleep hours")
    desktop.sync()
    laptop.sync()
    for device in (laptop, desktop):
        metric = device.journal.metrics.get("sleep hours")
        assert (metric.name, metric_label(metric)) == ("sleep hours", "Sleep hours")


def _without_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sync as the version before labels did: metrics carry no ``label``."""
    metrics = registry.BY_NAME["metrics"]
    old = replace(metrics, columns=tuple(c for c in metrics.columns if c != "label"), later=())
    tables = tuple(old if t.name == "metrics" else t for t in registry.TABLES)
    monkeypatch.setattr(sync_store, "TABLES", tables)
    monkeypatch.setattr(sync_store, "BY_NAME", {t.name: t for t in tables})


def test_metrics_from_a_version_without_labels_arrive_shown_by_name(
    devices: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    older, newer = devices("older"), devices("newer")
    newer.journal.metrics.add("Sleep Hours", 0, 12, "higher")
    newer.sync()
    with monkeypatch.context() as patch:
        _without_labels(patch)
        older.journal.metrics.add("stress", 0, 10, "lower")
        older.journal.check_ins.update(DAY, ratings={"stress": 3})
        older.sync()
        older.journal.metrics.rename("sleep hours", "rest")
        older.sync()
    newer.sync()
    assert newer.day().ratings == {"stress": 3}
    assert [metric_label(m) for m in newer.journal.metrics.list()] == [
        "Satisfaction",
        "Guilt",
        "rest",
        "stress",
    ]
    assert newer.rows("SELECT count(*) FROM sync_orphans") == [(0,)]
