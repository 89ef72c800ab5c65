"""Start-up: process start to the main window's first paint, against a bare QMainWindow.

Both are measured the same way, in fresh processes, on the same machine: the
parent notes the wall-clock time, starts Python, and the child reports the
wall-clock time of the first paint event of its main window. The app opens a
ten-year database (one check-in a day, notes, tags, experiments).

Run: uv run python -m benchmarks.startup [--runs N] [--days N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINT_PROBE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

WAIT_FOR_CONTENT = len(sys.argv) > 1

class FirstPaint(QObject):
    painted = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if isinstance(obj, QMainWindow) and not self.painted:
                self.painted = True
                print(f"PAINTED {time.time():.6f}", flush=True)
                if not WAIT_FOR_CONTENT:
                    os._exit(0)
            elif type(obj).__name__ == "TodayPage":
                print(f"CONTENT {time.time():.6f}", flush=True)
                os._exit(0)
        return False

probe = FirstPaint()

def install(app):
    app.installEventFilter(probe)
"""

BARE = (
    PAINT_PROBE
    + r"""
app = QApplication(sys.argv[:1])
install(app)
window = QMainWindow()
window.resize(1100, 760)
window.show()
app.exec()
"""
)

APP = (
    PAINT_PROBE
    + r"""
import wlitracker.ui.main as ui_main
make_app = ui_main.application

def application():
    app = make_app()
    install(app)
    return app

ui_main.application = application
from wlitracker.app import main
sys.exit(main(["--db", sys.argv[1]]))
"""
)


def build_database(path: Path, days: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "wlitracker", "--db", str(path), "demo", "--days", str(days)],
        check=True,
        capture_output=True,
    )


def time_to_paint(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    marks = {
        line.split()[0]: float(line.split()[1]) - started
        for line in result.stdout.splitlines()
        if line.startswith(("PAINTED ", "CONTENT "))
    }
    if "PAINTED" not in marks:
        raise RuntimeError(f"no paint reported:\n{result.stdout}\n{result.stderr}")
    return marks


def compile_package() -> None:
    """Byte-compile the app as an installed wheel would be, so neither side pays for it."""
    import compileall

    import wlitracker

    compileall.compile_dir(Path(wlitracker.__file__).parent, quiet=1)


def measure(runs: int, days: int) -> dict[str, object]:
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(home / name.lower())
        os.environ["MPLCONFIGDIR"] = str(home / "mpl")
        db = home / "ten-years.db"
        build_database(db, days)
        time_to_paint(BARE)  # warm-up: page cache, font cache
        time_to_paint(APP, str(db))
        bare = [time_to_paint(BARE)["PAINTED"] for _ in range(runs)]
        runs_app = [time_to_paint(APP, str(db)) for _ in range(runs)]
    app = [r["PAINTED"] for r in runs_app]
    content = [r.get("CONTENT", float("nan")) for r in runs_app]
    ratio = statistics.median(app) / statistics.median(bare)
    return {
        "days": days,
        "runs": runs,
        "bare_qmainwindow_s": {
            "median": statistics.median(bare),
            "min": min(bare),
            "max": max(bare),
        },
        "wlitracker_s": {"median": statistics.median(app), "min": min(app), "max": max(app)},
        "wlitracker_today_page_painted_s": {
            "median": statistics.median(content),
            "min": min(content),
            "max": max(content),
        },
        "ratio": ratio,
        "budget_ratio": 2.0,
        "within_budget": ratio <= 2.0,
    }


def _row(label: str, figure: object) -> str:
    assert isinstance(figure, dict)
    return f"{label:<26}{figure['median']:>8.3f}s{figure['min']:>8.3f}s{figure['max']:>8.3f}s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.runs, args.days)
    print(f"{'process start to':<26}{'median':>9}{'min':>9}{'max':>9}")
    print(_row("bare QMainWindow painted", figures["bare_qmainwindow_s"]))
    print(_row("wlitracker window painted", figures["wlitracker_s"]))
    print(_row("  its Today page painted", figures["wlitracker_today_page_painted_s"]))
    print(
        f"ratio {figures['ratio']:.2f} (budget 2.00): "
        + ("within budget" if figures["within_budget"] else "OVER BUDGET")
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
