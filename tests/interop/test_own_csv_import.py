"""wlitracker's own CSV export comes back in: ratings, tags, notes, unusual days, adherence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, Experiment
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal
from wlitracker.interop import native
from wlitracker.interop.importing import apply_import, detect_format, preview

Snapshot = Callable[[Journal], dict[str, Any]]
D = dt.date


def fill(journal: Journal) -> None:
    journal.metrics.add("focus", -3, 3, "higher")
    journal.experiments.create(Experiment("Walk at lunch", schedules.ab(3, 3, D(2026, 3, 1))))
    journal.check_ins.update(
        D(2026, 3, 2),
        ratings={"satisfaction": 7, "guilt": 2, "focus": -2},
        adherence={1: Adherence.NOT_SCHEDULED},
        add_tags=["@home", "gym; late"],
        note="=HYPERLINK(1)\nsecond line, with a comma",
    )
    journal.check_ins.update(
        D(2026, 3, 5), ratings={"satisfaction": 4}, adherence={1: Adherence.PARTLY}, unusual="ill"
    )
    journal.check_ins.update(D(2026, 3, 6), ratings={"focus": 3}, add_tags=["ünïcode"])


def exported(journal: Journal, tmp_path: Path) -> Path:
    path = tmp_path / "days.csv"
    native.write_csv(journal, path)
    return path


def fresh(journal: Journal) -> Journal:
    repo = InMemoryRepository()
    return Journal(repo, journal.today)


def test_export_then_import_into_an_empty_journal_gives_the_same_check_ins(
    journal: Journal, tmp_path: Path
) -> None:
    fill(journal)
    path = exported(journal, tmp_path)
    assert detect_format(path) == "wlitracker-csv"
    target = fresh(journal)
    # The same experiment, so the adherence column has somewhere to go.
    target.experiments.create(Experiment("Walk at lunch", schedules.ab(3, 3, D(2026, 3, 1))))

    plan = preview(target, path)
    apply_import(target, plan)

    assert target.repo.list_check_ins() == [
        # tags are joined with "; " in the CSV, so a tag holding "; " comes back as two
        replace(c, tags=tuple(t for tag in c.tags for t in tag.split("; ")))
        for c in journal.repo.list_check_ins()
    ]
    focus = target.repo.get_metric("focus")
    assert focus is not None and (focus.min_value, focus.max_value) == (-2, 10)
    assert plan.metric_notes["focus"] == "the CSV does not say its scale or which way is better"
    assert plan.warnings == ()


def test_adherence_of_an_experiment_that_is_not_here_is_skipped(
    journal: Journal, tmp_path: Path
) -> None:
    fill(journal)
    target = fresh(journal)
    target.experiments.create(Experiment("Something else", schedules.ab(3, 3, D(2026, 3, 1))))

    plan = preview(target, exported(journal, tmp_path))

    assert plan.adherence.added == 0
    assert plan.skipped_invalid == 2
    assert plan.warnings == (
        "experiment 1 ('Walk at lunch') is 'Something else' here, not 'Walk at lunch'; "
        "its marks are skipped",
    )
    apply_import(target, plan)
    assert all(not c.adherence for c in target.repo.list_check_ins())


def test_importing_into_the_journal_it_came_from_adds_nothing(
    journal: Journal, tmp_path: Path, snapshot: Snapshot
) -> None:
    fill(journal)
    before = snapshot(journal)

    plan = preview(journal, exported(journal, tmp_path))

    assert plan.adds_nothing
    assert plan.ratings.unchanged == 5 and plan.adherence.unchanged == 2
    apply_import(journal, plan)
    assert snapshot(journal) == before


def test_off_scale_ratings_and_future_days_are_skipped_with_a_warning(
    journal: Journal, tmp_path: Path
) -> None:
    path = tmp_path / "days.csv"
    path.write_text(
        "date,satisfaction,guilt,tags,unusual,note\n"
        "2026-03-01,11,3,,,\n"
        "2026-03-02,x,3,,,\n"
        "2026-04-01,5,5,,,\n",
        encoding="utf-8",
    )

    plan = preview(journal, path)

    assert plan.warnings == (
        "line 3: satisfaction 'x' is not a number; skipped",
        "line 2: satisfaction 11 is off the scale 0..10; skipped",
        "line 4: 2026-04-01 is in the future (today is 2026-03-16); skipped",
    )
    apply_import(journal, plan)
    assert [(c.date, dict(c.ratings)) for c in journal.repo.list_check_ins()] == [
        (D(2026, 3, 1), {"guilt": 3}),
        (D(2026, 3, 2), {"guilt": 3}),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,satisfaction,tags,unusual,note\n2026-03-01,5,,\n", "line 2: has 4 fields"),
        ("date,satisfaction,tags,unusual,note\n1.3.2026,5,,,\n", "line 2: date: '1.3.2026'"),
        ("date,focus,focus,tags,unusual,note\n", "a metric column appears twice"),
    ],
)
def test_a_malformed_export_names_the_line(
    journal: Journal, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "days.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        preview(journal, path, "wlitracker-csv")


def test_a_csv_of_another_kind_is_refused(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,amount\nbread,2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a file wlitracker can import"):
        preview(journal, path)
    with pytest.raises(ValidationError, match="line 1: is not a wlitracker CSV header"):
        preview(journal, path, "wlitracker-csv")


def test_a_new_metric_is_named_as_its_column_and_a_known_one_keeps_its_name(
    journal: Journal, tmp_path: Path
) -> None:
    path = tmp_path / "days.csv"
    path.write_text(
        "date,SATISFACTION,Sleep  Hours,tags,unusual,note\n2026-03-01,7,6,,,\n", encoding="utf-8"
    )
    apply_import(journal, preview(journal, path))
    assert journal.metrics.labels() == {
        "satisfaction": "Satisfaction",
        "guilt": "Guilt",
        "sleep hours": "Sleep Hours",
    }
    assert journal.check_ins.get(D(2026, 3, 1)).ratings == {"satisfaction": 7, "sleep hours": 6}
