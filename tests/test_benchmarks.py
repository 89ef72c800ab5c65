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
    assert "median" in result.stdout and "machine:" in result.stdout
    data = json.loads(target.read_text())
    names = {figure["name"].strip() for figure in data["figures"]}
    for expected in (
        "wlitracker window painted",
        "check-in save p50 / p95",
        "evaluate one (a year)",
        "export JSON",
        "export CSV",
        "chart: trend (a year)",
        "chart: calendar",
    ):
        assert expected in names
    assert any(name.startswith("import Daylio") for name in names)
