from __future__ import annotations

import pytest

from tests.conftest import TODAY
from wlitracker.core.model.entities import Metric, label_of, metric_label
from wlitracker.core.model.errors import ConflictError, NotFoundError, ValidationError
from wlitracker.core.services.journal import Journal


def test_add_metric_normalises_the_name(journal: Journal) -> None:
    metric = journal.metrics.add("  Time  with Family ", 0, 5, "higher")
    assert metric.name == "time with family"
    assert journal.metrics.get("TIME WITH FAMILY") == metric


@pytest.mark.parametrize(
    ("name", "low", "high", "better"),
    [
        ("", 0, 5, "higher"),
        ("a=b", 0, 5, "higher"),
        ("x", 5, 5, "higher"),
        ("x", 0, 5000, "higher"),
        ("x", 0, 5, "sideways"),
    ],
)
def test_invalid_metrics_are_refused(
    journal: Journal, name: str, low: int, high: int, better: str
) -> None:
    with pytest.raises(ValidationError):
        journal.metrics.add(name, low, high, better)  # type: ignore[arg-type]
    assert [m.name for m in journal.metrics.list()] == ["satisfaction", "guilt"]


def test_duplicate_and_unknown_metrics(journal: Journal) -> None:
    journal.metrics.add("energy", 0, 10, "higher")
    with pytest.raises(ConflictError):
        journal.metrics.add("Energy", 0, 10, "higher")
    with pytest.raises(NotFoundError, match="known metrics"):
        journal.metrics.get("mood")


def test_rename_and_archive(journal: Journal) -> None:
    journal.metrics.add("energy", 0, 10, "higher")
    journal.metrics.rename("energy", "Vigour")
    journal.metrics.set_archived("vigour", True)
    assert [m.name for m in journal.metrics.list()] == ["satisfaction", "guilt"]
    assert journal.metrics.list(include_archived=True)[-1].archived
    journal.metrics.set_archived("vigour", False)
    assert journal.metrics.list()[-1].name == "vigour"


def test_builtin_metrics_keep_their_name_and_stay_active(journal: Journal) -> None:
    with pytest.raises(ValidationError):
        journal.metrics.rename("guilt", "regret")
    with pytest.raises(ValidationError):
        journal.metrics.set_archived("satisfaction", True)


def test_a_metric_is_shown_as_typed_and_found_in_any_case(journal: Journal) -> None:
    metric = journal.metrics.add("  Sleep   Hours ", 0, 12, "higher")
    assert (metric.name, metric.label) == ("sleep hours", "Sleep Hours")
    assert metric_label(journal.metrics.get("SLEEP HOURS")) == "Sleep Hours"
    assert journal.metrics.labels() == {
        "satisfaction": "Satisfaction",
        "guilt": "Guilt",
        "sleep hours": "Sleep Hours",
    }
    with pytest.raises(NotFoundError, match="known metrics: Satisfaction, Guilt, Sleep Hours"):
        journal.metrics.get("mood")


def test_the_first_typed_form_stays_until_the_metric_is_renamed(journal: Journal) -> None:
    journal.metrics.add("Sleep Hours", 0, 12, "higher")
    with pytest.raises(ConflictError, match="'Sleep Hours' already exists"):
        journal.metrics.add("sleep hours", 0, 12, "higher")
    journal.check_ins.update(TODAY, ratings={"SLEEP hours": 7})
    assert journal.metrics.get("sleep hours").label == "Sleep Hours"
    renamed = journal.metrics.rename("sleep hours", "Sleep hours")
    assert (renamed.name, renamed.label) == ("sleep hours", "Sleep hours")
    assert journal.check_ins.get(TODAY).ratings == {"sleep hours": 7}


def test_built_in_metrics_are_capitalised_and_keep_their_case(journal: Journal) -> None:
    assert [metric_label(m) for m in journal.metrics.list()] == ["Satisfaction", "Guilt"]
    with pytest.raises(ValidationError, match="'Guilt' is built in"):
        journal.metrics.rename("guilt", "GUILT")


def test_a_label_that_no_longer_spells_the_name_gives_way_to_it() -> None:
    assert metric_label(Metric("rest", 0, 10, label="Sleep Hours")) == "rest"
    assert metric_label(Metric("rest", 0, 10)) == "rest"
    assert metric_label(Metric("guilt", 0, 10, builtin=True)) == "Guilt"
    assert label_of("energy", {"energy": "Energy"}) == "Energy"
    assert label_of("mood", {"energy": "Energy"}) == "mood"


def test_check_keeps_a_label_that_spells_the_name(journal: Journal) -> None:
    kept = journal.metrics.check(Metric("sleep hours", 0, 12, label="Sleep  Hours"))
    assert (kept.name, kept.label) == ("sleep hours", "Sleep Hours")
    edited = journal.metrics.check(Metric("sleep hours", 0, 12, label="Nap"))
    assert (edited.name, edited.label) == ("sleep hours", "sleep hours")
