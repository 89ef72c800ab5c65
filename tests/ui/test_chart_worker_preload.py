"""The window's chart worker, started after the first paint, sets up what charts need."""

from __future__ import annotations

import threading

import pytest

from wlitracker.charts.process import ChartProcess
from wlitracker.ui import chart_worker


class _Process(ChartProcess):
    """Launching is only noted: no process is started."""

    def __init__(self) -> None:
        super().__init__(argv=["unused"])
        self.launched = threading.Event()

    def launch(self) -> None:
        self.launched.set()


def test_preload_hands_back_freed_images_before_it_starts_the_chart_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order: list[str] = []
    monkeypatch.setattr(chart_worker, "return_large_buffers", lambda: order.append("heap"))
    process = _Process()
    worker = chart_worker.ChartWorker(process)
    done = threading.Event()
    worker.preload(also=[lambda: order.append("also"), done.set])
    assert process.launched.wait(5) and done.wait(5)
    assert order == ["heap", "also"]
