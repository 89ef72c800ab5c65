"""The chart process: what the window asks of it, what comes back, and what it survives."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from wlitracker.charts.common import regions_of
from wlitracker.charts.picture import CalendarCells, HoverData, Region, invert
from wlitracker.charts.process import (
    ChartProcess,
    Draw,
    Drawn,
    Failed,
    Refused,
    Report,
    Save,
    Written,
    receive,
    send,
)
from wlitracker.charts.render import draw_spec
from wlitracker.core.model import errors
from wlitracker.core.present import chart_specs
from wlitracker.core.present.chart_specs import DayPoint
from wlitracker.core.services.journal import Journal


@pytest.fixture(scope="module")
def process() -> Iterator[ChartProcess]:
    started = ChartProcess()
    yield started
    started.close()


def _trend(journal: Journal) -> chart_specs.ChartSpec:
    today = journal.today()
    return chart_specs.trend(journal, today - dt.timedelta(days=60), today)


def _largest(regions: tuple[Region, ...]) -> Region:
    return max(regions, key=lambda r: (r.box[2] - r.box[0]) * (r.box[3] - r.box[1]))


def test_a_drawn_chart_comes_back_as_pixels_texts_and_a_map_to_its_days(
    process: ChartProcess, demo_journal: Journal
) -> None:
    answer = process.ask(Draw(1, 1, _trend(demo_journal), "light", 800, 500, 96.0))
    assert isinstance(answer, Drawn) and (answer.view, answer.number) == (1, 1)
    picture = answer.picture
    assert (picture.width, picture.height) == (800, 500)
    assert len(picture.pixels) == 800 * 500 * 4 and not picture.problem
    assert any("Satisfaction" in t for t in picture.texts)
    assert picture.background == (1.0, 1.0, 1.0)
    x0, y0, x1, y1 = _largest(picture.regions).box
    found = [
        item
        for step in range(1, 40)
        for item in picture.items_at(x0 + (x1 - x0) * step / 40, (y0 + y1) / 2)
    ]
    days = {item.date for item in found if isinstance(item, DayPoint)}
    assert len(days) > 10 and max(days) <= demo_journal.today()


def test_regions_map_data_to_the_pixels_matplotlib_drew_them_at(demo_journal: Journal) -> None:
    figure = Figure(figsize=(8, 5), dpi=96)
    axes = draw_spec(figure, _trend(demo_journal))
    figure.canvas.draw()
    regions = regions_of(figure)
    assert len(regions) == len(figure.axes)
    for ax, region in zip(figure.axes, regions, strict=True):
        for point in ((ax.get_xlim()[0], ax.get_ylim()[0]), (ax.get_xlim()[1], ax.get_ylim()[1])):
            expected = ax.transData.transform(point)
            assert region.pixel_of(*point) == pytest.approx(tuple(expected), abs=1e-6)
            assert region.data_at(*expected) == pytest.approx(point, rel=1e-9, abs=1e-9)
    assert isinstance(regions[0].lookup, HoverData) and axes


def test_the_calendar_is_found_by_both_coordinates(demo_journal: Journal) -> None:
    spec = chart_specs.build(demo_journal, "calendar")
    assert isinstance(spec, chart_specs.CalendarSpec)
    figure = Figure(figsize=(9, 6), dpi=96)
    draw_spec(figure, spec)
    figure.canvas.draw()
    grid = regions_of(figure)[0]
    assert isinstance(grid.lookup, CalendarCells)
    band = spec.bands[-1]
    column, cell = next((i, c) for i, c in enumerate(band.cells, start=1) if c is not None)
    assert grid.item_at(*grid.pixel_of(column, len(spec.bands))) == cell


def test_an_affine_map_and_its_inverse_undo_each_other() -> None:
    m = (2.0, 0.5, 10.0, -0.25, 3.0, -4.0)
    region = Region((0, 0, 100, 100), m)
    assert region.data_at(*region.pixel_of(7.0, -2.0)) == pytest.approx((7.0, -2.0))
    with pytest.raises(ValueError):
        invert((1.0, 2.0, 0.0, 2.0, 4.0, 0.0))


def test_saving_writes_the_figure_shown_and_a_refusal_comes_back_as_the_same_error(
    process: ChartProcess, demo_journal: Journal, tmp_path: Path
) -> None:
    spec = chart_specs.build(demo_journal, "weekday")
    shown = process.ask(Save(spec, "dark", tmp_path / "shown.png", "Weekday", (), (600, 400, 96.0)))
    assert isinstance(shown, Written) and shown.path.read_bytes().startswith(b"\x89PNG")
    fresh = process.ask(Save(spec, "light", tmp_path / "fresh.svg", "Weekday", ()))
    assert isinstance(fresh, Written) and b"<svg" in fresh.path.read_bytes()[:400]
    journal = tmp_path / "journal.db"
    journal.write_bytes(b"keep")
    over = process.ask(
        Save(spec, "dark", journal.with_suffix(".txt"), "x", (journal,), (60, 40, 96.0))
    )
    assert isinstance(over, Refused)
    error = over.error()
    assert isinstance(error, errors.ValidationError) and ".txt" in str(error)
    assert journal.read_bytes() == b"keep"


def test_a_report_is_written_by_the_process(
    process: ChartProcess, demo_journal: Journal, tmp_path: Path
) -> None:
    from wlitracker.core.model.entities import Status

    view = next(v for v in demo_journal.experiments.views() if v.status is Status.READY_TO_REVIEW)
    spec = chart_specs.report(demo_journal, view.id)
    chart = chart_specs.experiment_chart(demo_journal, view.id)
    answer = process.ask(Report(spec, chart, tmp_path / "report.pdf", ()))
    assert isinstance(answer, Written) and answer.path.read_bytes().startswith(b"%PDF")


def test_refusals_keep_their_kind_and_words() -> None:
    for error in (
        errors.ValidationError("-o", "the file must end in .png"),
        errors.NotFoundError("no experiment 9"),
        errors.WliError("plain"),
    ):
        back = Refused.of(error).error()
        assert type(back) is type(error) and str(back) == str(error)
    assert type(Refused("Exception", "odd").error()) is errors.WliError


def test_a_killed_process_is_started_again_for_the_next_chart(
    demo_journal: Journal,
) -> None:
    process = ChartProcess()
    try:
        spec = chart_specs.build(demo_journal, "scatter")
        assert isinstance(process.ask(Draw(1, 1, spec, "light", 400, 300, 96.0)), Drawn)
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        assert isinstance(process.ask(Draw(1, 2, spec, "light", 400, 300, 96.0)), Drawn)
        assert process.started == 2
    finally:
        process.close()
    assert isinstance(process.ask(Draw(1, 3, spec, "light", 400, 300, 96.0)), Failed)
    assert process.started == 2  # once let go, it is not started again


def test_a_message_that_cannot_be_read_is_answered_and_the_next_one_still_is(
    process: ChartProcess, demo_journal: Journal, tmp_path: Path
) -> None:
    import io
    import pickle

    stream = io.BytesIO()
    send(stream, {"a": 1})
    send(stream, [2])
    stream.seek(0)
    assert receive(stream) == {"a": 1} and receive(stream) == [2]
    with pytest.raises(EOFError):
        receive(io.BytesIO(stream.getvalue()[:5]))
    # A class the process cannot import (this test module is not on its path).
    unreadable = process.ask(Draw(1, 3, Unknown(), "light", 300, 200, 96.0))  # type: ignore[arg-type]
    assert isinstance(unreadable, Failed) and "could not be read" in unreadable.message
    spec = chart_specs.build(demo_journal, "weekday")
    assert isinstance(process.ask(Draw(1, 4, spec, "light", 300, 200, 96.0)), Drawn)
    assert pickle.loads(pickle.dumps(spec)) == spec


class Unknown:
    """Stands for a spec of a newer version: it pickles here, not there."""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_process_ends_when_the_window_is_killed() -> None:
    """kill -9 of the window closes the pipe; the chart process then ends of itself."""
    import subprocess
    import sys
    import time

    code = (
        "import time\n"
        "from wlitracker.charts.process import ChartProcess\n"
        "p = ChartProcess()\n"
        "p.start()\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    window = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout is not None
        child = int(window.stdout.readline())
        os.kill(window.pid, signal.SIGKILL)
        window.wait(10)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _running(child):
            time.sleep(0.05)
        assert not _running(child)
    finally:
        window.kill()
        window.wait()
        if window.stdout is not None:
            window.stdout.close()


def _running(pid: int) -> bool:
    """Whether ``pid`` is alive (a zombie, ended and not yet waited for, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
