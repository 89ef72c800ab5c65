"""The Trends page shows a state and asks through signals; its controller builds the state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.present import trends
from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.trends import TrendsController
from wlitracker.ui.trends_page import TrendsPage

DAY = dt.timedelta(days=1)


@pytest.fixture
def journal(today: dt.date) -> Journal:
    journal = Journal(InMemoryRepository(), lambda: today, protected=[Path("journal.db")])
    for offset in range(60):
        journal.check_ins.update(today - offset * DAY, ratings={"satisfaction": 3 + offset % 6})
    return journal


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The charts the state builds, by kind, in order."""
    made: list[str] = []
    for kind in ("trend", "calendar", "weekday", "scatter"):
        real: Callable[..., object] = getattr(trends, kind)

        def counting(
            *args: object, _real: Callable[..., object] = real, _kind: str = kind, **kw: object
        ) -> object:
            made.append(_kind)
            return _real(*args, **kw)

        monkeypatch.setattr(trends, kind, counting)
    return made


def _page(qtbot: QtBot, journal: Journal) -> tuple[TrendsController, TrendsPage]:
    controller = TrendsController(journal)
    qtbot.addWidget(controller.page)
    controller.page.resize(900, 600)
    controller.page.show()
    return controller, controller.page


def test_only_the_chart_in_view_is_built_once_per_change(
    qtbot: QtBot, journal: Journal, today: dt.date, built: list[str]
) -> None:
    _, page = _page(qtbot, journal)
    assert built == ["trend"]
    page.tabs.setCurrentWidget(page.weekday)
    assert built == ["trend", "weekday"]
    page.tabs.setCurrentWidget(page.trend)  # built already for this change
    assert built == ["trend", "weekday"]

    journal.check_ins.update(today, ratings={"guilt": 2})  # two changes in one turn
    journal.check_ins.update(today - DAY, ratings={"guilt": 3})
    qtbot.waitUntil(lambda: len(built) == 3)
    qtbot.wait(20)
    assert built[2:] == ["trend"]  # the tab in view, once
    assert page.weekday.spec is None


def test_range_and_metric_are_asked_for_and_kept_across_changes(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    controller, page = _page(qtbot, journal)
    with qtbot.waitSignal(page.range_requested) as asked:
        page.range_combo.setCurrentIndex(page.range_combo.findData("4 weeks"))
    assert asked.args == ["4 weeks"]
    assert (page.state.start, len(page.state.rows)) == (today - 27 * DAY, 28)
    with qtbot.waitSignal(page.metric_requested) as asked:
        page.metric_combo.setCurrentIndex(page.metric_combo.findData("guilt"))
    assert asked.args == ["guilt"]
    assert isinstance(page.trend.spec, cs.TrendSpec)
    assert [s.metric for s in page.trend.spec.series] == ["guilt"]

    journal.check_ins.update(today, ratings={"guilt": 4})
    qtbot.waitUntil(lambda: page.state.rows[0].ratings.get("guilt") == 4)
    page.tabs.setCurrentWidget(page.table_tab)  # the table shows the range's days at once
    assert page.model.rowCount() == 28 and page.model.index(0, 2).data() == "4"
    assert (controller.range_name, page.state.metric) == ("4 weeks", "guilt")
    assert page.range_combo.currentData() == "4 weeks"
    assert page.metric_combo.currentData() == "guilt"
    page.metric_combo.setCurrentIndex(0)
    assert page.state.metric is None


def test_the_table_lets_old_days_go_while_out_of_view_and_keeps_its_filter(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.check_ins.update(today - 3 * DAY, note="walk")
    journal.check_ins.update(today - 10 * DAY, note="walk again")
    _, page = _page(qtbot, journal)
    page.tabs.setCurrentWidget(page.table_tab)
    qtbot.keyClicks(page.filter_edit, "walk")
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    page.tabs.setCurrentWidget(page.trend)
    assert page.model.total == 60  # nothing changed: the table stays as it was
    page.range_combo.setCurrentIndex(page.range_combo.findData("4 weeks"))
    assert page.model.total == 0 and len(page.state.rows) == 28  # not kept out of view
    page.tabs.setCurrentWidget(page.table_tab)
    assert (page.model.total, page.model.rowCount()) == (28, 2)
    assert page.model.date_at(0) == today - 10 * DAY  # still oldest first
    assert page.filter_count.text() == "2 of 28 days"


def test_the_metric_list_the_chart_and_the_table_name_a_metric_as_typed(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.metrics.add("Sleep Hours", 0, 12, "higher")
    journal.check_ins.update(today, ratings={"sleep hours": 7})
    _, page = _page(qtbot, journal)
    combo = page.metric_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Satisfaction and Guilt",
        "Satisfaction",
        "Guilt",
        "Sleep Hours",
    ]
    with qtbot.waitSignal(page.metric_requested) as asked:
        combo.setCurrentIndex(combo.findText("Sleep Hours"))
    assert asked.args == ["sleep hours"]
    assert isinstance(page.trend.spec, cs.TrendSpec)
    assert page.trend.spec.title.startswith("Sleep Hours, ")
    page.tabs.setCurrentWidget(page.table_tab)  # the table follows while it is in view
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(1, 4)]
    assert headers == ["Satisfaction", "Guilt", "Sleep Hours"]


def test_a_day_of_the_table_is_asked_for(qtbot: QtBot, journal: Journal, today: dt.date) -> None:
    _, page = _page(qtbot, journal)
    page.tabs.setCurrentWidget(page.table_tab)
    assert page.state.tab == "table" and page.trend.spec is not None  # kept: no change since
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 0))
    with qtbot.waitSignal(page.day_requested) as asked:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert asked.args == [today - 2 * DAY]


def test_the_table_sorts_by_a_column_and_filters_by_words_then_opens_the_day(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.check_ins.update(today - 5 * DAY, note="Long walk with Sam", add_tags=["outdoors"])
    journal.check_ins.update(today - 9 * DAY, add_tags=["Walk"])
    _, page = _page(qtbot, journal)
    page.tabs.setCurrentWidget(page.table_tab)
    assert page.model.index(0, 0).data() == today.strftime("%a %Y-%m-%d")  # newest first

    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # click
    lowest = [page.model.index(row, 1).data() for row in range(3)]
    assert lowest == ["3", "3", "3"]
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.model.date_at(0) == today - 59 * DAY

    qtbot.keyClicks(page.filter_edit, "WALK")
    assert page.model.rowCount() == 2  # the note's words and the tag, in any case
    assert {page.model.date_at(r) for r in range(2)} == {today - 5 * DAY, today - 9 * DAY}
    assert page.filter_count.text() == "2 of 60 days"
    journal.check_ins.update(today, note="walk to work")  # a change keeps the filter
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    with qtbot.waitSignal(page.day_requested) as asked:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert asked.args == [today - 9 * DAY]  # oldest first, as sorted
    page.filter_edit.clear()
    assert page.model.rowCount() == 60 and page.filter_count.text() == ""


def test_charts_are_saved_never_over_the_journal_and_only_with_something_on_them(
    qtbot: QtBot, journal: Journal, today: dt.date, tmp_path: Path
) -> None:
    _, page = _page(qtbot, journal)
    assert page.trend.protected == (Path("journal.db"),)
    assert page.trend.save_button.isEnabled()
    assert page.trend.suggested_name("svg") == f"wlitracker-trend-{today.isoformat()}.svg"
    saved = page.trend.save(tmp_path / "trend.svg")
    assert saved is not None and saved.read_bytes().startswith(b"<?xml")

    page.tabs.setCurrentWidget(page.scatter)  # satisfaction against guilt: no guilt rated
    assert page.scatter.spec is not None and page.scatter.spec.is_empty
    assert not page.scatter.save_button.isEnabled()


def test_a_problem_building_the_state_is_shown_and_the_page_stays(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, page = _page(qtbot, journal)
    shown: list[str] = []
    monkeypatch.setattr(page, "show_problem", lambda error: shown.append(str(error)))
    before = page.state

    controller.show_range("a fortnight")

    assert shown and "is not one of" in shown[0]
    assert page.state is before and controller.range_name == before.range_name == "3 months"
    with pytest.raises(ValidationError):
        trends.build_trends_state(journal, "a fortnight", None)


def test_table_columns_fit_their_texts_and_the_count_is_worded(
    qtbot: QtBot, journal: Journal, today: dt.date
) -> None:
    journal.check_ins.update(today, add_tags=["family dinner", "late meeting"])
    _, page = _page(qtbot, journal)
    page.tabs.setCurrentWidget(page.table_tab)
    model, header = page.model, page.table.horizontalHeader()
    cell = page.table.fontMetrics()
    for column in range(model.columnCount() - 1):  # the note column stretches
        widest = max(cell.horizontalAdvance(t) for t in model.column_texts(column, 60))
        assert header.sectionSize(column) > widest, model.headerData(
            column, Qt.Orientation.Horizontal
        )
    assert page.summary.text() == "60 check-ins"
    page.range_combo.setCurrentIndex(page.range_combo.findData("4 weeks"))
    assert page.summary.text() == "28 check-ins"


def test_one_day_is_one_check_in(qtbot: QtBot, today: dt.date) -> None:
    journal = Journal(InMemoryRepository(), lambda: today)
    journal.check_ins.update(today, ratings={"satisfaction": 5})
    _, page = _page(qtbot, journal)
    assert page.summary.text() == "1 check-in"
