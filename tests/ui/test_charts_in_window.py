"""Charts in the window: drawn when shown, saved in three formats, themed, hoverable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wlitracker.core.model.entities import Status
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs
from wlitracker.core.present.chart_specs import DayPoint
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal
from wlitracker.ui.chart_view import ChartView, describe_point
from wlitracker.ui.controllers.experiments import ExperimentsController
from wlitracker.ui.controllers.trends import TrendsController
from wlitracker.ui.trends_page import TrendsPage


@pytest.fixture
def demo_journal(today: dt.date) -> Journal:
    repo = InMemoryRepository()
    demo.fill(repo, today)
    return Journal(repo, lambda: today)


def _texts(view: ChartView) -> str:
    assert view.picture is not None
    return " ".join(view.picture.texts)


def _drawn(view: ChartView) -> bool:
    return view.picture is not None and bool(view.picture.regions) and not view.drawing


def test_a_chart_draws_when_shown_and_saves_in_three_formats(
    qtbot: QtBot, demo_journal: Journal, today: dt.date, tmp_path: Path
) -> None:
    view = ChartView("trend", protected=demo_journal.protected)
    qtbot.addWidget(view)
    spec = chart_specs.trend(demo_journal, today - dt.timedelta(days=90), today)
    view.set_spec(spec, today)
    assert view.canvas is None  # nothing is drawn for a hidden chart
    view.resize(800, 500)
    view.show()
    qtbot.waitUntil(lambda: view.canvas is not None and _drawn(view))
    assert "Satisfaction" in _texts(view)
    for suffix in ("png", "svg", "pdf"):
        saved = view.save(tmp_path / f"chart.{suffix}")
        assert saved is not None and saved.stat().st_size > 1000


def test_charts_follow_the_dark_palette(
    qtbot: QtBot, demo_journal: Journal, today: dt.date
) -> None:
    from PySide6.QtGui import QColor, QPalette

    view = ChartView("weekday")
    qtbot.addWidget(view)
    view.set_spec(chart_specs.build(demo_journal, "weekday"), today)
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    view.setPalette(dark)
    view.show()
    qtbot.waitUntil(lambda: _drawn(view))
    assert view.picture is not None
    red, green, blue = view.picture.background
    assert red + green + blue < 1.0


def test_hover_text_names_the_day_value_and_note() -> None:
    text = describe_point(DayPoint(dt.date(2026, 3, 10), 7, note="Dinner together"))
    assert "Tue 10 Mar 2026" in text and "7" in text and "Dinner together" in text
    assert "not rated" in describe_point(DayPoint(dt.date(2026, 3, 11), None))
    assert describe_point(object()) == ""


def _trends_shown(qtbot: QtBot, journal: Journal) -> TrendsPage:
    """The Trends page in view, its first chart drawn."""
    page = TrendsController(journal).page
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: _drawn(page.trend))
    return page


def test_the_trends_page_draws_each_view_when_its_tab_opens(
    qtbot: QtBot, demo_journal: Journal
) -> None:
    page = _trends_shown(qtbot, demo_journal)
    assert page.calendar.picture is None and page.calendar.spec is None  # not built yet
    page.tabs.setCurrentWidget(page.calendar)
    qtbot.waitUntil(lambda: _drawn(page.calendar))
    page.metric_combo.setCurrentIndex(page.metric_combo.findData("guilt"))
    assert isinstance(page.calendar.spec, chart_specs.CalendarSpec)
    assert page.calendar.spec.metric == "guilt"
    assert page.trend.spec is None  # built again when its tab is shown again
    assert len(page.state.rows) > 50
    # Out of view, the old chart's image and points are let go (megabytes each) ...
    assert page.trend.picture is None and page.trend.image.image is None
    assert page.calendar.image.image is not None  # ... but not the one in view
    page.tabs.setCurrentWidget(page.trend)
    qtbot.waitUntil(lambda: _drawn(page.trend))
    assert "Guilt" in _texts(page.trend)


def test_a_hidden_chart_keeps_its_image_while_nothing_changes(
    qtbot: QtBot, demo_journal: Journal
) -> None:
    page = _trends_shown(qtbot, demo_journal)
    image = page.trend.image.image
    page.tabs.setCurrentWidget(page.weekday)
    qtbot.waitUntil(lambda: _drawn(page.weekday))
    page.tabs.setCurrentWidget(page.trend)  # back at once: the same image, no redraw
    assert page.trend.image.image is image and not page.trend.drawing


def test_the_review_shows_charts_numbers_and_exports_the_report(
    qtbot: QtBot, demo_journal: Journal, tmp_path: Path
) -> None:
    reviewed = next(
        v for v in demo_journal.experiments.views() if v.status is Status.READY_TO_REVIEW
    )
    page = ExperimentsController(demo_journal).page
    qtbot.addWidget(page)
    page.resize(1200, 1000)
    page.show()
    page.select(reviewed.id)
    panel = page.review
    qtbot.waitUntil(lambda: _drawn(panel.experiment_chart))
    assert reviewed.experiment.title in _texts(panel.experiment_chart)
    panel.numbers_toggle.setChecked(True)
    assert "NAP" in panel.numbers.text() and "Satisfaction" in panel.numbers.text()
    report = panel.export_report(tmp_path / "report.pdf")
    assert report is not None and report.read_bytes().startswith(b"%PDF")
    html = panel.export_report(tmp_path / "report.html")
    assert html is not None and "<html" in html.read_text(encoding="utf-8").lower()
    panel.set_detail(None, demo_journal.today())  # a routine or an unscheduled one
    assert not panel.isVisible()


def test_a_chart_that_fails_to_draw_says_so_instead_of_waiting_for_ever(
    qtbot: QtBot, demo_journal: Journal, today: dt.date
) -> None:
    from wlitracker.core.model.record import replace

    spec = chart_specs.build(demo_journal, "weekday")
    assert isinstance(spec, chart_specs.WeekdaySpec)
    broken = replace(spec, series=("not a series",))  # type: ignore[arg-type]
    view = ChartView("weekday")
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_spec(broken, today)  # a bug of ours, met while drawing
    qtbot.waitUntil(lambda: view.picture is not None and not view.drawing)
    assert "could not be drawn" in _texts(view)
    assert view.picture is not None and view.picture.problem
    view.set_spec(spec, today)  # the next chart is drawn as ever
    qtbot.waitUntil(lambda: _drawn(view))
    assert "By weekday" in _texts(view)


def test_hovering_a_drawn_chart_names_the_day_under_the_pointer(
    qtbot: QtBot, demo_journal: Journal, today: dt.date
) -> None:
    from PySide6.QtWidgets import QToolTip

    view = ChartView("trend")
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.set_spec(chart_specs.trend(demo_journal, today - dt.timedelta(days=30), today), today)
    qtbot.waitUntil(lambda: _drawn(view))
    assert view.picture is not None
    x0, y0, x1, y1 = max(
        (r.box for r in view.picture.regions), key=lambda b: (b[2] - b[0]) * (b[3] - b[1])
    )
    ratio = view.image.image.width() / view.image.width()  # type: ignore[union-attr]
    y = view.image.height() - (y0 + y1) / 2 / ratio
    texts = set()
    for step in range(1, 20):
        x = (x0 + (x1 - x0) * step / 20) / ratio
        view.hover_at(x, y)
        texts.add(QToolTip.text())
    assert any(str(today.year) in t for t in texts)  # a day's date, as on every chart


@pytest.mark.parametrize("range_name", ["4 weeks", "all"])
def test_hovering_the_calendar_names_the_day_under_the_pointer(
    qtbot: QtBot, demo_journal: Journal, today: dt.date, range_name: str
) -> None:
    from PySide6.QtWidgets import QToolTip

    page = TrendsController(demo_journal).page
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    page.range_combo.setCurrentIndex(page.range_combo.findData(range_name))
    page.tabs.setCurrentWidget(page.calendar)
    view = page.calendar
    qtbot.waitUntil(lambda: isinstance(view.spec, chart_specs.CalendarSpec))
    qtbot.waitUntil(lambda: _drawn(view))
    spec, picture = view.spec, view.picture
    assert isinstance(spec, chart_specs.CalendarSpec) and picture is not None
    assert (spec.start, spec.end) == (page.state.start, page.state.end)
    grid = picture.regions[0]
    ratio = view.image.image.width() / view.image.width()  # type: ignore[union-attr]
    for row, band in enumerate(spec.bands, start=1):
        for column, cell in enumerate(band.cells, start=1):
            if cell is None or cell.date.day not in (1, 15):
                continue
            px, py = grid.pixel_of(column, row)
            view.hover_at(px / ratio, view.image.height() - py / ratio)
            assert cell.date.strftime("%a %d %b %Y") in QToolTip.text()


def test_the_window_draws_hovers_and_saves_charts_without_loading_matplotlib(
    tmp_path: Path,
) -> None:
    """matplotlib's drawing holds the interpreter lock: it lives in the chart process only."""
    import subprocess
    import sys

    code = f"""
import datetime as dt, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal
from wlitracker.ui.chart_view import ChartView
app = QApplication([])
today = dt.date(2026, 3, 16)
repo = InMemoryRepository()
demo.fill(repo, today, days=120)
journal = Journal(repo, lambda: today)
view = ChartView("calendar")
view.resize(700, 450)
view.show()
view.set_spec(chart_specs.build(journal, "calendar"), today)
deadline = time.monotonic() + 60
while (view.picture is None or view.drawing) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert view.picture is not None and view.picture.regions, "not drawn"
x0, y0, x1, y1 = view.picture.regions[0].box
ratio = view.image.image.width() / view.image.width()
view.hover_at((x0 + x1) / 2 / ratio, view.image.height() - (y0 + y1) / 2 / ratio)
saved = view.save(Path({str(tmp_path / "chart.pdf")!r}))
assert saved is not None and saved.read_bytes().startswith(b"%PDF"), saved
print("matplotlib" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
