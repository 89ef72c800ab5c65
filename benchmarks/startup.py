"""Start-up time and memory, against bare Qt references measured in the same run.

Time: process start to the main window's first paint, with a ten-year journal,
against a bare PySide6 QMainWindow's first paint. Both are
fresh processes: the parent notes the wall-clock time and starts Python; the
child reports the wall-clock time of its first paint. The Today page's own first
paint (the window frame comes first, its page in the next turn of the event
loop) is reported too. A paint is noticed by wrapping that class's paintEvent (the
window's, the Today page's), the same way on both sides: an event filter on the whole
application would cost the app time of its own.

Budget: the Today page with its data painted within 1.3x the bare window's first paint.
(Memory after every page is visited is measured by ``benchmarks.interaction``.)

Run: uv run python -m benchmarks.startup [--runs N] [--days N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import tenyear
from benchmarks.results import Result, compared, plain, within_ratio

PAINT_PROBE = r"""
import os, resource, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow

def report(tag):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{tag} {time.time():.6f} {rss}", flush=True)

def watch(cls, tag, then=None):
    # Wrap one class's paintEvent: an event filter on the whole application would make
    # Python wrappers for every object that gets an event, a cost that grows with the
    # number of widgets and is the probe's, not the program's.
    # (It stays in place: putting the original back while Qt is inside it crashes.)
    original = cls.paintEvent
    seen = []

    def paintEvent(self, event):
        original(self, event)
        if not seen:
            seen.append(tag)
            report(tag)
            (then or (lambda: os._exit(0)))()

    cls.paintEvent = paintEvent

"""

BARE = (
    PAINT_PROBE
    + r"""
class Window(QMainWindow):
    pass

watch(Window, "PAINTED")
app = QApplication(sys.argv[:1])
window = Window()
window.resize(1100, 760)
window.show()
app.exec()
"""
)

BARE_WITH_CANVAS = (
    PAINT_PROBE
    + r"""
from matplotlib.figure import Figure
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
watch(FigureCanvasQTAgg, "CONTENT")
app = QApplication(sys.argv[:1])
window = QMainWindow()
figure = Figure(figsize=(8, 5))
figure.add_subplot().plot([0, 1, 2], [1, 3, 2])
canvas = FigureCanvasQTAgg(figure)
window.setCentralWidget(canvas)
window.resize(1100, 760)
window.show()
app.exec()
"""
)

# The floor under the Today budget: the widgets the Today page shows (a menu bar, the
# list of places, a date row, three rows of rating buttons, a check box, a note, tags, a
# button), made with Qt alone: no module of the app, no journal, nothing read.
PLAIN_FORM = (
    PAINT_PROBE
    + r"""
from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QCompleter, QDateEdit, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

class Page(QWidget):
    pass

watch(Page, "CONTENT")
app = QApplication(sys.argv[:1])
window = QMainWindow()
for title in ("&File", "&Edit", "&View", "&Help"):
    menu = window.menuBar().addMenu(title)
    for i in range(4):
        action = QAction(f"Item {i}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{i}"))
        menu.addAction(action)
places = QListWidget()
places.addItems(["Today", "Experiments", "Trends", "Settings"])
page = Page()
column = QVBoxLayout(page)
title = QLabel("Today")
font = title.font()
font.setPointSize(16)
title.setFont(font)
column.addWidget(title)
row = QHBoxLayout()
row.addWidget(QPushButton("< Previous"))
day = QDateEdit(QDate.currentDate())
day.setCalendarPopup(True)
row.addWidget(day)
row.addWidget(QPushButton("Next >"))
column.addLayout(row)
form = QFormLayout()
for metric in ("Satisfaction", "Guilt", "Energy"):
    buttons, group = QHBoxLayout(), QButtonGroup(page)
    for value in range(11):
        button = QPushButton(str(value))
        button.setCheckable(True)
        group.addButton(button, value)
        buttons.addWidget(button)
    form.addRow(QLabel(metric), buttons)
column.addLayout(form)
column.addWidget(QCheckBox("I did today's experiment"))
note = QPlainTextEdit()
note.setPlaceholderText("A note")
column.addWidget(note)
tags = QLineEdit()
tags.setCompleter(QCompleter(QStringListModel(["work", "home"])))
column.addWidget(tags)
save = QPushButton("&Save")
column.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
QShortcut(QKeySequence.StandardKey.Save, page)
stack = QStackedWidget()
stack.addWidget(page)
central = QWidget()
sides = QHBoxLayout(central)
sides.addWidget(places)
sides.addWidget(stack, 1)
window.setCentralWidget(central)
window.resize(1100, 760)
window.show()
app.exec()
"""
)

APP = (
    PAINT_PROBE
    + r"""
from wlitracker.ui.main_window import MainWindow
from wlitracker.ui.today_page import TodayPage
watch(MainWindow, "PAINTED", lambda: None)
watch(TodayPage, "CONTENT")
from wlitracker.app import main
sys.exit(main(["--db", sys.argv[1]]))
"""
)


def compile_package() -> None:
    """Byte-compile the app as an installed wheel would be, so neither side pays for it."""
    import compileall

    import wlitracker

    compileall.compile_dir(Path(wlitracker.__file__).parent, quiet=1)


def run_probe(code: str, *args: str, home: Path | None = None) -> dict[str, tuple[float, int]]:
    """{tag: (seconds since start, peak RSS in KiB)} from one fresh process; with ``home``,
    its settings, data and caches go there instead of the user's."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if home is not None:
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(home / name.lower())
        env["MPLCONFIGDIR"] = str(home / "mpl")
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    marks = {}
    for line in result.stdout.splitlines():
        tag, *rest = line.split()
        if tag in ("PAINTED", "CONTENT"):
            marks[tag] = (float(rest[0]) - started, int(rest[1]))
    if not marks:
        raise RuntimeError(f"no paint reported:\n{result.stdout}\n{result.stderr}")
    return marks


def measure(runs: int = 5, days: int = tenyear.DAYS) -> list[Result]:
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = tenyear.build(home / "ten-years.db", days)
        run_probe(BARE, home=home)  # warm-up: page cache, font cache
        run_probe(APP, str(db), home=home)
        run_probe(BARE_WITH_CANVAS, home=home)
        run_probe(PLAIN_FORM, home=home)
        bare: list[float] = []
        plain_form: list[float] = []
        app_runs: list[dict[str, tuple[float, int]]] = []
        for _ in range(runs):  # in turn, so a slow spell on a shared machine hits each
            bare.append(run_probe(BARE, home=home)["PAINTED"][0])
            app_runs.append(run_probe(APP, str(db), home=home))
            plain_form.append(run_probe(PLAIN_FORM, home=home)["CONTENT"][0] * 1000)
    painted = [r["PAINTED"][0] * 1000 for r in app_runs]
    content = [r["CONTENT"][0] * 1000 for r in app_runs if "CONTENT" in r]
    bare_ms = [b * 1000 for b in bare]
    return [
        plain("start.bare_window", "bare QMainWindow first paint (reference)", bare_ms),
        plain("start.window_frame", "wlitracker window frame painted", painted),
        compared(
            "start.plain_form",
            "the Today page's widgets in plain Qt, no app code (the floor)",
            plain_form,
            bare_ms,
            "bare QMainWindow first paint",
        ),
        within_ratio(
            "start.today_painted",
            "wlitracker Today page with its data painted",
            content,
            bare_ms,
            "bare QMainWindow first paint",
            1.3,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--days", type=int, default=tenyear.DAYS)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.runs, args.days)
    for f in figures:
        print(f"{f.label:<48}{f.value:>8.1f} {f.unit}  {f.budget}")
    if args.json:
        Path(args.json).write_text(json.dumps([f.as_dict() for f in figures], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
