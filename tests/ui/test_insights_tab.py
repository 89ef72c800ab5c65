"""What goes with good days in the window: worked out off the GUI thread, ranked, testable."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wlitracker.app import open_journal
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.trends import TrendsController
from wlitracker.ui.experiment_editor import ExperimentEditor
from wlitracker.ui.experiments_page import ExperimentsPage
from wlitracker.ui.main_window import EXPERIMENTS, TRENDS, MainWindow
from wlitracker.ui.session import Session

DAY = dt.timedelta(days=1)


def _fill(journal: Journal, today: dt.date, days: int = 80) -> None:
    """Guilt clearly lower on gym days, everything else noise."""
    rng = random.Random(5)
    for offset in range(days):
        gym = offset % 3 == 0
        journal.check_ins.update(
            today - offset * DAY,
            ratings={
                "satisfaction": rng.randint(4, 7),
                "guilt": max(0, round(6 - (3 if gym else 0) + rng.gauss(0, 1))),
            },
            add_tags=["gym"] if gym else ["work"] if offset % 2 else [],
        )


@pytest.fixture
def journal(today: dt.date) -> Journal:
    journal = Journal(InMemoryRepository(), lambda: today, protected=[Path("journal.db")])
    _fill(journal, today)
    return journal


def _insights_tab(qtbot: QtBot, journal: Journal) -> TrendsController:
    controller = TrendsController(journal)
    page = controller.page
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.tabs.setCurrentWidget(page.insights)
    return controller


def test_the_tab_says_it_is_working_then_shows_the_ranked_list(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    controller = _insights_tab(qtbot, journal)
    page = controller.page
    assert page.state.tab == "insights"
    if page.state.insights is None:  # the placeholder while the thread works
        assert "Working out" in page.insights.note.text()
    qtbot.waitUntil(lambda: page.state.insights is not None, timeout=10_000)
    view = page.state.insights
    assert view is not None and view.rows
    assert "associations, not causes" in page.insights.note.text()
    first = view.rows[0]
    assert first.headline.startswith("Days tagged “gym”: Guilt") and first.strong
    assert len(page.insights.rows) == len(view.rows)
    assert len(page.insights.test_buttons) == sum(1 for r in view.rows if r.strong)

    # Another metric: the answer is kept, so the rows change without working it out again.
    calls: list[object] = []
    real = controller._want_insights

    def counting() -> None:
        calls.append(controller._working)
        real()

    controller._want_insights = counting  # type: ignore[method-assign]
    page.metric_combo.setCurrentIndex(page.metric_combo.findData("guilt"))
    assert page.state.insights is not None and page.state.insights.metric == "guilt"
    assert controller._working is None

    # A change in the journal: worked out again, for the new days.
    journal.check_ins.update(today, add_tags=["late"])
    qtbot.waitUntil(lambda: page.state.insights is None or controller._working is not None)
    qtbot.waitUntil(lambda: page.state.insights is not None, timeout=10_000)


def test_test_it_as_an_experiment_asks_for_the_filled_in_form(
    qtbot: QtBot, journal: Journal
) -> None:
    controller = _insights_tab(qtbot, journal)
    page = controller.page
    qtbot.waitUntil(lambda: bool(page.insights.test_buttons), timeout=10_000)
    with qtbot.waitSignal(page.experiment_requested) as asked:
        QTest.mouseClick(page.insights.test_buttons[0], Qt.MouseButton.LeftButton)
    draft = asked.args[0]
    assert draft.title == "More days with gym"
    assert [(t.metric, t.better) for t in draft.targets] == [("guilt", "lower")]
    assert len(draft.schedule.plan) == 4


def test_a_short_journal_says_what_is_needed(qtbot: QtBot, today: dt.date) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)
    _fill(journal, today, days=12)
    page = _insights_tab(qtbot, journal).page
    qtbot.waitUntil(lambda: page.state.insights is not None, timeout=10_000)
    assert page.insights.rows == []
    assert "10 rated days with it and 10 without" in page.insights.summary.text()


@pytest.fixture
def session(tmp_path: Path, today: dt.date) -> Iterator[Session]:
    QCoreApplication.setOrganizationName("wlitracker-tests")
    QCoreApplication.setApplicationName("wlitracker-tests")
    QSettings().clear()
    path = tmp_path / "journal.db"
    journal, repo = open_journal(path)
    journal.context.today = lambda: today
    _fill(journal, today)
    yield Session(journal, path, tmp_path / "wlitracker.log", "9.9")
    repo.close()
    QSettings().clear()


def test_the_window_opens_the_experiment_form_on_the_experiments_page(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.show_page(TRENDS)
    trends = window.controllers[TRENDS]
    assert isinstance(trends, TrendsController)
    trends.page.tabs.setCurrentWidget(trends.page.insights)
    qtbot.waitUntil(lambda: bool(trends.page.insights.test_buttons), timeout=10_000)
    experiments = window.page(EXPERIMENTS)
    assert isinstance(experiments, ExperimentsPage)
    seen: list[ExperimentEditor] = []

    def accept(dialog: QDialog) -> bool:
        assert isinstance(dialog, ExperimentEditor)
        seen.append(dialog)
        form = dialog.form()
        assert (form.title, form.design, form.block_days) == ("More days with gym", "abab", 7)
        dialog.accept()  # OK, as the form came
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(experiments, "run_dialog", accept)
    QTest.mouseClick(trends.page.insights.test_buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_page() == EXPERIMENTS and seen
    made = session.journal.experiments.all()
    assert [e.title for e in made] == ["More days with gym"]
    assert [t.metric for t in made[0].targets] == ["guilt"]
