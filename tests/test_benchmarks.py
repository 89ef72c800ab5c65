"""The benchmarks run (in their quick smoke mode), so they cannot rot unnoticed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmarks_print_a_table_and_write_json(tmp_path: Path) -> None:
    target = tmp_path / "figures.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "machine:" in result.stdout
    data = json.loads(target.read_text())
    keys = {figure["key"] for figure in data["figures"]}
    for expected in (
        "start.today_painted",
        "start.plain_form",
        "gui.first_chart.wait",
        "gui.experiments.next.frozen",
        "gui.memory.every_page",
        "save.check_in_save_p50_p95",
        "chart.chart_calendar_all",
    ):
        assert expected in keys
    for figure in data["figures"]:
        assert set(figure) >= {"key", "value", "reference", "ratio", "budget", "met"}
        if figure["ratio"] is not None:
            assert abs(figure["ratio"] - figure["value"] / figure["reference"]) < 1e-9
    names = {figure["label"] for figure in data["figures"]}
    assert any(name.startswith("import Daylio") for name in names)
