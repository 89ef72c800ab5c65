from __future__ import annotations

import pytest

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
