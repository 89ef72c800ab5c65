"""The standalone bundle builds and works (about a minute; skip locally with -m 'not bundle')."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.bundle


def test_bundle_builds_starts_and_does_real_work(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build_bundle.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "version: wlitracker" in result.stdout
    assert "Demo journal ready" in result.stdout
    assert "window: started and stayed up" in result.stdout
    assert "charts: drawn by the bundled chart process" in result.stdout
