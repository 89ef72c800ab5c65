"""The calendar's words fit at the window's sizes: inside the figure, clear of the days and
the scale, none over another, for every range from four weeks to ten years."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from wlitracker.charts.render import draw_spec
from wlitracker.charts.theme import drawing, theme_named
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal

TODAY = dt.date(2026, 3, 16)
LONG_NAME = "minutes spent outdoors in the daylight"  # near the longest name allowed
# The chart's size in the Trends page of a 900x600 and a 1280x800 window, and a file's.
SIZES = [(710, 400), (1090, 600), (1000, 600)]


@pytest.fixture(scope="module")
def ten_years() -> Journal:
    repo = InMemoryRepository()
    demo.fill(repo, TODAY, days=3650)
    journal = Journal(repo, lambda: TODAY)
    journal.metrics.add(LONG_NAME, 0, 600, "higher")
    journal.check_ins.update(TODAY, ratings={LONG_NAME: 45})
    return journal


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("range_name", ["4 weeks", "3 months", "a year", "all"])
@pytest.mark.parametrize("metric", ["satisfaction", "guilt", LONG_NAME])
def test_the_calendar_text_fits_and_stays_clear_of_the_days(
    ten_years: Journal, size: tuple[int, int], range_name: str, metric: str
) -> None:
    start, end = cs.trend_range(ten_years, range_name)
    spec = cs.calendar(ten_years, start, end, metric)
    width, height = size
    fig = Figure(figsize=(width / 96, height / 96), dpi=96)
    canvas = FigureCanvasAgg(fig)
    with drawing():
        axes = draw_spec(fig, spec, theme_named("light"))
        canvas.draw()
    assert len(axes) == 2  # the days and the scale: nothing fell back to a message
    renderer = canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if isinstance(t, Text) and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    labels = {t for t, _ in boxes}
    assert {b.label for b in spec.bands[-1:]} <= labels  # the newest band is always named
    for text, box in boxes:
        assert box.x0 >= -1 and box.y0 >= -1, text
        assert box.x1 <= width + 1 and box.y1 <= height + 1, text
        for ax in axes:
            area = ax.bbox
            overlap_w = min(box.x1, area.x1) - max(box.x0, area.x0)
            overlap_h = min(box.y1, area.y1) - max(box.y0, area.y0)
            assert overlap_w <= 1 or overlap_h <= 1, (text, "over the chart")
    for i, (text, box) in enumerate(boxes):
        for other, second in boxes[i + 1 :]:
            overlap_w = min(box.x1, second.x1) - max(box.x0, second.x0)
            overlap_h = min(box.y1, second.y1) - max(box.y0, second.y0)
            assert overlap_w <= 1 or overlap_h <= 1, (text, other)


def test_years_too_thin_for_a_label_each_are_named_in_turn(ten_years: Journal) -> None:
    """Ten years in a chart a third of the window's height: every other year named."""
    start, end = cs.trend_range(ten_years, "all")
    spec = cs.calendar(ten_years, start, end)
    fig = Figure(figsize=(7.4, 2.6), dpi=96)
    canvas = FigureCanvasAgg(fig)
    with drawing():
        ax, _ = draw_spec(fig, spec, theme_named("dark"))
        canvas.draw()
    named = [t.get_text() for t in ax.texts if t.get_gid() == "ytick"]
    assert named[-1] == "2026" and 3 <= len(named) < len(spec.bands)
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "ytick"]
    assert all(a.y0 >= b.y1 - 1 for a, b in itertools.pairwise(boxes))  # apart
