"""Render the README screenshots from a demo journal in a real window.

Run under a display (for example ``xvfb-run -a uv run python
resources/screenshots/make_screenshots.py``); writes PNGs beside this file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    os.environ["MPLCONFIGDIR"] = str(folder / "mpl")

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from wlitracker import __version__
    from wlitracker.app import open_journal
    from wlitracker.core.services import demo
    from wlitracker.ui.application import application
    from wlitracker.ui.main_window import EXPERIMENTS, TODAY, TRENDS, MainWindow
    from wlitracker.ui.session import Session
    from wlitracker.ui.theme import apply_theme

    app = application()
    db = folder / "demo.db"
    journal, _ = open_journal(db)
    demo.fill(journal.repo, journal.today())

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()

    def drawn(ms: int = 300) -> None:
        """Settle, then wait (up to ten seconds) until every chart in view is drawn."""
        from wlitracker.ui.chart_view import ChartView

        settle(ms)
        for _ in range(100):
            views = [v for v in app.allWidgets() if isinstance(v, ChartView) and v.isVisible()]
            if all(v.spec is None or (v.picture is not None and not v.drawing) for v in views):
                break
            settle(100)
        settle(100)

    for theme in ("light", "dark"):
        apply_theme(app, theme)
        window = MainWindow(Session(journal, db, None, __version__))
        window.resize(1180, 860)
        window.show()
        settle()
        # The status bar names the journal's file: show where a person's own one lives,
        # not the temporary folder these pictures are made in.
        window.statusBar().showMessage("~/.local/share/wlitracker/journal.db")
        window.show_page(TODAY)
        settle()
        suffix = "" if theme == "light" else "-dark"
        window.grab().save(str(HERE / f"today{suffix}.png"))
        window.show_page(EXPERIMENTS)
        page = window.page(EXPERIMENTS)
        running = next(v for v in journal.experiments.views() if v.status.value == "trial")
        page.select(running.id)  # type: ignore[attr-defined]
        drawn(800)
        window.grab().save(str(HERE / f"experiments{suffix}.png"))
        reviewed = next(
            v for v in journal.experiments.views() if v.status.value == "ready to review"
        )
        page.select(reviewed.id)  # type: ignore[attr-defined]
        settle(300)
        page.review.numbers_toggle.setChecked(True)  # type: ignore[attr-defined]
        drawn(300)
        page.review.grab().save(str(HERE / f"review{suffix}.png"))  # type: ignore[attr-defined]
        window.show_page(TRENDS)
        drawn(1200)
        window.grab().save(str(HERE / f"trends{suffix}.png"))
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
