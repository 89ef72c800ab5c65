"""The wheel carries everything: installed into a fresh environment, it runs and does real work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UV = os.environ.get("UV") or shutil.which("uv")

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(UV is None, reason="needs uv to build and install"),
]


def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    assert UV is not None
    dist = tmp_path / "dist"
    subprocess.run(
        [UV, "build", "--wheel", "--sdist", "-o", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("wlitracker-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wlitracker/ui/assets/wlitracker-256.png" in names
    assert "wlitracker/ui/assets/wlitracker.svg" in names
    assert not any(name.startswith("tests/") for name in names)
    assert next(dist.glob("wlitracker-*.tar.gz")).exists()

    venv = tmp_path / "venv"
    subprocess.run([UV, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [UV, "pip", "install", "-q", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
    )
    program = venv / ("Scripts/wlitracker.exe" if os.name == "nt" else "bin/wlitracker")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("VIRTUAL_ENV", None)
    db = tmp_path / "journal.db"

    def run(*args: str) -> str:
        return subprocess.run(
            [str(program), *args], capture_output=True, text=True, env=env, check=True
        ).stdout

    from wlitracker import __version__

    assert run("--version").strip() == f"wlitracker {__version__}"
    assert "Demo journal ready" in run("--db", str(db), "demo")
    export = tmp_path / "export.json"
    run("--db", str(db), "export", "--format", "json", "-o", str(export))
    assert '"check_ins"' in export.read_text(encoding="utf-8")
