"""Build the standalone one-folder bundle for this platform, then check that it works.

Run: uv run python packaging/build_bundle.py [--skip-build]
The bundle lands in dist/bundle/wlitracker/; the checks run its --version, demo and
export against a temporary database, and start its window offscreen for a few seconds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "bundle"
WORK = ROOT / "build" / "pyinstaller"


def program_in(bundle: Path) -> Path:
    return bundle / ("wlitracker.exe" if os.name == "nt" else "wlitracker")


def build(dist: Path, work: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "pyinstaller" / "wlitracker.spec"),
        ],
        check=True,
    )


def size_mib(folder: Path) -> float:
    files = (f for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 2**20


def check(bundle: Path) -> dict[str, str]:
    """Run the bundled program as a user would; raises on any failure."""
    program = program_in(bundle)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[name] = str(home / name.lower())
        db = home / "journal.db"

        def run(*args: str) -> str:
            result = subprocess.run(
                [str(program), "--db", str(db), *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            if result.returncode != 0:
                raise RuntimeError(f"{args} failed ({result.returncode}):\n{result.stderr}")
            return result.stdout

        version = subprocess.run(
            [str(program), "--version"], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        demo = run("demo").strip()
        export = home / "export.json"
        run("export", "--format", "json", "-o", str(export))
        if b'"check_ins"' not in export.read_bytes():
            raise RuntimeError("the export has no check-ins")
        window = subprocess.Popen(
            [str(program), "--db", str(db)], env=env, stderr=subprocess.PIPE, text=True
        )
        time.sleep(6)
        still_running = window.poll() is None
        window.kill()
        _, err = window.communicate()
        if not still_running:
            raise RuntimeError(f"the window did not stay up:\n{err}")
        return {
            "version": version,
            "demo": demo,
            "window": "started and stayed up",
            "charts": draw_a_chart(program),
        }


def draw_a_chart(program: Path) -> str:
    """The window's charts come from the bundled program started as the chart process."""
    import datetime as dt

    from wlitracker.charts import SERVER_FLAG
    from wlitracker.charts.process import ChartProcess, Draw, Drawn
    from wlitracker.core.model.repository import InMemoryRepository
    from wlitracker.core.present import chart_specs
    from wlitracker.core.services import demo
    from wlitracker.core.services.journal import Journal

    today = dt.date(2026, 3, 16)
    repo = InMemoryRepository()
    demo.fill(repo, today, days=120)
    spec = chart_specs.build(Journal(repo, lambda: today), "weekday")
    charts = ChartProcess([str(program), SERVER_FLAG])
    try:
        answer = charts.ask(Draw(1, 1, spec, "light", 400, 300, 96.0))
    finally:
        charts.close()
    if not isinstance(answer, Drawn) or answer.picture.problem or not answer.picture.regions:
        raise RuntimeError(f"the bundled chart process drew no chart: {answer}")
    return "drawn by the bundled chart process"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="check an existing bundle")
    parser.add_argument("--dist", type=Path, default=DIST, help=f"output folder ({DIST})")
    parser.add_argument("--work", type=Path, default=WORK, help=f"build folder ({WORK})")
    args = parser.parse_args()
    if not args.skip_build:
        build(args.dist, args.work)
    bundle = args.dist / "wlitracker"
    results = check(bundle)
    for key, value in results.items():
        print(f"{key}: {value}")
    print(f"bundle: {bundle} ({size_mib(bundle):.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
