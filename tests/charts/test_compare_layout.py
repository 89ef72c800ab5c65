"""The Before and after chart's words fit: inside the figure, none over another."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from wlitracker.charts.render import draw_spec
from wlitracker.charts.theme import drawing, theme_named
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.present.experiments import build_experiments_state
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal


@pytest.mark.parametrize("size", [(480, 314), (680, 420), (960, 576)])
def test_the_compare_chart_text_fits_at_common_sizes(today: dt.date, size: tuple[int, int]) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today)
    journal = Journal(repo, lambda: today)
    reviewed = next(v for v in journal.experiments.views() if v.status.value == "ready to review")
    detail = build_experiments_state(journal, reviewed.id).selected
    assert detail is not None and detail.compare_chart is not None
    width, height = size
    fig = Figure(figsize=(width / 96, height / 96), dpi=96)
    canvas = FigureCanvasAgg(fig)
    with drawing():
        draw_spec(fig, detail.compare_chart, theme_named("light"))
        canvas.draw()
    renderer = canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if isinstance(t, Text) and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for text, box in boxes:
        assert box.x0 >= -1 and box.y0 >= -1, text
        assert box.x1 <= width + 1 and box.y1 <= height + 1, text
    for i, (text, box) in enumerate(boxes):
        for other, second in boxes[i + 1 :]:
            overlap_w = min(box.x1, second.x1) - max(box.x0, second.x0)
            overlap_h = min(box.y1, second.y1) - max(box.y0, second.y0)
            assert overlap_w <= 1 or overlap_h <= 1, (text, other)
