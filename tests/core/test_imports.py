"""The import service on a plain batch, without any file: the journal's rules decide."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TODAY
from wlitracker.core.model.entities import CheckIn, Metric
from wlitracker.core.model.errors import ConflictError, ValidationError
from wlitracker.core.model.import_batch import DayRecord, ImportSource, JournalDocument, MetricSpec
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal

YESTERDAY = TODAY - dt.timedelta(days=1)


def _journal() -> Journal:
    return Journal(InMemoryRepository(), lambda: TODAY)


def test_a_batch_is_previewed_then_applied_with_the_journals_rules() -> None:
    journal = _journal()
    journal.metrics.add("energy", 0, 10, "higher")
    journal.metrics.set_archived("energy", True)
    journal.check_ins.update(YESTERDAY, ratings={"guilt": 2})
    batch = ImportSource(
        "test",
        "batch",
        metrics=(MetricSpec("mood", 1, 5),),
        days=(
            DayRecord(YESTERDAY, 2, ratings={"guilt": 5, "mood": 3.5}, tags=(" gym ", "gym")),
            DayRecord(TODAY, 3, ratings={"satisfaction": 11, "energy": 4}),
            DayRecord(TODAY + dt.timedelta(days=1), 4, ratings={"mood": 4}),
        ),
    )
    plan = journal.imports.preview(batch)
    assert plan.warnings == (
        "line 3: satisfaction 11 is off the scale 0..10; skipped",
        "line 3: energy is archived; restore it in Settings to import it",
        f"line 4: {TODAY + dt.timedelta(days=1)} is in the future (today is {TODAY}); skipped",
    )
    assert (plan.days_changed, plan.skipped_invalid) == (1, 3)
    assert plan.ratings.skipped == 1  # the journal's guilt 2 wins over the file's 5
    assert journal.repo.get_metric("mood") is None  # a preview writes nothing

    announced: list[None] = []
    journal.changed.connect(lambda: announced.append(None))
    journal.imports.apply(plan)
    assert journal.check_ins.get(YESTERDAY) == CheckIn(
        YESTERDAY, ratings={"guilt": 2, "mood": 3.5}, tags=("gym",)
    )
    assert journal.check_ins.get(TODAY) == CheckIn(TODAY)
    assert len(announced) == 1


def test_a_new_metric_passes_the_metric_services_rules() -> None:
    batch = ImportSource("test", "batch", metrics=(MetricSpec("a=b", 0, 10),))
    with pytest.raises(ValidationError, match="must not contain '=' or ','"):
        _journal().imports.preview(batch)


def test_a_whole_journal_is_checked_value_by_value_before_it_is_loaded() -> None:
    document = JournalDocument(
        metrics=(Metric("focus", 1, 5, "higher", id=3),),
        experiments=(),
        decisions=(),
        check_ins=(CheckIn(YESTERDAY, ratings={"focus": 2.5}), CheckIn(TODAY, note="x\x00")),
        settings={"theme": "dark"},
    )
    journal = _journal()
    with pytest.raises(ValidationError, match=r"check-in 2 \(.*\) note: contains a NUL"):
        journal.imports.load_journal(document)
    assert journal.repo.is_empty()

    fixed = JournalDocument(document.metrics, (), (), document.check_ins[:1], document.settings)
    assert journal.imports.load_journal(fixed) == {
        "metrics": 1,
        "experiments": 0,
        "decisions": 0,
        "check_ins": 1,
    }
    assert journal.check_ins.get(YESTERDAY).ratings == {"focus": 2.5}
    assert journal.preferences.theme() == "dark"
    with pytest.raises(ConflictError, match="already holds a journal"):
        journal.imports.load_journal(fixed)
