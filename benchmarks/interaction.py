"""What a person waits for in the window, driven by keys on a ten-year journal.

Each run starts the app in a fresh process (``benchmarks.window_driver``) with its own
settings, lets it settle as a person reading the Today page would, then sends keys: the
first visit to Experiments (its first chart), moving through experiments, every Trends
tab, the range and metric lists, Settings, Today's days and a save. Figures per action:
the longest time the event loop stood still (budget: 100 ms, where a response stops
feeling instant) and the wait from the key to the last paint it caused; the first
chart's wait (budget: 300 ms from the key); each kind of chart drawn, timed in the chart
process (budget: within 2x one Line2D of as many points on a Figure of the same size,
and under 150 ms), and its round trip from the window's request to the picture back in
the window (reported); peak memory after every page was visited, of the window's process
and its chart process together, against a bare window with a matplotlib canvas in one
process (budget: 1.5x).

Run: uv run python -m benchmarks.interaction [--runs N] [--days N] [--experiments N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks import startup, tenyear
from benchmarks.result_table import table
from benchmarks.results import Result, plain, under, within_ratio

FREEZE_LIMIT_MS = 100.0
FIRST_CHART_MS = 300.0
CHART_LIMIT_MS = 150.0


def private_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as people run it: byte code is kept
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env["MPLCONFIGDIR"] = str(home / "mpl")
    return env


def drive(db: Path, home: Path, quick: bool) -> dict[str, object]:
    """One run of the window, in a process of its own with settings of its own."""
    out = home / "driven.json"
    run_home = home / "run"
    if run_home.exists():
        import shutil

        shutil.rmtree(run_home)
    run_home.mkdir()
    env = private_env(run_home)
    env["MPLCONFIGDIR"] = str(home / "mpl")  # the font cache, as on a machine used before
    command = [sys.executable, "-m", "benchmarks.window_driver", str(db), str(out)]
    if quick:
        command.append("--quick")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        command, env=env, cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"the window run failed:\n{done.stdout}\n{done.stderr}")
    data: dict[str, object] = json.loads(out.read_text())
    return data


def build_journal(path: Path, days: int, experiments: int) -> Path:
    """The ten-year journal with ``experiments`` experiments."""
    return tenyear.build(path, days, experiments=experiments)


def measure(
    runs: int = 3, quick: bool = False, days: int = tenyear.DAYS, experiments: int = 400
) -> list[Result]:
    if quick:
        runs, days, experiments = 1, 120, 5
    startup.compile_package()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = build_journal(home / "journal.db", days, experiments)
        drive(db, home, quick=True)  # warm-up: page cache, font cache
        results = [drive(db, home, quick) for _ in range(runs)]
        canvas = [
            startup.run_probe(startup.BARE_WITH_CANVAS, home=home)["CONTENT"][1] / 1024
            for _ in range(max(runs, 1))
        ]
    return figures(results, canvas)


def figures(results: list[dict[str, object]], canvas_mb: list[float]) -> list[Result]:
    waits: dict[str, list[float]] = defaultdict(list)
    frozen: dict[str, list[float]] = defaultdict(list)
    charts: dict[str, list[float]] = defaultdict(list)
    round_trips: dict[str, list[float]] = defaultdict(list)
    lines: list[float] = []
    memory: list[float] = []
    for result in results:
        steps = result["steps"]
        assert isinstance(steps, dict)
        for name, step in steps.items():
            if step.get("failed"):
                raise RuntimeError(f"the action {name} could not be sent")
            waits[name].append(step["wait"])
            frozen[name].append(step["frozen"])
            for kind, _w, _h, round_trip, drawing in step.get("charts", []):
                charts[kind].append(drawing)
                round_trips[kind].append(round_trip)
        lines.append(float(result["line2d_ms"]))  # type: ignore[arg-type]
        memory.append(float(result["peak_rss_mb"]))  # type: ignore[arg-type]
    out: list[Result] = []
    for name, samples in waits.items():
        label = name.replace(".", ": ").replace("_", " ")
        out.append(under(f"gui.{name}.frozen", f"{label}, frozen", frozen[name], FREEZE_LIMIT_MS))
        if name == "page.experiments.first":
            out.append(
                under("gui.first_chart.wait", "first chart, from the key", samples, FIRST_CHART_MS)
            )
        else:
            out.append(plain(f"gui.{name}.wait", f"{label}, wait", samples))
    out.append(plain("gui.line2d", "one Line2D of 3,650 points (reference)", lines))
    for kind, samples in sorted(charts.items()):
        out.append(
            within_ratio(
                f"gui.chart.{kind}",
                f"chart drawn: {kind.removesuffix('Spec')}",
                samples,
                lines,
                "one Line2D of as many days",
                2.0,
                absolute_limit=CHART_LIMIT_MS,
            )
        )
        out.append(
            plain(
                f"gui.chart_round_trip.{kind}",
                f"  and back in the window: {kind.removesuffix('Spec')}",
                round_trips[kind],
            )
        )
    out.append(
        plain(
            "gui.memory.bare_canvas",
            "bare window + canvas, peak memory (reference)",
            canvas_mb,
            "MB",
        )
    )
    out.append(
        within_ratio(
            "gui.memory.every_page",
            "peak memory after every page (window and chart process)",
            memory,
            canvas_mb,
            "bare window + canvas",
            1.5,
            unit="MB",
        )
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--days", type=int, default=tenyear.DAYS)
    parser.add_argument("--experiments", type=int, default=400)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    print(table(measure(args.runs, args.quick, args.days, args.experiments)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
