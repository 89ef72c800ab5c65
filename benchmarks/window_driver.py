"""Drives the real window in this process, as a person would, and times what they wait for.

Run by ``benchmarks.interaction`` in a fresh process: ``python -m benchmarks.window_driver
DB OUT.json [--quick]``. The app starts as ``wlitracker --db DB`` does; then keys are sent to
the window one action at a time. For each action it records

- ``wait``: from just before the key is sent to the end of the last repaint it causes (a
  repaint of the window, or of a window it opens, once nothing more is painted for a while);
- ``frozen``: the longest time the event loop did not turn in that span (a precise 2 ms timer
  notes every turn; a gap between two turns is time nothing on screen could respond).

A repaint is seen by wrapping ``event()`` of the app's Python window classes and noting when an
``UpdateRequest`` (Qt paints every dirty widget of a window in it) has been handled: no
event filter on the whole application, which would cost the app time of its own.
"""

from __future__ import annotations

import itertools
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SETTLE_S = 1.2  # nothing painted for this long: the action's effect is complete
TICK_MS = 2
TIMEOUT_S = 5.0


@dataclass
class Clock:
    """Paint ends and event-loop turns, in ``time.perf_counter`` seconds."""

    paints: list[float] = field(default_factory=list)
    turns: list[float] = field(default_factory=list)
    charts: list[tuple[str, int, int, float, float]] = field(default_factory=list)
    warm_up_ms = 0.0

    def last_paint_after(self, start: float) -> float | None:
        later = [p for p in self.paints if p >= start]
        return later[-1] if later else None

    def longest_gap(self, start: float, end: float) -> float:
        turns = [t for t in self.turns if start <= t <= end + TICK_MS / 1000 * 4]
        points = [start, *turns]
        if not turns or turns[-1] < end:
            points.append(end)
        return max((b - a for a, b in itertools.pairwise(points)), default=0.0)


def watch_paints(clock: Clock) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QDialog, QMainWindow

    from wlitracker.ui import main_window

    update = QEvent.Type.UpdateRequest

    def wrap(cls: Any) -> None:
        original = cls.event

        def event(self: Any, ev: Any) -> bool:
            kind = ev.type()
            handled = bool(original(self, ev))
            if kind == update:
                clock.paints.append(time.perf_counter())
            return handled

        cls.event = event

    from wlitracker.ui import chart_worker

    real_draw = chart_worker._draw

    def timed_draw(process: Any, job: Any) -> Any:
        """From the request sent to the chart process to its picture back here, and the
        drawing alone (timed in that process)."""
        began = time.perf_counter()
        drawn = real_draw(process, job)
        clock.charts.append(
            (
                job.spec.__class__.__name__,
                job.width,
                job.height,
                (time.perf_counter() - began) * 1000,
                drawn.drawing_ms,
            )
        )
        return drawn

    chart_worker._draw = timed_draw
    wrap(main_window.MainWindow)
    wrap(QDialog)
    del QMainWindow


class Driver:
    """Runs ``steps`` one after another once the window has shown its first page."""

    def __init__(self, clock: Clock, out: Path, quick: bool) -> None:
        self.clock = clock
        self.out = out
        self.quick = quick
        self.results: dict[str, dict[str, Any]] = {}
        self.profile: Any = None
        self.window: Any = None
        self.started_at = 0.0
        self.settled_mb: tuple[float | None, float | None] = (None, None)

    def start(self, window: Any) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.window = window
        from PySide6.QtWidgets import QApplication

        QApplication.setCursorFlashTime(0)  # a blinking cursor repaints for ever
        ticker = QTimer(window)
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(TICK_MS)
        ticker.timeout.connect(lambda: self.clock.turns.append(time.perf_counter()))
        ticker.start()
        self.ticker = ticker
        self.steps = list(self.plan())
        self.started_at = time.perf_counter()
        QTimer.singleShot(0, self._when_active)

    def _when_active(self) -> None:
        """Keys reach a window's shortcuts only once it is the active window."""
        from PySide6.QtCore import QTimer

        if not self.window.isActiveWindow() and time.perf_counter() - self.started_at < 5:
            self.window.activateWindow()
            QTimer.singleShot(20, self._when_active)
            return
        self._settle_then_next(None, time.perf_counter())  # a person reads the page first

    # --- the actions ------------------------------------------------------------------

    def key(self, widget: Callable[[], Any], key: str, modifiers: str = "") -> Callable[[], None]:
        def send() -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            mods = Qt.KeyboardModifier.NoModifier
            for name in modifiers.split("+") if modifiers else []:
                mods |= getattr(Qt.KeyboardModifier, f"{name}Modifier")
            QTest.keyClick(widget(), getattr(Qt.Key, f"Key_{key}"), mods)

        return send

    def focused(self) -> Any:
        from PySide6.QtWidgets import QApplication

        return QApplication.focusWidget() or self.window

    def plan(self) -> list[tuple[str, Callable[[], None]]]:
        w = self.window

        def page(index: int) -> Any:
            return w.pages[index]

        def trends_tab(letter: str) -> Callable[[], None]:
            return self.key(lambda: page(2).tabs, letter, "Alt")

        def experiments_tree() -> Any:
            tree = page(1).tree
            tree.setFocus()
            return tree

        def range_combo() -> Any:
            combo = page(2).range_combo
            combo.setFocus()
            return combo

        def metric_combo() -> Any:
            combo = page(2).metric_combo
            combo.setFocus()
            return combo

        def today_rating() -> Any:
            return next(iter(page(0).ratings.values())).spin

        steps: list[tuple[str, Callable[[], None]]] = [
            ("page.experiments.first", self.key(self.focused, "2", "Control")),
            ("experiments.next", self.key(experiments_tree, "Down")),
            ("experiments.next_again", self.key(experiments_tree, "Down")),
            ("page.trends.first", self.key(self.focused, "3", "Control")),
            ("trends.range_everything", self.key(range_combo, "End")),
            ("trends.tab_calendar", trends_tab("C")),
            ("trends.tab_weekdays", trends_tab("W")),
            ("trends.tab_scatter", trends_tab("U")),
            ("trends.tab_table", trends_tab("A")),
            ("trends.tab_over_time", trends_tab("O")),
            ("trends.metric_next", self.key(metric_combo, "Down")),
            ("page.settings.first", self.key(self.focused, "4", "Control")),
            ("page.today", self.key(self.focused, "1", "Control")),
            ("today.previous_day", self.key(self.focused, "Left", "Alt")),
            ("today.next_day", self.key(self.focused, "Right", "Alt")),
            ("today.rate_and_save", self._rate_and_save(today_rating)),
            ("page.experiments", self.key(self.focused, "2", "Control")),
            ("page.trends", self.key(self.focused, "3", "Control")),
        ]
        if self.quick:
            keep = {"page.experiments.first", "experiments.next", "page.trends.first", "page.today"}
            steps = [s for s in steps if s[0] in keep]
        return steps

    def _rate_and_save(self, rating: Callable[[], Any]) -> Callable[[], None]:
        def send() -> None:
            from PySide6.QtCore import Qt
            from PySide6.QtTest import QTest

            widget = rating()
            widget.setFocus()
            QTest.keyClick(widget, Qt.Key.Key_7)
            QTest.keyClick(self.focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

        return send

    # --- the loop ---------------------------------------------------------------------

    def _settle_then_next(self, name: str | None = None, began: float = 0.0) -> None:
        from PySide6.QtCore import QTimer

        now = time.perf_counter()
        reference = max([began, *self.clock.paints[-1:]])
        if now - reference < SETTLE_S and now - began < TIMEOUT_S:
            QTimer.singleShot(50, lambda: self._settle_then_next(name, began))
            return
        if name is not None and self.profile is not None:
            self.profile.disable()
            self.profile.dump_stats(str(self.out) + f".{name}.prof")
            self.profile.clear()  # each file holds its own action only
        if name is None:
            self.settled_mb = (resident_mb(), resident_mb(chart_process_id()))
        if name is not None:
            last = self.clock.last_paint_after(began)
            end = last if last is not None else began
            self.results[name] = {
                "wait": (end - began) * 1000,
                "frozen": self.clock.longest_gap(began, end) * 1000,
                "painted": last is not None,
                "charts": list(self.clock.charts),
                "rss_mb": resident_mb(),
                "charts_rss_mb": resident_mb(chart_process_id()),
            }
            self.clock.charts.clear()
        if not self.steps:
            self.finish()
            return
        next_name, action = self.steps.pop(0)
        self.clock.turns = self.clock.turns[-1:]
        self.clock.paints = self.clock.paints[-1:]
        began = time.perf_counter()
        if self.profile is not None:
            self.profile.enable()
        try:
            action()
        except Exception:
            import traceback

            traceback.print_exc()
            self.results[next_name] = {"failed": True}
            self.finish()
            return
        QTimer.singleShot(0, lambda: self._settle_then_next(next_name, began))

    def finish(self) -> None:
        from PySide6.QtWidgets import QApplication

        from wlitracker.ui.chart_worker import worker

        # The window's process and the chart process it started (let go here, so that its
        # peak is counted): together, what the app holds.
        self.clock.warm_up_ms = worker().process.warm_up_ms
        worker().close()
        window_mb, charts_mb = (
            resource.getrusage(who).ru_maxrss / 1024
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        rss_mb = window_mb + charts_mb
        drawn = [c for r in self.results.values() for c in r.get("charts", [])]
        width, height = max(((c[1], c[2]) for c in drawn), default=(900, 600))
        data = {
            "steps": self.results,
            "peak_rss_mb": rss_mb,
            "peak_rss_window_mb": window_mb,
            "peak_rss_charts_mb": charts_mb,
            "first_page_rss_mb": self.settled_mb,  # window, chart process: before any action
            "warm_up_ms": self.clock.warm_up_ms,
            "line2d_ms": line_reference_elsewhere(width, height, 3650),
        }
        self.out.write_text(json.dumps(data, indent=1))
        self.window.quitting = True
        QApplication.instance().quit()  # type: ignore[union-attr]


def chart_process_id() -> int | None:
    from wlitracker.ui.chart_worker import worker

    return worker().process.pid


def resident_mb(pid: int | str | None = "self") -> float | None:
    """A process's resident memory now (where /proc tells it): which action adds what."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def line_reference_elsewhere(width: int, height: int, points: int) -> float:
    """``line_reference_ms`` in a process of its own: the window's stays without matplotlib."""
    import subprocess

    size = (str(width), str(height), str(points))
    command = [sys.executable, "-m", "benchmarks.window_driver", "--line", *size]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def line_reference_ms(width: int, height: int, points: int, runs: int = 5) -> float:
    """One Line2D of ``points`` drawn and rendered on a Figure of the same size in pixels,
    with the same settings as a chart: the least a chart of that many days could cost."""
    import statistics

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from wlitracker.charts.theme import drawing

    samples = []
    for _ in range(runs + 1):
        began = time.perf_counter()
        figure = Figure(figsize=(width / 96, height / 96), dpi=96)
        canvas = FigureCanvasAgg(figure)
        figure.add_subplot().plot(range(points), [i % 11 for i in range(points)])
        with drawing():
            canvas.draw()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples[1:])


def main(argv: list[str]) -> int:
    if argv[:1] == ["--line"]:
        print(line_reference_ms(*(int(a) for a in argv[1:4])))
        return 0
    db, out = Path(argv[0]), Path(argv[1])
    quick = "--quick" in argv
    clock = Clock()
    watch_paints(clock)
    driver = Driver(clock, out, quick)
    if "--profile" in argv:  # a cProfile file per action, beside OUT (a diagnosis)
        import cProfile

        driver.profile = cProfile.Profile()

    import wlitracker.ui.main as ui_main

    original_open = ui_main.Launcher.open
    begun: list[bool] = []

    def open_and_drive(self: Any, *args: Any, **kwargs: Any) -> Any:
        window = original_open(self, *args, **kwargs)
        if not begun:
            begun.append(True)
            window.activateWindow()
            driver.start(window)
        return window

    ui_main.Launcher.open = open_and_drive  # type: ignore[method-assign]
    from wlitracker.app import main as app_main

    return app_main(["--db", str(db)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
