"""The main window as a whole: places, shortcuts, remembered state, first run, demo, errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from wlitracker.app import open_journal
from wlitracker.core.model.errors import DatabaseError
from wlitracker.core.services import demo
from wlitracker.core.services.journal import Journal
from wlitracker.ui.feedback import CrashHandler
from wlitracker.ui.main import Launcher
from wlitracker.ui.main_window import EXPERIMENTS, SETTINGS, TODAY, TRENDS, MainWindow
from wlitracker.ui.session import Session
from wlitracker.ui.today_page import TodayPage
from wlitracker.ui.trends_page import TrendsPage


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    QCoreApplication.setOrganizationName("wlitracker-tests")
    QCoreApplication.setApplicationName("wlitracker-tests")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def session(tmp_path: Path, today: dt.date) -> Iterator[Session]:
    path = tmp_path / "journal.db"
    journal, repo = open_journal(path)
    journal.context.today = lambda: today
    yield Session(journal, path, tmp_path / "wlitracker.log", "9.9")
    repo.close()


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: TODAY in window.pages)
    return window


def test_the_first_paint_comes_before_the_page_content(qtbot: QtBot, session: Session) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.pages == {}
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.pages.get(TODAY), TodayPage))
    assert window.stack.currentWidget() is window.pages[TODAY]


def test_ctrl_number_keys_reach_every_place(qtbot: QtBot, session: Session) -> None:
    window = _window(qtbot, session)
    for index in (EXPERIMENTS, TRENDS, SETTINGS, TODAY):
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() == index
        assert window.nav.currentRow() == index
        assert window.stack.currentWidget() is window.pages[index]


def test_size_position_and_last_page_are_remembered(qtbot: QtBot, session: Session) -> None:
    window = _window(qtbot, session)
    window.resize(780, 560)
    window.show_page(TRENDS)
    window.close()
    again = MainWindow(session)
    qtbot.addWidget(again)
    assert again.size().width() == 780 and again.size().height() == 560
    again.show()
    qtbot.waitUntil(lambda: TRENDS in again.pages)
    assert again.current_page() == TRENDS


def test_a_change_refreshes_the_visible_page(
    qtbot: QtBot, session: Session, today: dt.date
) -> None:
    window = _window(qtbot, session)
    window.show_page(TRENDS)
    trends = window.pages[TRENDS]
    assert isinstance(trends, TrendsPage)
    assert len(trends.state.rows) == 0
    session.journal.check_ins.update(today, ratings={"guilt": 2})
    qtbot.waitUntil(lambda: len(trends.state.rows) == 1)


def test_a_day_opened_from_the_trends_table_shows_on_today(
    qtbot: QtBot, session: Session, today: dt.date
) -> None:
    earlier = today - dt.timedelta(days=3)
    session.journal.check_ins.update(earlier, ratings={"guilt": 2}, note="Long day")
    window = _window(qtbot, session)
    window.show_page(TRENDS)
    trends = window.pages[TRENDS]
    assert isinstance(trends, TrendsPage)

    trends.day_requested.emit(earlier)

    assert window.current_page() == TODAY
    qtbot.waitUntil(lambda: window.today_page.state.day == earlier)


def test_closing_saves_a_pending_check_in(qtbot: QtBot, session: Session, today: dt.date) -> None:
    window = _window(qtbot, session)
    page = window.today_page
    page.ratings["satisfaction"].buttons.button(6).click()
    assert page.has_unsaved_changes()
    window.close()
    assert session.journal.check_ins.get(today).ratings == {"satisfaction": 6}


def test_first_run_opens_the_welcome_and_skip_leaves_it_done(
    qtbot: QtBot, session: Session
) -> None:
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    window = launcher.open(session)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "welcome", None) is not None)
    wizard = window.welcome
    qtbot.waitUntil(wizard.isVisible)
    wizard.skip()
    assert session.journal.preferences.welcome_done()
    assert session.journal.repo.is_empty() or not session.journal.check_ins.history()


def test_a_journal_with_data_opens_without_the_welcome(
    qtbot: QtBot, session: Session, today: dt.date
) -> None:
    session.journal.check_ins.update(today, ratings={"guilt": 1})
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    window = launcher.open(session)
    qtbot.addWidget(window)
    qtbot.wait(50)
    assert getattr(window, "welcome", None) is None


def test_demo_data_opens_a_separate_labelled_journal(
    qtbot: QtBot, session: Session, tmp_path: Path, today: dt.date
) -> None:
    demo_path = tmp_path / "journal-demo.db"
    opened: list[Journal] = []

    def open_demo() -> Journal:
        journal, _ = open_journal(demo_path)
        demo.fill(journal.repo, today)
        opened.append(journal)
        return journal

    session.open_demo = open_demo
    session.demo_path = demo_path
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    first = launcher.open(session)
    qtbot.addWidget(first)
    launcher.open_demo()
    second = launcher.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert "demo" in second.windowTitle()
    assert second.session.db_path == demo_path
    assert len(opened[0].check_ins.history()) > 100
    assert session.journal.repo.is_empty()


def test_unexpected_errors_are_logged_and_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append("warning: " + args[2]))
    handler = CrashHandler(tmp_path / "wlitracker.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        handler(type(error), error, error.__traceback__)
    assert "boom" in shown[0] and str(tmp_path / "wlitracker.log") in shown[0]
    handler(DatabaseError, DatabaseError("The database is locked"), None)
    assert shown[1] == "warning: The database is locked"


def test_a_database_that_cannot_be_opened_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import wlitracker.ui.main as ui_main
    from wlitracker.app import start_window

    bad = tmp_path / "notes.db"
    bad.write_text("not a database\n" * 50)
    reported: list[str] = []
    monkeypatch.setattr(ui_main, "report_startup_error", reported.append)
    err = io.StringIO()
    assert start_window(bad, None, err) == 2
    assert "not a wlitracker database" in reported[0]
    assert err.getvalue().count("\n") == 1


def test_heavy_modules_wait_until_they_are_needed(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    subprocess.run(
        [sys.executable, "-m", "wlitracker", "--db", str(db), "demo"],
        check=True,
        capture_output=True,
    )
    code = f"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from wlitracker.app import open_journal
from wlitracker.ui.main_window import MainWindow
from wlitracker.ui.session import Session
app = QApplication([])
journal, _ = open_journal(Path({str(db)!r}))
window = MainWindow(Session(journal, Path({str(db)!r}), None, "x"))
window.show()
window.show_content()
app.processEvents()
assert window.pages, "the Today page was not built"
heavy = ("matplotlib", "numpy", "sqlite_utils", "scipy", "pandas")
print(sorted(name for name in heavy if name in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
