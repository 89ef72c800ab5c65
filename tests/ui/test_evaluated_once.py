"""An experiment is evaluated once per change, however many panels show it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wlitracker.core.model.record import replace
from wlitracker.core.services.evaluation import EvaluationService
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.controllers.experiments import ExperimentsController


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    made: list[int] = []
    real = EvaluationService.evaluate

    def counting(self: EvaluationService, experiment_id: int) -> object:
        made.append(experiment_id)
        return real(self, experiment_id)

    monkeypatch.setattr(EvaluationService, "evaluate", counting)
    return made


def test_showing_an_experiment_everywhere_evaluates_it_once_per_change(
    qtbot: QtBot,
    sqlite_repo: SqliteRepository,
    today: dt.date,
    evaluations: list[int],
    tmp_path: Path,
) -> None:
    journal = Journal(sqlite_repo, lambda: today)
    start = today - dt.timedelta(days=30)
    first = journal.experiments.create(template("short-breaks").to_experiment(start))
    second = journal.experiments.create(
        replace(template("midday-exercise").to_experiment(start), title="Walk at noon")
    )
    for offset in range(30):
        journal.check_ins.update(start + dt.timedelta(days=offset), ratings={"guilt": offset % 4})
    assert first.id is not None and second.id is not None
    evaluations.clear()

    controller = ExperimentsController(journal)
    page = controller.page
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    assert len(evaluations) == 1  # the first experiment, for the verdict and every panel
    page.review.numbers_toggle.setChecked(True)  # the numbers show that same evaluation
    assert "NAP" in page.review.numbers.text()
    assert len(evaluations) == 1

    page.review.tabs.setCurrentIndex(1)  # the before-and-after chart: from the same one
    qtbot.wait(10)
    assert len(evaluations) == 1

    page.select(second.id)
    assert evaluations[1:] == [second.id]
    page.select(second.id)  # already shown: nothing is built again
    assert len(evaluations) == 2

    journal.check_ins.update(today, ratings={"satisfaction": 8})  # one change...
    journal.check_ins.update(today, ratings={"guilt": 1})  # ...and another in the same turn
    qtbot.waitUntil(lambda: len(evaluations) == 3)
    qtbot.wait(20)
    assert evaluations[2:] == [second.id]  # one evaluation for both, of the one shown

    written = page.review.export_report(tmp_path / "report.pdf")  # and the report uses it too
    assert written is not None and written.read_bytes().startswith(b"%PDF")
    assert len(evaluations) == 3
