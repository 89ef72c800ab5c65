"""A wlitracker JSON export is read strictly: a field of the wrong JSON type is refused
with one line naming it, and nothing is stored (not "['x']" for a note, nor three tags
for ``"tags": "abc"``)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY
from tests.interop.conftest import Cli, snapshot
from wlitracker.core.model.entities import Adherence, CheckIn, DecisionKind
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.interop import native


def _document() -> dict[str, Any]:
    """An export with a bit of everything: metrics, an experiment, a decision, check-ins."""
    journal = Journal(InMemoryRepository(), lambda: TODAY)
    journal.metrics.add("energy", 0, 10, "higher")
    experiment = journal.experiments.create(template("short-breaks").to_experiment(TODAY))
    assert experiment.id is not None
    journal.check_ins.update(
        TODAY,
        ratings={"satisfaction": 7, "guilt": 2},
        adherence={experiment.id: Adherence.DONE},
        add_tags=["gym", "family"],
        note="kept",
        unusual="ill",
    )
    journal.check_ins.update(TODAY - dt.timedelta(days=1), ratings={"energy": 5})
    journal.experiments.decide(experiment.id, DecisionKind.STOP, "enough")
    document: dict[str, Any] = json.loads(json.dumps(native.export_document(journal)))
    return document


def _rows(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(db_path)
    try:
        return sum(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("check_ins", "ratings", "check_in_tags", "experiments", "decisions")
        )
    finally:
        conn.close()


def _set(document: dict[str, Any], where: tuple[str | int, ...], value: Any) -> None:
    target: Any = document
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value


DAY = TODAY.isoformat()
CASES: list[tuple[tuple[str | int, ...], Any, str]] = [
    (("check_ins", 1, "note"), ["x"], f"check-in 2 ({DAY}) note: must be text, not a list"),
    (("check_ins", 1, "tags"), "abc", f"check-in 2 ({DAY}) tags: must be a list, not text"),
    (("check_ins", 1, "tags"), ["gym", 3], "tags: must be a list of text, not a whole number"),
    (("check_ins", 1, "ratings"), [7], "ratings: must be an object, not a list"),
    (("check_ins", 1, "ratings", "satisfaction"), "7", "rating satisfaction: must be a number"),
    (("check_ins", 1, "ratings", "satisfaction"), True, "rating satisfaction: must be a number"),
    (("check_ins", 1, "ratings", "satisfaction"), 11.5, "rating satisfaction: 11.5 is outside"),
    (("check_ins", 1, "ratings", "mood"), 3, "rating mood: no metric of that name"),
    (("check_ins", 1, "date"), 20260316, "check-in 2 date: must be a YYYY-MM-DD date"),
    (("check_ins", 1, "date"), "2026-02-30", "check-in 2 date: '2026-02-30' is not a"),
    (("check_ins", 1, "date"), "2026-03-17", "check-in 2 date: 2026-03-17 is in the future"),
    (("check_ins", 1, "unusual"), True, "unusual: must be text or null, not true/false"),
    (("check_ins", 1, "adherence"), ["done"], "adherence: must be an object, not a list"),
    (("check_ins", 1, "adherence", "1"), "yes", "adherence 1: must be one of 'done'"),
    (("check_ins", 1, "adherence"), {"one": "done"}, "'one' is not an experiment id"),
    (("check_ins",), {"a": 1}, "the export's check_ins: must be a list, not an object"),
    (("check_ins",), [5], "check_ins item 1: must be an object, not a whole number"),
    (("metrics", 2, "min"), "0", "metric 3 min: must be a whole number, not text"),
    (("metrics", 2, "max"), 10.0, "metric 3 max: must be a whole number, not a number"),
    (("metrics", 2, "name"), 5, "metric 3 name: must be text"),
    (("metrics", 2, "label"), ["Energy"], "metric 3 label: must be text, not a list"),
    (("metrics", 2, "better"), "up", "metric 3 better: must be one of 'higher', 'lower'"),
    (("metrics", 2, "archived"), "no", "metric 3 archived: must be true or false"),
    (("metrics", 2, "id"), "3", "metric 3 id: must be a whole number"),
    (("experiments", 0, "title"), None, "experiment 1 title: must be text, not null"),
    (("experiments", 0, "intention"), 1, "experiment 1 intention: must be text"),
    (("experiments", 0, "domains"), "work", "experiment 1 domains: must be a list"),
    (("experiments", 0, "domains"), ["cooking"], "experiment 1 domains: must be one of"),
    (("experiments", 0, "targets", 0, "better"), 1, "experiment 1 target 1 better"),
    (("experiments", 0, "targets", 0), "guilt", "experiment 1 target 1: must be an object"),
    (("experiments", 0, "schedule"), "ab", "experiment 1 schedule: must be an object"),
    (("experiments", 0, "schedule", "phases", 0, "days"), "7", "phase 1 days: must be a whole"),
    (("experiments", 0, "schedule", "phases", 0, "kind"), "A", "phase 1 kind: must be one of"),
    (("experiments", 0, "schedule", "start"), 5, "experiment 1 start: must be a YYYY-MM-DD"),
    (("experiments", 0, "version"), 1.5, "experiment 1 version: must be a whole number"),
    (("experiments", 0, "kind"), "habit", "experiment 1 kind: must be one of 'experiment'"),
    (("experiments", 0, "template"), ["x"], "experiment 1 template: must be text or null"),
    (("experiments", 0, "parent_id"), "1", "experiment 1 parent_id: must be a whole number"),
    (("decisions", 0, "kind"), "maybe", "decision 1 kind: must be one of 'persist'"),
    (("decisions", 0, "reason"), ["x"], "decision 1 reason: must be text, not a list"),
    (("decisions", 0, "experiment_id"), "1", "decision 1 experiment_id: must be a whole"),
    (("decisions", 0, "decided_on"), None, "decision 1 decided_on: must be a YYYY-MM-DD"),
    (("settings",), ["theme"], "settings: must be an object, not a list"),
    (("settings", "theme"), 1, "settings theme: must be text or null, not a whole number"),
]


@pytest.mark.parametrize(("where", "value", "message"), CASES, ids=[str(c[:2]) for c in CASES])
def test_a_wrong_type_is_refused_naming_the_field_and_nothing_is_stored(
    cli: Cli, tmp_path: Path, where: tuple[str | int, ...], value: Any, message: str
) -> None:
    document = _document()
    document.setdefault("settings", {})["theme"] = "dark"
    _set(document, where, value)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "new.db"

    for dry_run in ((), ("--dry-run",)):
        result = cli("--db", str(target), "import", str(path), *dry_run)
        assert result.status == 2, result
        assert result.err.count("\n") == 1 and "internal error" not in result.err, result.err
        assert message in result.err, result.err
        assert _rows(target) == 0


def test_the_untouched_document_imports(cli: Cli, tmp_path: Path) -> None:
    """The cases above differ from a good export only in the field they change."""
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    target = tmp_path / "new.db"
    cli.ok("--db", str(target), "import", str(path))
    assert _rows(target) > 0
    shown = cli.ok("--db", str(target), "show").out
    assert "tags: gym, family" in shown and "note: kept" in shown


def test_fractions_an_import_brought_survive_an_export_and_import(tmp_path: Path) -> None:
    source = Journal(InMemoryRepository(), lambda: TODAY)
    source.metrics.add("mood", 1, 5, "higher")
    source.repo.save_check_in(CheckIn(TODAY, ratings={"mood": 11 / 3, "satisfaction": 3.5}))
    document = json.loads(json.dumps(native.export_document(source)))

    target = Journal(InMemoryRepository(), lambda: TODAY)
    native.import_document(target, copy.deepcopy(document))

    assert target.check_ins.get(TODAY).ratings == {"satisfaction": 3.5, "mood": 11 / 3}
    assert snapshot(target) == snapshot(source)


def test_a_metric_keeps_its_label_through_an_export_and_import() -> None:
    source = Journal(InMemoryRepository(), lambda: TODAY)
    source.metrics.add("Sleep Hours", 0, 12, "higher")
    source.check_ins.update(TODAY, ratings={"sleep hours": 7})
    document = json.loads(json.dumps(native.export_document(source)))
    assert [(m["name"], m["label"]) for m in document["metrics"]] == [
        ("satisfaction", "Satisfaction"),
        ("guilt", "Guilt"),
        ("sleep hours", "Sleep Hours"),
    ]

    target = Journal(InMemoryRepository(), lambda: TODAY)
    native.import_document(target, copy.deepcopy(document))
    assert target.metrics.labels() == source.metrics.labels()
    assert snapshot(target) == snapshot(source)


def test_an_export_from_before_labels_imports_its_metrics_by_name() -> None:
    document = _document()
    for metric in document["metrics"]:
        del metric["label"]
    target = Journal(InMemoryRepository(), lambda: TODAY)
    native.import_document(target, document)
    assert target.metrics.labels() == {
        "satisfaction": "Satisfaction",
        "guilt": "Guilt",
        "energy": "energy",
    }
    assert target.check_ins.get(TODAY - dt.timedelta(days=1)).ratings == {"energy": 5}
