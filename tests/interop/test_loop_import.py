"""Loop Habit Tracker CSV: three Habits.csv generations, ZIP and folder, numeric habits."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core.model.entities import Adherence, DecisionKind, Metric, Status, Target
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.services.evaluation import Verdict
from wlitracker.core.services.journal import Journal
from wlitracker.interop.importing import apply_import, detect_format, preview

Snapshot = Callable[[Journal], dict[str, Any]]
Zipper = Callable[..., Path]
D = dt.date
DONE, NOT_DONE, PARTLY, UNSCHEDULED = (
    Adherence.DONE,
    Adherence.NOT_DONE,
    Adherence.PARTLY,
    Adherence.NOT_SCHEDULED,
)


def load(journal: Journal, path: Path) -> dict[str, int]:
    """Import ``path``; returns routine ids by title."""
    apply_import(journal, preview(journal, path))
    return {e.title: e.id or 0 for e in journal.repo.list_experiments()}


def marks(journal: Journal, experiment_id: int) -> dict[dt.date, Adherence]:
    return {
        c.date: c.adherence[experiment_id]
        for c in journal.repo.list_check_ins()
        if experiment_id in c.adherence
    }


def test_v1_export_without_types_or_headers(journal: Journal, data: Path) -> None:
    ids = load(journal, data / "loop" / "v1")

    stretch, read = journal.experiments.get(ids["Stretch"]), journal.experiments.get(ids["Read"])
    assert (stretch.kind, stretch.schedule.plan, stretch.schedule.start) == (
        "routine",
        (),
        D(2026, 3, 3),
    )
    assert stretch.intention == "Did you stretch today?"  # v1 keeps the question in Description
    assert read.shift == "3 times a week, kept in Loop"
    assert marks(journal, ids["Stretch"]) == {
        D(2026, 3, 3): DONE,
        D(2026, 3, 4): DONE,
        D(2026, 3, 5): NOT_DONE,
        D(2026, 3, 6): DONE,
    }
    # 1 = not required that day by "3 times a week"
    assert marks(journal, ids["Read"]) == {
        D(2026, 3, 4): UNSCHEDULED,
        D(2026, 3, 5): DONE,
        D(2026, 3, 6): UNSCHEDULED,
    }


def test_v2_export_with_integers_skip_and_a_numeric_habit(journal: Journal, data: Path) -> None:
    plan = preview(journal, data / "loop" / "v2")

    assert any("Walk: 1 amount with a fraction rounded" in w for w in plan.warnings)
    assert any("Journal: no days recorded yet" in w for w in plan.warnings)
    ids = load(journal, data / "loop" / "v2")

    assert marks(journal, ids["Meditate"]) == {
        D(2026, 3, 8): DONE,
        D(2026, 3, 10): NOT_DONE,
        D(2026, 3, 11): UNSCHEDULED,  # 3 = skipped
        D(2026, 3, 12): DONE,
    }
    walk = journal.repo.get_metric("walk")
    assert walk is not None and (walk.min_value, walk.max_value, walk.better) == (0, 12, "higher")
    ratings = {c.date: c.ratings["walk"] for c in journal.repo.list_check_ins() if c.ratings}
    # 3500 -> 3.5 km, rounded half up; 0 is an amount, -1 no value
    assert ratings == {D(2026, 3, 9): 12, D(2026, 3, 11): 0, D(2026, 3, 12): 4}
    assert marks(journal, ids["Walk"]) == {
        D(2026, 3, 9): DONE,
        D(2026, 3, 11): NOT_DONE,
        D(2026, 3, 12): DONE,
    }
    assert journal.experiments.get(ids["Walk"]).targets == (Target("walk", "higher"),)
    journal_routine = journal.experiments.get(ids["Journal"])
    assert journal_routine.schedule.start == D(2026, 3, 16)  # an empty habit starts today
    assert journal.experiments.get(ids["Meditate"]).intention == "Did you meditate, even briefly?"


def test_v3_export_with_symbols_notes_targets_and_an_archived_habit(
    journal: Journal, data: Path
) -> None:
    ids = load(journal, data / "loop" / "v3")

    wake, run, calm = ids["Wake up early"], ids["Run"], ids["Медитация"]
    assert marks(journal, wake) == {
        D(2026, 3, 9): UNSCHEDULED,
        D(2026, 3, 10): UNSCHEDULED,
        D(2026, 3, 11): NOT_DONE,
        D(2026, 3, 12): DONE,
    }
    notes = {c.date: c.note for c in journal.repo.list_check_ins() if c.note}
    assert notes == {
        D(2026, 3, 8): "Wake up early: Only a note",
        D(2026, 3, 9): 'Wake up early: "Vacation"',
        D(2026, 3, 10): "Wake up early: Forgot to do it, really\nRun: Slow",
        D(2026, 3, 11): "Wake up early: Sick",
    }
    assert journal.experiments.get(wake).schedule.start == D(2026, 3, 8)
    assert journal.repo.get_metric("run") == Metric("run", 0, 3, "higher", id=3, label="Run")
    runs = {c.date: c.ratings["run"] for c in journal.repo.list_check_ins() if c.ratings}
    assert runs == {D(2026, 3, 10): 1, D(2026, 3, 11): 0, D(2026, 3, 12): 3}
    # aim: at least 2 miles; 2.5 done, 1 partly, 0 (NO) not done
    assert marks(journal, run) == {
        D(2026, 3, 10): PARTLY,
        D(2026, 3, 11): NOT_DONE,
        D(2026, 3, 12): DONE,
    }
    assert "aim: at least 2 miles" in journal.experiments.get(run).shift
    # The folder is "003": Loop drops non-ASCII names, so folders are matched by number.
    assert marks(journal, calm) == {D(2026, 3, 1): DONE, D(2026, 3, 2): DONE}
    assert journal.experiments.get(calm).shift == "Calm mind; every day, kept in Loop"
    (decision,) = journal.repo.list_decisions(calm)
    assert (decision.kind, decision.decided_on) == (DecisionKind.STOP, D(2026, 3, 2))
    statuses = {v.experiment.title: v.status for v in journal.experiments.views()}
    assert statuses == {
        "Wake up early": Status.ROUTINE,
        "Run": Status.ROUTINE,
        "Медитация": Status.STOPPED,
    }


@pytest.mark.parametrize("prefix", ["", "Loop Habits CSV 2026-03-16/"])
def test_the_zip_gives_what_the_folder_gives(
    journal: Journal,
    data: Path,
    tmp_path: Path,
    prefix: str,
    snapshot: Snapshot,
    zip_folder: Zipper,
) -> None:
    archive = zip_folder(data / "loop" / "v3", tmp_path / "Loop Habits CSV 2026-03-16.zip", prefix)
    assert detect_format(archive) == "loop"
    load(journal, archive)
    from_zip = snapshot(journal)
    journal.repo.clear()

    load(journal, data / "loop" / "v3")

    assert snapshot(journal) == from_zip


def test_habits_csv_itself_or_its_parent_folder_can_be_given(
    journal: Journal, data: Path, tmp_path: Path, snapshot: Snapshot
) -> None:
    shutil.copytree(data / "loop" / "v2", tmp_path / "unpacked" / "Loop export")
    assert detect_format(tmp_path / "unpacked") == "loop"
    load(journal, tmp_path / "unpacked")
    from_parent = snapshot(journal)
    journal.repo.clear()

    load(journal, tmp_path / "unpacked" / "Loop export" / "Habits.csv")

    assert snapshot(journal) == from_parent


def test_importing_twice_adds_nothing_the_second_time(
    journal: Journal, data: Path, snapshot: Snapshot
) -> None:
    load(journal, data / "loop" / "v3")
    before = snapshot(journal)

    again = preview(journal, data / "loop" / "v3")

    assert again.adds_nothing
    assert again.new_routines == () and again.new_metrics == ()
    assert again.adherence.unchanged == 9 and again.adherence.added == 0
    apply_import(journal, again)
    assert snapshot(journal) == before


def test_an_older_generation_of_the_same_habits_merges_into_the_routines(
    journal: Journal, data: Path
) -> None:
    ids = load(journal, data / "loop" / "v2")
    journal.check_ins.update(D(2026, 3, 13), adherence={ids["Meditate"]: DONE})

    plan = preview(journal, data / "loop" / "v2")

    assert plan.adds_nothing
    assert journal.experiments.views()[0].status is Status.ROUTINE


def test_a_single_habit_export_imports_only_that_habit(
    journal: Journal, data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "single"
    shutil.copytree(data / "loop" / "v3", folder)
    shutil.rmtree(folder / "001 Wake up early")
    shutil.rmtree(folder / "003")

    plan = preview(journal, folder)

    assert [r.title for r in plan.new_routines] == ["Run"]
    assert any("Wake up early: no folder 001" in w for w in plan.warnings)


def test_without_habit_folders_the_multi_habit_file_is_read_by_position(
    journal: Journal, data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "root-only"
    folder.mkdir()
    for name in ("Habits.csv", "Checkmarks.csv"):
        shutil.copyfile(data / "loop" / "v2" / name, folder / name)

    ids = load(journal, folder)

    day = journal.check_ins.get(D(2026, 3, 12))
    assert day.ratings == {"walk": 4}
    assert day.adherence == {ids["Meditate"]: DONE, ids["Walk"]: DONE}


def test_a_routine_is_evaluated_without_a_verdict(journal: Journal, data: Path) -> None:
    ids = load(journal, data / "loop" / "v3")

    evaluation = journal.evaluations.evaluate(ids["Wake up early"])

    assert evaluation.verdict is Verdict.KEEP_GOING
    # done 1, not done 1 (not scheduled days do not count)
    assert evaluation.reason == "A routine: there is no baseline to compare with; 50% of days done."


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("Habits.csv", "Position,Name\nfirst,Stretch\n", r"Habits.csv.*line 2: the position"),
        ("Habits.csv", "Name,Position\n", "is not Loop's Habits.csv header"),
        (
            "001 Stretch/Checkmarks.csv",
            "2026-03-06,2\n03/05/2026,2\n",
            r"001 Stretch/Checkmarks.csv, line 2: date",
        ),
    ],
)
def test_a_malformed_export_names_the_file_and_line(
    journal: Journal,
    data: Path,
    tmp_path: Path,
    name: str,
    text: str,
    message: str,
    snapshot: Snapshot,
) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(data / "loop" / "v1", folder)
    (folder / name).write_text(text, encoding="utf-8")
    before = snapshot(journal)

    with pytest.raises(ValidationError, match=message):
        apply_import(journal, preview(journal, folder, "loop"))

    assert snapshot(journal) == before


def test_a_damaged_zip_is_a_clear_error(
    journal: Journal, data: Path, tmp_path: Path, zip_folder: Zipper
) -> None:
    archive = zip_folder(data / "loop" / "v3", tmp_path / "export.zip")
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(ValidationError, match="damaged"):
        preview(journal, damaged, "loop")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as handle:
        handle.writestr("notes.txt", "hello")
    with pytest.raises(ValidationError, match=r"without Habits\.csv"):
        preview(journal, empty)
